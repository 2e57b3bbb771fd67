"""Pages outside the journey: start, health check, about and evidence."""

from flask import Blueprint
from flask import current_app
from flask import redirect
from flask import render_template
from flask import url_for

from decision_aid.content import about as about_aid
from decision_aid.content import evidence_page
from decision_aid.content import glossary
from decision_aid.journey import flow
from decision_aid.web import answers as stored

bp = Blueprint("pages", __name__)


@bp.route("/")
def start():
    """The start page: what the tool does, who it is for, and Start now, or, with saved answers,
    continue where you left off, see your summary, or delete them."""
    answers = stored.load()
    missing = flow.first_incomplete(answers)
    if missing:
        continue_url = url_for("flow.step", slug=missing.slug)
    else:
        continue_url = url_for("flow.check_answers")
    return render_template(
        "start.html",
        first_step_url=url_for("flow.step", slug=flow.STEPS[0].slug),
        message=stored.take_message(),
        saved=bool(answers),
        continue_url=continue_url,
        complete=missing is None,
        reading_time=about_aid.reading_time(),
    )


@bp.route("/favicon.ico")
def favicon():
    """Browsers and tools ask for /favicon.ico whatever the page says: send them to the SVG."""
    return redirect(url_for("static", filename="favicon.svg"), 301)


@bp.route("/healthz")
def healthz():
    """A cheap check for load balancers: the app is up and its evidence loaded."""
    return {"status": "ok"}


@bp.route("/about")
def about():
    """Who made the aid, how, when it will be reviewed, and what has not been done yet."""
    return render_template(
        "about.html",
        published=about_aid.PUBLISHED,
        next_review=about_aid.NEXT_REVIEW,
        evidence_checked=current_app.extensions["evidence"].checked_on,
        readability=about_aid.readability(),
        not_done=about_aid.NOT_DONE_YET,
    )


@bp.route("/glossary")
def glossary_page():
    """Plain meanings for the medical words that remain."""
    return render_template("glossary.html", terms=glossary.TERMS)


@bp.route("/evidence")
def evidence():
    """Every figure the aid shows, with its definition, range, status and source."""
    data = current_app.extensions["evidence"]
    return render_template(
        "evidence.html",
        evidence=data,
        unverified=[figure for figure in data.all_figures() if figure.status == "unverified"],
        traps=evidence_page.TRAPS,
        derivations=evidence_page.DERIVATIONS,
        badges=evidence_page.BADGES,
    )
