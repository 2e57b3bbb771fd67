"""Turn stored answer codes back into readable questions and answers, and build the summary."""

from types import SimpleNamespace

from decision_aid import flow
from decision_aid import forms


def answer_rows(answers):
    """One row per answered question: the question, the answer in words, and where to change it."""
    rows = []
    for step in flow.applicable_steps(answers):
        for name in step.fields:
            field = getattr(step.form, name)
            rows.append(
                {
                    "slug": step.slug,
                    "question": field.args[0] if field.args else field.kwargs.get("label"),
                    "answer": forms.choice_label(step.form, name, answers.get(name)),
                }
            )
    return rows


def build(answers):
    """Everything the summary page and the summary PDF show, from the stored answers."""
    return SimpleNamespace(answer_rows=answer_rows(answers))
