"""Content rules over every page and every string: reading level, neutral wording, numbers."""

import json
import re
from datetime import date

import pytest
from babel.messages.pofile import read_po

from decision_aid.content import about
from decision_aid.content import sure
from tests import readability
from tests.helpers import ROOT
from tests.helpers import TEMPLATES
from tests.helpers import TRANSLATIONS
from tests.helpers import check_page
from tests.helpers import complete_answers
from tests.helpers import sentences
from tests.helpers import set_answers

# A figure typed into a template or a message: a number followed by a unit of risk, dose or time.
HAND_TYPED_FIGURE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?"
    r"(?:%(?!\()|mg\b|in 100|out of 100|per 100|months?\b|years?\b|weeks?\b|days?\b|-day)",
    re.IGNORECASE,
)
# The confidence level of a range is a convention, not a figure about people.
CONFIDENCE_LEVEL = re.compile(r"\b95\s?%%?\s?(?:confidence|range)", re.IGNORECASE)
JINJA_CODE = re.compile(r"{%.*?%}|{#.*?#}", re.DOTALL)

DIRECTIVE = re.compile(r"\byou should\b|\bwe recommend\b|\bbest choice\b|\bbest option\b", re.IGNORECASE)
RELATIVE_RISK = re.compile(
    r"\d+\s?%\s?(?:lower|higher|less|more|reduction|increase)|times (?:more|less) likely|\bhalved\b|"
    r"\bdoubled\b|\btripled\b",
    re.IGNORECASE,
)
VERBAL_PROBABILITY = re.compile(
    r"\b(?:rare|rarely|common|commonly|uncommon|likely|unlikely|small chance|big chance|high chance|"
    r"low chance)\b",
    re.IGNORECASE,
)
HAS_NUMBER = re.compile(r"\d|%\(\w+\)s")


def _text(value):
    # A plural entry's forms, joined by a space.
    return " ".join(value) if isinstance(value, tuple | list) else str(value)


def catalog_messages():
    """(locale, msgid, msgstr) for every message of every catalog, the template included."""
    messages = []
    with open(TRANSLATIONS / "messages.pot", "rb") as handle:
        messages += [("pot", _text(m.id), "") for m in read_po(handle) if m.id]
    for po_file in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")):
        with open(po_file, "rb") as handle:
            catalog = read_po(handle)
        messages += [(catalog.locale.language, _text(m.id), _text(m.string or "")) for m in catalog if m.id]
    return messages


def template_texts():
    """(path, text) for every template, without Jinja statements and comments."""
    return [
        (path.relative_to(ROOT), JINJA_CODE.sub(" ", path.read_text(encoding="utf-8")))
        for path in sorted(TEMPLATES.rglob("*.html"))
    ]


def all_strings():
    """Every user-facing string we wrote: messages in every language, and template text."""
    strings = [text for _, msgid, msgstr in catalog_messages() for text in (msgid, msgstr) if text]
    strings += [text for _, text in template_texts()]
    return strings


@pytest.fixture(scope="module")
def measured():
    return readability.measure()


def test_every_page_is_at_grade_8_or_lower(measured):
    too_hard = {page: grade for page, grade in measured["pages"].items() if grade > 8}
    assert not too_hard
    assert len(measured["pages"]) > 15, "every page of the journey is measured"


def test_recorded_reading_level_matches_the_pages(measured):
    # The about page reports these numbers; they must describe the text as it is now.
    recorded = json.loads(about.READABILITY_FILE.read_text(encoding="utf-8"))
    assert recorded == measured, "run `make readability` after changing text"


def test_sentences_are_short():
    long_sentences = []
    for name, html in readability.journey_pages():
        if name == "evidence":
            continue  # for clinicians: its lists of sources and definitions are not prose
        for sentence in sentences(readability.body_text(html)):
            if len(sentence.split()) > 25:
                long_sentences.append(sentence)
    assert not long_sentences


def test_no_hand_typed_figures_in_templates():
    found = []
    for path, text in template_texts():
        for match in HAND_TYPED_FIGURE.finditer(CONFIDENCE_LEVEL.sub(" ", text)):
            found.append((str(path), match.group(0)))
    assert not found


