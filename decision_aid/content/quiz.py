"""Check your understanding: questions with feedback, a retry, and a score from first tries.

Numbers in the questions and explanations come from the evidence data at request time.
"""

from dataclasses import dataclass

from wtforms.fields import SelectChoice

from decision_aid.content import current_evidence
from decision_aid.extensions import lazy_gettext as _l

# The page with the four questions, and the page with their feedback.
SLUG = "check-your-understanding"
FEEDBACK_SLUG = "your-answers"
# The code of the "I'm not sure" answer every question offers: it counts as not known.
NOT_SURE = "not-sure"


def calgb_set():
    """The default comparison set (CALGB 100104, about 3 years), which the questions ask about."""
    return current_evidence().default_set


def progression_free_numbers():
    """People out of 100 alive with the myeloma not worse, and alive, in the CALGB set."""
    calgb = calgb_set()
    progression_free = calgb.outcome("calgb_ttp")
    alive = calgb.outcome("os")
    return {
        "lenalidomide": progression_free.lenalidomide_per_100,
        "control": progression_free.control_per_100,
        "alive": alive.lenalidomide_per_100,
        "years": calgb.horizon.years,
    }


def second_cancer_numbers():
    """People out of 100 with a second cancer in each group of the CALGB set."""
    second_cancer = calgb_set().outcome("spm_invasive")
    return {"lenalidomide": second_cancer.lenalidomide_per_100, "control": second_cancer.control_per_100}


@dataclass(frozen=True)
class KnowledgeQuestion:
    """One question: its wording, choices, the right answer and why."""

    field: str
    question: object
    error: object
    choices: object  # a function returning SelectChoice items (numbers may come from evidence)
    correct: object  # a function returning the right code
    explanation: object  # a function returning the explanation
    question_values: object = None  # a function returning numbers for the question's placeholders

    def text(self):
        """The question as asked, with any numbers from the evidence filled in."""
        return self.question % self.question_values() if self.question_values else self.question


def _number_choices():
    numbers = progression_free_numbers()
    values = sorted({numbers["control"], numbers["lenalidomide"], numbers["alive"]})
    return [SelectChoice(str(value), _l("About %(n)s out of 100", n=value)) for value in values]


QUESTIONS = [
    KnowledgeQuestion(
        "quiz_main_effect",
        _l("In the studies, what did lenalidomide maintenance do?"),
        _l("Select what lenalidomide maintenance did in the studies"),
        lambda: [
            SelectChoice("longer", _l("On average, it kept the myeloma away for longer")),
            SelectChoice("cured", _l("It cured the myeloma")),
            SelectChoice("nothing", _l("It made no difference")),
        ],
        lambda: "longer",
        lambda: _l(
            "On average, the myeloma took longer to come back with lenalidomide. It did not cure "
            "the myeloma: in both groups, the myeloma came back for many people in time."
        ),
    ),
    KnowledgeQuestion(
        "quiz_number",
        _l(
            "In the CALGB study, how many out of 100 people on lenalidomide were alive with their "
            "myeloma not worse after %(horizon)s?"
        ),
        _l("Select how many out of 100 people"),
        _number_choices,
        lambda: str(progression_free_numbers()["lenalidomide"]),
        lambda: _l(
            "About %(lenalidomide)s out of 100 people who took lenalidomide were alive with their "
            "myeloma not worse about %(years)s years after the transplant. With a dummy pill, it was "
            "about %(control)s out of 100.",
            **progression_free_numbers(),
        ),
        question_values=lambda: {"horizon": calgb_set().horizon.label},
    ),
    KnowledgeQuestion(
        "quiz_second_cancer",
        _l("What happened to the chance of getting a second, different cancer?"),
        _l("Select what happened to the chance of a second cancer"),
        lambda: [
            SelectChoice("higher", _l("It was higher with lenalidomide")),
            SelectChoice("lower", _l("It was lower with lenalidomide")),
            SelectChoice("same", _l("It was the same in both groups")),
        ],
        lambda: "higher",
        # Not "It was higher with lenalidomide." again: the feedback has just said the answer.
        lambda: _l(
            "In the CALGB study, about %(lenalidomide)s out of 100 people who took lenalidomide got a "
            "second cancer. With a dummy pill, it was about %(control)s out of 100.",
            **second_cancer_numbers(),
        ),
    ),
    KnowledgeQuestion(
        "quiz_right_choice",
        _l("Is lenalidomide maintenance the right choice for everyone after a transplant?"),
        _l("Select whether lenalidomide maintenance is the right choice for everyone"),
        lambda: [
            SelectChoice("yes", _l("Yes, everyone should take it")),
            SelectChoice("depends", _l("No, it depends on the person and what matters to them")),
            SelectChoice("nobody", _l("No, nobody should take it")),
        ],
        lambda: "depends",
        lambda: _l(
            "There is no single right choice. Lenalidomide keeps the myeloma away for longer on "
            "average, but it has side effects and risks. People weigh these in different ways."
        ),
    ),
]


def feedback(question, answers):
    """Whether the latest answer is right, what was chosen, and the explanation."""
    chosen = answers.get(question.field)
    labels = {choice.value: choice.label for choice in question.choices()}
    return {
        "question": question,
        "question_text": question.text(),
        "correct": chosen == question.correct(),
        "not_sure": chosen == NOT_SURE,
        "chosen_label": labels.get(chosen),
        "correct_label": labels[question.correct()],
        "explanation": question.explanation(),
    }


def score(answers, first_try_prefix):
    """How many questions were right at the first try, out of how many, and the ones missed.

    `missed` lists each question not right at the first try ("I'm not sure" included), with its
    right answer, so the care team can go over them.
    """
    missed = []
    for question in QUESTIONS:
        if answers.get(first_try_prefix + question.field) != question.correct():
            labels = {choice.value: choice.label for choice in question.choices()}
            missed.append(
                {"field": question.field, "question": question.text(), "answer": labels[question.correct()]}
            )
    return {"right": len(QUESTIONS) - len(missed), "total": len(QUESTIONS), "missed": missed}
