"""Bad-input matrix: scm_course.plots.crm (see tests/bad_inputs.py).

The data are the model's outputs on the course's CRM database (customer C003, Chapter 1).
"""
from __future__ import annotations

import functools

import pytest

from bad_inputs import Case, check, matrix
from bad_inputs_plots import close_figures, once, panel  # noqa: F401 - close_figures: autouse fixture
from scm_course import crm as model
from scm_course.plots import crm as views


@functools.cache
def _db():
    conn = model.connect()
    model.build_database(conn, model.crm_tables())
    start, end = model.order_span(conn)
    orders = model.customer_360(conn, "C003")["orders"]
    categories = model.query(conn, "SELECT DISTINCT category FROM products ORDER BY category")["category"].tolist()
    return {"history": model.order_history(orders, "Q", start=start, end=end), "slots": 12,
            "mix": model.category_mix(conn, "C003"), "categories": categories}


def _history():
    return _db()["history"].copy()


def _mix():
    return _db()["mix"].copy()


def _categories():
    return list(_db()["categories"])


history = once(lambda: views.plot_order_history(_history(), "revenue", label="C003", slots=12, ax=panel()))
mix = once(lambda: views.plot_category_mix(_mix(), _categories(), "revenue", ax=panel()))

FREE_TEXT = {"empty", "unknown label"}  # a label is any text (a customer's name, in any language)

CASES = [
    # an unknown category is shown by its own name (underscores read as spaces), as the products table spells it
    Case("plots.crm.category_label", lambda: {"category": "rice_cooker"}, accepts={"category": FREE_TEXT}),
    Case("plots.crm.metric_label", lambda: {"metric": "margin"}),
    Case("plots.crm.plot_order_history",
         lambda: {"history": _history(), "metric": "revenue", "label": "C003", "slots": 12, "ax": None},
         accepts={"label": FREE_TEXT, "slots": {"none"}}),  # slots None: one bar per period
    Case("plots.crm.update_order_history",
         lambda: {"handles": history(), "history": _history(), "metric": "margin", "label": "C003"},
         accepts={"label": FREE_TEXT}),
    Case("plots.crm.plot_category_mix",
         lambda: {"mix": _mix(), "categories": _categories(), "metric": "revenue", "ax": None},
         accepts={"mix": {"empty"}}),  # a customer who never bought: every category at 0 %
    Case("plots.crm.update_category_mix", lambda: {"handles": mix(), "mix": _mix(), "metric": "quantity"},
         accepts={"mix": {"empty"}}),
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
