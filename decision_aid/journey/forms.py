"""Every form of the journey: the questions, values, knowledge check, SURE and the checklist.

Answers are stored as short codes; the wording comes from the content modules."""

import re
from functools import cache

from flask import current_app
from flask_wtf import FlaskForm
from wtforms import widgets
from wtforms.fields import RadioField
from wtforms.fields import SelectChoice
from wtforms.fields import SelectMultipleField
from wtforms.fields import TextAreaField
from wtforms.fields.core import UnboundField
from wtforms.validators import InputRequired
from wtforms.validators import Length
from wtforms.validators import ValidationError

from decision_aid.content import doctor_questions
from decision_aid.content import options
from decision_aid.content import quiz
from decision_aid.content import sure
from decision_aid.content import values
from decision_aid.extensions import lazy_gettext as _l
from decision_aid.extensions import lazy_ngettext

# Numbers in answer options come from here, not from translatable text (no figures in catalogs).
TRIAL_AGE_SPLIT = 65
TRIAL_AGE_LIMIT = 70
MONTHS_SOON = 3
MONTHS_HALF_YEAR = 6
MONTHS_YEAR = 12

YES = SelectChoice("yes", _l("Yes"))
NO = SelectChoice("no", _l("No"))
NOT_SURE = SelectChoice("not-sure", _l("I'm not sure"))
PREFER_NOT = SelectChoice("prefer-not", _l("I'd prefer not to say"))


# Control characters (C0 but tab and line feed, DEL, C1) and Unicode's noncharacters (U+FDD0-U+FDEF and
# the last two code points of every plane): text pasted from a PDF can carry them, and they are not
# allowed in HTML or drawable in the summary PDF.
CONTROL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)


def plain_text(value):
    """Typed text with line breaks as one character each, as the browser counted them, and no control
    characters."""
    if not isinstance(value, str):
        return value
    # Browsers send each line break as CR LF but count it as one character against a limit.
    return CONTROL_CHARACTERS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


# Error messages: "Select yes if…" (GOV.UK's yes/no pattern) only where yes and no are the only
# answers; beside "I'm not sure" it read as "tick only if yes", so those say "Select whether…".
def radio(question, choices, message, hint=None):
    """A required radio question whose error message says exactly what to choose."""
    return RadioField(
        question,
        choices=list(choices),
        validators=[InputRequired(message=message)],
        description=hint or "",
        # A code no choice has (a changed page, a forged post) gets the same words as no answer,
        # in the page's language, not WTForms' English "Not a valid choice".
        invalid_choice_message=message,
    )


class TransplantForm(FlaskForm):
    transplant = radio(
        _l("Have you had a stem cell transplant using your own cells?"),
        [YES, SelectChoice("not-yet", _l("Not yet, but it is planned")), NO, NOT_SURE],
        _l("Select whether you have had a stem cell transplant using your own cells"),
        hint=_l("This is called an autologous stem cell transplant"),
    )


class TransplantTimingForm(FlaskForm):
    transplant_when = radio(
        _l("When was your transplant?"),
        [
            SelectChoice("under-3m", _l("Less than %(months)s months ago", months=MONTHS_SOON)),
            SelectChoice(
                "3-6m",
                _l("%(low)s to %(high)s months ago", low=MONTHS_SOON, high=MONTHS_HALF_YEAR),
            ),
            SelectChoice(
                "6-12m",
                _l("%(low)s to %(high)s months ago", low=MONTHS_HALF_YEAR, high=MONTHS_YEAR),
            ),
            SelectChoice("over-12m", _l("More than a year ago")),
            NOT_SURE,
        ],
        _l("Select when your transplant was"),
    )


class AgeForm(FlaskForm):
    age_group = radio(
        _l("How old are you?"),
        [
            SelectChoice("under-65", _l("Under %(age)s", age=TRIAL_AGE_SPLIT)),
            SelectChoice("65-70", _l("%(low)s to %(high)s", low=TRIAL_AGE_SPLIT, high=TRIAL_AGE_LIMIT)),
            SelectChoice("over-70", _l("Over %(age)s", age=TRIAL_AGE_LIMIT)),
            PREFER_NOT,
        ],
        _l("Select your age group"),
        hint=_l("The studies had age limits, so this tells us how well they match you"),
    )


