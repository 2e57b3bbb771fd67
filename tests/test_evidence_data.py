"""The evidence API, the comparison sets, the translatable text, and the start-up validation."""

import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from flask import Flask
from flask import has_app_context
from flask_babel import Babel
from flask_babel import lazy_gettext as lazy

from decision_aid.evidence import Arm
from decision_aid.evidence import Effect
from decision_aid.evidence import ErroneousClaimError
from decision_aid.evidence import Evidence
from decision_aid.evidence import EvidenceError
from decision_aid.evidence import Horizon
from decision_aid.evidence import RangeBasis
from decision_aid.evidence import Status
from decision_aid.evidence import derive
from decision_aid.evidence import load_evidence
from decision_aid.evidence.enums import EvidenceStatus
from decision_aid.evidence.text import P
from decision_aid.evidence.text import Phrase
from decision_aid.evidence.text import format_number
from decision_aid.evidence.text import msgid
from decision_aid.evidence.validate import FORBIDDEN_WORDS
from decision_aid.evidence.validate import iter_text

PACKAGE = Path(__file__).resolve().parents[1] / "decision_aid" / "evidence"
BENEFITS = {"calgb_ttp", "os", "pfs"}
NOT_CLEARLY_DIFFERENT = {("ifm-5y", "os")}


def rebuild(evidence, **changes):
    """A new, unvalidated Evidence with some parts swapped."""
    parts = {
        "sources": tuple(evidence.sources.values()),
        "figures": evidence.all_figures(),
        "facts": evidence.all_facts(),
        "erroneous_claims": evidence.erroneous_claims,
        "comparison_sets": evidence.comparison_sets,
        "default_set_id": evidence.default_set_id,
    }
    parts.update(changes)
    return Evidence(**parts)


def swap(items, item_id, **changes):
    return tuple(dataclasses.replace(i, **changes) if i.id == item_id else i for i in items)


def assert_invalid(evidence, pattern):
    with pytest.raises(EvidenceError, match=pattern):
        evidence.validate()


# --- API -----------------------------------------------------------------------------------------


def test_load_evidence_is_cached_and_valid_without_an_app_context(evidence):
    assert not has_app_context()
    assert load_evidence() is evidence
    evidence.validate()
    for text in iter_text(evidence):
        assert "%(" not in str(text)


def test_default_set_comes_first(evidence):
    assert evidence.default_set_id == "calgb-3y"
    assert evidence.comparison_sets[0] is evidence.default_set is evidence.comparison_set("calgb-3y")


@pytest.mark.parametrize(
    "lookup, key",
    [
        ("source", "S999"),
        ("comparison_set", "calgb-5y"),
        ("figure", "calgb.nothing.control"),
        ("fact", "nothing"),
    ],
)
def test_unknown_ids_raise(evidence, lookup, key):
    with pytest.raises(EvidenceError):
        getattr(evidence, lookup)(key)
    with pytest.raises(EvidenceError):
        evidence.default_set.outcome("nothing")


def test_verified_figures_and_sources_resolve(evidence):
    for figure in evidence.all_figures():
        if figure.status is not Status.UNVERIFIED:
            assert evidence.figure(figure.id) is figure
            assert str(figure.badge) == "observed"
            assert all(evidence.source(s) for s in figure.source_ids)
    for source in evidence.sources.values():
        assert str(source.label) and source.citation.endswith(".")


# --- trap 1: 25 mg is never a maintenance dose ----------------------------------------------------


def test_seed_003_dose_is_refused(evidence):
    with pytest.raises(ErroneousClaimError, match="mxi.maintenance_dose"):
        evidence.fact("mxi.dose_seed003")
    assert evidence.fact("mxi.maintenance_dose").values["dose_mg"] == 10


def test_no_fact_figure_or_string_gives_25_mg(evidence):
    for fact in evidence.all_facts():
        assert fact.values.get("dose_mg") != 25, fact.id
        assert not re.search(r"\b25 ?mg", fact.quote + str(fact.text)), fact.id
    for figure in evidence.all_figures():
        assert "25 mg" not in figure.quote, figure.id
    for text in iter_text(evidence):
        assert not re.search(r"\b25 ?mg", str(text))


# --- translatable text ----------------------------------------------------------------------------


