"""Plural forms: wherever a number meets a noun or a verb, the words agree with it in every language.

The count-bearing messages are the catalog's plural entries (``msgid_plural``), so a new one is
covered here as soon as `make update-translations` extracts it. The count is always ``%(num)s``.
"""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask_babel import force_locale
from flask_babel import get_translations

from decision_aid.content import numbers
from decision_aid.evidence.text import PN

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "translations"
LOCALES = ["en", "es", "fr"]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# In these templates the number agrees through a nested phrase that is itself plural
# ("%(num)s de cada 100 personas %(words)s": the verb is in %(words)s), so the frame may stay the same.
NESTED_AGREEMENT = re.compile(r"%\((?:has|has_not|words)\)s")


def plural_messages():
    with open(TRANSLATIONS / "messages.pot", "rb") as handle:
        return [message.id for message in read_po(handle) if message.id and message.pluralizable]


PLURALS = plural_messages()


def fill(template, num):
    """The template with the count and a neutral word in every other placeholder."""
    values = dict.fromkeys(PLACEHOLDER.findall(template), "X")
    values["num"] = num
    return template % values


def forms(app, locale, singular, plural):
    """The translated template for 0, 1 and 2, as the app picks it."""
    with app.test_request_context(), force_locale(locale):
        translations = get_translations()
        return {n: translations.ungettext(singular, plural, n) for n in (0, 1, 2)}


def test_the_count_bearing_messages_are_plural_entries():
    assert len(PLURALS) >= 25, "the counts on the numbers page, the quiz score and the form limits"
    for singular, plural in PLURALS:
        if "%(num)s" in singular:
            assert "%(num)s" in plural, singular
        assert not re.search(r"\d", PLACEHOLDER.sub(" ", singular).replace("100", "")), singular


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(("singular", "plural"), PLURALS, ids=[s[:40] for s, _ in PLURALS])
def test_each_plural_message_agrees_with_one_and_two(app, locale, singular, plural):
    chosen = forms(app, locale, singular, plural)
    for form in chosen.values():
        assert form, "translated"
        assert sorted(set(PLACEHOLDER.findall(form))) == sorted(set(PLACEHOLDER.findall(plural)))
    # French: 0 and 1 take the singular; Spanish and English: only 1.
    if locale == "fr":
        assert chosen[0] == chosen[1]
    else:
        assert chosen[0] == chosen[2]
    english_differs = singular != plural
    if locale == "en":
        assert (chosen[1], chosen[2]) == (singular, plural)
    elif english_differs or not NESTED_AGREEMENT.search(chosen[2]):
        # Where English distinguishes, or the words after the number are in this very message.
        assert chosen[1] != chosen[2], f"{locale}: the same words for 1 and 2: {chosen[2]!r}"
    assert fill(chosen[1], 1) and fill(chosen[2], 2)


# Full sentences of the numbers page, rendered with 1 and with 2.
AGREEMENT = {
    "fr": [
        ("stopped_ae", 0, "1 personne sur\u00a0100 a arrêté les gélules"),
        ("stopped_ae", 0, "2 personnes sur\u00a0100 ont arrêté les gélules"),
        ("os", 1, "1 personne sur\u00a0100 était décédée"),
        ("spm_blood_before_progression", 0, "1 personne sur\u00a0100 a eu un nouveau cancer du sang"),
    ],
    "es": [
        ("stopped_ae", 0, "1 de cada\u00a0100 personas dejó las cápsulas"),
        ("stopped_ae", 0, "2 de cada\u00a0100 personas dejaron las cápsulas"),
        ("os", 1, "1 de cada\u00a0100 personas había fallecido"),
        ("spm_blood_before_progression", 0, "1 de cada\u00a0100 personas tuvo un nuevo cáncer de la sangre"),
    ],
    "en": [
        ("os", 0, "1 in 100 people was alive"),
        ("os", 0, "2 in 100 people were alive"),
    ],
}


@pytest.mark.parametrize("locale", LOCALES)
def test_numbers_page_sentences_agree(app, locale):
    with app.test_request_context(), force_locale(locale):
        for outcome, which, expected in AGREEMENT[locale]:
            count = int(expected.split()[0])
            words = numbers.OUTCOME_WORDS[outcome][which]
            # The two framings: the people who had the outcome, then the rest.
            rendered = str(numbers._sentence(count, words, words))
            assert rendered.startswith(expected), rendered


@pytest.mark.parametrize(
    ("locale", "one", "two"),
    [
        ("fr", "environ 1 an", "environ 2 ans"),
        ("es", "aproximadamente 1 año", "unos 2 años"),
        ("en", "about 1 year", "about 2 years"),
    ],
)
def test_phrases_agree_with_their_count(app, locale, one, two):
    with app.test_request_context(), force_locale(locale):
        assert str(PN("about %(num)s year", "about %(num)s years", 1)) == one
        assert str(PN("about %(num)s year", "about %(num)s years", 2)) == two


def test_quiz_score_agrees_in_french(client):
    from tests.helpers import complete_answers
    from tests.helpers import store_answers

    answers = complete_answers()
    with client.session_transaction() as session:
        store_answers(session, answers)
    text = " ".join(client.get("/summary?lang=fr").get_data(as_text=True).split())
    assert not re.search(r"\b1 questions\b|\b[02-9] question\b", text)
