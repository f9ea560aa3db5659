"""Inventory vs service level: the seed's table is Phi(0..3) [000 L226-235]."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scm_course.data import load_instance
from scm_course.tradeoff import cycle_service_level, safety_factor


def test_seed_table_is_the_normal_cdf():
    inst = load_instance("inventory_service_levels")
    exact = [cycle_service_level(z) for z in inst["z"]]
    assert exact == pytest.approx([0.5, 0.841345, 0.977250, 0.998650], abs=1e-6)
    # printed 50 / 84 / 98 / 99.9 %: the exact values round to the printed ones
    assert [round(100 * p) for p in exact[:3]] == [50, 84, 98]
    assert round(100 * exact[3], 1) == 99.9


def test_safety_factor_known_values():
    assert safety_factor(0.95) == pytest.approx(1.644854, abs=1e-6)
    assert safety_factor(0.98) == pytest.approx(2.053749, abs=1e-6)
    np.testing.assert_allclose(safety_factor(np.array([0.5, 0.9])), [0.0, 1.281552], atol=1e-6)


@given(st.floats(0.001, 0.999))
def test_round_trip(p):
    assert cycle_service_level(safety_factor(p)) == pytest.approx(p, abs=1e-9)


@pytest.mark.parametrize("bad", [0.0, 1.0, -0.1, 1.5, float("nan")])
def test_safety_factor_rejects_levels_outside_the_open_interval(bad):
    with pytest.raises(ValueError, match="service_level must"):
        safety_factor(bad)


def test_type_errors():
    with pytest.raises(TypeError, match="service_level must be a number"):
        safety_factor("high")
    with pytest.raises(TypeError, match="z must be a number"):
        cycle_service_level(True)
