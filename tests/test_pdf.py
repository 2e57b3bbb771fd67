"""The summary and handout PDFs: content, tagging (PDF/UA), paper sizes, large print, busy renderer."""

import io
import re
import subprocess

import pytest
from flask import render_template
from flask_babel import format_date
from flask_babel import gettext
from PIL import Image
from pypdf import PdfReader

from decision_aid.content import about
from decision_aid.content import options
from decision_aid.content import sure
from decision_aid.content import values
from decision_aid.journey import flow
from decision_aid.printing import page_css
from decision_aid.printing import pdf
from tests.helpers import check_page
from tests.helpers import complete_answers
from tests.helpers import make_app
from tests.helpers import pdf_text
from tests.helpers import read_pdf
from tests.helpers import set_answers
from tests.helpers import store_answers
from tests.helpers import structure_elements

# PDF points per page for each paper size (72 points to the inch).
A4_POINTS = (595, 842)
LETTER_POINTS = (612, 792)


def structure_types(reader):
    """Every structure element type in the tagged PDF (/H1, /P, /Table...)."""
    return {str(element["/S"]) for element in structure_elements(reader)}


def page_size(reader, index=0):
    """A page's width and height in whole points."""
    box = reader.pages[index].mediabox
    return round(float(box.width)), round(float(box.height))


@pytest.fixture
def pdf_client(app):
    """A client whose session holds a complete journey."""
    client = app.test_client()
    set_answers(client, complete_answers())
    return client


def test_summary_pdf_is_tagged_and_holds_the_answers(app, pdf_client):
    reader = read_pdf(pdf_client.get("/summary.pdf"))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en"
    assert reader.metadata.title == "Your summary – Lenalidomide after transplant: a decision aid"
    assert {"/H1", "/H2"} <= structure_types(reader)
    text = pdf_text(reader)
    assert "Should I take lenalidomide maintenance after my stem cell transplant?" in text
    assert "Have you had a stem cell transplant using your own cells?" in text
    for answer in ("3 to 6 months ago", "Under 65", "Very good partial response"):
        assert answer in text
    assert "Share your answers with your care team" in text


def test_every_pdf_page_has_the_footer(app, pdf_client):
    reader = read_pdf(pdf_client.get("/summary.pdf"))
    checked = app.extensions["evidence"].checked_on
    with app.test_request_context():
        checked_text = format_date(checked, "long")
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = " ".join(page.extract_text().split())
        assert "This does not replace talking with your care team." in text
        assert f"version {about.VERSION}" in text
        assert f"Evidence checked: {checked_text}" in text
        assert "Made on " in text
        assert f"Page {number} of {pages}" in text


def test_summary_pdf_needs_a_complete_journey(app):
    client = app.test_client()
    response = client.get("/summary.pdf")
    assert response.status_code == 302
    assert response.location == "/" + flow.STEPS[0].slug
    answers = complete_answers()
    del answers["age_group"]
    set_answers(client, answers)
    response = client.get("/summary.pdf")
    assert response.status_code == 302
    assert response.location == "/age"


def test_handout_has_the_decision_options_sure_and_worksheet(client):
    reader = read_pdf(client.get("/handout.pdf"))
    text = pdf_text(reader)
    assert reader.metadata.title.startswith("Should I take lenalidomide maintenance")
    assert "Should I take lenalidomide maintenance after my stem cell transplant?" in text
    for option in options.OPTIONS.values():
        assert str(option.name) in text
    # The SURE items exactly as published, and the citation the licence asks for.
    for item in sure.ITEMS:
        assert str(item.wording) in text
    assert "Do you feel SURE about the best choice for you?" in text
    assert "Are you SURE?: Assessing patient decisional conflict" in text
    assert "This translation has not been validated." not in text
    # A paper reader who ticks no gets each question's next step, as the web gives it, after the
    # unchanged items (usability review C4: it said only "talk it over").
    after_items = text[text.index(str(sure.ITEMS[-1].wording)) :]
    for item in sure.ITEMS:
        assert str(item.next_step) in after_items, item.letter
    for factor in values.FACTORS:
        assert str(factor.label) in text
    for level in values.IMPORTANCE:
        assert str(level.label) in text
    assert "Questions for your care team" in text
    types = structure_types(reader)
    assert {"/H1", "/H2", "/Table"} <= types


def test_handout_in_spanish_says_the_sure_translation_is_not_validated(app, client):
    reader = read_pdf(client.get("/handout.pdf?lang=es"))
    assert reader.trailer["/Root"]["/Lang"] == "es"
    with app.test_request_context(headers={"Accept-Language": "es"}):
        note = gettext(
            "These questions are our own translation of the SURE test. "
            "This translation has not been validated."
        )
    assert note in pdf_text(reader)


