"""Rounding, Wilson intervals and the two derivation formulas, checked against EVIDENCE.md (b)."""

from decimal import ROUND_HALF_UP
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from decision_aid.evidence import Arm
from decision_aid.evidence import Status
from decision_aid.evidence import derive
from decision_aid.evidence.enums import EvidenceStatus
from decision_aid.evidence.model import Figure
from decision_aid.evidence.outcomes import SPM

# No example database: the tests must not write files into the checkout.
settings.register_profile("evidence", database=None, deadline=None)
PROFILE = settings.get_profile("evidence")


def one_decimal(value):
    return Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def figure(count=None, n=None, value=None):
    return Figure(
        "calgb.test.lenalidomide",
        "calgb",
        Arm.LENALIDOMIDE,
        SPM,
        EvidenceStatus.V_SEED,
        value=value,
        count=count,
        n=n,
    )


# --- round half up --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (Decimal("0.5"), 1),
        (Decimal("1.5"), 2),
        (Decimal("2.5"), 3),
        ("45.5", 46),
        (Fraction(5, 2), 3),
        (Decimal("2.4999"), 2),
        (2.675, 3),
        (7, 7),
        (Decimal("-2.5"), -3),
        (Decimal("0.0"), 0),
    ],
)
def test_round_half_up(value, expected):
    assert derive.round_half_up(value) == expected


def test_round_half_up_differs_from_bankers_rounding():
    assert round(2.5) == 2 and derive.round_half_up(Decimal("2.5")) == 3


@pytest.mark.parametrize("bad", [True, None, Decimal("NaN"), float("inf"), [1]])
def test_round_half_up_rejects_non_numbers(bad):
    with pytest.raises((TypeError, ValueError)):
        derive.round_half_up(bad)


@PROFILE
@given(st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False, allow_infinity=False))
def test_round_half_up_lands_within_half(value):
    result = derive.round_half_up(value)
    assert result - Decimal("0.5") <= value < result + Decimal("0.5")


@PROFILE
@given(st.integers(min_value=0, max_value=10**9))
def test_exact_halves_go_up(k):
    assert derive.round_half_up(Decimal(k) + Decimal("0.5")) == k + 1
    assert derive.round_half_up(Fraction(2 * k + 1, 2)) == k + 1


# --- per-100 display from the most precise value --------------------------------------------------


@pytest.mark.parametrize(
    "count, n, expected",
    [
        (104, 231, 45),
        (8, 231, 3),
        (2, 143, 1),
        (18, 231, 8),
        (6, 229, 3),
        (23, 231, 10),
        (34, 229, 15),
    ],
)
def test_display_per_100_uses_counts(count, n, expected):
    assert derive.display_per_100(figure(count, n, one_decimal(Decimal(count * 100) / n))) == expected


def test_counts_beat_the_rounded_value():
    # 49/2000 = 2.45 exactly: stored to one decimal it would read 2.5 and show as 3; the count shows 2.
    assert derive.display_per_100(figure(49, 2000, Decimal("2.5"))) == 2
    assert derive.display_per_100(figure(value=Decimal("2.5"))) == 3


# --- largest remainder ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "values, total, expected",
    [
        ([66, 34], 100, [66, 34]),
        ([1, 1, 1], 100, [34, 33, 33]),
        ([Decimal("50.5"), Decimal("49.5")], 100, [51, 49]),
        ([Decimal("7.8"), Decimal("92.2")], 100, [8, 92]),
        ([Fraction(8, 231), Fraction(223, 231)], 100, [3, 97]),
        ([5, 0, 5], 0, [0, 0, 0]),
    ],
)
def test_largest_remainder_examples(values, total, expected):
    assert derive.largest_remainder(values, total) == expected


@pytest.mark.parametrize("values, total", [([], 100), ([0, 0], 100), ([-1, 101], 100), ([1], -1), ([1], 1.5)])
def test_largest_remainder_rejects_bad_input(values, total):
    with pytest.raises(ValueError):
        derive.largest_remainder(values, total)


@PROFILE
@given(
    st.lists(st.fractions(min_value=0, max_value=1000, max_denominator=1000), min_size=1, max_size=12).filter(
        lambda values: sum(values) > 0
    ),
    st.integers(min_value=0, max_value=1000),
)
def test_largest_remainder_sums_exactly_and_stays_within_one(values, total):
    result = derive.largest_remainder(values, total)
    assert sum(result) == total and all(isinstance(r, int) and r >= 0 for r in result)
    exact = [v * total / sum(values) for v in values]
    assert all(abs(r - e) < 1 for r, e in zip(result, exact, strict=True))


