"""PDFs with WeasyPrint: our own templates only, no network, a time limit and a cap on renders.

Every render runs in a separate worker process that this module can kill. A thread cannot be
stopped in Python: a stuck render would keep its CPU and memory until it finished on its own,
which for WeasyPrint's known slow cases (long unbroken text, huge CSS values) can be minutes or
never (SECURITY-PERFORMANCE.md 1.4). A process can be killed at the time limit, gives its memory
back to the system (WeasyPrint issue #220), and can carry a memory cap. Each worker is a fresh
Python interpreter (not a fork: forking a process that runs threads can deadlock) that imports
WeasyPrint once and then serves many renders, so only the first render pays for starting it.
"""

import atexit
import gc
import logging
import mimetypes
import os
import socket
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from flask import current_app
from weasyprint import CSS
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher
from weasyprint.urls import URLFetcherResponse

logger = logging.getLogger(__name__)

PDF_VARIANT = "pdf/ua-1"
# Our largest static file is far smaller; anything bigger is not something a PDF needs.
MAX_ASSET_BYTES = 2 * 1024 * 1024
# Idle workers kept per process, ready for the next render.
MAX_IDLE_WORKERS = 4
# Parsed shared stylesheets a worker keeps (the print stylesheet; more only while it is edited).
MAX_SHARED_SHEETS = 4
# A summary's page one (the clinician's sheet) ends its page, so the details start on the next. With
# long answers the sheet runs on to a second page, and that break left the second page holding a
# few lines and the hand-off link; the document is then laid out again with the details following.
RUN_ON_CSS = ".page-one { break-after: auto; }"
PAGE_ONE_CLASS = "page-one"
DETAILS_CLASS = "details"
PAGE_ONE_DEPTH = 5  # page > html > body > part > section: how deep the sheets sit in a page's boxes


class PdfUnavailable(Exception):
    """The PDF cannot be made now; the route answers 503 "try again in a moment"."""


class RenderBusy(PdfUnavailable):
    """Every render slot in this process is taken."""


class RenderTimeout(PdfUnavailable):
    """The render ran past the time limit and its worker was stopped."""


class RenderFailed(PdfUnavailable):
    """The worker failed or died (for example, it hit its memory cap)."""


class StaticFileFetcher(URLFetcher):
    """Fetches data: URLs and files inside the static folder; refuses everything else."""

    def __init__(self, static_root):
        # file and data only, and no redirects: nothing can reach the network (CVE-2025-68616).
        super().__init__(timeout=3, allowed_protocols={"file", "data"}, allow_redirects=False)
        self.static_root = Path(static_root).resolve()
        self.refused = 0

    def fetch(self, url, headers=None):
        """Return the resource, or raise ValueError so WeasyPrint skips it."""
        scheme = url.partition(":")[0].strip().lower()
        if scheme == "data":
            return super().fetch(url, headers)
        path = self.static_path(url) if scheme == "file" else None
        if path is None:
            self.refused += 1
            raise ValueError(f"Refused a {scheme or 'relative'} URL: only static files and data: URLs")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})

    def static_path(self, url):
        """The file a file: URL names, if it is a small regular file inside the static folder."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        # resolve() follows ../ and symlinks, so the containment check sees the real file.
        path = Path(url2pathname(parts.path)).resolve()
        if not path.is_relative_to(self.static_root) or not path.is_file():
            return None
        if path.stat().st_size > MAX_ASSET_BYTES:
            return None
        return path


def init_app(app):
    """Set this app's cap on renders at the same time."""
    app.extensions["pdf_slots"] = threading.BoundedSemaphore(int(app.config["PDF_MAX_RENDERS"]))


def static_base_url(static_folder):
    """The static folder as a file: URL, so a relative URL can only point inside it."""
    return Path(static_folder).resolve().as_uri() + "/"


def render_pdf(html, *, lang, title, css=(), shared_css=()):
    """Render our HTML (and CSS strings) to tagged PDF/UA bytes, within the time and render caps.

    shared_css: stylesheets that are the same for every document (static files, never anything
    made from answers); each worker parses one once and keeps it. css: parsed for this render."""
    config = current_app.config
    slots = current_app.extensions["pdf_slots"]
    if not slots.acquire(timeout=float(config["PDF_QUEUE_WAIT"])):
        logger.warning("PDF render refused: all %s render slots are busy", config["PDF_MAX_RENDERS"])
        raise RenderBusy
    job = {
        "html": html,
        # Strings only: a URL or path here would make WeasyPrint fetch it (CVE-2026-55073).
        "css": tuple(str(sheet) for sheet in css),
        "shared_css": tuple(str(sheet) for sheet in shared_css),
        "static_root": current_app.static_folder,
        "lang": lang,
        "title": title,
    }
    started = time.monotonic()
    try:
        pdf, refused = _pool.run(
            render_document,
            job,
            timeout=float(config["PDF_RENDER_TIMEOUT"]),
            memory_mb=config["PDF_MEMORY_LIMIT_MB"],
            max_renders=int(config["PDF_WORKER_MAX_RENDERS"]),
        )
    finally:
        slots.release()
    if refused:
        # The URLs are not logged: they could come from text someone typed.
        logger.warning("PDF render skipped %d resource(s) outside the static folder", refused)
    logger.info("PDF rendered in %.0f ms", (time.monotonic() - started) * 1000)
    return pdf


