"""Plain-language error pages for every HTTP error the app can raise."""

from flask import current_app
from flask import render_template
from flask import request
from flask import session
from flask import url_for
from flask.globals import request_ctx
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import SecurityError

from decision_aid.extensions import lazy_gettext as _l
from decision_aid.printing import page_css
from decision_aid.web import compression
from decision_aid.web.form_tokens import csrf

# For a client error we have no words of its own for (405, 415, …).
OTHER_CLIENT_ERROR = (
    _l("We could not use that request"),
    _l("Go back to the start and try again."),
)

MESSAGES = {
    404: (_l("Page not found"), _l("If you typed the web address, check it is correct.")),
    400: (
        _l("Your page timed out"),
        _l("We could not use what you sent. Go back to the start and try again."),
    ),
    413: (
        _l("What you sent is too long"),
        _l("Go back, make your text shorter and try again."),
    ),
    429: (
        _l("Too many requests"),
        _l("Wait a minute, then try again."),
    ),
    500: (
        _l("Sorry, there is a problem with the service"),
        _l("Try again later. Your answers on this device have been cleared to keep them private."),
    ),
    503: (
        _l("The service is busy"),
        _l("Try again in a moment."),
    ),
}


def init_app(app):
    """Protect every POST against cross-site requests and register the error pages."""
    csrf.init_app(app)
    # A stale form outside the journey gets the plain 400 page (the journey re-shows its step).
    app.register_error_handler(CSRFError, lambda error: error_page(400))
    app.register_error_handler(HTTPException, handle_error)
    app.register_error_handler(500, handle_error)


# A PDF refused because the renderer is busy (503) or asked for too often (429) offers the same
# document again, with only known argument values (compression.known_arguments: BREACH).
DOCUMENTS = ("documents.summary_pdf", "documents.handout_pdf")
DOCUMENT_ARGUMENTS = {"paper": tuple(page_css.PAPER_SIZES), "size": ("large",)}


def error_page(status, words=None):
    """Render the plain-language page for an HTTP status."""
    heading, advice = words or MESSAGES[status]
    links_without_a_host()
    retry = document_links() if status in (429, 503) else None
    return render_template("error.html", heading=heading, advice=advice, retry=retry), status


def document_links():
    """For a refused PDF: its address again, and the summary's for the summary PDF; else None."""
    if request.endpoint not in DOCUMENTS:
        return None
    args = compression.known_arguments({**DOCUMENT_ARGUMENTS, "also": current_app.config["LANGUAGES"]})
    summary = url_for("flow.summary_page") if request.endpoint == "documents.summary_pdf" else None
    return {"document": url_for(request.endpoint, **args), "summary": summary}


def handle_error(error):
    """Show the error page for the error's status code, in general words where it has none of its own."""
    status = getattr(error, "code", 500) or 500
    if status == 500:
        # Whatever went wrong may involve the answers: do not leave them on a shared device.
        session.clear()
    if isinstance(error, SecurityError) or status == 400 or status not in MESSAGES:
        # A refused Host header or a malformed request is not a page that timed out (CSRF is).
        page, status = error_page(status, OTHER_CLIENT_ERROR if 400 <= status < 500 else MESSAGES[500])
    else:
        page, status = error_page(status)
    # The headers the error carries that a client acts on: the methods a 405's address takes
    # (RFC 9110), and when to try a 429 again (Flask-Limiter's Retry-After).
    kept = {"allow", "retry-after"}
    carried = error.get_headers() if isinstance(error, HTTPException) else []
    headers = [(name, value) for name, value in carried if name.lower() in kept]
    return page, status, headers


def links_without_a_host():
    """Let the error page build its links when the Host header was refused or could not be parsed."""
    # Flask makes no URL adapter for such a request, and url_for would fail; the page only needs
    # paths, so an adapter bound to a placeholder host is safe (no link carries the host).
    if request_ctx.url_adapter is None:
        url_map = current_app.url_map
        request_ctx.url_adapter = url_map.bind("localhost", script_name=request.script_root or "/")
