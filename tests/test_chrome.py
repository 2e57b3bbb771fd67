"""The page chrome kept per language (decision_aid/web/chrome.py): the same pages as drawing it afresh, in
every language, in clinic mode and under a mount path; what is kept never depends on the answers."""

import re
import time

import pytest

from tests.helpers import TYPICAL_ANSWERS
from tests.helpers import check_page
from tests.helpers import complete_answers
from tests.helpers import make_app
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
    assert kept_app.extensions["chrome_markup"] and not fresh_app.extensions["chrome_markup"]
    # The kept footer is this language's, not the first one drawn.
    assert {key[1] for key in kept_app.extensions["chrome_markup"]} == {lang}
    # A second walk draws from what was kept, and keeps nothing more.
    size = len(kept_app.extensions["chrome_markup"])
    assert walked(kept_app, lang) == kept_pages
    assert len(kept_app.extensions["chrome_markup"]) == size


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


def test_what_is_kept_depends_on_the_language_alone(app):
    # Two people with different answers see every page; the kept blocks are the same few.
    keys = []
    for answers in (complete_answers(), complete_answers(TYPICAL_ANSWERS, transplant="no")):
        app.extensions["chrome_markup"].clear()
        client = app.test_client()
        set_answers(client, answers)
        for url in PAGES:
            check_page(client.get(url))
        keys.append(set(app.extensions["chrome_markup"]))
    assert keys[0] == keys[1] == {(name, "en", "") for name in ("head", "header", "footer")}
