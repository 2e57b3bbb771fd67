"""Derivations and display rounding, following EVIDENCE.md section (b).

Rounding to whole people happens only here, only at display time, and always half up: Python's
round() and Babel both round half to even, which would show 2.5 as 2.
"""

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP
from decimal import Decimal
from decimal import localcontext
from fractions import Fraction
from statistics import NormalDist

from decision_aid.evidence.enums import DENOMINATOR
from decision_aid.evidence.enums import STATUS_BADGES
from decision_aid.evidence.enums import RangeBasis
from decision_aid.evidence.enums import Status
from decision_aid.evidence.model import Per100Range

# The two-sided 95% normal quantile (1.95996...), not the rounded 1.96.
Z_95 = NormalDist().inv_cdf(0.975)


def exact(value):
    """Convert an int, Decimal, Fraction, str or float to an exact Fraction (floats via repr)."""
    if isinstance(value, bool):
        raise TypeError("a bool is not a number here")
    if isinstance(value, Fraction | int):
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value!r}")
        # repr gives the shortest decimal that reads back as this float: 0.1 means 1/10.
        return Fraction(repr(value))
    if isinstance(value, str):
        value = Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"not a finite number: {value!r}")
        return Fraction(value)
    raise TypeError(f"not a number: {value!r}")


def round_half_up(value):
    """Round to a whole number with halves going up (away from zero), using Decimal."""
    fraction = exact(value)
    with localcontext() as ctx:
        # 60 digits: a count/n fraction with n below 10**29 cannot be rounded onto .5 by mistake.
        ctx.prec = 60
        decimal = Decimal(fraction.numerator) / Decimal(fraction.denominator)
        return int(decimal.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def largest_remainder(values, total=DENOMINATOR):
    """Split total into whole numbers proportional to values, summing exactly to total.

    Each value is first scaled so the values sum to total, then floored; the people left over go
    to the largest remainders (ties to the earlier value). Each result is within 1 of its exact
    share (standards R12).
    """
    shares = [exact(v) for v in values]
    if not shares or any(s < 0 for s in shares) or sum(shares) == 0:
        raise ValueError("need at least one value, none negative, not all zero")
    if isinstance(total, bool) or not isinstance(total, int) or total < 0:
        raise ValueError("total must be a whole number, zero or more")
    scale = Fraction(total) / sum(shares)
    scaled = [s * scale for s in shares]
    result = [math.floor(s) for s in scaled]
    by_remainder = sorted(range(len(scaled)), key=lambda i: (-(scaled[i] - result[i]), i))
    for i in by_remainder[: total - sum(result)]:
        result[i] += 1
    return result


def wilson_interval(count, n, z=Z_95):
    """Wilson score 95% interval for count/n, as proportions (low, high) within [0, 1]."""
    if isinstance(count, bool) or isinstance(n, bool) or n <= 0 or not 0 <= count <= n:
        raise ValueError(f"need 0 <= count <= n and n > 0, got {count}/{n}")
    p = count / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half_width = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    # Clamp float error only (e.g. -1e-17 at count 0); the exact interval always contains p.
    return max(0.0, min(p, centre - half_width)), min(1.0, max(p, centre + half_width))


def per_100_exact(figure):
    """The most precise per-100 value of a proportion: count/n where given, else the value."""
    if figure.count is not None and figure.n is not None:
        return Fraction(figure.count * DENOMINATOR, figure.n)
    if figure.value is None:
        raise ValueError(f"{figure.id} has no value")
    return exact(figure.value)


def display_per_100(figure):
    """Whole people out of 100, from the most precise value (e.g. 8/231 = 3.46 shows as 3)."""
    return round_half_up(per_100_exact(figure))


def exact_range(figure):
    """The per-100 range before rounding: the source CI, else Wilson from counts, else None."""
    if figure.ci is not None:
        return RangeBasis.SOURCE_CI, (exact(figure.ci[0]), exact(figure.ci[1]))
    if figure.count is not None and figure.n is not None:
        low, high = wilson_interval(figure.count, figure.n)
        return RangeBasis.COMPUTED_WILSON, (exact(low) * DENOMINATOR, exact(high) * DENOMINATOR)
    return RangeBasis.NOT_GIVEN, None


def range_per_100(figure):
    """The display range in whole people, labelled with where it came from."""
    basis, bounds = exact_range(figure)
    if bounds is None:
        return Per100Range(None, None, basis)
    return Per100Range(round_half_up(bounds[0]), round_half_up(bounds[1]), basis)


@dataclass(frozen=True)
class Estimate:
    """A derived (not published) per-100 value: always shown with the "estimated" badge."""

    value: Decimal  # per 100 people, unrounded
    formula: str
    status: Status = Status.DERIVED

    @property
    def per_100(self):
        """The estimate in whole people, rounded half up."""
        return round_half_up(self.value)

    @property
    def badge(self):
        """The "estimated" badge text."""
        return STATUS_BADGES[self.status]


def risk_from_rate(rate_per_100_person_years, years):
    """Cumulative risk per 100 after `years`, assuming the rate stays constant.

    risk(t) = 1 - exp(-(rate / 100) * t), with the rate per 100 patient-years and t in years.
    EVIDENCE.md trap 11: the rate may not stay constant, so keep t within the trial's follow-up.
    """
    rate, t = Decimal(rate_per_100_person_years), Decimal(years)
    if rate < 0 or t < 0:
        raise ValueError("rate and time must not be negative")
    risk = (1 - (-(rate / 100) * t).exp()) * DENOMINATOR
    return Estimate(risk, f"1 - exp(-({rate}/100) x {t})")


def survival_from_median(median, at):
    """Share per 100 still event-free at time `at`, assuming an exponential curve.

    S(t) = exp(-ln 2 * t / median), with t and the median in the same unit. EVIDENCE.md trap 12:
    this can be 8 points off the observed Kaplan-Meier value, so prefer observed landmarks.
    """
    median, t = Decimal(median), Decimal(at)
    if median <= 0 or t < 0:
        raise ValueError("median must be positive and time not negative")
    survival = (-(Decimal(2).ln()) * t / median).exp() * DENOMINATOR
    return Estimate(survival, f"exp(-ln2 x {t} / {median})")


def year_span(years):
    """The first and last of some publication years, e.g. (2012, 2019)."""
    years = [y for y in years if y is not None]
    if not years:
        raise ValueError("no years given")
    return min(years), max(years)
