"""Compression for `make run` (web/compression.py): what is compressed, the headers kept, and the
BREACH precondition that makes compressing pages with answers and tokens acceptable."""

import gzip

import brotli
import pytest

from decision_aid.journey import flow
from tests.helpers import complete_answers
from tests.helpers import set_answers

GZIP = {"Accept-Encoding": "gzip"}
CANARY = "zq7canary"
# Every query parameter a view reads, and any other name.
PARAMETERS = ("lang", "study", "paper", "size", "also", "from", "change", "again", "revisited", "x")
PAGES = [
    "/",
    "/about",
    "/glossary",
    "/evidence",
    "/clinic",
    "/handoff",
    "/check-answers",
    "/summary",
    "/start-again",
]


def test_pages_are_compressed_and_keep_their_headers(client):
    plain = client.get("/")
    packed = client.get("/", headers=GZIP)
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.get_data()) == plain.get_data()
    assert packed.headers["Cache-Control"] == "no-store"
    assert {"Accept-Encoding", "Cookie", "Accept-Language"} <= set(packed.vary)
    assert "Content-Encoding" not in plain.headers, "a client that does not ask gets plain bytes"


@pytest.mark.parametrize("name", ["site.css", "clinic.js"])
def test_stylesheets_and_scripts_are_compressed(client, name):
    plain = client.get(f"/static/{name}").get_data()
    for encoding, decode in (("gzip", gzip.decompress), ("br", brotli.decompress)):
        response = client.get(f"/static/{name}", headers={"Accept-Encoding": encoding})
        assert response.headers["Content-Encoding"] == encoding
        assert decode(response.get_data()) == plain
        assert len(response.get_data()) < len(plain) * 0.6  # already minified, so less to gain


def test_pdfs_are_not_compressed(client):
    response = client.get("/handout.pdf", headers=GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers
    assert response.get_data().startswith(b"%PDF")


def test_no_page_reflects_request_input(client):
    """BREACH needs attacker-chosen text in the same compressed response as a secret: none is shown."""
    set_answers(client, complete_answers())
    query = "&".join(f"{name}={CANARY}" for name in PARAMETERS)
    headers = {**GZIP, "Referer": f"http://localhost/{CANARY}", "User-Agent": CANARY, "X-Canary": CANARY}
    urls = PAGES + [f"/{step.slug}" for step in flow.STEPS] + [f"/{CANARY}", f"/static/{CANARY}.css"]
    for url in urls:
        response = client.get(f"{url}?{query}", headers=headers)
        assert response.status_code < 500, url
        body = response.get_data()
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        assert CANARY.encode() not in body, url
