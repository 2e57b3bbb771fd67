"""PDF cost: render time per document against one page view and one paragraph, in the same run.

Goes through the real routes with the test client (templates, the worker process, WeasyPrint), so it
measures what a request costs. Absolute times depend on the machine; the ratio to a page view is the
number to compare with SECURITY-PERFORMANCE.md section 6 (about 220 on the reference box), the ratio to
a one-paragraph render (same WeasyPrint, in this process) the one bench/all.py measures through gunicorn.
Usage: .venv/bin/python bench/pdf_render.py [repeats]
"""

import statistics
import sys
import tempfile
import time

import wtforms
from weasyprint import HTML

from decision_aid import create_app
from decision_aid.journey import flow
from decision_aid.web.answers import VERSION as ANSWERS_VERSION

DOCUMENTS = [
    "/summary.pdf",
    "/summary.pdf?size=large",
    "/summary.pdf?paper=letter",
    "/handout.pdf",
    "/handout.pdf?size=large",
]
PAGE_VIEW = "/summary"
PAGE_VIEWS_PER_PDF_REPEAT = 20
ONE_PARAGRAPH = "<!doctype html><html lang='en'><title>One</title><p>One paragraph of plain text.</p></html>"


def complete_answers():
    """Answers that complete the journey: the first choice of every question (text left empty)."""
    answers = {}
    while (step := flow.first_incomplete(answers)) is not None:
        if not step.is_question:
            answers["_seen"] = [*answers.get("_seen", ()), step.slug]
        for name in step.fields:
            field = getattr(step.form, name)
            choices = field.kwargs.get("choices") or []
            if field.field_class is wtforms.SelectMultipleField:
                answers[name] = []
            elif field.field_class is wtforms.RadioField:
                answers[name] = choices[0].value if choices else "a"
            else:
                answers[name] = ""
        answers = flow.prune(answers)
    return answers


def timed_get(client, url):
    """Milliseconds for one GET, and its status."""
    start = time.perf_counter()
    response = client.get(url)
    return (time.perf_counter() - start) * 1000, response.status_code


def main(repeats):
    """Print per-document render times and the PDF / page-view cost ratio."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench-secret-key-that-is-long-enough-0123456789",
            "SESSION_COOKIE_SECURE": False,
            "RATELIMIT_ENABLED": False,
        }
    )
    app.instance_path = tempfile.mkdtemp(prefix="bench-instance-")
    client = app.test_client()
    with client.session_transaction() as session:
        session["answers"] = complete_answers()
        session["v"] = ANSWERS_VERSION

    first_ms, status = timed_get(client, DOCUMENTS[0])
    assert status == 200, status
    print(f"first PDF in this process (starts a render worker): {first_ms:.0f} ms")

    # Interleave pages, PDFs and one-paragraph renders so all see the same machine load.
    HTML(string=ONE_PARAGRAPH).write_pdf()
    page_ms, paragraph_ms, pdf_ms = [], [], {url: [] for url in DOCUMENTS}
    for _ in range(repeats):
        for url in DOCUMENTS:
            elapsed, status = timed_get(client, url)
            assert status == 200, (url, status)
            pdf_ms[url].append(elapsed)
            start = time.perf_counter()
            HTML(string=ONE_PARAGRAPH).write_pdf()
            paragraph_ms.append((time.perf_counter() - start) * 1000)
        for _ in range(PAGE_VIEWS_PER_PDF_REPEAT):
            elapsed, status = timed_get(client, PAGE_VIEW)
            assert status == 200, status
            page_ms.append(elapsed)

    page_median = statistics.median(page_ms)
    paragraph = statistics.median(paragraph_ms)
    print(f"page view {PAGE_VIEW}: median {page_median:.2f} ms over {len(page_ms)}")
    print(f"one-paragraph PDF in this process: median {paragraph:.1f} ms over {len(paragraph_ms)}")
    print(f"{'document':32} {'median ms':>10} {'p90 ms':>8} {'x page view':>12} {'x paragraph':>12}")
    for url, times in pdf_ms.items():
        median = statistics.median(times)
        p90 = statistics.quantiles(times, n=10)[-1] if len(times) > 1 else times[0]
        print(f"{url:32} {median:10.0f} {p90:8.0f} {median / page_median:12.0f} {median / paragraph:12.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
