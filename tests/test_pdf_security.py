"""PDF safety (SECURITY-PERFORMANCE.md test plan S1, S2, S3, S5, S7, S17, S18).

A loopback HTTP server records every request it gets; no test may make it see one.
"""

import gc
import io
import json
import logging
import os
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from markupsafe import escape
from pypdf import PdfReader
from pypdf.generic import ArrayObject
from pypdf.generic import DictionaryObject
from pypdf.generic import IndirectObject
from weasyprint import HTML
from weasyprint.urls import URLFetcher
from weasyprint.urls import fetch

from decision_aid.journey import flow
from decision_aid.printing import handoff
from decision_aid.printing import pdf
from tests.helpers import complete_answers
from tests.helpers import make_app
from tests.helpers import pdf_text
from tests.helpers import read_pdf
from tests.helpers import set_answers

# What a PDF must never contain: embedded files, associated files, file-attachment annotations.
ATTACHMENT_MARKERS = {"/EmbeddedFile", "/EmbeddedFiles", "/AF", "/FileAttachment", "/Filespec"}


class Listener:
    """A loopback HTTP server that records every request."""

    def __init__(self):
        hits = self.hits = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the name http.server calls
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/css")
                self.end_headers()
                self.wfile.write(b"body { color: red }")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_port
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    """A loopback server that must see no requests."""
    server = Listener()
    yield server
    server.close()


def payloads(url):
    """Markup that would make a careless renderer read a file, reach the network or attach a file."""
    return [
        "<img src=file:///etc/passwd>",
        "<link rel=attachment href=file:///etc/passwd>",
        f"<a rel=attachment href={url}/attachment>x</a>",
        f"<style>@import url({url}/import.css)</style>",
        '<svg><image href="file:///etc/passwd"/></svg>',
        f'<img src="{url}/image.png">',
        f'<p style="background: url({url}/background)">x</p>',
        f'<svg><image href="{url}/svg-image"/></svg>',
        '<object data="file:///etc/passwd"></object>',
        f'<link rel=stylesheet href="{url}/link.css">',
    ]


def pdf_keys(data):
    """Every dictionary key and name value reachable from the PDF's trailer."""
    reader = PdfReader(io.BytesIO(data))
    found, stack, seen = set(), [reader.trailer], set()
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            if (node.idnum, node.generation) in seen:
                continue
            seen.add((node.idnum, node.generation))
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            found.update(str(key) for key in node)
            stack.extend(node.values())
        elif isinstance(node, ArrayObject):
            stack.extend(node)
        elif isinstance(node, str) and node.startswith("/"):
            found.add(str(node))
    return found, reader


def assert_no_attachments(data):
    """No embedded or associated files anywhere in the PDF."""
    assert b"/EmbeddedFile" not in data
    keys, reader = pdf_keys(data)
    assert not keys & ATTACHMENT_MARKERS
    assert reader.attachments == {}


# S1: the fetcher on its own.


@pytest.fixture
def fetcher(app):
    return pdf.StaticFileFetcher(app.static_folder)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        "https://169.254.169.254/latest/meta-data/",
        "ftp://x/",
        "gopher://x/",
        "file://evil.example/etc/passwd",
        "FILE:///etc/passwd",
        "file:///dev/urandom",
        "javascript:alert(1)",
    ],
)
def test_fetcher_refuses_everything_but_static_files_and_data(fetcher, listener, url):
    with pytest.raises(ValueError, match="Refused|disallowed"):
        fetcher.fetch(url)
    assert listener.hits == []


