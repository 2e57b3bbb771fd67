"""The person's answers as data: which fields and codes are valid, and recording a step.

Answers arrive from a cookie or a hand-off link, both of which a person (or an attacker with the
key) controls, so every reader goes through valid_answers() and nothing else is used.
"""

import functools
import types

from wtforms.fields import SelectMultipleField

from decision_aid import settings
from decision_aid.journey import flow

# Far above any real answer; a forged cookie or link cannot make a page do more work than this.
MAX_LIST_ITEMS = 50
MAX_CODE_CHARS = 100
# The free-text caps (FREE_TEXT_MAX_CHARS and FREE_TEXT_MAX_BYTES), which the form enforces.
MAX_TEXT_CHARS = settings.DEFAULTS["FREE_TEXT_MAX_CHARS"]
MAX_TEXT_BYTES = settings.DEFAULTS["FREE_TEXT_MAX_BYTES"]


def valid_answers(answers):
    """Only known fields with acceptable values; nothing else from a cookie or link is used."""
    if not isinstance(answers, dict):
        return {}
    fields = known_fields()
    kept = {
        name: without_repeats(value)
        for name, value in answers.items()
        if name in fields and valid_value(value, *fields[name])
    }
    seen = answers.get("_seen")
    if isinstance(seen, list) and all(isinstance(slug, str) for slug in seen):
        kept["_seen"] = seen
    return kept


@functools.cache
def known_fields():
    """Every answer field of the journey (with the knowledge check's first tries): its choices, and
    whether it holds a list of them (ticked boxes) or one answer (a choice or a note).

    The choices are the codes a field accepts, or None when the form sets them at run time. Worked
    out once: the journey is fixed while the app runs (about a tenth of a question page before).
    """
    fields = {}
    for step in flow.STEPS:
        for name in step.fields:
            unbound = getattr(step.form, name)
            choices = unbound.kwargs.get("choices")
            codes = {choice.value for choice in choices} if choices else None
            fields[name] = (codes, issubclass(unbound.field_class, SelectMultipleField))
            if step.keeps_first:
                fields[flow.FIRST_TRY_PREFIX + name] = fields[name]
    return types.MappingProxyType(fields)


def valid_value(value, codes=None, many=None):
    """A short code (one of the field's choices), a list of them, or a note within the cap.

    codes is the field's set of choices, or None for any short code; many says whether the field
    holds a list (ticked boxes) or one answer; None accepts either. A list where one answer
    belongs (or one answer where a list does) is forged, and the pages reading it would fail.
    """
    if isinstance(value, str) and many is not True:
        # An old link may hold a code a later version dropped: leave it out, do not fail.
        if codes is not None:
            return value in codes
        return len(value) <= MAX_TEXT_CHARS and len(value.encode("utf-8")) <= MAX_TEXT_BYTES
    if isinstance(value, list) and many is not False:
        return len(value) <= MAX_LIST_ITEMS and all(
            isinstance(item, str) and len(item) <= MAX_CODE_CHARS and (codes is None or item in codes)
            for item in value
        )
    return False


def without_repeats(value):
    """A list with each code once (in first-seen order); anything else as it is."""
    # Repeated checkbox codes in a forged post would otherwise grow the cookie past what
    # browsers keep, losing every answer.
    return list(dict.fromkeys(value)) if isinstance(value, list) else value


def with_step_answered(answers, step, form):
    """New answers with a validated form's answers for a step (or a page to read marked seen)."""
    answers = dict(answers)
    if step.keeps_first_when_repeated and all(name in answers for name in step.fields):
        # Answered again (after looking back at the numbers, say): keep the first answers too,
        # so the summary can show both scores. Stored only once there is a second answer.
        for name in step.fields:
            answers.setdefault(flow.FIRST_TRY_PREFIX + name, answers[name])
    if step.is_question:
        for name in step.fields:
            answers[name] = without_repeats(form[name].data)
            if step.keeps_first_answer:
                # Later tries may change the answer; the knowledge score counts the first one.
                answers.setdefault(flow.FIRST_TRY_PREFIX + name, answers[name])
    else:
        answers["_seen"] = [*answers.get("_seen", ()), step.slug]
    return flow.prune(answers)
