"""Plain-language error pages for every HTTP error the app can raise."""

from flask import render_template
from flask import session
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from decision_aid.extensions import csrf

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


def error_page(status):
    """Render the plain-language page for an HTTP status."""
    heading, advice = MESSAGES[status]
    return render_template("error.html", heading=heading, advice=advice), status


def handle_error(error):
    """Show the error page for the error's status code, in general words where it has none of its own."""
    status = getattr(error, "code", 500) or 500
    if status == 500:
        # Whatever went wrong may involve the answers: do not leave them on a shared device.
        session.clear()
    if status in MESSAGES:
        return error_page(status)
    heading, advice = OTHER_CLIENT_ERROR if 400 <= status < 500 else MESSAGES[500]
    return render_template("error.html", heading=heading, advice=advice), status
