"""Frozen, typed records for the evidence layer, and its errors."""

from dataclasses import dataclass
from decimal import Decimal

from decision_aid.evidence.enums import CERTAINTY_LABELS
from decision_aid.evidence.enums import CLOCK_LABELS
from decision_aid.evidence.enums import DENOMINATOR
from decision_aid.evidence.enums import KIND_DESCRIPTIONS
from decision_aid.evidence.enums import RANGE_LABELS
from decision_aid.evidence.enums import STATUS_BADGES
from decision_aid.evidence.enums import Arm
from decision_aid.evidence.enums import CertaintyLevel
from decision_aid.evidence.enums import ClockStart
from decision_aid.evidence.enums import DifferenceBasis
from decision_aid.evidence.enums import Effect
from decision_aid.evidence.enums import EvidenceStatus
from decision_aid.evidence.enums import Kind
from decision_aid.evidence.enums import RangeBasis
from decision_aid.evidence.enums import Unit
from decision_aid.evidence.text import Month
from decision_aid.evidence.text import P
from decision_aid.evidence.text import Phrase
from decision_aid.extensions import lazy_gettext as _l


class EvidenceError(Exception):
    """The evidence data is broken or a lookup cannot be answered."""


class UnverifiedFigureError(EvidenceError):
    """The figure is on the unverified list (EVIDENCE.md section (e)); it must not be shown."""


class ErroneousClaimError(EvidenceError):
    """The claim is known to be wrong (EVIDENCE.md section (c)); it must not be shown."""


@dataclass(frozen=True)
class DataCut:
    """The date the data were analysed (trap 22: show it next to every number)."""

    year: int
    month: int | None = None
    day: int | None = None
    # The report gives the month only roughly (EVIDENCE.md marks the exact date U): "about …".
    approximate: bool = False

    def __str__(self):
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p is not None]
        return "-".join(parts)

    @property
    def display(self):
        """Locale-formatted month and year (or the bare year) for footnotes; "about …" if approximate."""
        shown = Month(self.year, self.month) if self.month else str(self.year)
        return P(_l("about %(month)s"), month=shown) if self.approximate else shown


@dataclass(frozen=True)
class TimeBasis:
    """When and how a number was measured, as structured fields."""

    kind: Kind
    clock_start: ClockStart
    years: Decimal | None = None  # the landmark, for km_landmark (and a dated cumulative incidence)
    median_follow_up_months: Decimal | None = None

    @property
    def description(self):
        """How the number was measured, in plain words, with its landmark or follow-up filled in."""
        values = {"years": self.years, "months": self.median_follow_up_months, "people": DENOMINATOR}
        return P(KIND_DESCRIPTIONS[self.kind], **{k: v for k, v in values.items() if v is not None})

    @property
    def clock_label(self):
        """When counting started, in plain words."""
        return CLOCK_LABELS[self.clock_start]

    @property
    def effective_years(self):
        """The time the number speaks for: its landmark, else its median follow-up."""
        if self.years is not None:
            return Decimal(self.years)
        if self.median_follow_up_months is not None:
            return Decimal(self.median_follow_up_months) / 12
        return None


@dataclass(frozen=True)
class HazardRatio:
    value: Decimal
    low: Decimal | None
    high: Decimal | None
    quote: str
    quote_source: str


@dataclass(frozen=True)
class Outcome:
    id: str
    label: Phrase
    definition: Phrase
    effect: Effect


@dataclass(frozen=True)
class Population:
    id: str
    label: Phrase


@dataclass(frozen=True)
class Figure:
    """One number for one arm of one trial, with its provenance."""

    id: str
    trial: str
    arm: Arm
    outcome: Outcome
    evidence_status: EvidenceStatus
    value: Decimal | None = None
    ci: tuple[Decimal, Decimal] | None = None
    count: int | None = None
    n: int | None = None
    unit: Unit | None = None
    time_basis: TimeBasis | None = None
    population: Population | None = None
    data_cut: DataCut | None = None
    source_ids: tuple[str, ...] = ()
    quote: str = ""
    quote_source: str | None = None
    hazard_ratio: HazardRatio | None = None
    not_reached: bool = False  # a median the source reports as "not reached"
    derivation: str = ""  # the formula, required for derived figures
    note: str = ""  # for reviewers, not for display
    check_in: str = ""  # for unverified figures: where it would be checked (EVIDENCE.md (e))
    description: Phrase | None = None  # for unverified figures: what is not available

    @property
    def status(self):
        """Observed, derived or unverified."""
        return self.evidence_status.status

    @property
    def badge(self):
        """The "observed" or "estimated" badge for the number (section (b) rule 2)."""
        return STATUS_BADGES[self.status]


