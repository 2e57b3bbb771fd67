"""The parts of every page that depend only on the language: drawn once per language, then kept.

The head's description and links, the header with its language switcher and the footer are the
same on every page for everyone who reads that language. Kept, a question page takes 0.72 ms in
process instead of 0.82 (issue 14). Their key is the block's name, the
language and the path the aid is mounted under (the links in them start with it); nothing a person
answered is ever part of the key or of the markup. tests/test_chrome.py checks every page of a walk,
in each language and in clinic mode, against an app that draws them afresh.
"""

from flask import current_app
from flask import has_request_context
from flask import request
from flask_babel import get_locale

# Blocks x languages x mount paths: a dozen in practice; the cap bounds anything unexpected.
MAX_KEPT = 64


def init_app(app):
    """Give the templates kept() and this app its own store of drawn blocks."""
    app.extensions["chrome_markup"] = {}
    app.jinja_env.globals["kept"] = kept


def kept(name, caller):
    """What a `{% call kept(name) %}` block draws: drawn once per language, then kept."""
    env = current_app.jinja_env
    # A template being edited (auto-reload) must show its changes; outside a request there is no
    # mount path to key on (and nothing is served).
    if env.auto_reload or not has_request_context():
        return caller()
    key = (name, str(get_locale()), request.script_root)
    store = current_app.extensions["chrome_markup"]
    markup = store.get(key)
    if markup is None:
        markup = caller()
        if len(store) >= MAX_KEPT:
            store.clear()
        store[key] = markup
    return markup
