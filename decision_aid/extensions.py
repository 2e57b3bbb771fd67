"""The Flask extensions, made once and bound to each app by create_app."""

from flask import current_app
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
babel = Babel()


def init_pdf_rate_limit(app, endpoints):
    """Limit PDFs per client address (the real one when PROXY_COUNT trusts a proxy)."""
    # One limiter per app, so each app (and each test) keeps its own counts; Flask-Limiter keeps
    # its storage on the limiter object, so a shared one would count across apps.
    limiter = Limiter(get_remote_address)
    limiter.init_app(app)
    if limiter.enabled:
        pdf_limit = limiter.shared_limit(lambda: current_app.config["PDF_RATE_LIMIT"], scope="pdf")
        for endpoint in endpoints:
            app.view_functions[endpoint] = pdf_limit(app.view_functions[endpoint])
    return limiter
