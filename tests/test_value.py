"""Customer lifetime value: the seed formula and Gupta & Lehmann's retention model."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scm_course import value


def test_seed_formula():
    assert value.clv_simple(avg_transaction=2_000, purchases_per_year=6, lifespan_years=5) == 60_000


@pytest.mark.parametrize("retention, discount, multiple", [
    (0.6, 0.10, 1.20), (0.7, 0.10, 1.75), (0.8, 0.10, 2.67), (0.9, 0.10, 4.50),
    (0.9, 0.12, 4.09), (0.9, 0.14, 3.75), (0.9, 0.16, 3.46), (0.8, 0.16, 2.22),
])
def test_gupta_lehmann_margin_multiples(retention, discount, multiple):
    """Margin multiple r / (1 + i - r), Gupta & Lehmann (2003), table of multiples."""
    assert round(value.clv_retention(1.0, retention, discount, timing="end"), 2) == multiple


def test_timing_and_acquisition_cost():
    end = value.clv_retention(100, 0.8, 0.1, timing="end")
    start = value.clv_retention(100, 0.8, 0.1, timing="start")
    assert start == pytest.approx(end + 100)
    assert value.clv_retention(100, 0.8, 0.1, acquisition_cost=150) == pytest.approx(start - 150)
    assert value.clv_retention(100, 0.5, 0.0, periods=3) == pytest.approx(100 + 50 + 25)
    assert value.clv_retention(100, 0.5, 0.0, periods=3, timing="end") == pytest.approx(50 + 25 + 12.5)


def test_expected_lifetime_and_retention_rate():
    assert value.expected_lifetime(0.8) == pytest.approx(5.0)
    assert value.expected_lifetime(0.0) == 1.0
    assert value.retention_rate(200, 210, 30) == pytest.approx(0.9)


@given(st.floats(-1e4, 1e4), st.floats(0, 0.99), st.floats(-0.5, 1.0))
def test_finite_sum_converges_to_the_closed_form(m, r, d):
    if r >= 1 + d:
        return
    for timing in ("start", "end"):
        closed = value.clv_retention(m, r, d, timing=timing)
        long_sum = value.clv_retention(m, r, d, periods=20_000, timing=timing)
        assert long_sum == pytest.approx(closed, rel=1e-6, abs=1e-6)


@given(st.floats(0.01, 1e4), st.floats(0, 0.98), st.floats(0, 0.5))
def test_more_retention_is_worth_more(m, r, d):
    assert value.clv_retention(m, r + 0.01, d) > value.clv_retention(m, r, d)
    undiscounted = value.clv_retention(m, r, 0.0)
    assert undiscounted == pytest.approx(m * value.expected_lifetime(r))  # d = 0: margin x lifetime


@pytest.mark.parametrize("call, match", [
    (lambda: value.clv_retention(100, 1.0, 0.1), r"retention must be < 1, got 1"),
    (lambda: value.clv_retention(100, -0.1, 0.1), r"retention must be >= 0"),
    (lambda: value.clv_retention(100, 0.5, -1.0), r"discount must be > -1"),
    (lambda: value.clv_retention(100, 0.5, 0.1, periods=0), r"periods must be a whole number >= 1"),
    (lambda: value.clv_retention(100, 0.5, 0.1, periods=2.5), r"periods must be a whole number >= 1"),
    (lambda: value.clv_retention(100, 0.5, 0.1, timing="middle"), r"timing must be one of \['start', 'end'\]"),
    (lambda: value.clv_retention(float("nan"), 0.5, 0.1), r"margin must be a finite number"),
    (lambda: value.clv_retention(100, 0.5, 0.1, acquisition_cost=-5), r"acquisition_cost must be >= 0"),
    (lambda: value.clv_retention(100, 0.9, -0.2), r"infinite-horizon sum diverges"),
    (lambda: value.clv_simple(-1, 6, 5), r"avg_transaction must be >= 0"),
    (lambda: value.expected_lifetime(True), r"retention must be a finite number"),
    (lambda: value.retention_rate(100, 50, 60), r"must lie between 0 and customers_start"),
    (lambda: value.retention_rate(0, 50, 10), r"customers_start must be > 0"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
