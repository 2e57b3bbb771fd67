"""The hand-off link: encryption round trip, tampering, expiry, the /handoff page, and the logs."""

import logging
import re
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from decision_aid.printing import handoff
from tests.helpers import TEST_SECRET
from tests.helpers import check_page
from tests.helpers import complete_answers
from tests.helpers import make_app
from tests.helpers import pdf_text
from tests.helpers import read_pdf
from tests.helpers import scan_qr_codes
from tests.helpers import set_answers
from tests.helpers import store_answers
from tests.helpers import structure_elements

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
OTHER_SECRET = "another-secret-key-that-is-long-enough-9876543210"
PHONE = {"width": 390, "height": 844}


def token_for(answers, now=NOW, secret=TEST_SECRET):
    return handoff.issue(answers, secret_key=secret, now=now)


def read(token, now=NOW, **kwargs):
    return handoff.read(token, secret_key=TEST_SECRET, now=now, **kwargs)


def csrf_token(client):
    """The CSRF token from the /handoff page's form."""
    page = check_page(client.get("/handoff"))
    return page.csrf_token()


def test_round_trip_keeps_every_answer_but_the_note():
    answers = complete_answers(doctor_note="Can I travel? ¿Puedo viajar? Ça ira.")
    shared = read(token_for(answers))
    expected = {name: value for name, value in answers.items() if name != "_seen"}
    # The note never travels in a link: only that one was written.
    assert shared.answers == {**expected, "doctor_note": ""}
    assert shared.note_written
    assert not read(token_for(complete_answers(doctor_note="  "))).note_written
    assert shared.issued == NOW
    assert shared.expires == NOW + timedelta(days=30)


def test_tokens_are_compact_and_url_safe():
    token = token_for(complete_answers())
    # base64url without padding; short enough for a QR code that scans from paper.
    assert re.fullmatch(r"[A-Za-z0-9_-]+", token)
    assert len(token) <= 250 - len("https://aid.example.org/handoff#")
    # Fresh randomness every time: two links for the same answers differ.
    assert token != token_for(complete_answers())


def test_tampered_tokens_are_refused():
    token = token_for(complete_answers())
    middle = len(token) // 2
    flipped = token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1 :]
    for bad in (flipped, token[:-5], token + "AAAA", "", "not a token", "<script>", "A" * 5000):
        with pytest.raises(handoff.InvalidLink):
            read(bad)
    with pytest.raises(handoff.InvalidLink):
        read(token_for(complete_answers(), secret=OTHER_SECRET))


def test_expiry_is_honoured():
    token = token_for(complete_answers())
    assert read(token, now=NOW + timedelta(days=29, hours=23)).answers
    with pytest.raises(handoff.ExpiredLink):
        read(token, now=NOW + timedelta(days=30, seconds=1))
    with pytest.raises(handoff.ExpiredLink):
        read(token, now=NOW + timedelta(days=2), max_age=timedelta(days=1))
    # A token from the future was not made by us (or a clock is badly wrong).
    with pytest.raises(handoff.InvalidLink):
        read(token, now=NOW - timedelta(hours=1))


def test_links_made_with_an_old_key_still_open_after_a_key_change():
    token = token_for(complete_answers(), secret=OTHER_SECRET)
    assert read(token, fallbacks=[OTHER_SECRET]).answers


def test_only_known_answers_with_sensible_values_come_back():
    answers = complete_answers()
    raw = {**answers, "evil": "x", "age_group": {"nested": 1}, "kidney": ["a"] * 500, "_seen": ["x"]}
    shared = read(token_for(raw))
    assert "evil" not in shared.answers
    assert "age_group" not in shared.answers
    assert "kidney" not in shared.answers
    assert "_seen" not in shared.answers


def test_a_pasted_link_with_line_breaks_is_accepted():
    token = token_for(complete_answers())
    link = f"  https://aid.example.org/handoff#{token[:50]}\n{token[50:]}  "
    assert read(link).answers == read(token).answers


@pytest.mark.parametrize("end", ["#", ".", ").", ">", '"'])
def test_a_link_copied_with_the_punctuation_after_it_is_accepted(end):
    # "…/handoff#TOKEN#" or "…#TOKEN." from an email was refused as broken.
    token = token_for(complete_answers())
    assert read(f"<https://aid.example.org/handoff#{token}{end}").answers == read(token).answers


