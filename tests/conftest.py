"""Shared fixtures: the app, its test client, a page checker, a live server and Chromium."""

import re
import threading
from collections import Counter

import html5lib
import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from decision_aid import create_app
from decision_aid.journey import flow

# Chromium comes from Debian (make test installs it); Playwright never downloads a browser here.
CHROMIUM = "/usr/bin/chromium"
# Without these flags Chromium keeps trying to reach Google hosts, which this network refuses.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

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


def complete_answers(answers=None):
    """Stored answers for a finished journey: every question answered, every page read."""
    answers = dict(TYPICAL_ANSWERS if answers is None else answers)
    answers["_seen"] = [step.slug for step in flow.STEPS if not step.is_question]
    for step in flow.STEPS:
        if step.keeps_first_answer:
            # As if each knowledge question was answered once, with these answers.
            answers.update({flow.FIRST_TRY_PREFIX + name: answers[name] for name in step.fields})
    return flow.prune(answers)


def store_answers(session, answers):
    """Put answers in a test session the way the app stores them (with the cookie's version)."""
    from decision_aid.web.answers import VERSION

    session["answers"] = answers
    session["v"] = VERSION


def make_app(tmp_path, **overrides):
    """An app configured for tests, with its instance folder in a temporary directory."""
    config = {"TESTING": True, "SECRET_KEY": TEST_SECRET, **overrides}
    app = create_app(config)
    app.instance_path = str(tmp_path / "instance")
    return app


@pytest.fixture
def app(tmp_path):
    """A test app with CSRF protection on, as in production."""
    return make_app(tmp_path)


@pytest.fixture
def client(app):
    """A test client for the app."""
    return app.test_client()


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
    assert title.removeprefix("Error: ").startswith(heading), (title, heading)
    assert re.fullmatch(r"[a-z]{2}", page.soup.html.get("lang", "")), "html lang not set"
    ids = Counter(element["id"] for element in page.soup.select("[id]"))
    duplicates = [name for name, count in ids.items() if count > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    assert not page.select("[style]"), "inline styles break the Content-Security-Policy"
    return page


@pytest.fixture
def get_page(client):
    """GET a URL and check it against the house rules."""

    def get(url, status=200, **kwargs):
        return check_page(client.get(url, **kwargs), status)

    return get


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
        while not url.startswith("/check-answers"):
            slug = url.strip("/").split("?")[0]
            step = flow.step_for(slug)
            response = self.answer(slug, {name: answers[name] for name in step.fields if name in answers})
            assert response.status_code in (302, 303), f"{slug} did not move on"
            url = response.location
        return url


@pytest.fixture
def journey(client):
    """A helper that answers question pages through the test client."""
    return Journey(client)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The app served over real HTTP on a free loopback port, for the browser tests."""
    app = make_app(tmp_path_factory.mktemp("live"))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole run."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
