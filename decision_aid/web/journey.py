"""The journey's pages: one view for every step, check your answers, summary, start again;
a timed-out form is shown again with the person's answers kept."""

# Query values the journey reads besides a step's own: `change=1` (from check answers),
# `from=sure` (a page a SURE "no" pointed to; Continue goes back to the SURE result) and
# `again=1` (answer SURE again, starting from empty choices).

from flask import Blueprint
from flask import current_app
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_wtf.csrf import CSRFError

from decision_aid.journey import flow
from decision_aid.journey import forms
from decision_aid.journey import read_pages
from decision_aid.journey import summary
from decision_aid.printing import handoff
from decision_aid.web import answers as stored
from decision_aid.web import errors
from decision_aid.web import public_url

bp = Blueprint("flow", __name__)


def url_for_slug(slug, changing=False, **query):
    """The address of a step or of the check-answers page."""
    if slug == flow.CHECK_ANSWERS:
        return url_for("flow.check_answers")
    return url_for("flow.step", slug=slug, change=1 if changing else None, **query)


def sure_result_url():
    """The SURE result, offering the four questions again (after looking back at a page)."""
    return url_for_slug(flow.SURE_RESULT, revisited=1)


def revisiting_for_sure(current, answers):
    """Whether the person came to this page from a SURE "no" (and has answered SURE)."""
    sure_step = flow.step_for("sure")
    return (
        request.args.get("from") == "sure"
        and current.slug in read_pages.SURE_REVISITABLE
        and flow.is_complete(sure_step, answers)
    )


def after_revisit(current):
    """Where Continue goes on a page opened from a SURE "no"."""
    following = flow.SURE_REVISIT_NEXT.get(current.slug)
    return url_for_slug(following, **{"from": "sure"}) if following else sure_result_url()


def redirect_to_first_incomplete(answers, asked_for_later_page=True):
    """Send the person to the first step still waiting for them (ASVS 2.3.1: no skipping)."""
    missing = flow.first_incomplete(answers)
    if missing and asked_for_later_page and request.method == "GET":
        # A link or bookmark to a later page: the question shown next says why it is not that page.
        stored.leave_message(stored.LATER_PAGE)
    return redirect(url_for_slug(missing.slug if missing else flow.CHECK_ANSWERS))


# Only the journey's own slugs: a post to /about or /healthz gets 405 (Method Not Allowed) from the
# routing, not this view's form-token check ("Your page timed out").
STEP_PATH = "/<any({}):slug>".format(", ".join(f"'{step.slug}'" for step in flow.STEPS))


@bp.route(STEP_PATH, methods=("GET", "POST"))
def step(slug):
    """Show one question (or page to read), and on a valid answer go to the next step."""
    current = flow.step_for(slug)  # always a step: the route takes only the journey's slugs
    answers = stored.load()
    if not flow.may_open(current, answers):
        if current.slug == BROWSABLE_IN_CLINIC and request.method in ("GET", "HEAD") and stored.clinic_mode():
            # A nurse shows the numbers in a consultation without the questions first.
            return render_step(current, build_form(current, answers), answers, False, browsing=True)
        # A step that does not apply to these answers (a browser's Forward after a change) is not later.
        return redirect_to_first_incomplete(answers, asked_for_later_page=current.applies(answers))
    changing = request.args.get("change") == "1"
    revisiting = revisiting_for_sure(current, answers)
    again = current.keeps_first_when_repeated and request.args.get("again") == "1"
    # Answering SURE again starts from empty choices, so the new answers are the person's own.
    form = build_form(current, {} if again else answers)
    if form.validate_on_submit():
        answers = stored.record(current, form)
        if revisiting:
            return redirect(after_revisit(current))
        if again:
            return redirect(url_for_slug(flow.SURE_RESULT))
        return redirect(url_for_slug(flow.next_slug(answers, current, changing), changing))
    return render_step(current, form, answers, changing, revisiting=revisiting)


# The one page a clinic can open without answers: the numbers, for the group the study describes.
BROWSABLE_IN_CLINIC = "the-numbers"


def build_form(current, answers, **form_options):
    """The step's form for this request, filled with saved or posted answers."""
    posted = request.method == "POST"
    # A posted form checks its token (as CSRFProtect does for every post). A page shown for a GET
    # writes its token itself (csrf_token() in the template): binding a token field to a form that
    # is never validated cost every question page 0.02 ms.
    form_options.setdefault("meta", {"csrf": posted})
    return current.bound_form(answers, submitted=posted, **form_options)