@pytest.mark.parametrize(
    ("query", "headers", "size"),
    [
        ("", {}, A4_POINTS),
        ("?paper=letter", {}, LETTER_POINTS),
        ("?paper=a4", {"Accept-Language": "en-US"}, A4_POINTS),
        ("", {"Accept-Language": "en-US,en;q=0.8"}, LETTER_POINTS),
        ("", {"Accept-Language": "fr-FR"}, A4_POINTS),
        ("?paper=tabloid", {}, A4_POINTS),
    ],
)
def test_paper_size(client, query, headers, size):
    reader = read_pdf(client.get("/handout.pdf" + query, headers=headers))
    assert all(page_size(reader, index) == size for index in range(len(reader.pages)))


def test_large_print_uses_more_pages_with_the_same_words(pdf_client):
    for url in ("/handout.pdf", "/summary.pdf"):
        normal = read_pdf(pdf_client.get(url))
        large = read_pdf(pdf_client.get(url + "?size=large"))
        assert len(large.pages) > len(normal.pages)
        assert "Should I take lenalidomide maintenance" in pdf_text(large)


def test_first_page_is_not_blank(tmp_path, client):
    response = client.get("/handout.pdf")
    read_pdf(response)
    (tmp_path / "handout.pdf").write_bytes(response.data)
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-gray", "-f", "1", "-l", "1", "-singlefile", "handout.pdf", "page"],
        cwd=tmp_path,
        check=True,
    )
    image = Image.open(tmp_path / "page.png").convert("L")
    dark = sum(count for level, count in enumerate(image.histogram()) if level < 128)
    # Text and boxes cover a few percent of a printed page; a blank page has none.
    assert dark / (image.width * image.height) > 0.01


def test_pdf_response_headers(client):
    response = client.get("/handout.pdf")
    read_pdf(response)
    assert response.headers["Content-Disposition"] == 'inline; filename="lenalidomide-handout.pdf"'
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_head_for_the_summary_pdf_answers_as_a_get_without_rendering(app, pdf_client, monkeypatch):
    # A link checker's HEAD used to cost a whole render, the most expensive thing the server does.
    got = pdf_client.get("/summary.pdf")
    read_pdf(got)
    renders = []
    monkeypatch.setattr(pdf, "render_pdf", lambda *args, **kwargs: renders.append(args))
    head = pdf_client.head("/summary.pdf?size=large&also=fr")
    assert head.status_code == 200
    assert renders == []
    for name in ("Content-Type", "Content-Disposition", "Cache-Control", "X-Content-Type-Options"):
        assert head.headers[name] == got.headers[name], name
    assert "Content-Length" not in head.headers, "only a render could say how long it is"
    assert head.get_data() == b""
    # An unfinished journey is sent to its first unanswered question, as a GET is.
    fresh = app.test_client()
    assert fresh.head("/summary.pdf").status_code == fresh.get("/summary.pdf").status_code == 302
    assert fresh.head("/summary.pdf").location == fresh.get("/summary.pdf").location


def test_busy_renderer_gives_the_try_again_page(tmp_path):
    app = make_app(tmp_path, PDF_MAX_RENDERS=1, PDF_QUEUE_WAIT=0)
    client = app.test_client()
    slots = app.extensions["pdf_slots"]
    slots.acquire()
    try:
        response = client.get("/handout.pdf")
    finally:
        slots.release()
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "10"
    assert "The service is busy" in response.get_data(as_text=True)
    assert "Try again in a moment." in response.get_data(as_text=True)
    read_pdf(client.get("/handout.pdf"))


def test_a_busy_summary_pdf_offers_it_again_and_the_way_back(tmp_path):
    # The busy page offered only the start page: a nurse printing in clinic had to find the way back.
    app = make_app(tmp_path, PDF_MAX_RENDERS=1, PDF_QUEUE_WAIT=0)
    client = app.test_client()
    set_answers(client, complete_answers())
    slots = app.extensions["pdf_slots"]
    slots.acquire()
    try:
        page = check_page(client.get("/summary.pdf?paper=letter&size=large&also=fr&x=<b>"), status=503)
    finally:
        slots.release()
    links = {link.get_text(): link["href"] for link in page.select("main a")}
    # Only known values are carried over: nothing from the address is written into the page.
    assert links["Try again"] == "/summary.pdf?paper=letter&size=large&also=fr"
    assert links["Back to your summary"] == "/summary"
    read_pdf(client.get(links["Try again"]))


def test_css_strings_are_escaped():
    assert page_css.css_string('a "b" \\ c') == '"a \\22 b\\22  \\5c  c"'
    assert page_css.css_string("x;}@import url(evil)") == '"x\\3b \\7d \\40 import url\\28 evil\\29 "'
    page_x_of_y = page_css.css_content("Page \0page\0 of \0pages\0")
    # The space before each number does not break (\a0), so a number stays with its word.
    assert page_x_of_y == '"Page\\a0 " counter(page) " of\\a0 " counter(pages)'


