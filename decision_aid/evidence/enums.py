"""The vocabularies of the evidence layer: arms, statuses, units, kinds of measure, and their labels."""

import enum

from decision_aid.extensions import lazy_gettext as _l

# Every icon array and every "X in 100" sentence uses this denominator (standards R2, R16).
DENOMINATOR = 100


class Arm(enum.StrEnum):
    LENALIDOMIDE = "lenalidomide"
    CONTROL = "control"
    BOTH = "both"  # only for unverified items that are not tied to one arm


class Status(enum.StrEnum):
    OBSERVED = "observed"
    DERIVED = "derived"
    UNVERIFIED = "unverified"


class EvidenceStatus(enum.StrEnum):
    """The status codes of EVIDENCE.md section 0."""

    V_SEED = "V-seed"
    V = "V"
    V_SECONDARY = "V (secondary)"
    D = "D"
    U = "U"

    @property
    def status(self):
        """Collapse the verification code to observed / derived / unverified."""
        return {self.D: Status.DERIVED, self.U: Status.UNVERIFIED}.get(self, Status.OBSERVED)


STATUS_BADGES = {Status.OBSERVED: _l("observed"), Status.DERIVED: _l("estimated")}


class Unit(enum.StrEnum):
    PERCENT = "percent"
    PER_100_PERSON_YEARS = "per 100 patient-years"
    MONTHS = "months"
    YEARS = "years"


class Kind(enum.StrEnum):
    """How a number was measured: the first thing to check before comparing two numbers."""

    KM_LANDMARK = "km_landmark"
    CRUDE_PROPORTION = "crude_proportion"
    MEDIAN = "median"
    RATE = "rate"
    CUMULATIVE_INCIDENCE = "cumulative_incidence"


# Which unit each kind of measure must carry (validation checks this).
KIND_UNITS = {
    Kind.KM_LANDMARK: {Unit.PERCENT},
    Kind.CRUDE_PROPORTION: {Unit.PERCENT},
    Kind.CUMULATIVE_INCIDENCE: {Unit.PERCENT},
    Kind.RATE: {Unit.PER_100_PERSON_YEARS},
    Kind.MEDIAN: {Unit.MONTHS, Unit.YEARS},
}
# How each kind of measure is explained in footnotes (TimeBasis.description fills the numbers in).
KIND_DESCRIPTIONS = {
    Kind.KM_LANDMARK: _l(
        "Share of people at %(years)s years, read from the study's survival curve (Kaplan-Meier estimate)"
    ),
    Kind.CRUDE_PROPORTION: _l(
        "Share of people who had it at any time during follow-up (half of the people"
        " were followed for more than %(months)s months)"
    ),
    Kind.CUMULATIVE_INCIDENCE: _l(
        "Share of people who had it during follow-up (half of the people still"
        " alive were followed for more than %(months)s months)"
    ),
    Kind.RATE: _l(
        "Number of times it happened for every %(people)s people followed for one year (half of the"
        " people were followed for more than %(months)s months)"
    ),
    Kind.MEDIAN: _l("Middle (median) time: half of the people had reached this point by then"),
}
# Only proportions of people can become "X in 100" icons.
PROPORTION_KINDS = {Kind.KM_LANDMARK, Kind.CRUDE_PROPORTION, Kind.CUMULATIVE_INCIDENCE}


class ClockStart(enum.StrEnum):
    TRANSPLANT = "transplant"
    RANDOMISATION = "randomisation"
    NOT_STATED = "not_stated"
    MIXED = "mixed"  # a comparison set whose outcomes start the clock at different points


CLOCK_LABELS = {
    ClockStart.TRANSPLANT: _l("counted from the day of the transplant"),
    ClockStart.RANDOMISATION: _l("counted from the day people joined the study"),
    ClockStart.NOT_STATED: _l("the report does not say when counting started"),
    ClockStart.MIXED: _l("some numbers are counted from the transplant, others from joining the study"),
}


class Effect(enum.StrEnum):
    BENEFIT = "benefit"  # more is better
    HARM = "harm"  # fewer is better
    NOT_APPLICABLE = "not_applicable"  # placeholder outcome of unverified items


class RangeBasis(enum.StrEnum):
    SOURCE_CI = "source_ci"
    COMPUTED_WILSON = "computed_wilson"
    NOT_GIVEN = "not_given"


RANGE_LABELS = {
    RangeBasis.SOURCE_CI: _l("range given by the study"),
    RangeBasis.COMPUTED_WILSON: _l("range computed by us from the study's counts"),
    RangeBasis.NOT_GIVEN: _l("the study report gives no range"),
}


class DifferenceBasis(enum.StrEnum):
    HR_CI_EXCLUDES_ONE = "hr_ci_excludes_one"
    P_VALUE = "p_value"
    RANGES_DO_NOT_OVERLAP = "ranges_do_not_overlap"
    SOURCE_STATES = "source_states"
    HR_EQUALS_ONE = "hr_equals_one"


class CertaintyLevel(enum.StrEnum):
    MODERATE = "moderate"
    LOW = "low"


CERTAINTY_LABELS = {CertaintyLevel.MODERATE: _l("moderate"), CertaintyLevel.LOW: _l("low")}
