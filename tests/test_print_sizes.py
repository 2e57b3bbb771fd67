"""Print that older eyes can read: type sizes measured from the PDFs, and the page budget."""

import collections
import io
import re

import pytest
from flask_babel import force_locale
from flask_babel import gettext
from pypdf import PdfReader

from decision_aid.content import current_evidence
from decision_aid.content import doctor_questions
from decision_aid.content import values
from decision_aid.printing import page_css
from tests.helpers import complete_answers
from tests.helpers import set_answers

BODY_POINTS = {False: 11.0, True: 16.0}
# Everything but the footer and the printed link is body text or bigger, save a few small labels.
BODY_SHARE = 0.9


def text_sizes(reader):
    """Characters of text at each effective font size (points, after the text and page matrices)."""
    sizes = collections.Counter()

    def visit(text, cm, tm, _font, size):
        a = tm[0] * cm[0] + tm[1] * cm[2]
        b = tm[0] * cm[1] + tm[1] * cm[3]
        c = tm[2] * cm[0] + tm[3] * cm[2]
        d = tm[2] * cm[1] + tm[3] * cm[3]
        if text.strip():
            sizes[round(size * abs(a * d - b * c) ** 0.5, 1)] += len(text.strip())

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return sizes


def pdf(client, query):
    response = client.get("/summary.pdf?" + query)
    assert response.status_code == 200, response.get_data(as_text=True)[:200]
    return PdfReader(io.BytesIO(response.data))


def every_field_at_its_longest():
    """Answers that make the longest summary: every concern, every question, the longest note."""
    return complete_answers(
        transplant_when="over-12m",
        age_group="over-70",
        response="worse",
        kidney="yes",
        blood_clot="yes",
        pregnancy="yes",
        other_cancer="yes",
        doctor_questions=[suggestion.code for suggestion in doctor_questions.SUGGESTIONS],
        doctor_note=("Can I travel abroad while I take it, and who do I call at night? " * 8)[:500],
    )


@pytest.mark.parametrize("large", [False, True], ids=["standard", "large"])
def test_body_text_is_large_enough(client, large):
    set_answers(client, complete_answers())
    sizes = text_sizes(pdf(client, "size=large" if large else "paper=a4"))
    footer = float(page_css.FOOTER_SIZES[large].removesuffix("pt"))
    body = {size: count for size, count in sizes.items() if size != footer}
    most_used = max(body, key=body.get)
    assert most_used >= BODY_POINTS[large], sizes
    share = sum(count for size, count in body.items() if size >= BODY_POINTS[large]) / sum(body.values())
    assert share >= BODY_SHARE, (share, sizes)
    # The footer grows with large print too.
    assert footer >= (12 if large else 8)


LANGUAGES = ("en", "es", "fr")
PAPERS = ("a4", "letter")
# Pages allowed: a typical journey, every field at its longest, and large print (typical answers).
TYPICAL_PAGES, LONGEST_PAGES, LARGE_PRINT_PAGES = 4, 6, 12


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_typical_summary_fits_four_pages(client, lang, paper):
    set_answers(client, complete_answers())
    assert len(pdf(client, f"paper={paper}&lang={lang}").pages) <= TYPICAL_PAGES


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_longest_summary_fits_six_pages(client, lang, paper):
    set_answers(client, every_field_at_its_longest())
    assert len(pdf(client, f"paper={paper}&lang={lang}").pages) <= LONGEST_PAGES


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_large_print_fits_twelve_pages(client, lang, paper):
    set_answers(client, complete_answers())
    assert len(pdf(client, f"size=large&paper={paper}&lang={lang}").pages) <= LARGE_PRINT_PAGES


# Labels of the care team's sheet, in its narrow first column.
SHEET_LABELS = (
    "Leaning towards",
    "Matters most",
    "Knowledge check",
    "SURE test",
    "Concerns from the answers",
)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_large_print_sheet_labels_break_only_where_hyphenated(app, client, lang):
    # Spanish and French labels were split mid-word with no hyphen: "Comprobació / n de / conocimient / os".
    set_answers(client, complete_answers())
    reader = pdf(client, f"size=large&lang={lang}")
    text = "".join(page.extract_text() for page in reader.pages[:2])
    joined = " ".join(text.replace("\u2010\n", "").split())
    with app.test_request_context(), force_locale(lang):
        labels = [" ".join(gettext(label).split()) for label in SHEET_LABELS]
    assert [label for label in labels if label not in joined] == []


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_large_print_sheet_rows_keep_their_label_with_their_first_lines(app, client, lang, paper):
    # French A4 large print split "Ce qui compte le plus" after one line of its answer: the answer's
    # first line ended page 1 and the label stood alone at the top of page 2.
    set_answers(client, complete_answers())
    pages = [
        " ".join(page.extract_text().split())
        for page in pdf(client, f"size=large&paper={paper}&lang={lang}").pages
    ]
    with app.test_request_context(), force_locale(lang):
        label = " ".join(gettext("Matters most").split())
        first_answer = str(values.FACTORS[0].label).split()
    label_page = next(number for number, text in enumerate(pages) if label in text.replace("\u2010 ", ""))
    # The answer's last words (its first word may sit alone on a line) are on the label's page.
    assert " ".join(first_answer[-3:]) in pages[label_page]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_large_print_page_numbers_keep_the_total_with_its_word(app, client, lang):
    # The footer's narrow right box wrapped "Página 1 de" over a lone "10" (and "Page 10 sur" in French).
    set_answers(client, complete_answers())
    reader = pdf(client, f"size=large&lang={lang}")
    total = len(reader.pages)
    with app.test_request_context(), force_locale(lang):
        page_x_of_y = gettext("Page %(page)s of %(pages)s", page="\0", pages="\0").split("\0")
    of_total = rf"{page_x_of_y[1].strip()}\s{total}"
    for page in reader.pages:
        lines = [line.strip() for line in page.extract_text().splitlines()]
        assert str(total) not in lines
        assert any(re.fullmatch(rf"(?:.*\s)?{of_total}", line) for line in lines), lines[-6:]


