"""Language choice: ?lang= sticks, Accept-Language is honoured, bad input falls back safely."""

import pytest

from tests.helpers import catalog
from tests.helpers import check_page


def test_default_language_is_english(get_page):
    assert get_page("/").soup.html["lang"] == "en"


@pytest.mark.parametrize("code", ["es", "fr"])
def test_lang_parameter_switches_and_sticks(client, code):
    assert check_page(client.get(f"/?lang={code}")).soup.html["lang"] == code
    assert check_page(client.get("/about")).soup.html["lang"] == code


def test_accept_language_is_honoured(client):
    page = check_page(client.get("/", headers={"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.5"}))
    assert page.soup.html["lang"] == "fr"


def test_lang_parameter_beats_accept_language(client):
    client.get("/?lang=en")
    page = check_page(client.get("/", headers={"Accept-Language": "es"}))
    assert page.soup.html["lang"] == "en"


@pytest.mark.parametrize("value", ["../../../etc/passwd", "en_US/../../x", "zz", "", "EN", "es;drop"])
def test_bad_lang_values_fall_back_safely(client, value):
    page = check_page(client.get("/", query_string={"lang": value}))
    assert page.soup.html["lang"] == "en"


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("*", "en"),
        ("x" * 5000, "en"),
        ("../../etc;q=1", "en"),
        ("de, *;q=0.1", "en"),
        ("zz, es;q=0.1", "es"),
        ("*;q=0.5, fr", "fr"),
    ],
    ids=["any", "very-long", "path", "unsupported-then-any", "unknown-then-es", "any-then-fr"],
)
def test_odd_accept_language_headers_fall_back(client, header, lang):
    page = check_page(client.get("/", headers={"Accept-Language": header}))
    assert page.soup.html["lang"] == lang


def test_language_switcher_lists_each_language(get_page):
    links = get_page("/").select(".language-switcher a")
    assert {link["hreflang"] for link in links} == {"es", "fr"}
    assert all(link["href"] == f"?lang={link['hreflang']}" for link in links)


def test_translations_follow_a_forced_locale_within_a_request(app):
    # Translations are looked up once per request and language (web/i18n.py): a block under
    # force_locale gets its own language, and the request's comes back after it.
    from flask import render_template_string
    from flask_babel import force_locale
    from flask_babel import gettext

    spanish = catalog("es").get("Your summary").string
    french = catalog("fr").get("Your summary").string
    template = "{{ _('Your summary') }}"
    with app.test_request_context("/?lang=es"):
        app.preprocess_request()
        assert gettext("Your summary") == render_template_string(template) == spanish
        with force_locale("fr"):
            assert gettext("Your summary") == render_template_string(template) == french
        assert gettext("Your summary") == render_template_string(template) == spanish
    with app.test_request_context("/", headers={"Accept-Language": "fr"}):
        assert render_template_string(template) == french


def test_lazy_strings_follow_the_request_and_read_without_an_app(app):
    # Lazy strings go to the Babel domain directly (extensions.lazy_gettext): the same language as
    # everything else on the page, a forced locale included, and the English text with no app.
    from flask_babel import force_locale

    from decision_aid.extensions import lazy_gettext
    from decision_aid.extensions import lazy_ngettext

    title = lazy_gettext("Your summary")
    spanish, french = (catalog(lang).get("Your summary").string for lang in ("es", "fr"))
    assert str(title) == "Your summary"
    with app.test_request_context("/?lang=es"):
        app.preprocess_request()
        assert str(title) == spanish
        with force_locale("fr"):
            assert str(title) == french
        assert str(title) == spanish
    alive = lazy_ngettext("was alive", "were alive", 2)
    with app.test_request_context("/?lang=es"):
        app.preprocess_request()
        assert str(alive) == catalog("es").get(("was alive", "were alive")).string[1]
    assert str(alive) == "were alive"