def render_document(*, html, css, static_root, lang, title, font_config, shared_css=()):
    """Render in the worker process: return the PDF bytes and how many fetches were refused."""
    fetcher = StaticFileFetcher(static_root)
    base_url = static_base_url(static_root)
    stylesheets = [shared_stylesheet(sheet, static_root, font_config) for sheet in shared_css]
    stylesheets += [
        CSS(string=sheet, base_url=base_url, url_fetcher=fetcher, font_config=font_config) for sheet in css
    ]
    page = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    document = page.render(stylesheets=stylesheets, font_config=font_config, pdf_variant=PDF_VARIANT)
    if page_one_runs_on(document):
        stylesheets.append(shared_stylesheet(RUN_ON_CSS, static_root, font_config))
        document = page.render(stylesheets=stylesheets, font_config=font_config, pdf_variant=PDF_VARIANT)
    document.metadata.title = title
    document.metadata.lang = lang
    for page in document.pages:
        # A relative link with no public address resolves to a file: URL here; it would name a
        # folder on the server and open nothing for the reader, so it is dropped.
        page.links[:] = [link for link in page.links if not str(link[1]).lower().startswith("file:")]
    # Nothing is ever attached to our PDFs; this holds even if a template let a link through.
    document.metadata.attachments = []
    return document.write_pdf(pdf_variant=PDF_VARIANT), fetcher.refused


def page_one_runs_on(document):
    """Whether a summary's page one ran on to a second page and the break after it then left the
    rest of that page empty (each language's part has a page one, then its details)."""
    sheets, details = {}, {}
    for number, page in enumerate(document.pages):
        # WeasyPrint's laid-out boxes (Page._page_box: its documented way in, though private).
        for box, is_sheet in _sections(page._page_box, PAGE_ONE_DEPTH):
            (sheets if is_sheet else details).setdefault(id(box.element), []).append(number)
    return any(
        len(sheet_pages) > 1 and detail_pages[0] > sheet_pages[-1]
        for sheet_pages, detail_pages in zip(sheets.values(), details.values(), strict=False)
    )


def _sections(box, depth):
    """(box, is page one) for the page-one and details boxes among a box's descendants."""
    for child in getattr(box, "children", ()):
        element = getattr(child, "element", None)
        classes = (element.get("class") or "").split() if element is not None else ()
        if PAGE_ONE_CLASS in classes or DETAILS_CLASS in classes:
            yield child, PAGE_ONE_CLASS in classes
        elif depth > 1:
            yield from _sections(child, depth - 1)


# This worker's parsed shared stylesheets, by text and static folder. Parsing the print
# stylesheet took about 10 ms of every render, as long as a whole one-paragraph PDF.
_shared_sheets = {}


def shared_stylesheet(sheet, static_root, font_config):
    """A parsed stylesheet that is the same for every document, parsed once per worker."""
    key = (sheet, str(static_root), id(font_config))
    parsed = _shared_sheets.get(key)
    if parsed is None:
        if len(_shared_sheets) >= MAX_SHARED_SHEETS:
            _shared_sheets.clear()
        # Its own fetcher: the same rules, but its refusals are not counted against one render.
        fetcher = StaticFileFetcher(static_root)
        base_url = static_base_url(static_root)
        parsed = CSS(string=sheet, base_url=base_url, url_fetcher=fetcher, font_config=font_config)
        _shared_sheets[key] = parsed
    return parsed


def _serve(connection, memory_mb, collect_between_jobs=False):
    """The worker's loop: say ready, then run one job at a time until the app goes away."""
    if memory_mb:
        import resource

        limit = int(memory_mb) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    font_config = FontConfiguration()
    connection.send(("ready", None))
    while True:
        try:
            function, kwargs = connection.recv()
        except (EOFError, OSError):
            return  # the app process has gone: stop too
        except Exception as error:  # a whole message that does not unpickle: report it, keep serving
            connection.send(("error", type(error).__name__))
            continue
        try:
            reply = ("ok", function(font_config=font_config, **kwargs))
        except Exception as error:  # any failure is reported to the app, never raised here
            # Only the type: a message could quote the document, which holds answers.
            reply = ("error", type(error).__name__)
        connection.send(reply)
        if collect_between_jobs:
            collect_after_render()


