"""Real Chromium walks the journey on a phone-sized screen, with and without JavaScript."""

import pytest

from tests.helpers import TYPICAL_ANSWERS
from tests.helpers import walk_to_summary

PHONE = {"width": 390, "height": 844}


# Someone outside the studies in several ways: the summary must carry a note for each way.
OLDER_WITH_CONCERNS = {
    **TYPICAL_ANSWERS,
    "age_group": "over-70",
    "kidney": "yes",
    "blood_clot": "yes",
    "pregnancy": "not-sure",
    "leaning": "lenalidomide",
    "doctor_questions": ["kidneys", "blood-clot"],
    "doctor_note": "",
}


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_phone_journey_from_start_to_summary(browser, live_server, javascript):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    csp_violations = []
    page.on(
        "console",
        lambda message: (
            csp_violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    walk_to_summary(page, live_server, TYPICAL_ANSWERS)
    assert page.locator("h1").inner_text() == "Your summary"
    body = page.locator("main").inner_text()
    assert "Very good partial response" in body
    assert "Can I travel abroad while taking it?" in body
    assert page.locator('svg[role="img"][data-total="100"]').count() == 10
    assert no_horizontal_scroll(page)
    assert csp_violations == []
    context.close()


def test_tailored_journey_in_chromium(browser, live_server):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    walk_to_summary(page, live_server, OLDER_WITH_CONCERNS)
    body = page.locator("main").inner_text()
    for note in ["Your age.", "Your kidneys.", "Blood clots.", "Pregnancy."]:
        assert note in body
    assert "I am leaning towards: Lenalidomide maintenance" in body
    assert "Would a past blood clot mean I need a blood thinner" in body
    assert no_horizontal_scroll(page)
    context.close()


def test_error_summary_links_to_the_first_radio(browser, live_server):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server + "/transplant")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state("load")
    assert page.title().startswith("Error: ")
    page.locator(".error-summary a").click()
    assert page.evaluate("document.activeElement.id") == "transplant-0"
    context.close()


def test_answers_are_kept_after_the_browser_is_reopened(browser, live_server):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server + "/transplant")
    page.locator("input[value='yes']").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state("load")
    cookies = context.cookies()
    (session_cookie,) = [cookie for cookie in cookies if cookie["name"].endswith("session")]
    # A positive expiry means the cookie outlives the browser session.
    assert session_cookie["expires"] > 0
    reopened = browser.new_context(viewport=PHONE)
    reopened.add_cookies(cookies)
    page = reopened.new_page()
    page.goto(live_server + "/transplant")
    assert page.locator("input[value='yes']").is_checked()
    context.close()
    reopened.close()
