"""Shared fixtures: the app, its test client, a page checker, a live server and Chromium.

Plain helpers (answers, make_app, check_page, Journey...) are in tests/helpers.py.
"""

import os
import shutil
import tempfile
import threading

import pytest
from hypothesis import configuration as hypothesis_configuration
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from tests.helpers import Journey
from tests.helpers import check_page
from tests.helpers import make_app

# Chromium comes from Debian (make test installs it); Playwright never downloads a browser here.
CHROMIUM = "/usr/bin/chromium"
# Without these flags Chromium keeps trying to reach Google hosts, which this network refuses.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_configure(config):
    """Hypothesis keeps its examples and constants in a temporary folder, not in .hypothesis/.

    Set here, before collection: Hypothesis writes while the test modules are imported.
    """
    config.hypothesis_home = tempfile.mkdtemp(prefix="hypothesis-")
    hypothesis_configuration.set_hypothesis_home_dir(config.hypothesis_home)


def pytest_unconfigure(config):
    """Remove Hypothesis's temporary folder."""
    if hasattr(config, "hypothesis_home"):
        shutil.rmtree(config.hypothesis_home, ignore_errors=True)


def flask_variables():
    """The names of every FLASK_* environment variable set now."""
    return [name for name in os.environ if name.startswith("FLASK_")]


@pytest.fixture(scope="session", autouse=True)
def no_flask_environment_for_the_run():
    """No FLASK_* variable a developer exported reaches the session-wide live server."""
    with pytest.MonkeyPatch.context() as patch:
        for name in flask_variables():
            patch.delenv(name)
        yield


@pytest.fixture(autouse=True)
def no_flask_environment(monkeypatch):
    """Each test starts with no FLASK_* variable, so exported settings cannot change results."""
    for name in flask_variables():
        monkeypatch.delenv(name)


@pytest.fixture
def app(tmp_path):
    """A test app with CSRF protection on, as in production."""
    return make_app(tmp_path)


@pytest.fixture
def client(app):
    """A test client for the app."""
    return app.test_client()


@pytest.fixture
def get_page(client):
    """GET a URL and check it against the house rules."""

    def get(url, status=200, **kwargs):
        return check_page(client.get(url, **kwargs), status)

    return get


@pytest.fixture
def journey(client):
    """A helper that answers question pages through the test client."""
    return Journey(client)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The app served over real HTTP on a free loopback port, for the browser tests."""
    app = make_app(tmp_path_factory.mktemp("live"))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole run."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def evidence():
    """The evidence data, loaded and validated as the app loads it at start-up."""
    from decision_aid.evidence import load_evidence

    return load_evidence()
