"""The journey as data: one ordered list of steps and one rule for what comes next."""

from collections.abc import Callable
from dataclasses import dataclass

from decision_aid.content import notes
from decision_aid.content import quiz
from decision_aid.content import sure
from decision_aid.content import teach_back
from decision_aid.extensions import lazy_gettext as _l
from decision_aid.journey import forms
from decision_aid.journey import read_pages

CHECK_ANSWERS = "check-answers"
KNOWLEDGE_CHECK = quiz.SLUG
KNOWLEDGE_FEEDBACK = quiz.FEEDBACK_SLUG
# The knowledge check keeps each first try under this prefix, beside the latest answer.
FIRST_TRY_PREFIX = "first:"

ABOUT_YOU = _l("About you")
YOUR_OPTIONS = _l("Your options")
WHAT_MATTERS = _l("What matters to you")
UNDERSTANDING = _l("Check your understanding")
HOW_YOU_FEEL = _l("How you feel about the decision")
NEXT_STEPS = _l("Your next steps")
# The journey's parts in order, for the progress line ("Part 2 of 6: Your options"). The number is
# fixed whatever the answers, so the line is always true.
SECTIONS = (ABOUT_YOU, YOUR_OPTIONS, WHAT_MATTERS, UNDERSTANDING, HOW_YOU_FEEL, NEXT_STEPS)


def always(answers):
    """The step applies to everyone."""
    return True


def had_transplant(answers):
    """The step applies to people who have had their transplant."""
    return answers.get("transplant") == "yes"


def outside_study_population(answers):
    """True when an answer places the person outside the people the studies included."""
    return bool(notes.population_differences(answers))


@dataclass(frozen=True)
class Step:
    """One page of the journey: a question (form with answer fields) or a page to read."""

    slug: str
    form: type[forms.FlaskForm]
    template: str = "question.html"
    applies: Callable[[dict], bool] = always
    section: object = ABOUT_YOU
    heading: object = None  # pages to read, and pages with several questions, have their own heading
    intro: object = None
    keeps_first_answer: bool = False  # the knowledge check scores the first try
    keeps_first_when_repeated: bool = False  # SURE answered again keeps the first answers beside the latest
    context: Callable[..., dict] | None = None  # what a page to read shows: f(answers, step, query)
    query: tuple[str, ...] = ()  # the query parameters the page uses (the web layer reads them)
    notice: object = None  # a note shown above the question (e.g. an unvalidated translation)
    teach_back: object = None  # a clinic-mode prompt for the nurse ("Can you tell me in your own words…")

    @property
    def fields(self):
        """The answer fields this step stores (none for a page to read)."""
        return forms.answer_fields(self.form)

    @property
    def keeps_first(self):
        """Whether a first answer may be stored under FIRST_TRY_PREFIX beside the latest one."""
        return self.keeps_first_answer or self.keeps_first_when_repeated

    @property
    def is_question(self):
        """Whether the step asks something, rather than giving information to read."""
        return bool(self.fields)

    @property
    def same_for_everyone(self):
        """Whether the step's questions and choices are fixed: a form with prepare() fills them in
        from the answers or the evidence, so its drawn markup must never be kept (web/kept.py)."""
        return not hasattr(self.form, "prepare")

    def bound_form(self, answers, submitted=False, **form_options):
        """The step's form filled with the saved answers (or with what was just posted)."""
        saved = {name: answers[name] for name in self.fields if name in answers}
        form = self.form(data=saved, **form_options)
        if hasattr(form, "prepare"):
            # Some questions depend on earlier answers or on the evidence (e.g. the checklist).
            form.prepare(answers, submitted=submitted)
        return form


def read(slug, heading, section, template=None, context=None, **kwargs):
    """A page to read, with a Continue button and nothing to answer."""
    return Step(
        slug,
        forms.ContinueForm,
        template=template or f"steps/{slug}.html",
        heading=heading,
        section=section,
        context=context,
        **kwargs,
    )


