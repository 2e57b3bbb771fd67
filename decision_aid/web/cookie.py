"""The signed session cookie, read so that no content of it can break a page, and written only
when it changed or is due a refresh."""

import json
import time

from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature

# A permanent session's cookie is re-signed, to move its expiry on, when it is older than this.
# Flask re-signs it on every response (SESSION_REFRESH_EACH_REQUEST), which cost every page a
# JSON dump, a zlib pass and an HMAC of the answers, and a Set-Cookie header. Refreshed hourly, a
# cookie still lasts PERMANENT_SESSION_LIFETIME (7 days) from the last visit, give or take an hour.
REFRESH_AFTER_SECONDS = 3600


def now():
    """The time in seconds; behind a function so tests can move the clock."""
    return time.time()


class PlainJSONSerializer:
    """The session as JSON, written as Flask writes it (compact, keys sorted, ASCII), without tags.

    Flask's serializer tags tuples, bytes, dates and markup so that they come back as they were,
    and walks every value to look for tags when it reads a cookie: 0.02 ms of every page here. Our
    session holds only strings, numbers, booleans, lists and dicts, so the cookie is the same; a
    value JSON cannot hold is refused (TypeError) when the cookie is written."""

    def dumps(self, value):
        """The session as compact JSON."""
        return json.dumps(value, separators=(",", ":"), sort_keys=True)

    def loads(self, value):
        """The session from its JSON."""
        return json.loads(value)


class ForgivingSessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie; a cookie that is signed but cannot be read starts a fresh session."""

    serializer = PlainJSONSerializer()

    def open_session(self, app, request):
        """The session in the cookie, or an empty one if its data cannot be decoded."""
        try:
            return self._open(app, request)
        except (ValueError, TypeError, RecursionError):
            # Only someone with the secret key can sign such a cookie (defence in depth): deeply
            # nested or malformed JSON becomes a fresh start, never a 500.
            return self.session_class()

    def _open(self, app, request):
        """Flask's open_session, keeping when the cookie was signed."""
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            data, signed_at = serializer.loads(value, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        session = self.session_class(data)
        if not isinstance(session.get("csrf_token", ""), str):
            # Flask-WTF compares the posted token with this one as text; anything else was a 500.
            raise ValueError("the form token in the cookie is not text")
        session.signed_at = signed_at.timestamp()
        return session

    def should_set_cookie(self, app, session):
        """Set-Cookie when the session changed, or when a permanent one is due a refresh."""
        if session.modified:
            return True
        if not (session.permanent and app.config["SESSION_REFRESH_EACH_REQUEST"]):
            return False
        signed_at = getattr(session, "signed_at", None)
        return signed_at is None or now() - signed_at >= REFRESH_AFTER_SECONDS


def init_app(app):
    """Use the forgiving session interface."""
    app.session_interface = ForgivingSessionInterface()
