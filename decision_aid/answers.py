"""The person's answers, kept only in their signed session cookie as short codes."""

from flask import session

from decision_aid import flow


def load():
    """The answers so far (a copy: change it, then save it)."""
    return dict(session.get("answers", {}))


def save(answers):
    """Store the answers, dropping any that no longer apply."""
    # permanent: the cookie survives closing the browser for PERMANENT_SESSION_LIFETIME (7 days).
    session.permanent = True
    session["answers"] = flow.prune(answers)


def record(step, form):
    """Store a validated form's answers for a step (or mark a page to read as seen)."""
    answers = load()
    if step.is_question:
        for name in step.fields:
            answers[name] = form[name].data
            if step.keeps_first_answer:
                # Later tries may change the answer; the knowledge score counts the first one.
                answers.setdefault(flow.FIRST_TRY_PREFIX + name, form[name].data)
    else:
        answers["_seen"] = [*answers.get("_seen", ()), step.slug]
    save(answers)
    return load()


def clear():
    """Forget everything, including the language choice."""
    session.clear()