def test_fetcher_refuses_the_loopback_server(fetcher, listener):
    for url in (listener.url + "/", listener.url.replace("127.0.0.1", "localhost") + "/x"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
        with pytest.raises(Exception, match="Refused"), fetch(fetcher, url):
            pass
    assert listener.hits == []


def test_fetcher_serves_static_files_and_data_urls(app, fetcher):
    static = Path(app.static_folder)
    response = fetcher.fetch((static / "pdf-print.css").as_uri())
    assert response.read() == (static / "pdf-print.css").read_bytes()
    assert response.content_type == "text/css"
    response.close()
    response = fetcher.fetch("data:text/plain,hello")
    assert response.read() == b"hello"
    response.close()


def test_fetcher_refuses_paths_that_escape_the_static_folder(app, fetcher, tmp_path):
    static = Path(app.static_folder)
    for url in (
        static.as_uri() + "/../README.md",
        static.as_uri() + "/%2e%2e/README.md",
        static.as_uri() + "/../decision_aid/config.py",
        static.as_uri() + "/",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    # A symlink inside a static folder that points outside it is refused too.
    inside = tmp_path / "static"
    inside.mkdir()
    (inside / "link.css").symlink_to("/etc/passwd")
    with pytest.raises(ValueError):
        pdf.StaticFileFetcher(inside).fetch((inside / "link.css").as_uri())


# S2: hostile answers through the real routes.


def hostile_answers(payload):
    """A complete journey with the payload as the code of every answer that keeps it complete."""
    answers = complete_answers()
    for name, value in list(answers.items()):
        trial = flow.prune({**answers, name: payload})
        if isinstance(value, str) and trial.get(name) == payload and flow.first_incomplete(trial) is None:
            answers = trial
    assert sum(value == payload for value in answers.values()) > 5
    return answers


@pytest.mark.parametrize("index", range(5))
def test_hostile_codes_are_refused(app, listener, index):
    payload = payloads(listener.url)[index]
    client = app.test_client()
    set_answers(client, hostile_answers(payload))
    first_step = "/" + flow.STEPS[0].slug
    # No question offers that code, so the answers are dropped as they are loaded, and the summary
    # and its PDF both send the person back to answer the first question again.
    for url in ("/summary", "/summary.pdf"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.location == first_step, url
    page = client.get(first_step)
    assert page.status_code == 200
    assert payload not in page.get_data(as_text=True)
    assert listener.hits == []


@pytest.mark.parametrize("index", range(5))
def test_hostile_free_text_is_escaped_in_html_and_pdf(app, listener, index):
    payload = payloads(listener.url)[index]
    client = app.test_client()
    set_answers(client, complete_answers(doctor_note=payload))
    page = client.get("/summary")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert payload not in html
    assert escape(payload) in html
    response = client.get("/summary.pdf")
    reader = read_pdf(response)
    # The markup is printed as the words someone typed, not obeyed.
    assert " ".join(payload.split()) in pdf_text(reader).replace("/ >", "/>")
    assert_no_attachments(response.data)
    assert listener.hits == []


def test_hostile_note_in_a_handoff_link_is_escaped(app, listener):
    client = app.test_client()
    token_page = client.get("/handoff")
    csrf = token_page.get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    for payload in payloads(listener.url):
        with app.test_request_context():
            token = handoff.issue_for_app(complete_answers(doctor_note=payload))
        response = client.post("/handoff", data={"csrf_token": csrf, "token": token})
        assert response.status_code == 200
        assert payload not in response.get_data(as_text=True)
    assert listener.hits == []


# S3: even if escaping failed, the renderer holds.


def test_raw_payloads_rendered_through_render_pdf_fetch_nothing(app, listener):
    body = "".join(payloads(listener.url))
    html = f"<!DOCTYPE html><html lang=en><head><title>t</title></head><body><h1>t</h1>{body}</body></html>"
    css = [f"@import url({listener.url}/sheet.css); body {{ background: url({listener.url}/bg) }}"]
    with app.test_request_context():
        data = pdf.render_pdf(html, lang="en", title="t", css=css)
    assert data.startswith(b"%PDF-")
    assert listener.hits == []
    assert_no_attachments(data)


def test_the_attachment_check_catches_a_real_attachment(tmp_path, listener):
    # The control: an unrestricted fetcher embeds a local file, and the check sees it.
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    html = f"<html><body><link rel=attachment href='{secret.as_uri()}'><p>x</p></body></html>"
    data = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"file"})).write_pdf()
    with pytest.raises(AssertionError):
        assert_no_attachments(data)
    assert listener.hits == []


# S5: a long unbroken string.


def test_a_long_unbroken_string_renders(app):
    text = "x" * 1000
    html = f"<!DOCTYPE html><html lang=en><head><title>t</title></head><body><p>{text}</p></body></html>"
    with app.test_request_context():
        sheets = pdf_stylesheets(app)
        data = pdf.render_pdf(html, lang="en", title="t", css=sheets)
    text_out = pdf_text(PdfReader(io.BytesIO(data)))
    assert text_out.replace(" ", "").count("x") >= 1000


def test_a_long_note_renders_in_the_summary(app):
    client = app.test_client()
    set_answers(client, complete_answers(doctor_note="y" * 500))
    text = pdf_text(read_pdf(client.get("/summary.pdf")))
    # Broken across lines, but every character of the note is printed.
    assert "y" * 500 in text.replace(" ", "")


def pdf_stylesheets(app):
    from decision_aid.printing import page_css

    return page_css.stylesheets(app.static_folder, "a4", False, None)


# S7: a stuck render is stopped, and everything else keeps working.


def stall(**kwargs):
    """Stands in for the render in the worker process: records its process id, then hangs."""
    Path(tempfile.gettempdir(), f"pdf-stall-{os.getppid()}.pid").write_text(str(os.getpid()))
    time.sleep(600)


