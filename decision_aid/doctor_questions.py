"""Questions for my doctor: a checklist built from the person's answers, plus their own words."""

from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import widgets
from wtforms.fields import SelectChoice
from wtforms.fields import SelectMultipleField
from wtforms.fields import TextAreaField
from wtforms.validators import Length

from decision_aid import notes


@dataclass(frozen=True)
class Suggestion:
    """A question to suggest, and the answers that make it relevant (None: everyone)."""

    code: str
    text: object
    applies: object = None


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
    Suggestion(
        "kidneys",
        _l("Would my kidneys change the dose of lenalidomide or how safe it is for me?"),
        notes.CONCERNS["kidneys"],
    ),
    Suggestion(
        "blood-clot",
        _l("Because I have had a blood clot, would I need a blood thinner, and which one?"),
        notes.CONCERNS["blood-clot"],
    ),
    Suggestion(
        "pregnancy",
        _l("What would the pregnancy-prevention programme mean for me and my partner?"),
        notes.CONCERNS["pregnancy"],
    ),
    Suggestion(
        "other-cancer",
        _l("Does my past cancer change my chance of a second cancer with lenalidomide?"),
        notes.CONCERNS["other-cancer"],
    ),
    Suggestion(
        "induction",
        _l("I took lenalidomide before my transplant. Does that change how well maintenance might work?"),
        notes.CONCERNS["induction"],
    ),
    Suggestion(
        "age",
        _l("The main studies did not include people my age. What do we know for people like me?"),
        notes.CONCERNS["age"],
    ),
    Suggestion(
        "myeloma-worse",
        _l("My myeloma got worse after the transplant. Is maintenance still the right question for me?"),
        notes.CONCERNS["myeloma-worse"],
    ),
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


class DoctorQuestionsForm(FlaskForm):
    doctor_questions = SelectMultipleField(
        _l("Questions to ask"),
        choices=[],
        widget=widgets.ListWidget(prefix_label=False),
        option_widget=widgets.CheckboxInput(),
        description=_l("We have ticked the ones that fit your answers. Untick any you do not want"),
    )
    doctor_note = TextAreaField(
        _l("Anything else you want to ask or say (optional)"),
        description=_l("Do not include your name or other details that identify you"),
    )

    def prepare(self, answers, submitted):
        """Offer the questions that fit the answers; tick them all the first time."""
        suggestions = suggestions_for(answers)
        self.doctor_questions.choices = [SelectChoice(s.code, s.text) for s in suggestions]
        limit = current_app.config["FREE_TEXT_MAX_CHARS"]
        self.doctor_note.validators = [
            Length(max=limit, message=_l("Your note must be %(limit)s characters or fewer", limit=limit))
        ]
        if not submitted and "doctor_questions" not in answers:
            self.doctor_questions.data = [s.code for s in suggestions]


def question_texts(answers):
    """The ticked questions, in words, followed by the person's own note if any."""
    texts = [
        SUGGESTIONS_BY_CODE[code].text
        for code in answers.get("doctor_questions", [])
        if code in SUGGESTIONS_BY_CODE
    ]
    return texts, answers.get("doctor_note", "")
