"""The evidence layer: every number the decision aid shows, with its source, checked at start-up.

Source of truth: docs/evidence.md. Nothing marked U there can be displayed: unverified
items exist only as entries without a value, and every accessor that returns something for display
raises UnverifiedFigureError for them.

Public API (names are stable; other modules build pages and icon arrays on them)
-------------------------------------------------------------------------------

load_evidence() -> Evidence
    Builds, validates (raising EvidenceError) and caches the evidence. The app factory calls it
    once at start-up. Works without a Flask app context.

Evidence
    .sources                    read-only dict: source id -> Source
    .source(source_id)          -> Source (EvidenceError if unknown)
    .comparison_sets            tuple of ComparisonSet in display order; the default comes first
    .comparison_set(set_id)     -> ComparisonSet (EvidenceError if unknown)
    .default_set_id             "calgb-3y";  .default_set -> that ComparisonSet
    .figure(figure_id)          -> Figure for display; UnverifiedFigureError for unverified items
    .all_figures()              every Figure, unverified ones included (status "unverified",
                                value None, .description and .check_in say what is missing)
    .fact(fact_id)              -> Fact (doses, eligibility, REMS...); UnverifiedFigureError for
                                unverified items, ErroneousClaimError for known-wrong claims
    .all_facts()                every Fact
    .report_years()             YearSpan(first=2012, last=2019), from the main reports' years
    .checked_on                 date EVIDENCE.md was last verified (section (f))
    .validate()                 run the start-up checks again (raises EvidenceError)

ComparisonSet (what one screen may put side by side)
    .id, .trial_label (str), .title, .control_label, .population (Phrase)
    .horizon: Horizon(years: Decimal, window: (low, high), label: Phrase e.g. "about 3 years")
    .clock_start: ClockStart (transplant | randomisation | not_stated | mixed)
    .caveats, .text_facts: tuple of Statement(id, text: Phrase, figure_ids, fact_ids,
                           unavailable_ids, source_ids); text_facts are for words only
    .outcomes: tuple of OutcomeComparison in display order;  .drawable_outcomes;  .outcome(id)
    .denominator == 100;  .source_ids

OutcomeComparison (one outcome, lenalidomide against control)
    .outcome_id, .label, .definition (Phrase), .kind (Effect.BENEFIT: more is better |
    Effect.HARM: fewer is better), .is_benefit, .drawable (may be drawn as an icon array)
    .lenalidomide, .control: Figure
    .lenalidomide_per_100, .control_per_100: int (whole people, rounded half up from the most
    precise value); .per_100 {Arm: int}
    .lenalidomide_range, .control_range: Per100Range(low, high, basis: source_ci |
    computed_wilson | not_given, .label); low/high are None when not given; .ranges {Arm: ...}
    .certainty: Certainty(level, .label, .reason)
    .clearly_differs: bool, .clearly_differs_reason: Phrase (say "no clear difference" when False)
    .hazard_ratio, .caveat (Phrase or None), .source_ids
    .status: Status.OBSERVED | Status.DERIVED; .is_derived (show the "estimated" badge)

Figure: .id, .trial, .arm, .outcome, .value (Decimal, one decimal as published), .ci, .count, .n,
    .unit, .time_basis (kind, clock_start, years, median_follow_up_months, .effective_years),
    .population, .data_cut (.display for the footnote), .status, .badge, .evidence_status,
    .source_ids, .quote, .quote_source, .hazard_ratio, .not_reached
Fact: .id, .category, .label, .text (Phrase), .values (the numbers), .status, .source_ids, .quote
Source: .id, .label (plain, translatable), .citation (plain str), .url, .doi, .trial_registration

Text: every user-facing string is a Phrase: a lazy_gettext template whose numbers come from the
data through placeholders. str(phrase) translates it and formats the numbers for the current
locale; Jinja autoescapes it. Quotes and citations are plain untranslated str.

derive: round_half_up, largest_remainder, wilson_interval, display_per_100, range_per_100,
    risk_from_rate and survival_from_median (both return an Estimate with the "estimated" badge).
"""

from decision_aid.evidence import derive
from decision_aid.evidence.comparison import ComparisonSet
from decision_aid.evidence.comparison import OutcomeComparison
from decision_aid.evidence.enums import DENOMINATOR
from decision_aid.evidence.enums import Arm
from decision_aid.evidence.enums import CertaintyLevel
from decision_aid.evidence.enums import ClockStart
from decision_aid.evidence.enums import Effect
from decision_aid.evidence.enums import Kind
from decision_aid.evidence.enums import RangeBasis
from decision_aid.evidence.enums import Status
from decision_aid.evidence.model import Certainty
from decision_aid.evidence.model import ErroneousClaimError
from decision_aid.evidence.model import EvidenceError
from decision_aid.evidence.model import Fact
from decision_aid.evidence.model import Figure
from decision_aid.evidence.model import Horizon
from decision_aid.evidence.model import Per100Range
from decision_aid.evidence.model import Source
from decision_aid.evidence.model import Statement
from decision_aid.evidence.model import UnverifiedFigureError
from decision_aid.evidence.store import Evidence
from decision_aid.evidence.store import build_evidence
from decision_aid.evidence.store import load_evidence
from decision_aid.evidence.text import Phrase

__all__ = [
    "DENOMINATOR",
    "Arm",
    "Certainty",
    "CertaintyLevel",
    "ClockStart",
    "ComparisonSet",
    "Effect",
    "ErroneousClaimError",
    "Evidence",
    "EvidenceError",
    "Fact",
    "Figure",
    "Horizon",
    "Kind",
    "OutcomeComparison",
    "Per100Range",
    "Phrase",
    "RangeBasis",
    "Source",
    "Statement",
    "Status",
    "UnverifiedFigureError",
    "build_evidence",
    "derive",
    "load_evidence",
]
