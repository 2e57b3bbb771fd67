"""The numbers views: icon arrays that match the evidence, in both framings, for every study."""

import re

import pytest

from decision_aid.content import numbers
from decision_aid.evidence.enums import RangeBasis
from tests.helpers import Page
from tests.helpers import check_page
from tests.helpers import store_answers

pytestmark = pytest.mark.usefixtures("app")


@pytest.fixture
def numbers_page(client):
    """GET the numbers page of a person who has read everything before it."""

    def get(study=None):
        from decision_aid.journey import flow
        from tests.helpers import answers_before

        with client.session_transaction() as session:
            store_answers(session, answers_before(flow.step_for("the-numbers")))
        url = "/the-numbers" + (f"?study={study}" if study else "")
        return check_page(client.get(url))

    return get


def evidence_set(app, set_id):
    with app.test_request_context():
        return app.extensions["evidence"].comparison_set(set_id)


def arrays(page):
    return page.select('svg[role="img"][data-total]')


def categories(svg):
    return {group["data-category"]: int(group["data-count"]) for group in svg.select("[data-category]")}


def test_every_array_keeps_the_public_contract(numbers_page):
    page = numbers_page()
    found = arrays(page)
    assert found
    for svg in found:
        assert svg["data-total"] == "100"
        title = page.select_one("#" + svg["aria-labelledby"])
        assert title is not None and title.name == "title" and svg.find("title") is title
        counts = categories(svg)
        assert sum(counts.values()) == 100
        for group in svg.select("[data-category]"):
            assert group.select("rect"), "each category is drawn (a box per row, filled with its person)"
        for attribute in ("width", "height", "viewbox"):  # html.parser lowercases names
            assert svg.has_attr(attribute)
        # The text alternative states every number the picture shows.
        for count in counts.values():
            assert re.search(rf"\b{count}\b", title.get_text()), (count, title.get_text())


def test_each_text_alternative_reads_as_whole_sentences(numbers_page):
    # It said "39 would have been anyway" (been what?), and "With no maintenance: placebo (a dummy
    # pill): 39 in 100" (two colons).
    titles = [svg.find("title").get_text() for svg in arrays(numbers_page())]
    assert any("would have had this result anyway, and" in title for title in titles)
    for title in titles:
        assert "been anyway" not in title and title.count(":") <= 1, title


@pytest.mark.parametrize("set_id", ["calgb-3y", "ifm-5y", "meta-2017"])
def test_arrays_match_the_evidence(app, numbers_page, set_id):
    comparison_set = evidence_set(app, set_id)
    page = numbers_page(set_id)
    for comparison in comparison_set.drawable_outcomes:
        section = page.select_one(f"#{set_id}-{comparison.outcome_id}")
        assert section is not None, comparison.outcome_id
        lenalidomide, control = section.select('svg[role="img"]')
        len_counts, control_counts = categories(lenalidomide), categories(control)
        if comparison.clearly_differs:
            assert control_counts["anyway"] == comparison.control_per_100
            extra = comparison.lenalidomide_per_100 - comparison.control_per_100
            assert len_counts["anyway"] == comparison.control_per_100
            assert len_counts["extra"] == extra
            # One colour rule: helped or harmed only where a causal claim is allowed, else neutral.
            look = lenalidomide.select_one('[data-category="extra"]')["class"]
            assert look == [numbers.extra_role(comparison)]
            assert look == (
                ["extra" if comparison.is_benefit else "harmed"] if comparison.causal else ["more"]
            )
            assert (
                section.select_one(".outcome__difference")
                .get_text(strip=True)
                .startswith(f"So about {extra} more people in 100")
            )
        else:
            assert "extra" not in len_counts
            assert len_counts["same"] == comparison.lenalidomide_per_100
            assert control_counts["same"] == comparison.control_per_100
            assert "no clear difference" in section.get_text()
        sentences = [p.get_text(" ", strip=True) for p in section.select(".arm__sentence")]
        for sentence, count in zip(
            sentences, [comparison.lenalidomide_per_100, comparison.control_per_100], strict=True
        ):
            # Both framings: who had it and who did not, adding up to 100 (R6).
            assert sentence.startswith(f"{count} in 100 people")
            assert f"{100 - count} in 100" in sentence
        # A screen reader hears each arm's numbers once in the picture's name and once in its legend:
        # the sentence below, which the name already holds word for word, is hidden from it.
        for arm in section.select(".arm"):
            sentence = arm.select_one(".arm__sentence")
            assert sentence["aria-hidden"] == "true"
            assert sentence.get_text(" ", strip=True) in arm.select_one("svg title").get_text(" ", strip=True)
        when = section.select_one(".outcome__when").get_text(" ", strip=True)
        assert str(comparison_set.horizon.label) in when
        assert "counted from" in when or "does not say" in when
        # Trap 22: the data cut beside the pictures, not only on /evidence (IFM's 5 years had none).
        if comparison.lenalidomide.data_cut is not None:
            assert f"Data up to {comparison.lenalidomide.data_cut.display}." in when
        assert str(comparison.certainty.label) in section.select_one(".outcome__certainty").get_text()