@dataclass(frozen=True)
class Fact:
    """A content fact (dose, eligibility, REMS rule...) with its values and a sentence."""

    id: str
    category: str
    label: Phrase
    text: Phrase
    evidence_status: EvidenceStatus
    source_ids: tuple[str, ...]
    quote: str
    quote_source: str | None  # None: the quote is EVIDENCE.md's own wording (section (d))
    derivation: str = ""  # required for derived facts, which have no quote

    @property
    def values(self):
        """The numbers and names that fill the sentence."""
        return self.text.values

    @property
    def status(self):
        """Observed, derived or unverified."""
        return self.evidence_status.status


@dataclass(frozen=True)
class ErroneousClaim:
    """A claim a source makes that other sources contradict; kept only to be refused."""

    id: str
    source_id: str
    quote: str
    reason: str
    correct_fact_id: str


@dataclass(frozen=True)
class Source:
    id: str
    label: Phrase  # short plain-language name shown to users
    description: str  # as in the EVIDENCE.md registry
    authors: str | None = None
    title: str | None = None
    journal: str | None = None
    year: int | None = None
    volume_pages: str | None = None
    unverified_details: str | None = None  # given in EVIDENCE.md but marked U: never cited
    doi: str | None = None
    pmid: str | None = None
    trial_registration: str | None = None
    url: str | None = None
    seed_file: str | None = None
    secondary: bool = False

    @property
    def reference(self):
        """The citation without its web address (the evidence page links the address beside it)."""
        # A paper with a journal is named by its authors and title; without a title, the description
        # (an internal note such as "full text") is left out rather than printed as the title.
        title = self.title or ("" if self.journal and self.authors else self.description)
        head = ". ".join(p.rstrip(".") for p in (self.authors, title) if p)
        # The year goes with the journal; otherwise the description already dates the source.
        journal = f"{self.journal} {self.year}" if self.journal and self.year else self.journal or ""
        if journal and self.volume_pages:
            journal += f";{self.volume_pages}"
        # A source known only by its description starts with its journal reference: said once.
        if journal and not (self.title or self.authors) and head.startswith(journal):
            journal = ""
        extras = [
            journal,
            f"doi:{self.doi}" if self.doi else "",
            f"PMID {self.pmid}" if self.pmid else "",
            self.trial_registration or "",
        ]
        return ". ".join([head] + [e for e in extras if e]) + "."

    @property
    def citation(self):
        """The full citation, plain and untranslated, built only from verified details."""
        # With a full journal reference, a DOI or a PMID the paper can be found without its web address:
        # printed source lists stay short. Never a seed file name: a reader cannot look it up
        # (evidence review #22, rule (g) 7).
        findable = self.doi or self.pmid or (self.journal and self.year and self.volume_pages)
        if findable or not self.url:
            return self.reference
        return f"{self.reference} {self.url}."


@dataclass(frozen=True)
class Horizon:
    years: Decimal
    window: tuple[Decimal, Decimal]  # figures must speak for a time inside this
    label: Phrase  # e.g. "about 3 years"

    def contains(self, years):
        """True if a time in years lies inside the window."""
        return years is not None and self.window[0] <= years <= self.window[1]


@dataclass(frozen=True)
class Per100Range:
    low: int | None
    high: int | None
    basis: RangeBasis

    @property
    def label(self):
        """The plain-language label to show."""
        return RANGE_LABELS[self.basis]


@dataclass(frozen=True)
class Certainty:
    level: CertaintyLevel
    reason: Phrase

    @property
    def label(self):
        """The plain-language label to show."""
        return CERTAINTY_LABELS[self.level]


@dataclass(frozen=True)
class Difference:
    clearly_differs: bool
    basis: DifferenceBasis
    reason: Phrase
    quote: str = ""  # the source's words, for p-value and "source states" bases
    quote_source: str | None = None


@dataclass(frozen=True)
class Statement:
    """A sentence to show in words (a caveat or a text-only fact), filled from the data."""

    id: str
    text: Phrase
    figure_ids: tuple[str, ...] = ()
    fact_ids: tuple[str, ...] = ()
    unavailable_ids: tuple[str, ...] = ()  # unverified figures the sentence says are not available
    source_ids: tuple[str, ...] = ()
