"""Every question page: moving on, errors, changing answers, order, CSRF and starting again."""

import pytest

from decision_aid.content import about
from decision_aid.journey import flow
from decision_aid.journey import forms
from tests.helpers import TYPICAL_ANSWERS
from tests.helpers import answers_before
from tests.helpers import answers_in_session
from tests.helpers import check_page
from tests.helpers import set_answers

QUESTION_STEPS = [step for step in flow.STEPS if step.is_question]
# Steps where every question must be answered (the checklist for the doctor is optional).
REQUIRED_STEPS = [step for step in QUESTION_STEPS if step.slug != "doctor-questions"]


def without_first_tries(answers):
    return {name: value for name, value in answers.items() if not name.startswith("first:")}


def test_start_page(get_page):
    page = get_page("/")
    assert page.h1 == "Lenalidomide maintenance after a stem cell transplant"
    start = page.select_one("a.button--start")
    assert start.get_text(strip=True) == "Start now"
    assert start["href"] == "/" + flow.STEPS[0].slug
    assert "does not replace talking with your care team" in page.text
    # The time is measured from the journey's words at a slow pace (make readability), not typed in.
    time = about.reading_time()
    assert time["words_per_minute"] <= 150
    assert f"takes about {time['minutes_shown']} minutes" in page.text
    assert f"allow about {time['minutes_all']} minutes" in page.text
    assert time["minutes_shown"] * time["words_per_minute"] >= time["words_shown"]
    assert "not on our server" in page.text


@pytest.mark.parametrize("step", QUESTION_STEPS, ids=lambda step: step.slug)
def test_question_page_follows_the_question_pattern(client, step):
    set_answers(client, answers_before(step))
    page = check_page(client.get(f"/{step.slug}"))
    if len(step.fields) == 1:
        legend_heading = page.select_one("fieldset legend h1")
        assert legend_heading is not None, "the question is the legend and the page heading"
    else:
        assert page.h1 == str(step.heading)
        assert len(page.select("fieldset legend")) >= len(step.fields) - 1
    assert page.select_one("a.back-link")
    assert page.select_one("form[method=post][novalidate]")
    assert page.select_one("button[type=submit]").get_text(strip=True) == "Continue"
    part = flow.part_of(step)
    expected = f"Part {part.number} of {part.total}: {part.name}"
    assert page.select_one(".caption").get_text(strip=True) == expected
    assert len(page.select("input[type=radio], input[type=checkbox]")) >= 2
    assert not page.select("[required]"), "browser validation is off (GOV.UK pattern)"


@pytest.mark.parametrize("step", QUESTION_STEPS, ids=lambda step: step.slug)
def test_valid_answer_moves_on_and_is_stored(client, journey, step):
    earlier = answers_before(step)
    set_answers(client, earlier)
    data = {name: TYPICAL_ANSWERS[name] for name in step.fields}
    response = journey.answer(step.slug, data)
    expected = flow.next_slug({**earlier, **data}, step)
    assert response.location.endswith("/" + expected)
    assert without_first_tries(answers_in_session(client)) == flow.prune({**earlier, **data})