def test_ifm_survival_shows_no_clear_difference(numbers_page):
    section = numbers_page("ifm-5y").select_one("#ifm-5y-os")
    assert "The study found no clear difference between the two groups." in section.get_text(" ")
    assert not section.select('[data-category="extra"]')


def test_range_is_drawn_inside_the_array_and_not_counted(app, numbers_page):
    comparison = evidence_set(app, "calgb-3y").outcome("calgb_ttp")
    svg = numbers_page().select_one("#calgb-3y-calgb_ttp svg")
    overlay = svg.select_one("g.range")
    assert overlay is not None and not overlay.has_attr("data-category")
    assert int(overlay["data-range-low"]) == comparison.lenalidomide_range.low
    assert int(overlay["data-range-high"]) == comparison.lenalidomide_range.high


def test_benefit_and_second_cancer_come_first_side_by_side(numbers_page):
    outcomes = numbers_page().select("details.outcome")
    assert [section["id"] for section in outcomes[:2]] == ["calgb-3y-calgb_ttp", "calgb-3y-spm_invasive"]
    for section in outcomes[:2]:
        assert len(section.select(".arms .arm")) == 2


def test_same_numbers_in_a_table(app, numbers_page):
    comparison_set = evidence_set(app, "calgb-3y")
    rows = numbers_page().select(".numbers-table tbody tr")
    assert len(rows) == len(comparison_set.drawable_outcomes)
    first = [cell.get_text(" ", strip=True) for cell in rows[0].select("td")]
    ttp = comparison_set.outcome("calgb_ttp")
    # Each option's number with its range, as the evidence data has it (here: given by the study).
    low, high = ttp.lenalidomide_range.low, ttp.lenalidomide_range.high
    assert first[0] == f"{ttp.lenalidomide_per_100} in 100 probably {low} to {high}"
    assert first[1].startswith(f"{ttp.control_per_100} in 100 ")
    # On a phone each cell is named, so the table stacks instead of clipping.
    assert [cell["data-label"] for cell in rows[0].select("td")][:2] == [
        "With lenalidomide",
        "With no maintenance",
    ]


def test_a_range_we_worked_out_is_marked_and_said_once(app, numbers_page):
    # "(range computed by us from the study's counts)" followed six of the ten numbers; a derived
    # figure is still labelled, by a star and one note under the table.
    page = numbers_page()
    comparison_set = evidence_set(app, "calgb-3y")
    cells = page.select(".numbers-table tbody td")
    marked = [cell for cell in cells if cell.select_one(".visually-hidden")]
    worked_out = [
        arm_range
        for comparison in numbers.set_view(comparison_set)
        for arm_range in comparison.comparison.ranges.values()
        if arm_range.basis == RangeBasis.COMPUTED_WILSON
    ]
    assert len(marked) == len(worked_out) > 0
    assert all("(worked out by us)" in cell.get_text(" ") for cell in marked)
    notes = [p.get_text(" ", strip=True) for p in page.select(".comparison-set > p.small")]
    assert notes == [
        "* We worked out the ranges with a star from the study's counts. The study gave the other ranges."
    ]
    assert "computed by us" not in page.text


def test_a_range_not_reported_is_said(numbers_page):
    rows = numbers_page("ifm-5y").select(".numbers-table tbody tr")
    assert "no range reported" in rows[0].get_text(" ")


def test_the_numbers_open_with_one_table_and_pictures_on_demand(numbers_page):
    page = numbers_page()
    assert len(page.select("table.numbers-overview")) == 1
    outcomes = page.select("details.outcome")
    assert outcomes and all(not details.has_attr("open") for details in outcomes)
    # Arrays inside a closed disclosure are still in the HTML (the public contract holds).
    assert all(details.select('svg[role="img"][data-total="100"]') for details in outcomes)
    assert "We show CALGB 100104 first" in page.text
    worked = page.select(".worked-example")
    assert len(worked) == 1 and worked[0].find_parent("details") is outcomes[0]
    assert "39 dark people were alive with their myeloma not worse" in worked[0].get_text(" ")
    assert "The 27 striped people are the extra ones" in worked[0].get_text(" ")
    # Every look used is explained before the first picture.
    key = page.select_one(".colour-key").get_text(" ")
    for words in ("Dark figures", "Orange striped", "Purple", "Grey figures", "Light figures"):
        assert words in key


def test_other_studies_are_on_request(numbers_page):
    other = numbers_page().select_one("#other-studies").find_next("details")
    assert other is not None and not other.has_attr("open")
    assert other.select(".study-picker a")


