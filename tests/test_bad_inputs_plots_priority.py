"""Bad-input matrix: scm_course.plots.priority (see tests/bad_inputs.py).

The data are the model's outputs on the textbook instances (Chapter 4); ``ax``
and ``axes`` are None (a new figure) and get one row, a wrong type.
"""
from __future__ import annotations

import functools

import pandas as pd
import pytest

from bad_inputs import Case, check, matrix
from bad_inputs_plots import close_figures, once, panel  # noqa: F401 - close_figures: autouse fixture
from scm_course import priority as model
from scm_course.data import load_instance
from scm_course.plots import priority as views

NEW_AX = "None draws on new axes (the default); the object() row checks the type"


@functools.cache
def _classified():
    return model.abc_classify(pd.Series([50.0, 30.0, 6.0, 5.0, 4.0], index=list("abcde")))


@functools.cache
def _order_table():
    inst = load_instance("order_priority")
    return model.order_priority(pd.Series(inst["profit_rank"], index=inst["products"]),
                                pd.Series(inst["importance"], index=inst["products"]))


@functools.cache
def _vp():
    df = pd.DataFrame({"q": [10.0, 200, 30, 4, 50], "p": [5.0, 1, 30, 2, 8]}, index=list("abcde"))
    return model.volume_profit_matrix(df, "q", "p")


@functools.cache
def _matrix_policy():
    matrix = model.textbook_contribution_matrix()
    return matrix, model.service_policy(matrix)


def _policy():
    return {k: v.copy() for k, v in _matrix_policy()[1].items()}


def _stock():
    return (pd.Series([120.0, 90, 60, 30, 10], index=["I", "II", "III", "IV", "V"]),
            pd.Series([100.0, 80, 70, 40, 20], index=["I", "II", "III", "IV", "V"]))


@functools.cache
def _weighted():
    s = load_instance("supplier_ratings")
    scores = pd.DataFrame({f"Supplier {k}": s[f"supplier_{k}_mean"] for k in (1, 2, 3)}, index=s["attributes"]).T
    weights = pd.Series(s["importance_mean"], index=s["attributes"])
    return weights, model.weighted_scores(scores, weights.to_dict())


def _summary():
    return model.abc_summary(_classified())


pareto = once(lambda: views.plot_pareto(_classified(), ax=panel()))
shares = once(lambda: views.plot_class_shares(_summary(), ax=panel()))
order = once(lambda: views.plot_order_priority(_order_table(), ax=panel()))
volume = once(lambda: views.plot_volume_profit(_vp(), ax=panel()))
prio = once(lambda: views.plot_priority_matrix(_matrix_policy()[0], _policy(), ax=panel()))
stock = once(lambda: views.plot_safety_stock(*_stock(), ax=panel()))
weighted = once(lambda: views.plot_weighted_scores(*_weighted(), axes=panel(2)))

# a label text: any string is a label (empty = none, Chinese = a Chinese label)
FREE_TEXT = {"empty", "unknown label"}

CASES = [
    Case("plots.priority.plot_pareto",
         lambda: {"classified": _classified().copy(), "cutoffs": (0.8, 0.95), "measure_label": "Revenue", "ax": None},
         accepts={"measure_label": FREE_TEXT | {"none"}}),  # None: the default label
    Case("plots.priority.update_pareto",
         lambda: {"handles": pareto(), "classified": _classified().copy(), "cutoffs": (0.8, 0.95),
                  "measure_label": "Margin"},
         accepts={"measure_label": FREE_TEXT | {"none"}}),  # None: keep the label shown
    Case("plots.priority.plot_class_shares", lambda: {"summary": _summary(), "ax": None}),
    Case("plots.priority.update_class_shares", lambda: {"handles": shares(), "summary": _summary()}),
    Case("plots.priority.plot_order_priority", lambda: {"table": _order_table().copy(), "ax": None}),
    Case("plots.priority.update_order_priority", lambda: {"handles": order(), "table": _order_table().copy()}),
    Case("plots.priority.plot_volume_profit", lambda: {"vp": _vp().copy(), "log": True, "ax": None}),
    Case("plots.priority.update_volume_profit", lambda: {"handles": volume(), "vp": _vp().copy()}),
    Case("plots.priority.plot_priority_matrix",
         lambda: {"matrix": _matrix_policy()[0].copy(), "policy": _policy(), "ax": None},
         # product classes are labels of the data (any text); extra keys of a policy dict are ignored
         accepts={"matrix": {"chinese columns"}, "policy": {"unknown label"}}),
    Case("plots.priority.update_priority_matrix",
         lambda: {"handles": prio(), "matrix": _matrix_policy()[0].copy(), "policy": _policy()},
         accepts={"matrix": {"chinese columns"}, "policy": {"unknown label"}}),
    Case("plots.priority.plot_safety_stock",
         lambda: dict(zip(("current", "baseline"), _stock())) | {"unit": "CNY", "ax": None},
         accepts={"unit": FREE_TEXT}),  # the unit is text on the axis label
    Case("plots.priority.update_safety_stock",
         lambda: {"handles": stock(), **dict(zip(("current", "baseline"), _stock()))}),
    Case("plots.priority.plot_weighted_scores",
         lambda: {"weights": _weighted()[0].copy(), "scores": _weighted()[1].copy(),
                  "criterion_labels": [f"criterion {i}" for i in range(8)], "axes": None},
         accepts={"criterion_labels": {"none"}}),  # None: the criteria's own names
    Case("plots.priority.update_weighted_scores",
         lambda: {"handles": weighted(), "weights": _weighted()[0].copy(), "scores": _weighted()[1].copy()}),
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