def test_a_stalled_render_is_killed_and_gives_503(tmp_path, monkeypatch):
    app = make_app(tmp_path)
    client = app.test_client()
    read_pdf(client.get("/handout.pdf"))  # a worker is started and warm
    pid_file = Path(tempfile.gettempdir(), f"pdf-stall-{os.getpid()}.pid")
    pid_file.unlink(missing_ok=True)
    app.config["PDF_RENDER_TIMEOUT"] = 5
    monkeypatch.setattr(pdf, "render_document", stall)
    started = time.monotonic()
    # Another paper than the warm-up, so the handout cache cannot answer it without a render.
    response = client.get("/handout.pdf?paper=letter")
    waited = time.monotonic() - started
    assert response.status_code == 503
    assert "Try again in a moment." in response.get_data(as_text=True)
    assert waited < 15  # the limit held: far less than the 600 s the render wanted
    # The worker that ran the stuck render is gone, not left running in the background.
    stalled = int(pid_file.read_text())
    pid_file.unlink()
    with pytest.raises(ProcessLookupError):
        os.kill(stalled, 0)
    monkeypatch.undo()
    app.config["PDF_RENDER_TIMEOUT"] = 15
    assert client.get("/").status_code == 200
    read_pdf(client.get("/handout.pdf"))


def test_a_crashed_worker_gives_503(tmp_path, monkeypatch):
    app = make_app(tmp_path)
    client = app.test_client()
    monkeypatch.setattr(pdf, "render_document", crash)
    assert client.get("/handout.pdf").status_code == 503
    monkeypatch.undo()
    read_pdf(client.get("/handout.pdf"))


def crash(**kwargs):
    """Stands in for the render: the worker process dies at once."""
    os._exit(3)


def worker_pid(**kwargs):
    """Stands in for the render in the worker process: answers with the worker's process id."""
    return str(os.getpid()).encode(), 0


def test_a_job_that_does_not_unpickle_is_reported_and_the_worker_serves_on():
    import threading
    from multiprocessing import Pipe

    app_end, worker_end = Pipe()
    worker = threading.Thread(target=pdf._serve, args=(worker_end, 0), daemon=True)
    worker.start()
    try:
        assert app_end.recv() == ("ready", None)
        app_end.send_bytes(b"not a pickle")
        assert app_end.recv() == ("error", "UnpicklingError")
        app_end.send((worker_pid, {}))
        status, (pid, refused) = app_end.recv()
        assert (status, int(pid), refused) == ("ok", os.getpid(), 0)
    finally:
        app_end.close()
        worker.join(timeout=10)
    assert not worker.is_alive(), "the worker stops when the app's end closes"


def test_a_worker_is_replaced_after_its_number_of_renders(tmp_path, monkeypatch):
    # WeasyPrint's process keeps the memory it grew to: a worker that has served
    # PDF_WORKER_MAX_RENDERS jobs is stopped and a fresh one takes its place.
    app = make_app(tmp_path, PDF_WORKER_MAX_RENDERS=3)
    pool = pdf._WorkerPool()
    monkeypatch.setattr(pdf, "_pool", pool)
    monkeypatch.setattr(pdf, "render_document", worker_pid)
    try:
        with app.test_request_context():
            pids = [pdf.render_pdf("<p>x</p>", lang="en", title="t").decode() for _ in range(7)]
        first, second, third = sorted(set(pids), key=pids.index)
        assert pids == [first] * 3 + [second] * 3 + [third]
        for retired in (first, second):
            with pytest.raises(ProcessLookupError):
                os.kill(int(retired), 0)
    finally:
        pool.close()


class Cycle:
    """An object that refers to itself: only Python's collector frees it."""

    def __init__(self):
        self.me = self


def leave_cycles(**kwargs):
    """Stands in for the render in the worker process: leaves garbage that only the collector frees."""
    for _ in range(1000):
        Cycle()
    return b"done", 0


def collector_state(**kwargs):
    """Stands in for the render in the worker process: what the collector is doing there."""
    left = sum(isinstance(found, Cycle) for found in gc.get_objects())
    state = {"on": gc.isenabled(), "cycles left": left, "frozen": gc.get_freeze_count() > 0}
    return json.dumps(state).encode(), 0


def test_a_worker_collects_between_renders_not_during_them(tmp_path, monkeypatch):
    # Collecting during a render walked WeasyPrint's growing tree of boxes over and over (a quarter
    # of a summary PDF's time), so a worker collects once after each render, and what it keeps
    # for its life is frozen out of those collections.
    app = make_app(tmp_path)
    pool = pdf._WorkerPool()
    monkeypatch.setattr(pdf, "_pool", pool)
    try:
        with app.test_request_context():
            monkeypatch.setattr(pdf, "render_document", leave_cycles)
            assert pdf.render_pdf("<p>x</p>", lang="en", title="t") == b"done"
            monkeypatch.setattr(pdf, "render_document", collector_state)
            state = json.loads(pdf.render_pdf("<p>x</p>", lang="en", title="t"))
    finally:
        pool.close()
    assert state == {"on": False, "cycles left": 0, "frozen": True}
    # The app's own process is left as it was.
    assert gc.isenabled()


