"""Clinic mode on a shared computer: switching on, session-only cookie, idle expiry, finish and clear."""

import time

import pytest

from decision_aid import settings
from decision_aid.web import answers as stored
from tests.helpers import check_page
from tests.helpers import complete_answers
from tests.helpers import make_app
from tests.helpers import store_answers

START = 1_800_000_000


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves: stored.now() returns clock["now"]."""
    now = {"now": START}
    monkeypatch.setattr(stored, "now", lambda: now["now"])
    return now


def switch_on(client):
    page = check_page(client.get("/clinic"))
    return client.post("/clinic", data={"csrf_token": page.csrf_token()})


def cookie_header(response):
    return next(v for k, v in response.headers.items() if k == "Set-Cookie" and "session=" in v)


def test_clinic_page_explains_and_a_get_changes_nothing(client, get_page):
    page = get_page("/clinic")
    assert page.h1 == "Using a clinic or shared computer"
    assert page.select_one("main form[action='/clinic'][method=post] button").get_text(strip=True) == (
        "Switch on clinic mode"
    )
    with client.session_transaction() as session:
        assert "clinic" not in session
    assert not get_page("/").select("#finish-form")


def test_switching_on_deletes_earlier_answers_and_shows_finish_everywhere(client):
    with client.session_transaction() as session:
        store_answers(session, complete_answers())
    response = switch_on(client)
    assert response.status_code == 303 and response.location == "/"
    with client.session_transaction() as session:
        assert session["clinic"] is True and "answers" not in session
    for url in ("/", "/transplant", "/about", "/clinic", "/start-again"):
        page = check_page(client.get(url))
        assert page.soup.html["class"] == ["clinic"]
        button = page.select_one("form#finish-form[action='/finish'][method=post] button")
        assert button.get_text(strip=True) == "Finish and clear for the next patient"
        assert page.select_one("script[src^='/static/clinic.']")


def test_clinic_cookie_lasts_only_for_the_browser_session(client, journey, clock):
    switch_on(client)
    response = journey.answer("transplant", {"transplant": "yes"})
    header = cookie_header(response)
    assert "Expires" not in header and "Max-Age" not in header
    # Outside clinic mode the cookie keeps answers for 7 days.
    other = make_app_client()
    page = check_page(other.get("/transplant"))
    response = other.post("/transplant", data={"csrf_token": page.csrf_token(), "transplant": "yes"})
    assert "Expires" in cookie_header(response)


def make_app_client():
    import tempfile
    from pathlib import Path

    return make_app(Path(tempfile.mkdtemp())).test_client()


def test_answers_expire_after_20_idle_minutes(client, journey, clock):
    switch_on(client)
    journey.answer("transplant", {"transplant": "yes"})
    clock["now"] += 19 * 60
    assert check_page(client.get("/transplant")).select_one("input[value=yes][checked]")
    # Each request is activity: 19 more minutes are fine.
    clock["now"] += 19 * 60
    assert client.get("/transplant-when").status_code == 200
    clock["now"] += 20 * 60 + 1
    response = client.get("/transplant-when")
    assert response.status_code == 303 and response.location == "/"
    page = check_page(client.get("/"))
    assert "not used for 20 minutes" in page.text
    with client.session_transaction() as session:
        assert "answers" not in session and session["clinic"] is True


def test_a_missing_activity_time_counts_as_expired(client, clock):
    switch_on(client)
    with client.session_transaction() as session:
        store_answers(session, complete_answers())  # no "seen" time
    assert client.get("/summary").location == "/"


@pytest.mark.parametrize(
    "offset",
    [10**400, -(10**400), -20 * 60 - 60, 20 * 60 + 60, 1.5e308],
    ids=["huge", "huge-negative", "too-old", "too-far-ahead", "float"],
)
def test_an_activity_time_out_of_range_counts_as_expired_not_500(client, offset):
    # On the real clock (a float): a number too big for a float was a 500 on every page. Only a key
    # holder can sign such a cookie.
    switch_on(client)
    with client.session_transaction() as session:
        store_answers(session, complete_answers())
        session["seen"] = int(time.time()) + offset if isinstance(offset, int) else offset
    response = client.get("/summary")
    assert response.status_code == 303 and response.location == "/"
    assert "not used for 20 minutes" in check_page(client.get("/")).text


def test_an_activity_time_a_little_ahead_of_this_clock_is_kept(client, clock):
    # Two servers whose clocks differ by a minute must not clear a patient's answers.
    switch_on(client)
    with client.session_transaction() as session:
        store_answers(session, complete_answers())
        session["seen"] = START + 60
    assert client.get("/summary").status_code == 200


def test_finish_and_clear_keeps_clinic_mode_and_language(client, journey, clock):
    switch_on(client)
    client.get("/?lang=fr")
    journey.answer("transplant", {"transplant": "yes"})
    page = check_page(client.get("/transplant"))
    response = client.post("/finish", data={"csrf_token": page.csrf_token()})
    assert response.status_code == 303 and response.location == "/"
    assert "cookies" not in response.headers["Clear-Site-Data"]
    with client.session_transaction() as session:
        assert "answers" not in session
        assert session["clinic"] is True and session["lang"] == "fr"
    page = check_page(client.get("/"))
    assert page.soup.html["lang"] == "fr" and page.select_one("#finish-form")
    assert not page.select(".saved-answers")


def test_finish_works_after_the_idle_limit(client, journey, clock):
    switch_on(client)
    journey.answer("transplant", {"transplant": "yes"})
    page = check_page(client.get("/transplant"))
    clock["now"] += 21 * 60
    # What clinic.js does at the limit: the form on screen still posts.
    response = client.post("/finish", data={"csrf_token": page.csrf_token()})
    assert response.location == "/"
    assert "not used for 20 minutes" in check_page(client.get("/")).text


def test_still_here_restarts_the_idle_time(client, journey, clock):
    switch_on(client)
    journey.answer("transplant", {"transplant": "yes"})
    page = check_page(client.get("/transplant"))
    clock["now"] += 18 * 60
    assert client.post("/clinic/still-here", data={"csrf_token": page.csrf_token()}).status_code == 204
    clock["now"] += 18 * 60
    assert client.get("/transplant").status_code == 200


def test_clinic_mode_always_for_a_deployment(tmp_path, clock):
    client = make_app(tmp_path, CLINIC_MODE="always").test_client()
    page = check_page(client.get("/"))
    assert page.select_one("#finish-form")
    assert not page.soup.find("a", string="Using a clinic or shared computer?")
    page = check_page(client.get("/transplant"))
    response = client.post("/transplant", data={"csrf_token": page.csrf_token(), "transplant": "yes"})
    assert "Expires" not in cookie_header(response)


def test_clinic_mode_setting_is_checked(tmp_path):
    with pytest.raises(settings.ConfigError):
        make_app(tmp_path, CLINIC_MODE="sometimes")


def test_numbers_open_without_answers_in_clinic_mode(client, clock):
    # Outside clinic mode, the public contract: the first question.
    assert client.get("/the-numbers").location == "/transplant"
    switch_on(client)
    page = check_page(client.get("/the-numbers"))
    assert "They describe this group: People aged" in page.text
    assert "people like you" not in page.text, "matched to no one, so not said to be like the reader"
    assert page.select('svg[role="img"][data-total="100"]')
    assert client.head("/the-numbers").status_code == 200, "a HEAD answers as the GET does"
    assert not page.select("main form[method=post]"), "nothing to post: no answers to record"
    assert page.soup.find("a", string="Start the questions")["href"] == "/transplant"
    page = check_page(client.get("/the-numbers?study=ifm-5y"))
    assert page.select_one("[aria-current=page]").get_text(strip=True).startswith("IFM")
    # Posting still needs the questions first.
    assert client.post("/the-numbers", data={"csrf_token": page.csrf_token()}).location == "/transplant"


def test_teach_back_prompts_only_in_clinic_mode(client, clock):
    from decision_aid.journey import flow
    from tests.helpers import answers_before

    answers = answers_before(flow.step_for("the-numbers"))
    with client.session_transaction() as session:
        store_answers(session, answers)
    assert not check_page(client.get("/the-numbers")).select(".teach-back")
    switch_on(client)
    with client.session_transaction() as session:
        store_answers(session, answers)
        session["seen"] = START
    prompt = check_page(client.get("/the-numbers")).select_one(".teach-back")
    assert "Can you tell me in your own words" in prompt.get_text()


def test_handoff_is_a_qr_code_only_in_clinic_mode(client, clock):
    with client.session_transaction() as session:
        store_answers(session, complete_answers())
    page = check_page(client.get("/summary"))
    assert page.select("textarea#handoff-link")
    switch_on(client)
    with client.session_transaction() as session:
        store_answers(session, complete_answers())
        session["seen"] = START
    page = check_page(client.get("/summary"))
    assert not page.select("textarea#handoff-link")
    assert page.select("img.handoff__qr")
    assert "copy the whole link" not in page.text


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_the_start_page_says_how_long_answers_stay_on_a_shared_computer(client, lang):
    """Clinic mode keeps answers for minutes and offers Finish and clear: the start page must not promise a
    week and a Start again link that is not there."""
    week = privacy_paragraph(check_page(client.get(f"/?lang={lang}")))
    switch_on(client)
    shared = privacy_paragraph(check_page(client.get("/")))
    minutes = str(settings.DEFAULTS["CLINIC_IDLE_SECONDS"] // 60)
    assert minutes not in week and minutes in shared
    words = {"en": "a week", "es": "una semana", "fr": "une semaine"}[lang]
    assert words in week and words not in shared


def privacy_paragraph(page):
    """The start page's words on how long answers are kept: the paragraph under its privacy heading."""
    heading = page.soup.find("h2", id=False, string=lambda text: text and "priv" in text.lower())
    return heading.find_next("p").get_text()