def test_catalog_strings_have_no_digits_and_cover_the_data(evidence):
    keywords = {"_l": None, "PN": (1, 2)}  # PN: a phrase with singular and plural forms
    found = extract_from_dir(str(PACKAGE), keywords=keywords)
    # A plural message is a (singular, plural) pair, known by its singular.
    pairs = [message if isinstance(message, tuple) else (message,) for _, _, message, _, _ in found]
    extracted = {pair[0] for pair in pairs}
    assert extracted
    assert not [text for pair in pairs for text in pair if re.search(r"\d", text)]
    for message in extracted:
        assert not re.search(r"\d", message), message
        assert not FORBIDDEN_WORDS.search(message), message
    in_data = {t.msgid if isinstance(t, Phrase) else msgid(t) for t in iter_text(evidence)}
    assert in_data <= extracted  # every user-facing string is wrapped in _l() where pybabel sees it


def test_numbers_and_months_follow_the_locale(evidence):
    follow_up = evidence.fact("meta.follow_up").text
    crossover = evidence.fact("calgb.crossover").text
    assert "79.5 months" in str(follow_up) and "December 2009" in str(crossover)
    app = Flask(__name__)
    Babel(app, locale_selector=lambda: "es")
    with app.test_request_context("/"):
        assert "79,5" in str(follow_up)
        assert "diciembre de 2009" in str(crossover)
        assert format_number(Decimal("2.0")) == "2,0"  # the trailing zero of "5.8 vs 2.0" stays
    assert format_number(Decimal("2.0")) == "2.0" and format_number(1208) == "1,208"


def test_phrases_escape_their_values_in_html():
    phrase = P(lazy("Hello %(name)s"), name="<b>")
    assert phrase.__html__() == "Hello &lt;b&gt;"
    with pytest.raises(TypeError):
        P("not lazy")


# --- comparison sets ------------------------------------------------------------------------------


def test_every_outcome_is_complete_and_inside_its_horizon(evidence):
    for cset in evidence.comparison_sets:
        horizon = cset.horizon
        assert horizon.window[0] <= horizon.years <= horizon.window[1] and str(horizon.label)
        assert cset.denominator == 100 and str(cset.population) and str(cset.title)
        for outcome in cset.outcomes:
            assert outcome.denominator == 100
            assert outcome.kind is (Effect.BENEFIT if outcome.outcome_id in BENEFITS else Effect.HARM)
            assert str(outcome.label) and str(outcome.definition)
            assert str(outcome.certainty.label) in {"moderate", "low"} and str(outcome.certainty.reason)
            assert outcome.status is Status.OBSERVED and not outcome.is_derived
            expected = (cset.id, outcome.outcome_id) not in NOT_CLEARLY_DIFFERENT
            assert outcome.clearly_differs is expected and str(outcome.clearly_differs_reason)
            for arm, figure in ((Arm.LENALIDOMIDE, outcome.lenalidomide), (Arm.CONTROL, outcome.control)):
                assert figure.arm is arm
                years = figure.time_basis.effective_years
                assert horizon.window[0] <= years <= horizon.window[1], (cset.id, figure.id)


def test_ranges_come_from_the_source_else_the_counts_else_say_not_given(evidence):
    for cset in evidence.comparison_sets:
        for outcome in cset.outcomes:
            for figure, per_100, span in (
                (outcome.lenalidomide, outcome.lenalidomide_per_100, outcome.lenalidomide_range),
                (outcome.control, outcome.control_per_100, outcome.control_range),
            ):
                if figure.ci is not None:
                    assert span.basis is RangeBasis.SOURCE_CI
                    assert (span.low, span.high) == tuple(int(x) for x in figure.ci)
                elif figure.count is not None:
                    low, high = derive.wilson_interval(figure.count, figure.n)
                    assert span.basis is RangeBasis.COMPUTED_WILSON
                    assert abs(span.low - low * 100) <= 0.5 and abs(span.high - high * 100) <= 0.5
                else:
                    assert span.basis is RangeBasis.NOT_GIVEN and span.low is None and span.high is None
                    assert "no range" in str(span.label)
                if span.low is not None:
                    assert span.low <= per_100 <= span.high


def test_calgb_set_caveats(evidence):
    cset = evidence.comparison_set("calgb-3y")
    caveats = " ".join(str(c.text) for c in cset.caveats)
    assert "86 of the 128" in caveats and "December 2009" in caveats and "34 months" in caveats
    assert "143" in str(cset.outcome("stopped_ae").caveat)
    assert cset.clock_start == "mixed"


