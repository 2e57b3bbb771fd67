"""The journey's rules: which steps apply, what comes next, and which steps may be opened."""

from flask_wtf import FlaskForm

from decision_aid.content import notes
from decision_aid.journey import flow
from decision_aid.journey import forms
from tests.helpers import TYPICAL_ANSWERS
from tests.helpers import complete_answers


def slugs(steps):
    return [step.slug for step in steps]


def test_every_step_has_a_unique_slug_and_a_form(app):
    assert len(flow.STEPS_BY_SLUG) == len(flow.STEPS)
    stored = []
    for step in flow.STEPS:
        # A Flask-WTF form, so every POST is checked for its CSRF token.
        assert isinstance(step.form, type) and issubclass(step.form, FlaskForm), step.slug
        if step.is_question:
            stored.extend(step.fields)
        else:
            # A page to read has only a Continue button, and a heading of its own.
            assert step.form is forms.ContinueForm, step.slug
            assert step.heading, step.slug
        app.jinja_env.get_template(step.template)
    # No answer is stored by two steps, and the typical journey answers every one of them.
    assert len(stored) == len(set(stored))
    assert set(stored) == set(TYPICAL_ANSWERS)


def test_transplant_questions_only_apply_after_a_transplant():
    without = slugs(flow.applicable_steps({"transplant": "no"}))
    assert "transplant-when" not in without
    assert "response" not in without
    with_transplant = slugs(flow.applicable_steps({"transplant": "yes"}))
    assert {"transplant-when", "response"} <= set(with_transplant)


def test_next_step_follows_the_order_of_applicable_steps():
    answers = {"transplant": "no"}
    current = flow.step_for("transplant")
    assert flow.next_slug(answers, current) == "age"
    answers = {"transplant": "yes"}
    assert flow.next_slug(answers, current) == "transplant-when"


def test_last_step_leads_to_check_answers():
    complete = complete_answers()
    last = flow.applicable_steps(complete)[-1]
    assert flow.next_slug(complete, last) == flow.CHECK_ANSWERS


def test_changing_an_answer_returns_to_check_answers():
    complete = complete_answers()
    assert flow.next_slug(complete, flow.step_for("your-health"), changing=True) == flow.CHECK_ANSWERS


def test_a_change_that_opens_a_new_question_asks_it_first():
    answers = {**complete_answers(), "age_group": "over-70"}
    # Being older than the studies' limit adds a page to read.
    assert flow.next_slug(answers, flow.step_for("age"), changing=True) == "about-the-studies"


def test_steps_cannot_be_opened_out_of_order():
    assert flow.may_open(flow.step_for("transplant"), {})
    assert not flow.may_open(flow.step_for("your-health"), {})
    assert not flow.may_open(flow.step_for("your-health"), {"transplant": "yes"})
    assert flow.may_open(flow.step_for("your-health"), {"transplant": "no", "age_group": "under-65"})


def test_first_incomplete_is_none_when_everything_is_answered():
    assert flow.first_incomplete(complete_answers()) is None
    assert flow.first_incomplete(dict(TYPICAL_ANSWERS)).slug == "the-decision"
    assert flow.first_incomplete({}).slug == "transplant"


def test_population_notes_name_each_difference_from_the_studies():
    assert notes.population_differences(TYPICAL_ANSWERS) == []
    found = notes.population_differences({"transplant": "not-yet", "age_group": "over-70"})
    assert found == ["no-transplant-yet", "over-age-limit"]
    assert notes.population_differences({"transplant": "yes", "response": "worse"}) == ["myeloma-worse"]
    late = {"transplant": "yes", "transplant_when": "over-12m"}
    assert notes.population_differences(late) == ["late-start"]
    for sooner in ["under-3m", "3-6m", "6-12m", "not-sure"]:
        assert notes.population_differences({**late, "transplant_when": sooner}) == []
    # The timing question is asked only after a transplant; its answer goes when that answer does.
    assert notes.population_differences(flow.prune({**TYPICAL_ANSWERS, **late, "transplant": "no"})) == [
        "no-transplant"
    ]


def test_prune_drops_answers_to_steps_that_no_longer_apply():
    answers = {**TYPICAL_ANSWERS, "transplant": "no", "_seen": ["about-the-studies"]}
    answers["first:quiz_number"] = "39"
    pruned = flow.prune(answers)
    assert "transplant_when" not in pruned
    assert "response" not in pruned
    assert pruned["_seen"] == ["about-the-studies"]
    assert pruned["first:quiz_number"] == "39", "first tries of the knowledge check are kept"
    # Back inside the studies' population, the page about the differences no longer applies.
    assert "_seen" not in flow.prune({**TYPICAL_ANSWERS, "_seen": ["about-the-studies"]})


def test_back_link_goes_to_the_previous_applicable_step():
    assert flow.previous_slug({}, flow.step_for("transplant")) is None
    assert flow.previous_slug({"transplant": "no"}, flow.step_for("age")) == "transplant"
    assert flow.previous_slug({"transplant": "yes"}, flow.step_for("age")) == "transplant-when"
