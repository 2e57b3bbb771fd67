"""Plain helpers shared by the test modules: answers, the app, page checks, sessions and PDFs.

Fixtures live in conftest.py; no test module imports another test module.
"""

import gzip
import io
import re
from collections import Counter
from pathlib import Path

import html5lib
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from pypdf import PdfReader

from decision_aid import create_app
from decision_aid.journey import flow

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
TRANSLATIONS = ROOT / "translations"
# The axe-core rule sets every accessibility check runs: WCAG 2.2 A and AA.
AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


def sentences(text):
    """The sentences of a text, split after each full stop, question or exclamation mark."""
    return [part.strip() for part in re.split(r"(?<=[.?!])\s+", text) if part.strip()]


def read_catalog(path):
    """A message catalog (.po or .pot) read from a file."""
    with open(path, "rb") as handle:
        return read_po(handle)


def catalog(locale):
    """The message catalog of one language."""
    return read_catalog(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po")


def text(value):
    """A msgid or msgstr as one string: a plural entry's forms joined by a space."""
    return " ".join(value) if isinstance(value, tuple | list) else str(value)


TEST_SECRET = "test-secret-key-that-is-long-enough-0123456789"

# One answer for every question: the journey of someone like the people in the studies.
TYPICAL_ANSWERS = {
    "transplant": "yes",
    "transplant_when": "3-6m",
    "age_group": "under-65",
    "response": "very-good-partial",
    "kidney": "no",
    "blood_clot": "no",
    "pregnancy": "no",
    "other_cancer": "no",
    "induction_lenalidomide": "yes",
    "value_time_before_return": "very",
    "value_second_cancer": "very",
    "value_living_longer": "somewhat",
    "value_side_effects": "somewhat",
    "value_doing_something": "not",
    "value_no_daily_pills": "not",
    "value_cost": "somewhat",
    "quiz_main_effect": "longer",
    # EVIDENCE.md B1: 66 in 100 alive and progression-free at 3 years with lenalidomide (CALGB).
    "quiz_number": "66",
    "quiz_second_cancer": "same",
    "quiz_right_choice": "depends",
    "sure_sure": "no",
    "sure_understand": "yes",
    "sure_risk_benefit": "yes",
    "sure_encouragement": "no",
    "leaning": "not-sure",
    "doctor_questions": ["how-long", "cost"],
    "doctor_note": "Can I travel abroad while taking it?",
}


# Far more pages than any journey has (about 30): a walk that needs more is going round in circles.
MAX_STEPS = 60


def complete_answers(answers=None, **overrides):
    """Stored answers for a finished journey: every question answered, every page read.

    answers replaces the typical answers as a whole; overrides change single answers.
    """
    answers = {**(TYPICAL_ANSWERS if answers is None else answers), **overrides}
    answers["_seen"] = [step.slug for step in flow.STEPS if not step.is_question]
    for step in flow.STEPS:
        if step.keeps_first_answer:
            # As if each knowledge question was answered once, with these answers.
            answers.update({flow.FIRST_TRY_PREFIX + name: answers[name] for name in step.fields})
    return flow.prune(answers)


def last_choices(app):
    """A finished journey with the last choice of every question, every box of each list ticked
    and a note written: unlike the typical answers wherever a question offers a choice."""
    answers = {}
    with app.test_request_context():
        while (step := flow.first_incomplete(answers)) is not None:
            if not step.is_question:
                answers["_seen"] = [*answers.get("_seen", ()), step.slug]
            form = step.bound_form(answers)
            for name in step.fields:
                if form[name].type == "TextAreaField":
                    answers[name] = "A note of mine"
                    continue
                codes = [choice.value for choice in form[name].choices]
                answers[name] = codes if form[name].type == "SelectMultipleField" else codes[-1]
            answers = flow.prune(answers)
    return answers


def make_app(tmp_path, **overrides):
    """An app configured for tests, with its instance folder in a temporary directory."""
    config = {"TESTING": True, "SECRET_KEY": TEST_SECRET, **overrides}
    app = create_app(config)
    app.instance_path = str(tmp_path / "instance")
    return app


class Page:
    """A fetched HTML page, parsed, after the house checks every page must pass."""

    def __init__(self, response):
        self.response = response
        self.html = response.get_data(as_text=True)
        self.soup = BeautifulSoup(self.html, "html.parser")

    def select(self, selector):
        """All elements matching a CSS selector."""
        return self.soup.select(selector)

    def select_one(self, selector):
        """The first element matching a CSS selector, or None."""
        return self.soup.select_one(selector)

    @property
    def h1(self):
        """The text of the page's one heading."""
        return " ".join(self.soup.select_one("h1").get_text().split())

    @property
    def title(self):
        """The text of the page title."""
        return " ".join(self.soup.title.get_text().split())

    @property
    def text(self):
        """The visible text of the main content, whitespace collapsed."""
        return " ".join(self.soup.select_one("main").get_text(" ").split())

    def csrf_token(self):
        """The CSRF token of the page's first form."""
        return self.soup.select_one("input[name=csrf_token]")["value"]


def check_page(response, status=200):
    """Assert the house rules every page follows, then return the parsed page."""
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    # Strict HTML5 parsing: a markup error fails the test.
    html5lib.HTMLParser(strict=True).parse(html)
    page = Page(response)
    headings = page.select("h1")
    assert len(headings) == 1, f"expected one <h1>, found {len(headings)}"
    title = page.title
    heading = page.h1
    # A page with errors starts its title with "Error:" in its language ("Erreur :" in French).
    assert re.sub(r"^(Error|Erreur)\s?:\s", "", title).startswith(heading), (title, heading)
    assert re.fullmatch(r"[a-z]{2}", page.soup.html.get("lang", "")), "html lang not set"
    ids = Counter(element["id"] for element in page.soup.select("[id]"))
    duplicates = [name for name, count in ids.items() if count > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    assert not page.select("[style]"), "inline styles break the Content-Security-Policy"
    return page


class Journey:
    """Walks the question pages the way a person does: GET the page, then POST its form."""

    def __init__(self, client):
        self.client = client

    def answer(self, slug, data=None, change=False):
        """Answer one step with its CSRF token; return the POST response."""
        url = f"/{slug}?change=1" if change else f"/{slug}"
        page = check_page(self.client.get(url))
        return self.client.post(url, data={"csrf_token": page.csrf_token(), **(data or {})})

    def answer_all(self, answers=None):
        """Answer every step in order, following the app's redirects, until check answers."""
        answers = TYPICAL_ANSWERS if answers is None else answers
        url = "/" + flow.STEPS[0].slug
        for _step in range(MAX_STEPS):
            if url.startswith("/check-answers"):
                return url
            slug = url.strip("/").split("?")[0]
            step = flow.step_for(slug)
            response = self.answer(slug, {name: answers[name] for name in step.fields if name in answers})
            assert response.status_code in (302, 303), f"{slug} did not move on"
            assert response.location != url, f"{slug} sent the person back to itself"
            url = response.location
        raise AssertionError(f"no check-answers page after {MAX_STEPS} steps; stopped at {url}")


def answers_in_session(client):
    """The answers stored in the client's session cookie."""
    with client.session_transaction() as session:
        return dict(session.get("answers", {}))


def store_answers(session, answers):
    """Put answers in a test session the way the app stores them (with the cookie's version)."""
    from decision_aid.web.answers import VERSION

    session["answers"] = dict(answers)
    session["v"] = VERSION


def set_answers(client, answers):
    """Put answers straight into the client's session cookie."""
    with client.session_transaction() as session:
        store_answers(session, answers)


def answers_before(step):
    """Typical answers to every question before `step`, with every page before it read."""
    answers = {}
    for earlier in flow.STEPS:
        if earlier is step:
            break
        if earlier.is_question:
            answers.update({name: TYPICAL_ANSWERS[name] for name in earlier.fields})
        elif earlier.applies(answers):
            answers["_seen"] = [*answers.get("_seen", []), earlier.slug]
    return answers


def read_pdf(response):
    """The PDF in a response, after the checks every PDF response passes."""
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(response.data))


def pdf_text(reader):
    """All the text of a PDF, whitespace collapsed."""
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def structure_elements(reader):
    """Every element of the tagged PDF's structure tree."""
    found, stack, seen = [], [reader.trailer["/Root"]["/StructTreeRoot"]], set()
    while stack:
        node = stack.pop()
        if hasattr(node, "get_object"):
            if id(node.get_object()) in seen:
                continue
            node = node.get_object()
            seen.add(id(node))
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            if "/S" in node:
                found.append(node)
            if "/K" in node:
                stack.append(node["/K"])
    return found


def walk_to_summary(page, base_url, answers):
    """Start, answer every question by clicking its label, and reach the summary."""
    page.goto(base_url + "/")
    page.get_by_role("button", name="Start now").click()
    # As after Continue below: the click returns once the first question starts arriving.
    page.wait_for_load_state("load")
    for _step in range(MAX_STEPS):
        if "/check-answers" in page.url:
            break
        url = page.url
        slug = url.rsplit("/", 1)[-1].split("?")[0]
        step = flow.step_for(slug)
        assert page.locator("h1").count() == 1
        for name in step.fields:
            value = answers[name]
            if name == "doctor_note":
                page.locator(f"textarea[name={name}]").fill(value)
            elif isinstance(value, list):
                for box in page.locator(f"input[name={name}]").all():
                    box.set_checked(box.get_attribute("value") in value)
            else:
                page.locator(f"input[name={name}][value='{value}']").check()
        page.get_by_role("button", name="Continue").click()
        # A click waits only for the next page to start arriving; read it once it has all arrived.
        page.wait_for_load_state("load")
        # A page that does not accept the answers shows itself again (same address), with its errors.
        if page.url == url:
            errors = page.locator(".error-summary")
            shown = errors.inner_text() if errors.count() else "no error summary"
            raise AssertionError(f"{slug}: the page did not move on after Continue ({shown})")
    else:
        raise AssertionError(f"no check-answers page after {MAX_STEPS} steps; stopped at {page.url}")
    page.get_by_role("button", name="See your summary").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/summary")


def scan_qr_codes(png_bytes, enlarge=1):
    """Decode the QR codes in an image, as a phone camera would."""
    import io

    from PIL import Image
    from pyzbar.pyzbar import decode

    image = Image.open(io.BytesIO(png_bytes)).convert("L")
    # Enlarge without smoothing: the on-screen code is drawn at only 2 pixels per module.
    image = image.resize((image.width * enlarge, image.height * enlarge), Image.NEAREST)
    return [symbol.data.decode() for symbol in decode(image)]


def page_fill(pdf_bytes, margins_mm, dpi=40):
    """How full each page is: the inked height of the page's content area, as a share of it.

    The pages are drawn in grey (poppler's pdftoppm); on each, the share runs from the top of the
    content area down to its lowest dark pixel, so a page with its last line half way down is half
    full whatever the line spacing. The footer, in the bottom margin, does not count.
    """
    import subprocess
    import tempfile

    from PIL import Image

    top_mm, bottom_mm = margins_mm
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "document.pdf").write_bytes(pdf_bytes)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", "document.pdf", "page"], cwd=folder, check=True
        )
        images = [Image.open(path).convert("L") for path in sorted(Path(folder).glob("page-*.png"))]
        shares = []
        for image in images:
            per_mm = image.height / (image.height * 25.4 / dpi)
            top, bottom = round(top_mm * per_mm), image.height - round(bottom_mm * per_mm)
            width = image.width
            pixels = image.load()
            lowest = top
            for y in range(top, bottom):
                if any(pixels[x, y] < 160 for x in range(width)):
                    lowest = y
            shares.append((lowest - top) / (bottom - top))
        return shares


