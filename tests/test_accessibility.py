"""axe-core (WCAG 2.2 A and AA rules) in real Chromium, on every kind of page, phone and desktop."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.helpers import AXE_RULES as RULES
from tests.helpers import browser_session_cookie
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
    context.add_cookies([browser_session_cookie(finished_session)])
    page = context.new_page()
    page.goto(live_server + url)
    results = Axe().run(page, options=RULES)
    context.close()
    violations = [
        (v["id"], [node["target"] for node in v["nodes"]][:3]) for v in results.response["violations"]
    ]
    assert violations == []


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
@pytest.mark.parametrize("url", ["/summary", "/what-matters-compared", "/the-numbers", "/evidence"])
def test_tables_need_no_sideways_scrolling_on_a_phone(browser, live_server, finished_session, url, lang):
    """A table wider than a phone hides its last column behind a scroll nobody sees: at 390 px every
    table fits its box (each row stacks as a block, its cells named), in every language."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_cookies([browser_session_cookie(finished_session)])
    page = context.new_page()
    page.goto(f"{live_server}{url}?lang={lang}")
    tables = page.locator("main table")
    assert tables.count() >= 1
    fits = "t => t.scrollWidth <= t.parentElement.clientWidth + 1 && t.getBoundingClientRect().right <= 390"
    for index in range(tables.count()):
        assert tables.nth(index).evaluate(fits), (url, lang, tables.nth(index).get_attribute("class"))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # Each stacked cell is named, with the colon each language writes (French: a no-break space first).
    named = page.locator("main .stacked-table td[data-label]")
    if named.count():
        label = named.first.evaluate("td => getComputedStyle(td, '::before').content")
        colon = {"fr": "\u00a0: "}.get(lang, ": ")
        assert label == '"' + named.first.get_attribute("data-label") + colon + '"', (url, lang)
    context.close()


def test_the_browsers_print_of_the_numbers_keeps_each_option_name_with_its_picture(
    browser, live_server, finished_session
):
    """With every picture opened, Chromium's print left option names (and "How sure is this?") at the
    foot of a page, and what they name on the next."""
    import io

    from pypdf import PdfReader

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([browser_session_cookie(finished_session)])
    page = context.new_page()
    page.goto(live_server + "/the-numbers")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    names = set(page.locator(".arm__name, summary").all_inner_texts())
    printed = PdfReader(io.BytesIO(page.pdf(format="A4")))
    context.close()
    assert len(names) >= 2 and len(printed.pages) > 3
    for number, pdf_page in enumerate(printed.pages, start=1):
        lines = [line.strip() for line in pdf_page.extract_text().splitlines() if line.strip()]
        # A name wraps on to two lines on paper: the page's last lines, joined, must not end with one.
        tail = " ".join(lines[-3:])
        assert lines and not any(tail.endswith(name) for name in names), (number, lines[-3:])


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
@pytest.mark.parametrize("url", ["/", "/transplant", "/summary"])
def test_text_at_twice_the_size_needs_no_sideways_scrolling_on_a_phone(
    browser, live_server, finished_session, url, lang
):
    """WCAG 1.4.4 and 1.4.10: the language links ran 65 px off a 390 px screen with text at 200 %,
    and "Français" was cut off."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_cookies([browser_session_cookie(finished_session)])
    page = context.new_page()
    page.goto(f"{live_server}{url}?lang={lang}")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    switcher = page.locator(".language-switcher").bounding_box()
    context.close()
    assert fits and switcher["x"] + switcher["width"] <= 390, (url, lang, switcher)
