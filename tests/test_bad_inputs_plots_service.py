"""Bad-input matrix: scm_course.plots.service (see tests/bad_inputs.py).

The data are the model's outputs (Chapter 2): order performance of the first 400 fulfilment orders, the
chapter's satisfaction-gap example and the default consumer stockout tree.
"""
from __future__ import annotations

import functools

import pytest

from bad_inputs import Case, check, matrix
from bad_inputs_plots import close_figures, once, panel  # noqa: F401 - close_figures: autouse fixture
from scm_course import service as model
from scm_course.data import load_fulfilment, load_fulfilment_lines, load_instance
from scm_course.plots import service as views


@functools.cache
def _performance():
    orders = load_fulfilment().iloc[:400]
    lines = load_fulfilment_lines()
    return model.order_performance(orders, lines[lines["order_id"].isin(orders["order_id"])], 0, cycle_by="channel")


def _metrics():
    res = _performance()
    return {"metrics": dict(res["metrics"]), "fill_rates": dict(res["fill_rates"]), "n_orders": res["orders"]}


def _cycle():
    return _performance()["cycle"].copy()


SEGMENTS = ["dealer", "e_commerce", "project", "retail_chain", "all"]


@functools.cache
def _gap_data():
    levels = load_instance("satisfaction_gap_example")["levels"]
    return model.gap_model(levels, scale=(50.0, 100.0))


@functools.cache
def _stockout():
    tree = model.default_stockout_tree()
    return tree, model.stockout_reactions(tree, model.default_stockout_outcomes())


def _result():
    return {k: (v.copy() if hasattr(v, "copy") else v) for k, v in _stockout()[1].items()}


def _edges():
    return _stockout()[0].copy()


metrics = once(lambda: views.plot_order_metrics(**_metrics(), ax=panel()))
cycle = once(lambda: views.plot_order_cycle(_cycle(), segments=SEGMENTS, ax=panel()))
gap_diagram = once(lambda: views.plot_gap_diagram(_gap_data().copy(), ax=panel()))
gaps = once(lambda: views.plot_gaps(_gap_data().copy(), ax=panel()))
tree = once(lambda: views.plot_stockout_tree(_result(), _edges(), ax=panel()))
costs = once(lambda: views.plot_stockout_costs(_result(), ax=panel()))

FREE_TEXT = {"empty", "unknown label"}
# result dicts may carry more entries than a plot uses (order_fill_rate, path, ...): an extra key is ignored
EXTRA_KEY = {"unknown label"}
METRIC_ACCEPTS = {"metrics": EXTRA_KEY, "fill_rates": EXTRA_KEY | {"none"}, "n_orders": {"none"}}

CASES = [
    Case("plots.service.plot_marketing_logistics_tradeoff", lambda: {"ax": None}),
    Case("plots.service.plot_supply_reaction_model", lambda: {"ax": None}),
    Case("plots.service.plot_order_metrics", lambda: _metrics() | {"ax": None}, accepts=METRIC_ACCEPTS),
    Case("plots.service.update_order_metrics", lambda: {"handles": metrics(), **_metrics()}, accepts=METRIC_ACCEPTS),
    Case("plots.service.plot_order_cycle",
         lambda: {"cycle": _cycle(), "segments": SEGMENTS, "labels": ["Dealer", "Online", "Project", "Chain", "All"],
                  "highlight": "dealer", "unit": "hours", "ax": None},
         accepts={"segments": {"none"}, "labels": {"none"}, "highlight": {"none"}}),  # None: defaults
    Case("plots.service.update_order_cycle", lambda: {"handles": cycle(), "cycle": _cycle(), "highlight": "project"},
         accepts={"highlight": {"none"}}),
    Case("plots.service.plot_gap_diagram", lambda: {"gaps": _gap_data().copy(), "ax": None}),
    Case("plots.service.update_gap_diagram", lambda: {"handles": gap_diagram(), "gaps": _gap_data().copy()}),
    Case("plots.service.plot_gaps",
         lambda: {"gaps": _gap_data().copy(), "verdict": "dissatisfied", "min_limit": 10.0, "ax": None},
         # verdict None: no verdict; a huge floor is a valid (if empty-looking) symmetric axis
         accepts={"verdict": {"none"}, "min_limit": {"out of range"}}),
    Case("plots.service.update_gaps", lambda: {"handles": gaps(), "gaps": _gap_data().copy(), "verdict": "satisfied"},
         accepts={"verdict": {"none"}}),
    Case("plots.service.plot_stockout_tree", lambda: {"result": _result(), "edges": _edges(), "ax": None},
         accepts={"result": EXTRA_KEY, "edges": {"duplicate keys"}}),  # edges are rows of branches: index unused
    Case("plots.service.update_stockout_tree", lambda: {"handles": tree(), "result": _result()},
         accepts={"result": EXTRA_KEY}),
    Case("plots.service.plot_stockout_costs", lambda: {"result": _result(), "currency": "CNY", "ax": None},
         accepts={"result": EXTRA_KEY, "currency": FREE_TEXT}),  # the currency is text on the axis label
    Case("plots.service.update_stockout_costs", lambda: {"handles": costs(), "result": _result()},
         accepts={"result": EXTRA_KEY}),
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
