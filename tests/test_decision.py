"""The decision pages: options, notes, values, knowledge check, SURE, leaning, questions, summary."""

import re

import pytest

from decision_aid.content import current_evidence
from decision_aid.content import notes
from decision_aid.content import sure
from decision_aid.journey import flow
from tests.helpers import TYPICAL_ANSWERS
from tests.helpers import answers_before
from tests.helpers import answers_in_session
from tests.helpers import check_page
from tests.helpers import complete_answers
from tests.helpers import set_answers


def open_step(client, slug, answers=None):
    """Seed the answers before a step (or the given ones) and GET it."""
    set_answers(client, answers_before(flow.step_for(slug)) if answers is None else answers)
    return check_page(client.get(f"/{slug}"))


def test_the_decision_states_the_choice_and_both_options_equally(client):
    page = open_step(client, "the-decision")
    assert "Should I take lenalidomide maintenance after my stem cell transplant?" in page.text
    cards = page.select(".option-card")
    assert [card.select_one("h3").get_text(strip=True) for card in cards] == [
        "Lenalidomide maintenance",
        "No maintenance now",
    ]
    # Drawn by one macro: the same parts in the same order for both options (IPDAS C1).
    shapes = [[element.name for element in card.select("h3, h4, ul, dl, dt")] for card in cards]
    assert shapes[0] == shapes[1]
    words = [len(card.get_text(" ").split()) for card in cards]
    assert 0.67 <= words[0] / words[1] <= 1.5, words


def test_the_decision_opens_with_the_main_benefit_and_the_main_harm_in_numbers(app, client):
    # Its first paragraph gave only the benefit in numbers; the harms were folded away below it.
    page = open_step(client, "the-decision")
    first = " ".join(page.soup.select_one("main .lead").find_next("p").get_text(" ").split())
    with app.test_request_context():
        calgb = current_evidence().default_set
        benefit, harm = calgb.outcome("calgb_ttp"), calgb.outcome("spm_invasive")
    for outcome in (benefit, harm):
        assert f"{outcome.lenalidomide_per_100} in 100" in first
        assert f"{outcome.control_per_100} in 100" in first
    assert "second, new cancer" in first
    assert "What usually happens without maintenance" in page.text


def test_what_taking_it_is_like_gives_numbers_and_when_to_call(app, client):
    # Folded into the options page, as disclosures that open without JavaScript.
    page = open_step(client, "the-decision")
    assert len(page.select("details.disclosure > summary")) >= 4
    with app.test_request_context():
        calgb = app.extensions["evidence"].default_set
        neutropenia = calgb.outcome("neutropenia_g34")
    assert f"{neutropenia.lenalidomide_per_100} in 100 people on lenalidomide had a serious drop" in page.text
    # The main benefit is given in numbers on the same page as the harms' numbers, not in words only.
    with app.test_request_context():
        benefit = calgb.outcome("calgb_ttp")
    before_the_options = page.select_one("h1 ~ p:not(.lead)").get_text()
    assert f"{benefit.lenalidomide_per_100} in 100 people on lenalidomide were alive" in before_the_options
    assert f"it was {benefit.control_per_100} in 100" in before_the_options
    assert "10 mg by mouth once a day on days 1 to 28 of each 28-day cycle" in page.text
    assert "15 mg" in page.text
    call_now = page.select_one(".call-now").get_text(" ")
    for sign in ["fever", "leg", "chest pain", "shortness of breath", "Bleeding or bruising"]:
        assert sign in call_now
    # The programme is named for what it is everywhere, not only as the US REMS.
    assert "pregnancy-prevention programme" in page.text and "Europe and other countries" in page.text


@pytest.mark.parametrize("note", notes.NOTES, ids=lambda note: note.code)
def test_each_situation_answer_gets_its_note_and_question(client, note):
    triggering = {
        "age": {"age_group": "over-70"},
        "kidneys": {"kidney": "yes"},
        "blood-clot": {"blood_clot": "yes"},
        "pregnancy": {"pregnancy": "yes"},
        "myeloma-worse": {"response": "worse"},
        "other-cancer": {"other_cancer": "yes"},
        "induction": {"induction_lenalidomide": "yes"},
        "no-transplant": {"transplant": "no"},
        "late-start": {"transplant_when": "over-12m"},
    }[note.code]
    answers = flow.prune({**answers_before(flow.step_for("notes-for-you")), **triggering})
    answers["_seen"] = [s.slug for s in flow.applicable_steps(answers) if not s.is_question][:4]
    page = open_step(client, "notes-for-you", answers)
    assert str(note.title) in [h.get_text(strip=True) for h in page.select(".note h2")]
    assert str(note.ask) in page.text
    # Never a personal risk number: the notes hold no figures at all.
    for section in page.select(".note"):
        assert not re.search(r"\d", section.get_text())


