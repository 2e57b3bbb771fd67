"""Plain-language error pages, and a timed-out form that keeps the person's answers."""

from flask import render_template
from flask import request
from flask import session
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from flask_wtf.csrf import CSRFProtect

from decision_aid import answers as stored
from decision_aid import flow

csrf = CSRFProtect()

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
    app.register_error_handler(CSRFError, handle_csrf_error)
    for status in MESSAGES:
        app.register_error_handler(status, handle_error)


def error_page(status):
    """Render the plain-language page for an HTTP status."""
    heading, advice = MESSAGES[status]
    return render_template("error.html", heading=heading, advice=advice), status


def handle_error(error):
    """Show the error page for the error's status code."""
    status = getattr(error, "code", 500) or 500
    if status == 500:
        # Whatever went wrong may involve the answers: do not leave them on a shared device.
        session.clear()
    return error_page(status if status in MESSAGES else 500)


def handle_csrf_error(error):
    """Re-show a timed-out question with the person's choice kept, or the plain 400 page."""
    current = flow.step_for((request.view_args or {}).get("slug", ""))
    if request.endpoint == "flow.step" and current is not None:
        from decision_aid.views import build_form
        from decision_aid.views import render_step

        answers = stored.load()
        # Rebuild the form from what was posted (not saved), so nothing the person chose is lost.
        form = build_form(current, answers, formdata=request.form, meta={"csrf": False})
        return render_step(current, form, answers, request.args.get("change") == "1", timed_out=True)
    return error_page(400)
