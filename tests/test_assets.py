"""Static files under content-hashed names (web/assets.py): long-lived when hashed, brief when plain."""

import hashlib
import re
from pathlib import Path

import pytest
import tinycss2
from bs4 import BeautifulSoup

from decision_aid.web.assets import Assets
from decision_aid.web.assets import minified
from tests.helpers import check_page
from tests.helpers import complete_answers
from tests.helpers import set_answers
from tests.helpers import unpacked
from tests.helpers import walk_every_page

HASHED = re.compile(r"^/static/(?P<stem>[\w-]+)\.(?P<digest>[0-9a-f]{8})\.(?P<suffix>css|js)$")


def linked_assets(page):
    return [tag.get("href") or tag.get("src") for tag in page.select("link[rel=stylesheet], script[src]")]


def test_pages_link_hashed_names_served_for_a_year(app, client):
    set_answers(client, complete_answers())
    urls = set()
    for url in ("/", "/transplant", "/summary", "/handoff"):
        urls.update(linked_assets(check_page(client.get(url))))
    assert {"site", "forms", "share", "handoff"} <= {HASHED.match(url)["stem"] for url in urls}, urls
    for url in urls:
        match = HASHED.match(url)
        response = client.get(url)
        assert response.status_code == 200
        body = response.get_data()
        name = f"{match['stem']}.{match['suffix']}"
        assert body == minified(name, Path(app.static_folder, name).read_bytes())
        assert match["digest"] == hashlib.sha256(body).hexdigest()[:8]
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def rules(css):
    """A stylesheet as comparable data: its rules' tokens without comments or spare whitespace."""
    return [
        normalised(rule) for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    ]


def normalised(node):
    """A node's tokens; whitespace kept only where it separates two words ("a b", "0 auto")."""
    found = []
    for part in ("prelude", "content", "arguments"):
        tokens = []
        for token in getattr(node, part, None) or []:
            if token.type != "comment" and not (
                token.type == "whitespace" and tokens and tokens[-1].type == token.type
            ):
                tokens.append(token)
        for index, token in enumerate(tokens):
            if token.type == "whitespace":
                before, after = tokens[index - 1] if index else None, tokens[index + 1 : index + 2]
                after = after[0] if after else None
                if before is None or after is None or {"literal", "{} block"} & {before.type, after.type}:
                    continue
                found.append(" ")
            elif hasattr(token, "content") or hasattr(token, "arguments"):
                found.append((token.type, getattr(token, "name", ""), normalised(token)))
            else:
                found.append(token.serialize())
        while part == "content" and found and found[-1] in (";", " "):
            found.pop()  # "a: b;}" and "a: b}" are the same rule
    return found


def test_every_stylesheet_closes_what_it_opens(app):
    """An unclosed @media once swallowed the summary's table styles on wide screens: no more."""
    for path in Path(app.static_folder).glob("*.css"):
        css = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        depth = 0
        for character in css:
            depth += {"{": 1, "}": -1}.get(character, 0)
            assert depth >= 0, path.name
        assert depth == 0, f"{path.name}: {depth} block(s) left open"
        nodes = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
        assert not [node for node in nodes if node.type == "error"], path.name


def test_stylesheets_and_scripts_are_served_minified_with_the_same_rules(app, client):
    for name in ("site.css", "steps.css"):
        source = Path(app.static_folder, name).read_text(encoding="utf-8")
        served = client.get(f"/static/{name}").get_data(as_text=True)
        assert "/*" in source and "/*" not in served and len(served) < 0.9 * len(source)
        assert rules(served) == rules(source)
    for name in ("share.js", "clinic.js", "handoff.js"):  # the browser tests run the served scripts
        source = Path(app.static_folder, name).read_text(encoding="utf-8")
        served = client.get(f"/static/{name}").get_data(as_text=True)
        assert len(served) < 0.9 * len(source) and "\n  " not in served


