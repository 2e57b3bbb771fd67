"""Notes for people like you: what each situation answer means for the evidence, and what to ask.

These never give a personal risk number: the studies do not support one.
"""

from dataclasses import dataclass

from decision_aid.content.evidence_text import FactsText
from decision_aid.extensions import lazy_gettext as _l


@dataclass(frozen=True)
class Note:
    """A note for people with a particular answer."""

    code: str
    title: object
    meaning: object
    ask: object
    applies: object
    # For the care team (clinician sheet, record note): the answer's topic in their words, shown with
    # the answer itself, so "Blood clots" for the person reads "Past blood clot (I'm not sure)" for them.
    field: str
    for_the_team: object


# Answers that raise something to talk about. The notes and the questions for the care team both
# use these, so the two can never disagree about who a concern applies to. "Not sure" raises a
# concern as "yes" does, so each note and question is worded to be true for both answers: a
# question ticked for someone unsure once said "Because I have had a blood clot".
CONCERNS = {
    "age": lambda answers: answers.get("age_group") == "over-70",
    "kidneys": lambda answers: answers.get("kidney") in {"yes", "not-sure"},
    "blood-clot": lambda answers: answers.get("blood_clot") in {"yes", "not-sure"},
    "pregnancy": lambda answers: answers.get("pregnancy") in {"yes", "not-sure"},
    "myeloma-worse": lambda answers: answers.get("response") == "worse",
    "other-cancer": lambda answers: answers.get("other_cancer") in {"yes", "not-sure"},
    "induction": lambda answers: answers.get("induction_lenalidomide") in {"yes", "not-sure"},
    "no-transplant": lambda answers: answers.get("transplant") in {"not-yet", "no", "not-sure"},
    "late-start": lambda answers: answers.get("transplant_when") == "over-12m",
}

# People in the main study joined it 100 to 110 days after the transplant (calgb.clock_from_transplant);
# worded without the numbers, as every note is.
LATE_START_MEANING = _l(
    "People in the main study joined it a few months after their transplant. We do not know if the numbers"
    " are the same for people who start later."
)

NOTES = [
    Note(
        "age",
        _l("Your age"),
        _l(
            "The main studies had age limits, and you are older than them. We do not know if older people "
            "gain as much, or have more side effects."
        ),
        _l("The main studies did not include people my age. What do we know for people like me?"),
        CONCERNS["age"],
        "age_group",
        _l("Age"),
    ),
    Note(
        "kidneys",
        _l("Your kidneys"),
        _l(
            "The kidneys clear lenalidomide from the body, so kidney problems can mean a lower dose. The "
            "studies only included people whose kidneys worked fairly well."
        ),
        _l("Would my kidneys change the dose of lenalidomide or how safe it is for me?"),
        CONCERNS["kidneys"],
        "kidney",
        _l("Kidney problems"),
    ),
    Note(
        "blood-clot",
        _l("Blood clots"),
        _l(
            "Lenalidomide raises the chance of blood clots. A past clot may matter when your team decides "
            "whether you need a blood thinner."
        ),
        _l("Would a past blood clot mean I need a blood thinner, and which one?"),
        CONCERNS["blood-clot"],
        "blood_clot",
        _l("Past blood clot"),
    ),
    Note(
        "pregnancy",
        _l("Pregnancy"),
        _l(
            "Lenalidomide can cause serious harm to an unborn baby. If you or a partner could become "
            "pregnant, a strict pregnancy-prevention programme applies to you both."
        ),
        _l("What would the pregnancy-prevention programme mean for me and my partner?"),
        CONCERNS["pregnancy"],
        "pregnancy",
        _l("Pregnancy possible for the person or a partner"),
    ),
    Note(
        "myeloma-worse",
        _l("Your myeloma got worse"),
        _l(
            "The studies only included people whose myeloma had not got worse after the transplant. Their "
            "numbers may not apply to you."
        ),
        _l("My myeloma got worse after the transplant. Is maintenance still the right question for me?"),
        CONCERNS["myeloma-worse"],
        "response",
        _l("Response to the transplant"),
    ),
    Note(
        "other-cancer",
        _l("A previous cancer"),
        _l(
            "Lenalidomide raises the chance of a second cancer. We do not know how a past cancer changes "
            "that for one person."
        ),
        _l("Would a past cancer change my chance of a second cancer with lenalidomide?"),
        CONCERNS["other-cancer"],
        "other_cancer",
        _l("Another cancer in the past"),
    ),
    Note(
        "induction",
        _l("Lenalidomide before your transplant"),
        FactsText(("calgb.induction_trend",)),
        _l("If I took lenalidomide before my transplant, would that change the benefit?"),
        CONCERNS["induction"],
        "induction_lenalidomide",
        _l("Lenalidomide before the transplant"),
    ),
    Note(
        "no-transplant",
        _l("Your transplant"),
        _l(
            "The numbers come from people who had already had a transplant using their own cells. If you "
            "have not, they may not apply to you."
        ),
        _l("Does maintenance apply to me, and when would it start?"),
        CONCERNS["no-transplant"],
        "transplant",
        _l("Autologous stem cell transplant"),
    ),
    Note(
        "late-start",
        _l("A transplant more than a year ago"),
        LATE_START_MEANING,
        _l("My transplant was more than a year ago. What would starting lenalidomide now mean for me?"),
        CONCERNS["late-start"],
        "transplant_when",
        _l("When the transplant was"),
    ),
]

NOTES_BY_CODE = {note.code: note for note in NOTES}


def notes_for(answers):
    """The notes that fit these answers, in a fixed order."""
    return [note for note in NOTES if note.applies(answers)]


def population_differences(answers):
    """Codes for each way the person differs from the people in the studies."""
    differences = []
    transplant = answers.get("transplant")
    if transplant == "not-yet":
        differences.append("no-transplant-yet")
    elif transplant in {"no", "not-sure"}:
        differences.append("no-transplant")
    if answers.get("age_group") == "over-70":
        differences.append("over-age-limit")
    if answers.get("response") == "worse":
        differences.append("myeloma-worse")
    if CONCERNS["late-start"](answers):
        differences.append("late-start")
    return differences