def collect_after_render():
    """Free what the last render left (its boxes form cycles), while the app sends the PDF.

    The first time, what survives (WeasyPrint's modules, fonts and caches, kept for the worker's
    life) is frozen, so later collections walk only what later renders made: about 25 ms, not 100."""
    gc.collect()
    if not gc.get_freeze_count():
        gc.freeze()


def _serve_fd(fd, memory_mb):
    """The worker's entry point: serve jobs on the socket the app passed down."""
    # A render builds a tree of some hundred thousand boxes that point at each other. Python's
    # collector, left to run on its own, walked that growing tree again and again during the
    # render: about a quarter of a summary PDF's time. In this process, which only renders, it
    # runs once after each render instead.
    gc.disable()
    _serve(Connection(fd), memory_mb, collect_between_jobs=True)


# A fresh interpreter, not multiprocessing: spawn would re-import the app's __main__ script, and
# fork can deadlock in a process that runs threads.
WORKER_CODE = (
    "import sys; from decision_aid.printing.pdf import _serve_fd;"
    " _serve_fd(int(sys.argv[1]), int(sys.argv[2]))"
)


class _Worker:
    """One render process and the socket to it."""

    def __init__(self, memory_mb):
        self.memory_mb = memory_mb
        ours, theirs = socket.socketpair()
        # The worker imports what this process can import (and, in tests, what tests patch in).
        # It needs no settings: FLASK_* variables (the secret key among them) stay here.
        environment = {name: value for name, value in os.environ.items() if not name.startswith("FLASK_")}
        environment["PYTHONPATH"] = os.pathsep.join(path for path in sys.path if path)
        command = [sys.executable, "-c", WORKER_CODE, str(theirs.fileno()), str(int(memory_mb or 0))]
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and code, no shell
            command, pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, env=environment
        )
        theirs.close()
        self.connection = Connection(ours.detach())
        self.ready = False
        self.renders = 0

    def run(self, function, kwargs, deadline):
        """Send one job and wait for its reply until the deadline."""
        if not self.ready:
            self.ready = self._reply(deadline)[0] == "ready"
        self.connection.send((function, kwargs))
        self.renders += 1
        status, value = self._reply(deadline)
        if status != "ok":
            logger.error("PDF render failed in the worker: %s", value)
            raise RenderFailed
        return value

    def _reply(self, deadline):
        if not self.connection.poll(max(0.0, deadline - time.monotonic())):
            raise RenderTimeout
        try:
            return self.connection.recv()
        except (EOFError, OSError) as error:
            logger.error("PDF worker stopped unexpectedly (exit code %s)", self.process.poll())
            raise RenderFailed from error

    def alive(self):
        """Whether the process can take another job."""
        return self.process.poll() is None

    def stop(self):
        """Kill the process and free its resources."""
        self.process.kill()
        self.process.wait()
        self.connection.close()


class _WorkerPool:
    """Idle render workers of this process, shared by every app in it (they keep no state)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._idle = []
        self._pid = os.getpid()

    def close(self):
        """Stop the idle workers (at exit; busy ones stop when their socket closes)."""
        with self._lock:
            idle, self._idle = self._idle, []
        if self._pid == os.getpid():
            for worker in idle:
                worker.stop()

    def run(self, function, kwargs, timeout, memory_mb, max_renders=0):
        """Run one job in an idle (or new) worker; kill the worker if the job goes wrong.

        After max_renders jobs (0: no limit) the worker is stopped and a fresh one takes its
        idle place: it starts in the background, so the next render does not wait for it."""
        deadline = time.monotonic() + timeout
        worker = self._take(memory_mb)
        try:
            result = worker.run(function, kwargs, deadline)
        except BaseException:
            worker.stop()
            raise
        if max_renders and worker.renders >= max_renders:
            worker.stop()
            worker = _Worker(memory_mb)
        self._give(worker)
        return result

    def _take(self, memory_mb):
        with self._lock:
            if self._pid != os.getpid():
                # We are a forked copy (gunicorn --preload): those workers belong to the parent.
                self._idle, self._pid = [], os.getpid()
            while self._idle:
                worker = self._idle.pop()
                if worker.alive() and worker.memory_mb == memory_mb:
                    return worker
                worker.stop()
        return _Worker(memory_mb)

    def _give(self, worker):
        with self._lock:
            if len(self._idle) < MAX_IDLE_WORKERS and worker.alive():
                self._idle.append(worker)
                return
        worker.stop()


_pool = _WorkerPool()
atexit.register(_pool.close)
