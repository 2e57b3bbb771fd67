"""Printable documents and the hand-off link: the summary PDF, the handout PDF and /handoff."""

from datetime import date
from pathlib import Path

from flask import Blueprint
from flask import Response
from flask import current_app
from flask import g
from flask import make_response
from flask import render_template
from flask import request
from flask_babel import format_date
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter import Limiter

import decision_aid
from decision_aid import answers as stored
from decision_aid import doctor_questions
from decision_aid import errors
from decision_aid import flow
from decision_aid import handoff
from decision_aid import numbers
from decision_aid import options
from decision_aid import pdf
from decision_aid import summary as summaries
from decision_aid import sure
from decision_aid import values
from decision_aid.views import redirect_to_first_incomplete

bp = Blueprint("documents", __name__)

DEFAULTS = {
    # Per client address. A clinic of 20 people behind one address, each printing a summary and
    # a handout, makes 40 PDFs: well inside. One PDF costs about 220 page views (guide section 6).
    "PDF_RATE_LIMIT": "60 per minute",
    # memory:// counts per process; set FLASK_RATELIMIT_STORAGE_URI (e.g. redis://) to share counts.
    "RATELIMIT_STORAGE_URI": "memory://",
    "HANDOFF_MAX_AGE": handoff.DEFAULT_MAX_AGE,
}

AID_NAME = _l("Lenalidomide after transplant: a decision aid")
DECISION = options.DECISION

# The summary's parts, shared with the summary page (templates/summary/). Page 1 is the one-page
# hand-off for the clinician: the leaning, then
# the link (early, so it is always on page 1), what matters, understanding, SURE, points to
# discuss and questions. The rest follows on later pages.
HANDOFF_LINK_BLOCK = "summary/_handoff.html"
HANDOFF_PAGE_BLOCKS = [
    "summary/_decision.html",
    HANDOFF_LINK_BLOCK,
    "summary/_top_values.html",
    "summary/_knowledge.html",
    "summary/_sure.html",
    "summary/_notes.html",
    "summary/_questions.html",
]
DETAIL_BLOCKS = [
    "summary/_numbers.html",
    "summary/_taking_it.html",
    "summary/_answers.html",
    "summary/_sources.html",
]

PAPER_SIZES = {"a4": "A4", "letter": "letter"}
# Where Letter paper is the norm; everyone else gets A4 unless they ask (?paper=letter).
LETTER_REGIONS = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "PR"}
# Footer and page margins in millimetres: normal print, then large print.
PAGE_MARGINS = {False: "12mm 16mm 24mm", True: "12mm 14mm 40mm"}
FOOTER_SIZES = {False: "7.5pt", True: "11pt"}
# How long to suggest waiting after a busy or stuck render.
RETRY_AFTER_SECONDS = 10
# Lines to write questions on in the handout.
WRITING_LINES = 6
PDF_ENDPOINTS = ("documents.summary_pdf", "documents.handout_pdf")


def init_app(app):
    """Register the routes, the PDF rate limit and the hand-off link for templates."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    pdf.init_app(app)
    app.register_blueprint(bp)
    app.jinja_env.globals["handoff_link"] = session_handoff_link
    # One limiter per app, so each app (and each test) has its own counts.
    limiter = Limiter(client_address)
    limiter.init_app(app)
    if limiter.enabled:
        pdf_limit = limiter.shared_limit(lambda: current_app.config["PDF_RATE_LIMIT"], scope="pdf")
        for endpoint in PDF_ENDPOINTS:
            app.view_functions[endpoint] = pdf_limit(app.view_functions[endpoint])


def client_address():
    """The client's address (the real one when ProxyFix is configured with PROXY_COUNT)."""
    return request.remote_addr or "unknown"


@bp.route("/summary.pdf")
def summary_pdf():
    """The person's summary as a PDF, with the hand-off page first."""
    # A code no question offers (a changed version, or a damaged cookie) counts as unanswered.
    answers = handoff.valid_answers(stored.load())
    if flow.first_incomplete(answers):
        return redirect_to_first_incomplete(answers)
    context = summary_context(answers)
    context["handoff"] = handoff.make_link(answers)
    title = _("Your summary")
    return pdf_response("pdf/summary.html", title, "lenalidomide-summary.pdf", **context)


@bp.route("/handout.pdf")
def handout_pdf():
    """The general handout: the decision, both options, SURE, a values worksheet, questions."""
    return pdf_response("pdf/handout.html", str(DECISION), "lenalidomide-handout.pdf", **handout_context())


def handout_context():
    """The handout's parts, from the same modules the web pages use."""
    return {
        "options": list(options.OPTIONS.values()),
        "factors": values.FACTORS,
        "importance": values.IMPORTANCE,
        "sure_items": sure.ITEMS,
        "yes_no": sure.YES_NO,
        "sure_citation": sure.CITATION,
        "general_questions": [s for s in doctor_questions.SUGGESTIONS if s.applies is None],
        "writing_lines": WRITING_LINES,
        # The main benefit and the main harm at one horizon, as on the summary.
        "comparison_set": current_app.extensions["evidence"].default_set,
        "views": numbers.set_view(current_app.extensions["evidence"].default_set)[:2],
    }


