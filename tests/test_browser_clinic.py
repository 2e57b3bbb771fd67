"""In Chromium: error focus without JavaScript, 44 px targets, clinic mode, axe on the new pages."""

import re
import tempfile
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.helpers import AXE_RULES as RULES
from tests.helpers import browser_session_cookie
from tests.helpers import complete_answers
from tests.helpers import contrast_ratio
from tests.helpers import make_app
from tests.helpers import store_answers

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# The main links: header, language switcher, back link, start again, footer, page actions, and each
# answer's "Change" (check answers and the summary: 26 px tall, stacked every 80 px).
MAIN_LINKS = (
    ".site-header a, .language-switcher a, a.back-link, a.session-bar__link, .site-footer__links a, "
    "a.main-link, .study-picker a, .sure-links a, .summary-list__actions a"
)
TARGETS = f"label.radios__label, label.checkboxes__label, button, a.button, {MAIN_LINKS}"


@pytest.fixture(scope="module")
def finished_cookie(live_server):
    """A session cookie for a finished journey, signed with the live server's key."""
    client = make_app(Path(tempfile.mkdtemp())).test_client()
    with client.session_transaction() as session:
        store_answers(session, complete_answers())
    return client.get_cookie("__Host-session").value


def context_with(browser, viewport, cookie=None, **options):
    context = browser.new_context(viewport=viewport, **options)
    if cookie:
        context.add_cookies([browser_session_cookie(cookie)])
    return context


def test_error_summary_gets_focus_without_javascript(browser, live_server):
    context = context_with(browser, PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/transplant")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    # Playwright's own evaluate runs even when the page's scripts are off.
    assert page.evaluate("document.activeElement.className") == "error-summary"
    context.close()


def small_targets(page):
    """Every answer label, button and main link smaller than 44 × 44 CSS px."""
    found = []
    for element in page.locator(TARGETS).all():
        if not element.is_visible():
            continue
        box = element.bounding_box()
        if box["width"] < 44 or box["height"] < 44:
            found.append(
                (element.evaluate("e => e.outerHTML.slice(0, 80)"), round(box["width"]), round(box["height"]))
            )
    return found


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/transplant",
        "/what-matters",
        "/the-numbers",
        "/sure-result",
        "/doctor-questions",
        "/summary",
        "/check-answers",
        "/start-again",
    ],
)
def test_touch_targets_are_at_least_44_px_on_a_phone(browser, live_server, finished_cookie, url):
    context = context_with(browser, PHONE, finished_cookie)
    page = context.new_page()
    page.goto(live_server + url)
    assert page.locator(TARGETS).count() > 3
    assert small_targets(page) == []
    context.close()


def test_touch_targets_on_a_fresh_start_page(browser, live_server):
    context = context_with(browser, PHONE)
    page = context.new_page()
    page.goto(live_server + "/")
    assert small_targets(page) == []
    context.close()


def switch_on_clinic_mode(page, base_url):
    page.goto(base_url + "/clinic")
    page.get_by_role("button", name="Switch on clinic mode").click()
    page.wait_for_url(base_url + "/")


