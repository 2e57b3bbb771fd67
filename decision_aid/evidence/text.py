"""Translatable phrases whose numbers come from the evidence data, formatted for the user's locale.

Translators see templates such as "about %(years)s years"; the numbers are never typed into a
msgid (the catalog lint rejects digits), so a translation cannot drift from the data.
When a number meets a noun or a verb, the phrase is plural-aware (``PN``): its count is always the
``%(num)s`` placeholder, as in Flask-Babel's ``ngettext``, and the catalog holds one form per plural.
"""

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from babel.dates import format_skeleton
from babel.numbers import format_decimal
from flask_babel import LazyString
from flask_babel import get_locale
from flask_babel import get_translations
from markupsafe import escape

# Numbers and dates are formatted the English way when no Flask-Babel context exists (CLI, tests).
FALLBACK_LOCALE = "en"


def current_locale():
    """Return the Flask-Babel locale when an app with Babel is active, else the fallback."""
    try:
        # None outside an app context; a KeyError in an app that has no Babel set up.
        return get_locale() or FALLBACK_LOCALE
    except KeyError:
        return FALLBACK_LOCALE


@dataclass(frozen=True)
class Month:
    """A month and year (a data cut or a trial event), shown as e.g. "February 2012"."""

    year: int
    month: int

    def __post_init__(self):
        date(self.year, self.month, 1)  # raises ValueError for an impossible month

    def __str__(self):
        return _formatted_month(self.year, self.month, str(current_locale()))


# Babel reads its pattern afresh on every call, about 10 µs a number; a summary page shows dozens.
# The cache holds only evidence figures and dates as a locale writes them: nothing from a person.
@functools.lru_cache(maxsize=4096)
def _formatted_month(year, month, locale):
    return format_skeleton("yMMMM", date(year, month, 1), locale=locale)


@functools.lru_cache(maxsize=4096)
def _formatted_number(value, pattern, locale):
    return format_decimal(value, format=pattern, locale=locale)


def format_number(value):
    """Format an int or Decimal for the locale, keeping exactly the decimals the data has.

    Babel's default pattern drops a trailing zero ("2.0" would show as "2") and rounds half-even,
    so the pattern is built from the Decimal's own exponent: nothing is rounded here.
    """
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(f"not a number: {value!r}")
    places = max(0, -Decimal(value).as_tuple().exponent)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return _formatted_number(value, pattern, str(current_locale()))


def _localise(value):
    if isinstance(value, str | Month | Phrase):
        return str(value)
    return format_number(value)


@dataclass(frozen=True, eq=False)
class Phrase:
    """A lazily translated template plus the data values that fill its placeholders."""

    template: LazyString
    values: Mapping

    def __str__(self):
        text = str(self.template)
        if not self.values:
            return text
        return text % {key: _localise(value) for key, value in self.values.items()}

    def __html__(self):
        # Escape: the values come from data, and Jinja trusts anything with __html__.
        return str(escape(str(self)))

    def __repr__(self):
        return f"Phrase({self.msgid!r}, {dict(self.values)!r})"

    @property
    def msgid(self):
        """The English source string, exactly as pybabel extracts it."""
        return msgid(self.template)


def _plural_template(singular, plural, num):
    # The translated template for this count, not yet formatted (Phrase formats it for the locale).
    try:
        translations = get_translations()
    except KeyError:  # an app that has no Babel set up
        return singular if num == 1 else plural
    return translations.ungettext(singular, plural, plural_count(num))


def plural_count(num):
    """The whole number that picks a plural form: a fraction ("1.5 years") takes the plural."""
    if isinstance(num, bool) or not isinstance(num, int | Decimal):
        raise TypeError(f"not a count: {num!r}")
    if isinstance(num, Decimal):
        return int(num) if num == num.to_integral_value() else 2
    return num


def P(template, **values):  # short on purpose: it wraps almost every user-facing string
    """Build a Phrase from a lazy_gettext template and the values for its placeholders."""
    if not isinstance(template, LazyString):
        raise TypeError("a Phrase template must be lazy_gettext(...) so pybabel extracts it")
    return Phrase(template, MappingProxyType(dict(values)))


def msgid(lazy):
    """Return the untranslated msgid of a lazy_gettext string."""
    return lazy._args[0]


def PN(singular, plural, num, **values):  # extracted with `-k PN:1,2`, like ngettext
    """A Phrase whose wording agrees with ``num``: the catalog's plural forms, with ``%(num)s`` the count.

    English gives the singular and the plural; each language has as many forms as its grammar needs.
    """
    template = LazyString(_plural_template, singular, plural, num)
    return Phrase(template, MappingProxyType({"num": num, **values}))
