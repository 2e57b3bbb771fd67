"""Static files under content-hashed names (web/assets.py): long-lived when hashed, brief when plain."""

import hashlib
import re
from pathlib import Path

from decision_aid.web.assets import Assets
from tests.helpers import check_page
from tests.helpers import complete_answers
from tests.helpers import set_answers

HASHED = re.compile(r"^/static/(?P<stem>[\w-]+)\.(?P<digest>[0-9a-f]{8})\.(?P<suffix>css|js)$")


def linked_assets(page):
    return [tag.get("href") or tag.get("src") for tag in page.select("link[rel=stylesheet], script[src]")]


def test_pages_link_hashed_names_served_for_a_year(app, client):
    set_answers(client, complete_answers())
    urls = set()
    for url in ("/", "/transplant", "/summary", "/handoff"):
        urls.update(linked_assets(check_page(client.get(url))))
    assert {"site", "print", "share", "handoff"} <= {HASHED.match(url)["stem"] for url in urls}, urls
    for url in urls:
        match = HASHED.match(url)
        response = client.get(url)
        assert response.status_code == 200
        body = response.get_data()
        name = f"{match['stem']}.{match['suffix']}"
        assert body == Path(app.static_folder, name).read_bytes()
        assert match["digest"] == hashlib.sha256(body).hexdigest()[:8]
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_plain_names_still_work_briefly_and_revalidate(client):
    response = client.get("/static/site.css")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=600"
    again = client.get("/static/site.css", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


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