def render_step(current, form, answers, changing, timed_out=False, revisiting=False, browsing=False):
    """Render a step's page with its back link, progress line and any errors."""
    if changing:
        back = url_for("flow.check_answers")
    elif revisiting:
        back = sure_result_url()
    elif browsing:
        back = url_for("pages.start")
    else:
        previous = flow.previous_slug(answers, current)
        back = url_for_slug(previous) if previous else url_for("pages.start")
    query = {name: request.args.get(name) for name in current.query}
    context = current.context(answers, current, query) if current.context else {}
    if current.slug == flow.SURE_RESULT:
        context["sure_links"] = sure_links(context["sure_help"])
    status = 400 if timed_out else 200
    return (
        render_template(
            current.template,
            step=current,
            form=form,
            errors=forms.error_links(form),
            notice=current.notice() if current.notice else None,
            free_text_max_chars=current_app.config["FREE_TEXT_MAX_CHARS"],
            back_url=back,
            changing=changing,
            timed_out=timed_out,
            revisiting=revisiting,
            browsing=browsing,
            sent_from_later_page=stored.take_message(only=stored.LATER_PAGE) is not None,
            first_slug=flow.STEPS[0].slug,
            part=flow.part_of(current),
            **context,
        ),
        status,
    )


@bp.errorhandler(CSRFError)
def handle_csrf_error(error):
    """Re-show a timed-out question with the person's choice kept, or the plain 400 page."""
    current = flow.step_for((request.view_args or {}).get("slug", ""))
    if request.endpoint != "flow.step" or current is None:
        return errors.error_page(400)
    answers = stored.load()
    if not flow.may_open(current, answers):
        # The answers behind this page are gone (Start again in another tab, or a week away): a page
        # built from them would show "None" and empty scores.
        return redirect_to_first_incomplete(answers)
    # Rebuild the form from what was posted (not saved), so nothing the person chose is lost.
    form = build_form(current, answers, formdata=request.form, meta={"csrf": False})
    return render_step(current, form, answers, request.args.get("change") == "1", timed_out=True)


@bp.route("/check-answers")
def check_answers():
    """List every answer with a Change link that returns here."""
    answers = stored.load()
    if flow.first_incomplete(answers):
        return redirect_to_first_incomplete(answers)
    # The knowledge check is left out: "Change" beside a test's answers invites correcting it.
    sections = [section for section in flow.SECTIONS if section is not flow.UNDERSTANDING]
    rows = summary.answer_rows(answers, sections=sections)
    # Back to the last question, as from every other page of the journey.
    back = url_for_slug(flow.applicable_steps(answers)[-1].slug)
    return render_template("check_answers.html", rows=rows, part=flow.part_of(None), back_url=back)


@bp.route("/summary")
def summary_page():
    """The person's summary: the end of the journey."""
    answers = stored.load()
    if flow.first_incomplete(answers):
        return redirect_to_first_incomplete(answers)
    return render_template("summary.html", summary=summary.build(answers), handoff=handoff_link(answers))


def handoff_link(answers, pixels_per_module=handoff.SCREEN_PIXELS_PER_MODULE):
    """The hand-off link for these answers on the public /handoff page (None without a public address)."""
    page_url = public_url.external_url("documents.handoff")
    return handoff.make_link(answers, page_url, pixels_per_module=pixels_per_module) if page_url else None


def sure_links(help_by_field):
    """The links each SURE "no" offers: pages that come back to the SURE result, or the handout."""
    return {
        field: [
            {
                "text": text,
                "url": url_for("documents.handout_pdf")
                if target == read_pages.HANDOUT
                else url_for_slug(target, **{"from": "sure"}),
            }
            for target, text in targets
        ]
        for field, targets in help_by_field.items()
    }


@bp.route("/start-again", methods=("GET",))
def confirm_start_again():
    """Ask before deleting: a button that posts to /start-again, and a way back."""
    return render_template("start_again.html", has_saved_answers=stored.has_answers())


@bp.route("/start-again", methods=("POST",))
def start_again():
    """Forget every answer, in the session and in the browser, and say so on the start page."""
    # The language stays: a Spanish or French reader was sent back to an English start page.
    stored.clear_answers(stored.DELETED)
    response = redirect(url_for("pages.start"))
    # Any storage on this device goes too. Not "cookies": the new cookie, which holds no answers
    # (only the language and the one-time message), replaces the old one in this response.
    response.headers["Clear-Site-Data"] = '"storage"'
    return response
