"""The Spanish and French catalogs: complete, placeholders intact, clean to compile, pages render, readable.

Every figure in a sentence reaches it through a placeholder, so a translation that loses or renames one
shows a wrong or missing number. These tests read the catalogs as files (babel's read_po) and render
the pages through the app, as a person sees them after choosing ?lang=es or ?lang=fr.
"""

import re
import statistics
import subprocess
import sys
from pathlib import Path

import pytest
import textstat
from babel.messages.frontend import CommandLineInterface

from decision_aid.content import sure
from decision_aid.journey import flow
from tests import readability
from tests.helpers import ROOT
from tests.helpers import TRANSLATIONS
from tests.helpers import catalog
from tests.helpers import check_page
from tests.helpers import complete_answers
from tests.helpers import read_catalog
from tests.helpers import sentences
from tests.helpers import store_answers
from tests.helpers import text

LOCALES = ["es", "fr"]

# A placeholder as Python %-formatting sees it: %(name)s, %(name)d ... ("%%" is a literal percent sign).
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]?\d*(?:\.\d+)?[diouxXeEfFgGcrs]")

# A figure typed by hand instead of coming through a placeholder: a number followed by a unit of
# risk, dose or time, in Spanish or French ("10 mg", "3 años", "5 de cada 100", "3 ans", "5 sur 100").
# A "%" that opens a placeholder ("100 %(has)s") is not a percentage.
HAND_TYPED_FIGURE = {
    "es": re.compile(
        r"\b\d+(?:[.,]\d+)?\s?(?:%(?!\()|mg\b|de cada 100|por cada 100|por ciento|mes(?:es)?\b|años?\b|"
        r"semanas?\b|días?\b)",
        re.IGNORECASE,
    ),
    "fr": re.compile(
        r"\b\d+(?:[.,]\d+)?\s?(?:%(?!\()|mg\b|sur 100|pour 100|pour cent|mois\b|ans?\b|années?\b|"
        r"semaines?\b|jours?\b)",
        re.IGNORECASE,
    ),
}
# The confidence level of a range is a convention, not a figure about people (as in test_content_rules).
CONFIDENCE_LEVEL = re.compile(
    r"(?:confianza|confiance|intervalo|fourchette)\b[^.]*?\b95\s?%%?", re.IGNORECASE
)

# Wording that tells the person what to do, or a probability word with no number beside it.
DIRECTIVE = {
    "es": re.compile(r"\bdeber[ií]a(?:n|s)?\b|\ble recomendamos\b|\bla mejor opci[oó]n\b", re.IGNORECASE),
    "fr": re.compile(
        r"\bvous devriez\b|\bnous recommandons\b|\ble meilleur choix\b|\bmeilleur choix\b", re.IGNORECASE
    ),
}
VERBAL_PROBABILITY = {
    "es": re.compile(
        r"\b(?:raros?|raras?|comú?n(?:es)?|frecuentes?|probables?|improbables?|probablemente)\b",
        re.IGNORECASE,
    ),
    "fr": re.compile(
        r"\b(?:rares?|courante?s?|fréquente?s?|probables?|peu probables?|probablement)\b", re.IGNORECASE
    ),
}
HAS_NUMBER = re.compile(r"\d|%\(\w+\)s")

# The translated <h1> of three pages, checked word for word.
HEADINGS = {
    "es": {
        "start": "Lenalidomida como tratamiento de mantenimiento después de un trasplante de células madre",
        "question": "¿Ha recibido un trasplante de células madre con sus propias células?",
        "summary": "Su resumen",
    },
    "fr": {
        "start": "Le lénalidomide en traitement d'entretien après une greffe de cellules souches",
        "question": "Avez-vous eu une greffe de cellules souches avec vos propres cellules ?",
        "summary": "Votre résumé",
    },
}
# The visible warning shown with the SURE items outside English (shared/guides/SURE.md).
NOT_VALIDATED = {"es": "traducción no validada", "fr": "traduction non validée"}

# Reading ease of every page a patient reads (not /evidence, written for clinicians).
# Spanish: Fernández-Huerta; French: Flesch with Kandel-Moles weights (textstat's "fr").
# Both count syllables with Pyphen, which undercounts French syllables, so the French scores flatter.
# Measured when the catalogs were written: es lowest 70.9, mean 83.6; fr lowest 65.8, mean 90.3.
READING_EASE_FLOOR = {"es": 60, "fr": 50}  # every page
READING_EASE_MEAN = {"es": 70, "fr": 60}  # across the pages: the aim for plain language
NOT_PATIENT_PAGES = {"evidence"}


