"""The compact hand-off token and the public address every printed link starts with."""

import base64
import json
import logging
import re
import zlib
from datetime import UTC
from datetime import datetime
from datetime import timedelta

import pytest
from cryptography.fernet import Fernet
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from decision_aid.printing import handoff
from decision_aid.printing import token as tokens
from decision_aid.settings import ConfigError
from decision_aid.web import public_url
from tests.helpers import TEST_SECRET
from tests.helpers import check_page
from tests.helpers import complete_answers
from tests.helpers import make_app
from tests.helpers import read_pdf
from tests.helpers import set_answers
from tests.helpers import store_answers

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
# The longest public address the link budget allows for: 40 characters.
BASE_40 = "https://decision-aid.example-hospita.org"
LINK_BUDGET = 250
FIELDS = tokens.schema()


def link_for(answers, base=BASE_40, now=NOW):
    return f"{base}/handoff#{handoff.issue(answers, secret_key=TEST_SECRET, now=now)}"


def field_value(field):
    """Any value a person could give this field, or nothing (None: not answered)."""
    if field.kind == "choice":
        value = st.sampled_from(field.codes)
    elif field.kind == "choices":
        value = st.lists(st.sampled_from(field.codes), unique=True)
    elif field.kind == "number":
        # A number from the evidence, or the knowledge check's "I'm not sure".
        value = st.one_of(st.integers(0, 100).map(str), st.just("not-sure"))
    else:
        value = st.text(max_size=500)
    return st.one_of(st.none(), value)


any_answers = st.fixed_dictionaries({field.name: field_value(field) for field in FIELDS}).map(
    lambda answers: {name: value for name, value in answers.items() if value is not None}
)


def test_base_40_is_40_characters():
    assert len(BASE_40) == 40


@settings(max_examples=300, deadline=None)
@given(any_answers)
def test_any_answers_round_trip_and_the_link_stays_within_250_characters(answers):
    sealed = tokens.seal(answers, secret_key=TEST_SECRET, issued=int(NOW.timestamp()))
    link = f"{BASE_40}/handoff#{sealed}"
    assert len(link) <= LINK_BUDGET
    assert re.fullmatch(r"[A-Za-z0-9_-]+", sealed)
    opened, issued, written = tokens.open_token(sealed, secret_keys=[TEST_SECRET])
    assert issued == int(NOW.timestamp())
    written_fields = [field.name for field in FIELDS if field.kind == "written"]
    # The note never travels: its field comes back empty, and one bit says if there was one.
    assert written == any(str(answers.get(name, "")).strip() for name in written_fields)
    expected = {**answers, **dict.fromkeys(written_fields, "")}
    for field in FIELDS:
        if field.kind == "choices" and field.name in expected:
            expected[field.name] = [code for code in field.codes if code in expected[field.name]]
    assert opened == expected


def test_a_whole_journey_makes_a_short_link():
    link = link_for(complete_answers(doctor_note="x" * 500))
    assert len(link) <= LINK_BUDGET
    # Every field at its longest: every question ticked, every answer given.
    most = {field.name: list(field.codes) if field.kind == "choices" else None for field in FIELDS}
    assert len(link_for({**complete_answers(), **{k: v for k, v in most.items() if v}})) <= LINK_BUDGET


def test_the_token_starts_with_its_version_and_holds_no_words():
    answers = complete_answers(doctor_note="canary-note-text")
    sealed = handoff.issue(answers, secret_key=TEST_SECRET, now=NOW)
    data = tokens.decode(sealed)
    assert data[0] == tokens.VERSION
    assert b"canary" not in data and b"under-65" not in data
    # Header, nonce and tag are 35 bytes; the answers of a whole journey take a dozen more.
    assert len(data) <= 35 + 16


def test_every_changed_byte_is_refused():
    data = bytearray(tokens.decode(handoff.issue(complete_answers(), secret_key=TEST_SECRET, now=NOW)))
    for position in range(len(data)):
        changed = bytearray(data)
        changed[position] ^= 0x01
        text = base64.urlsafe_b64encode(bytes(changed)).rstrip(b"=").decode()
        with pytest.raises(handoff.InvalidLink):
            handoff.read(text, secret_key=TEST_SECRET, now=NOW)


def test_cut_or_padded_tokens_are_refused():
    sealed = handoff.issue(complete_answers(), secret_key=TEST_SECRET, now=NOW)
    for bad in (
        sealed[:-1],
        sealed[:-2],
        sealed[:20],
        sealed + "A",
        sealed + "=",
        "A" + sealed,
        "=" + sealed,
    ):
        with pytest.raises(handoff.InvalidLink):
            handoff.read(bad, secret_key=TEST_SECRET, now=NOW)


def test_expiry_and_fallback_keys():
    other = "another-secret-key-that-is-long-enough-9876543210"
    sealed = handoff.issue(complete_answers(), secret_key=other, now=NOW)
    with pytest.raises(handoff.InvalidLink):
        handoff.read(sealed, secret_key=TEST_SECRET, now=NOW)
    shared = handoff.read(sealed, secret_key=TEST_SECRET, fallbacks=[other], now=NOW + timedelta(days=29))
    assert shared.expires == NOW + timedelta(days=30)
    with pytest.raises(handoff.ExpiredLink):
        handoff.read(
            sealed, secret_key=TEST_SECRET, fallbacks=[other], now=NOW + timedelta(days=30, minutes=1)
        )


