"""What each page to read shows, worked out from the answers (and the evidence)."""

from flask import current_app
from flask import request

from decision_aid import notes
from decision_aid import numbers
from decision_aid import options
from decision_aid import quiz
from decision_aid import sure
from decision_aid import values


def evidence():
    """The validated evidence loaded when the app started."""
    return current_app.extensions["evidence"]


def about_the_studies(answers, step):
    """How the person differs from the people in the studies."""
    return {"population_differences": notes.population_differences(answers)}


def the_decision(answers, step):
    """The two options, drawn the same way."""
    return {"options": options.OPTIONS}


def notes_for_you(answers, step):
    """The notes that fit the person's answers, and when the evidence is from."""
    return {"notes": notes.notes_for(answers), "evidence_years": evidence().report_years()}


def what_matters_compared(answers, step):
    """The factors the person rated highly, and which option does better on each."""
    rows, level = values.comparison_rows(answers)
    return {"rows": rows, "level": level}


def knowledge_answer(answers, step):
    """Whether the person's answer was right, and why."""
    question = quiz.QUESTIONS_BY_FEEDBACK_SLUG[step.slug]
    return quiz.feedback(question, answers)


def sure_result(answers, step):
    """The SURE score and a next step for each "no"."""
    return {"sure": sure.score(answers), "sure_citation": sure.CITATION}


CONTEXTS = {
    "about-the-studies": about_the_studies,
    "the-decision": the_decision,
    "notes-for-you": notes_for_you,
    "what-matters-compared": what_matters_compared,
    "sure-result": sure_result,
}


def the_numbers(answers, step):
    """The chosen study's numbers (CALGB 100104 unless another is picked), ready to draw."""
    comparison_set = chosen_set(request.args.get("study"))
    return {
        "comparison_set": comparison_set,
        "views": numbers.set_view(comparison_set),
        "study_options": [
            {"id": each.id, "label": each.title, "current": each.id == comparison_set.id}
            for each in evidence().comparison_sets
        ],
    }


def chosen_set(set_id):
    """The comparison set with this id, or the default one for a missing or unknown id."""
    known = {each.id: each for each in evidence().comparison_sets}
    return known.get(set_id) or evidence().default_set


CONTEXTS["the-numbers"] = the_numbers


def what_taking_it_is_like(answers, step):
    """The dose, side effects and pregnancy-prevention facts, with their numbers from the evidence."""
    calgb = evidence().default_set
    wanted = [
        "pi.maintenance_dose",
        "pi.maintenance_dose_increase",
        "calgb.dose_increase",
        "rems.pregnancy_tests",
        "rems.contraception",
        "rems.no_blood_donation",
        "rems.program",
    ]
    return {
        "facts": {fact_id: evidence().fact(fact_id) for fact_id in wanted},
        "calgb": calgb,
        "neutropenia": calgb.outcome("neutropenia_g34"),
        "stopped": calgb.outcome("stopped_ae"),
    }


CONTEXTS["what-taking-it-is-like"] = what_taking_it_is_like
