"""Blocks of a page that are the same for everyone who reads it in one language: drawn once, then kept.

`{% call kept(name) %}...{% endcall %}` draws the block the first time and serves that markup after,
keyed by the name, the language and the path the aid is mounted under (links start with it). The
name must say everything else the block shows, and nothing a person answered may be in the block:
- the head's links, the header and the footer (about 0.1 ms of every page, issue 14);
- an outcome's cells in the numbers table: pictures, counts and the difference, which come from
  the evidence alone (the name holds the outcome's id); the person's own mark stays outside;
- a fixed question's list of choices, kept without ticks: each request puts the person's ticks in
  (`kept_choices`, about 0.07 ms of a question page's 0.69).
tests/test_kept.py checks every page of a walk in each language, pages in clinic mode and under a
mount path, and the summary PDF, a bilingual copy and the handout, against an app that draws
everything afresh.
"""

from itertools import chain

from flask import current_app
from flask import has_request_context
from flask import request
from flask_babel import get_locale
from markupsafe import Markup

# About 65 per mount path: the 3 chrome blocks, and the numbers table's cells (5 outcomes) and key
# for the page, the summary PDF and the handout, in 3 languages; the cap bounds anything unexpected.
MAX_KEPT = 2048


def init_app(app):
    """Give the templates kept() and this app its own store of drawn blocks."""
    app.extensions["kept_markup"] = {}
    app.jinja_env.globals.update(kept=kept, kept_choices=kept_choices)


def kept(name, caller):
    """What a `{% call kept(name) %}` block draws: drawn once per language, then kept."""
    # Outside a request there is no mount path to key on (and nothing is served).
    if not has_request_context():
        return caller()
    return drawn_once(current_app.extensions["kept_markup"], _key(name), caller)


def _key(*name):
    """A kept block's key: its name, the language and the path the aid is mounted under."""
    return (*name, str(get_locale()), request.script_root)


# Where a tick goes in a list drawn to be kept: a character no page or translation holds.
TICK_MARK = Markup("\x00")
TICKED = Markup(" checked")


def kept_choices(field, part, heading, keep, caller):
    """What `{% call(tick) kept_choices(...) %}` draws: a list of choices with the person's ticks.

    With keep (a fixed question) and no error, the list is drawn once per question and language
    with a mark where each tick may go, kept as the pieces between the marks, and joined with the
    ticks the field's data gives. Otherwise it is drawn with tick(option) as WTForms ticks it."""
    if not keep or field.errors or not has_request_context():
        return caller(_ticked)
    # part (the progress line above a question that is the page's heading) is named by its number.
    key = _key("choices", field.id, field.name, (part.number, part.total) if part else None, bool(heading))
    pieces = drawn_once(current_app.extensions["kept_markup"], key, lambda: caller(_mark).split(TICK_MARK))
    # WTForms' own test for each option's tick (option.checked), in the order it draws them.
    ticks = [TICKED if selected else "" for _value, _label, selected, _render_kw in field.iter_choices()]
    if len(pieces) != len(ticks) + 1:  # a mark that was not ours: draw it afresh rather than guess
        return caller(_ticked)
    # str.join, not Markup.join, which would escape every piece again: all of them are markup already.
    return Markup("".join([*chain.from_iterable(zip(pieces, ticks, strict=False)), pieces[-1]]))  # noqa: S704


def _ticked(option):
    return TICKED if option.checked else ""


def _mark(_option):
    return TICK_MARK


def drawn_once(store, key, draw, limit=MAX_KEPT):
    """The markup kept in store under key, drawn by draw() the first time; at most `limit` kept."""
    markup = store.get(key)
    if markup is None:
        markup = draw()
        # A template being edited (auto-reload) must show its changes: keep nothing then.
        if not current_app.jinja_env.auto_reload:
            if len(store) >= limit:
                store.clear()
            store[key] = markup
    return markup
