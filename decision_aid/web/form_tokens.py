"""The form token check on every post: Flask-WTF's CSRFProtect, which also accepts a token that a
key in SECRET_KEY_FALLBACKS signed, then refuses a post over HTTPS that another site sent.

After a key change, Flask still opens session cookies signed with an old key, but Flask-WTF checks
form tokens with the current key only: a page opened just before the change failed with "Your page
timed out", and "Finish and clear for the next patient" left the answers on a shared computer.
"""

from urllib.parse import urlsplit

from flask import current_app
from flask import g
from flask import request
from flask_wtf.csrf import CSRFError
from flask_wtf.csrf import CSRFProtect
from flask_wtf.csrf import validate_csrf
from wtforms.validators import ValidationError


class KeyFallbackCSRFProtect(CSRFProtect):
    """CSRFProtect that tries the fallback keys when the current one refuses a form token."""

    def protect(self, apply_exemptions=False):
        """Check a post's form token with the current key, then with each fallback key; then refuse it
        if its browser says another site sent it."""
        try:
            super().protect(apply_exemptions)
        except CSRFError:
            if not signed_with_a_fallback_key(self._get_csrf_token()):
                raise
            # What Flask-WTF marks after a good token: the form's own check then passes too.
            g.csrf_valid = True
        # Here, not in a hook of its own: it runs where the token check does, after stale answers are
        # cleared (web/answers.py), so a refused post never shows a page built from them; and only
        # for a post whose token was checked (not an exempt view).
        if g.get("csrf_valid"):
            check_same_origin()


def check_same_origin():
    """Refuse a post over HTTPS that its browser says came from another site."""
    # Over HTTPS only, as Flask-WTF's own check: behind a TLS proxy that does not pass on the scheme
    # and host (FLASK_PROXY_COUNT unset), the address the app sees is not the one the browser sent.
    if not request.is_secure:
        return
    # Browsers send Origin with every form post; "null" (a privacy setting, a sandboxed page) says
    # nothing, so the Referer is read then, and a post with neither rests on its token alone.
    claimed = request.headers.get("Origin", "null")
    if claimed == "null":
        referrer = urlsplit(request.headers.get("Referer", ""))
        claimed = f"{referrer.scheme}://{referrer.netloc}" if referrer.netloc else None
    if claimed is not None and claimed != request.host_url.rstrip("/"):
        raise CSRFError("The post came from another site.")


def signed_with_a_fallback_key(token):
    """Whether a key in SECRET_KEY_FALLBACKS signed this token for this session."""
    for key in current_app.config.get("SECRET_KEY_FALLBACKS") or ():
        try:
            validate_csrf(token, secret_key=key)
        except ValidationError:
            continue
        return True
    return False


csrf = KeyFallbackCSRFProtect()
