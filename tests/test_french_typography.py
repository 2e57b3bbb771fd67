"""French typography: a no-break space before ? ! ; (U+202F) and : (U+00A0), as a French reader expects.

The spaces live in the catalog's French strings; templates never type a separator such as ": " between
two values (that comes from a message such as "%(label)s: %(value)s", which French spaces itself).
The pages are rendered through the app, in French, as a person sees them.
"""

import re

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from tests import readability
from tests.helpers import TEMPLATES
from tests.helpers import TRANSLATIONS
from tests.helpers import TYPICAL_ANSWERS
from tests.helpers import complete_answers
from tests.helpers import read_pdf
from tests.helpers import set_answers

NO_BREAK = "\u00a0\u202f"
# Punctuation that follows a word with an ordinary space (or a line break), or with no space at all.
BADLY_SPACED = re.compile(rf"(?:[^\S{NO_BREAK}]+|(?<=[\w)\]»]))[?!:;]")
# Not prose: web addresses, DOIs, times and ratios such as 10:30.
NOT_PROSE = re.compile(r"\b(?:https?|mailto|doi):\S*|\d[:.]\d")


@pytest.fixture(scope="module")
def french_pages():
    """Every page of a full journey in French: start, questions, numbers, evidence, summary."""
    return readability.journey_pages("fr")


def visible_french_text(html):
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.select("script, style, code, pre, [lang]:not(html)"):
        # Quotes and citations marked lang="en", and language names in their own language.
        if element.name in {"script", "style", "code", "pre"} or not element["lang"].startswith("fr"):
            element.decompose()
    body = soup.body or soup
    # The person's own note is their words, not ours.
    text = body.get_text().replace(TYPICAL_ANSWERS["doctor_note"], " ")
    return NOT_PROSE.sub(" ", text)


def test_the_main_pages_are_checked(french_pages):
    names = {name for name, _ in french_pages}
    assert {"start", "the-numbers", "evidence", "summary"} <= names
    assert len(names) > 15


def test_punctuation_has_a_no_break_space_before_it(french_pages):
    offenders = []
    for name, html in french_pages:
        text = visible_french_text(html)
        for match in BADLY_SPACED.finditer(text):
            offenders.append((name, text[max(0, match.start() - 30) : match.end() + 10]))
    assert not offenders
    pages = dict(french_pages)
    numbers_heading = (
        BeautifulSoup(pages["the-numbers"], "html.parser").select("main h2.heading-m")[0].get_text()
    )
    assert "\u00a0: " in numbers_heading, numbers_heading  # "CALGB 100104 : environ 3 ans"
    assert "\u202f?" in visible_french_text(pages["start"]) + visible_french_text(pages["summary"])


def test_no_break_spaces_are_the_right_kind(french_pages):
    # Thin (U+202F) before ? ! ;, word-width (U+00A0) before :, never the other way round.
    for name, html in french_pages:
        text = visible_french_text(html)
        assert not re.search("\u00a0[?!;]|\u202f:", text), name


def test_the_catalog_has_the_spaces():
    with open(TRANSLATIONS / "fr" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = read_po(handle)
    strings = []
    for message in catalog:
        if message.id:
            strings += list(message.string) if isinstance(message.string, tuple) else [message.string]
    assert not [text for text in strings if re.search(r" [?!:;]|« | »", text)]


def test_templates_type_no_separator_between_two_values():
    # "{{ a }}: {{ b }}" cannot be spaced in French; use a message like "%(label)s: %(value)s".
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        # "({{ domain }}): " too: the care team's sheet printed "S (Sûr(e) de moi): Êtes-vous…".
        found += [(path.name, m.group(0)) for m in re.finditer(r"\}\}\)?\s?[:;!?]|[:;]</strong>", text)]
    assert not found


def test_the_care_teams_sheet_in_the_pdf_is_spaced_too(client):
    # Page one of the summary PDF (also shown by /handoff) is not among the journey's pages.
    set_answers(client, complete_answers(sure_understand="no"))
    first_page = read_pdf(client.get("/summary.pdf?lang=fr")).pages[0].extract_text()
    assert "(Sûr(e) de moi)" in first_page
    text = NOT_PROSE.sub(" ", first_page.replace(TYPICAL_ANSWERS["doctor_note"], " "))
    assert not [text[max(0, m.start() - 30) : m.end() + 10] for m in BADLY_SPACED.finditer(text)]
