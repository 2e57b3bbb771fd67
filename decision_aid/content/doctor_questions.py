"""Questions for my doctor: a checklist built from the person's answers, plus their own words."""

from dataclasses import dataclass

from decision_aid.content import notes
from decision_aid.extensions import lazy_gettext as _l


@dataclass(frozen=True)
class Suggestion:
    """A question to suggest, the answers that make it relevant (None: everyone), and whether it is
    ticked when the page is first shown."""

    code: str
    text: object
    applies: object = None
    ticked_first: bool = True


def concern_question(code):
    """The question a concern raises, worded once in its note."""
    note = notes.NOTES_BY_CODE[code]
    return Suggestion(code, note.ask, note.applies)


SUGGESTIONS = [
    Suggestion(
        "how-long",
        _l("How long would I take lenalidomide, and can I stop or pause it if I need to?"),
    ),
    Suggestion(
        "high-risk",
        _l("Is my myeloma high-risk? Would another maintenance or a clinical trial suit me better?"),
    ),
    Suggestion(
        "cost", _l("What would lenalidomide cost me, and what does my insurance or health service cover?")
    ),
    # The other option's question: the three above are all about taking lenalidomide (PDF review).
    # Offered to everyone but not ticked: a fourth question ticked for everyone lengthened every
    # summary and took the walk past its 40 phone screens.
    Suggestion(
        "if-i-wait",
        _l("If I wait, how would you check my myeloma? What if it comes back?"),
        ticked_first=False,
    ),
    concern_question("kidneys"),
    concern_question("blood-clot"),
    concern_question("pregnancy"),
    concern_question("other-cancer"),
    concern_question("induction"),
    concern_question("age"),
    concern_question("myeloma-worse"),
    concern_question("late-start"),
    Suggestion(
        "timing",
        _l("When would maintenance start after my transplant?"),
        lambda answers: answers.get("transplant") == "not-yet",
    ),
]

SUGGESTIONS_BY_CODE = {suggestion.code: suggestion for suggestion in SUGGESTIONS}


def suggestions_for(answers):
    """The suggested questions that fit these answers, tailored ones first."""
    tailored = [s for s in SUGGESTIONS if s.applies is not None and s.applies(answers)]
    general = [s for s in SUGGESTIONS if s.applies is None]
    return tailored + general


def question_texts(answers):
    """The ticked questions, in words, followed by the person's own note if any."""
    texts = [
        SUGGESTIONS_BY_CODE[code].text
        for code in answers.get("doctor_questions", [])
        if code in SUGGESTIONS_BY_CODE
    ]
    return texts, answers.get("doctor_note", "")
