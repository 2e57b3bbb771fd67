"""Hostile and odd requests get the site's own answer, never a 500 (the resilience probe's findings)."""

import base64
import os
import random
import time

import pytest
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from flask.sessions import SecureCookieSessionInterface
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from itsdangerous.encoding import base64_encode
from werkzeug.datastructures import MultiDict

from decision_aid import settings as app_settings
from decision_aid.content import doctor_questions
from decision_aid.journey import flow
from decision_aid.printing import handoff
from decision_aid.printing import token as tokens
from decision_aid.settings import ConfigError
from decision_aid.web.answers import VERSION
from tests.helpers import TEST_SECRET
from tests.helpers import answers_in_session
from tests.helpers import check_page
from tests.helpers import complete_answers
from tests.helpers import make_app
from tests.helpers import store_answers


def signed_cookie(app, data):
    """A session cookie value signed with the app's real key (what only a key holder can make)."""
    return SecureCookieSessionInterface().get_signing_serializer(app).dumps(data)


def cookie_header(app, data):
    """A Cookie header carrying a session signed with the app's key."""
    return {"Cookie": f"{app.config['SESSION_COOKIE_NAME']}={signed_cookie(app, data)}"}


def test_a_foreign_host_gets_400_with_the_sites_page_and_headers(tmp_path):
    app = make_app(tmp_path, TRUSTED_HOSTS=["localhost"])
    response = app.test_client().get("/", headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    html = response.get_data(as_text=True)
    assert "We could not use that request" in html
    # The page's links are paths: nothing is built from the refused host.
    assert "evil.example" not in html and 'href="/about"' in html


def test_an_over_long_host_label_gets_400_not_500(client):
    response = client.get("/", headers={"Host": "a" * 70 + ".example"})
    assert response.status_code == 400
    assert "We could not use that request" in response.get_data(as_text=True)


def test_a_wrong_method_gets_the_sites_405_page(client):
    response = client.post("/", data={})
    assert response.status_code == 405
    html = response.get_data(as_text=True)
    assert "We could not use that request" in html and 'class="site-footer"' in html
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


@pytest.mark.parametrize("url", ["/about", "/healthz", "/summary", "/summary.pdf", "/evidence"])
def test_a_post_to_a_page_that_takes_none_is_405_not_a_timed_out_form(client, url):
    # The journey's "/<slug>" took these posts and answered "Your page timed out" (or, with a token, 404).
    page = check_page(client.get("/transplant"))
    for data in ({}, {"csrf_token": page.csrf_token()}):
        response = client.post(url, data=data)
        assert response.status_code == 405 and "POST" not in response.headers["Allow"], url


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data; boundary=B", b"--B\r\nContent-Disposition: form-data\r\n\r\nx\r\n--B--\r\n"),
        ("application/json", b'{"transplant": "yes"}'),
        ("text/plain", b"transplant=yes"),
    ],
)
def test_a_post_that_is_not_a_urlencoded_form_gets_415(client, content_type, body):
    response = client.post("/transplant", data=body, headers={"Content-Type": content_type})
    assert response.status_code == 415
    assert "We could not use that request" in response.get_data(as_text=True)


def test_repeated_checkbox_codes_are_stored_once(journey, client):
    journey.answer_all()
    page = client.get("/doctor-questions").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    codes = [("doctor_questions", "how-long")] * 900 + [("doctor_questions", "cost")] * 900
    data = MultiDict([("csrf_token", token), ("leaning", "not-sure"), *codes, ("doctor_note", "")])
    response = client.post("/doctor-questions", data=data)
    assert response.status_code == 302
    with client.session_transaction() as session:
        assert session["answers"]["doctor_questions"] == ["how-long", "cost"]


def cookie_bytes(client, app):
    """The size of the session cookie the browser holds."""
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    return len(cookie.value.encode("ascii"))


def every_field_at_its_maximum():
    """Answers with every list as long as it can be and the note at its byte cap."""
    answers = complete_answers()
    # Every question on offer (a typed-out list had missed one added later).
    answers["doctor_questions"] = [suggestion.code for suggestion in doctor_questions.SUGGESTIONS]
    # 500 varied 2-byte accented letters (exactly the 1,000-byte cap), which compress badly.
    letters = "áéíóúñüçàèêëîïôœùûÿ"
    chosen = random.Random(1).choices(letters, k=app_settings.DEFAULTS["FREE_TEXT_MAX_CHARS"])  # noqa: S311
    answers["doctor_note"] = "".join(chosen)
    return answers


