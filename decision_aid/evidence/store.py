"""The Evidence object the app keeps, and load_evidence() which builds and validates it once."""

import functools
from datetime import date
from types import MappingProxyType
from typing import NamedTuple

from decision_aid.evidence import derive
from decision_aid.evidence.enums import CERTAINTY_LABELS
from decision_aid.evidence.enums import CLOCK_LABELS
from decision_aid.evidence.enums import RANGE_LABELS
from decision_aid.evidence.enums import STATUS_BADGES
from decision_aid.evidence.enums import Status
from decision_aid.evidence.facts import ERRONEOUS_CLAIMS
from decision_aid.evidence.facts import FACTS
from decision_aid.evidence.figures import VERIFIED
from decision_aid.evidence.model import ErroneousClaimError
from decision_aid.evidence.model import EvidenceError
from decision_aid.evidence.model import UnverifiedFigureError
from decision_aid.evidence.sets import DEFAULT_SET_ID
from decision_aid.evidence.sets import build_sets
from decision_aid.evidence.sources import MAIN_REPORTS
from decision_aid.evidence.sources import SOURCES
from decision_aid.evidence.unverified import UNVERIFIED
from decision_aid.evidence.validate import validate

# EVIDENCE.md section (f): "Second verification pass (2026-11-20)".
CHECKED_ON = date(2026, 11, 20)


class YearSpan(NamedTuple):
    first: int
    last: int


def _index(items, what):
    index = {}
    for item in items:
        if item.id in index:
            raise EvidenceError(f"duplicate {what} id {item.id!r}")
        index[item.id] = item
    return MappingProxyType(index)


class Evidence:
    """Sources, figures, facts and comparison sets; lookups refuse unverified and wrong items."""

    def __init__(self, sources, figures, facts, erroneous_claims, comparison_sets, default_set_id):
        self.sources = _index(sources, "source")
        self._figures = _index(figures, "figure")
        self._facts = _index(facts, "fact")
        self._claims = _index(erroneous_claims, "erroneous claim")
        self._sets = _index(comparison_sets, "comparison set")
        self.comparison_sets = tuple(comparison_sets)
        self.default_set_id = default_set_id
        self.checked_on = CHECKED_ON  # when EVIDENCE.md was last verified

    def validate(self):
        """Run every start-up check; raises EvidenceError."""
        validate(self)

    def source(self, source_id):
        """The Source with this id; EvidenceError if unknown."""
        try:
            return self.sources[source_id]
        except KeyError:
            raise EvidenceError(f"unknown source id {source_id!r}") from None

    def comparison_set(self, set_id):
        """The ComparisonSet with this id; EvidenceError if unknown."""
        try:
            return self._sets[set_id]
        except KeyError:
            raise EvidenceError(f"unknown comparison set {set_id!r}") from None

    @property
    def default_set(self):
        """The default ComparisonSet ("calgb-3y")."""
        return self.comparison_set(self.default_set_id)

    def figure(self, figure_id):
        """A figure for display; UnverifiedFigureError for section (e) items, EvidenceError if unknown."""
        figure = self.figure_or_none(figure_id)
        if figure is None:
            raise EvidenceError(f"unknown figure id {figure_id!r}")
        if figure.status is Status.UNVERIFIED:
            raise UnverifiedFigureError(f"{figure_id} is unverified (EVIDENCE.md section (e))")
        return figure

    def figure_or_none(self, figure_id):
        """Any figure, verified or not, or None: for checks, never for display."""
        return self._figures.get(figure_id)

    def all_figures(self):
        """Every figure including unverified ones (status "unverified", no value) for the /evidence page."""
        return tuple(self._figures.values())

    @property
    def figure_ids(self):
        """Every figure id, verified or not."""
        return frozenset(self._figures)

    def fact(self, fact_id):
        """A content fact; refuses known-wrong claims and unverified items, EvidenceError if unknown."""
        if fact_id in self._claims:
            claim = self._claims[fact_id]
            raise ErroneousClaimError(
                f"{fact_id} is known to be wrong ({claim.reason}); use {claim.correct_fact_id}"
            )
        if fact_id in self._facts:
            return self._facts[fact_id]
        if fact_id in self._figures:
            self.figure(fact_id)  # raises for unverified items, such as maintenance kidney doses
            raise EvidenceError(f"{fact_id} is a figure: use Evidence.figure()")
        raise EvidenceError(f"unknown fact id {fact_id!r}")

    def all_facts(self):
        """Every content fact, in data order."""
        return tuple(self._facts.values())

    @property
    def fact_ids(self):
        """Every fact id."""
        return frozenset(self._facts)

    @property
    def erroneous_claims(self):
        """Known-wrong claims, kept only so lookups can refuse them."""
        return tuple(self._claims.values())

    def report_years(self):
        """YearSpan(first, last): when the main reports of the trials were published (2012 to 2019)."""
        return YearSpan(*derive.year_span(self.source(s).year for s in MAIN_REPORTS))

    def text_roots(self):
        """Everything that holds user-facing text, for the catalog checks."""
        descriptions = [f.time_basis.description for f in self.all_figures() if f.time_basis]
        return (
            self.sources,
            self.all_figures(),
            self.all_facts(),
            self.comparison_sets,
            descriptions,
            RANGE_LABELS,
            CERTAINTY_LABELS,
            STATUS_BADGES,
            CLOCK_LABELS,
        )


def build_evidence():
    """Assemble the Evidence from the data modules, without validating it."""
    figures = VERIFIED + UNVERIFIED
    try:
        sets = build_sets({f.id: f for f in figures}, {f.id: f for f in FACTS})
    except KeyError as error:
        raise EvidenceError(f"a comparison set refers to a missing figure or fact: {error}") from None
    return Evidence(SOURCES, figures, FACTS, ERRONEOUS_CLAIMS, sets, DEFAULT_SET_ID)


@functools.cache
def load_evidence():
    """Build, validate and cache the evidence; raises EvidenceError if anything is wrong."""
    evidence = build_evidence()
    evidence.validate()
    return evidence
