"""The handout is rendered once per language, paper, size, evidence, address and day, then served from
memory; nothing made from a person's answers is ever kept (web/handout_cache.py)."""

import datetime

import pytest

from decision_aid.printing import pdf
from decision_aid.web import handout_cache
from tests.helpers import complete_answers
from tests.helpers import set_answers


@pytest.fixture
def renders(monkeypatch):
    """Replace the renderer with one that counts: each call gives different bytes."""
    calls = []

    def fake_render(html, *, lang, title, css=(), shared_css=()):
        calls.append((lang, css[-1]))
        return f"%PDF-fake {len(calls)}".encode()

    monkeypatch.setattr(pdf, "render_pdf", fake_render)
    return calls


def test_a_repeat_request_does_not_render_again(client, renders):
    first = client.get("/handout.pdf")
    again = client.get("/handout.pdf")
    assert first.status_code == again.status_code == 200
    assert len(renders) == 1
    assert again.get_data() == first.get_data()
    assert again.mimetype == "application/pdf"
    assert again.headers["Content-Disposition"] == first.headers["Content-Disposition"]


def test_each_language_paper_and_size_renders_once(client, renders):
    urls = ["/handout.pdf", "/handout.pdf?lang=es", "/handout.pdf?paper=letter", "/handout.pdf?size=large"]
    bodies = [client.get(url).get_data() for url in urls]
    assert len(renders) == 4 and len(set(bodies)) == 4
    assert [call[0] for call in renders] == ["en", "es", "es", "es"], "?lang= sticks"
    assert [client.get(url).get_data() for url in urls[1:]] == bodies[1:]
    assert len(renders) == 4


def test_a_new_day_renders_again(client, renders, monkeypatch):
    client.get("/handout.pdf")

    class Tomorrow(datetime.date):
        @classmethod
        def today(cls):
            return datetime.date.today() + datetime.timedelta(days=1)

    monkeypatch.setattr(handout_cache, "date", Tomorrow)
    client.get("/handout.pdf")
    assert len(renders) == 2


def test_a_busy_renderer_is_not_cached(client, renders, monkeypatch):
    def busy(*args, **kwargs):
        raise pdf.PdfUnavailable("busy")

    with monkeypatch.context() as patch:
        patch.setattr(pdf, "render_pdf", busy)
        assert client.get("/handout.pdf").status_code == 503
    assert client.get("/handout.pdf").status_code == 200
    assert len(renders) == 1


def test_the_summary_pdf_is_never_cached(client, renders):
    set_answers(client, complete_answers())
    assert client.get("/summary.pdf").status_code == 200
    assert client.get("/summary.pdf").status_code == 200
    assert len(renders) == 2