class ResponseForm(FlaskForm):
    response = radio(
        _l("How did your myeloma respond to the transplant?"),
        [
            SelectChoice("complete", _l("Complete response: no myeloma could be found")),
            SelectChoice("very-good-partial", _l("Very good partial response")),
            SelectChoice("partial", _l("Partial response")),
            SelectChoice("stable", _l("Stable disease: not much change")),
            SelectChoice("worse", _l("The myeloma got worse")),
            NOT_SURE,
        ],
        _l("Select how your myeloma responded to the transplant"),
        hint=_l("Use the words your doctor used. They may be in a clinic letter"),
    )


class HealthForm(FlaskForm):
    """Five short questions about health and treatment on one page, each with its own legend and error."""

    kidney = radio(
        _l("Do you have kidney problems?"),
        [YES, NO, NOT_SURE],
        _l("Select whether you have kidney problems"),
        hint=_l("For example, a doctor said your kidneys do not work as well as they should"),
    )
    blood_clot = radio(
        _l("Have you ever had a blood clot?"),
        [YES, NO, NOT_SURE],
        _l("Select whether you have ever had a blood clot"),
        hint=_l("For example, in a leg (deep vein thrombosis) or a lung (pulmonary embolism)"),
    )
    pregnancy = radio(
        _l("Could you or a partner become pregnant?"),
        [YES, NO, NOT_SURE, PREFER_NOT],
        _l("Select whether you or a partner could become pregnant"),
        hint=_l("Lenalidomide can harm an unborn baby, so this changes what taking it involves"),
    )
    other_cancer = radio(
        _l("Have you ever had another type of cancer?"),
        [YES, NO, NOT_SURE, PREFER_NOT],
        _l("Select whether you have ever had another type of cancer"),
        hint=_l("Do not count the myeloma"),
    )
    induction_lenalidomide = radio(
        _l("Did you take lenalidomide before your transplant?"),
        [YES, NO, NOT_SURE],
        _l("Select whether you took lenalidomide before your transplant"),
        hint=_l("Lenalidomide is also called Revlimid. It is often part of the first treatment"),
    )


class ContinueForm(FlaskForm):
    """A page with nothing to answer: only the CSRF token and the Continue button."""


@cache
def answer_fields(form_class):
    """The names of a form's answer fields, in the order they are declared (read once a class: a
    summary page asks about 65 times)."""
    unbound = [
        (value.creation_counter, name)
        for name, value in vars(form_class).items()
        if isinstance(value, UnboundField)
    ]
    return tuple(name for _, name in sorted(unbound))


# More unanswered questions than this on one page are summed up in one line, linked to the first:
# seven full sentences filled a phone screen before the values page's first question. Each question
# still shows its own message. Only choices are summed up: a note that is too long is not "not
# answered", so a page with one keeps its list.
MOST_ERRORS_LISTED = 3


def error_links(form):
    """The error summary's entries: each field's first message, linked to its first input (or one
    line for them all when more than MOST_ERRORS_LISTED questions are unanswered)."""
    links, unanswered = [], 0
    for name, messages in form.errors.items():
        # A CSRF failure is handled by its own page, never as a field error.
        if name == "csrf_token" or not messages:
            continue
        field = form[name]
        has_options = isinstance(field, RadioField | SelectMultipleField)
        first_input = f"{field.id}-0" if has_options else field.id
        links.append({"first_input_id": first_input, "message": messages[0]})
        unanswered += isinstance(field, RadioField)
    if len(links) > MOST_ERRORS_LISTED and unanswered == len(links):
        message = lazy_ngettext(
            "%(num)s question below is not answered yet.",
            "%(num)s questions below are not answered yet.",
            len(links),
        )
        return [{"first_input_id": links[0]["first_input_id"], "message": message}]
    return links