def test_ifm_second_cancers_are_words_only(evidence):
    cset = evidence.comparison_set("ifm-5y")
    assert not any(o.outcome_id.startswith("spm") for o in cset.outcomes)
    words = {s.id: str(s.text) for s in cset.text_facts}
    assert all(n in words["ifm.spm_rate"] for n in ("3.1", "1.2", "45 months"))
    assert "January 2011" in " ".join(str(c.text) for c in cset.caveats)


def test_meta_medians_are_words_and_second_cancers_speak_for_the_follow_up(evidence):
    cset = evidence.comparison_set("meta-2017")
    assert {o.lenalidomide.time_basis.kind for o in cset.outcomes} == {"cumulative_incidence"}
    assert all(o.lenalidomide.time_basis.years is None for o in cset.outcomes)  # no fixed-year risk
    assert "79.5 months" in str(cset.horizon.label)
    words = " ".join(str(s.text) for s in cset.text_facts)
    assert all(n in words for n in ("52.8", "23.5", "86.0", "not reached"))


def test_myeloma_xi_is_words_only_and_hides_the_unverified_control(evidence):
    cset = evidence.comparison_set("myeloma-xi")
    assert cset.outcomes == ()
    te = next(s for s in cset.text_facts if s.id == "mxi.te_median_pfs")
    # Rule (g) 4: a median for one arm only (57 months) is not shown alone.
    assert "57" not in str(te.text) and te.unavailable_ids == ("mxi.te_median_pfs.control",)
    caveats = " ".join(str(c.text) for c in cset.caveats)
    assert "10 mg on days 1 to 21 of each 28-day cycle" in caveats
    assert "could not have a transplant" in caveats


# --- validation catches broken data ---------------------------------------------------------------


def test_validation_catches_a_broken_source_id(evidence):
    figures = swap(evidence.all_figures(), "calgb.os_3y.control", source_ids=("S999",), quote_source="S999")
    assert_invalid(rebuild(evidence, figures=figures), "unknown source id 'S999'")
    facts = swap(evidence.all_facts(), "rems.program", source_ids=("W99",))
    assert_invalid(rebuild(evidence, facts=facts), "unknown source id 'W99'")


@pytest.mark.parametrize("field", ["quote", "unit", "time_basis", "population"])
def test_validation_catches_a_missing_field(evidence, field):
    blank = "" if field == "quote" else None
    figures = swap(evidence.all_figures(), "ifm.spm_rate.control", **{field: blank})
    assert_invalid(rebuild(evidence, figures=figures), f"missing {field}")


def test_validation_catches_a_figure_outside_the_horizon_window(evidence):
    calgb = evidence.default_set
    wider = Horizon(Decimal(5), (Decimal("4.5"), Decimal("5.5")), calgb.horizon.label)
    sets = (dataclasses.replace(calgb, horizon=wider),) + evidence.comparison_sets[1:]
    assert_invalid(rebuild(evidence, comparison_sets=sets), "outside the window")


def test_validation_catches_an_unverified_value(evidence):
    figures = swap(evidence.all_figures(), "meta.os_7y", value=Decimal(60))
    assert_invalid(rebuild(evidence, figures=figures), "unverified but carries")


def test_validation_catches_a_25_mg_maintenance_dose(evidence):
    fact = evidence.fact("mxi.maintenance_dose")
    wrong = P(fact.text.template, **{**fact.values, "dose_mg": 25})
    facts = swap(evidence.all_facts(), fact.id, text=wrong)
    assert_invalid(rebuild(evidence, facts=facts), "trap 1")


def test_validation_catches_numbers_that_do_not_add_up(evidence):
    figures = swap(evidence.all_figures(), "calgb.spm.lenalidomide", count=19)
    assert_invalid(rebuild(evidence, figures=figures), "does not match 19/231")
    calgb = evidence.default_set
    bad = dataclasses.replace(calgb.outcomes[0], lenalidomide_per_100=67)
    sets = (dataclasses.replace(calgb, outcomes=(bad,) + calgb.outcomes[1:]),) + evidence.comparison_sets[1:]
    assert_invalid(rebuild(evidence, comparison_sets=sets), "per-100 numbers do not match")


def test_validation_catches_an_unsupported_clear_difference(evidence):
    ifm = evidence.comparison_set("ifm-5y")
    os_outcome = ifm.outcome("os")
    flipped = dataclasses.replace(
        os_outcome, difference=dataclasses.replace(os_outcome.difference, clearly_differs=True)
    )
    sets = tuple(
        dataclasses.replace(s, outcomes=(s.outcomes[0], flipped)) if s is ifm else s
        for s in evidence.comparison_sets
    )
    assert_invalid(rebuild(evidence, comparison_sets=sets), "no clear difference")