def test_spanish_and_french_characters_use_the_debian_fonts(app):
    words = "¿Qué pasa mañana? Ça dépend : « où », Œuvre, naïve, €"
    html = f"<!DOCTYPE html><html lang=fr><head><title>t</title></head><body><p>{words}</p></body></html>"
    with app.test_request_context():
        data = pdf.render_pdf(
            html, lang="fr", title="t", css=page_css.stylesheets(app.static_folder, "a4", False, None)
        )
    reader = PdfReader(io.BytesIO(data))
    assert words in pdf_text(reader)
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all(re.search(r"DejaVu-?Sans|Liberation-?Sans", name) for name in fonts), fonts


def test_download_links_partial_points_at_working_pdfs(app, pdf_client):
    with app.test_request_context():
        html = render_template("pdf/_download_links.html")
    links = re.findall(r'href="([^"]+)"', html)
    assert len(links) == 5
    for link in links:
        read_pdf(pdf_client.get(link.replace("&amp;", "&")))


def test_handout_and_summary_carry_the_icon_arrays_with_their_numbers(app, client):
    with app.test_request_context():
        calgb = app.extensions["evidence"].default_set
        ttp, spm = calgb.outcome("calgb_ttp"), calgb.outcome("spm_invasive")
    handout = pdf_text(read_pdf(client.get("/handout.pdf")))
    for count in (ttp.lenalidomide_per_100, ttp.control_per_100, spm.lenalidomide_per_100):
        assert f"{count} in 100" in handout
    assert f"{ttp.lenalidomide_per_100 - ttp.control_per_100} more people in 100" in handout
    # Each picture is a tagged figure whose alternative text states its numbers.
    assert "/Figure" in structure_types(read_pdf(client.get("/handout.pdf")))


def test_summary_pdf_includes_what_taking_it_is_like(client):
    with client.session_transaction() as session:
        store_answers(session, complete_answers())
    text = pdf_text(read_pdf(client.get("/summary.pdf")))
    assert "What taking lenalidomide is like" in text
    assert "When to call your care team straight away" in text


def test_every_icon_array_in_the_summary_pdf_is_a_figure_with_its_numbers(client):
    with client.session_transaction() as session:
        store_answers(session, complete_answers())
    reader = read_pdf(client.get("/summary.pdf"))
    alternatives = [
        str(element.get("/Alt", ""))
        for element in structure_elements(reader)
        if str(element["/S"]) == "/Figure"
    ]
    array_texts = [text for text in alternatives if "in 100 people" in text]
    # The summary shows every outcome of the headline study, each as two arrays; each array's alt
    # text gives its numbers.
    assert len(array_texts) == 10
    benefit = [text for text in array_texts if "66 in 100 people" in text]
    assert benefit and "27 had it because of lenalidomide" in benefit[0]
    text = pdf_text(reader)
    assert "This aid has no outside funding." in text


def test_footer_gives_the_publication_date(get_page):
    assert "published November 20, 2026" in get_page("/").select_one("footer").get_text(" ")


@pytest.mark.parametrize(
    ("sheet_lines", "break_after", "runs_on"),
    [(3, "page", False), (80, "page", True), (80, "auto", False)],
)
def test_a_sheet_that_runs_on_is_noticed_only_where_its_break_wastes_a_page(
    sheet_lines, break_after, runs_on
):
    """Lay the summary out again only when page one took two pages and its break then left the second
    one short; large print, whose sheet already flows on, is laid out once."""
    from weasyprint import HTML

    from decision_aid.printing.pdf import page_one_runs_on

    sheet = "".join(f"<p>Line {number}</p>" for number in range(sheet_lines))
    html = (
        f"<html><head><style>@page {{ size: 100mm 100mm }} .page-one {{ break-after: {break_after} }}</style>"
        f"</head><body><div><section class='page-one'>{sheet}</section>"
        f"<section class='details'><p>Details</p></section></div></body></html>"
    )
    assert page_one_runs_on(HTML(string=html).render()) is runs_on


@pytest.mark.parametrize(
    ("accept_language", "paper"),
    [
        ("de,en-US;q=0.7,en;q=0.3", "a4"),  # a German Firefox
        ("fr, en-US;q=0.5", "a4"),
        ("fr,fr-FR;q=0.8,en-US;q=0.5", "a4"),
        ("es,es-MX;q=0.9", "letter"),
        ("en-Latn-US", "letter"),
        ("en-us-x-foo", "letter"),
        ("en-GB,en-US;q=0.9", "a4"),
        ("en-US,en;q=0.9", "letter"),
        ("es-419", "a4"),
        ("*", "a4"),
        ("", "a4"),
    ],
)
def test_paper_follows_the_region_of_the_first_language(app, accept_language, paper):
    from decision_aid.web.documents import chosen_paper

    with app.test_request_context("/handout.pdf", headers={"Accept-Language": accept_language}):
        assert chosen_paper() == paper
