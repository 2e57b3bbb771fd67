"""Turn stored answer codes back into words, and gather everything the summary shows."""

from types import SimpleNamespace

from flask_babel import lazy_gettext as _l
from wtforms.fields import SelectMultipleField
from wtforms.fields import TextAreaField

from decision_aid import flow


def answer_text(field):
    """A bound field's answer in words: the chosen label(s), or the text typed."""
    # Plain str, not lazy strings: templates tell a list of answers from one answer by type.
    if isinstance(field, TextAreaField):
        return field.data or str(_l("Not provided"))
    labels = {choice.value: str(choice.label) for choice in field.choices}
    if isinstance(field, SelectMultipleField):
        chosen = [labels[code] for code in field.data or [] if code in labels]
        return chosen or str(_l("None chosen"))
    return labels.get(field.data, str(_l("Not provided")))


def answer_rows(answers, sections=None):
    """One row per question answered: the question, the answer in words, and the step to change it."""
    rows = []
    for step in flow.applicable_steps(answers):
        if not step.is_question or (sections is not None and step.section not in sections):
            continue
        form = step.bound_form(answers)
        for name in step.fields:
            field = form[name]
            rows.append({"slug": step.slug, "question": field.label.text, "answer": answer_text(field)})
    return rows


def build(answers):
    """Everything the summary page and the summary PDF show, from the stored answers."""
    return SimpleNamespace(answer_rows=answer_rows(answers, sections=[flow.ABOUT_YOU]))
