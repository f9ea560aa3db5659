"""Bad-input matrix: scm_course.value.clv (see tests/bad_inputs.py)."""
from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from bad_inputs import Case, check, matrix
from scm_course.value import clv


@dataclasses.dataclass
class FirstGainCase(Case):
    """clv_by_retention: ``gain`` is NaN in the first row by design (no previous row), so that one cell is
    dropped before the no-NaN check; a NaN anywhere else still fails."""

    def function(self):
        func = super().function()

        def without_first_gain(**kwargs):
            table = func(**kwargs)
            return table.assign(gain=table["gain"].fillna({table.index[0]: 0.0}) if len(table) else table["gain"]) \
                if table.index.is_unique else table.iloc[:, :2]
        return without_first_gain


CASES = [
    # the seed: 2,000 per purchase, 6 purchases a year, 5 years
    Case("value.clv.clv_simple", lambda: {"avg_transaction": 2_000.0, "purchases_per_year": 6, "lifespan_years": 5},
         accepts={"avg_transaction": {"out of range"}, "purchases_per_year": {"out of range"},
                  "lifespan_years": {"out of range"}}),  # a large amount, count or span is still a valid CLV
    # Gupta & Lehmann: margin 100, r = 0.9, i = 12 %, ten margins from the end of the first year
    Case("value.clv.clv_retention", lambda: {"margin": 100.0, "retention": 0.9, "discount": 0.12, "periods": 10,
                                             "acquisition_cost": 50.0, "timing": "end"},
         accepts={"margin": {"negative", "out of range"},   # a loss-making customer; any finite margin
                  "discount": {"out of range"},              # a huge discount rate only shrinks the sum
                  "acquisition_cost": {"out of range"},      # a costly customer has a negative CLV
                  "periods": {"none"}}),                     # None = infinite horizon
    Case("value.clv.expected_lifetime", lambda: {"retention": 0.8}),
    Case("value.clv.retention_rate", lambda: {"customers_start": 200, "customers_end": 210, "new_customers": 30},
         accepts={"customers_start": {"out of range"}}),    # a huge base keeping 180 customers: rate near 0
    Case("value.clv.customer_value", lambda: {"total_benefit": 150_000.0, "total_cost": 120_000.0},
         accepts={"total_benefit": {"out of range"}, "total_cost": {"out of range"}}),  # big contracts are valid
    Case("value.clv.value_index", lambda: {"scores": clv.example_offers(), "weights": dict(clv.DEFAULT_VALUE_WEIGHTS)},
         accepts={"scores": {"negative"}}),  # ratings on a scale around 0 (-5..5) are still ratings
    Case("value.clv.service_value_curve", lambda: {"service_levels": [0.2, 0.45, 0.6, 0.9], "benefit_max": 100.0,
                                                   "steepness": 12.0, "midpoint": 0.5, "cost_scale": 40.0,
                                                   "cost_exponent": 3.0},
         accepts={"service_levels": {"none"},              # None = the default grid 0..1
                  # a huge benefit (no declining stage), cost (no rising stage) or exponent are valid models
                  "benefit_max": {"out of range"}, "cost_scale": {"out of range"}, "cost_exponent": {"out of range"}}),
    Case("value.clv.service_value_stages", lambda: {"benefit_max": 100.0, "steepness": 12.0, "midpoint": 0.5,
                                                    "cost_scale": 40.0, "cost_exponent": 3.0},
         accepts={"benefit_max": {"out of range"}, "cost_scale": {"out of range"},  # stages that never begin
                  "cost_exponent": {"out of range"}}),                              # are None, as documented
    FirstGainCase("value.clv.clv_by_retention", lambda: {"margin": 1_000.0, "retentions": [0.6, 0.7, 0.8, 0.9],
                                                         "discount": 0.10, "periods": 10, "acquisition_cost": 500.0,
                                                         "timing": "start"},
                  accepts={"margin": {"negative", "out of range"}, "discount": {"out of range"},
                           "acquisition_cost": {"out of range"}, "periods": {"none"}}),  # as clv_retention
    Case("value.clv.margin_multiples", lambda: {"retentions": (0.6, 0.7, 0.8, 0.9),
                                                "discounts": (0.10, 0.12, 0.14, 0.16)}),
    Case("value.clv.break_even_retention", lambda: {"margin": 100.0, "discount": 0.1, "acquisition_cost": 300.0,
                                                    "periods": 10, "timing": "start"},
         accepts={"discount": {"out of range"},        # no break-even (None) is a valid answer
                  "acquisition_cost": {"out of range"},
                  "margin": {"out of range"},          # a huge margin repays at zero retention (0.0)
                  "periods": {"none"}}),               # None = infinite horizon
    Case("value.clv.survival_curve", lambda: {"retention": 0.8, "periods": 3}),
    Case("value.clv.customer_base", lambda: {"initial_customers": 1_000.0, "retention": 0.8, "periods": 3,
                                             "new_customers": [250.0, 300.0, 350.0], "growth": None},
         accepts={"initial_customers": {"out of range"},     # any base size
                  "new_customers": {"none"}}),               # None = no new customers
    Case("value.clv.new_customers_needed", lambda: {"customers": 1_000.0, "retention": [0.7, 0.9], "growth": 0.05},
         accepts={"customers": {"out of range"}, "growth": {"out of range"}}),  # any base, any growth target
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
