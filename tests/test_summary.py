"""The summary's answers in words (decision_aid/journey/summary.py): the same words WTForms' own bound
forms give, in every language, with the fixed questions' words read once for all."""

import re

import pytest
from flask_babel import force_locale

from decision_aid.content import since_trials
from decision_aid.content.evidence_text import SURVIVAL_FACT_IDS
from decision_aid.content.evidence_text import FactsText
from decision_aid.journey import flow
from decision_aid.journey import summary
from tests.helpers import TYPICAL_ANSWERS
from tests.helpers import check_page
from tests.helpers import complete_answers
from tests.helpers import last_choices
from tests.helpers import set_answers


def rows_from_bound_forms(answers):
    """What each answered question says, read from its form bound to the answers (WTForms' way)."""
    rows = []
    for step in flow.applicable_steps(answers):
        if not step.is_question:
            continue
        form = step.bound_form(answers, meta={"csrf": False})
        for name in step.fields:
            field = form[name]
            labels = {choice.value: str(choice.label) for choice in getattr(field, "choices", None) or ()}
            if field.type == "TextAreaField":
                answer = field.data or "NOT PROVIDED"
            elif field.type == "SelectMultipleField":
                answer = [labels[code] for code in field.data or [] if code in labels] or "NONE CHOSEN"
            else:
                answer = labels.get(field.data, "NOT PROVIDED")
            rows.append((step.slug, str(field.label.text), answer))
    return rows


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_answers_in_words_are_what_the_bound_forms_say(app, lang):
    people = [
        complete_answers(),
        complete_answers(last_choices(app)),
        complete_answers(TYPICAL_ANSWERS, doctor_note="", doctor_questions=[]),
    ]
    with app.test_request_context(), force_locale(lang):
        words = {"NOT PROVIDED": "Not provided", "NONE CHOSEN": "None chosen"}
        words = {mark: str(summary._l(text)) for mark, text in words.items()}
        for answers in people:
            expected = [
                (slug, question, words.get(answer, answer) if isinstance(answer, str) else answer)
                for slug, question, answer in rows_from_bound_forms(answers)
            ]
            shown = summary.answer_rows(answers)
            rows = [(row["slug"], str(row["question"]), row["answer"]) for row in shown]
            assert rows == expected
            assert len(rows) > 20
    # Both people's lists, and the empty note and list, were shown; a fixed question's words were
    # read once, never from anyone's answers.
    assert summary._fixed_words
    assert all(flow.step_for(slug).same_for_everyone for slug in summary._fixed_words)


def test_a_question_filled_in_from_the_answers_is_read_from_those_answers(app):
    # The questions checklist offers questions that depend on the answers: never kept, so each
    # person's list shows their own ticked questions in words.
    step = next(step for step in flow.STEPS if "doctor_questions" in step.fields)
    assert not step.same_for_everyone
    with app.test_request_context():
        worried = complete_answers(TYPICAL_ANSWERS, kidney="yes", blood_clot="yes")
        for answers in (complete_answers(), worried):
            form = step.bound_form(answers, meta={"csrf": False})
            offered = [choice.value for choice in form.doctor_questions.choices]
            answers = {**answers, "doctor_questions": offered}
            rows = summary.answer_rows(answers)
            rows = {row["question"]: row["answer"] for row in rows if row["slug"] == step.slug}
            shown = rows[form.doctor_questions.label.text]
            assert shown == [str(choice.label) for choice in form.doctor_questions.choices]
    assert step.slug not in summary._fixed_words


def listed_sources(client, url):
    """The citations in a summary's Sources list."""
    page = check_page(client.get(url))
    return [item.get_text(" ", strip=True) for item in page.select("#summary-sources-title ~ ul.sources li")]


def test_every_fact_the_summary_states_has_its_citation_listed_when_it_has_one(client, evidence):
    # The survival summary quotes IFM 2005-02 from its authors' conference abstract: a reader can
    # look that up, so it is listed (it was left out for having no journal).
    set_answers(client, complete_answers())
    listed = listed_sources(client, "/summary")
    for fact_id in since_trials.fact_ids():
        sources = [evidence.source(s) for s in evidence.fact(fact_id).source_ids]
        citable = [s for s in sources if not s.secondary and (s.authors or s.journal or s.doi or s.pmid)]
        if citable:
            assert any(source.citation in listed for source in citable), fact_id
    assert any(item.startswith("Attal et al. ASH 2013 abstract 406") for item in listed)
    # Named: the main reports and the later papers the summary states (not the news or web pages).
    for source_id in ("S004", "W10", "W36", "W48", "W50", "W51", "W53"):
        assert evidence.source(source_id).citation in listed, source_id


def test_no_listed_citation_says_the_same_thing_twice(client):
    set_answers(client, complete_answers())
    citations = listed_sources(client, "/summary")
    assert len(citations) > 5
    for citation in citations:
        # "Blood Adv 2023;7(13):3087 (…). Blood Adv 2023;7(13):3087." said its reference twice.
        for reference in re.findall(r"\d{4};[^ .,]+", citation):
            assert citation.count(reference) == 1, citation


def test_the_summary_page_puts_the_persons_own_part_first_and_tells_survival_once(app, client):
    # On a phone "My questions" came after four screens of numbers, and the 90-word survival
    # evidence was shown twice: in the values table and under the numbers.
    set_answers(client, complete_answers())
    page = check_page(client.get("/summary"))
    headings = [h2.get_text(" ", strip=True) for h2 in page.select("main h2")]
    numbers = headings.index("The numbers")
    for own in ("What matters to me", "My questions", "Things to talk about", "Check of understanding"):
        assert headings.index(own) < numbers, headings
    assert any(heading.startswith("How I feel about the decision") for heading in headings[:numbers])
    with app.test_request_context():
        survival = " ".join(str(FactsText(SURVIVAL_FACT_IDS)).split())
    assert " ".join(page.text.split()).count(survival[:80]) == 1
    link = page.select_one(".values-table__why a")
    target = page.select_one(link["href"])
    assert target is not None and survival[:80] in " ".join(target.get_text(" ").split())


def test_a_concern_whose_question_no_longer_applies_keeps_the_persons_heading(app):
    # Stored answers are pruned to the steps that apply; if one ever is not, the sheet still renders.
    answers = {**complete_answers(), "transplant": "no", "transplant_when": "over-12m"}
    with app.test_request_context():
        found = [note for note in summary.notes.notes_for(answers) if note.code == "late-start"]
        assert found and not flow.step_applies("transplant-when", answers)
        about_you = summary.answer_rows(answers, sections=[flow.ABOUT_YOU])
        assert summary.concerns_for_the_team(found, about_you) == [str(found[0].title)]


def test_the_newer_studies_are_folded_on_the_summary_page(client):
    # Open, they took three of the summary's phone screens; the guidelines stay in view.
    set_answers(client, complete_answers())
    page = check_page(client.get("/summary"))
    section = page.select_one("#summary-since-title").parent
    folded = section.select_one("details.disclosure")
    assert folded is not None and not folded.has_attr("open")
    assert folded.select("h3") and folded.summary.get_text(strip=True) == "What the newer studies found"
    guidelines = [h2 for h2 in section.select("h2") if h2.get_text(strip=True) == "What guidelines say"]
    assert guidelines and not folded.select("h2"), "the guidelines are outside the fold"