def test_the_cookie_stays_small_for_typical_and_maximal_answers(app, client):
    with client.session_transaction() as session:
        store_answers(session, complete_answers())
        session["lang"] = "fr"
    client.get("/summary")
    typical = cookie_bytes(client, app)
    with client.session_transaction() as session:
        store_answers(session, every_field_at_its_maximum())
    client.get("/summary")
    largest = cookie_bytes(client, app)
    assert typical < 1500, typical
    assert largest < 3500, largest


def note_post(journey, client, note):
    """Post the questions page with this note; the response."""
    journey.answer_all()
    page = client.get("/doctor-questions").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    return client.post(
        "/doctor-questions", data={"csrf_token": token, "leaning": "not-sure", "doctor_note": note}
    )


def test_a_full_length_accented_note_is_accepted(journey, client):
    note = "é" * 500
    assert note_post(journey, client, note).status_code == 302
    with client.session_transaction() as session:
        assert session["answers"]["doctor_note"] == note


def test_line_breaks_count_once_as_the_browser_counts_them(journey, client):
    # Browsers send a line break as CR LF but count it as one character: a 495-character list was
    # refused as over 500.
    note = ("a" * 32 + "\r\n") * 15
    assert note_post(journey, client, note).status_code == 302
    assert answers_in_session(client)["doctor_note"] == ("a" * 32 + "\n") * 15


def test_control_characters_are_dropped_from_the_note(journey, client):
    # Pasted from a PDF: a NUL or escape in the page is invalid HTML, and the summary PDF cannot draw it.
    assert note_post(journey, client, "hello\x00 world\x01\x0b\x1b\x7f\x85!").status_code == 302
    assert answers_in_session(client)["doctor_note"] == "hello world!"
    assert "hello world!" in check_page(client.get("/summary")).text


def test_unicode_noncharacters_are_dropped_from_the_note(journey, client):
    # U+FFFE, U+FDD0 and the like are never assigned: in a page they make the HTML invalid.
    assert note_post(journey, client, "one\ufffe two\ufdd0\U0010ffff three\u202e").status_code == 302
    assert answers_in_session(client)["doctor_note"] == "one two three\u202e"
    assert "one two three" in check_page(client.get("/summary")).text


def test_a_note_too_long_in_bytes_is_refused_with_a_message(journey, client):
    response = note_post(journey, client, "😀" * 300)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Letters with accents count as one character each" in html
    assert "😀" * 300 in html  # the note is kept to edit


@pytest.mark.parametrize(
    "forged",
    [
        {"answers": "not a dict"},
        {"answers": {"transplant": ["yes"], "kidney": {"a": 1}, "_seen": "the-decision"}},
        {"answers": {"doctor_questions": "how-long", "doctor_note": ["x"]}},
        {"answers": [1, 2, 3], "lang": ["fr"]},
        {"answers": {"transplant": "yes", "age_group": 3}},
    ],
)
def test_type_confused_answers_signed_with_the_real_key_never_give_500(app, forged):
    client = app.test_client()
    for url in ["/", "/transplant", "/age", "/check-answers", "/summary", "/summary.pdf", "/the-numbers"]:
        response = client.get(url, headers=cookie_header(app, forged))
        assert response.status_code in (200, 302), (url, response.status_code)


WRONG_SHAPES = [{"kidney": ["no"]}, {"leaning": ["not-sure"]}, {"doctor_questions": "how-long"}]


@pytest.mark.parametrize("forged", WRONG_SHAPES)
def test_a_list_where_one_answer_belongs_is_dropped_not_500(app, forged):
    # A finished journey in a cookie signed with the real key, with one answer of the wrong shape: a
    # choice as a list of valid codes, or ticked boxes as one code. Pages reading it failed (a 500).
    client = app.test_client()
    with client.session_transaction() as session:
        store_answers(session, {**complete_answers(), **forged})
    for url in ["/summary", "/summary.pdf", "/check-answers", "/the-numbers", "/your-health"]:
        response = client.get(url)
        assert response.status_code in (200, 302), (url, response.status_code)
    # The forged answer is left out, so the journey asks that question again.
    step = next(step for step in flow.STEPS if next(iter(forged)) in step.fields)
    summary = client.get("/summary")
    assert (summary.status_code, summary.location) == (302, f"/{step.slug}")


def test_deeply_nested_json_in_a_signed_cookie_starts_afresh(app):
    deep = b'{"answers":' + b"[" * 100000 + b"]" * 100000 + b"}"
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    # Signed with the real key, as only a key holder could: the JSON inside is too deep to parse.
    cookie = serializer.make_signer().sign(base64_encode(deep)).decode("ascii")
    client = app.test_client()
    response = client.get("/summary", headers={"Cookie": f"{app.config['SESSION_COOKIE_NAME']}={cookie}"})
    assert response.status_code == 302 and response.location == "/transplant"