def placeholder_names(text):
    return sorted(set(PLACEHOLDER.findall(text)))


@pytest.fixture(scope="module")
def template_msgids():
    """Every msgid in translations/messages.pot."""
    return {str(message.id) for message in read_catalog(TRANSLATIONS / "messages.pot") if message.id}


@pytest.fixture(scope="module")
def code_msgids(tmp_path_factory, monkeypatch_module):
    """Every msgid in the code and templates, extracted from the repository root.

    Run from the root so that babel.cfg's patterns (decision_aid/**.py, templates/**.html) match the
    paths; this does not depend on translations/messages.pot being up to date.
    """
    monkeypatch_module.chdir(ROOT)
    pot = tmp_path_factory.mktemp("pot") / "fresh.pot"
    keywords = ["-k", "_l", "-k", "lazy_gettext", "-k", "_n:1,2", "-k", "lazy_ngettext:1,2", "-k", "PN:1,2"]
    arguments = [*keywords, "--no-location", "-o", str(pot), "."]
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", "babel.cfg", *arguments])
    return {str(message.id) for message in read_catalog(pot) if message.id}


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_has_a_finished_translation(locale, template_msgids, code_msgids):
    messages = {str(message.id): message for message in catalog(locale) if message.id}
    expected = template_msgids | code_msgids
    assert len(code_msgids) > 500, "the extraction found the app's strings"
    missing = sorted(msgid for msgid in expected if msgid not in messages)
    empty = sorted(msgid for msgid in expected if msgid in messages and not messages[msgid].string)
    fuzzy = sorted(msgid for msgid in expected if msgid in messages and messages[msgid].fuzzy)
    assert not missing, "run `make update-translations`, then translate"
    assert not empty
    assert not fuzzy


@pytest.mark.parametrize("locale", LOCALES)
def test_placeholders_are_kept(locale):
    wrong = []
    for message in catalog(locale):
        if not message.id:
            continue
        msgid, msgstr = text(message.id), text(message.string)
        if placeholder_names(msgid) != placeholder_names(msgstr):
            wrong.append((msgid, msgstr))
        elif ("%%" in msgid) != ("%%" in msgstr):
            wrong.append((msgid, msgstr))
    assert not wrong


@pytest.mark.parametrize("locale", LOCALES)
def test_no_figures_typed_into_translations(locale):
    found = []
    for message in catalog(locale):
        if not message.id:
            continue
        msgid, msgstr = text(message.id), text(message.string)
        # Digits the English does not have are numbers the data did not give.
        added = set(re.findall(r"\d+", PLACEHOLDER.sub(" ", msgstr))) - set(re.findall(r"\d+", msgid))
        if added:
            found.append((msgstr, sorted(added)))
        for match in HAND_TYPED_FIGURE[locale].finditer(CONFIDENCE_LEVEL.sub(" ", msgstr)):
            found.append((msgstr, match.group(0)))
    assert not found


@pytest.mark.parametrize("locale", LOCALES)
def test_neutral_wording(locale):
    # The SURE items are a published instrument translated literally; item 1 says "the best choice",
    # and so does the error message that repeats it.
    # The decision question is the person's own question ("Should I take…?", "¿Debería tomar…?"), not advice.
    sure_item = str(sure.ITEMS[0].wording._args[0])
    exempt = {sure_item, "Should I take lenalidomide maintenance after my stem cell transplant?"}
    offenders = []
    for message in catalog(locale):
        if not message.id or "best choice for you" in str(message.id) or str(message.id) in exempt:
            continue
        msgstr = text(message.string)
        if DIRECTIVE[locale].search(msgstr):
            offenders.append(msgstr)
        for sentence in sentences(msgstr):
            if VERBAL_PROBABILITY[locale].search(sentence) and not HAS_NUMBER.search(sentence):
                offenders.append(sentence)
    assert not offenders


def test_spanish_questions_open_with_an_inverted_mark():
    strings = [text(message.string) for message in catalog("es") if message.id]
    assert not [string for string in strings if "?" in string and "¿" not in string]


def test_french_punctuation_is_spaced_one_way():
    # A space (plain or no-break) before ? ! : ; everywhere, so the text reads the same throughout.
    strings = [text(message.string) for message in catalog("fr") if message.id]
    assert not [string for string in strings if re.search(r"[^\s\u00a0][?!:;](?:\s|$)", string)]


