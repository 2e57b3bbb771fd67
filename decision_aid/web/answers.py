"""The person's answers in their signed session cookie: load (validated), save, record, clear;
the cookie's version, and clinic mode's short life for answers on a shared computer."""

import time

from flask import current_app
from flask import redirect
from flask import request
from flask import session
from flask import url_for

from decision_aid.journey import answers as answer_rules
from decision_aid.journey import flow

# The shape of the answers in the cookie. Raise it when a change means older answers can no longer
# be read the same way: they are then cleared, with a plain message, instead of misread.
VERSION = 2
# Kept when answers are cleared: the language, whether clinic mode is on, and the form token (a
# form already on screen, such as Finish and clear, must still work). Never an answer.
KEPT_ON_CLEAR = ("lang", "clinic", "csrf_token")
# One-time messages for the start page (the template holds the words).
UPDATED = "updated"
TIMED_OUT = "timed-out"
DELETED = "deleted"
# A one-time message for the question a link to a later page was sent to.
LATER_PAGE = "later-page"
# Pages that need answers: after answers are cleared, they send the person to the start page,
# where the message is.
NEEDS_ANSWERS = ("flow.step", "flow.check_answers", "flow.summary_page", "documents.summary_pdf")


def now():
    """The time in seconds; behind a function so tests can move the clock."""
    return time.time()


def init_app(app):
    """Check the cookie's version and clinic mode's idle limit before every request."""
    app.before_request(check_stored_answers)


def load():
    """The answers so far, validated: a code no question offers, or forged data, is dropped."""
    return answer_rules.valid_answers(session.get("answers", {}))


def has_answers():
    """Whether any answers are saved in this browser."""
    return bool(session.get("answers"))


def save(answers):
    """Store the answers, dropping any that no longer apply."""
    # On the person's own device the cookie survives closing the browser for
    # PERMANENT_SESSION_LIFETIME (7 days); in clinic mode it lasts only for the browser session.
    session.permanent = not clinic_mode()
    session["answers"] = flow.prune(answers)
    session["v"] = VERSION
    if clinic_mode():
        session["seen"] = int(now())


def record(step, form):
    """Store a validated form's answers for a step (or mark a page to read as seen)."""
    save(answer_rules.with_step_answered(load(), step, form))
    return load()


def clear_answers(message=None):
    """Forget the answers but keep the language and clinic mode; optionally leave a message."""
    kept = {name: session[name] for name in KEPT_ON_CLEAR if name in session}
    session.clear()
    session.update(kept)
    if message:
        leave_message(message)


def leave_message(message):
    """Leave a one-time message for the next page that shows it."""
    session["message"] = message


def take_message(only=None):
    """The one-time message (updated, timed out, later page), removed once read; with only, that
    message or None (another stays for the page that shows it)."""
    if only is not None and session.get("message") != only:
        return None
    return session.pop("message", None)


def clinic_mode():
    """Whether this browser is in clinic mode: set for the deployment, or switched on here."""
    return current_app.config["CLINIC_MODE"] == "always" or session.get("clinic") is True


def switch_on_clinic_mode():
    """Clinic mode from now on: any earlier answers are deleted first (they may be someone else's)."""
    clear_answers()
    session["clinic"] = True
    session.permanent = False


def idle_limit():
    """Seconds without activity after which clinic mode clears the answers."""
    return int(current_app.config["CLINIC_IDLE_SECONDS"])


def recently_seen(seen):
    """Whether a clinic session's last-activity time is a whole number within the idle limit."""
    # Compared, never subtracted: a signed cookie's huge integer would overflow a float (a 500). A
    # time ahead of this clock by up to the limit is allowed for servers whose clocks differ a little.
    limit = idle_limit()
    return isinstance(seen, int) and now() - limit <= seen <= now() + limit


def check_stored_answers():
    """Clear answers an older version saved, or clinic answers left idle too long, with a message."""
    if request.endpoint in (None, "static", "pages.healthz"):
        return None
    message = None
    if has_answers() and session.get("v") != VERSION:
        message = UPDATED
    elif clinic_mode() and has_answers():
        # A missing or odd time is treated as too old: answers on a shared computer never linger.
        if not recently_seen(session.get("seen")):
            message = TIMED_OUT
    if message:
        clear_answers(message)
        if request.endpoint in NEEDS_ANSWERS:
            return redirect(url_for("pages.start"), 303)
        return None
    if clinic_mode():
        # No lasting cookie on a shared computer: it goes when the browser closes.
        session.permanent = False
        if has_answers():
            session["seen"] = int(now())
    return None
