"""Bad-input matrix: scm_course.tradeoff (see tests/bad_inputs.py)."""
from __future__ import annotations

import pytest
from bad_inputs import Case, check, matrix

# z is a safety factor: any finite number (a negative z is stock below mean demand,
# a huge z is a level of ~100 %), so negative and far-too-large z are real inputs.
ANY_Z = {"negative", "out of range"}
# money and quantities have no upper bound: 1e12 is large but a valid amount
LARGE = {"out of range"}

CASES = [
    Case("tradeoff.safety_factor", lambda: {"service_level": 0.95}),
    Case("tradeoff.cycle_service_level", lambda: {"z": 1.0}, accepts={"z": ANY_Z}),
    Case("tradeoff.normal_loss", lambda: {"z": 1.0}, accepts={"z": ANY_Z}),
    # Chopra & Meindl: sigma_L = 707.107, reorder point 1,000 above mean lead-time demand
    Case("tradeoff.expected_shortage", lambda: {"z": 1000 / 707.107, "sigma": 707.107},
         accepts={"z": ANY_Z, "sigma": LARGE}),
    Case("tradeoff.fill_rate", lambda: {"z": 1000 / 707.107, "sigma": 707.107, "order_quantity": 10_000.0},
         accepts={"z": ANY_Z, "order_quantity": LARGE}),
    Case("tradeoff.lead_time_sd", lambda: {"sigma": 500.0, "lead_time": 7.0, "demand_mean": 2500.0,
                                           "lead_time_sigma": 7.0},
         accepts={arg: LARGE for arg in ("sigma", "lead_time", "demand_mean", "lead_time_sigma")}),
    Case("tradeoff.safety_stock", lambda: {"service_level": 0.90, "sigma": 500.0, "lead_time": 2.0},
         accepts={"sigma": LARGE, "lead_time": LARGE}),
    Case("tradeoff.inventory_service_table", lambda: {"z": (0, 1, 2, 3)}),
    Case("tradeoff.optimal_service_level", lambda: {"unit_margin": 0.70, "unit_holding_cost": 0.18},
         accepts={"unit_margin": LARGE, "unit_holding_cost": LARGE}),
    Case("tradeoff.equivalent_service_level", lambda: {"service_level": 0.95, "uncertainty_reduction": 0.3}),
    Case("tradeoff.service_level_grid", lambda: {"low": 0.5, "high": 0.9, "step": 0.1}),
    # Snyder & Shen, Example 4.3: demand N(50, 8^2), p = 0.70, h = 0.18
    Case("tradeoff.service_cost_curves", lambda: {"service_levels": [0.5, 0.7955, 0.95], "demand_mean": 50.0,
                                                  "demand_sd": 8.0, "lead_time": 1.0, "unit_margin": 0.70,
                                                  "unit_holding_cost": 0.18, "uncertainty_reduction": 0.0},
         accepts={arg: LARGE for arg in ("demand_mean", "demand_sd", "lead_time", "unit_margin",
                                          "unit_holding_cost")}),
    Case("tradeoff.inventory_investment", lambda: {"service_levels": [0.75, 0.95, 0.999], "demand_sd": 1400.0,
                                                   "unit_value": 0.1, "lead_time": 1.0, "cycle_stock": 500.0},
         accepts={arg: LARGE for arg in ("demand_sd", "unit_value", "lead_time", "cycle_stock")}),
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