def test_clinic_mode_in_the_browser(browser, live_server):
    context = context_with(browser, DESKTOP)
    page = context.new_page()
    switch_on_clinic_mode(page, live_server)
    cookie = next(c for c in context.cookies() if c["name"] == "__Host-session")
    assert cookie["expires"] == -1, "a session cookie: gone when the browser closes"
    # The nurse opens the numbers directly; the arrays use the wide screen.
    page.goto(live_server + "/the-numbers")
    # Each outcome's pictures open on request (a disclosure).
    page.locator("details.outcome > summary").first.click()
    width = page.locator("svg.icon-array").first.bounding_box()["width"]
    assert width > 400
    assert page.locator(".teach-back").is_visible()
    # Answer a question in French, then finish and clear.
    page.goto(live_server + "/transplant?lang=fr")
    page.locator("label[for=transplant-0]").click()
    page.get_by_role("button", name="Continuer").click()
    page.get_by_role("button", name="Terminer et effacer pour le patient suivant").click()
    page.wait_for_url(live_server + "/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("html").get_attribute("class") == "clinic"
    assert page.locator(".saved-answers").count() == 0
    context.close()


def computed_rgb(css_colour):
    """(red, green, blue) of a computed "rgb(r, g, b)" colour."""
    return tuple(int(value) for value in re.findall(r"\d+", css_colour)[:3])


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_finish_and_clear_stands_out_from_its_bar_as_a_button(browser, live_server, viewport):
    """The button that clears a patient's answers must not melt into the bar it sits on (WCAG 1.4.11)."""
    context = context_with(browser, viewport)
    page = context.new_page()
    switch_on_clinic_mode(page, live_server)
    page.goto(live_server + "/transplant")
    bar = page.evaluate("getComputedStyle(document.querySelector('.session-bar')).backgroundColor")
    button = page.locator(".session-bar button")
    assert button.inner_text() == "Finish and clear for the next patient"
    computed = "b => [getComputedStyle(b).backgroundColor, getComputedStyle(b).borderTopColor]"
    ground, edge = button.evaluate(computed)
    assert ground != bar, "the button has its own ground"
    assert contrast_ratio(computed_rgb(edge), computed_rgb(bar)) >= 3, (ground, edge, bar)
    context.close()


def test_idle_warning_then_cleared_page_with_javascript(browser, live_server):
    context = context_with(browser, DESKTOP)
    page = context.new_page()
    switch_on_clinic_mode(page, live_server)
    page.goto(live_server + "/transplant")
    page.locator("label[for=transplant-0]").click()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/transplant-when")
    # Chromium's clock jumps ahead: 18 minutes brings the warning, 20 the cleared start page.
    page.clock.install()
    page.reload()
    page.clock.fast_forward("18:30")
    assert page.locator("#idle-warning").is_visible()
    page.clock.fast_forward("02:00")
    page.wait_for_url(live_server + "/")
    assert page.locator(".saved-answers").count() == 0
    context.close()


def test_icon_arrays_in_forced_colours(browser, live_server, finished_cookie, tmp_path):
    context = context_with(browser, DESKTOP, finished_cookie)
    page = context.new_page()
    page.emulate_media(forced_colors="active")
    page.goto(live_server + "/the-numbers")
    page.locator("details.outcome > summary").first.click()
    svg = page.locator("svg.icon-array").first
    assert svg.evaluate("e => getComputedStyle(e).forcedColorAdjust") == "none"
    stroke = page.locator("svg.icon-array g.range").first.evaluate("e => getComputedStyle(e).stroke")
    assert stroke not in ("none", "rgb(255, 255, 255)")
    svg.screenshot(path=str(tmp_path / "forced.png"))
    context.close()


NEW_PAGES = ["/", "/clinic", "/start-again", "/sure-result", "/sure-result?revisited=1", "/sure?again=1"]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("url", NEW_PAGES)
def test_new_pages_have_no_axe_violations(browser, live_server, finished_cookie, url, width):
    context = context_with(browser, {"width": width, "height": 900}, finished_cookie)
    page = context.new_page()
    page.goto(live_server + url)
    assert_no_violations(page)
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("url", ["/", "/clinic", "/the-numbers", "/transplant", "/start-again"])
def test_clinic_pages_have_no_axe_violations(browser, live_server, url, width):
    context = context_with(browser, {"width": width, "height": 900})
    page = context.new_page()
    switch_on_clinic_mode(page, live_server)
    page.goto(live_server + url)
    assert_no_violations(page)
    context.close()


def assert_no_violations(page):
    results = Axe().run(page, options=RULES)
    violations = [
        (v["id"], [node["target"] for node in v["nodes"]][:3]) for v in results.response["violations"]
    ]
    assert violations == []
