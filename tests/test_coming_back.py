"""Coming back, stopping and changing your mind: continue, old cookies, start again, SURE again, progress."""

import pytest

from decision_aid.journey import flow
from tests.helpers import TYPICAL_ANSWERS
from tests.helpers import answers_before
from tests.helpers import check_page
from tests.helpers import complete_answers
from tests.helpers import store_answers


def seed(client, answers):
    with client.session_transaction() as session:
        store_answers(session, answers)


def test_start_page_without_answers_offers_start_now_and_clinic_mode(get_page):
    page = get_page("/")
    assert page.select_one("a.button--start").get_text(strip=True) == "Start now"
    assert not page.select(".saved-answers")
    clinic = page.soup.find("a", string="Using a clinic or shared computer?")
    assert clinic["href"] == "/clinic"


def test_part_way_through_the_start_page_continues_at_the_first_incomplete_step(client):
    seed(client, answers_before(flow.step_for("your-health")))
    page = check_page(client.get("/"))
    actions = {a.get_text(strip=True): a["href"] for a in page.select(".saved-answers a")}
    assert actions["Continue where you left off"] == "/your-health"
    assert actions["Delete my answers"] == "/start-again"
    assert "See your summary" not in actions
    assert not page.select("a[href='/transplant'].button--start"), "no Start now over saved answers"


def test_finished_the_start_page_offers_the_summary(client):
    seed(client, complete_answers())
    page = check_page(client.get("/"))
    actions = {a.get_text(strip=True): a["href"] for a in page.select(".saved-answers a")}
    assert actions["See your summary"] == "/summary"
    assert actions["Continue where you left off"] == "/check-answers"


@pytest.mark.parametrize("url", ["/", "/your-health", "/summary", "/summary.pdf"])
def test_answers_from_an_older_version_are_cleared_with_a_message(client, url):
    # A cookie written before answers had a version (or with another version).
    with client.session_transaction() as session:
        session["answers"] = complete_answers()
        session["lang"] = "es"
    response = client.get(url)
    if url != "/":
        assert response.status_code == 303 and response.location == "/"
        response = client.get("/")
    page = check_page(response)
    assert "actualizado" in page.text  # the message, in the language kept from the old cookie
    assert not page.select(".saved-answers")
    with client.session_transaction() as session:
        assert "answers" not in session and session["lang"] == "es"
    # One time only.
    assert "actualizado" not in check_page(client.get("/")).text


def test_answers_with_the_current_version_are_kept(client):
    seed(client, complete_answers())
    assert client.get("/summary").status_code == 200


def test_a_new_answer_is_stored_with_the_version(client, journey):
    journey.answer("transplant", {"transplant": "yes"})
    with client.session_transaction() as session:
        from decision_aid.web.answers import VERSION

        assert session["v"] == VERSION


@pytest.mark.parametrize(
    "url",
    ["/transplant", "/the-numbers", "/sure-result", "/check-answers", "/summary", "/about", "/evidence"],
)
def test_start_again_is_reachable_from_every_page_with_answers(client, url):
    seed(client, complete_answers())
    page = check_page(client.get(url))
    link = page.select_one("a.session-bar__link")
    assert link.get_text(strip=True) == "Start again (delete my answers)"
    assert link["href"] == "/start-again"


def test_start_again_confirmation_then_delete(client):
    seed(client, complete_answers())
    page = check_page(client.get("/start-again"))
    assert page.h1 == "Delete your answers and start again?"
    form = page.select_one("main form[action='/start-again'][method=post]")
    assert form.select_one("button").get_text(strip=True) == "Yes, delete my answers"
    assert page.soup.find("a", string="No, go to the start page")["href"] == "/"
    # A GET changes nothing.
    assert client.get("/summary").status_code == 200
    response = client.post("/start-again", data={"csrf_token": page.csrf_token()})
    assert response.location == "/"
    assert response.headers["Clear-Site-Data"] == '"storage"'
    assert client.get("/summary").location == "/transplant"


def test_start_again_says_so_and_keeps_the_language(client):
    # A Spanish reader was sent back to an English start page, with nothing to say it had worked.
    seed(client, complete_answers())
    client.get("/?lang=es")
    page = check_page(client.get("/start-again"))
    client.post("/start-again", data={"csrf_token": page.csrf_token()})
    with client.session_transaction() as session:
        assert "answers" not in session
        assert session["lang"] == "es"
    start = check_page(client.get("/"))
    assert start.soup.html["lang"] == "es"
    assert start.select_one("main [role=status]").get_text(strip=True) == (
        "Sus respuestas se han borrado de este navegador."
    )
    # Said once.
    assert not check_page(client.get("/")).select("main [role=status]")


def test_the_summary_asks_before_deleting(client):
    # Its last control posted straight to /start-again: one tap at the foot of the page lost everything.
    seed(client, complete_answers())
    page = check_page(client.get("/summary"))
    assert not page.select("form[action='/start-again']")
    link = page.soup.find("a", string="Start again and delete my answers")
    assert link["href"] == "/start-again"


