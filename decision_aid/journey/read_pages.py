"""What each page to read shows, worked out from the answers (and the evidence).

Each function takes the answers, the step and the query values the step declares, so none of
them reads the request: the web layer passes `study` for the numbers page.
"""

from decision_aid.content import current_evidence
from decision_aid.content import notes
from decision_aid.content import numbers
from decision_aid.content import options
from decision_aid.content import quiz
from decision_aid.content import since_trials
from decision_aid.content import sure
from decision_aid.content import values
from decision_aid.extensions import lazy_gettext as _l

# The facts "what taking it is like" states, all with their numbers from the evidence data.
TAKING_IT_FACTS = (
    "pi.maintenance_dose",
    "pi.maintenance_dose_increase",
    "calgb.dose_increase",
    "rems.pregnancy_tests",
    "rems.contraception",
    "rems.no_blood_donation",
    "rems.program",
    "mxi.maintenance_dose",
    "safety.pregnancy_uk_europe",
    "safety.combined_pill",
    "safety.men_condoms",
    "safety.second_cancer_types",
    "safety.infections_interim",
    "safety.diarrhoea",
    "safety.clot_prevention",
    "safety.generics",
    "safety.skin",
)


def about_the_studies(answers, step, query):
    """How the person differs from the people in the studies."""
    return {
        "population_differences": notes.population_differences(answers),
        "late_start_meaning": notes.LATE_START_MEANING,
    }


def the_decision(answers, step, query):
    """The two options, drawn the same way, and what taking lenalidomide is like (as sections to open)."""
    return {
        "options": options.OPTIONS,
        "taking": taking_it(),
        "guidelines": since_trials.guidelines(),
        "since": since_trials.sections(),
    }


def notes_for_you(answers, step, query):
    """The notes that fit the person's answers, and when the evidence is from."""
    return {
        "notes": notes.notes_for(answers),
        "evidence_years": current_evidence().report_years(),
        "since": since_trials.sections(["if-you-wait", "high-risk"]),
    }


def what_matters_compared(answers, step, query):
    """The factors the person rated highly, and which option does better on each."""
    rows, level = values.comparison_rows(answers)
    return {"rows": rows, "level": level}


def knowledge_answers(answers, step, query):
    """For each knowledge question: whether the person's answer was right, and why."""
    feedback = [quiz.feedback(question, answers) for question in quiz.QUESTIONS]
    return {
        "feedback": feedback,
        "all_right": all(item["correct"] for item in feedback),
        "knowledge_slug": quiz.SLUG,
    }


# Pages that help with each SURE "no": a step's slug (opened so that Continue comes back to the
# SURE result), or HANDOUT for the printable handout. The web layer turns them into links.
HANDOUT = "handout"
SURE_HELP = {
    "sure_sure": ((HANDOUT, _l("Print or save a handout to think it over")),),
    "sure_understand": (
        ("the-numbers", _l("Look at the numbers again")),
        ("the-decision", _l("Read again what each option is like")),
    ),
    "sure_risk_benefit": (("what-matters", _l("Look again at what matters to you")),),
    "sure_encouragement": ((HANDOUT, _l("Print a handout to share with someone you trust")),),
}


# The pages SURE links to, which then lead back to the SURE result.
SURE_REVISITABLE = frozenset(
    target for targets in SURE_HELP.values() for target, _ in targets if target != HANDOUT
) | {"what-matters-compared"}


def sure_result(answers, step, query):
    """The SURE score, a next step and helpful pages for each "no", and whether to offer SURE again."""
    result = sure.score(answers)
    return {
        "sure": result,
        "sure_citation": sure.CITATION,
        "sure_help": {item.field: SURE_HELP.get(item.field, ()) for item in result.no_items},
        # Back from a page a "no" pointed to: offer the four questions again.
        "revisited": query.get("revisited") == "1",
    }


def the_numbers(answers, step, query):
    """The chosen study's numbers (CALGB 100104 unless another is picked), ready to draw."""
    comparison_set = chosen_set(query.get("study"))
    headline = current_evidence().default_set
    views = numbers.set_view(comparison_set)
    return {
        "comparison_set": comparison_set,
        "is_headline": comparison_set.id == headline.id,
        "headline_set": headline,
        # Told on the page: someone the studies did not include is not "like" the people in them.
        "outside_studies": bool(notes.population_differences(answers)),
        "views": views,
        "overview": numbers.overview_rows(views),
        "colour_key": numbers.colour_key(views),
        "looks": numbers.looks_for(views),
        "worked_example": numbers.worked_example(views, comparison_set),
        "not_shown": numbers.not_shown(comparison_set, headline),
        "study_options": [
            {"id": each.id, "label": each.title, "current": each.id == comparison_set.id}
            for each in current_evidence().comparison_sets
            if each.id != headline.id
        ],
    }


def chosen_set(set_id):
    """The comparison set with this id, or the default one for a missing or unknown id."""
    known = {each.id: each for each in current_evidence().comparison_sets}
    return known.get(set_id) or current_evidence().default_set


def taking_it():
    """The dose, side effects and pregnancy-prevention facts, with their numbers from the evidence."""
    calgb = current_evidence().default_set
    return {
        "facts": {fact_id: current_evidence().fact(fact_id) for fact_id in TAKING_IT_FACTS},
        "calgb": calgb,
        "progression_free": calgb.outcome("calgb_ttp"),
        "second_cancer": calgb.outcome("spm_invasive"),
        "neutropenia": calgb.outcome("neutropenia_g34"),
        "stopped": calgb.outcome("stopped_ae"),
        "how_long": since_trials.sections(["how-long"]),
    }