@pytest.mark.parametrize(("before", "after"), [('"', '"'), ("«\u00a0", "\u00a0»"), ("(", ")."), ("“", "”")])
def test_a_bare_token_in_quotes_or_brackets_is_accepted(before, after):
    token = token_for(complete_answers())
    assert read(f"{before}{token}{after}").answers == read(token).answers


def test_handoff_page_without_a_token(client):
    page = check_page(client.get("/handoff"))
    assert page.h1 == "Open a shared summary"
    assert page.select_one("form#handoff-form input[type=hidden][name=token]")
    assert page.select_one("textarea#handoff-link[name=link]")
    scripts = page.select("script")
    assert [re.sub(r"\.[0-9a-f]{8}\.", ".", script.get("src")) for script in scripts] == [
        "/static/handoff.js"
    ]
    assert all(not script.string for script in scripts)


def test_posting_a_token_shows_the_answers_read_only_and_saves_nothing(app, client):
    token = token_for(complete_answers())
    response = client.post("/handoff", data={"csrf_token": csrf_token(client), "token": token})
    page = check_page(response)
    assert page.h1 == "Answers shared with you"
    assert "3 to 6 months ago" in page.text
    assert "Very good partial response" in page.text
    assert not page.select("form[action='/start-again']")
    assert not page.select("a[href*='change=1']")
    with client.session_transaction() as stored:
        assert "answers" not in stored


def test_posting_the_whole_link_works_too(client):
    link = "https://aid.example.org/handoff#" + token_for(complete_answers())
    response = client.post("/handoff", data={"csrf_token": csrf_token(client), "link": link})
    assert check_page(response).h1 == "Answers shared with you"


EXPIRED = "expired"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"token": "gAAAAAB-changed"}, "This link does not work."),
        ({"link": "https://aid.example.org/handoff#"}, "This link does not work."),
        ({}, "This link does not work."),
        ({"token": EXPIRED}, "This link has expired."),
    ],
)
def test_bad_links_get_a_plain_message(client, data, message):
    if data.get("token") == EXPIRED:
        data = {"token": token_for(complete_answers(), now=datetime.now(UTC) - timedelta(days=31))}
    response = client.post("/handoff", data={"csrf_token": csrf_token(client), **data})
    page = check_page(response, status=400)
    assert page.title.startswith("Error: ")
    assert message in page.select_one(".error-summary").get_text()
    assert page.select_one("#handoff-link-error")


def test_handoff_post_needs_the_csrf_token(client):
    response = client.post("/handoff", data={"token": token_for(complete_answers())})
    assert response.status_code == 400


def test_summary_page_shows_the_link_and_qr_code(tmp_path):
    app = make_app(tmp_path, PUBLIC_BASE_URL="https://aid.example.org")
    client = app.test_client()
    with client.session_transaction(base_url="https://aid.example.org") as session:
        store_answers(session, complete_answers())
    html = client.get("/summary", base_url="https://aid.example.org").get_data(as_text=True)
    assert 'style="' not in html
    link = re.search(r'<textarea[^>]*id="handoff-link"[^>]*>([^<]+)</textarea>', html)[1]
    assert link.startswith("https://aid.example.org/handoff#")
    with app.app_context():
        assert handoff.read_for_app(link).answers["age_group"] == "under-65"
    assert re.search(r'<img class="handoff__qr" src="data:image/png;base64,[A-Za-z0-9+/=]+"', html)
    assert 'alt="QR code that opens the link above"' in html


def test_no_link_is_made_without_a_complete_journey(app):
    client = app.test_client()
    answers = complete_answers()
    del answers["leaning"]
    set_answers(client, answers)
    response = client.get("/summary")
    assert response.status_code == 302 and response.location == "/doctor-questions"
    assert "/handoff#" not in client.get("/doctor-questions").get_data(as_text=True)


def test_summary_pdf_carries_a_working_link_and_qr_code(app):
    client = app.test_client()
    set_answers(client, complete_answers())
    reader = read_pdf(client.get("/summary.pdf"))
    text = "".join(pdf_text(reader).split())
    token = re.search(r"/handoff#([A-Za-z0-9_=-]+?)Thelinkworks", text)[1]
    with app.app_context():
        assert handoff.read_for_app(token).answers["transplant_when"] == "3-6m"
    # The link and its QR code are on page 1, the page for the care team.
    first_page = reader.pages[0]
    assert "Share your answers with your care team" in first_page.extract_text()
    images = [
        image
        for image in (first_page["/Resources"].get("/XObject") or {}).values()
        if image.get_object()["/Subtype"] == "/Image"
    ]
    assert images, "no QR code image on page 1"
    alternatives = [str(e.get("/Alt")) for e in structure_elements(reader) if e["/S"] == "/Figure"]
    assert "QR code that opens the link above" in alternatives


