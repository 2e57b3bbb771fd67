"""Balance and wording rules from docs/evidence.md section (g), read from what a person sees.

Every check walks the pages through the Flask test client, in English, Spanish and French.
"""

import re

import pytest

from decision_aid.content import current_evidence
from decision_aid.content.evidence_text import SURVIVAL_FACT_IDS
from decision_aid.content.since_trials import GUIDELINE_FACT_IDS
from decision_aid.content.since_trials import SECTIONS
from tests.helpers import TYPICAL_ANSWERS
from tests.helpers import Journey
from tests.helpers import check_page

LOCALES = ("en", "es", "fr")
# "The studies do not agree" and its old translations: survival is never summed up as a split.
NOT_AGREE = {
    "en": re.compile(r"do not agree", re.IGNORECASE),
    "es": re.compile(r"no coinciden", re.IGNORECASE),
    "fr": re.compile(r"ne sont pas d'accord", re.IGNORECASE),
}
# A 95% range is not a hard limit (rule 3): no "could be anywhere from", in any language.
ANYWHERE = {
    "en": re.compile(r"anywhere from", re.IGNORECASE),
    "es": re.compile(r"podría estar entre", re.IGNORECASE),
    "fr": re.compile(r"pourrait se situer entre", re.IGNORECASE),
}
# A seed file's name, or the words "seed file": internal, and no reader can look it up.
FILE_NAME = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b|seed file", re.IGNORECASE)
# Rule 2: "because of lenalidomide" only for these randomised comparisons tested as planned.
CAUSAL_OUTCOMES = {
    ("calgb-3y", "calgb_ttp"),
    ("calgb-3y", "spm_invasive"),
    ("calgb-3y", "neutropenia_g34"),
    ("ifm-5y", "pfs"),
}
BECAUSE = {"en": "because of lenalidomide", "es": "debido a la lenalidomida", "fr": "du fait du lénalidomide"}
SECTION_G_CATEGORIES = {"survival", "guideline", "since_trials", "safety"}
SECTION_G_REMS_FACTS = {"safety.pregnancy_uk_europe", "safety.combined_pill", "safety.men_condoms"}


def squash(text):
    return " ".join(text.split())


def finished_journey(client, locale, **changes):
    """Answer every question in one language; return the client, at check answers."""
    client.get(f"/?lang={locale}")
    Journey(client).answer_all({**TYPICAL_ANSWERS, **changes})
    return client


def page_text(client, url):
    return squash(check_page(client.get(url)).text)


def in_locale(app, locale, thing):
    """A Phrase or fact text rendered the way a page in this language renders it."""
    with app.test_request_context(f"/?lang={locale}"):
        from flask_babel import force_locale

        with force_locale(locale):
            return squash(str(thing))


def every_page(client):
    urls = [
        "/the-decision",
        "/notes-for-you",
        "/what-matters-compared",
        "/summary",
        "/evidence",
        "/glossary",
        "/about",
    ]
    urls += [f"/the-numbers?study={each.id}" for each in current_evidence().comparison_sets]
    return {url: page_text(client, url) for url in urls}


@pytest.fixture(params=LOCALES)
def locale(request):
    return request.param


@pytest.fixture
def pages(app, client, locale):
    finished_journey(client, locale, value_living_longer="very")
    with app.app_context():
        return every_page(client)


def test_no_survival_summary_says_only_that_the_studies_do_not_agree(pages, locale):
    offenders = [url for url, text in pages.items() if NOT_AGREE[locale].search(text)]
    assert not offenders


def test_no_range_is_told_as_anywhere_from(pages, locale):
    offenders = [url for url, text in pages.items() if ANYWHERE[locale].search(text)]
    assert not offenders


def test_no_file_name_in_any_citation(pages):
    offenders = [url for url, text in pages.items() if FILE_NAME.search(text)]
    assert not offenders


def test_the_calgb_citation_is_the_verified_one(pages):
    assert "N Engl J Med 2012;366(19):1770-81" in pages["/evidence"]


def test_causal_wording_only_on_the_allowed_outcomes(app, client, locale):
    finished_journey(client, locale)
    with app.app_context():
        evidence = current_evidence()
        flagged = {(s.id, o.outcome_id) for s in evidence.comparison_sets for o in s.outcomes if o.causal}
        assert flagged == CAUSAL_OUTCOMES
        for comparison_set in evidence.comparison_sets:
            page = check_page(client.get(f"/the-numbers?study={comparison_set.id}"))
            for section in page.select("section.outcome"):
                outcome_id = section["id"].removeprefix(f"{comparison_set.id}-")
                says_because = BECAUSE[locale] in squash(section.get_text(" ")).lower()
                allowed = (comparison_set.id, outcome_id) in CAUSAL_OUTCOMES
                assert says_because <= allowed, (comparison_set.id, outcome_id)
    # The one outcome a person meets first (CALGB progression-free survival) does say it.
    page = check_page(client.get("/the-numbers?study=calgb-3y"))
    assert BECAUSE[locale] in squash(page.select_one("#calgb-3y-calgb_ttp").get_text(" ")).lower()


