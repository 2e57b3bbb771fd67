"""Language choice: ?lang= (remembered), then the browser's Accept-Language, then English."""

from flask import current_app
from flask import request
from flask import session
from flask_babel import get_locale

from decision_aid.extensions import babel

# Native names are not translated: a reader looks for their own language in its own words.
LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français"}


def init_app(app):
    """Wire Flask-Babel with our locale selector and remember a ?lang= choice."""
    babel.init_app(app, locale_selector=select_locale)
    app.before_request(remember_requested_language)


def supported_languages():
    """The language codes this deployment offers."""
    return current_app.config["LANGUAGES"]


def remember_requested_language():
    """Store an allowed ?lang= choice in the session so it sticks on later pages."""
    requested = request.args.get("lang", "")
    # Only exact codes from the allowlist: raw input never reaches Locale.parse (CVE-2021-42771).
    if requested in supported_languages():
        session["lang"] = requested


def select_locale():
    """Pick the request's language from the session choice or the Accept-Language header."""
    chosen = session.get("lang")
    if chosen in supported_languages():
        return chosen
    return request.accept_languages.best_match(supported_languages()) or "en"


def language_links():
    """Name, code and whether current, for each language in the switcher."""
    current = str(get_locale())
    return [
        {"code": code, "name": LANGUAGE_NAMES.get(code, code), "current": code == current}
        for code in supported_languages()
    ]