def test_the_files_for_a_reverse_proxy_are_the_bytes_the_app_serves(app, client, tmp_path):
    Assets(app.static_folder).write(tmp_path)
    names = {path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*") if path.is_file()}
    assert {"site.css", "share.js", "favicon.svg"} <= names
    for name in names:
        assert (tmp_path / name).read_bytes() == client.get(f"/static/{name}").get_data(), name


@pytest.mark.parametrize("encoding", ["br", "gzip", None])
def test_plain_names_still_work_briefly_and_revalidate(client, encoding):
    # Compressed or not, the copy a browser holds revalidates with the ETag it was sent.
    headers = {"Accept-Encoding": encoding} if encoding else {}
    response = client.get("/static/site.css", headers=headers)
    assert response.status_code == 200
    assert response.headers.get("Content-Encoding") == encoding
    assert response.headers["Cache-Control"] == "public, max-age=600"
    again = client.get("/static/site.css", headers={**headers, "If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    assert not again.get_data()
    other = client.get("/static/site.css", headers={**headers, "If-None-Match": 'W/"0123abcd"'})
    assert other.status_code == 200 and other.get_data() == response.get_data()


def test_pages_carry_no_validator_and_are_never_answered_not_modified(client):
    for headers in ({}, {"Accept-Encoding": "br"}):
        page = client.get("/transplant", headers=headers)
        assert page.status_code == 200 and "ETag" not in page.headers
        assert page.headers["Cache-Control"] == "no-store"
        again = client.get("/transplant", headers={**headers, "If-None-Match": "*"})
        assert again.status_code == 200 and again.get_data()


def test_unknown_and_wrongly_hashed_names_are_not_found(client):
    assert client.get("/static/nothing.css").status_code == 404
    assert client.get("/static/site.00000000.css").status_code == 404
    assert client.get("/static/../README.md").status_code == 404


def test_a_changed_file_gets_a_new_name(tmp_path):
    (tmp_path / "site.css").write_text("body { color: #000 }", encoding="utf-8")
    before = Assets(tmp_path).hashed_names["site.css"]
    (tmp_path / "site.css").write_text("body { color: #111 }", encoding="utf-8")
    after = Assets(tmp_path).hashed_names["site.css"]
    assert before != after
    assert before.startswith("site.") and before.endswith(".css")


def classes_styled(css):
    """Every class name a stylesheet's selectors mention."""
    return set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", re.sub(r"\{[^{}]*\}", "{}", css)))


def test_every_class_a_page_uses_is_styled_by_a_stylesheet_it_links(app, client):
    """Styles are split (forms.css only where there are answers to give): no page may lose its own."""
    styled = {
        name: classes_styled(client.get(f"/static/{name}").get_data(as_text=True))
        for name in ("site.css", "forms.css", "steps.css")
    }
    assert "radios__label" in styled["forms.css"] and "radios__label" not in styled["site.css"]
    pages = [(name, unpacked(response)[0].decode()) for name, response in walk_every_page(client)]
    # what a walk does not reach: the other studies, a refused answer, a hand-off link that does not open
    for study in ("ifm-5y", "meta-2017"):
        pages.append((study, client.get(f"/the-numbers?study={study}").get_data(as_text=True)))
    pages.append(
        ("error", client.post("/transplant", data={"transplant": "nonsense"}).get_data(as_text=True))
    )
    pages.append(("handoff error", client.post("/handoff", data={"link": "nonsense"}).get_data(as_text=True)))
    for name, html in pages:
        page = BeautifulSoup(html, "html.parser")
        linked = {HASHED.match(tag["href"])["stem"] + ".css" for tag in page.select("link[rel=stylesheet]")}
        used = {cls for tag in page.select("[class]") for cls in tag["class"]}
        for cls in used:
            owners = {sheet for sheet, classes in styled.items() if cls in classes}
            assert not owners or owners & linked, f"{name}: .{cls} is styled in {owners}, not linked"
    question_pages = [html for name, html in pages if 'class="radios__input"' in html]
    assert question_pages and all("forms." in html for html in question_pages)
    assert not any("forms." in html for name, html in pages if name in ("summary", "the-numbers", "start"))
