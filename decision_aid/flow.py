"""The journey as data: one ordered list of steps and one rule for what comes next."""

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from decision_aid import forms

CHECK_ANSWERS = "check-answers"

ABOUT_YOU = _l("About you")


def always(answers):
    """The step applies to everyone."""
    return True


def had_transplant(answers):
    """The step applies to people who have had their transplant."""
    return answers.get("transplant") == "yes"


def outside_study_population(answers):
    """True when an answer places the person outside the people the studies included."""
    return bool(population_notes(answers))


def population_notes(answers):
    """Codes for each way the person differs from the people in the studies."""
    notes = []
    if answers.get("transplant") in {"not-yet", "no", "not-sure"}:
        notes.append("no-transplant-yet" if answers.get("transplant") == "not-yet" else "no-transplant")
    if answers.get("age_group") == "over-70":
        notes.append("over-age-limit")
    if answers.get("response") == "worse":
        notes.append("myeloma-worse")
    return notes


@dataclass(frozen=True)
class Step:
    """One page of the journey: a question (form with answer fields) or a page to read."""

    slug: str
    form: type[forms.FlaskForm]
    template: str = "question.html"
    applies: Callable[[dict], bool] = always
    section: object = ABOUT_YOU
    heading: object = None  # pages to read have their own heading; questions use the field label

    @property
    def fields(self):
        """The answer fields this step stores (none for a page to read)."""
        return forms.answer_fields(self.form)

    @property
    def is_question(self):
        """Whether the step asks something, rather than giving information to read."""
        return bool(self.fields)


STEPS = [
    Step("transplant", forms.TransplantForm),
    Step("transplant-when", forms.TransplantTimingForm, applies=had_transplant),
    Step("age", forms.AgeForm),
    Step("response", forms.ResponseForm, applies=had_transplant),
    Step("kidneys", forms.KidneyForm),
    Step("blood-clot", forms.BloodClotForm),
    Step("pregnancy", forms.PregnancyForm),
    Step("other-cancer", forms.OtherCancerForm),
    Step("induction", forms.InductionForm),
    Step(
        "about-the-studies",
        forms.ContinueForm,
        template="steps/about-the-studies.html",
        applies=outside_study_population,
        heading=_l("How the studies match you"),
    ),
]

STEPS_BY_SLUG = {step.slug: step for step in STEPS}


def step_for(slug):
    """The step with this slug, or None."""
    return STEPS_BY_SLUG.get(slug)


def applicable_steps(answers):
    """The steps that apply given the answers so far, in journey order."""
    return [step for step in STEPS if step.applies(answers)]


def is_complete(step, answers):
    """Whether the person has answered (or read and continued past) this step."""
    if step.is_question:
        return all(name in answers for name in step.fields)
    return step.slug in answers.get("_seen", ())


def first_incomplete(answers):
    """The first applicable step not yet complete, or None when everything is done."""
    for step in applicable_steps(answers):
        if not is_complete(step, answers):
            return step
    return None


def may_open(step, answers):
    """A step may be opened only when it applies and every step before it is complete."""
    if not step.applies(answers):
        return False
    for earlier in applicable_steps(answers):
        if earlier is step:
            return True
        if not is_complete(earlier, answers):
            return False
    return False


def next_slug(answers, current, changing=False):
    """Where to go after the person answers `current`: the one next-step rule of the journey.

    While changing an answer from the check-answers page, go back there unless the change
    made a new step apply that still needs an answer.
    """
    if changing:
        missing = first_incomplete(answers)
        return missing.slug if missing else CHECK_ANSWERS
    steps = applicable_steps(answers)
    later = steps[steps.index(current) + 1 :] if current in steps else steps
    return later[0].slug if later else CHECK_ANSWERS


def previous_slug(answers, current):
    """The step before `current` for the back link, or None for the first step."""
    steps = applicable_steps(answers)
    if current not in steps:
        return None
    position = steps.index(current)
    return steps[position - 1].slug if position else None


def prune(answers):
    """Drop answers to steps that no longer apply, so stale answers never reach the summary."""
    while True:
        keep = {name for step in applicable_steps(answers) for name in step.fields}
        seen = [slug for slug in answers.get("_seen", ()) if step_applies(slug, answers)]
        pruned = {name: value for name, value in answers.items() if name in keep}
        if seen:
            pruned["_seen"] = seen
        # Removing an answer can change which steps apply, so repeat until nothing changes.
        if pruned == answers:
            return pruned
        answers = pruned


def step_applies(slug, answers):
    """Whether the step with this slug exists and applies."""
    step = step_for(slug)
    return step is not None and step.applies(answers)
