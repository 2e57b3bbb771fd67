"""Security headers, cookies, request limits and privacy (SECURITY-PERFORMANCE.md S6, S9, S10, S14, S18)."""

import logging

import pytest

from tests.helpers import TYPICAL_ANSWERS
from tests.helpers import answers_in_session
from tests.helpers import check_page


@pytest.mark.parametrize("url", ["/", "/transplant", "/about", "/evidence", "/no-such-page"])
def test_security_headers_on_every_page(client, url):
    headers = client.get(url).headers
    csp = headers["Content-Security-Policy"]
    for directive in [
        "default-src 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]:
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert headers["Cache-Control"] == "no-store"


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    secure = client.get("/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_static_files_may_be_cached(client):
    with client.get("/static/site.css") as response:
        assert response.status_code == 200
        assert response.headers.get("Cache-Control") != "no-store"


def test_session_cookie_flags(client, journey):
    response = journey.answer("transplant", {"transplant": "yes"})
    (set_cookie,) = response.headers.getlist("Set-Cookie")
    assert set_cookie.startswith("__Host-session=")
    for flag in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"]:
        assert flag in set_cookie
    assert "Domain=" not in set_cookie


def test_cookie_stays_small_with_every_answer(client, journey):
    journey.answer_all()
    cookie = client.get_cookie("__Host-session")
    assert len(cookie.value) < 2048


def test_request_body_over_the_limit_is_refused(client):
    page = check_page(client.post("/transplant", data={"transplant": "x" * 70_000}), status=413)
    assert page.h1 == "What you sent is too long"


def test_thousands_of_unknown_fields_are_ignored_and_never_stored(app, client):
    # 5,000 fields within the size limit, with a valid CSRF token: the form reads only its own fields.
    token = check_page(client.get("/transplant")).csrf_token()
    body = f"csrf_token={token}&" + "&".join(f"f{index}=v" for index in range(5000))
    assert len(body) + len("&transplant=yes") < app.config["MAX_CONTENT_LENGTH"]
    form = "application/x-www-form-urlencoded"
    # Without the answer: the question again with its error, and nothing stored.
    page = check_page(client.post("/transplant", data=body, content_type=form))
    assert page.select_one(".error-summary")
    assert answers_in_session(client) == {}
    # With the answer: on to the next question, with only the answer stored.
    response = client.post("/transplant", data=body + "&transplant=yes", content_type=form)
    assert response.status_code == 302
    assert response.location == "/transplant-when"
    assert answers_in_session(client) == {"transplant": "yes"}


def test_answers_never_reach_the_logs(app, client, journey, caplog):
    caplog.set_level(logging.DEBUG)
    journey.answer_all({**TYPICAL_ANSWERS, "response": "complete"})
    client.get("/summary")
    logged = caplog.text + "".join(str(record.args) for record in caplog.records)
    for value in ["very-good-partial", "complete", "under-65"]:
        assert value not in logged


HTTPS = "https://aid.example.org"


def https_post(client, headers):
    """A first answer posted over HTTPS with these headers, after its page was shown."""
    page = check_page(client.get("/transplant", base_url=HTTPS))
    data = {"csrf_token": page.csrf_token(), "transplant": "yes"}
    return client.post("/transplant", base_url=HTTPS, data=data, headers=headers)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Origin": HTTPS},
        {"Origin": "null"},
        {"Referer": f"{HTTPS}/transplant"},
        {"Origin": "null", "Referer": ""},
    ],
    ids=["neither", "origin", "null-origin", "referer-only", "both-empty"],
)
def test_a_post_over_https_without_a_referer_is_accepted(client, headers):
    # Flask-WTF's HTTPS check refused any post without a Referer (privacy settings and some proxies
    # strip it): every Continue said the page had timed out.
    response = https_post(client, headers)
    assert response.status_code == 302 and response.location == "/transplant-when"


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "http://aid.example.org"},
        {"Referer": "https://evil.example/page"},
        {"Origin": "null", "Referer": "https://aid.example.org.evil.example/"},
    ],
    ids=["other-site", "plain-http", "other-referer", "lookalike-referer"],
)
def test_a_post_from_another_site_is_refused_even_with_a_token(client, headers):
    response = https_post(client, headers)
    assert response.status_code == 400 and "timed out" in check_page(response, status=400).text
    with client.session_transaction(base_url=HTTPS) as session:
        assert "answers" not in session


OLD_KEY = "an-old-secret-key-that-was-long-enough-0123456789"
NEW_KEY = "a-new-secret-key-that-is-long-enough-too-0123456789"


