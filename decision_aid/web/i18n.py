"""Language choice: ?lang= (remembered), then the browser's Accept-Language, then English."""

from urllib.parse import urlencode

from flask import current_app
from flask import g
from flask import request
from flask import session
from flask_babel import Domain
from flask_babel import get_locale
from jinja2 import pass_context
from markupsafe import Markup

from decision_aid.extensions import babel
from decision_aid.web import compression

# Native names are not translated: a reader looks for their own language in its own words.
LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français"}


class RequestDomain(Domain):
    """Flask-Babel's message domain, but the translations are found once per request and language.

    Flask-Babel resolves its context, the domain, the locale and the locale's name for every
    string (about 90 strings on a question page), which was a tenth of the page's time. Only the
    lookup is kept here, never a translated string; the compiled catalogs stay in Flask-Babel's
    per-language cache. Keyed on the locale object itself, so force_locale() (which swaps it for
    the duration of a block) gets its own translations and the request's come back after it."""

    def get_translations(self):
        """The current request's translations object (Flask-Babel's own lookup once per locale)."""
        state = babel_request_state()
        locale = getattr(state, "babel_locale", None)
        found = getattr(state, "request_translations", None)
        if locale is not None and found is not None and found[0] is locale:
            return found[1]
        # Flask-Babel's lookup: it also works out the locale, or answers outside a request.
        translations = super().get_translations()
        locale = getattr(state, "babel_locale", None)
        if locale is not None:
            state.request_translations = (locale, translations)
        return translations


def babel_request_state():
    """Flask-Babel's per-request namespace (g._flask_babel in 4.x), or None."""
    # If Flask-Babel ever keeps it elsewhere, every lookup takes its own (slower) path instead.
    try:
        return g._flask_babel
    except (AttributeError, RuntimeError):  # not made yet, or outside an app context
        return None


def init_app(app):
    """Wire Flask-Babel with our locale selector and remember a ?lang= choice."""
    babel.init_app(app, locale_selector=select_locale)
    # Every gettext goes through the Babel object's domain. Jinja's pgettext and npgettext come from
    # install_gettext_callables (which also sets new-style strings); _, gettext and ngettext are then
    # replaced by the one-call versions below.
    domain = babel.__dict__.get("domain_instance")
    if not isinstance(domain, RequestDomain):
        domain = babel.domain_instance = RequestDomain(domain=app.extensions["babel"].default_domain)
    translations = domain.get_translations
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
    )
    # The strings the templates translate (_ and ngettext) in one call each (template_gettext).
    app.jinja_env.globals.update(_=template_gettext, gettext=template_gettext, ngettext=template_ngettext)
    app.before_request(remember_requested_language)


@pass_context
def template_gettext(context, string, /, **variables):
    """A template's _() or gettext(): the translation, escaped with the page, filled in with the variables.

    What Jinja's new-style gettext does, in one call: Jinja reaches its own through an alias and two
    more context calls, about 5 microseconds a string (0.15 ms of a summary page, issue 14)."""
    translated = babel.domain_instance.get_translations().ugettext(string)
    if context.eval_ctx.autoescape:
        translated = Markup(translated)  # noqa: S704 - the aid's own catalog text, trusted as Jinja trusts it
    # Positional-only, as Jinja's own: a template may name a variable string, context or num.
    # New-style strings are format strings even without variables ("%%" shows as "%"), as in Jinja.
    return translated % variables if variables or "%" in translated else translated


@pass_context
def template_ngettext(context, singular, plural, num, /, **variables):
    """A template's ngettext(): the singular or plural translation for num, as template_gettext."""
    variables.setdefault("num", num)
    translated = babel.domain_instance.get_translations().ungettext(singular, plural, num)
    if context.eval_ctx.autoescape:
        translated = Markup(translated)  # noqa: S704 - as in template_gettext
    return translated % variables


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


# What an address says about the page beside its language: changing an answer from check your
# answers, coming from the SURE result, answering SURE again, back at the SURE result after a
# revisit, the study shown. A language switch keeps them, or Continue would lead somewhere else.
# Only these known values are carried (compression.known_arguments: BREACH).
PAGE_STATE_VALUES = {"change": ("1",), "from": ("sure",), "again": ("1",), "revisited": ("1",)}


def language_query():
    """The page's own query arguments, ready to go before "lang=" in a switcher link ("" for none)."""
    if not request.args:
        return ""  # most pages: the plain switcher, drawn once
    known = {**PAGE_STATE_VALUES, "study": [s.id for s in current_app.extensions["evidence"].comparison_sets]}
    kept = compression.known_arguments(known)
    return urlencode(kept) + "&" if kept else ""


def language_links():
    """Name, code and whether current, for each language in the switcher."""
    current = str(get_locale())
    return [
        {"code": code, "name": LANGUAGE_NAMES.get(code, code), "current": code == current}
        for code in supported_languages()
    ]
