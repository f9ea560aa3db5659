"""Bad-input matrix: scm_course.plots.tradeoff (see tests/bad_inputs.py).

The data are the model's outputs on the chapter's example (Chapter 3): weekly demand 300 +- 150, lead time 2,
margin 100, holding cost 20 (a third less uncertainty for the "after" curves); the fill-rate example
(sigma = 707.1); the illustrative investment curve; the 2025 perfect-order control report.
"""
from __future__ import annotations

import functools

import numpy as np
import pytest

from bad_inputs import Case, check, matrix
from bad_inputs_plots import close_figures, once, panel  # noqa: F401 - close_figures: autouse fixture
from scm_course import service
from scm_course import tradeoff as model
from scm_course.data import load_fulfilment, load_instance
from scm_course.plots import tradeoff as views

PARAMS = {"demand_mean": 300, "demand_sd": 150, "lead_time": 2, "unit_margin": 100, "unit_holding_cost": 20}


def _point(curves, level) -> dict:
    return {"service_level": float(level), **{k: float(v) for k, v in curves.loc[level].items()}}


@functools.cache
def _curves():
    grid = model.service_level_grid(0.5, 0.99, 0.01)
    now = model.service_cost_curves(grid, **PARAMS, uncertainty_reduction=0.3)
    before = model.service_cost_curves(grid, **PARAMS)
    a = model.optimal_service_level(PARAMS["unit_margin"], PARAMS["unit_holding_cost"])
    optimum = _point(model.service_cost_curves([a], **PARAMS, uncertainty_reduction=0.3), a)
    investment = model.inventory_investment(model.service_level_grid(0.75, 0.99, 0.01),
                                            **model.ILLUSTRATIVE_INVESTMENT)
    return {"curves": now, "reference": before, "optimum": optimum, "current": _point(now, 0.9),
            "before": _point(before, 0.9), "equivalent_level": model.equivalent_service_level(0.9, 0.3),
            "investment": investment}


def _get(*keys):
    return {k: (v.copy() if hasattr(v, "copy") else v) for k, v in _curves().items() if k in keys}


def _service_cost():
    return _get("curves", "reference", "current", "before", "equivalent_level")


def _cost_revenue():
    return _get("curves", "optimum", "current", "reference")


@functools.cache
def _z_data():
    sigma = float(model.lead_time_sd(500, 2))
    grid = np.round(np.linspace(0, 3.5, 36), 10)
    seed = model.inventory_service_table()
    return {"z_grid": grid, "csl": model.cycle_service_level(grid), "fill": model.fill_rate(grid, sigma, 10_000.0),
            "z": 1.0, "point_csl": float(model.cycle_service_level(1.0)),
            "point_fill": float(model.fill_rate(1.0, sigma, 10_000.0)), "order_quantity": 10_000.0,
            "seed_points": (seed.index.to_numpy(dtype=float), seed["cycle_service_level"].to_numpy())}


def _z(*drop):
    return {k: (v.copy() if hasattr(v, "copy") else v) for k, v in _z_data().items() if k not in drop}


@functools.cache
def _report():
    monthly = service.metrics_by_period(load_fulfilment()).loc["2025"]
    return service.control_report(monthly["perfect_order"], 0.90, tolerance=0.02)


service_cost = once(lambda: views.plot_service_cost(**_service_cost(), ax=panel()))
cost_revenue = once(lambda: views.plot_cost_revenue(**_cost_revenue(), ax=panel()))
normal = once(lambda: views.plot_normal_service(1.0, ax=panel()))
service_vs_z = once(lambda: views.plot_service_vs_z(**_z(), ax=panel()))

FREE_TEXT = {"empty", "unknown label"}
# a point carries every column of its curve: an extra key is ignored
POINT = {"unknown label"}
# the curves' z (and, below 50 %, safety stock) is negative; a chart reads only the columns it draws (all finite)
CURVES = {"negative", "missing column"}
SERVICE_COST = {"curves": CURVES, "reference": CURVES, "current": POINT, "before": POINT}
COST_REVENUE = {"curves": CURVES, "reference": CURVES | {"none"}, "optimum": POINT, "current": POINT | {"none"}}

CASES = [
    Case("plots.tradeoff.nice_step", lambda: {"span": 2750.0, "ticks": 5},
         accepts={"span": {"out of range"}}),  # any span >= 0 has a step
    Case("plots.tradeoff.plot_service_cost", lambda: _service_cost() | {"ax": None}, accepts=SERVICE_COST),
    Case("plots.tradeoff.update_service_cost", lambda: {"handles": service_cost(), **_service_cost()},
         accepts=SERVICE_COST),
    Case("plots.tradeoff.plot_cost_revenue", lambda: _cost_revenue() | {"title": "Profit", "ax": None},
         accepts=COST_REVENUE | {"title": FREE_TEXT | {"none"}}),
    Case("plots.tradeoff.update_cost_revenue", lambda: {"handles": cost_revenue(), **_cost_revenue()},
         accepts=COST_REVENUE),
    Case("plots.tradeoff.plot_normal_service",
         lambda: {"z": 1.0, "printed": list(load_instance("inventory_service_levels")["printed_service_level"]),
                  "ax": None},
         accepts={"z": {"negative"}, "printed": {"none"}}),  # z < 0: a service level below 50 %
    Case("plots.tradeoff.update_normal_service",
         lambda: {"handles": normal(), "z": 2.0, "cycle_service_level": 0.97725},
         accepts={"z": {"negative"}}),
    Case("plots.tradeoff.plot_service_vs_z", lambda: _z() | {"ax": None},
         # a larger order quantity is a valid Q; no seed points: none drawn
         accepts={"order_quantity": {"out of range"}, "seed_points": {"none"}}),
    Case("plots.tradeoff.update_service_vs_z", lambda: {"handles": service_vs_z(), **_z("csl", "seed_points")},
         accepts={"order_quantity": {"out of range"}}),
    Case("plots.tradeoff.plot_revenue", lambda: {"curves": _get("curves")["curves"], "ax": None},
         accepts={"curves": CURVES}),
    Case("plots.tradeoff.plot_investment", lambda: {"investment": _get("investment")["investment"], "ax": None},
         accepts={"investment": CURVES}),
    Case("plots.tradeoff.plot_cost_benefit",
         lambda: _get("curves", "investment", "optimum") | {"axes": None},
         accepts={"curves": CURVES, "investment": CURVES, "optimum": POINT}),
    Case("plots.tradeoff.plot_control_report",
         lambda: {"report": _report().copy(), "tolerance": 0.02, "ylabel": "perfect orders", "ax": None},
         # any metric and tolerance, as service.control_report takes them (a cycle time is not a rate)
         accepts={"report": {"negative"}, "tolerance": {"out of range"}, "ylabel": FREE_TEXT | {"none"}}),
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
