"""Two app instances behind nginx (the deploy/ config) with Redis: the whole journey, the hand-off
link across instances, one shared PDF rate limit, and an instance lost mid-walk.

Everything runs on loopback and is stopped at the end. The nginx config is generated from
deploy/nginx/ (tests/servers.py); only this test adds an X-Upstream header naming the instance.
"""

import hashlib
import re
from itertools import pairwise
from urllib.parse import urljoin
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from decision_aid.web.assets import minified
from tests.servers import LOOPBACK
from tests.servers import ROOT
from tests.servers import http_session as session
from tests.servers import random_secret
from tests.servers import start_gunicorn
from tests.servers import start_nginx
from tests.servers import start_redis

pytestmark = pytest.mark.timeout(300)

PDF_LIMIT = 5
# The journey has under 30 pages; a loop that has not reached the end by then is broken.
MAX_STEPS = 60


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Redis, two app instances sharing a secret key and the rate-limit store, and nginx."""
    started = []
    try:
        redis_server = start_redis(tmp_path_factory.mktemp("redis"))
        started.append(redis_server)
        env = {
            "WEB_CONCURRENCY": "1",
            "FLASK_PROXY_COUNT": "1",
            "FLASK_TRUSTED_HOSTS": f'["{LOOPBACK}"]',
            "FLASK_RATELIMIT_STORAGE_URI": redis_server.url,
            "FLASK_PDF_RATE_LIMIT": f"{PDF_LIMIT} per minute",
        }
        secret = random_secret()
        logs = tmp_path_factory.mktemp("apps")
        apps = []
        for name in ("app-a", "app-b"):
            app = start_gunicorn(logs, secret_key=secret, name=name, env=env)
            started.append(app)
            apps.append(app)
        nginx = start_nginx(
            tmp_path_factory.mktemp("nginx"),
            [app.port for app in apps],
            extra_server="        add_header X-Upstream $upstream_addr always;",
        )
        started.append(nginx)
        yield {"redis": redis_server, "apps": apps, "nginx": nginx}
    finally:
        for process in reversed(started):
            process.stop()


class Walker:
    """Walks the journey by following the HTML, recording which instance served each response."""

    def __init__(self, client, base):
        self.client = client
        self.base = base
        self.upstreams = []
        self.statuses = []

    def record(self, response):
        """Note the status and instance of a response and of every redirect before it."""
        for step in [*response.history, response]:
            self.statuses.append(step.status_code)
            self.upstreams.append(step.headers.get("X-Upstream"))
        return response

    def get(self, path_or_url, **options):
        """GET a page, relative to the base URL."""
        return self.record(self.client.get(urljoin(self.base, path_or_url), timeout=30, **options))

    def answer(self, response):
        """POST the page's form with the first option of every field (empty free text)."""
        soup = BeautifulSoup(response.text, "html.parser")
        form = next(form for form in soup.select("main form") if form.get("method", "").lower() == "post")
        data = {}
        for field in form.select("input, textarea, select"):
            name = field.get("name")
            kind = (field.get("type") or "").lower()
            if not name:
                continue
            if kind in ("radio", "checkbox"):
                data.setdefault(name, field.get("value"))
            elif field.name == "textarea":
                data.setdefault(name, "")
            elif field.name == "select":
                data.setdefault(name, field.select_one("option").get("value"))
            else:
                data.setdefault(name, field.get("value", ""))
        assert data.get("csrf_token"), f"no CSRF token on {response.url}"
        action = urljoin(response.url, form.get("action") or response.url)
        return self.record(self.client.post(action, data=data, timeout=30))

    def start(self):
        """The start page, then its start link."""
        home = self.get("/?lang=en")
        assert home.status_code == 200
        link = BeautifulSoup(home.text, "html.parser").select_one("main a[href]")
        return self.get(link["href"])

    def walk(self, page, steps=MAX_STEPS):
        """Answer pages until /check-answers, at most `steps` pages; return the last response."""
        for _ in range(steps):
            assert page.status_code == 200, (page.url, page.status_code)
            if urlsplit(page.url).path == "/check-answers":
                return page
            page = self.answer(page)
        return page


def instance_port(upstream):
    """The port in an X-Upstream value (the last address if nginx tried two)."""
    return int(upstream.split(",")[-1].strip().rpartition(":")[2])


def test_journey_through_nginx_across_instances(cluster):
    """The whole journey through nginx, consecutive requests on different instances."""
    nginx = cluster["nginx"]
    ports = {app.port for app in cluster["apps"]}
    with session() as client:
        walker = Walker(client, nginx.url)
        last = walker.walk(walker.start())
        assert urlsplit(last.url).path == "/check-answers", f"stopped at {last.url}"
        summary = walker.get("/summary")
        assert summary.status_code == 200
        pdf = walker.get("/summary.pdf")
    assert pdf.status_code == 200
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert set(walker.statuses) <= {200, 302, 303}, walker.statuses
    served = [instance_port(upstream) for upstream in walker.upstreams]
    # Round robin: both instances served, and one request's neighbour was usually the other one.
    assert set(served) == ports
    switches = sum(1 for first, second in pairwise(served) if first != second)
    assert switches >= len(served) // 2, served
    # The access log holds method, path and status: the ?lang=en above is not in it.
    lines = nginx.access_log()
    assert any('"GET /summary"' in line for line in lines)
    assert not [line for line in lines if "?" in line or "lang=" in line]