def test_no_hand_typed_figures_in_catalogs():
    found = []
    for locale, msgid, msgstr in catalog_messages():
        for text in (msgid, msgstr):
            for match in HAND_TYPED_FIGURE.finditer(CONFIDENCE_LEVEL.sub(" ", text)):
                found.append((locale, text, match.group(0)))
    assert not found


def test_the_wrong_maintenance_dose_appears_nowhere():
    # Seed 003 gives 25 mg for Myeloma XI maintenance; the study used 10 mg (EVIDENCE.md trap 1).
    for text in all_strings():
        assert not re.search(r"\b25\s?mg", text), text


def test_no_directive_wording():
    # The SURE items are a published instrument that may not be reworded; one says "best choice".
    published = [str(item.wording._args[0]) for item in sure.ITEMS]
    offenders = []
    for text in all_strings():
        for item in published:
            text = text.replace(item, "")
        if DIRECTIVE.search(text):
            offenders.append(text)
    assert not offenders


def test_no_relative_risk_on_its_own():
    offenders = [text for text in all_strings() if RELATIVE_RISK.search(text) and "in 100" not in text]
    assert not offenders


def test_no_probability_words_without_a_number():
    offenders = []
    for text in all_strings():
        for sentence in sentences(text):
            if VERBAL_PROBABILITY.search(sentence) and not HAS_NUMBER.search(sentence):
                offenders.append(sentence)
    assert not offenders


def test_catalogs_are_up_to_date_with_the_code(tmp_path, monkeypatch):
    from babel.messages.frontend import CommandLineInterface

    # The same extraction as `make update-translations`, run from the repository root.
    monkeypatch.chdir(ROOT)
    pot = tmp_path / "fresh.pot"
    keywords = ["-k", "_l", "-k", "lazy_gettext", "-k", "lazy_ngettext:1,2", "-k", "PN:1,2"]
    arguments = [*keywords, "--no-location", "-o", str(pot), "."]
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", "babel.cfg", *arguments])
    with open(pot, "rb") as handle:
        fresh = {str(m.id) for m in read_po(handle) if m.id}
    with open(TRANSLATIONS / "messages.pot", "rb") as handle:
        stored = {str(m.id) for m in read_po(handle) if m.id}
    assert len(fresh) > 500, "extraction found the app's messages"
    assert fresh == stored, "run `make update-translations`"


def test_next_review_is_within_a_year_and_not_passed():
    assert about.NEXT_REVIEW <= about.PUBLISHED.replace(year=about.PUBLISHED.year + 1)
    assert date.today() <= about.NEXT_REVIEW, "the review date has passed: review the content"


# Every page a patient reads, each study's numbers included; /evidence (for clinicians) quotes
# references such as "2012;366:1782".
PATIENT_PAGES = [
    "/",
    "/about-the-studies",
    "/the-decision",
    "/the-numbers?study=calgb-3y",
    "/the-numbers?study=ifm-5y",
    "/the-numbers?study=meta-2017",
    "/the-numbers?study=mxi",
    "/notes-for-you",
    "/what-matters-compared",
    "/your-answers",
    "/sure-result",
    "/check-answers",
    "/summary",
    "/about",
    "/glossary",
]


@pytest.mark.parametrize("locale", ["en", "es", "fr"])
def test_no_sentence_stammers_with_two_colons(client, locale):
    # A label filled in with another label read "With no maintenance: placebo (a dummy pill): The
    # study report gives no range for this number."
    set_answers(client, complete_answers(transplant_when="over-12m", sure_understand="no"))
    stammers = []
    for url in PATIENT_PAGES:
        page = check_page(client.get(f"{url}{'&' if '?' in url else '?'}lang={locale}"))
        for element in page.soup.select("main :is(p, li, h1, h2, h3, h4, th, td, summary)"):
            if element.find(["p", "li", "ul", "table"]):
                continue  # its own blocks are read on their own
            for sentence in sentences(" ".join(element.get_text(" ", strip=True).split())):
                if sentence.count(":") > 1:
                    stammers.append((url, sentence))
    assert not stammers