def test_a_link_made_for_other_questions_is_older_not_broken(monkeypatch):
    sealed = handoff.issue(complete_answers(), secret_key=TEST_SECRET, now=NOW)
    # A later version adds a choice to a question: the field order or sizes no longer match.
    changed = [tokens.Field(f.name, f.kind, (*f.codes, "new")) if f.kind == "choice" else f for f in FIELDS]
    monkeypatch.setattr(tokens, "schema", lambda: changed)
    with pytest.raises(handoff.OlderLink):
        handoff.read(sealed, secret_key=TEST_SECRET, now=NOW)


# Each schema's id, today's first. A change to the questions fails here: add the codes it replaced
# to tokens.EARLIER_CODES, so links already handed out keep opening, and its new id in front.
SCHEMA_IDS = [0xB215, 0xBEF1, 0x28EA]


@pytest.mark.parametrize("earlier_id", SCHEMA_IDS[1:], ids=hex)
def test_links_made_before_a_question_gained_a_choice_still_open(monkeypatch, earlier_id):
    # Adding "late-start" to the questions for the care team had made every link of the last 30
    # days, printed QR codes included, say "made with an older version".
    assert list(tokens.schemas()) == SCHEMA_IDS
    answers = complete_answers(doctor_questions=["how-long", "induction", "cost"])
    earlier = tokens.schemas()[earlier_id]
    monkeypatch.setattr(tokens, "schema", lambda: earlier)
    sealed = handoff.issue(answers, secret_key=TEST_SECRET, now=NOW)
    monkeypatch.undo()
    assert (
        handoff.read(sealed, secret_key=TEST_SECRET, now=NOW).answers
        == handoff.read(
            handoff.issue(answers, secret_key=TEST_SECRET, now=NOW), secret_key=TEST_SECRET, now=NOW
        ).answers
    )
    assert sorted(handoff.read(sealed, secret_key=TEST_SECRET, now=NOW).answers["doctor_questions"]) == [
        "cost",
        "how-long",
        "induction",
    ]


def fernet_link(answers):
    """A link in the format printed before this one: Fernet over zlib'd JSON."""
    text = json.dumps({k: v for k, v in answers.items() if k != "_seen"}).encode()
    sealed = Fernet(Fernet.generate_key()).encrypt(zlib.compress(text, 9)).decode()
    return "https://aid.example.org/handoff#" + sealed


def test_old_fernet_links_get_a_plain_message(client):
    link = fernet_link(complete_answers())
    assert len(link) > 400
    with pytest.raises(handoff.OlderLink):
        handoff.read(link, secret_key=TEST_SECRET, now=NOW)
    page = check_page(client.get("/handoff"))
    response = client.post("/handoff", data={"csrf_token": page.csrf_token(), "link": link})
    page = check_page(response, status=400)
    assert (
        "This link was made with an older version of this aid" in page.select_one(".error-summary").get_text()
    )


def test_public_base_url_builds_the_links_and_the_host_header_never_does(tmp_path):
    app = make_app(tmp_path, PUBLIC_BASE_URL="https://aid.example.org/")
    assert app.config["PUBLIC_BASE_URL"] == "https://aid.example.org"
    client = app.test_client()
    with client.session_transaction(base_url="https://evil.example") as session:
        store_answers(session, complete_answers())
    page = check_page(client.get("/summary", base_url="https://evil.example"))
    link = page.select_one("#handoff-link").get_text()
    assert link.startswith("https://aid.example.org/handoff#")
    assert "evil" not in page.html
    # Links inside the PDFs too.
    reader = read_pdf(client.get("/summary.pdf", base_url="https://evil.example"))
    uris = [
        str(annotation.get_object()["/A"]["/URI"])
        for pdf_page in reader.pages
        for annotation in pdf_page.get("/Annots") or []
        if "/A" in annotation.get_object() and "/URI" in annotation.get_object()["/A"]
    ]
    assert uris and all(uri.startswith("https://aid.example.org/") for uri in uris), uris


def test_without_a_public_address_only_localhost_gets_links(app):
    client = app.test_client()
    set_answers(client, complete_answers())
    local = check_page(client.get("/summary"))
    assert local.select_one("#handoff-link").get_text().startswith("http://localhost/handoff#")
    with client.session_transaction(base_url="https://aid.example.org") as session:
        store_answers(session, complete_answers())
    remote = check_page(client.get("/summary", base_url="https://aid.example.org"))
    assert "/handoff#" not in remote.html
    assert not remote.select("img.handoff__qr")
    handout = read_pdf(client.get("/handout.pdf", base_url="https://aid.example.org"))
    assert not [a for p in handout.pages for a in p.get("/Annots") or [] if "/URI" in str(a.get_object())]
    assert "To open the online aid" not in handout.pages[0].extract_text() + handout.pages[1].extract_text()


