"""The form token check on every post: Flask-WTF's CSRFProtect, which also accepts a token that a
key in SECRET_KEY_FALLBACKS signed.

After a key change, Flask still opens session cookies signed with an old key, but Flask-WTF checks
form tokens with the current key only: a page opened just before the change failed with "Your page
timed out", and "Finish and clear for the next patient" left the answers on a shared computer.
"""

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
        """Check the post's form token with the current key, then with each fallback key."""
        try:
            super().protect(apply_exemptions)
        except CSRFError:
            if not signed_with_a_fallback_key(request.form.get(current_app.config["WTF_CSRF_FIELD_NAME"])):
                raise
            # What Flask-WTF marks after a good token: the form's own check then passes too.
            g.csrf_valid = True


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