def test_handoff_link_expiry_follows_config(tmp_path):
    app = make_app(tmp_path, HANDOFF_MAX_AGE=3600)
    with app.test_request_context():
        token = handoff.issue_for_app(complete_answers(), now=NOW)
        assert handoff.read_for_app(token, now=NOW + timedelta(minutes=59)).answers
        with pytest.raises(handoff.ExpiredLink):
            handoff.read_for_app(token, now=NOW + timedelta(minutes=61))


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_browser_opens_the_link_and_no_log_holds_it(browser, live_server, caplog, javascript):
    caplog.set_level(logging.DEBUG)
    answers = complete_answers(doctor_note="canary-5e11ab1e")
    token = handoff.issue(answers, secret_key=TEST_SECRET)
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    violations = []
    page.on("console", lambda message: violations.append(message.text))
    page.goto(f"{live_server}/handoff#{token}")
    if not javascript:
        assert page.locator("h1").inner_text() == "Open a shared summary"
        page.locator("#handoff-link").fill(f"{live_server}/handoff#{token}")
        page.get_by_role("button", name="Open the summary").click()
    page.wait_for_selector("text=Answers shared with you")
    assert page.locator("h1").inner_text() == "Answers shared with you"
    assert "3 to 6 months ago" in page.locator("main").inner_text()
    # The script removed the token from the address bar (and so from the history).
    assert "#" not in page.url
    assert [text for text in violations if "Content Security Policy" in text] == []
    context.close()
    requests = [record.getMessage() for record in caplog.records if record.name == "werkzeug"]
    assert any("POST /handoff" in line for line in requests), "the server log was not captured"
    assert token not in caplog.text
    assert token[:40] not in caplog.text
    assert "canary-5e11ab1e" not in caplog.text


# The script only moves the token from the address's #fragment into the form: it stays tiny.
HANDOFF_JS_MAX_BYTES = 2048


def test_handoff_js_is_small_and_uses_no_inline_code(app, client):
    source = Path(app.static_folder, "handoff.js").read_bytes()
    assert len(source) < HANDOFF_JS_MAX_BYTES
    script = source.decode("utf-8")
    assert "location.hash" in script
    assert "replaceState" in script
    assert "eval(" not in script and "innerHTML" not in script
    # The page loads it from a file: no inline script and no on* handler attributes.
    page = check_page(client.get("/handoff"))
    scripts = page.select("script")
    assert [re.sub(r"\.[0-9a-f]{8}\.", ".", script.get("src")) for script in scripts] == [
        "/static/handoff.js"
    ]
    assert all(not script.get_text().strip() for script in scripts)
    assert not [
        tag.name for tag in page.soup.find_all(True) if any(name.startswith("on") for name in tag.attrs)
    ]


@pytest.mark.parametrize(
    "answers",
    [
        {"transplant": "yes"},
        complete_answers(age_group="a-code-this-version-never-had"),
    ],
    ids=["some-answers", "retired-code"],
)
def test_a_link_from_an_older_version_gets_a_plain_message(client, answers):
    token = handoff.issue(answers, secret_key=TEST_SECRET)
    response = client.post("/handoff", data={"csrf_token": csrf_token(client), "token": token})
    page = check_page(response, status=400)
    assert "older version of this aid" in page.select_one(".error-summary").get_text()


def test_handoff_pages_pass_axe(browser, live_server):
    rules = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
    token = handoff.issue(complete_answers(), secret_key=TEST_SECRET)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    found = {}
    page.goto(f"{live_server}/handoff")
    found["form"] = Axe().run(page, options=rules).response["violations"]
    page.locator("#handoff-link").fill("https://aid.example.org/handoff#not-a-token")
    page.get_by_role("button", name="Open the summary").click()
    page.wait_for_load_state("load")
    assert page.title().startswith("Error: ")
    found["problem"] = Axe().run(page, options=rules).response["violations"]
    page.goto(f"{live_server}/handoff#{token}")
    page.wait_for_selector("text=Answers shared with you")
    found["answers"] = Axe().run(page, options=rules).response["violations"]
    context.close()
    assert {state: [v["id"] for v in violations] for state, violations in found.items()} == {
        "form": [],
        "problem": [],
        "answers": [],
    }