class SureForm(FlaskForm):
    sure_sure = radio(
        sure.ITEMS[0].wording, sure.YES_NO, _l("Select yes if you feel sure, or no if you do not")
    )
    sure_understand = radio(
        sure.ITEMS[1].wording, sure.YES_NO, _l("Select yes if you know the benefits and risks of each option")
    )
    sure_risk_benefit = radio(
        sure.ITEMS[2].wording,
        sure.YES_NO,
        _l("Select yes if you are clear about which benefits and risks matter most to you"),
    )
    sure_encouragement = radio(
        sure.ITEMS[3].wording,
        sure.YES_NO,
        _l("Select yes if you have enough support and advice to make a choice"),
    )


def _importance_field(factor):
    return radio(
        factor.label,
        values.IMPORTANCE,
        _l("Select how much this matters to you: %(factor)s", factor=factor.label),
    )


ValuesForm = type(
    "ValuesForm",
    (FlaskForm,),
    {factor.field: _importance_field(factor) for factor in values.FACTORS},
)


class DoctorQuestionsForm(FlaskForm):
    """Your next steps: the leaning (required), then the questions for the care team (optional)."""

    leaning = radio(
        _l("Which option are you leaning towards now?"),
        [
            *[SelectChoice(option.code, option.name) for option in options.OPTIONS.values()],
            SelectChoice("not-sure", _l("I'm not sure yet")),
        ],
        _l("Select which option you are leaning towards, or that you are not sure yet"),
        hint=_l("This is not a final decision. You can change your mind at any time"),
    )
    doctor_questions = SelectMultipleField(
        _l("Questions to ask"),
        choices=[],
        widget=widgets.ListWidget(prefix_label=False),
        option_widget=widgets.CheckboxInput(),
        description=_l("We ticked the ones that fit your answers. Untick any you do not want"),
    )
    doctor_note = TextAreaField(
        _l("Anything else you want to ask or say (optional)"),
        description=_l("Do not include your name or other details that identify you"),
        filters=[plain_text],
    )

    def prepare(self, answers, submitted):
        """Offer the questions that fit the answers; the first time, tick those that say so."""
        suggestions = doctor_questions.suggestions_for(answers)
        self.doctor_questions.choices = [SelectChoice(s.code, s.text) for s in suggestions]
        limit = current_app.config["FREE_TEXT_MAX_CHARS"]
        self.doctor_note.validators = [
            Length(
                max=limit,
                message=lazy_ngettext(
                    "Your note must be %(num)s character or fewer",
                    "Your note must be %(num)s characters or fewer",
                    limit,
                ),
            ),
            MaxBytes(
                current_app.config["FREE_TEXT_MAX_BYTES"],
                _l(
                    "Your note is too long. Letters with accents count as one character each, but emoji"
                    " and some symbols take up more room. Remove some of them, or shorten the note"
                ),
            ),
        ]
        if not submitted and "doctor_questions" not in answers:
            self.doctor_questions.data = [s.code for s in suggestions if s.ticked_first]
        elif submitted:
            # A question ticked on this page that an answer changed in another tab no longer fits:
            # it is left out, not refused with WTForms' "'kidneys' is not a valid choice".
            offered = {s.code for s in suggestions}
            ticked = self.doctor_questions.data or []
            self.doctor_questions.data = [code for code in ticked if code in offered]


class MaxBytes:
    """A validator: the text fits in this many bytes of UTF-8 (what the cookie has room for)."""

    def __init__(self, limit, message):
        self.limit = limit
        self.message = message

    def __call__(self, form, field):
        """Raise ValidationError when the text is too long in bytes."""
        if field.data and len(field.data.encode("utf-8")) > self.limit:
            raise ValidationError(self.message)


class KnowledgeForm(FlaskForm):
    """The four knowledge questions on one page, each with "I'm not sure" as its last choice."""

    def prepare(self, answers, submitted):
        """Fill in the choices and the questions, which may hold numbers from the evidence."""
        for question in quiz.QUESTIONS:
            field = self[question.field]
            field.choices = [*question.choices(), NOT_SURE]
            field.label.text = question.text()


for _question in quiz.QUESTIONS:
    # Choices filled in by prepare(): a required radio like every other, its error for an unknown code too.
    setattr(KnowledgeForm, _question.field, radio(_question.question, [], _question.error))