def test_no_notes_for_someone_like_the_people_in_the_studies(client):
    answers = {**answers_before(flow.step_for("notes-for-you")), "induction_lenalidomide": "no"}
    page = open_step(client, "notes-for-you", answers)
    assert not page.select(".note")
    assert "reported between 2012 and 2019" in page.text
    assert "high-risk myeloma" in page.text


def test_values_cover_both_options_and_the_comparison_has_no_verdict(client):
    from decision_aid.content import values

    better = [factor.better_option for factor in values.FACTORS]
    assert better.count(values.LENALIDOMIDE) >= 2 and better.count(values.NO_MAINTENANCE) >= 2
    set_answers(client, answers_before(flow.step_for("what-matters-compared")))
    page = check_page(client.get("/what-matters-compared"))
    rated_a_lot = [f for f in values.FACTORS if TYPICAL_ANSWERS[f.field] == "very"]
    rows = page.select("tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == [str(f.label) for f in rated_a_lot]
    assert "does not tell you what to choose" in page.text


def knowledge_answers(**changes):
    """Typical answers to the four knowledge questions, with some changed."""
    return {
        name: TYPICAL_ANSWERS[name] for name in flow.step_for("check-your-understanding").fields
    } | changes


def test_knowledge_check_is_one_page_then_one_feedback_page_and_scores_first_tries(client, journey):
    set_answers(client, answers_before(flow.step_for("check-your-understanding")))
    page = open_step(
        client, "check-your-understanding", answers_before(flow.step_for("check-your-understanding"))
    )
    assert len(page.select("fieldset")) == 4
    # Every question offers "I'm not sure", so a guess need not count as knowing.
    assert len(page.select('input[value="not-sure"]')) == 4
    response = journey.answer(
        "check-your-understanding", knowledge_answers(quiz_second_cancer="same", quiz_right_choice="not-sure")
    )
    assert response.location == "/your-answers"
    feedback = check_page(client.get("/your-answers"))
    assert "Not quite" in feedback.select_one(".feedback--wrong").text
    assert "It was higher with lenalidomide." in feedback.text
    # Said once: the explanation does not repeat the answer the line above has just given.
    for item in feedback.select(".feedback-item"):
        answer = item.select_one(".feedback p:not(.feedback__verdict)")
        if answer is not None:
            said = answer.get_text().removeprefix("The answer is: ").rstrip(".")
            assert item.get_text().count(said) == 1, said
    # "Not sure" is not a mistake: it is not drawn in the error red.
    unsure = feedback.select(".feedback--unsure")
    assert len(unsure) == 1 and "You were not sure" in unsure[0].text
    assert len(feedback.select(".feedback--wrong")) == 1
    retry = feedback.select_one('main a[href="/check-your-understanding"]')
    assert retry is not None and "Try the questions again" in retry.get_text()
    journey.answer("check-your-understanding", knowledge_answers(quiz_second_cancer="higher"))
    stored = answers_in_session(client)
    assert stored["quiz_second_cancer"] == "higher"
    assert stored["first:quiz_second_cancer"] == "same", "the score counts the first try"
    assert stored["first:quiz_right_choice"] == "not-sure"


def test_knowledge_check_shows_an_error_for_each_question_left_out(client, journey):
    set_answers(client, answers_before(flow.step_for("check-your-understanding")))
    response = journey.answer("check-your-understanding", {"quiz_main_effect": "longer"})
    page = check_page(response, status=200)
    assert page.title.startswith("Error: ")
    assert len(page.select(".error-summary li")) == 3
    assert len(page.select(".error-message")) == 3
    assert not page.select_one("#quiz_main_effect-error")


def test_the_summary_records_the_knowledge_items_missed(app):
    from decision_aid.journey import summary

    answers = complete_answers(quiz_second_cancer="same", quiz_number="not-sure")
    with app.test_request_context():
        built = summary.build(answers)
        missed = [item["field"] for item in built.knowledge["missed"]]
        assert missed == ["quiz_number", "quiz_second_cancer"]
        assert built.knowledge["right"] == 2
        missed_line = next(line for line in built.record_note.splitlines() if line.startswith("Missed at"))
        assert missed_line.startswith("Missed at first try (for teach-back): In the CALGB study")
        assert "What happened to the chance of getting a second" in missed_line


def test_number_question_uses_the_evidence(app, client):
    page = open_step(client, "check-your-understanding")
    with app.test_request_context():
        ttp = app.extensions["evidence"].default_set.outcome("calgb_ttp")
    choices = [
        label.get_text(strip=True) for label in page.select("#quiz_number .radios__label, .radios__label")
    ]
    assert f"About {ttp.lenalidomide_per_100} out of 100" in choices
    assert f"About {ttp.control_per_100} out of 100" in choices
    assert any("after about 3 years" in legend.get_text() for legend in page.select("legend"))


def test_sure_items_keep_their_published_wording(client):
    page = open_step(client, "sure")
    legends = [legend.get_text(" ", strip=True) for legend in page.select("fieldset legend")]
    assert legends == [
        "Do you feel SURE about the best choice for you?",
        "Do you know the benefits and risks of each option?",
        "Are you clear about which benefits and risks matter most to you?",
        "Do you have enough support and advice to make a choice?",
    ]


@pytest.mark.parametrize(
    ("replies", "score", "flagged"),
    [(["yes"] * 4, 4, False), (["no", "yes", "yes", "yes"], 3, True), (["no"] * 4, 0, True)],
)
def test_sure_scoring(replies, score, flagged):
    answers = {item.field: reply for item, reply in zip(sure.ITEMS, replies, strict=True)}
    result = sure.score(answers)
    assert (result.score, result.flagged) == (score, flagged)
    assert [item.letter for item in result.no_items] == [
        item.letter for item, reply in zip(sure.ITEMS, replies, strict=True) if reply == "no"
    ]


def test_sure_result_gives_a_next_step_for_each_no(client):
    answers = answers_before(flow.step_for("sure-result"))
    answers.update(
        {"sure_sure": "yes", "sure_understand": "no", "sure_risk_benefit": "no", "sure_encouragement": "no"}
    )
    page = open_step(client, "sure-result", answers)
    assert "You answered yes to 1 of the 4 questions." in page.text
    for item in sure.ITEMS[1:]:
        assert str(item.next_step) in page.text
    assert str(sure.ITEMS[0].next_step) not in page.text
    assert "Can Fam Physician 2010" in page.text


def test_sure_result_with_no_yes_says_so_plainly(client):
    answers = answers_before(flow.step_for("sure-result"))
    answers.update({item.field: "no" for item in sure.ITEMS})
    page = open_step(client, "sure-result", answers)
    assert "You answered no to all 4 questions." in page.text
    assert "yes to 0" not in page.text
    for item in sure.ITEMS:
        assert str(item.next_step) in page.text


def test_doctor_questions_are_prefilled_from_the_answers(client):
    answers = {**answers_before(flow.step_for("doctor-questions")), "kidney": "yes", "pregnancy": "not-sure"}
    page = open_step(client, "doctor-questions", answers)
    ticked = [box["value"] for box in page.select("input[type=checkbox][checked]")]
    assert ticked[:2] == ["kidneys", "pregnancy"], "tailored questions come first, ticked"
    assert "how-long" in ticked
    # Offered, not ticked: a question ticked for everyone lengthens every summary.
    offered = [box["value"] for box in page.select("input[type=checkbox]")]
    assert "if-i-wait" in offered and "if-i-wait" not in ticked


# Words that state a fact someone who answered "not sure" has not told us.
ASSUMED_FACTS = {
    "en": ("I have had", "I took lenalidomide before my transplant.", "my past cancer", "my kidney problems"),
    "es": ("Ya he tenido", "Tomé", "El cáncer que tuve", "problemas de riñón"),
    "fr": ("J'ai déjà eu", "J'ai pris", "Le cancer que j'ai eu", "problèmes de reins"),
}


@pytest.mark.parametrize("lang", ASSUMED_FACTS)
def test_questions_ticked_for_not_sure_assume_nothing(client, lang):
    # "Not sure" about a past clot ticked "Because I have had a blood clot, would I need a blood
    # thinner?", which then went into the summary and the note for the medical record.
    unsure = dict.fromkeys(("kidney", "blood_clot", "other_cancer", "induction_lenalidomide"), "not-sure")
    answers = {**answers_before(flow.step_for("doctor-questions")), **unsure}
    client.get(f"/?lang={lang}")
    page = open_step(client, "doctor-questions", answers)
    ticked = [box["value"] for box in page.select("input[type=checkbox][checked]")]
    assert {"kidneys", "blood-clot", "other-cancer", "induction"} <= set(ticked)
    labels = " ".join(label.get_text(" ", strip=True) for label in page.select("label"))
    assert [words for words in ASSUMED_FACTS[lang] if words in labels] == []


def test_doctor_note_is_capped_and_answers_are_kept(app, client, journey):
    set_answers(client, answers_before(flow.step_for("doctor-questions")))
    limit = app.config["FREE_TEXT_MAX_CHARS"]
    page = check_page(
        journey.answer(
            "doctor-questions",
            {"leaning": "not-sure", "doctor_questions": ["cost"], "doctor_note": "x" * (limit + 1)},
        )
    )
    assert page.select_one(".error-summary a")["href"] == "#doctor_note"
    assert page.select_one("textarea").get_text() == "x" * (limit + 1)
    assert [box["value"] for box in page.select("input[type=checkbox][checked]")] == ["cost"]
    assert "doctor_note" not in answers_in_session(client)


def test_summary_holds_everything_for_the_appointment(app, client):
    set_answers(client, complete_answers())
    page = check_page(client.get("/summary"))
    text = page.text
    assert "Should I take lenalidomide maintenance after my stem cell transplant?" in text
    assert "I am leaning towards: Not sure yet" in text
    assert (
        "More time before the myeloma comes back"
        in page.select_one("#summary-values-title").parent.get_text()
    )
    # quiz_second_cancer was wrong at the first try in TYPICAL_ANSWERS.
    assert "3 of 4 questions right at the first try." in text
    assert "Score: 2 of 4." in text and "may not feel ready" in text
    assert str(sure.ITEMS[3].next_step) in text
    assert "Lenalidomide before your transplant." in text
    assert "What would lenalidomide cost me" in text
    assert TYPICAL_ANSWERS["doctor_note"] in text
    assert len(page.select('svg[role="img"][data-total="100"]')) == 10
    assert "NCT00114101" in text
    assert "does not replace talking with your care team" in text
    assert re.search(r"Made on \w+ \d{1,2}, \d{4}", text)


def test_free_text_is_escaped_on_the_summary(client):
    set_answers(client, complete_answers({**TYPICAL_ANSWERS, "doctor_note": "<script>alert(1)</script>"}))
    page = check_page(client.get("/summary"))
    assert "<script>alert(1)</script>" not in page.html
    assert page.select_one(".own-note").get_text() == "<script>alert(1)</script>"


@pytest.mark.parametrize(("lang", "note_shown"), [("en", False), ("es", True), ("fr", True)])
def test_sure_translation_note(client, lang, note_shown):
    client.get(f"/?lang={lang}")
    page = open_step(client, "sure")
    assert (page.select_one("main .notice") is not None) is note_shown


def test_summary_offers_the_pdfs_the_handoff_link_and_a_record_note(client):
    set_answers(client, complete_answers())
    page = check_page(client.get("/summary"))
    links = {link["href"] for link in page.select("main a[href]")}
    assert {"/summary.pdf", "/summary.pdf?size=large", "/handout.pdf"} <= links
    assert {"/summary.pdf?paper=a4", "/summary.pdf?paper=letter"} <= links
    assert "/handoff#" in page.select_one("#handoff-link").get_text()
    note = page.select_one("#record-note").get_text()
    assert "Leaning: Not sure yet." in note
    assert "Knowledge check: 3 of 4 right at first try." in note
    assert "SURE score: 2 of 4." in note
    assert "Answered no to: S (Sure of myself), E (Encouragement)." in note
    assert f"Patient's note: {TYPICAL_ANSWERS['doctor_note']}" in note