# Office printers leave about 5 mm at the paper's edge unprinted; a baseline this high clears it with
# its descenders.
LOWEST_BASELINE_MM = 7.0


def text_pieces(page):
    """(text, baseline above the page's origin in points, em height in points) of each piece of text."""
    pieces = []

    def visit(text, cm, tm, _font, size):
        if text.strip():
            baseline = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            pieces.append((text.strip(), baseline, size * abs(tm[3] * cm[3] + tm[2] * cm[1])))

    page.extract_text(visitor_text=visit)
    return pieces


def lowest_baseline_mm(page):
    """How far above the paper's bottom edge the page's lowest line of text sits, in millimetres."""
    lowest = min(baseline for _text, baseline, _em in text_pieces(page))
    return (lowest - float(page.mediabox.bottom)) / 72 * 25.4


@pytest.mark.parametrize("size", ["", "size=large&"], ids=["standard", "large"])
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_footer_ends_where_printers_print(client, lang, paper, size):
    # French large print ran its footer to five lines, the last below the paper's edge; Spanish and
    # French standard print ended 4.7 mm from it.
    set_answers(client, complete_answers())
    reader = pdf(client, f"{size}paper={paper}&lang={lang}")
    lowest = min(lowest_baseline_mm(page) for page in reader.pages)
    assert lowest >= LOWEST_BASELINE_MM, lowest


# Office printers leave about 5 mm at the paper's edge unprinted.
PRINTED_EDGE_MM = 5.0


def highest_letter_mm(page):
    """How far below the paper's top edge the page's highest text reaches, in millimetres (a whole em
    above its baseline: more than any letter's height)."""
    highest = max(baseline + em for _text, baseline, em in text_pieces(page))
    return (float(page.mediabox.top) - highest) / 72 * 25.4


@pytest.mark.parametrize("size", ["", "size=large&"], ids=["standard", "large"])
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_page_the_numbers_table_runs_on_to_is_headed_by_its_caption(app, client, lang, paper, size):
    # Only the table's first page said "Out of 100 people, about 3 years": the next ones showed
    # numbers with no time over which they were counted (one horizon per view, stated).
    set_answers(client, complete_answers())
    reader = pdf(client, f"{size}paper={paper}&lang={lang}")
    with app.test_request_context(), force_locale(lang):
        headline = current_evidence().default_set
        caption = gettext("Out of 100 people, %(horizon)s", horizon=str(headline.horizon.label))
        continued = gettext("%(caption)s (continued)", caption=caption)
        last_row = str(headline.drawable_outcomes[-1].label)
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    first = next(number for number, text in enumerate(pages) if caption in text)
    last = next(number for number, text in enumerate(pages) if number >= first and last_row in text)
    headed = [number for number, text in enumerate(pages) if continued in text]
    assert headed == list(range(first + 1, last + 1))
    assert headed or not size, "in large print the table always runs on to another page"
    for number in headed:
        assert highest_letter_mm(reader.pages[number]) >= PRINTED_EDGE_MM


def baselines_of(page, pattern):
    """How many pieces of text matching ``pattern`` sit on each baseline of the page (in points)."""
    return collections.Counter(
        round(baseline, 1) for text, baseline, _em in text_pieces(page) if pattern.fullmatch(text)
    )


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_two_pictures_of_each_outcome_stand_side_by_side_in_large_print(app, client, lang, paper):
    # Large print draws the table as blocks. In Spanish "Sin tratamiento de mantenimiento" took three
    # lines over its picture and "Con lenalidomida" one: the pictures and their counts stood a line
    # apart. (Standard print's table cells start both pictures on one line.)
    set_answers(client, complete_answers())
    reader = pdf(client, f"size=large&paper={paper}&lang={lang}")
    with app.test_request_context(), force_locale(lang):
        words = gettext("%(num)s in 100", num="NUMBER").split()
    count = re.compile(r"\s+".join(re.escape(word) for word in words).replace("NUMBER", r"\d+"))
    pairs = 0
    for page in reader.pages:
        heights = baselines_of(page, count)
        assert set(heights.values()) <= {2}, heights
        pairs += len(heights)
    assert pairs == 5, "every outcome of the headline study, each with its two counts on one line"
