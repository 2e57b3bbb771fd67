"""Page weight of a full walk: every page a person sees, first visit, with the CSS and scripts it links.

Walks the journey through the test client (as tests/readability.py does), then for each page adds the
stylesheets and scripts it links (a first visit has none cached). Prints raw bytes and gzip level 6 (what
Flask-Compress and nginx send), against the budget: 14 KB gzip (one TCP initial window, RFC 6928) and
64 KB raw. /evidence is the reference page and may be larger.
Usage: .venv/bin/python bench/page_weight.py
"""

import gzip
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import Journey  # noqa: E402
from tests.conftest import make_app  # noqa: E402

GZIP_BUDGET = 14 * 1024
RAW_BUDGET = 64 * 1024
EXEMPT = {"evidence"}
ASSET = re.compile(r'<(?:link rel="stylesheet"[^>]*href|script[^>]*src)="([^"]+)"')


def walk(client):
    """(name, html) for every page of a full journey in English, the summary included."""
    pages = [("start", client.get("/").get_data())]
    journey = Journey(client)
    original = journey.answer

    def answer_and_keep(slug, data=None, change=False):
        pages.append((slug, client.get(f"/{slug}").get_data()))
        return original(slug, data, change)

    journey.answer = answer_and_keep
    journey.answer_all()
    for url in ["/check-answers", "/summary", "/about", "/glossary", "/evidence"]:
        pages.append((url.strip("/"), client.get(url).get_data()))
    return pages


def weigh(client, html):
    """(raw bytes, gzip bytes) of a page plus every stylesheet and script it links."""
    raw, packed = len(html), len(gzip.compress(html, 6))
    for url in ASSET.findall(html.decode()):
        body = client.get(url).get_data()
        raw, packed = raw + len(body), packed + len(gzip.compress(body, 6))
    return raw, packed


def measure():
    """{page: (html raw, html gzip, with assets raw, with assets gzip)} for a full walk."""
    app = make_app(Path(tempfile.mkdtemp()))
    client = app.test_client()
    rows = {}
    for name, html in walk(client):
        total_raw, total_gzip = weigh(client, html)
        rows[name] = (len(html), len(gzip.compress(html, 6)), total_raw, total_gzip)
    return rows


def main():
    """Print one row per page and flag any over budget."""
    rows = measure()
    print(f"{'page':<28}{'HTML':>9}{'gzip':>8}{'+assets':>9}{'gzip':>8}  budget")
    for name, (raw, packed, total_raw, total_gzip) in rows.items():
        within = total_gzip <= GZIP_BUDGET and total_raw <= RAW_BUDGET
        verdict = "ok" if within else ("(exempt)" if name in EXEMPT else "OVER")
        print(f"{name:<28}{raw:>9,}{packed:>8,}{total_raw:>9,}{total_gzip:>8,}  {verdict}")
    return rows


if __name__ == "__main__":
    main()