def printed_pages_png(pdf_bytes, folder, last_page=None):
    """The PDF's pages (up to last_page) drawn in grey at 150 dpi (a plain office print), as PNG bytes."""
    import subprocess

    pdf_file = Path(folder) / "document.pdf"
    pdf_file.write_bytes(pdf_bytes)
    pages = ["-f", "1", "-l", str(last_page)] if last_page else []
    command = ["pdftoppm", "-r", "150", "-gray", "-png", *pages, str(pdf_file), str(Path(folder) / "page")]
    subprocess.run(command, check=True)
    return [png.read_bytes() for png in sorted(Path(folder).glob("page*.png"))]


def first_page_png(pdf_bytes, folder):
    """Page 1 of a PDF drawn in grey at 150 dpi (a plain office print), as PNG bytes."""
    (page_one,) = printed_pages_png(pdf_bytes, folder, last_page=1)
    return page_one


# After a full journey: the pages a person reaches from the summary and the footer.
OTHER_PAGES = ["/check-answers", "/summary", "/about", "/glossary", "/evidence", "/handoff", "/clinic"]


def walk_every_page(client):
    """[(name, response)] for every page of a full journey, first visit, the summary included."""
    pages = [("start", client.get("/", headers={"Accept-Encoding": "gzip"}))]
    journey = Journey(client)
    original = journey.answer

    def answer_and_keep(slug, data=None, change=False):
        pages.append((slug, client.get(f"/{slug}", headers={"Accept-Encoding": "gzip"})))
        return original(slug, data, change)

    journey.answer = answer_and_keep
    journey.answer_all()
    pages += [(url.strip("/"), client.get(url, headers={"Accept-Encoding": "gzip"})) for url in OTHER_PAGES]
    return pages


def unpacked(response):
    """A response's body as the browser sees it, and its size on the wire."""
    body = response.get_data()
    if response.headers.get("Content-Encoding") == "gzip":
        return gzip.decompress(body), len(body)
    return body, len(body)


def contrast_ratio(first, second):
    """WCAG contrast ratio of two (red, green, blue) colours, each channel 0-255."""

    def luminance(colour):
        channels = [value / 255 for value in colour]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def browser_session_cookie(value):
    """A session cookie value as Playwright adds it for the live server."""
    return {"name": "__Host-session", "value": value, "domain": "127.0.0.1", "path": "/", "secure": True}