def test_a_worker_parses_the_shared_stylesheet_once(app):
    from weasyprint.text.fonts import FontConfiguration

    from decision_aid.printing import page_css

    font_config = FontConfiguration()
    (sheet,) = page_css.shared_stylesheets(app.static_folder)
    parsed = pdf.shared_stylesheet(sheet, app.static_folder, font_config)
    assert pdf.shared_stylesheet(sheet, app.static_folder, font_config) is parsed


# S17: the PDF rate limit.


@pytest.fixture
def fake_render(monkeypatch):
    """Skip WeasyPrint: these tests are about counting requests, not drawing pages."""
    monkeypatch.setattr(pdf, "render_pdf", lambda html, **kwargs: b"%PDF-1.7 test")


def test_rate_limit_gives_429_beyond_the_limit(tmp_path, fake_render):
    app = make_app(tmp_path, PDF_RATE_LIMIT="3 per minute")
    client = app.test_client()
    set_answers(client, complete_answers())
    statuses = [client.get(url).status_code for url in ("/handout.pdf", "/summary.pdf", "/handout.pdf")]
    assert statuses == [200, 200, 200]
    response = client.get("/summary.pdf")
    assert response.status_code == 429
    assert "Too many requests" in response.get_data(as_text=True)
    # Pages are not counted against the PDF limit, and another address has its own count.
    assert client.get("/").status_code == 200
    other = app.test_client()
    assert other.get("/handout.pdf", environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 200


def test_a_head_does_not_use_up_the_pdf_limit(tmp_path, fake_render):
    # A link checker or download manager behind a clinic's one address asks HEAD first; it renders
    # nothing, and counting it had refused the clinic's real downloads sooner.
    app = make_app(tmp_path, PDF_RATE_LIMIT="2 per minute")
    client = app.test_client()
    set_answers(client, complete_answers())
    assert [client.head("/summary.pdf").status_code for _ in range(5)] == [200] * 5
    assert [client.get("/summary.pdf").status_code for _ in range(3)] == [200, 200, 429]


def test_pages_skip_the_limiter_but_a_default_limit_set_by_an_operator_still_applies(tmp_path, fake_render):
    # Only the PDF routes are limited, so pages skip Flask-Limiter's per-request check ...
    app = make_app(tmp_path, PDF_RATE_LIMIT="2 per minute")
    client = app.test_client()
    assert [client.get("/").status_code for _ in range(5)] == [200] * 5
    assert [client.get("/handout.pdf").status_code for _ in range(3)] == [200, 200, 429]
    # ... unless a default limit is configured, which that check is there to apply.
    app = make_app(tmp_path, RATELIMIT_DEFAULT="3 per minute")
    client = app.test_client()
    assert [client.get("/").status_code for _ in range(4)] == [200, 200, 200, 429]


def test_a_clinic_of_20_behind_one_address_prints_freely(tmp_path, fake_render):
    app = make_app(tmp_path)
    for _patient in range(20):
        client = app.test_client()
        set_answers(client, complete_answers())
        assert client.get("/summary.pdf").status_code == 200
        assert client.get("/handout.pdf").status_code == 200


def test_rate_limit_can_be_switched_off(tmp_path, fake_render):
    app = make_app(tmp_path, PDF_RATE_LIMIT="1 per minute", RATELIMIT_ENABLED=False)
    client = app.test_client()
    assert [client.get("/handout.pdf").status_code for _ in range(3)] == [200, 200, 200]


# S18: nothing about the person in the logs.


def test_pdf_and_handoff_logs_hold_no_answers_or_tokens(app, caplog):
    caplog.set_level(logging.DEBUG)
    canary = "canary-b7e1c0de"
    client = app.test_client()
    set_answers(client, complete_answers(doctor_note=canary))
    read_pdf(client.get("/summary.pdf"))
    page = client.get("/handoff").get_data(as_text=True)
    csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
    with app.test_request_context():
        token = handoff.issue_for_app(complete_answers(doctor_note=canary))
    assert client.post("/handoff", data={"csrf_token": csrf, "token": token}).status_code == 200
    assert "PDF rendered" in caplog.text  # the log was captured
    assert canary not in caplog.text
    assert token not in caplog.text
    assert token[:40] not in caplog.text
    for code in ("3-6m", "under-65", "very-good-partial"):
        assert code not in caplog.text
