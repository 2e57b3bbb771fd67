"""What the icon arrays draw: one outcome compared between arms, and sets of them at one horizon."""

from dataclasses import dataclass

from decision_aid.evidence.enums import DENOMINATOR
from decision_aid.evidence.enums import Arm
from decision_aid.evidence.enums import ClockStart
from decision_aid.evidence.enums import Effect
from decision_aid.evidence.enums import Status
from decision_aid.evidence.model import Certainty
from decision_aid.evidence.model import Difference
from decision_aid.evidence.model import EvidenceError
from decision_aid.evidence.model import Figure
from decision_aid.evidence.model import Horizon
from decision_aid.evidence.model import Per100Range
from decision_aid.evidence.model import Statement
from decision_aid.evidence.text import Phrase


@dataclass(frozen=True)
class OutcomeComparison:
    """One outcome, lenalidomide against control, as whole people out of 100."""

    lenalidomide: Figure
    control: Figure
    lenalidomide_per_100: int
    control_per_100: int
    lenalidomide_range: Per100Range
    control_range: Per100Range
    certainty: Certainty
    difference: Difference
    drawable: bool  # may be drawn as an icon array (else words only)
    caveat: Phrase | None = None
    denominator: int = DENOMINATOR
    # "Because of lenalidomide" is allowed only for a randomised comparison tested as planned
    # (EVIDENCE.md (g) wording rule 2); elsewhere the views say "more ... with lenalidomide".
    causal: bool = False

    @property
    def outcome_id(self):
        """The outcome id, e.g. "calgb_ttp", "os", "spm_invasive"."""
        return self.lenalidomide.outcome.id

    @property
    def label(self):
        """Short plain-language name of the outcome."""
        return self.lenalidomide.outcome.label

    @property
    def definition(self):
        """What the outcome counts, plain words first and the medical term after."""
        return self.lenalidomide.outcome.definition

    @property
    def kind(self):
        """Effect.BENEFIT (more is better) or Effect.HARM (fewer is better)."""
        return self.lenalidomide.outcome.effect

    @property
    def is_benefit(self):
        """True when more people with the outcome is better."""
        return self.kind is Effect.BENEFIT

    @property
    def per_100(self):
        """Whole people out of 100, by arm."""
        return {Arm.LENALIDOMIDE: self.lenalidomide_per_100, Arm.CONTROL: self.control_per_100}

    @property
    def ranges(self):
        """The per-100 ranges, by arm."""
        return {Arm.LENALIDOMIDE: self.lenalidomide_range, Arm.CONTROL: self.control_range}

    @property
    def clearly_differs(self):
        """False means views must say "no clear difference", not "extra people"."""
        return self.difference.clearly_differs

    @property
    def clearly_differs_reason(self):
        """One sentence on why the difference is (or is not) clear."""
        return self.difference.reason

    @property
    def hazard_ratio(self):
        """The hazard ratio (lenalidomide vs control) where the source gives one."""
        return self.lenalidomide.hazard_ratio

    @property
    def status(self):
        """Derived if either arm is derived: views must then show the "estimated" badge."""
        statuses = {self.lenalidomide.status, self.control.status}
        return Status.DERIVED if Status.DERIVED in statuses else Status.OBSERVED

    @property
    def is_derived(self):
        """True when the numbers are estimates, not read from the source."""
        return self.status is Status.DERIVED

    @property
    def source_ids(self):
        """Source ids behind both arms, without repeats."""
        return tuple(dict.fromkeys(self.lenalidomide.source_ids + self.control.source_ids))


@dataclass(frozen=True)
class ComparisonSet:
    """Outcomes of one trial at one horizon: everything one screen may put side by side."""

    id: str
    trial_label: str  # the trial's proper name, untranslated
    title: Phrase
    control_label: Phrase  # what the control group got: placebo, observation...
    horizon: Horizon
    clock_start: ClockStart
    population: Phrase
    caveats: tuple[Statement, ...]
    outcomes: tuple[OutcomeComparison, ...]
    text_facts: tuple[Statement, ...]
    denominator: int = DENOMINATOR

    @property
    def drawable_outcomes(self):
        """The outcomes that may be drawn as icon arrays."""
        return tuple(o for o in self.outcomes if o.drawable)

    def outcome(self, outcome_id):
        """The OutcomeComparison with this outcome id; EvidenceError if the set has none."""
        for comparison in self.outcomes:
            if comparison.outcome_id == outcome_id:
                return comparison
        raise EvidenceError(f"set {self.id} has no outcome {outcome_id!r}")

    @property
    def source_ids(self):
        """Source ids behind both arms, without repeats."""
        ids = [s for o in self.outcomes for s in o.source_ids]
        ids += [s for st in self.caveats + self.text_facts for s in st.source_ids]
        return tuple(dict.fromkeys(ids))
