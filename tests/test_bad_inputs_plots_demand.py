"""Bad-input matrix: scm_course.plots.demand (see tests/bad_inputs.py).

The data are the model's outputs (Chapter 8): the distributor's weekly demand and its forecasts, a seeded
bullwhip simulation, the distributor's risk matrix and KPI scorecard.
"""
from __future__ import annotations

import functools

import pytest

from bad_inputs import Case, check, matrix
from bad_inputs_plots import close_figures, once, panel  # noqa: F401 - close_figures: autouse fixture
from scm_course import demand as model
from scm_course.data import load_distributor
from scm_course.plots import demand as views


@functools.cache
def _forecast_data():
    actual = model.distributor_demand(load_distributor(), by=None)
    forecast = model.forecast(actual, "moving_average", window=3)
    curves = {m: model.forecast_error_curve(actual, m, grid, evaluate_from=12)["mad"]
              for m, grid in (("moving_average", range(1, 13)), ("exponential_smoothing", (0.1, 0.2, 0.3, 0.5, 0.8)))}
    return actual, forecast, model.forecast_errors(actual, forecast), curves


def _forecast_kwargs():
    actual, forecast, errors, _ = _forecast_data()
    return {"actual": actual.copy(), "forecast": forecast.copy(), "errors": dict(errors), "title": "Weekly demand",
            "actual_label": "all categories", "label": "moving average (3 weeks)"}


def _curves():
    return {k: v.copy() for k, v in _forecast_data()[3].items()}


@functools.cache
def _bullwhip():
    orders = model.simulate_bullwhip(60, stages=3, seed=0)
    return orders, model.bullwhip_ratios(orders), model.bullwhip_lower_bound(2, 5, stages=3)


def _ratios():
    _, ratios, bound = _bullwhip()
    return {"ratios": ratios.copy(), "bound": bound.copy(), "other": (ratios * 0.6).clip(lower=1.0)}


@functools.cache
def _scorecard():
    return model.kpi_scorecard(model.distributor_kpis())


def _card():
    card = _scorecard()
    return {k: (v.copy() if hasattr(v, "copy") else v) for k, v in card.items()}


forecast = once(lambda: views.plot_forecast(**_forecast_kwargs(), ax=panel()))
curves = once(lambda: views.plot_error_curves(_curves(), "moving_average", 3, ax=panel()))
orders = once(lambda: views.plot_bullwhip_orders(_bullwhip()[0].copy(), ax=panel()))
ratios = once(lambda: views.plot_bullwhip_ratios(**_ratios(), ax=panel()))


FREE_TEXT = {"empty", "unknown label"}  # titles and legend labels are any text
TEXTS = {"title": FREE_TEXT | {"none"}, "actual_label": FREE_TEXT | {"none"}, "label": FREE_TEXT | {"none"}}
# ``errors`` may carry more measures than the box shows (forecast_errors also gives mae, mse, ...); None: no box
ERRORS = {"errors": {"unknown label", "none"}}
# orders may be negative (returns under order-up-to) and so, on a chart, may any series: the chart draws it
ORDERS = {"orders": {"negative"}}

CASES = [
    Case("plots.demand.plot_forecast", lambda: _forecast_kwargs() | {"ax": None}, accepts=TEXTS | ERRORS),
    Case("plots.demand.update_forecast", lambda: {"handles": forecast(), **_forecast_kwargs()}, accepts=TEXTS | ERRORS),
    Case("plots.demand.plot_error_curves",
         lambda: {"curves": _curves(), "method": "moving_average", "current": 3, "value": 110.0, "ax": None},
         # extra curves are not drawn; value None: read from the curve; a large error widens the axis
         accepts={"curves": {"unknown label"}, "value": {"none", "out of range"}}),
    Case("plots.demand.update_error_curves",
         lambda: {"handles": curves(), "curves": _curves(), "method": "exponential_smoothing", "current": 0.3,
                  "value": 115.0},
         accepts={"curves": {"unknown label"}, "value": {"none", "out of range"}}),
    Case("plots.demand.plot_bullwhip_orders",
         lambda: {"orders": _bullwhip()[0].copy(), "max_stages": 5, "ylim": (-200.0, 400.0), "ax": None},
         accepts=ORDERS),
    Case("plots.demand.update_bullwhip_orders", lambda: {"handles": orders(), "orders": _bullwhip()[0].copy()},
         accepts=ORDERS),
    Case("plots.demand.plot_bullwhip_ratios", lambda: _ratios() | {"max_stages": 5, "top": 1e5, "ax": None},
         # other None: no comparison bars; a ratio or a top of 1e12 is drawn on a taller log axis
         accepts={"other": {"none"}, "top": {"out of range"}}),
    Case("plots.demand.update_bullwhip_ratios", lambda: {"handles": ratios(), **_ratios()},
         accepts={"other": {"none"}}),
    Case("plots.demand.plot_risk_matrix",
         lambda: {"matrix": model.distributor_risk_matrix(), "labels": {"Key supplier plant shutdown": "plant"},
                  "ax": None},
         # labels rename some risks (the rest keep their names): none, an empty dict or an unused key change nothing
         accepts={"labels": {"none", "empty", "unknown label"}}),
    Case("plots.demand.plot_scorecard", lambda: {"card": _card(), "ax": None},
         accepts={"card": {"unknown label"}}),  # a key the scorecard does not use is ignored
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
