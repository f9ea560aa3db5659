"""Bad-input matrix: scm_course.plots.value (see tests/bad_inputs.py).

The data are the model's outputs (Chapter 6): the example offers' value index, the stylised service-value
curve, CLV against retention (margin 1,000, discount 10 %, acquisition cost 2,500), survival and customer
base at r = 0.8, quarterly cohorts of the first 3,000 shipments, a small calibration/holdout table.
"""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest

from bad_inputs import Case, check, matrix
from bad_inputs_plots import close_figures, once, panel  # noqa: F401 - close_figures: autouse fixture
from scm_course import value as model
from scm_course.data import load_logistics
from scm_course.plots import value as views


@functools.cache
def _data():
    grid = np.round(np.arange(0.0, 0.95 + 1e-9, 0.05), 10)
    shipments = load_logistics()["shipments"].iloc[:3000]
    return {"vi": model.value_index(model.example_offers(), model.DEFAULT_VALUE_WEIGHTS),
            "service_value": model.service_value_curve(),
            "clv": model.clv_by_retention(1000, grid, 0.1, timing="start"),
            "current": {"retention": 0.8, "clv": float(model.clv_retention(1000, 0.8, 0.1)),
                        "expected_lifetime": float(model.expected_lifetime(0.8))},
            "break_even": model.break_even_retention(1000, 0.1, 2500, timing="start"),
            "survival": model.survival_curve(0.8, 20),
            "base": model.customer_base(1000.0, 0.8, 10, growth=0.05),
            "cohorts": model.cohort_retention(shipments, "customer_id", "date", freq="Q", values="count")}


def _get(key):
    value = _data()[key]
    return value.copy() if hasattr(value, "copy") else value


def _clv():
    return {"curve": _get("clv"), "current": _get("current"), "acquisition_cost": 2500.0,
            "break_even": _get("break_even")}


def _cohorts():
    table = _get("cohorts")
    return {"table": table, "values": "count", "max_count": 120.0}


vi = once(lambda: views.plot_value_index(_get("vi"), ax=panel()))
clv = once(lambda: views.plot_clv_retention(**_clv(), ax=panel()))
survival = once(lambda: views.plot_survival(_get("survival"), expected_lifetime=5.0, ax=panel()))
base = once(lambda: views.plot_customer_base(_get("base"), ax=panel()))
cohorts = once(lambda: views.plot_cohort_heatmap(**_cohorts(), ax=panel()))

FREE_TEXT = {"empty", "unknown label"}
# current carries what the note shows; an extra key is ignored; break_even None: no rate repays the cost
CLV = {"current": {"unknown label"}, "break_even": {"none"}, "acquisition_cost": {"out of range"}}
# a lifetime beyond the last period is marked at the chart's edge, the note gives the number (r near 1)
SURVIVAL = {"expected_lifetime": {"out of range"}}
# NaN cells are cohort periods not observed yet; a table may show fewer periods, labelled in any language
COHORTS = {"table": {"nan", "missing column", "chinese columns"}, "max_count": {"none", "out of range"}}

CASES = [
    # a criterion without a label is shown by its own name (the offers' column names are the user's)
    Case("plots.value.criterion_label", lambda: {"name": "lead_time"}, accepts={"name": FREE_TEXT}),
    Case("plots.value.plot_value_index", lambda: {"vi": _get("vi"), "scale": (0.0, 10.0), "ax": None}),
    Case("plots.value.update_value_index", lambda: {"handles": vi(), "vi": _get("vi")}),
    Case("plots.value.plot_service_value", lambda: {"curve": _get("service_value"), "ax": None}),
    Case("plots.value.plot_clv_retention", lambda: _clv() | {"ax": None}, accepts=CLV),
    Case("plots.value.update_clv_retention", lambda: {"handles": clv(), **_clv()}, accepts=CLV),
    Case("plots.value.plot_survival", lambda: {"survival": _get("survival"), "expected_lifetime": 5.0, "ax": None},
         accepts=SURVIVAL),
    Case("plots.value.update_survival",
         lambda: {"handles": survival(), "survival": _get("survival"), "expected_lifetime": 5.0}, accepts=SURVIVAL),
    Case("plots.value.plot_customer_base", lambda: {"base": _get("base"), "ax": None}),
    Case("plots.value.update_customer_base",
         lambda: {"handles": base(), "base": _get("base"), "growth": 0.05, "retention": 0.8},
         # None: no note on the new customers needed; any growth target > -100 % is a target
         accepts={"growth": {"none", "out of range"}, "retention": {"none"}}),
    Case("plots.value.plot_cohort_heatmap", lambda: _cohorts() | {"ax": None}, accepts=COHORTS),
    Case("plots.value.update_cohort_heatmap", lambda: {"handles": cohorts(), **_cohorts()}, accepts=COHORTS),
    Case("plots.value.plot_calibration_holdout",
         lambda: {"table": pd.DataFrame({"actual": [0.2, 0.5, 1.1], "predicted": [0.25, 0.55, 1.0]},
                                        index=[0, 1, "2+"]), "ax": None}),
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