@pytest.mark.parametrize("step", REQUIRED_STEPS, ids=lambda step: step.slug)
def test_missing_answer_shows_the_error_and_keeps_other_answers(client, journey, step):
    earlier = answers_before(step)
    set_answers(client, earlier)
    page = check_page(journey.answer(step.slug, {}))
    assert page.title.startswith("Error: ")
    summary = page.select_one(".error-summary")
    assert summary.select_one("h2").get_text(strip=True) == "There is a problem"
    link = summary.select_one("a")
    field = step.fields[0]
    assert link["href"] == f"#{field}-0"
    assert page.select_one(f"#{field}-0") is not None, "the summary links to the first radio"
    message = page.select_one(".error-message").get_text(" ", strip=True)
    assert len(page.select(".error-message")) == len(step.fields), "each question shows its own message"
    if len(step.fields) > forms.MOST_ERRORS_LISTED:
        assert link.get_text(strip=True) == f"{len(step.fields)} questions below are not answered yet."
        assert len(summary.select("li")) == 1
    else:
        assert message == "Error: " + link.get_text(strip=True)
    assert answers_in_session(client) == earlier


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "7 questions below are not answered yet."),
        ("es", "Faltan por contestar 7 preguntas más abajo."),
        ("fr", "7 questions ci-dessous n'ont pas encore de réponse."),
    ],
)
def test_a_page_of_questions_left_empty_is_summed_up_in_one_line(client, journey, lang, line):
    # The values page submitted empty listed seven long sentences: a whole phone screen of red
    # before the first question.
    step = flow.step_for("what-matters")
    set_answers(client, answers_before(step))
    client.get(f"/?lang={lang}")
    page = check_page(journey.answer(step.slug, {}))
    items = page.select(".error-summary li")
    assert [item.get_text(" ", strip=True) for item in items] == [line]
    assert items[0].a["href"] == f"#{step.fields[0]}-0"
    assert len(page.select(".error-message")) == len(step.fields) == 7


def test_unknown_answer_code_is_an_error_not_a_crash(client, journey):
    page = check_page(journey.answer("transplant", {"transplant": "<script>"}))
    assert page.select_one(".error-summary")
    assert answers_in_session(client) == {}
    # The same words as no answer, in the page's language: not WTForms' English "Not a valid choice".
    client.get("/?lang=es")
    page = check_page(journey.answer("transplant", {"transplant": "maybe"}))
    error = page.select_one(".error-summary li").get_text(strip=True)
    assert error == check_page(journey.answer("transplant", {})).select_one(".error-summary li").get_text(
        strip=True
    )


def test_a_ticked_question_that_no_longer_fits_is_left_out_not_refused(client, journey):
    # Ticked while kidneys were a concern; changed to "no" in another tab; then Continue here.
    journey.answer_all({**TYPICAL_ANSWERS, "kidney": "yes"})
    page = check_page(client.get("/doctor-questions"))
    assert page.select_one('input[value="kidneys"]')
    journey.answer("your-health", {**{n: TYPICAL_ANSWERS[n] for n in flow.step_for("your-health").fields}})
    data = {"csrf_token": page.csrf_token(), "leaning": "not-sure", "doctor_questions": ["kidneys", "cost"]}
    response = client.post("/doctor-questions", data=data)
    assert response.status_code == 302
    assert answers_in_session(client)["doctor_questions"] == ["cost"]


def test_whole_journey_reaches_check_answers_and_summary(client, journey, get_page):
    assert journey.answer_all() == "/check-answers"
    page = get_page("/check-answers")
    rows = page.select(".summary-list__row")
    # Every answer but the knowledge check's: a "Change" link beside a test invites correcting it.
    listed = [step for step in QUESTION_STEPS if step.section is not flow.UNDERSTANDING]
    assert len(rows) == sum(len(step.fields) for step in listed)
    assert not page.select('a[href^="/check-your-understanding"]')
    assert rows[0].select_one("dt").get_text(strip=True) == (
        "Have you had a stem cell transplant using your own cells?"
    )
    assert rows[0].select_one(".summary-list__value").get_text(strip=True) == "Yes"
    summary = get_page("/summary")
    assert "Very good partial response" in summary.text
    assert "Should I take lenalidomide maintenance after my stem cell transplant?" in summary.text


def test_check_answers_and_the_summary_each_have_a_way_back(client, journey):
    # Check your answers had no Back link, and the summary no way back to the answers.
    journey.answer_all()
    last = flow.applicable_steps(answers_in_session(client))[-1]
    assert check_page(client.get("/check-answers")).select_one("a.back-link")["href"] == f"/{last.slug}"
    assert check_page(client.get("/summary")).select_one("a.back-link")["href"] == "/check-answers"


