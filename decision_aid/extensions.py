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
    skip_check_on_every_request(app, limiter)
    return limiter


def skip_check_on_every_request(app, limiter):
    """Drop Flask-Limiter's before-request check when it has nothing to check."""
    # That check only applies default and application-wide limits (RATELIMIT_DEFAULT,
    # RATELIMIT_APPLICATION), which we do not set; the PDF routes' decorator checks their own
    # limit. It cost every page about a twentieth of its time. If an operator sets a default
    # limit, the check stays.
    manager = limiter.limit_manager
    if manager.default_limits or manager.application_limits:
        return
    hooks = app.before_request_funcs.get(None, [])
    if limiter._check_request_limit in hooks:
        hooks.remove(limiter._check_request_limit)
