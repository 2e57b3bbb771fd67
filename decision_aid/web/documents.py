"""Printable documents and the hand-off link: the summary PDF, the handout PDF and /handoff."""

from babel import Locale
from flask import Blueprint
from flask import Response
from flask import current_app
from flask import make_response
from flask import render_template
from flask import request
from flask_babel import force_locale
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from decision_aid.content import about
from decision_aid.content import current_evidence
from decision_aid.content import doctor_questions
from decision_aid.content import numbers
from decision_aid.content import options
from decision_aid.content import since_trials
from decision_aid.content import sure
from decision_aid.content import values
from decision_aid.extensions import lazy_gettext as _l
from decision_aid.journey import flow
from decision_aid.journey import summary as summaries
from decision_aid.printing import handoff
from decision_aid.printing import languages
from decision_aid.printing import page_css
from decision_aid.printing import pdf
from decision_aid.web import answers as stored
from decision_aid.web import errors
from decision_aid.web import handout_cache
from decision_aid.web import i18n
from decision_aid.web import public_url
from decision_aid.web.journey import handoff_link
from decision_aid.web.journey import redirect_to_first_incomplete

bp = Blueprint("documents", __name__)

# Where Letter paper is the norm; everyone else gets A4 unless they ask (?paper=letter).
LETTER_REGIONS = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "PR"}
# How long to suggest waiting after a busy or stuck render.
RETRY_AFTER_SECONDS = 10
# Lines to write questions on in the handout.
WRITING_LINES = 6
# The PDF routes share one rate limit (extensions.init_pdf_rate_limit). They are named in errors,
# whose pages offer a refused PDF again: that module cannot import this one, which imports it.
PDF_ENDPOINTS = errors.DOCUMENTS


def is_head():
    """Whether this is a HEAD, which the PDF rate limit lets through: for the summary it renders
    nothing, and a handout is rendered once per version and then kept, so it need not use up a
    clinic's PDFs."""
    return request.method == "HEAD"


# The id on the second language's part: the PDF's named destination that says where it starts.
ALSO_ANCHOR = "summary-also"
SUMMARY_FILENAME = "lenalidomide-summary.pdf"


@bp.route("/summary.pdf")
def summary_pdf():
    """The person's summary as a PDF, with the hand-off page first (?also=: then in a second language)."""
    answers = stored.load()
    if flow.first_incomplete(answers):
        return redirect_to_first_incomplete(answers)
    if is_head():
        # A link checker or download manager asking what is there: render nothing, since a PDF
        # made from answers is never kept and its render is the whole cost of the request.
        return pdf_file(None, SUMMARY_FILENAME)
    lang = str(get_locale())
    link = handoff_link(answers, handoff.PRINT_PIXELS_PER_MODULE)
    parts = [summary_part(answers, link, lang)]
    also = request.args.get("also", "")
    # Only a configured language other than the person's; anything else is ignored.
    second = also if also in i18n.supported_languages() and also != lang else None
    if second:
        with force_locale(second):
            parts.append(summary_part(answers, link, second, original=lang))
    return pdf_response(
        "pdf/summary.html",
        _("Your summary"),
        SUMMARY_FILENAME,
        parts=parts,
        second_language=(ALSO_ANCHOR, second) if second else None,
    )


def summary_part(answers, link, lang, original=None):
    """One language's summary, rendered in the current locale (page 1 for the care team, then details)."""
    html = render_template(
        "pdf/_summary_part.html",
        **summary_context(answers, link),
        for_print=True,
        large_print=request.args.get("size") == "large",
        part={
            "lang": lang,
            "first": original is None,
            "anchor": ALSO_ANCHOR,
            "language_name": i18n.LANGUAGE_NAMES.get(lang, lang),
            # The person's language named in this part's language ("espagnol", "Spanish").
            "original_language": Locale.parse(original).get_display_name(lang) if original else None,
        },
    )
    return {"lang": lang, "anchor": ALSO_ANCHOR, "html": Markup(html)}  # noqa: S704 - our own template's output, escaped there


@bp.route("/handout.pdf")
def handout_pdf():
    """The general handout: the decision, both options, SURE, a values worksheet, questions.

    The same for everyone (no answers), so rendered once per version and then served from memory."""
    cached = handout_cache.cache()
    version = handout_cache.key(
        lang=str(get_locale()),
        paper=chosen_paper(),
        large=request.args.get("size") == "large",
        evidence_checked=current_evidence().checked_on,
        version=about.VERSION,
        aid_link=public_url.external_url("pages.start"),
    )
    body = cached.get(version)
    if body is not None:
        return pdf_file(body, "lenalidomide-handout.pdf")
    response = pdf_response(
        "pdf/handout.html", str(options.DECISION), "lenalidomide-handout.pdf", **handout_context()
    )
    if response.status_code == 200:
        cached.put(version, response.get_data())
    return response