def test_change_link_round_trip_returns_to_check_answers(client, journey, get_page):
    journey.answer_all()
    page = get_page("/check-answers")
    change = page.select_one('a[href="/your-health?change=1"]')
    assert change is not None
    question = get_page("/your-health?change=1")
    assert question.select_one("a.back-link")["href"] == "/check-answers"
    assert question.select_one("#kidney-0").has_attr("checked") is False
    assert question.select_one("#kidney-1").has_attr("checked"), "current answer shown"
    health = {name: TYPICAL_ANSWERS[name] for name in flow.step_for("your-health").fields}
    response = journey.answer("your-health", {**health, "kidney": "yes"}, change=True)
    assert response.location == "/check-answers"
    assert answers_in_session(client)["kidney"] == "yes"


def test_change_that_adds_a_question_asks_it_then_returns(client, journey):
    journey.answer_all({**TYPICAL_ANSWERS, "transplant": "not-yet"})
    response = journey.answer("transplant", {"transplant": "yes"}, change=True)
    assert response.location == "/transplant-when?change=1"
    response = journey.answer("transplant-when", {"transplant_when": "under-3m"}, change=True)
    assert response.location == "/response?change=1"


def test_someone_outside_the_studies_is_told_and_can_go_on(client, journey, get_page):
    answers = {**TYPICAL_ANSWERS, "transplant": "no", "age_group": "over-70"}
    for slug in ["transplant", "age"]:
        step = flow.step_for(slug)
        journey.answer(slug, {name: answers[name] for name in step.fields})
    health = {name: answers[name] for name in flow.step_for("your-health").fields}
    response = journey.answer("your-health", {**health, "induction_lenalidomide": "no"})
    assert response.location == "/about-the-studies"
    page = get_page("/about-the-studies")
    assert "The studies only included people who had one" in page.text
    assert "older than the age limits" in page.text
    assert "You can still go on" in page.text
    assert journey.answer("about-the-studies").location == "/the-decision"
    assert journey.answer_all(answers) == "/check-answers"
    assert get_page("/summary").h1 == "Your summary"


def test_a_transplant_more_than_a_year_ago_is_told_how_the_studies_differ(client, journey, get_page):
    # The timing answer changed nothing before: a person a year past the transplant was told nothing.
    answers = {**TYPICAL_ANSWERS, "transplant_when": "over-12m"}
    for slug in ["transplant", "transplant-when", "age", "response"]:
        step = flow.step_for(slug)
        journey.answer(slug, {name: answers[name] for name in step.fields})
    health = {name: answers[name] for name in flow.step_for("your-health").fields}
    assert journey.answer("your-health", health).location == "/about-the-studies"
    page = get_page("/about-the-studies")
    assert "Your transplant was more than a year ago." in page.text
    assert "joined it a few months after their transplant" in page.text
    journey.answer("about-the-studies")
    journey.answer_all(answers)
    summary = get_page("/summary")
    assert "A transplant more than a year ago" in summary.text
    question = "My transplant was more than a year ago. What would starting lenalidomide now mean for me?"
    assert question in get_page("/doctor-questions").text


@pytest.mark.parametrize("url", ["/your-health", "/response", "/check-answers", "/summary"])
def test_later_pages_redirect_to_the_first_unanswered_step(client, url):
    response = client.get(url)
    assert response.status_code in (302, 303)
    assert response.location == "/transplant"


LATER_PAGE_NOTICE = "The page you opened comes later in this aid."


@pytest.mark.parametrize(
    "url", ["/the-numbers?study=ifm-5y", "/summary", "/summary.pdf", "/what-matters-compared"]
)
def test_a_link_to_a_later_page_says_why_the_first_question_is_shown_once(client, journey, url):
    # A nurse's link or an old bookmark landed on the first question with no word of why.
    assert client.get(url).location == "/transplant"
    page = check_page(client.get("/transplant"))
    assert LATER_PAGE_NOTICE in page.select_one("main .notice[role=status]").get_text()
    assert LATER_PAGE_NOTICE not in check_page(client.get("/transplant")).text
    # Partway through, it is the first step still waiting that says so.
    journey.answer("transplant", {"transplant": "yes"})
    assert client.get(url).location == "/transplant-when"
    assert LATER_PAGE_NOTICE in check_page(client.get("/transplant-when")).text