def test_study_picker_works_without_javascript(numbers_page):
    page = numbers_page()
    links = page.select(".study-picker a")
    assert {link["href"] for link in links} == {
        "/the-numbers?study=ifm-5y",
        "/the-numbers?study=meta-2017",
        "/the-numbers?study=myeloma-xi",
    }
    assert page.select_one("#set-calgb-3y") is not None
    ifm = numbers_page("ifm-5y")
    assert ifm.select_one(".study-picker [aria-current=page]").get_text().startswith("IFM 2005-02")
    assert ifm.select_one('a[href="/the-numbers"]') is not None, "a way back to the main study"


def test_second_cancers_in_ifm_are_words_only(numbers_page):
    page = numbers_page("ifm-5y")
    assert not page.select('[id^="ifm-5y-spm"]')
    assert "3.1 new cancers with lenalidomide and 1.2 with placebo" in page.text


def test_pooled_study_second_cancers_are_over_the_follow_up(numbers_page):
    page = numbers_page("meta-2017")
    when = page.select_one("#meta-2017-spm_blood_before_progression .outcome__when").get_text(" ")
    assert "over the follow-up time" in when
    assert not re.search(r"after \d+ years", when)


@pytest.mark.parametrize(
    ("lang", "singular"),
    [("en", "1 dark person got"), ("es", "1 persona oscura"), ("fr", "1 personne foncée")],
)
def test_how_to_read_the_pictures_agrees_with_each_count(client, numbers_page, lang, singular):
    # The pooled study's blood cancers: 1 with placebo, so 1 dark person with lenalidomide. The
    # sentence agreed with the striped count only: "1 dark people got", "1 personas oscuras".
    client.get(f"/?lang={lang}")
    example = numbers_page("meta-2017").select_one(".worked-example").get_text(" ", strip=True)
    assert singular in example, example


def test_myeloma_xi_has_words_and_no_pictures(numbers_page):
    page = numbers_page("myeloma-xi")
    assert not arrays(page)
    assert "10 mg on days 1 to 21 of each 28-day cycle" in page.text
    assert "could not have a transplant" in page.text
    # The follow-up time is the whole study's (1,971 people), not the transplant group's alone.
    assert "in the whole study, half of the people were followed for more than 31 months" in page.text


def test_unknown_study_falls_back_to_the_default(numbers_page):
    page = numbers_page("../../etc/passwd")
    assert page.select_one("#set-calgb-3y") is not None


def picture_references_resolve(page):
    """Every url(#id) an SVG points at names an element on the same page, and the page defines no
    person tile that nothing draws (the range outline's aside); the tiles' holder, if any."""
    page = page.soup if isinstance(page, Page) else page
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), "ids are unique on the page"
    used = set()
    for tag in page.find_all(fill=re.compile("^url")):
        target = re.fullmatch(r"url\(#(.+)\)", tag["fill"]).group(1)
        assert target in ids, tag["fill"]
        used.add(target)
    holders = page.select("svg.icon-defs")
    for holder in holders:
        assert {tile["id"] for tile in holder.find_all("pattern")} - {"icon-range"} <= used
    return holders


@pytest.mark.parametrize("set_id", [None, "ifm-5y", "meta-2017"])
def test_the_numbers_page_defines_the_people_once(numbers_page, set_id):
    page = numbers_page(set_id)
    assert len(picture_references_resolve(page)) == 1
    assert arrays(page) and not any(svg.find("pattern") for svg in arrays(page))
    assert not any(swatch.find("defs") for swatch in page.select("svg.icon-swatch"))


def test_the_summary_page_defines_the_people_once_and_its_pdf_keeps_each_picture_whole(app, client):
    from bs4 import BeautifulSoup

    from decision_aid.web.documents import summary_part
    from tests.helpers import complete_answers

    with client.session_transaction() as session:
        store_answers(session, complete_answers())
    page = check_page(client.get("/summary"))
    assert len(picture_references_resolve(page)) == 1 and arrays(page)
    # WeasyPrint resolves url(#...) only inside one <svg>: each picture in the PDF holds its own tiles
    with app.test_request_context("/summary.pdf"):
        printed = BeautifulSoup(summary_part(complete_answers(), None, "en")["html"], "html.parser")
    assert not picture_references_resolve(printed) and len(arrays(printed)) == len(arrays(page))
    for svg in printed.find_all("svg"):
        for tag in svg.find_all(fill=re.compile("^url")):
            assert svg.find(id=tag["fill"][5:-1]), tag["fill"]


def test_outcomes_without_numbers_are_listed_not_run_into_a_sentence(numbers_page):
    # The outcome names are headings: run into a sentence they kept their capitals ("…for: A second,
    # new cancer; A serious drop…") and, in Spanish, a verb clause sat in a list of nouns.
    page = numbers_page("ifm-5y")
    lead = next(p for p in page.select("main p") if p.get_text(strip=True).startswith("This study gave no"))
    assert lead.get_text(strip=True) == "This study gave no out-of-100 numbers for:"
    listed = [item.get_text(strip=True) for item in lead.find_next_sibling("ul").select("li")]
    assert listed == [
        "A second, new cancer",
        "A serious drop in white blood cells (grade 3–4 neutropenia)",
        "Stopped the study capsules because of side effects",
    ]