def handout_context():
    """The handout's parts, from the same modules the web pages use."""
    default_set = current_evidence().default_set
    aid_link = public_url.external_url("pages.start")
    return {
        "options": list(options.OPTIONS.values()),
        "factors": values.FACTORS,
        "importance": values.IMPORTANCE,
        "sure_items": sure.ITEMS,
        "yes_no": sure.YES_NO,
        "sure_citation": sure.CITATION,
        "sure_notice": sure.unvalidated_notice(),
        "general_questions": [s for s in doctor_questions.SUGGESTIONS if s.applies is None],
        "writing_lines": WRITING_LINES,
        # Every outcome of the headline study, and survival as the evidence as a whole, as on the summary.
        "comparison_set": default_set,
        "outcome_rows": summaries.headline_rows(),
        "colour_key": numbers.TABLE_KEY,
        "survival": options.SURVIVAL,
        "leanings": list(summaries.LEANINGS.values()),
        "better": values.OPTION_NAMES,
        # The sources of what the handout states: the numbers, survival, guidelines, newer studies.
        "sources": summaries.sources_for(since_trials.fact_ids()),
        "guidelines": since_trials.guidelines(),
        "since": since_trials.sections(),
        # The aid's address and its QR code, so a paper-only reader can find the rest.
        "aid_link": aid_link,
        "aid_qr": handoff.address_qr(aid_link) if aid_link else (None, 0),
    }


@bp.route("/handoff", methods=("GET", "POST"), endpoint="handoff")
def handoff_page():
    """Open a hand-off link: the page's script posts the token from the link's # part."""
    if request.method != "POST":  # GET, and HEAD (a link checker), which must answer as GET does
        return render_template("handoff.html", shared=None, problem=None)
    token = request.form.get("token") or request.form.get("link") or ""
    try:
        shared = handoff.read_for_app(token)
    except handoff.OlderLink:
        return handoff_problem(OLDER_VERSION)
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
        return handoff_problem(OLDER_VERSION)
    # Shown, never saved: the answers do not go into this browser's session.
    return render_template("handoff.html", shared=shared, problem=None, **summary_context(shared.answers))


# A link printed before the current format, or before a question changed. Not a code: a message.
OLDER_VERSION = _l("This link was made with an older version of this aid. Ask the person to make a new one.")


def incomplete(answers):
    """Whether any question that applies has no answer (pages to read do not count here)."""
    questions = [step for step in flow.applicable_steps(answers) if step.is_question]
    return any(name not in answers for step in questions for name in step.fields)


def handoff_problem(message):
    """The hand-off page again, with a plain message about the link."""
    return render_template("handoff.html", shared=None, problem=message), 400


def summary_context(answers, link=None):
    """What the summary partials need; the hand-off link only where the person's own summary is."""
    return {"summary": summaries.build(answers), "handoff": link, "no_maintenance": options.NO_MAINTENANCE}


def pdf_response(template, title, filename, second_language=None, **context):
    """Render a PDF template and send it, or the 503 page if the renderer is busy or stuck."""
    lang = str(get_locale())
    paper = chosen_paper()
    large = request.args.get("size") == "large"
    full_title = _("%(title)s – %(aid)s", title=title, aid=about.AID_NAME)
    html = render_template(
        template,
        lang=lang,
        title=full_title,
        large_print=large,
        for_print=True,
        aid_name=about.AID_NAME,
        decision=options.DECISION,
        public_base=public_url.base_url(),
        **context,
    )
    shared_css = page_css.shared_stylesheets(current_app.static_folder)
    also = second_language[1] if second_language else None
    css = [page_css.page_css(paper, large, current_evidence().checked_on, second_language=also)]
    try:
        body = pdf.render_pdf(html, lang=lang, title=full_title, css=css, shared_css=shared_css)
        if second_language:
            # WeasyPrint tags only the document's language; the second part gets its own /Lang.
            body = languages.tag_part(body, *second_language)
    except pdf.PdfUnavailable:
        # The plain "try again in a moment" page, with a hint for browsers and proxies.
        busy = make_response(*errors.error_page(503))
        busy.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return busy
    return pdf_file(body, filename)


def pdf_file(body, filename):
    """A PDF response, shown in the browser with a sensible name if saved (body None: headers only)."""
    response = Response(body, mimetype="application/pdf")
    if body is None:
        # Only rendering would tell the length; a HEAD is not told "0" instead.
        response.automatically_set_content_length = False
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def chosen_paper():
    """A4 or Letter: ?paper= if valid, else Letter where it is the norm, else A4."""
    asked = request.args.get("paper", "").lower()
    if asked in page_css.PAPER_SIZES:
        return asked
    # The region of the reader's first language: "de, en-US;q=0.7" is a German reader (A4) who also
    # reads English, and "es, es-MX;q=0.9" a Mexican one (Letter).
    tags = [tag.replace("_", "-").lower().split("-") for tag, _quality in request.accept_languages]
    for subtags in tags:
        if subtags[0] == tags[0][0] and (region := region_of(subtags)):
            return "letter" if region in LETTER_REGIONS else "a4"
    return "a4"


def region_of(subtags):
    """The region of a language tag split at its hyphens ("en-Latn-US" → "US"), or ""."""
    for subtag in subtags[1:]:
        if len(subtag) == 1:
            return ""  # an extension or private use ("x-…") follows: no region came first
        if (len(subtag) == 2 and subtag.isalpha()) or (len(subtag) == 3 and subtag.isdigit()):
            return subtag.upper()
    return ""
