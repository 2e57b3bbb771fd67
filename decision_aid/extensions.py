"""The Flask extensions, made once and bound to each app by create_app."""

import flask_babel
from flask import current_app
from flask_babel import Babel
from flask_babel import LazyString
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

babel = Babel()


def lazy_gettext(string, **variables):
    """flask_babel.lazy_gettext, translated through the Babel object's domain directly.

    Flask-Babel's own lazy strings first look for the domain in the request's context, for each of
    the 60 to 230 strings a page shows: about a twentieth of a summary page. The domain is the same
    one (web/i18n.RequestDomain), so the translations are too."""
    return LazyString(_gettext, string, **variables)


def lazy_ngettext(singular, plural, num, **variables):
    """flask_babel.lazy_ngettext, through the Babel object's domain directly (see lazy_gettext)."""
    return LazyString(_ngettext, singular, plural, num, **variables)


def _domain():
    # Set by web/i18n when an app is made; before that (a lazy string read while modules load),
    # Flask-Babel's own lookup, which answers without an app too.
    return babel.__dict__.get("domain_instance") or flask_babel.get_domain()


def _gettext(string, **variables):
    return _domain().gettext(string, **variables)


def _ngettext(singular, plural, num, **variables):
    return _domain().ngettext(singular, plural, num, **variables)


def init_pdf_rate_limit(app, endpoints, exempt_when=None):
    """Limit PDFs per client address (the real one when PROXY_COUNT trusts a proxy), except for
    requests exempt_when() picks out (the web layer's, which reads the request)."""
    # One limiter per app, so each app (and each test) keeps its own counts; Flask-Limiter keeps
    # its storage on the limiter object, so a shared one would count across apps.
    limiter = Limiter(get_remote_address)
    limiter.init_app(app)
    if limiter.enabled:
        pdf_limit = limiter.shared_limit(
            lambda: current_app.config["PDF_RATE_LIMIT"],
            scope="pdf",
            exempt_when=exempt_when,
        )
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