def test_walking_the_questions_never_shows_the_later_page_notice(client, journey):
    for step in flow.STEPS[:6]:
        if step.is_question:
            assert LATER_PAGE_NOTICE not in check_page(client.get(f"/{step.slug}")).text
            journey.answer(step.slug, {name: TYPICAL_ANSWERS[name] for name in step.fields})
    # A post to a later page is refused without the notice: it is not someone following a link.
    page = check_page(client.get("/transplant"))
    response = client.post("/doctor-questions", data={"csrf_token": page.csrf_token(), "doctor_note": "x"})
    waiting = "/" + flow.first_incomplete(answers_in_session(client)).slug
    assert response.location == waiting
    assert LATER_PAGE_NOTICE not in check_page(client.get(waiting)).text


def test_the_start_pages_message_is_not_taken_by_a_question_page(client):
    from decision_aid.web import answers as stored

    with client.session_transaction() as session:
        session["message"] = stored.UPDATED
    check_page(client.get("/transplant"))
    assert "This aid has been updated" in check_page(client.get("/")).text


def test_posting_a_later_step_with_a_fresh_session_is_refused(client, journey):
    set_answers(client, {"transplant": "yes"})
    page = check_page(client.get("/transplant-when"))
    response = client.post("/your-health", data={"csrf_token": page.csrf_token(), "pregnancy": "no"})
    assert response.location == "/transplant-when"
    assert "pregnancy" not in answers_in_session(client)


def test_step_that_does_not_apply_redirects(client):
    set_answers(client, answers_before(flow.step_for("your-health")) | {"transplant": "no"})
    # The response question is only for people who had a transplant: go on to the first step left.
    response = client.get("/response")
    assert response.status_code == 302
    assert response.location == "/your-health"
    # It is not a later page, so the notice for links to later pages is not shown.
    assert LATER_PAGE_NOTICE not in check_page(client.get("/your-health")).text


def test_post_without_csrf_token_is_refused_with_the_answer_kept(client):
    response = client.post("/transplant", data={"transplant": "no"})
    page = check_page(response, status=400)
    assert "timed out" in page.text
    assert page.select_one('input[value="no"]').has_attr("checked")
    assert answers_in_session(client) == {}
    # The re-shown page carries a fresh token, so Continue now works.
    retry = client.post("/transplant", data={"csrf_token": page.csrf_token(), "transplant": "no"})
    assert retry.location == "/age"


@pytest.mark.parametrize("slug", ["your-answers", "sure-result", "what-matters-compared", "doctor-questions"])
def test_a_timed_out_post_to_a_page_whose_answers_are_gone_goes_to_the_first_question(client, journey, slug):
    # Start again in another tab, then Continue here: the page was re-shown from no answers at all
    # ("You chose: None.", "0 of the 4 questions").
    journey.answer("transplant", {"transplant": "yes"})
    response = client.post(f"/{slug}", data={"csrf_token": "stale"})
    assert response.status_code == 302 and response.location == "/transplant-when"
    assert "None" not in check_page(client.get("/transplant-when")).text


def test_only_a_posted_question_binds_and_checks_a_token_of_its_own(app):
    # A page shown for a GET writes its token itself; a posted form checks it, as CSRFProtect does.
    from decision_aid.web import journey

    step = flow.step_for("transplant")
    with app.test_request_context("/transplant"):
        shown = journey.build_form(step, {})
        assert not shown.meta.csrf and not hasattr(shown, "csrf_token")
    with app.test_request_context("/transplant", method="POST", data={"transplant": "yes"}):
        posted = journey.build_form(step, {})
        assert posted.meta.csrf
        assert not posted.validate_on_submit()
        assert "csrf_token" in posted.errors and "transplant" not in posted.errors