def test_qr_code_on_the_summary_page_scans_to_its_link(client):
    import base64

    with client.session_transaction() as stored:
        store_answers(stored, complete_answers())
    page = check_page(client.get("/summary"))
    data_uri = page.select_one("img.handoff__qr")["src"]
    scanned = scan_qr_codes(base64.b64decode(data_uri.split(",", 1)[1]), enlarge=4)
    assert scanned == [page.select_one("#handoff-link").get_text()]


def test_hand_off_qr_codes_scan_for_many_links(app):
    # Every link has its own random nonce, so each code has its own modules and mask: all scan.
    import base64

    with app.test_request_context():
        links = [handoff.make_link(complete_answers(), "https://aid.example.org/handoff") for _ in range(40)]
    for link in links:
        png = base64.b64decode(link.qr_code.split(",", 1)[1])
        # Enlarged without smoothing, as a screen of twice the pixel density shows it (image-rendering).
        assert scan_qr_codes(png, enlarge=2) == [link.url]


@pytest.mark.parametrize("scale", [handoff.SCREEN_PIXELS_PER_MODULE, handoff.PRINT_PIXELS_PER_MODULE])
def test_qr_png_is_the_modules_in_their_quiet_zone_at_whole_pixels(scale):
    """The PNG: level M, 1 bit a pixel, the bare module matrix enlarged to `scale` pixels a module,
    and a white quiet zone of QR_BORDER modules on every side."""
    import base64
    import io

    import zxingcpp
    from PIL import Image

    text = "https://aid.example.org/handoff#" + "Ab0-_" * 12
    data_uri, modules = handoff.qr_data_uri(text, scale)
    ours = Image.open(io.BytesIO(base64.b64decode(data_uri.split(",", 1)[1])))
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    bare = memoryview(zxingcpp.write_barcode_to_image(code, add_quiet_zones=False))
    assert code.ec_level == "M"
    assert ours.mode == "1"
    assert modules == bare.shape[0] + 2 * handoff.QR_BORDER
    assert ours.size == (modules * scale,) * 2
    border, inside = handoff.QR_BORDER * scale, bare.shape[0] * scale
    expected = Image.new("L", ours.size, 255)
    expected.paste(
        Image.frombytes("L", bare.shape[::-1], bare.tobytes()).resize(
            (inside, inside), Image.Resampling.NEAREST
        ),
        (border, border),
    )
    assert ours.convert("L").tobytes() == expected.tobytes()


def test_the_printed_aid_address_code_has_print_pixels():
    url = "https://aid.example.org/"
    assert handoff.address_qr(url) == handoff.qr_data_uri(url, handoff.PRINT_PIXELS_PER_MODULE)


def test_text_too_long_for_a_qr_code_gets_none():
    assert handoff.qr_data_uri("https://aid.example.org/handoff#" + "a" * 2400) == (None, 0)


def test_qr_code_printed_in_the_pdf_opens_the_answers(client, tmp_path):
    import subprocess

    with client.session_transaction() as stored:
        store_answers(stored, complete_answers())
    pdf_file = tmp_path / "summary.pdf"
    pdf_file.write_bytes(client.get("/summary.pdf?paper=a4").data)
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(pdf_file), str(tmp_path / "page")],
        check=True,
    )
    (page_one,) = tmp_path.glob("page*.png")
    (link,) = scan_qr_codes(page_one.read_bytes())
    assert "/handoff#" in link
    # A nurse scans the printed code: the link opens the person's answers, read-only.
    with client.session_transaction() as stored:
        stored.clear()
    response = client.post("/handoff", data={"csrf_token": csrf_token(client), "link": link})
    page = check_page(response)
    assert page.h1 == "Answers shared with you"
    assert "Very good partial response" in page.text


def test_head_on_the_handoff_page_answers_as_get_does(client):
    # A link checker's HEAD was told 400 "This link does not work" while GET gave 200.
    assert client.head("/handoff").status_code == client.get("/handoff").status_code == 200


def test_a_printed_link_breaks_only_where_no_dash_ends_a_line():
    # The PDF broke the link straight after a "-" of the token: typed from paper, the "-" was left out.
    url = "https://aid.example.org/handoff#" + "abcdefghijklmn-_pqrstuvwxyz0123-" * 4
    link = handoff.Link(url=url, qr_code=None, qr_modules=0, expires=NOW)
    pieces = link.printed_pieces
    assert "".join(pieces) == url
    assert all(0 < len(piece) <= handoff.PRINTED_PIECE for piece in pieces)
    assert [piece for piece in pieces[:-1] if piece.endswith(("-", "_"))] == []
