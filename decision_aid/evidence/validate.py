"""Start-up checks: refuse to run with evidence that could put a wrong number on screen."""

import dataclasses
import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP
from decimal import Decimal

from flask_babel import LazyString

from decision_aid.evidence import derive
from decision_aid.evidence.enums import DENOMINATOR
from decision_aid.evidence.enums import KIND_UNITS
from decision_aid.evidence.enums import PROPORTION_KINDS
from decision_aid.evidence.enums import Arm
from decision_aid.evidence.enums import ClockStart
from decision_aid.evidence.enums import DifferenceBasis
from decision_aid.evidence.enums import Effect
from decision_aid.evidence.enums import Kind
from decision_aid.evidence.enums import Status
from decision_aid.evidence.enums import Unit
from decision_aid.evidence.model import EvidenceError
from decision_aid.evidence.outcomes import TRIALS
from decision_aid.evidence.text import Phrase
from decision_aid.evidence.text import msgid

FIGURE_ID = re.compile(r"^[a-z]+\.[a-z0-9_]+(\.(lenalidomide|control))?$")
SOURCE_ID = re.compile(r"^(S\d{3}|W\d+)$")
FACT_CATEGORIES = {
    "dose",
    "rems",
    "eligibility",
    "trial",
    "publication",
    "survival",
    "guideline",
    "since_trials",
    "safety",
}
# Standards A1, A2 and A10: no verbal probabilities, relative-only risk words or advice.
FORBIDDEN_WORDS = re.compile(
    r"\b(rare|rarely|common|commonly|uncommon|likely|unlikely|times (more|less)|you should|we recommend"
    r"|best choice)\b",
    re.IGNORECASE,
)
# Trap 1: 25 mg is the combination and consolidation dose, never a maintenance dose.
WRONG_MAINTENANCE_DOSE_MG = 25


def validate(evidence):
    """Check everything; raise one EvidenceError listing every problem found."""
    problems = []
    for source in evidence.sources.values():
        _check_source(source, problems)
    for figure in evidence.all_figures():
        _check_figure(figure, evidence, problems)
    _check_pairs(evidence.all_figures(), problems)
    for fact in evidence.all_facts():
        _check_fact(fact, evidence, problems)
    for claim in evidence.erroneous_claims:
        _check_claim(claim, evidence, problems)
    _check_sets(evidence, problems)
    for text in iter_text(evidence):
        _check_text(text, problems)
    if problems:
        raise EvidenceError("evidence data failed validation:\n- " + "\n- ".join(problems))


def _need_sources(owner, ids, evidence, problems, quote_source=None):
    if not ids:
        problems.append(f"{owner}: no source ids")
    for source_id in ids:
        if source_id not in evidence.sources:
            problems.append(f"{owner}: unknown source id {source_id!r}")
    if quote_source is not None and quote_source not in ids:
        problems.append(f"{owner}: quote source {quote_source!r} is not among its sources")


def _check_source(source, problems):
    if not SOURCE_ID.match(source.id) or not source.description or not isinstance(source.label, Phrase):
        problems.append(f"source {source.id}: needs an S/W id, a description and a Phrase label")
    if source.seed_file and not source.id.startswith("S"):
        problems.append(f"source {source.id}: only S ids are seed files")
    if source.unverified_details and source.unverified_details in source.citation:
        problems.append(f"source {source.id}: unverified details leak into the citation")


def _check_figure(figure, evidence, problems):
    name = f"figure {figure.id}"
    if not FIGURE_ID.match(figure.id) or not figure.id.startswith(f"{figure.trial}."):
        problems.append(f"{name}: malformed id or trial {figure.trial!r}")
    if figure.arm is not Arm.BOTH and not figure.id.endswith(f".{figure.arm}"):
        problems.append(f"{name}: id does not end with its arm")
    if figure.status is Status.UNVERIFIED:
        _check_unverified(name, figure, problems)
        return
    missing = [f for f in ("unit", "time_basis", "population", "quote") if not getattr(figure, f)]
    if missing:
        problems.append(f"{name}: missing {', '.join(missing)}")
        return
    _need_sources(name, figure.source_ids, evidence, problems, figure.quote_source)
    if figure.arm is Arm.BOTH or figure.check_in or figure.description is not None:
        problems.append(f"{name}: verified figures belong to one arm and have no unverified fields")
    if (figure.status is Status.DERIVED) != bool(figure.derivation):
        problems.append(f"{name}: a derivation formula is required for, and only for, derived figures")
    _check_measure(name, figure, problems)
    _check_counts(name, figure, problems)
    if figure.hazard_ratio is not None:
        _check_hazard_ratio(name, figure, evidence, problems)


def _check_unverified(name, figure, problems):
    leaked = [f for f in ("value", "ci", "count", "n", "hazard_ratio") if getattr(figure, f) is not None]
    if leaked or figure.not_reached:
        problems.append(f"{name}: unverified but carries {leaked or 'not_reached'}")
    if not figure.check_in or not isinstance(figure.description, Phrase):
        problems.append(f"{name}: unverified items need check_in and a description")


