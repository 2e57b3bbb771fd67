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


def test_switching_language_while_changing_an_answer_keeps_changing_it(client, journey):
    # The switcher was a bare "?lang=es": Continue then walked on through the questions instead of
    # going back to check your answers.
    journey.answer_all()
    page = check_page(client.get("/age?change=1"))
    spanish = page.select_one('.language-switcher a[lang="es"]')["href"]
    assert spanish == "?change=1&lang=es"
    page = check_page(client.get("/age" + spanish))
    assert page.soup.html["lang"] == "es" and page.select_one(".back-link")["href"] == "/check-answers"
    response = client.post("/age" + spanish, data={"csrf_token": page.csrf_token(), "age_group": "65-70"})
    assert response.location == "/check-answers"


def test_the_switcher_keeps_only_the_pages_own_known_arguments(client, journey):
    journey.answer_all()
    page = check_page(client.get("/the-numbers?study=ifm-5y&from=sure&utm=x&again=zz&change=<b>"))
    assert page.select_one('.language-switcher a[lang="fr"]')["href"] == "?from=sure&study=ifm-5y&lang=fr"
    page = check_page(client.get("/sure-result?revisited=1"))
    assert page.select_one('.language-switcher a[lang="es"]')["href"] == "?revisited=1&lang=es"
    # Only known values: text from the address is never written into the page (BREACH).
    page = check_page(client.get("/the-numbers?study=zq7canary&from=zq7canary"))
    assert page.select_one('.language-switcher a[lang="fr"]')["href"] == "?lang=fr"
    # A plain address gets the plain switcher, drawn once for every page.
    assert (
        check_page(client.get("/the-numbers")).select_one('.language-switcher a[lang="fr"]')["href"]
        == "?lang=fr"
    )


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


TEMPLATE_STRINGS = [
    "{{ _('Continue') }}",
    # The translation itself is trusted markup (Jinja marks it safe); only the variables are escaped.
    "{{ _('Tom & Jerry <i>') }}",
    # Variables are escaped into the escaped translation.
    "{{ _('Version %(version)s, published %(date)s.', version='<b>2</b>', date='1 & 2') }}",
    # New-style strings are format strings even without variables: "%%" shows as "%".
    "{{ _('100%% of nothing') }}",
    "{{ ngettext('You can write up to %(num)s character.', 'You can write up to %(num)s characters.', 1) }}",
    "{{ ngettext('You can write up to %(num)s character.', 'You can write up to %(num)s characters.', 9) }}",
    "{{ ngettext('%(num)s in %(total)s', '%(num)s in %(total)s', 3, total='<100>') }}",
    # Variables may be called what the functions' own arguments are called, as in Jinja.
    "{{ _('%(string)s and %(context)s', string='a', context='b') }}",
    "{{ ngettext('%(num)s thing', '%(num)s things', 2, num='two') }}",
    # Where the page turns escaping off, the text comes unescaped, as Jinja's own gettext gives it.
    (
        "{% autoescape false %}{{ _('Version %(version)s, published %(date)s.', version='<b>', date='&') }}"
        "{% endautoescape %}"
    ),
]


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_template_gettext_gives_what_jinjas_own_gives(app, lang):
    # web/i18n.template_gettext and template_ngettext replace Jinja's new-style callables, which reach
    # the translation through three calls: the same text, escaping and formatting are expected.
    import jinja2
    from flask import render_template_string

    from decision_aid.extensions import babel
    from decision_aid.web import i18n

    # The app's templates use these, not Jinja's own.
    assert app.jinja_env.globals["_"] is app.jinja_env.globals["gettext"] is i18n.template_gettext
    assert app.jinja_env.globals["ngettext"] is i18n.template_ngettext
    with app.test_request_context(f"/?lang={lang}"):
        app.preprocess_request()
        translations = babel.domain_instance.get_translations()
        reference = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
        reference.install_gettext_callables(
            gettext=translations.ugettext, ngettext=translations.ungettext, newstyle=True
        )
        rendered = [render_template_string(source) for source in TEMPLATE_STRINGS]
        assert rendered == [reference.from_string(source).render() for source in TEMPLATE_STRINGS]
    assert rendered[1] == "Tom & Jerry <i>"
    assert "&lt;b&gt;2&lt;/b&gt;" in rendered[2] and "1 &amp; 2" in rendered[2]
    assert rendered[3] == "100% of nothing"
    assert "<b>" in rendered[-1]
    if lang != "en":
        assert rendered[0] == catalog(lang).get("Continue").string != "Continue"
