"""Measure the reading level of every page a person sees, and record it for the about page.

Run `make readability` (python -m tests.readability --write) after changing any text.
"""

import json
import math
import re
import statistics
import sys
import tempfile
from pathlib import Path

import textstat
import textstat.backend.counts._count_syllables as syllables
from bs4 import BeautifulSoup

# textstat 0.7.13 downloads NLTK's cmudict on first use, which cannot work offline: count syllables
# with Pyphen instead (deterministic). This touches a private module, hence the exact pin in setup.cfg.
syllables.get_cmudict = lambda lang: None

# A slow reading pace, for a tired reader (the usability review measured 120 to 200 words a minute).
WORDS_PER_MINUTE = 150
# The time on the start page is rounded up to this many minutes.
ROUND_UP_TO = 5
# The pages of the journey the start page's time covers: from it to check your answers.
NOT_IN_THE_JOURNEY = ("summary", "about", "evidence")

# Quotes from the studies and citations are the sources' own words, not ours.
NOT_OUR_WORDS = "q, .sources, [lang]:not(html), .small, nav, .site-header, .site-footer, .skip-link"


def body_text(html):
    """The words of the page's main content that we wrote, as sentences."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.select_one("main")
    for element in main.select(NOT_OUR_WORDS):
        element.decompose()
    for element in main.select("svg title"):
        element.decompose()  # the same sentence is in the text beside each picture
    for caption in main.select(".caption"):
        caption.string = caption.get_text(" ", strip=True) + "."  # a caption is not part of the heading
    blocks = []
    for element in main.select("h1, h2, h3, h4, p, li, dt, dd, legend, label, th, td, .hint, caption"):
        text = " ".join(element.get_text(" ").split())
        if element.find(["p", "li", "ul", "dl", "table"]):
            continue  # its words are counted in the children
        if text:
            # Headings, labels and list items are sentences too, even without a full stop.
            blocks.append(text if re.search(r"[.?!:]$", text) else text + ".")
    return " ".join(blocks)


def grade(text):
    """US school grade (Flesch-Kincaid) of a text."""
    textstat.set_lang("en")
    return textstat.flesch_kincaid_grade(text)


def journey_pages(locale="en"):
    """(name, html) for every page of a full journey, in one language."""
    from tests.helpers import Journey
    from tests.helpers import make_app

    # The app never writes to its instance folder (the secret key is given); remove it anyway.
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(Path(folder))
        client = app.test_client()
        # ?lang= sticks for the rest of the session.
        pages = [("start", client.get(f"/?lang={locale}").get_data(as_text=True))]
        journey = Journey(client)
        original = journey.answer

        def answer_and_keep(slug, data=None, change=False):
            pages.append((slug, client.get(f"/{slug}").get_data(as_text=True)))
            return original(slug, data, change)

        journey.answer = answer_and_keep
        journey.answer_all()
        for url in ["/check-answers", "/summary", "/about", "/evidence"]:
            pages.append((url.strip("/"), client.get(url).get_data(as_text=True)))
        return pages


def without_disclosures(html):
    """The page as it first shows: what is inside a closed <details> is left out (its summary stays)."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup.select("main details:not([open]) > :not(summary)"):
        hidden.decompose()
    return str(soup)


def minutes(words):
    """Reading time at the slow pace, rounded up to ROUND_UP_TO minutes."""
    return math.ceil(words / WORDS_PER_MINUTE / ROUND_UP_TO) * ROUND_UP_TO


def reading_time(pages):
    """Words from the start page to check your answers, as first shown and with every part opened."""
    journey = [html for name, html in pages if name not in NOT_IN_THE_JOURNEY]
    shown = sum(len(body_text(without_disclosures(html)).split()) for html in journey)
    everything = sum(len(body_text(html).split()) for html in journey)
    return {
        "words_per_minute": WORDS_PER_MINUTE,
        "words_shown": shown,
        "words_all": everything,
        "minutes_shown": minutes(shown),
        "minutes_all": minutes(everything),
    }


def measure():
    """Grade per page, the highest and average, and the journey's reading time."""
    pages = journey_pages()
    grades = {name: round(grade(body_text(html)), 1) for name, html in pages}
    return {
        "pages": grades,
        "highest": max(grades.values()),
        "average": round(statistics.mean(grades.values()), 1),
        "reading_time": reading_time(pages),
    }


if __name__ == "__main__":
    from decision_aid.content.about import READABILITY_FILE

    result = measure()
    if "--write" in sys.argv:
        READABILITY_FILE.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    json.dump(result, sys.stdout, indent=2, sort_keys=True)
