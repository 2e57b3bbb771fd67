"""The signed session cookie, read so that no content of it can break a page."""

from flask.sessions import SecureCookieSessionInterface


class ForgivingSessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie; a cookie that is signed but cannot be read starts a fresh session."""

    def open_session(self, app, request):
        """The session in the cookie, or an empty one if its data cannot be decoded."""
        try:
            return super().open_session(app, request)
        except (ValueError, TypeError, RecursionError):
            # Only someone with the secret key can sign such a cookie (defence in depth): deeply
            # nested or malformed JSON becomes a fresh start, never a 500.
            return self.session_class()


def init_app(app):
    """Use the forgiving session interface."""
    app.session_interface = ForgivingSessionInterface()