def _check_hazard_ratio(name, figure, evidence, problems):
    hr = figure.hazard_ratio
    no_ci = hr.low is None and hr.high is None
    bounds_ok = no_ci or (hr.low is not None and hr.high is not None and hr.low <= hr.value <= hr.high)
    if figure.arm is not Arm.LENALIDOMIDE or hr.value <= 0 or not bounds_ok or not hr.quote:
        problems.append(f"{name}: hazard ratio must sit on the lenalidomide arm, with CI around it")
    _need_sources(f"{name} hazard ratio", figure.source_ids, evidence, problems, hr.quote_source)


def _check_measure(name, figure, problems):
    basis, value = figure.time_basis, figure.value
    if figure.unit not in KIND_UNITS[basis.kind]:
        problems.append(f"{name}: unit {figure.unit} does not fit a {basis.kind}")
    if (value is None) != (figure.not_reached and basis.kind is Kind.MEDIAN):
        problems.append(f"{name}: needs a value (only a median may be 'not reached')")
    elif value is not None and (value < 0 or (figure.unit is Unit.PERCENT and value > 100)):
        problems.append(f"{name}: value {value} out of range for {figure.unit}")
    elif figure.ci is not None and (value is None or not figure.ci[0] <= value <= figure.ci[1]):
        problems.append(f"{name}: value {value} outside its CI {figure.ci}")
    need_years = basis.kind is Kind.KM_LANDMARK
    if need_years != (basis.years is not None) and basis.kind is not Kind.CUMULATIVE_INCIDENCE:
        problems.append(f"{name}: only a Kaplan-Meier landmark (or dated incidence) gives years")
    if basis.kind is not Kind.KM_LANDMARK and basis.effective_years is None:
        problems.append(f"{name}: a {basis.kind} needs its median follow-up")


def _check_counts(name, figure, problems):
    count, n = figure.count, figure.n
    if (count is None) != (n is None):
        problems.append(f"{name}: give both count and n, or neither")
    elif count is not None:
        if figure.unit is not Unit.PERCENT or figure.value is None or n <= 0 or not 0 <= count <= n:
            problems.append(f"{name}: impossible count {count}/{n}")
            return
        # The data keep one decimal, rounded half up, as EVIDENCE.md writes it (45.0, 14.8).
        stated = (Decimal(count * 100) / n).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if stated != figure.value:
            problems.append(f"{name}: value {figure.value} does not match {count}/{n} = {stated}")


def _check_pairs(figures, problems):
    by_key = {}
    for figure in figures:
        if figure.arm is not Arm.BOTH:
            by_key.setdefault(figure.id.rsplit(".", 1)[0], []).append(figure)
    for key, pair in by_key.items():
        kinds = {
            (f.outcome.id, f.unit, f.time_basis.kind if f.time_basis else None)
            for f in pair
            if f.status is not Status.UNVERIFIED
        }
        if len(kinds) > 1:
            problems.append(f"figures {key}.*: the two arms measure different things")


def _check_fact(fact, evidence, problems):
    name = f"fact {fact.id}"
    _need_sources(name, fact.source_ids, evidence, problems, fact.quote_source)
    if fact.category not in FACT_CATEGORIES or fact.id in evidence.figure_ids:
        problems.append(f"{name}: bad category or id clash with a figure")
    if fact.status is Status.UNVERIFIED:
        problems.append(f"{name}: unverified content belongs on the unverified list, not in a fact")
    if (fact.status is Status.DERIVED) != bool(fact.derivation) or not (fact.quote or fact.derivation):
        problems.append(f"{name}: observed facts need a quote; derived facts need their derivation")
    if fact.values.get("dose_mg") == WRONG_MAINTENANCE_DOSE_MG:
        problems.append(f"{name}: {WRONG_MAINTENANCE_DOSE_MG} mg is never a maintenance dose (trap 1)")


def _check_claim(claim, evidence, problems):
    if claim.source_id not in evidence.sources or claim.correct_fact_id not in evidence.fact_ids:
        problems.append(f"erroneous claim {claim.id}: unknown source or correcting fact")
    if claim.id in evidence.fact_ids or claim.id in evidence.figure_ids:
        problems.append(f"erroneous claim {claim.id}: id clashes with a fact or figure")


def _check_sets(evidence, problems):
    sets = evidence.comparison_sets
    if not sets or sets[0].id != evidence.default_set_id:
        problems.append(f"the default set {evidence.default_set_id!r} must exist and come first")
    for cset in sets:
        name = f"set {cset.id}"
        low, high = cset.horizon.window
        if cset.denominator != DENOMINATOR or not 0 < low <= cset.horizon.years <= high:
            problems.append(f"{name}: denominator must be {DENOMINATOR} and the horizon inside its window")
        clocks = {f.time_basis.clock_start for o in cset.outcomes for f in (o.lenalidomide, o.control)}
        expected = clocks.pop() if len(clocks) == 1 else ClockStart.MIXED if clocks else None
        if expected is not None and cset.clock_start is not expected:
            problems.append(f"{name}: clock_start {cset.clock_start} but its outcomes say {expected}")
        ids = [s.id for s in cset.caveats + cset.text_facts] + [o.outcome_id for o in cset.outcomes]
        if len(ids) != len(set(ids)):
            problems.append(f"{name}: duplicate statement or outcome ids")
        for statement in cset.caveats + cset.text_facts:
            _check_statement(f"{name} statement {statement.id}", statement, evidence, problems)
        for outcome in cset.outcomes:
            _check_outcome(f"{name} outcome {outcome.outcome_id}", cset, outcome, evidence, problems)