@bp.route("/handoff", methods=("GET", "POST"), endpoint="handoff")
def handoff_page():
    """Open a hand-off link: the page's script posts the token from the link's # part."""
    if request.method == "GET":
        return render_template("handoff.html", shared=None, problem=None)
    token = request.form.get("token") or request.form.get("link") or ""
    try:
        shared = handoff.read_for_app(token)
    except handoff.ExpiredLink:
        return handoff_problem(
            _("This link has expired. Ask the person to make a new one from their summary.")
        )
    except handoff.HandoffError:
        return handoff_problem(
            _("This link does not work. Check you copied all of it, or ask the person to make a new one.")
        )
    if incomplete(shared.answers):
        # A genuine link from an older version of the aid, whose questions have changed since.
        return handoff_problem(
            _("This link was made with an older version of this aid. Ask the person to make a new one.")
        )
    # Shown, never saved: the answers do not go into this browser's session.
    return render_template(
        "handoff.html", shared=shared, problem=None, **summary_context(shared.answers, with_link=False)
    )


def incomplete(answers):
    """Whether any question that applies has no answer (pages to read do not count here)."""
    questions = [step for step in flow.applicable_steps(answers) if step.is_question]
    return any(name not in answers for step in questions for name in step.fields)


def handoff_problem(message):
    """The hand-off page again, with a plain message about the link."""
    return render_template("handoff.html", shared=None, problem=message), 400


def summary_context(answers, with_link=True):
    """What the summary partials need, and which of them go on page 1 and after."""
    return {
        "summary": summaries.build(answers),
        "page_one_blocks": [name for name in HANDOFF_PAGE_BLOCKS if with_link or name != HANDOFF_LINK_BLOCK],
        "detail_blocks": DETAIL_BLOCKS,
    }


def session_handoff_link():
    """The hand-off link for this session's answers, or None until the journey is complete."""
    if "handoff_link" not in g:
        answers = handoff.valid_answers(stored.load())
        complete = answers and not flow.first_incomplete(answers)
        g.handoff_link = handoff.make_link(answers) if complete else None
    return g.handoff_link


def pdf_response(template, title, filename, **context):
    """Render a PDF template and send it, or the 503 page if the renderer is busy or stuck."""
    lang = str(get_locale())
    paper = chosen_paper()
    large = request.args.get("size") == "large"
    full_title = _("%(title)s – %(aid)s", title=title, aid=AID_NAME)
    html = render_template(
        template,
        lang=lang,
        title=full_title,
        large_print=large,
        for_print=True,
        aid_name=AID_NAME,
        decision=DECISION,
        **context,
    )
    try:
        body = pdf.render_pdf(html, lang=lang, title=full_title, css=stylesheets(paper, large))
    except pdf.PdfUnavailable:
        # The plain "try again in a moment" page, with a hint for browsers and proxies.
        busy = make_response(*errors.error_page(503))
        busy.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return busy
    response = Response(body, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def chosen_paper():
    """A4 or Letter: ?paper= if valid, else Letter where it is the norm, else A4."""
    asked = request.args.get("paper", "").lower()
    if asked in PAPER_SIZES:
        return asked
    for tag, _quality in request.accept_languages:
        region = tag.replace("_", "-").partition("-")[2].upper()
        if region:
            return "letter" if region in LETTER_REGIONS else "a4"
    return "a4"


def stylesheets(paper, large):
    """The PDF's CSS as strings: the shared stylesheet, then the page and its footer."""
    static_css = Path(current_app.static_folder, "pdf-print.css").read_text(encoding="utf-8")
    return [static_css, page_css(paper, large)]


def page_css(paper, large):
    """The @page rule: paper size, margins, and the footer in the margin boxes on every page."""
    evidence_line = [_("%(aid)s, version %(version)s", aid=AID_NAME, version=version())]
    checked = evidence_date()
    if checked:
        evidence_line.append(_("Evidence checked: %(date)s", date=format_date(checked, "long")))
    lines = [
        _("This does not replace talking with your care team."),
        ". ".join(evidence_line) + ".",
        _("Made on %(date)s", date=format_date(date.today(), "long")),
    ]
    left = ' "\\A" '.join(css_string(line) for line in lines)
    right = css_content(_("Page %(page)s of %(pages)s", page="\0page\0", pages="\0pages\0"))
    # Margin boxes do not inherit the body's font, so each one sets it (ENGINEERING.md 1.5).
    box = (
        f'font-family: "DejaVu Sans", "Liberation Sans", sans-serif; font-size: {FOOTER_SIZES[large]};'
        " line-height: 1.35; color: #000; white-space: pre-wrap; vertical-align: top; padding-top: 3mm;"
    )
    return (
        f"@page {{ size: {PAPER_SIZES[paper]}; margin: {PAGE_MARGINS[large]};\n"
        f"  @bottom-left {{ content: {left}; width: 82%; {box} }}\n"
        f"  @bottom-right {{ content: {right}; width: 18%; text-align: right; {box} }}\n"
        "}\n"
    )


def css_string(text):
    """Text as a quoted CSS string: anything but letters, digits and spaces is hex-escaped."""
    # The space after each escape ends it and is not shown (CSS Syntax 4.3.7).
    return '"' + "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} " for ch in str(text)) + '"'


def css_content(text):
    """A translated sentence with \\0page\\0 markers as CSS content with page counters."""
    parts = str(text).split("\0")
    counters = {"page": "counter(page)", "pages": "counter(pages)"}
    pieces = [counters[part] if index % 2 else css_string(part) for index, part in enumerate(parts)]
    return " ".join(piece for piece in pieces if piece != '""')


def version():
    """The aid's version number."""
    return decision_aid.__version__


def evidence_date():
    """When the evidence was last checked (the evidence module's checked_on), else the version's date."""
    checked = getattr(current_app.extensions.get("evidence"), "checked_on", None)
    # No date is better than a made-up one: without either, the footer leaves the line out.
    return checked or getattr(decision_aid, "__version_date__", None)
