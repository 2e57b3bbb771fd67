"""The journey's length for a tired reader on a phone (issue 11), measured in real Chromium at 390 x 844.

A screen is 844 CSS px of document height. Every full page shown counts, feedback pages included.
"""

import pytest

from decision_aid.journey import flow
from tests.helpers import MAX_STEPS
from tests.helpers import answers_before
from tests.helpers import browser_session_cookie
from tests.helpers import make_app
from tests.helpers import store_answers

PHONE = {"width": 390, "height": 844}
SCREEN = PHONE["height"]
MAX_PAGE_LOADS = 20
MAX_SCREENS = 40
MAX_NUMBERS_SCREENS = 6

# The walk the target was set for: a transplant, under 65, a complete response, "no" to the health
# questions, and the first answer everywhere else (the questions for the care team as suggested).
WALK = {
    "transplant": "yes",
    "age_group": "under-65",
    "response": "complete",
    "kidney": "no",
    "blood_clot": "no",
    "pregnancy": "no",
    "other_cancer": "no",
    "induction_lenalidomide": "no",
}


def height(page):
    return page.evaluate("document.documentElement.scrollHeight")


def answer_page(page, step):
    """Choose the walk's answer (or the first choice) for every field of a step."""
    for name in step.fields:
        choices = page.locator(f"input[type=radio][name={name}]")
        if not choices.count():
            continue  # the checklist keeps its suggestions; the note stays empty
        if name in WALK:
            page.locator(f"input[name={name}][value='{WALK[name]}']").check()
        else:
            choices.first.check()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def test_typical_walk_fits_in_20_pages_and_40_phone_screens(phone, live_server):
    page = phone
    page.goto(live_server + "/")
    loads = [("/", height(page))]
    page.get_by_role("button", name="Start now").click()
    page.wait_for_load_state("load")
    for _step in range(MAX_STEPS):
        loads.append((page.url, height(page)))
        if "/check-answers" in page.url:
            break
        step = flow.step_for(page.url.rsplit("/", 1)[-1].split("?")[0])
        answer_page(page, step)
        page.get_by_role("button", name="Continue").click()
        page.wait_for_load_state("load")
    else:
        raise AssertionError(f"no check-answers page after {MAX_STEPS} steps")
    screens = sum(pixels / SCREEN for _, pixels in loads)
    report = ", ".join(f"{url.rsplit('/', 1)[-1] or 'start'} {pixels / SCREEN:.1f}" for url, pixels in loads)
    assert len(loads) <= MAX_PAGE_LOADS, report
    assert screens <= MAX_SCREENS, f"{screens:.1f} screens: {report}"
    numbers = [pixels for url, pixels in loads if url.endswith("/the-numbers")]
    assert numbers and numbers[0] <= MAX_NUMBERS_SCREENS * SCREEN, report


@pytest.fixture(scope="module")
def reached_the_numbers(tmp_path_factory):
    """A session cookie (signed with the live server's key) for someone who has read up to the numbers."""
    app = make_app(tmp_path_factory.mktemp("length"))
    client = app.test_client()
    with client.session_transaction() as session:
        store_answers(session, answers_before(flow.step_for("the-numbers")))
    return client.get_cookie("__Host-session").value


def numbers_context(browser, cookie, **options):
    """A phone browser holding the answers up to the numbers page."""
    context = browser.new_context(viewport=PHONE, **options)
    context.add_cookies([browser_session_cookie(cookie)])
    return context


@pytest.mark.parametrize("study", [None, "ifm-5y", "meta-2017", "myeloma-xi"])
def test_every_numbers_view_opens_in_6_phone_screens(browser, live_server, reached_the_numbers, study):
    context = numbers_context(browser, reached_the_numbers)
    page = context.new_page()
    page.goto(live_server + "/the-numbers" + (f"?study={study}" if study else ""))
    assert page.url.split("?")[0].endswith("/the-numbers")
    assert height(page) <= MAX_NUMBERS_SCREENS * SCREEN, height(page) / SCREEN
    context.close()


def test_pictures_open_without_javascript(browser, live_server, reached_the_numbers):
    context = numbers_context(browser, reached_the_numbers, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/the-numbers")
    first = page.locator("details.outcome").first
    arrays = first.locator('svg[role="img"][data-total="100"]')
    assert arrays.count() == 2
    assert not arrays.first.is_visible(), "closed until asked for"
    first.locator("summary").first.click()
    assert arrays.first.is_visible() and arrays.nth(1).is_visible()
    assert first.locator(".worked-example").is_visible()
    # The range behind "How sure is this?" opens the same way.
    sure = first.locator("details")
    assert not sure.locator(".outcome__certainty").is_visible()
    sure.locator("summary").click()
    assert sure.locator(".outcome__certainty").is_visible()
    # The overview table stacks on a phone instead of clipping.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    table = page.locator("table.numbers-overview")
    assert page.evaluate("t => t.scrollWidth <= t.clientWidth + 1", table.element_handle())
    context.close()


def reach(page, base_url, slug):
    """Walk the journey (first choices) until the page with this slug."""
    page.goto(base_url + "/")
    page.get_by_role("button", name="Start now").click()
    page.wait_for_load_state("load")
    for _step in range(MAX_STEPS):
        current = page.url.rsplit("/", 1)[-1].split("?")[0]
        if current == slug:
            return
        answer_page(page, flow.step_for(current))
        page.get_by_role("button", name="Continue").click()
        page.wait_for_load_state("load")
    raise AssertionError(f"never reached {slug}")


@pytest.mark.parametrize(
    ("slug", "fields"),
    [
        ("your-health", ["kidney", "blood_clot", "pregnancy", "other_cancer", "induction_lenalidomide"]),
        (
            "check-your-understanding",
            ["quiz_main_effect", "quiz_number", "quiz_second_cancer", "quiz_right_choice"],
        ),
    ],
)
def test_questions_sharing_a_page_each_get_their_own_error(phone, live_server, slug, fields):
    page = phone
    reach(page, live_server, slug)
    assert page.locator("h1").count() == 1
    assert page.locator("fieldset legend").count() == len(fields)
    # Answer only the first question: every other question gets its own message, each linked from the
    # summary, or, past three, one line there for them all.
    page.locator(f"input[name={fields[0]}]").first.check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state("load")
    assert page.title().startswith("Error: ")
    # Up to three unanswered questions are listed one by one; more are summed up in one line.
    unanswered = len(fields) - 1
    assert page.locator(".error-summary li").count() == (unanswered if unanswered <= 3 else 1)
    for name in fields[1:]:
        assert page.locator(f"#{name}-error").is_visible(), name
    assert page.locator(f"#{fields[0]}-error").count() == 0
    assert page.locator(f"input[name={fields[0]}]").first.is_checked(), "the answer given is kept"
    page.locator(".error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == f"{fields[1]}-0"
