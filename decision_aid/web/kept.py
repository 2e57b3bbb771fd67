"""Blocks of a page that are the same for everyone who reads it in one language: drawn once, then kept.

`{% call kept(name) %}...{% endcall %}` draws the block the first time and serves that markup after,
keyed by the name, the language and the path the aid is mounted under (links start with it). The
name must say everything else the block shows, and nothing a person answered may be in the block:
- the head's links, the header and the footer (about 0.1 ms of every page, issue 14);
- an outcome's cells in the numbers table: pictures, counts and the difference, which come from
  the evidence alone (the name holds the outcome's id); the person's own mark stays outside.
tests/test_kept.py checks every page of a walk in each language, pages in clinic mode and under a
mount path, and the summary PDF, a bilingual copy and the handout, against an app that draws
everything afresh.
"""

from flask import current_app
from flask import has_request_context
from flask import request
from flask_babel import get_locale

# About 65 per mount path: the 3 chrome blocks, and the numbers table's cells (5 outcomes) and key
# for the page, the summary PDF and the handout, in 3 languages; the cap bounds anything unexpected.
MAX_KEPT = 2048


def init_app(app):
    """Give the templates kept() and this app its own store of drawn blocks."""
    app.extensions["kept_markup"] = {}
    app.jinja_env.globals["kept"] = kept


def kept(name, caller):
    """What a `{% call kept(name) %}` block draws: drawn once per language, then kept."""
    # Outside a request there is no mount path to key on (and nothing is served).
    if not has_request_context():
        return caller()
    key = (name, str(get_locale()), request.script_root)
    return drawn_once(current_app.extensions["kept_markup"], key, caller)


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