def test_a_genuine_token_with_a_nonsense_payload_is_refused_not_500(app):
    # Sealed with the real key, as only a key holder could: choices out of range, or far too long.
    header = tokens.HEADER.pack(tokens.VERSION, tokens.schema_id(tokens.schema()), int(time.time()))
    for payload in (b"\xff" * 12, b"\x00" * 200, b""):
        nonce = os.urandom(tokens.NONCE_BYTES)
        sealed = ChaCha20Poly1305(tokens.derive_key(app.secret_key)).encrypt(nonce, payload, header)
        text = base64.urlsafe_b64encode(header + nonce + sealed).rstrip(b"=").decode()
        with app.app_context():
            with pytest.raises(handoff.InvalidLink):
                handoff.read_for_app(text)


@pytest.mark.parametrize(
    "token", [None, 0, 10**400, ["x"], {"a": 1}], ids=["null", "zero", "huge", "list", "dict"]
)
def test_a_form_token_that_is_not_text_in_a_signed_cookie_starts_afresh(app, token):
    # Flask-WTF signs whatever the session holds into the page's token, then compares the two as
    # text when the form comes back: a number or list there was a 500 on every form.
    client = app.test_client()
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], signed_cookie(app, {"csrf_token": token}))
    page = check_page(client.get("/transplant"))
    response = client.post("/transplant", data={"csrf_token": page.csrf_token(), "transplant": "yes"})
    assert response.status_code == 302 and response.location == "/transplant-when"
    with client.session_transaction() as session:
        assert isinstance(session["csrf_token"], str) and session["answers"] == {"transplant": "yes"}


ODD_VALUES = [None, True, -1, 10**400, 1.5e308, "", "x" * 5000, [], ["x"], {}, {"a": [[]]}]


SESSION_FIELDS = ["answers", "lang", "v", "seen", "clinic", "message", "csrf_token", "_permanent"]


@pytest.mark.parametrize("key", SESSION_FIELDS)
def test_any_value_of_any_session_field_signed_with_the_real_key_never_gives_500(app, key):
    # A finished clinic journey with one field replaced: pages are read, then a form is sent with
    # the token its page gave (the order a browser follows).
    for value in ODD_VALUES:
        session = {"answers": complete_answers(), "v": VERSION, "lang": "en", "clinic": True}
        client = app.test_client()
        client.set_cookie(app.config["SESSION_COOKIE_NAME"], signed_cookie(app, {**session, key: value}))
        for url in ["/", "/summary", "/the-numbers", "/check-answers", "/clinic"]:
            assert client.get(url).status_code in (200, 302, 303), (key, value, url)
        page = check_page(client.get("/transplant"))
        response = client.post("/transplant", data={"csrf_token": page.csrf_token(), "transplant": "yes"})
        assert response.status_code == 302, (key, value)


def test_forwarded_for_changes_nothing_without_a_proxy(tmp_path):
    app = make_app(tmp_path, PDF_RATE_LIMIT="2 per minute", RATELIMIT_ENABLED=True)
    client = app.test_client()
    statuses = [
        client.get("/handout.pdf", headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]


def test_fallback_keys_must_be_a_list_of_strong_keys(tmp_path):
    with pytest.raises(ConfigError):
        make_app(tmp_path, TESTING=False, SECRET_KEY=TEST_SECRET * 2, SECRET_KEY_FALLBACKS="abc")
    with pytest.raises(ConfigError):
        make_app(tmp_path, TESTING=False, SECRET_KEY=TEST_SECRET * 2, SECRET_KEY_FALLBACKS=["dev"])


QUESTION_STEPS = [step for step in flow.STEPS if step.is_question]
TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    step_index=st.integers(0, len(QUESTION_STEPS) - 1),
    fields=st.dictionaries(
        st.sampled_from(["transplant", "kidney", "doctor_questions", "x", "csrf_token"]), TEXT
    ),
    repeated=st.lists(TEXT, max_size=20),
)
def test_fuzzed_posts_to_every_question_never_give_5xx(tmp_path_factory, step_index, fields, repeated):
    app = make_app(tmp_path_factory.mktemp("fuzz"), WTF_CSRF_ENABLED=False)
    client = app.test_client()
    with client.session_transaction() as session:
        store_answers(session, complete_answers())
    step = QUESTION_STEPS[step_index]
    data = MultiDict([*fields.items(), *[(name, value) for name in step.fields for value in repeated]])
    response = client.post(f"/{step.slug}", data=data)
    assert response.status_code < 500
