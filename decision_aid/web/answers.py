"""The person's answers in their signed session cookie: load (validated), save, record, clear."""

from flask import session

from decision_aid.journey import answers as answer_rules
from decision_aid.journey import flow


def load():
    """The answers so far, validated: a code no question offers, or forged data, is dropped."""
    return answer_rules.valid_answers(session.get("answers", {}))


def save(answers):
    """Store the answers, dropping any that no longer apply."""
    # permanent: the cookie survives closing the browser for PERMANENT_SESSION_LIFETIME (7 days).
    session.permanent = True
    session["answers"] = flow.prune(answers)


def record(step, form):
    """Store a validated form's answers for a step (or mark a page to read as seen)."""
    save(answer_rules.with_step_answered(load(), step, form))
    return load()


def clear():
    """Forget everything, including the language choice."""
    session.clear()