def test_on_localhost_under_a_mount_path_links_keep_the_path(app):
    # Without a public address, a local proxy serving the aid under /aid gave links without /aid.
    client = app.test_client()
    with client.session_transaction(base_url="http://localhost/aid") as session:
        store_answers(session, complete_answers())
    page = check_page(client.get("/summary", base_url="http://localhost/aid"))
    assert page.select_one("#handoff-link").get_text().startswith("http://localhost/aid/handoff#")
    handout = read_pdf(client.get("/handout.pdf", base_url="http://localhost/aid"))
    printed = re.findall(r"http://\S+", handout.pages[0].extract_text() + handout.pages[1].extract_text())
    assert printed and all(address.startswith("http://localhost/aid/") for address in printed), printed


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("localhost", True),
        ("localhost:8000", True),
        ("127.0.0.1:5000", True),
        ("127.8.9.1", True),
        ("[::1]:8000", True),
        ("app.localhost", True),
        ("aid.example.org", False),
        ("localhost.example.org", False),
        ("10.0.0.1", False),
    ],
)
def test_loopback_hosts(host, local):
    assert public_url.is_loopback(host) is local


@pytest.mark.parametrize(
    "value", ["aid.example.org", "ftp://aid.example.org", "https://", "https://a.org/?x=1"]
)
def test_a_malformed_public_address_is_refused(tmp_path, value):
    with pytest.raises(ConfigError):
        make_app(tmp_path, PUBLIC_BASE_URL=value)


def test_a_missing_public_address_is_logged_once(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(public_url, "_warned", False)
    caplog.set_level(logging.WARNING, logger=public_url.__name__)
    make_app(tmp_path)
    make_app(tmp_path)
    make_app(tmp_path, PUBLIC_BASE_URL="https://aid.example.org")
    warnings = [r for r in caplog.records if "FLASK_PUBLIC_BASE_URL" in r.getMessage()]
    assert len(warnings) == 1


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_copy_link_button_copies_the_link_alone(browser, live_server, javascript, tmp_path):
    import io

    from PIL import Image

    from tests.helpers import TYPICAL_ANSWERS
    from tests.helpers import printed_pages_png
    from tests.helpers import scan_qr_codes
    from tests.helpers import walk_to_summary

    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=javascript)
    if javascript:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    page = context.new_page()
    walk_to_summary(page, live_server, TYPICAL_ANSWERS)
    link = page.locator("#handoff-link").input_value()
    assert link.startswith(live_server + "/handoff#") and len(link) <= LINK_BUDGET
    # The code as Chromium draws it (whole pixels a module, enlarged without smoothing): it scans, and
    # no module edge is smoothed into grey.
    shown = page.locator("img.handoff__qr").screenshot()
    assert scan_qr_codes(shown) == [link]
    greys = Image.open(io.BytesIO(shown)).convert("L").histogram()[40:216]
    assert sum(greys) == 0
    copy = page.locator("#handoff-copy")
    if not javascript:
        assert not page.locator("#handoff-actions").is_visible()
        # The browser's own print of the page: the code still scans from a plain 150 dpi print.
        printed = printed_pages_png(page.pdf(format="A4"), tmp_path)
        assert [found for png in printed for found in scan_qr_codes(png)] == [link]
        context.close()
        return
    assert copy.is_visible()
    # Chromium on Linux has no share sheet: the Share button stays hidden rather than fail.
    assert page.locator("#handoff-share").is_visible() == page.evaluate("() => !!navigator.share")
    copy.click()
    page.wait_for_selector("#handoff-status:has-text('Link copied')")
    assert page.evaluate("() => navigator.clipboard.readText()") == link
    # The warning sits beside the buttons.
    assert "Anyone who has it can see your answers" in page.locator(".handoff").inner_text()
    context.close()


@pytest.mark.parametrize("query", ["paper=a4", "paper=letter&size=large"])
def test_printed_qr_code_scans_at_150_dpi_in_greyscale(tmp_path, query):

    from tests.helpers import first_page_png
    from tests.helpers import scan_qr_codes

    app = make_app(tmp_path, PUBLIC_BASE_URL=BASE_40)
    client = app.test_client()
    with client.session_transaction(base_url=BASE_40) as session:
        store_answers(session, complete_answers(doctor_note="A note that never travels in the link."))
    page_one = first_page_png(client.get("/summary.pdf?" + query, base_url=BASE_40).data, tmp_path)
    (link,) = scan_qr_codes(page_one)
    assert link.startswith(BASE_40 + "/handoff#")
    assert len(link) <= LINK_BUDGET
    # A nurse opens it (here over plain HTTP on localhost: the test client sends no Referer).
    page = check_page(client.get("/handoff"))
    response = client.post("/handoff", data={"csrf_token": page.csrf_token(), "link": link})
    page = check_page(response)
    assert page.h1 == "Answers shared with you"
    assert "Very good partial response" in page.text
    assert "The person also wrote a note" in page.text
