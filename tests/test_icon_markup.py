"""Icon arrays drawn once and kept (decision_aid/web/icon_markup.py), and a study's views built once
(content/numbers.set_view): the same pages as drawing afresh, in every language, never keyed by answers."""

import re

from flask_babel import LazyString
from flask_babel import force_locale

from decision_aid.content import current_evidence
from decision_aid.content import numbers
from decision_aid.content import options
from decision_aid.web import icon_markup
from tests.helpers import check_page
from tests.helpers import complete_answers
from tests.helpers import make_app
from tests.helpers import set_answers

ARRAY = re.compile(r'<svg role="img".*?</svg>', re.S)


def arrays(client, url):
    """Every icon array's markup on a page, in order."""
    return ARRAY.findall(check_page(client.get(url)).html)


def test_kept_arrays_are_the_arrays_drawn_afresh(app, client, tmp_path):
    set_answers(client, complete_answers())
    first = arrays(client, "/the-numbers") + arrays(client, "/summary")
    kept = app.extensions["icon_markup"]
    assert len(kept) == len(first) > 10
    # Drawn again from what was kept: the very same markup, and nothing more kept.
    again = arrays(client, "/the-numbers") + arrays(client, "/summary")
    assert again == first and len(kept) == len(first)
    # An app that keeps nothing (templates reloading) draws every array through the macro each time.
    fresh = make_app(tmp_path / "reloading", TEMPLATES_AUTO_RELOAD=True).test_client()
    set_answers(fresh, complete_answers())
    assert arrays(fresh, "/the-numbers") + arrays(fresh, "/summary") == first


def test_each_language_keeps_its_own_text_alternatives(tmp_path):
    # One app serves English, then French, then English again; a fresh app serves French alone.
    app = make_app(tmp_path / "mixed")
    client = app.test_client()
    set_answers(client, complete_answers())
    english = arrays(client, "/the-numbers?lang=en")
    french = arrays(client, "/the-numbers?lang=fr")
    assert arrays(client, "/the-numbers?lang=en") == english
    fresh = make_app(tmp_path / "fresh").test_client()
    set_answers(fresh, complete_answers())
    assert arrays(fresh, "/the-numbers?lang=fr") == french
    titles = [re.search(r"<title[^>]*>(.*?)</title>", svg).group(1) for svg in (english[0], french[0])]
    assert titles[0] != titles[1]


def test_what_is_kept_does_not_depend_on_the_answers(app, client):
    # Two people with different answers (ratings, leaning, note) who see the same study's pictures.
    set_answers(client, complete_answers())
    check_page(client.get("/summary"))
    keys = set(app.extensions["icon_markup"])
    app.extensions["icon_markup"].clear()
    # The table cells that hold the arrays are kept too (web/kept.py): start those afresh as well.
    app.extensions["kept_markup"].clear()
    leaning = next(iter(options.OPTIONS))
    other = complete_answers(
        value_time_before_return="not", value_second_cancer="not", leaning=leaning, doctor_note="Zebra 12345"
    )
    set_answers(client, other)
    assert "Zebra 12345" in check_page(client.get("/summary")).html
    assert set(app.extensions["icon_markup"]) == keys
    assert "Zebra 12345" not in repr(keys)


def test_nothing_is_kept_while_templates_reload(tmp_path):
    app = make_app(tmp_path, TEMPLATES_AUTO_RELOAD=True)
    client = app.test_client()
    set_answers(client, complete_answers())
    assert len(arrays(client, "/the-numbers")) >= 10
    assert app.extensions["icon_markup"] == {}


def test_the_store_is_bounded(app, client, monkeypatch):
    monkeypatch.setattr(icon_markup, "MAX_KEPT", 3)
    set_answers(client, complete_answers())
    assert len(arrays(client, "/the-numbers")) > 3
    assert 0 < len(app.extensions["icon_markup"]) <= 3


def test_a_sets_views_are_built_once_and_translated_when_shown(app):
    with app.test_request_context():
        comparison_set = current_evidence().default_set
        views = numbers.set_view(comparison_set)
        assert numbers.set_view(comparison_set) is views
        arm = views[0].arms[0]
        for words in (arm.title, arm.sentence, views[0].difference_sentence):
            assert isinstance(words, LazyString)
        with force_locale("en"):
            english = str(arm.title)
        with force_locale("es"):
            spanish = str(arm.title)
    assert english != spanish