def walk_to_summary(base):
    """A finished journey through `base`; returns the summary page's response and its walker."""
    with session() as client:
        walker = Walker(client, base)
        walker.walk(walker.start())
        return walker.get("/summary"), walker


def test_handoff_link_opens_on_the_other_instance(cluster):
    """A hand-off link made by one instance (through nginx) opens on the other one directly."""
    nginx = cluster["nginx"]
    summary, _walker = walk_to_summary(nginx.url)
    made_by = instance_port(summary.headers["X-Upstream"])
    other = next(app for app in cluster["apps"] if app.port != made_by)
    link = BeautifulSoup(summary.text, "html.parser").select_one("textarea#handoff-link").get_text().strip()
    # The app built the link for the address the person used: nginx's, not an instance's.
    assert link.startswith(f"{nginx.url}/handoff#"), link
    token = link.partition("#")[2]
    with session() as client:
        # As static/handoff.js does: open /handoff, then post the part after # with the CSRF token.
        form_page = client.get(other.url + "/handoff", timeout=30)
        csrf = BeautifulSoup(form_page.text, "html.parser").select_one("input[name=csrf_token]")["value"]
        shared = client.post(other.url + "/handoff", data={"csrf_token": csrf, "token": token}, timeout=30)
    assert shared.status_code == 200, shared.text[:500]
    heading = BeautifulSoup(shared.text, "html.parser").select_one("h1").get_text(" ", strip=True)
    assert heading == "Answers shared with you"


def test_pdf_rate_limit_is_shared_between_instances(cluster):
    """With Redis storage the instances count together: the sixth PDF in a minute gets 429."""
    apps = cluster["apps"]
    # Directly to the instances, as one client address nobody else in this run uses: ProxyFix
    # (FLASK_PROXY_COUNT=1) takes the address from X-Forwarded-For, so the count starts at 0.
    headers = {"X-Forwarded-For": "192.0.2.61"}
    statuses = []
    with session() as client:
        for index in range(PDF_LIMIT + 1):
            app = apps[index % 2]
            response = client.get(app.url + "/handout.pdf", headers=headers, timeout=60)
            statuses.append((app.name, response.status_code))
    assert [status for _name, status in statuses] == [200] * PDF_LIMIT + [429], statuses


def test_nginx_serves_static_compresses_and_caps_bodies(cluster):
    """Static files from nginx (hashed names for good, plain names briefly), gzip, 413 above 64 KiB."""
    nginx = cluster["nginx"]
    gzipped = {"Accept-Encoding": "gzip"}
    with session() as client:
        page = client.get(nginx.url + "/transplant", headers=gzipped, timeout=10)
        hashed = re.search(r'href="(/static/site\.[0-9a-f]{8}\.css)"', page.text).group(1)
        css = client.get(nginx.url + hashed, headers=gzipped, timeout=10)
        plain = client.get(nginx.url + "/static/site.css", headers=gzipped, timeout=10)
        big = client.post(nginx.url + "/transplant", data={"transplant": "x" * 70_000}, timeout=10)
    assert css.status_code == 200
    # the bytes the app serves (minified), under the name their own hash gives
    assert css.content == minified("site.css", (ROOT / "static" / "site.css").read_bytes())
    assert hashed == f"/static/site.{hashlib.sha256(css.content).hexdigest()[:8]}.css"
    assert "X-Upstream" not in css.headers, "static files should not reach the app"
    assert "max-age=315360000" in css.headers["Cache-Control"]
    assert "immutable" in css.headers["Cache-Control"]
    assert css.headers["X-Content-Type-Options"] == "nosniff"
    assert css.headers.get("Content-Encoding") == "gzip"
    assert plain.status_code == 200 and "X-Upstream" not in plain.headers
    assert plain.headers["Cache-Control"] == "max-age=600"
    assert plain.content == css.content
    assert page.status_code == 200
    assert page.headers.get("Content-Encoding") == "gzip"
    assert page.headers["Cache-Control"] == "no-store"
    assert big.status_code == 413


# Last in this module: it stops one of the module's instances.
def test_walk_finishes_when_an_instance_dies(cluster):
    """Kill one instance mid-walk: nginx sends the rest to the other and no answer is lost."""
    nginx = cluster["nginx"]
    victim, survivor = cluster["apps"]
    with session() as client:
        walker = Walker(client, nginx.url)
        page = walker.walk(walker.start(), steps=6)
        assert {instance_port(u) for u in walker.upstreams} == {victim.port, survivor.port}
        victim.kill()
        before = len(walker.upstreams)
        last = walker.walk(page)
        summary = walker.get("/summary")
    assert urlsplit(last.url).path == "/check-answers", f"stopped at {last.url}"
    # The summary, not a redirect to an unanswered question: every answer made it.
    assert summary.status_code == 200
    assert not summary.history
    assert urlsplit(summary.url).path == "/summary"
    assert set(walker.statuses) <= {200, 302, 303}, walker.statuses
    # nginx may try the dead instance once more, then the survivor answers everything.
    assert {instance_port(u) for u in walker.upstreams[before:]} == {survivor.port}
    # ...and it did try: the lost instance refused a connection, or reset one it had taken as it
    # died, and nginx moved on (a POST too: repeating one is safe, the answers are in the cookie).
    log = error_log(nginx)
    assert "connect() failed" in log or "Connection reset by peer" in log, log


def error_log(nginx):
    """nginx's error log so far."""
    path = nginx.work_dir / "error.log"
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
