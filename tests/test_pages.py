"""The evidence and about pages."""

import re

import pytest

from decision_aid.content import about
from tests.helpers import check_page
from tests.helpers import store_answers


def test_evidence_lists_every_shown_figure_with_its_source(app, get_page):
    page = get_page("/evidence")
    with app.test_request_context():
        evidence = app.extensions["evidence"]
        for comparison_set in evidence.comparison_sets:
            section = page.select_one(f"section#{comparison_set.id}")
            assert section is not None
            text = " ".join(section.get_text(" ").split())
            for outcome in comparison_set.outcomes:
                assert str(outcome.label) in text
                assert f"{outcome.lenalidomide_per_100} in 100" in text
                assert f"{outcome.control_per_100} in 100" in text
                assert outcome.lenalidomide.quote.split("…")[0].strip()[:40] in text
                for source_id in outcome.source_ids:
                    assert section.select_one(f'a[href="#source-{source_id}"]')
            for fact in comparison_set.text_facts:
                assert str(fact.text) in text
        for source_id in evidence.sources:
            assert page.select_one(f"#source-{source_id}")


def test_evidence_explains_the_traps_and_derivations(get_page):
    text = get_page("/evidence").text
    for phrase in [
        "time to progression",
        "day of the transplant",
        "could switch to lenalidomide",
        "stopped lenalidomide for everyone early",
        "could not have a transplant",
        "higher maintenance dose than the study used",
        "Wilson",
        "estimated",
    ]:
        assert phrase in text, phrase


def test_unverified_figures_are_named_but_never_given_a_value(app, get_page):
    page = get_page("/evidence")
    items = [" ".join(item.get_text(" ").split()) for item in page.select("main ul.list > li")]
    with app.test_request_context():
        unverified = [f for f in app.extensions["evidence"].all_figures() if f.status == "unverified"]
        assert unverified
        for figure in unverified:
            assert figure.value is None and figure.count is None and figure.ci is None, figure.id
            description = " ".join(str(figure.description).split())
            # Named once, in its own list item, and in no table of numbers.
            (item,) = [item for item in items if description in item]
            assert page.text.count(description) == 1, figure.id
            assert not any(description in table.get_text(" ") for table in page.select("table"))
            # Beside the name only where to check it: no number of any kind.
            rest = item.replace(description, "").replace(" ".join(figure.check_in.split()), "")
            assert not re.search(r"\d", rest), (figure.id, rest)


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_where_to_check_is_in_the_pages_language_and_only_the_reference_is_marked_english(
    app, get_page, lang
):
    page = get_page(f"/evidence?lang={lang}")
    with app.test_request_context():
        references = {
            f.check_in for f in app.extensions["evidence"].all_figures() if f.status == "unverified"
        }
    marked = page.select("main ul.list > li span.small [lang=en]")
    assert {span.get_text() for span in marked} == references
    for span in marked:
        # The translated label sits outside the English reference, which is citations, not prose.
        assert span.parent.get("lang") is None and span.parent.get_text().startswith("(")
        assert not re.search(r"\b(and|check|the)\b", span.get_text()), span.get_text()


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_the_evidence_intro_explains_the_badges_its_tables_show(get_page, lang):
    # The intro said "measured in the study" while every table said "observed".
    page = get_page(f"/evidence?lang={lang}")
    shown = {badge.get_text(strip=True) for badge in page.select("table .badge")}
    intro = page.select_one("main h1 ~ p:not(.lead)").get_text()
    assert shown and all(
        f"“{badge}”" in intro or f"«{badge}»" in intro or f"«\u00a0{badge}\u00a0»" in intro for badge in shown
    ), (shown, intro)


def test_every_number_page_links_to_the_evidence_in_one_step(client):
    from decision_aid.journey import flow
    from tests.helpers import answers_before

    with client.session_transaction() as session:
        store_answers(session, answers_before(flow.step_for("the-numbers")))
    page = check_page(client.get("/the-numbers"))
    for section in page.select("section.outcome"):
        assert section.select_one('a[href^="/evidence#"]')


def test_about_page(get_page):
    page = get_page("/about")
    text = page.text
    assert "No outside funding" in text
    assert "Next review" in text and "Published" in text
    for item in about.NOT_DONE_YET:
        assert str(item) in text
    recorded = about.readability()
    assert f"Highest page: grade {recorded['highest']:.1f}" in text
    # Never claim a review, test or endorsement that did not happen.
    for claim in ["field-tested with", "reviewed by patients", "endorsed", "validated by", "approved by"]:
        assert claim not in text.lower()


def test_glossary_explains_the_terms_that_remain(get_page):
    page = get_page("/glossary")
    terms = [term.get_text(strip=True) for term in page.select("dl.glossary dt")]
    for term in ["Myeloma", "Placebo", "Neutropenia", "Median", "Hazard ratio", "REMS"]:
        assert any(entry.startswith(term) for entry in terms), term
    assert all(definition.get_text(strip=True) for definition in page.select("dl.glossary dd"))
    assert get_page("/").select_one('footer a[href="/glossary"]')
