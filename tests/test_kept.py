"""Blocks kept per language (decision_aid/web/kept.py): the same pages and PDFs as drawing them afresh, in
every language, in clinic mode and under a mount path; what is kept never depends on the answers."""

import re
import time

import pytest

from decision_aid.journey import flow
from decision_aid.web import kept as web_kept
from tests.helpers import TYPICAL_ANSWERS
from tests.helpers import check_page
from tests.helpers import complete_answers
from tests.helpers import last_choices
from tests.helpers import make_app
from tests.helpers import pdf_text
from tests.helpers import printed_pages_png
from tests.helpers import read_pdf
from tests.helpers import set_answers
from tests.helpers import unpacked
from tests.helpers import walk_every_page

LANGUAGES = ("en", "es", "fr")
# What differs between two visits to the same page whatever the chrome: the form token, and the
# hand-off link (sealed with a fresh nonce each time) with its QR code.
VARYING = [
    (re.compile(r'name="csrf_token" value="[^"]*"'), 'name="csrf_token" value=""'),
    (re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+"), "data:image/png;base64,"),
    (re.compile(r"/handoff#[A-Za-z0-9_.=-]+"), "/handoff#"),
]
PAGES = ["/", "/transplant", "/the-numbers", "/summary", "/about", "/evidence"]


def normalised(response):
    """A page's HTML with the parts that differ on every visit blanked out."""
    html = unpacked(response)[0].decode()
    for pattern, blank in VARYING:
        html = pattern.sub(blank, html)
    return html


def mounted_get(client, mount, url):
    """GET a page of the aid served under the path `mount` (as a proxy's SCRIPT_NAME would)."""
    return client.get(url, base_url=f"http://localhost{mount}")


def walked(app, lang):
    """{page name: normalised HTML} for a full journey in one language."""
    client = app.test_client()
    client.get(f"/?lang={lang}")
    return {name: normalised(response) for name, response in walk_every_page(client)}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_with_kept_chrome_are_the_pages_drawn_afresh(tmp_path, lang):
    kept_app = make_app(tmp_path / "kept")
    # Templates reloading (an edited template must show at once): nothing is kept.
    fresh_app = make_app(tmp_path / "fresh", TEMPLATES_AUTO_RELOAD=True)
    kept_pages = walked(kept_app, lang)
    assert kept_pages == walked(fresh_app, lang)
    assert kept_app.extensions["kept_markup"] and not fresh_app.extensions["kept_markup"]
    # The kept footer is this language's, not the first one drawn (a key ends language, mount path).
    assert {key[-2] for key in kept_app.extensions["kept_markup"]} == {lang}
    # A second walk draws from what was kept, and keeps nothing more.
    size = len(kept_app.extensions["kept_markup"])
    assert walked(kept_app, lang) == kept_pages
    assert len(kept_app.extensions["kept_markup"]) == size


def test_one_app_keeps_each_language_and_mount_path_apart(tmp_path):
    kept_app = make_app(tmp_path / "kept", CLINIC_MODE="always")
    fresh_app = make_app(tmp_path / "fresh", CLINIC_MODE="always", TEMPLATES_AUTO_RELOAD=True)
    clients = {}
    for name, app in (("kept", kept_app), ("fresh", fresh_app)):
        for mount in ("", "/aid"):
            client = app.test_client()
            set_answers(client, complete_answers())
            with client.session_transaction() as session:
                session["seen"] = int(time.time())  # clinic mode's last use: just now
            clients[name, mount] = client
    # Languages and mount paths interleaved on one app, as its workers serve them.
    for lang in LANGUAGES:
        for mount in ("", "/aid"):
            for url in PAGES:
                kept = mounted_get(clients["kept", mount], mount, f"{url}?lang={lang}")
                fresh = mounted_get(clients["fresh", mount], mount, f"{url}?lang={lang}")
                assert kept.status_code == fresh.status_code == 200, url
                assert normalised(kept) == normalised(fresh), (lang, mount, url)
    # Under a mount path the footer's links start with it; without one they do not.
    mounted = check_page(mounted_get(clients["kept", "/aid"], "/aid", "/?lang=en"))
    footer_links = [link["href"] for link in mounted.select("footer a")]
    assert footer_links and all(href.startswith("/aid/") for href in footer_links)
    plain = check_page(clients["kept", ""].get("/?lang=en"))
    assert not any(link["href"].startswith("/aid") for link in plain.select("footer a, header a"))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pdfs_with_kept_blocks_are_the_pdfs_drawn_afresh(tmp_path, monkeypatch, lang):
    # The numbers table is kept for the page (pictures shared), the summary PDF and the handout
    # (pictures whole), and a bilingual copy draws its second language under a forced locale.
    from decision_aid.printing import handoff

    # One hand-off token for both apps (a real one is sealed with a fresh nonce every time).
    monkeypatch.setattr(handoff, "issue_for_app", lambda answers, now: "the-same-token")
    texts, pictures = {}, {}
    for name, overrides in (("kept", {}), ("fresh", {"TEMPLATES_AUTO_RELOAD": True})):
        client = make_app(tmp_path / name, **overrides).test_client()
        set_answers(client, complete_answers())
        check_page(client.get(f"/summary?lang={lang}"))
        texts[name], pictures[name] = [], []
        for index, url in enumerate(("/summary.pdf", "/summary.pdf?also=es", f"/handout.pdf?lang={lang}")):
            response = client.get(url)
            texts[name].append(pdf_text(read_pdf(response)))
            # As printed: a picture kept for the page (its tiles defined once per page) would print blank.
            folder = tmp_path / f"{name}-{index}"
            folder.mkdir()
            pictures[name].append(printed_pages_png(response.data, folder))
    assert texts["kept"] == texts["fresh"]
    assert "100" in texts["kept"][0]
    assert pictures["kept"] == pictures["fresh"]


def test_what_is_kept_does_not_depend_on_the_answers(app):
    # Two people with different answers, one of whom marks what matters most to them, see every page;
    # the same blocks are kept, and none holds the person's own mark.
    keys = []
    rated = complete_answers(TYPICAL_ANSWERS, transplant="no", doctor_note="Zebra 12345")
    for answers in (complete_answers(), rated):
        app.extensions["kept_markup"].clear()
        client = app.test_client()
        set_answers(client, answers)
        pages = [check_page(client.get(url)) for url in PAGES]
        keys.append(set(app.extensions["kept_markup"]))
    assert keys[0] == keys[1]
    names = {key[0] for key in keys[0]}
    assert {"head", "header", "footer", "choices", "download-links", "since-trials", "sources"} < names
    tables = ("outcome-cells-summary-", "outcome-key-summary-")
    chrome = ("head", "header", "footer", "choices", "download-links", "since-trials", "sources")
    assert all(name in chrome or name.startswith(tables) for name in names), names
    # The person's marks are on their page, never in what was kept.
    marks = pages[PAGES.index("/summary")].select(".outcome-table__matters")
    assert marks, "the second person's summary marks what matters to them"
    assert not any("outcome-table__matters" in markup for markup in kept_markup(app))
    # Nor anything the person wrote, nor a tick (the second person answered /transplant "no").
    assert "Zebra 12345" in pages[PAGES.index("/summary")].html
    assert pages[PAGES.index("/transplant")].select('input[value="no"][checked]')
    assert not any("Zebra" in markup or "checked" in markup for markup in kept_markup(app))


def kept_markup(app):
    """Each kept block's markup (a list of choices is kept as the pieces between its ticks)."""
    kept = app.extensions["kept_markup"].values()
    return ["".join(markup) if isinstance(markup, list) else markup for markup in kept]


def ticks_answered(app, step, answers):
    """{field name: sorted values} a question page should show ticked for these answers."""
    with app.test_request_context():
        form = step.bound_form(answers)
    expected = {}
    for name in step.fields:
        if form[name].type in ("RadioField", "SelectMultipleField") and answers.get(name):
            value = answers[name]
            expected[name] = sorted(value) if isinstance(value, list) else [value]
    return expected


def ticked(page):
    """{field name: sorted values of its ticked choices} on a question page."""
    found = {}
    for box in page.select("input[checked]"):
        found.setdefault(box["name"], []).append(box["value"])
    return {name: sorted(values) for name, values in found.items()}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_kept_lists_of_choices_show_each_persons_ticks(tmp_path, lang):
    # Every question page, for two people who chose differently, as the fresh app draws it; the
    # ticks on each page are the person's answers; questions filled in from the answers or the
    # evidence (a form with prepare()) are never kept.
    kept_app = make_app(tmp_path / "kept")
    fresh_app = make_app(tmp_path / "fresh", TEMPLATES_AUTO_RELOAD=True)
    # The fresh app ticks each option as WTForms does (option.checked), never through the pieces.
    fresh_app.jinja_env.globals["kept_choices"] = lambda *_question, caller: caller(web_kept._ticked)
    people = [complete_answers(), complete_answers(last_choices(kept_app))]
    assert people[0] != people[1]
    pages_seen = 0
    for answers in people:
        clients = []
        for app in (kept_app, fresh_app):
            client = app.test_client()
            set_answers(client, answers)
            client.get(f"/?lang={lang}")
            clients.append(client)
        for step in flow.applicable_steps(answers):
            if not step.is_question:
                continue
            kept, fresh = (client.get(f"/{step.slug}") for client in clients)
            assert kept.status_code == fresh.status_code == 200, step.slug
            assert normalised(kept) == normalised(fresh), (lang, step.slug)
            assert ticked(check_page(kept)) == ticks_answered(kept_app, step, answers), step.slug
            pages_seen += 1
    assert pages_seen >= 12
    kept_fields = {key[2] for key in kept_app.extensions["kept_markup"] if key[0] == "choices"}
    fixed = {name for step in flow.STEPS if step.same_for_everyone for name in step.fields}
    filled_in = {name for step in flow.STEPS if not step.same_for_everyone for name in step.fields}
    assert filled_in and not kept_fields & filled_in
    assert kept_fields and kept_fields <= fixed
    # One list kept per question: the second person's walk added none.
    assert len(kept_fields) == len([key for key in kept_app.extensions["kept_markup"] if key[0] == "choices"])


def test_a_list_with_an_error_is_drawn_afresh_with_the_other_answers_kept(tmp_path):
    # A page of several questions posted with one left out: the error is shown on the one left
    # out, and the other questions keep what was just chosen, as the fresh app draws them.
    pages = {}
    for name, overrides in (("kept", {}), ("fresh", {"TEMPLATES_AUTO_RELOAD": True})):
        app = make_app(tmp_path / name, **overrides)
        client = app.test_client()
        answers = complete_answers()
        set_answers(client, answers)
        step = next(step for step in flow.STEPS if step.same_for_everyone and len(step.fields) > 1)
        client.get(f"/{step.slug}")  # keeps the lists without errors first
        token = check_page(client.get(f"/{step.slug}")).csrf_token()
        chosen = {name: answers[name] for name in step.fields[1:]}
        response = client.post(f"/{step.slug}", data={"csrf_token": token, **chosen})
        assert response.status_code == 200
        pages[name] = (normalised(response), check_page(response))
    assert pages["kept"][0] == pages["fresh"][0]
    page = pages["kept"][1]
    assert page.select(f"#{step.fields[0]}-error")
    shown = ticked(page)
    assert {name: shown.get(name) for name in chosen} == {
        name: sorted(value) if isinstance(value, list) else [value] for name, value in chosen.items()
    }