@PROFILE
@given(st.integers(min_value=0, max_value=100))
def test_largest_remainder_keeps_whole_pairs(x):
    assert derive.largest_remainder([x, 100 - x]) == [x, 100 - x]


# --- Wilson interval ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "count, n, low, high",
    [
        (5, 10, 0.2366, 0.7634),
        (0, 10, 0.0, 0.2775),
        (10, 10, 0.7225, 1.0),
    ],
)
def test_wilson_known_values(count, n, low, high):
    assert derive.wilson_interval(count, n) == pytest.approx((low, high), abs=1e-4)


@pytest.mark.parametrize("count, n", [(1, 0), (-1, 5), (6, 5), (True, 5)])
def test_wilson_rejects_impossible_counts(count, n):
    with pytest.raises(ValueError):
        derive.wilson_interval(count, n)


@PROFILE
@given(
    st.integers(min_value=1, max_value=100_000).flatmap(
        lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
    )
)
def test_wilson_contains_the_proportion_inside_zero_one(case):
    count, n = case
    low, high = derive.wilson_interval(count, n)
    assert 0.0 <= low <= count / n <= high <= 1.0
    mirror_low, mirror_high = derive.wilson_interval(n - count, n)
    assert mirror_low == pytest.approx(1 - high, abs=1e-9) and mirror_high == pytest.approx(1 - low, abs=1e-9)


# --- derivations (EVIDENCE.md section (b) B2 and B3, trap 12) --------------------------------------


@pytest.mark.parametrize(
    "years, lenalidomide, placebo",
    [
        (1, "3.1", "1.2"),
        (2, "6.0", "2.4"),
        (3, "8.9", "3.5"),
        (4, "11.7", "4.7"),
        (5, "14.4", "5.8"),
    ],
)
def test_rate_to_risk_matches_the_sheet(years, lenalidomide, placebo):
    assert one_decimal(derive.risk_from_rate(Decimal("3.1"), years).value) == Decimal(lenalidomide)
    assert one_decimal(derive.risk_from_rate(Decimal("1.2"), years).value) == Decimal(placebo)


def test_rate_to_risk_per_100_at_three_and_five_years():
    assert [derive.risk_from_rate(Decimal(r), 5).per_100 for r in ("3.1", "1.2")] == [14, 6]
    assert [derive.risk_from_rate(Decimal(r), 3).per_100 for r in ("3.1", "1.2")] == [9, 4]


@pytest.mark.parametrize(
    "median, at, expected",
    [
        ("41", 36, "54.4"),
        ("23", 36, "33.8"),
        ("46.8", 36, "58.7"),
        ("24", 36, "35.4"),
        ("52.8", 36, "62.3"),
        ("23.5", 36, "34.6"),
    ],
)
def test_median_to_landmark_matches_the_sheet(median, at, expected):
    assert one_decimal(derive.survival_from_median(Decimal(median), at).value) == Decimal(expected)


def test_exponential_estimates_are_labelled_estimated():
    calgb = [derive.survival_from_median(Decimal(m), 36) for m in (46, 27)]
    assert [e.per_100 for e in calgb] == [58, 40]  # trap 12: observed 66 and 39
    assert [derive.survival_from_median(Decimal(m), 84).per_100 for m in ("52.8", "23.5")] == [33, 8]
    for estimate in calgb + [derive.risk_from_rate(Decimal("3.1"), 3)]:
        assert estimate.status is Status.DERIVED and str(estimate.badge) == "estimated" and estimate.formula


@PROFILE
@given(st.decimals(min_value=0, max_value=50, places=1), st.decimals(min_value=0, max_value=20, places=2))
def test_rate_to_risk_stays_a_proportion(rate, years):
    risk = derive.risk_from_rate(rate, years).value
    assert 0 <= risk < 100 and risk <= derive.risk_from_rate(rate, years + 1).value


@pytest.mark.parametrize(
    "call",
    [
        lambda: derive.risk_from_rate(-1, 3),
        lambda: derive.survival_from_median(0, 3),
        lambda: derive.survival_from_median(10, -1),
        lambda: derive.year_span([None]),
    ],
)
def test_derivations_reject_impossible_input(call):
    with pytest.raises(ValueError):
        call()


def test_year_span():
    assert derive.year_span([2017, 2012, None, 2019, 2012]) == (2012, 2019)
