"""The app's Jinja environment (decision_aid/web/jinja.py): templates' globals named as a set, still live,
and every page the same as with Flask's own environment."""

import re

import flask.templating
import pytest

from decision_aid.web import jinja
from tests.helpers import make_app
from tests.helpers import unpacked
from tests.helpers import walk_every_page

TOKEN = re.compile(r'name="csrf_token" value="[^"]*"')
QR_AND_LINK = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+|/handoff#[A-Za-z0-9_.=-]+")


def test_the_app_uses_the_template_environment(app):
    assert isinstance(app.jinja_env, jinja.TemplateEnvironment)
    template = app.jinja_env.get_template("components/forms.html")
    assert isinstance(template.globals, jinja.TemplateGlobals)


def test_a_templates_global_names_are_a_set_of_its_own_and_the_environments(app):
    template = app.jinja_env.from_string("{{ own }}", globals={"own": "mine"})
    names = template.globals.keys()
    assert isinstance(names, set)
    assert names == set(app.jinja_env.globals) | {"own"}
    assert set(iter(template.globals)) == names
    assert template.render() == "mine"


def test_globals_added_after_a_template_was_loaded_still_show(app):
    # Jinja keeps them live (a ChainMap over the environment's); the set of names is made afresh.
    template = app.jinja_env.from_string("{{ added_later }}")
    app.jinja_env.globals["added_later"] = "here"
    try:
        assert "added_later" in template.globals.keys()
        assert template.render() == "here"
    finally:
        del app.jinja_env.globals["added_later"]
    assert "added_later" not in template.globals.keys()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_page_is_the_page_flasks_own_environment_draws(tmp_path, monkeypatch, lang):
    pages = {}
    for name in ("ours", "flask"):
        if name == "flask":
            monkeypatch.setattr(jinja.AidFlask, "jinja_environment", flask.templating.Environment)
        app = make_app(tmp_path / name)
        assert isinstance(app.jinja_env, jinja.TemplateEnvironment) == (name == "ours")
        client = app.test_client()
        client.get(f"/?lang={lang}")
        pages[name] = {
            page: QR_AND_LINK.sub("", TOKEN.sub("", unpacked(response)[0].decode()))
            for page, response in walk_every_page(client)
        }
    assert len(pages["ours"]) > 20
    assert pages["ours"] == pages["flask"]