def test_no_start_again_link_without_answers(get_page):
    assert not get_page("/about").select(".session-bar__link")


def part_text(step):
    part = flow.part_of(step)
    return f"Part {part.number} of 6: {part.name}"


@pytest.mark.parametrize("step", flow.STEPS, ids=lambda step: step.slug)
def test_every_journey_page_shows_its_part_inside_main(client, step):
    answers = {**answers_before(step), "age_group": "over-70"} if step.slug == "about-the-studies" else None
    seed(client, answers or answers_before(step))
    page = check_page(client.get(f"/{step.slug}"))
    progress = page.select_one("main .progress")
    assert progress is not None
    assert " ".join(progress.get_text().split()) == part_text(step)


def test_check_answers_is_in_the_last_part(client):
    seed(client, complete_answers())
    page = check_page(client.get("/check-answers"))
    assert page.select_one("main .progress").get_text(strip=True) == "Part 6 of 6: Your next steps"


def test_sections_are_six_fixed_parts():
    assert len(flow.SECTIONS) == 6
    assert {step.section for step in flow.STEPS} == set(flow.SECTIONS)


def test_progress_is_translated(client):
    seed(client, answers_before(flow.step_for("the-numbers")))
    page = check_page(client.get("/the-numbers?lang=fr"))
    assert page.select_one(".progress").get_text(strip=True) == "Partie 2 sur 6\u00a0: Vos options"


def sure_flagged(client):
    seed(client, answers_before(flow.step_for("sure-result")))
    return check_page(client.get("/sure-result"))


def test_each_sure_no_links_to_a_page_that_helps(client):
    page = sure_flagged(client)  # typical answers: no to "sure" and "encouragement"
    links = [a["href"] for a in page.select(".sure-links a")]
    assert links == ["/handout.pdf", "/handout.pdf"]
    answers = {
        **answers_before(flow.step_for("sure-result")),
        "sure_understand": "no",
        "sure_risk_benefit": "no",
    }
    seed(client, answers)
    page = check_page(client.get("/sure-result"))
    links = [a["href"] for a in page.select(".sure-links a")]
    assert "/the-numbers?from=sure" in links
    assert "/the-decision?from=sure" in links
    assert "/what-matters?from=sure" in links


def test_a_revisit_comes_back_to_the_sure_result_which_offers_sure_again(client, journey):
    answers = {**answers_before(flow.step_for("sure-result")), "sure_understand": "no"}
    seed(client, answers)
    page = check_page(client.get("/the-numbers?from=sure"))
    assert page.select_one("a.back-link")["href"] == "/sure-result?revisited=1"
    response = client.post("/the-numbers?from=sure", data={"csrf_token": page.csrf_token()})
    assert response.location == "/sure-result?revisited=1"
    page = check_page(client.get(response.location))
    again = page.soup.find("a", string="Answer the questions again")
    assert again["href"] == "/sure?again=1"
    assert "Answer the questions again" not in check_page(client.get("/sure-result")).text


def test_values_revisit_goes_through_the_reflection_page(client, journey):
    answers = {**answers_before(flow.step_for("sure-result")), "sure_risk_benefit": "no"}
    seed(client, answers)
    values = {name: TYPICAL_ANSWERS[name] for name in flow.step_for("what-matters").fields}
    response = journey.answer("what-matters?from=sure", values)
    assert response.location == "/what-matters-compared?from=sure"
    response = journey.answer("what-matters-compared?from=sure")
    assert response.location == "/sure-result?revisited=1"


def test_answering_sure_again_keeps_both_scores_for_the_summary(client, journey):
    seed(client, complete_answers())  # SURE 2 of 4 the first time
    page = check_page(client.get("/sure?again=1"))
    assert not page.select("input[type=radio][checked]"), "the questions start empty"
    again = {
        "sure_sure": "yes",
        "sure_understand": "yes",
        "sure_risk_benefit": "yes",
        "sure_encouragement": "yes",
    }
    response = client.post("/sure?again=1", data={"csrf_token": page.csrf_token(), **again})
    assert response.location == "/sure-result"
    assert "4 of the 4" in check_page(client.get("/sure-result")).text
    summary = check_page(client.get("/summary"))
    assert "First time: 2 of 4." in summary.text
    assert "Latest: 4 of 4." in summary.text
    assert "First SURE score: 2 of 4." in summary.text  # the note for the record


def test_one_sure_answer_shows_one_score(client):
    seed(client, complete_answers())
    summary = check_page(client.get("/summary"))
    assert "Score: 2 of 4." in summary.text
    assert "First time" not in summary.text


def test_error_summary_has_autofocus(client, journey):
    response = journey.answer("transplant", {})
    summary = check_page(response, status=200).select_one(".error-summary")
    assert summary.has_attr("autofocus") and summary["tabindex"] == "-1"