def test_french_uses_one_apostrophe():
    # "d'un rapport" beside "d’un rapport" on one page: the straight one, which most messages use.
    strings = [text(message.string) for message in catalog("fr") if message.id]
    assert not [string for string in strings if "\u2019" in string]


def test_catalogs_compile_without_errors_or_warnings(tmp_path):
    pybabel = Path(sys.executable).with_name("pybabel")
    for locale in LOCALES:
        po_file = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
        mo_file = tmp_path / f"{locale}.mo"
        result = subprocess.run(
            [str(pybabel), "compile", "--statistics", "-l", locale, "-i", str(po_file), "-o", str(mo_file)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        output = (result.stdout + result.stderr).splitlines()
        assert not [line for line in output if re.search(r"error|warning|fuzzy", line, re.IGNORECASE)]
        assert mo_file.stat().st_size > 0


@pytest.mark.parametrize("locale", LOCALES)
def test_start_page_is_translated(client, locale):
    page = check_page(client.get(f"/?lang={locale}"))
    assert page.soup.html["lang"] == locale
    assert page.h1 == HEADINGS[locale]["start"]


@pytest.mark.parametrize("locale", LOCALES)
def test_question_page_is_translated(client, locale):
    client.get(f"/?lang={locale}")
    page = check_page(client.get("/" + flow.STEPS[0].slug))
    assert page.soup.html["lang"] == locale
    assert page.h1 == HEADINGS[locale]["question"]


@pytest.mark.parametrize("locale", LOCALES)
def test_summary_page_is_translated(client, locale):
    with client.session_transaction() as session:
        store_answers(session, complete_answers())
    page = check_page(client.get(f"/summary?lang={locale}"))
    assert page.soup.html["lang"] == locale
    assert page.h1 == HEADINGS[locale]["summary"]
    assert NOT_VALIDATED[locale] in page.text


@pytest.mark.parametrize("locale", LOCALES)
def test_sure_page_says_the_translation_is_not_validated(client, locale):
    with client.session_transaction() as session:
        store_answers(session, complete_answers())
    page = check_page(client.get(f"/sure?lang={locale}"))
    assert NOT_VALIDATED[locale] in page.text
    assert "SURE" in page.text


# CALGB's second cancers count to about February 2012 (the exact date is unverified). Each language's
# "about" follows its "up to": French read "jusqu'en vers février", Spanish "hasta hacia febrero".
APPROXIMATE_CUT = {
    "en": "up to about February 2012",
    "es": "hasta aproximadamente febrero de 2012",
    "fr": "jusqu'en février 2012 environ",
}


@pytest.mark.parametrize("locale", APPROXIMATE_CUT)
@pytest.mark.parametrize("url", ["/the-numbers?study=calgb-3y", "/evidence"])
def test_an_approximate_data_cut_reads_well_after_up_to(client, locale, url):
    with client.session_transaction() as session:
        store_answers(session, complete_answers())
    page = check_page(client.get(f"{url}&lang={locale}" if "?" in url else f"{url}?lang={locale}"))
    words = " ".join(page.text.replace("\u2019", "'").split())
    assert APPROXIMATE_CUT[locale] in words
    assert not re.search(r"jusqu'(?:en|à) vers|hasta hacia|up to up to", words)


def reading_ease(locale, text):
    textstat.set_lang(locale)
    try:
        if locale == "es":
            return textstat.fernandez_huerta(text)
        return textstat.flesch_reading_ease(text)
    finally:
        textstat.set_lang("en")


@pytest.fixture(scope="module", params=LOCALES)
def measured(request):
    locale = request.param
    pages = readability.journey_pages(locale)
    assert all(f'<html lang="{locale}">' in html for _, html in pages)
    scores = {
        name: round(reading_ease(locale, readability.body_text(html)), 1)
        for name, html in pages
        if name not in NOT_PATIENT_PAGES
    }
    return locale, scores


def test_every_patient_page_is_easy_to_read(measured):
    locale, scores = measured
    assert len(scores) > 15, "every page of the journey is measured"
    too_hard = {page: score for page, score in scores.items() if score < READING_EASE_FLOOR[locale]}
    assert not too_hard
    assert statistics.mean(scores.values()) >= READING_EASE_MEAN[locale]