def test_csrf_failure_elsewhere_shows_the_plain_page(client):
    page = check_page(client.post("/start-again"), status=400)
    assert page.h1 == "Your page timed out"


def test_start_again_clears_everything(client, journey):
    journey.answer_all()
    page = check_page(client.get("/start-again"))
    response = client.post("/start-again", data={"csrf_token": page.csrf_token()})
    assert response.location == "/"
    assert response.headers["Clear-Site-Data"] == '"storage"'
    assert answers_in_session(client) == {}
    assert client.get("/summary").location == "/transplant"


def test_answers_survive_closing_the_browser_for_seven_days(client, journey):
    journey.answer("transplant", {"transplant": "yes"})
    cookie = client.get_cookie("__Host-session")
    assert cookie is not None
    assert cookie.expires is not None, "a permanent cookie, not a browser-session cookie"
    lifetime = cookie.expires.timestamp() - __import__("time").time()
    assert 6.9 * 86400 < lifetime <= 7 * 86400


def test_unchanged_cookie_is_not_resent_until_an_hour_has_passed(client, journey, monkeypatch):
    from decision_aid.web import cookie

    journey.answer("transplant", {"transplant": "yes"})
    response = client.get("/transplant")
    assert response.status_code == 200 and "Set-Cookie" not in response.headers
    later = cookie.now() + cookie.REFRESH_AFTER_SECONDS + 1
    monkeypatch.setattr(cookie, "now", lambda: later)
    response = client.get("/transplant")
    # Re-signed with a new expiry, answers unchanged.
    assert "Expires" in response.headers["Set-Cookie"]
    assert answers_in_session(client) == {"transplant": "yes"}


def test_the_cookie_holds_what_flasks_own_serializer_writes(app, client, journey):
    # Without Flask's tags (which walked every value on every page): the same JSON for our session.
    from flask.json.tag import TaggedJSONSerializer

    from decision_aid.web import cookie

    assert isinstance(app.session_interface.serializer, cookie.PlainJSONSerializer)
    journey.answer_all()
    client.get("/?lang=fr")
    with client.session_transaction() as session:
        stored = dict(session)
    assert {"answers", "v", "lang", "csrf_token"} <= set(stored)
    with app.app_context():
        ours, flasks = app.session_interface.serializer, TaggedJSONSerializer()
        written = ours.dumps(stored)
        assert written == flasks.dumps(stored)
        assert ours.loads(written) == flasks.loads(written) == stored
    # A value JSON cannot hold is refused when written, never stored changed.
    with pytest.raises(TypeError):
        app.session_interface.serializer.dumps({"seen": b"\x00"})


def test_session_holds_only_short_codes(client, journey):
    journey.answer_all()
    for name, value in answers_in_session(client).items():
        if name == "doctor_note":
            continue  # the one free-text field, capped by its form
        values = value if isinstance(value, list) else [value]
        assert all(len(item) <= 30 for item in values), (name, value)


def test_no_question_with_a_third_answer_says_select_yes_if(app):
    # "Select yes if you have kidney problems" beside "I'm not sure" read as "tick only if yes".
    said = {}
    for step in flow.STEPS:
        if not step.is_question:
            continue
        for name in step.fields:
            unbound = getattr(step.form, name)
            choices = unbound.kwargs.get("choices") or []
            validators = unbound.kwargs.get("validators") or []
            messages = [str(v.message) for v in validators if getattr(v, "message", None)]
            if messages and choices:
                said[name] = (len(choices), messages[0])
    assert said["kidney"] == (3, "Select whether you have kidney problems")
    assert said["sure_sure"][0] == 2, "the SURE questions keep GOV.UK's yes/no message"
    for name, (count, message) in said.items():
        if count > 2:
            assert not message.startswith("Select yes"), (name, message)