def cookie_jar_after_a_key_change(tmp_path, client_before):
    """A client of the app run with the new key (the old one a fallback), with the old cookie."""
    from tests.helpers import make_app

    after = make_app(tmp_path / "after", SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[OLD_KEY]).test_client()
    name = after.application.config["SESSION_COOKIE_NAME"]
    after.set_cookie(name, client_before.get_cookie(name).value)
    return after


def test_a_form_opened_before_a_key_change_still_posts(tmp_path):
    # Flask-WTF checked form tokens with the current key only: "Your page timed out" after a deploy.
    from tests.helpers import make_app

    before = make_app(tmp_path / "before", SECRET_KEY=OLD_KEY).test_client()
    page = check_page(before.get("/transplant"))
    after = cookie_jar_after_a_key_change(tmp_path, before)
    response = after.post("/transplant", data={"csrf_token": page.csrf_token(), "transplant": "yes"})
    assert response.status_code == 302 and response.location == "/transplant-when"
    assert answers_in_session(after) == {"transplant": "yes"}


def test_finish_and_clear_works_across_a_key_change(tmp_path):
    # On a shared computer the answers stayed when Finish was pressed on a page from before the change.
    from tests.helpers import make_app

    before = make_app(tmp_path / "before", SECRET_KEY=OLD_KEY).test_client()
    page = check_page(before.get("/clinic"))
    before.post("/clinic", data={"csrf_token": page.csrf_token()})
    page = check_page(before.get("/transplant"))
    before.post("/transplant", data={"csrf_token": page.csrf_token(), "transplant": "yes"})
    page = check_page(before.get("/transplant-when"))
    after = cookie_jar_after_a_key_change(tmp_path, before)
    response = after.post("/finish", data={"csrf_token": page.csrf_token()})
    assert response.status_code == 303 and "answers" not in answers_in_session(after)


def test_a_token_signed_by_a_key_no_longer_kept_is_refused(tmp_path):
    # The session opens (its key is a fallback), but the form token was signed with a retired key.
    from itsdangerous import URLSafeTimedSerializer

    from tests.helpers import make_app

    before = make_app(tmp_path / "before", SECRET_KEY=OLD_KEY).test_client()
    check_page(before.get("/transplant"))
    with before.session_transaction() as session:
        raw = session["csrf_token"]
    retired = "a-retired-secret-key-that-was-long-enough-0123456789"
    token = URLSafeTimedSerializer(retired, salt="wtf-csrf-token").dumps(raw)
    after = cookie_jar_after_a_key_change(tmp_path, before)
    response = after.post("/transplant", data={"csrf_token": token, "transplant": "yes"})
    assert response.status_code == 400 and "answers" not in answers_in_session(after)
    # The same token signed with the kept old key passes.
    token = URLSafeTimedSerializer(OLD_KEY, salt="wtf-csrf-token").dumps(raw)
    assert after.post("/transplant", data={"csrf_token": token, "transplant": "yes"}).status_code == 302


def test_a_token_no_key_signed_is_still_refused(tmp_path):
    from tests.helpers import make_app

    before = make_app(tmp_path / "before", SECRET_KEY=OLD_KEY).test_client()
    check_page(before.get("/transplant"))
    after = cookie_jar_after_a_key_change(tmp_path, before)
    response = after.post("/start-again", data={"csrf_token": "IjAxMjM0NTY3ODki.Zz.forged"})
    assert response.status_code == 400


def test_a_cross_site_post_after_the_clinic_idle_limit_shows_nothing_of_the_answers(client, monkeypatch):
    # The Origin check ran before idle answers were cleared, and the refused post re-showed the page
    # built from the previous patient's answers (their note included).
    from decision_aid.web import answers as stored
    from tests.helpers import complete_answers
    from tests.helpers import store_answers

    page = check_page(client.get("/clinic", base_url=HTTPS))
    client.post("/clinic", base_url=HTTPS, data={"csrf_token": page.csrf_token()}, headers={"Origin": HTTPS})
    with client.session_transaction(base_url=HTTPS) as session:
        store_answers(session, complete_answers(doctor_note="Private note of the last patient"))
        session["seen"] = int(stored.now())
    token = check_page(client.get("/doctor-questions", base_url=HTTPS)).csrf_token()
    later = stored.now() + 21 * 60
    monkeypatch.setattr(stored, "now", lambda: later)
    response = client.post(
        "/doctor-questions",
        base_url=HTTPS,
        data={"csrf_token": token, "leaning": "not-sure"},
        headers={"Origin": "https://evil.example"},
    )
    assert "Private note of the last patient" not in response.get_data(as_text=True)
    with client.session_transaction(base_url=HTTPS) as session:
        assert "answers" not in session