def _check_statement(name, statement, evidence, problems):
    _need_sources(name, statement.source_ids, evidence, problems)
    for figure_id in statement.figure_ids + statement.unavailable_ids:
        figure = evidence.figure_or_none(figure_id)
        wanted = figure_id in statement.unavailable_ids
        if figure is None or (figure.status is Status.UNVERIFIED) != wanted:
            problems.append(f"{name}: {figure_id} is missing or has the wrong verification status")
    if any(i not in evidence.fact_ids for i in statement.fact_ids):
        problems.append(f"{name}: unknown fact id")


def _check_outcome(name, cset, outcome, evidence, problems):
    figures = (outcome.lenalidomide, outcome.control)
    if (outcome.lenalidomide.arm, outcome.control.arm) != (Arm.LENALIDOMIDE, Arm.CONTROL):
        problems.append(f"{name}: arms in the wrong slots")
    if outcome.denominator != DENOMINATOR or outcome.kind is Effect.NOT_APPLICABLE:
        problems.append(f"{name}: denominator must be {DENOMINATOR} and the outcome a benefit or harm")
    for figure in figures:
        if evidence.figure_or_none(figure.id) != figure or figure.status is Status.UNVERIFIED:
            problems.append(f"{name}: {figure.id} is not a verified figure of this evidence")
            return
        if figure.value is None or figure.time_basis.kind not in PROPORTION_KINDS:
            problems.append(f"{name}: {figure.id} is not a proportion of people")
            return
        if TRIALS.get(figure.trial) != cset.trial_label or figure.outcome != outcome.lenalidomide.outcome:
            problems.append(f"{name}: {figure.id} belongs to another trial or outcome")
        if not cset.horizon.contains(figure.time_basis.effective_years):
            problems.append(
                f"{name}: {figure.id} speaks for {figure.time_basis.effective_years} years,"
                f" outside the window {cset.horizon.window}"
            )
    per_100 = (outcome.lenalidomide_per_100, outcome.control_per_100)
    ranges = (outcome.lenalidomide_range, outcome.control_range)
    recomputed = tuple(derive.display_per_100(f) for f in figures)
    if per_100 != recomputed or not all(0 <= p <= DENOMINATOR for p in per_100):
        problems.append(f"{name}: per-100 numbers do not match the figures")
    if ranges != tuple(derive.range_per_100(f) for f in figures):
        problems.append(f"{name}: ranges do not match the figures")
    _check_difference(name, outcome, problems)


def _check_difference(name, outcome, problems):
    difference, hr = outcome.difference, outcome.hazard_ratio
    basis, claimed = difference.basis, difference.clearly_differs
    if basis is DifferenceBasis.HR_EQUALS_ONE:
        if claimed or hr is None or hr.value != 1:
            problems.append(f"{name}: 'no clear difference' needs a hazard ratio of exactly 1")
        return
    if basis is DifferenceBasis.HR_CI_EXCLUDES_ONE:
        actual = hr is not None and hr.low is not None and (hr.high < 1 or hr.low > 1)
    elif basis is DifferenceBasis.RANGES_DO_NOT_OVERLAP:
        (_, a), (_, b) = (derive.exact_range(f) for f in (outcome.lenalidomide, outcome.control))
        actual = a is not None and b is not None and (a[1] < b[0] or b[1] < a[0])
    else:  # a p-value or the source's own words: the quote must be there
        actual = bool(difference.quote) and difference.quote_source in outcome.source_ids
    if actual != claimed:
        problems.append(f"{name}: clearly_differs={claimed} is not supported by its {basis}")


def iter_text(obj):
    """Yield every Phrase and bare lazy string reachable from obj (the catalog's view of the data)."""
    if isinstance(obj, Phrase | LazyString):
        yield obj
        if isinstance(obj, Phrase):
            yield from iter_text(tuple(obj.values.values()))
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for field in dataclasses.fields(obj):
            yield from iter_text(getattr(obj, field.name))
    elif isinstance(obj, tuple | list):
        for item in obj:
            yield from iter_text(item)
    elif isinstance(obj, Mapping):
        yield from iter_text(tuple(obj.values()))
    elif hasattr(obj, "text_roots"):
        yield from iter_text(obj.text_roots())


def _check_text(text, problems):
    source = text.msgid if isinstance(text, Phrase) else msgid(text)
    if re.search(r"\d", source):
        problems.append(f"translatable string has a digit (use a placeholder): {source!r}")
    if FORBIDDEN_WORDS.search(source):
        problems.append(f"translatable string uses a forbidden word: {source!r}")
    try:
        str(text)
    except (KeyError, TypeError, ValueError) as error:
        problems.append(f"translatable string does not render ({error!r}): {source!r}")
