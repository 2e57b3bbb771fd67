"""Plain-language error pages in the site layout."""

from flask import abort

from tests.helpers import check_page
from tests.helpers import make_app
from tests.helpers import store_answers


def test_404_page(get_page):
    page = get_page("/no-such-page", status=404)
    assert page.h1 == "Page not found"
    assert page.select_one("a[href='/']")


def test_500_page_clears_the_session_and_hides_the_error(tmp_path):
    app = make_app(tmp_path, PROPAGATE_EXCEPTIONS=False)

    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internals")

    client = app.test_client()
    with client.session_transaction() as session:
        store_answers(session, {"transplant": "yes"})
    page = check_page(client.get("/boom"), status=500)
    assert "secret internals" not in page.html
    assert "Traceback" not in page.html
    with client.session_transaction() as session:
        assert "answers" not in session


def test_429_and_503_pages(tmp_path):
    app = make_app(tmp_path)

    @app.route("/busy")
    def busy():
        abort(503)

    @app.route("/slow-down")
    def slow_down():
        abort(429, retry_after=30)

    client = app.test_client()
    assert check_page(client.get("/busy"), status=503).h1 == "The service is busy"
    slowed = client.get("/slow-down")
    assert check_page(slowed, status=429).h1 == "Too many requests"
    # The site's page keeps the header a client acts on (it was dropped with Werkzeug's page).
    assert slowed.headers["Retry-After"] == "30"