def test_validation_catches_digits_in_translatable_text(evidence):
    fact = evidence.fact("rems.no_blood_donation")
    facts = swap(evidence.all_facts(), fact.id, label=P(lazy("Wait 4 weeks")))
    assert_invalid(rebuild(evidence, facts=facts), "has a digit")


def test_validation_catches_structural_mistakes(evidence):
    with pytest.raises(EvidenceError, match="duplicate figure id"):
        rebuild(evidence, figures=evidence.all_figures() + evidence.all_figures()[:1])
    assert_invalid(rebuild(evidence, comparison_sets=evidence.comparison_sets[::-1]), "default set")
    calgb = evidence.default_set
    sets = (dataclasses.replace(calgb, denominator=1000),) + evidence.comparison_sets[1:]
    assert_invalid(rebuild(evidence, comparison_sets=sets), "denominator must be 100")
    xi = evidence.comparison_set("myeloma-xi")
    leaky = dataclasses.replace(
        xi.text_facts[0], unavailable_ids=(), figure_ids=("mxi.te_median_pfs.control",)
    )
    sets = evidence.comparison_sets[:3] + (dataclasses.replace(xi, text_facts=(leaky,)),)
    assert_invalid(rebuild(evidence, comparison_sets=sets), "wrong verification status")


def test_validation_keeps_unverified_citation_details_out(evidence):
    sources = swap(tuple(evidence.sources.values()), "S004", volume_pages="366:1770-81")
    assert_invalid(rebuild(evidence, sources=sources), "unverified details leak")
    # The verified form (W45, section (g) G17) is cited; the short form section (e) lists as U is not.
    assert "366:1770-81" not in evidence.source("S004").citation
    assert "57-73" not in evidence.source("W1").citation


def test_validation_requires_a_formula_for_derived_figures(evidence):
    figures = swap(evidence.all_figures(), "ifm.pfs_5y.control", evidence_status=EvidenceStatus.D)
    assert_invalid(rebuild(evidence, figures=figures), "derivation formula")


def test_report_years_and_check_date(evidence):
    assert tuple(evidence.report_years()) == (2012, 2019)
    assert (evidence.report_years().first, evidence.report_years().last) == (2012, 2019)
    assert evidence.checked_on.isoformat() == "2026-11-20"


def test_time_basis_descriptions_fill_in_their_numbers(evidence):
    ttp = evidence.figure("calgb.ttp_3y.lenalidomide").time_basis
    assert "at 3 years" in str(ttp.description) and "transplant" in str(ttp.clock_label)
    spm = evidence.figure("calgb.spm.control").time_basis
    assert "34 months" in str(spm.description) and "joined the study" in str(spm.clock_label)
    rate = evidence.figure("ifm.spm_rate.lenalidomide").time_basis
    assert "every 100 people" in str(rate.description) and "45 months" in str(rate.description)
    # The report gives the safety data cut only roughly (EVIDENCE.md: "to Feb 2012 (U exact)").
    assert str(evidence.figure("calgb.spm.control").data_cut.display) == "about February 2012"


def test_fact_lookup_does_not_hand_out_figures(evidence):
    with pytest.raises(EvidenceError, match="use Evidence.figure"):
        evidence.fact("calgb.spm.lenalidomide")


def test_a_findable_paper_is_cited_without_its_web_address(evidence):
    # The address made printed source lists long, and the evidence page showed it twice.
    rosinol = evidence.source("W50")
    assert rosinol.url and rosinol.journal and rosinol.volume_pages
    assert rosinol.citation == "Rosiñol et al. Blood 2023;142(18):1518."
    # Known only by a web address or an abstract: the address is the way to find it.
    jackson, abstract = evidence.source("W1"), evidence.source("W36")
    assert jackson.url in jackson.citation and abstract.url in abstract.citation


def test_the_evidence_page_links_each_web_address_once(client, evidence):
    from tests.helpers import check_page

    page = check_page(client.get("/evidence"))
    for source in evidence.sources.values():
        item = page.select_one(f"#source-{source.id}")
        if item is None or not source.url:
            continue
        # Every address is a link (a web-only source's too), and said only once.
        assert item.select_one(f'a[href="{source.url}"]') is not None, source.id
        assert item.get_text(" ").count(source.url) == 1, source.id