def test_survival_summary_on_the_options_page_in_both_cards(app, client, locale):
    finished_journey(client, locale)
    page = check_page(client.get("/the-decision"))
    cards = [squash(card.get_text(" ")) for card in page.select(".option-card")]
    assert len(cards) == 2
    with app.app_context():
        for fact_id in SURVIVAL_FACT_IDS:
            sentence = in_locale(app, locale, current_evidence().fact(fact_id).text)
            assert all(sentence in card for card in cards), (fact_id, locale)


def test_survival_summary_largest_first(app, client):
    finished_journey(client, "en")
    text = page_text(client, "/the-decision")
    positions = [text.find(s) for s in ("1,208 people", "Myeloma XI study found longer", "IFM 2005-02")]
    assert -1 not in positions and positions == sorted(positions)
    assert "found no clear survival benefit" in text


def test_someone_who_rated_living_longer_highly_sees_the_survival_summary(app, client, locale):
    finished_journey(client, locale, value_living_longer="very")
    compared = page_text(client, "/what-matters-compared")
    summary = page_text(client, "/summary")
    with app.app_context():
        for fact_id in SURVIVAL_FACT_IDS:
            sentence = in_locale(app, locale, current_evidence().fact(fact_id).text)
            assert sentence in compared, (fact_id, locale)
            assert sentence in summary, (fact_id, locale)


def test_guideline_status_then_the_choice_is_still_yours(app, client, locale):
    finished_journey(client, locale)
    text = page_text(client, "/the-decision")
    with app.app_context():
        for fact_id in GUIDELINE_FACT_IDS:
            assert in_locale(app, locale, current_evidence().fact(fact_id).text) in text, fact_id


def test_what_has_changed_is_on_the_decision_page_and_the_summary(app, client, locale):
    finished_journey(client, locale)
    decision = page_text(client, "/the-decision")
    summary = page_text(client, "/summary")
    with app.app_context():
        for section in SECTIONS:
            for item in section.items:
                text = current_evidence().fact(item).text if isinstance(item, str) else item
                sentence = in_locale(app, locale, text)
                assert sentence in decision and sentence in summary, sentence


def test_practical_safety_is_on_what_taking_it_is_like(app, client, locale):
    finished_journey(client, locale)
    # "What taking lenalidomide is like" is a set of sections on the options page.
    text = page_text(client, "/the-decision")
    with app.app_context():
        evidence = current_evidence()
        safety = [f for f in evidence.all_facts() if f.category == "safety"]
        safety += [evidence.fact(i) for i in SECTION_G_REMS_FACTS]
        for fact in safety:
            assert in_locale(app, locale, fact.text) in text, fact.id
    # The US two-test schedule is labelled as the US rule, and no longer repeated "In the US: In the US".
    if locale == "en":
        assert "In the US, people who could become pregnant need" in text
        assert "In the US: In the US" not in text and "In the US: Lenalidomide" not in text
        assert "A blistering or peeling rash" in text


def test_every_new_fact_is_on_the_evidence_page_with_its_sources(app, client):
    finished_journey(client, "en")
    page = check_page(client.get("/evidence"))
    text = squash(page.text)
    with app.app_context():
        evidence = current_evidence()
        new = [f for f in evidence.all_facts() if f.category in SECTION_G_CATEGORIES]
        new += [evidence.fact(i) for i in SECTION_G_REMS_FACTS]
        assert len(new) >= 26
        for fact in new:
            sentence = in_locale(app, "en", fact.text)
            item = next((li for li in page.select("li") if sentence in squash(li.get_text(" "))), None)
            assert item is not None, fact.id
            links = {a["href"] for a in item.select("a")}
            assert {f"#source-{s}" for s in fact.source_ids} <= links, fact.id
            for source_id in fact.source_ids:
                source = page.select_one(f"#source-{source_id}")
                cited = evidence.source(source_id)
                # The reference in words, and its web address as a link beside it.
                assert source is not None and squash(cited.reference) in squash(source.get_text(" ")), (
                    source_id
                )
                assert not cited.url or source.select_one(f'a[href="{cited.url}"]') is not None, source_id
            assert fact.status.value != "unverified"
    assert "seed file" not in text


@pytest.mark.parametrize(
    ("changes", "outside"),
    [({}, False), ({"age_group": "over-70"}, True), ({"response": "worse"}, True)],
)
def test_the_numbers_page_says_who_is_not_like_the_people_in_the_studies(client, changes, outside):
    """Review finding 17: "people like you" only for someone like the people the studies took."""
    from decision_aid.journey import flow
    from tests.helpers import answers_before
    from tests.helpers import set_answers

    answers = {**answers_before(flow.step_for("the-numbers")), **changes}
    # Someone outside the studies' population has read the page that says so first.
    answers["_seen"] = [*answers["_seen"], "about-the-studies"]
    set_answers(client, flow.prune(answers))
    page = check_page(client.get("/the-numbers"))
    text = squash(page.select_one("main").get_text(" "))
    assert ("may not be like you" in text) is outside
    assert ("show what happened to people like you" in text) is not outside
