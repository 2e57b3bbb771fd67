"""axe-core (WCAG 2.2 A and AA rules) in real Chromium, on every kind of page, phone and desktop."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.helpers import AXE_RULES as RULES
from tests.helpers import complete_answers
from tests.helpers import make_app
from tests.helpers import store_answers

PAGES = [
    "/",
    "/transplant",
    "/what-matters",
    "/the-numbers",
    "/the-numbers?study=ifm-5y",
    "/your-health",
    "/the-decision",
    "/check-your-understanding",
    "/your-answers",
    "/doctor-questions",
    "/check-answers",
    "/summary",
    "/evidence",
    "/about",
    "/glossary",
]


@pytest.fixture(scope="module")
def finished_session(live_server, tmp_path_factory):
    """A session cookie for a finished journey, signed by the live server's key."""
    # Same secret as the live server (tests.helpers.make_app), so its cookie is accepted there.
    app = make_app(tmp_path_factory.mktemp("accessibility"))
    client = app.test_client()
    with client.session_transaction() as session:
        store_answers(session, complete_answers())
    return client.get_cookie("__Host-session").value


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("url", PAGES)
def test_no_accessibility_violations(browser, live_server, finished_session, url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies(
        [
            {
                "name": "__Host-session",
                "value": finished_session,
                "domain": "127.0.0.1",
                "path": "/",
                "secure": True,
            }
        ]
    )
    page = context.new_page()
    page.goto(live_server + url)
    results = Axe().run(page, options=RULES)
    context.close()
    violations = [
        (v["id"], [node["target"] for node in v["nodes"]][:3]) for v in results.response["violations"]
    ]
    assert violations == []
