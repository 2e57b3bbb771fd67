"""Clinic mode, for a shared computer: what it does, switching it on, and finish-and-clear."""

from flask import Blueprint
from flask import redirect
from flask import render_template
from flask import url_for

from decision_aid.web import answers as stored

bp = Blueprint("clinic", __name__)


@bp.route("/clinic", methods=("GET",))
def about_clinic_mode():
    """Explain clinic mode, with a button that switches it on (a GET never changes anything)."""
    return render_template("clinic.html")


@bp.route("/clinic", methods=("POST",))
def switch_on():
    """Switch clinic mode on in this browser, deleting any answers already saved here."""
    stored.switch_on_clinic_mode()
    return redirect(url_for("pages.start"), 303)


@bp.route("/finish", methods=("POST",))
def finish():
    """Delete the answers and go back to the start page, still in clinic mode and the same language."""
    message = stored.take_message()
    stored.clear_answers(message)
    response = redirect(url_for("pages.start"), 303)
    # Not "cookies": the new cookie keeps clinic mode and the language for the next patient, and
    # replaces the old one (which held the answers) in the same response.
    response.headers["Clear-Site-Data"] = '"storage"'
    return response


@bp.route("/clinic/still-here", methods=("POST",))
def still_here():
    """The idle warning's Keep my answers: activity that restarts the 20 minutes (nothing else)."""
    return "", 204
