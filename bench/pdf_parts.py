"""What the summary PDF's parts cost, in this process, against a one-paragraph render (issue 14's 20x).

Renders one finished journey's summary PDF as the render worker does (the same HTML, stylesheets and
`render_document`, the collector off and run after each render), then the same document cut down:
- "required": only what issue 12 asks of the summary PDF (page one, the numbers table with its
  paired pictures, the sources); what matters, the things to talk about, the person's answers, the
  two options described, the guidelines and what has changed are taken out;
- "... no pictures": the same without any SVG.
Through the server a PDF costs about 30 ms more than here (the view, the worker's socket, HTTP).
Usage: .venv/bin/python bench/pdf_parts.py [repeats]
"""

import gc
import io
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402
from weasyprint import HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

from decision_aid.printing import pdf  # noqa: E402
from decision_aid.web.answers import VERSION as ANSWERS_VERSION  # noqa: E402
from tests.helpers import complete_answers  # noqa: E402
from tests.helpers import make_app  # noqa: E402

ONE_PARAGRAPH = "<!doctype html><html lang='en'><title>One</title><p>One paragraph of plain text.</p></html>"
# The summary blocks issue 12 requires besides page one, by the id of their heading.
REQUIRED_BLOCKS = ("summary-numbers-title", "summary-sources-title")
DETAILS_START = '<section class="details"'
BLOCK_START = re.compile(r'<section class="summary-block[^"]*" aria-labelledby="([^"]+)">')
SECTION_TAG = re.compile(r"<section\b|</section>")


def summary_job():
    """The render worker's job for a typical finished journey's summary PDF (no worker started)."""
    jobs = []

    def capture(function, job, **_limits):
        jobs.append(job)
        return b"%PDF", 0

    pdf._pool.run = capture
    app = make_app(Path(tempfile.mkdtemp(prefix="bench-parts-")), SESSION_COOKIE_SECURE=False)
    client = app.test_client()
    with client.session_transaction() as session:
        session["answers"] = complete_answers()
        session["v"] = ANSWERS_VERSION
    assert client.get("/summary.pdf").status_code == 200
    return jobs[0]


def section_end(html, start):
    """The index just after the </section> that closes the section opened at `start`."""
    depth = 0
    for tag in SECTION_TAG.finditer(html, start):
        depth += 1 if tag.group(0) == "<section" else -1
        if depth == 0:
            return tag.end()
    raise ValueError("unclosed section")


def required_only(html):
    """The summary without the blocks after page one that issue 12 does not ask for."""
    details = html.index(DETAILS_START)
    while True:
        blocks = BLOCK_START.finditer(html, details)
        extra = next((m for m in blocks if m.group(1) not in REQUIRED_BLOCKS), None)
        if extra is None:
            return html
        html = html[: extra.start()] + html[section_end(html, extra.start()) :]


def main(repeats):
    """Print each document's median render time, its pages and its ratio to one paragraph."""
    job = summary_job()
    required = required_only(job["html"])
    documents = {
        "summary PDF as served": job["html"],
        "required parts only": required,
        "required parts, no pictures": re.sub(r"<svg.*?</svg>", "", required, flags=re.S),
    }
    font_config = FontConfiguration()

    def render(html):
        return pdf.render_document(font_config=font_config, **{**job, "html": html})[0]

    pages = {name: len(PdfReader(io.BytesIO(render(html))).pages) for name, html in documents.items()}
    HTML(string=ONE_PARAGRAPH).write_pdf()
    gc.collect()
    gc.freeze()
    gc.disable()  # as in the render worker: no collection during a render, one after it
    times = {name: [] for name in [*documents, "one paragraph"]}
    for _ in range(repeats):
        for name, html in documents.items():
            start = time.perf_counter()
            render(html)
            times[name].append((time.perf_counter() - start) * 1000)
            gc.collect()
        start = time.perf_counter()
        HTML(string=ONE_PARAGRAPH).write_pdf()
        times["one paragraph"].append((time.perf_counter() - start) * 1000)
    paragraph = statistics.median(times["one paragraph"])
    print(f"{'document':30} {'pages':>5} {'median ms':>10} {'x paragraph':>12}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:30} {pages.get(name, 1):>5} {median:10.1f} {median / paragraph:12.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 8)