STEPS = [
    Step("transplant", forms.TransplantForm),
    Step("transplant-when", forms.TransplantTimingForm, applies=had_transplant),
    Step("age", forms.AgeForm),
    Step("response", forms.ResponseForm, applies=had_transplant),
    # Five short yes-or-no questions share a page: one heading, a fieldset and an error for each.
    Step("your-health", forms.HealthForm, heading=_l("Your health and treatment")),
    read(
        "about-the-studies",
        _l("How the studies match you"),
        ABOUT_YOU,
        applies=outside_study_population,
        context=read_pages.about_the_studies,
    ),
    read(
        "the-decision",
        _l("The decision you are making"),
        YOUR_OPTIONS,
        context=read_pages.the_decision,
        teach_back=teach_back.THE_DECISION,
    ),
    read(
        "the-numbers",
        _l("What happened to people in the studies"),
        YOUR_OPTIONS,
        context=read_pages.the_numbers,
        query=("study",),
        teach_back=teach_back.THE_NUMBERS,
    ),
    read(
        "notes-for-you",
        _l("Things to talk about with your care team"),
        YOUR_OPTIONS,
        context=read_pages.notes_for_you,
    ),
    Step(
        "what-matters",
        forms.ValuesForm,
        section=WHAT_MATTERS,
        heading=_l("How much does each of these matter to you?"),
        intro=_l("There are no right or wrong answers. People weigh these things in different ways."),
    ),
    read(
        "what-matters-compared",
        _l("How the options compare on what matters to you"),
        WHAT_MATTERS,
        context=read_pages.what_matters_compared,
        teach_back=teach_back.WHAT_MATTERS,
    ),
    # The four questions on one page, then their feedback on one page; the score counts first tries.
    Step(
        KNOWLEDGE_CHECK,
        forms.KnowledgeForm,
        section=UNDERSTANDING,
        heading=_l("Check your understanding"),
        intro=_l("This is not a test of you. It shows what the aid may need to explain better."),
        keeps_first_answer=True,
    ),
    read(
        KNOWLEDGE_FEEDBACK,
        _l("Your answers"),
        UNDERSTANDING,
        template="steps/knowledge-answers.html",
        context=read_pages.knowledge_answers,
    ),
    Step(
        "sure",
        forms.SureForm,
        section=HOW_YOU_FEEL,
        heading=_l("How do you feel about the decision now?"),
        intro=_l("Answer yes or no to each question."),
        notice=sure.unvalidated_notice,
        keeps_first_when_repeated=True,
    ),
    read(
        "sure-result",
        _l("What your answers suggest"),
        HOW_YOU_FEEL,
        context=read_pages.sure_result,
        query=("revisited",),
        teach_back=teach_back.SURE_RESULT,
    ),
    Step(
        "doctor-questions",
        forms.DoctorQuestionsForm,
        section=NEXT_STEPS,
        heading=_l("Your next steps"),
    ),
]

STEPS_BY_SLUG = {step.slug: step for step in STEPS}

# After a SURE "no" sends the person back to a page, where Continue leads (the reflection page
# follows the values question); every other page returns to the SURE result.
SURE_REVISIT_NEXT = {"what-matters": "what-matters-compared"}
SURE_RESULT = "sure-result"


@dataclass(frozen=True)
class Part:
    """Where a step sits in the journey: part `number` of `total`, called `name`."""

    number: int
    total: int
    name: object


def part_of(step):
    """The part of the journey a step belongs to (check answers is in the last part)."""
    section = step.section if step is not None else NEXT_STEPS
    return Part(SECTIONS.index(section) + 1, len(SECTIONS), section)


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
        steps = applicable_steps(answers)
        keep = {name for step in steps for name in step.fields}
        keep |= {FIRST_TRY_PREFIX + name for step in steps if step.keeps_first for name in step.fields}
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
