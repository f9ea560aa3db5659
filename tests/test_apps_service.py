"""Chapter 2 plots and apps, driven from pytest (no browser).

Every control must update ``app.result`` and the plotted data synchronously, on
the same figure, without adding artists; the fast (blitted) frame must equal a
full redraw; bad input shows a message instead of raising.
"""
from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from app_driving import (
    assert_blit_matches_full_redraw,
    assert_control_updates_in_place,
    fingerprint,
)

from scm_course import service, set_language
from scm_course.apps import OrderPerformanceApp, SatisfactionGapApp, StockoutApp, all_apps
from scm_course.apps.service import chapter_apps
from scm_course.data import load_fulfilment, load_fulfilment_lines, load_instance
from scm_course.plots import service as views

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def tables():
    return {"fulfilment_orders": load_fulfilment(), "fulfilment_lines": load_fulfilment_lines()}


@pytest.fixture(scope="module")
def apps(tables):
    return chapter_apps(tables)


@pytest.fixture
def fresh_app(tables):
    """A new app in its initial state, so each control is judged on its own."""
    return lambda name: chapter_apps(tables, names=[name])[name]


CONTROLS = {
    "order_performance": ["late_tolerance", "channel", "region"],
    "satisfaction_gap": list(service.GAP_LEVELS),
    "stockout": ["p_switch_store", "p_substitute_other_store", "p_substitute", "p_switch_brand", "p_higher_price",
                 "p_lower_price", "p_special_order"],
}


def test_every_control_is_listed(apps):
    assert sorted(apps) == sorted(CONTROLS)
    for name, app in apps.items():
        assert list(app.controls) == CONTROLS[name], name


def test_the_chapter_apps_are_registered():
    from scm_course.apps import APP_MODULES

    assert "service" in APP_MODULES
    assert {"service.order_performance", "service.satisfaction_gap", "service.stockout"} <= set(all_apps(["service"]))


@pytest.mark.parametrize("name, control", [(n, c) for n, cs in CONTROLS.items() for c in cs])
def test_each_control_updates_result_and_figure_in_place(fresh_app, name, control):
    assert_control_updates_in_place(fresh_app(name), control)


@pytest.mark.parametrize("name", list(CONTROLS))
def test_blitted_frames_equal_a_full_redraw(fresh_app, name):
    """The fast path (cached background + data artists) draws the same picture."""
    assert_blit_matches_full_redraw(fresh_app(name), CONTROLS[name])


@pytest.mark.parametrize("name", list(CONTROLS))
def test_blitted_frames_equal_a_full_redraw_in_chinese(tables, name):
    set_language("zh")
    app = chapter_apps(tables, names=[name])[name]
    assert_blit_matches_full_redraw(app, CONTROLS[name][:3])


def test_apps_repr_is_short_and_stable(apps):
    for app in apps.values():
        assert len(repr(app)) < 60 and "PNG" not in repr(app)


# ---------------------------------------------------------------- order performance
def test_order_app_starts_with_every_order(apps, tables):
    app = apps["order_performance"]
    orders, lines = tables["fulfilment_orders"], tables["fulfilment_lines"]
    assert app.value("channel") == "all" and app.value("region") == "all" and app.value("late_tolerance") == 0
    assert app.result["orders"] == len(orders)
    assert app.result["metrics"] == service.order_metrics(orders)
    assert app.result["fill_rates"] == service.order_fill_rates(lines)
    assert list(app.result["cycle"].index) == ["dealer", "e_commerce", "project", "retail_chain", "all"]
    # regions from the farthest (longest mean delivery) to the nearest
    regions = [o[1] for o in app.controls["region"].options][1:]
    delivery = service.order_cycle_summary(orders, by="region")["delivery"]
    assert [delivery[r] for r in regions] == sorted(delivery.drop("all"), reverse=True)


def test_order_app_filters_match_the_model(fresh_app, tables):
    app = fresh_app("order_performance")
    app.controls["channel"].value = "e_commerce"
    app.controls["region"].value = "West"
    app.controls["late_tolerance"].value = 1
    expected = service.order_performance(tables["fulfilment_orders"], tables["fulfilment_lines"], 1,
                                         where={"channel": "e_commerce", "region": "West"}, cycle_by="channel")
    assert app.result["orders"] == expected["orders"] == 528
    assert app.result["metrics"] == expected["metrics"]
    assert app.result["cycle"].equals(expected["cycle"])
    handles = app._handles[0]
    assert [round(b.get_height(), 9) for b in handles.bars][:4] == [round(expected["metrics"][k], 9) for k in
                                                                     ("on_time", "in_full", "error_free", "perfect_order")]
    assert handles.count_text.get_text() == "528 orders"


def test_order_app_reports_an_empty_selection_without_raising(fresh_app):
    app = fresh_app("order_performance")
    app.controls["channel"].value = "project"
    good, png, renders = app.result, app.image.value, app.renders
    app.controls["region"].value = "East"  # no project orders in the East
    assert app.error == "No orders for channel project in region East: choose another filter."
    assert "No orders for channel project" in app.status.value
    assert app.result is good and app.image.value == png and app.renders == renders
    app.controls["region"].value = "North"
    assert app.error is None and app.status.value == "" and app.result["orders"] == 54


def test_order_app_empty_selection_message_in_chinese(tables):
    set_language("zh")
    app = chapter_apps(tables, names=["order_performance"])["order_performance"]
    app.controls["channel"].value = "retail_chain"
    app.controls["region"].value = "South"
    assert app.error == "渠道「零售连锁」在地区「南部」没有订单：请选择其他筛选条件。"


def test_order_app_accepts_its_own_data():
    orders = load_fulfilment()
    small = orders[orders["region"] == "East"]
    lines = load_fulfilment_lines()
    app = OrderPerformanceApp(small, lines[lines["order_id"].isin(small["order_id"])], late_tolerance_days=2)
    assert app.result["orders"] == len(small) and app.value("late_tolerance") == 2
    assert [o[1] for o in app.controls["region"].options] == ["all", "East"]


# ---------------------------------------------------------------- satisfaction gaps
def test_gap_app_starts_at_the_chapter_example(apps):
    app = apps["satisfaction_gap"]
    inst = load_instance("satisfaction_gap_example")
    assert app.result["gaps"]["value"].tolist() == inst["gaps"]
    assert app.result["satisfaction"] == -8.0 and app.result["verdict"] == "dissatisfied"
    assert "dissatisfied" in app._handles[1].summary.get_text()


def test_gap_app_follows_the_levels(fresh_app):
    app = fresh_app("satisfaction_gap")
    app.controls["perceived"].value = 99.0
    assert app.result["gaps"].loc[6, "value"] == 2.0 and app.result["verdict"] == "delighted"
    assert app.result["gaps"].loc[5, "value"] == 6.0
    diagram = app._handles[0]
    assert diagram.level_texts["perceived"].get_text() == "99"
    assert diagram.gap_texts[6].get_text() == "+2.0"
    app.controls["perceived"].value = 97.5
    assert app.result["verdict"] == "satisfied"  # within the zone of tolerance (1 point)


def test_gap_app_validates_its_start_levels():
    with pytest.raises(ValueError, match="on the scale"):
        SatisfactionGapApp(dict.fromkeys(service.GAP_LEVELS, 120.0))


# ---------------------------------------------------------------- stockout tree
def test_stockout_app_starts_at_the_model_defaults(apps):
    app = apps["stockout"]
    default = service.stockout_reactions()
    assert app.result["expected_cost"] == pytest.approx(default["expected_cost"])
    assert app.result["leaves"]["probability"].tolist() == pytest.approx(default["leaves"]["probability"].tolist())
    assert app.result["branches"].groupby("parent")["probability"].sum().tolist() == pytest.approx([1.0] * 6)


def test_stockout_app_complements_keep_every_node_summing_to_one(fresh_app):
    app = fresh_app("stockout")
    app.controls["p_switch_store"].value = 0.83
    app.controls["p_higher_price"].value = 0.4
    app.controls["p_lower_price"].value = 0.35
    branches = app.result["branches"].set_index("child")["probability"]
    assert branches["substitute"] == pytest.approx(0.17) and branches["same_price"] == pytest.approx(0.25)
    assert app.result["leaves"]["probability"].sum() == pytest.approx(1.0)
    assert app.result["expected_lost_sales"] >= 0.83


def test_stockout_app_shows_the_sum_check(fresh_app):
    app = fresh_app("stockout")
    good = app.result
    app.controls["p_higher_price"].value = 0.7
    app.controls["p_lower_price"].value = 0.5  # higher + lower > 1: "same price" would be negative
    assert app.error is not None and "'switch_price' -> 'same_price' must be in [0, 1]" in app.error
    assert app.result["leaves"].loc["higher_price", "probability"] != good["leaves"].loc["higher_price", "probability"]
    app.controls["p_lower_price"].value = 0.3
    assert app.error is None
    assert app.result["branches"].set_index("child").loc["same_price", "probability"] == pytest.approx(0.0)


def test_stockout_app_with_its_own_outcomes():
    outcomes = service.default_stockout_outcomes()
    outcomes["cost"] = outcomes["cost"] * 2
    app = StockoutApp(outcomes, currency="EUR")
    assert app.result["expected_cost"] == pytest.approx(2 * service.stockout_reactions()["expected_cost"])
    assert "EUR" in app._handles[1].summary.get_text()


# ---------------------------------------------------------------- plots on their own
def test_plot_functions_draw_on_given_axes_and_update_in_place():
    orders, lines = load_fulfilment(), load_fulfilment_lines()
    res = service.order_performance(orders, lines, cycle_by="region")
    fig, axes = plt.subplots(1, 2)
    metrics = views.plot_order_metrics(res["metrics"], res["fill_rates"], n_orders=res["orders"], ax=axes[0])
    cycle = views.plot_order_cycle(res["cycle"], ax=axes[1])
    assert metrics.ax is axes[0] and cycle.ax is axes[1]
    before, n_artists = fingerprint(fig), [len(ax.get_children()) for ax in fig.axes]
    west = service.order_performance(orders, lines, 2, where={"region": "West"}, cycle_by="region")
    views.update_order_metrics(metrics, west["metrics"], None, n_orders=west["orders"])
    views.update_order_cycle(cycle, west["cycle"], highlight="West")
    assert fingerprint(fig) != before and [len(ax.get_children()) for ax in fig.axes] == n_artists
    assert metrics.texts[-1].get_text() == "" and metrics.bars[-1].get_height() == 0.0  # no fill rates given
    assert [b.get_alpha() for b in cycle.bars["delivery"]] == [0.35, 0.35, 0.35, 0.35, 1.0, 1.0]
    plt.close(fig)


def test_cycle_plot_keeps_rows_without_orders():
    orders = load_fulfilment()
    east = service.order_cycle_summary(orders[orders["region"] == "East"], by="channel")
    assert "project" not in east.index
    _, ax = plt.subplots()
    handles = views.plot_order_cycle(east, segments=["dealer", "project", "all"], ax=ax)
    assert handles.texts[1].get_text() == "no orders" and handles.bars["delivery"][1].get_width() == 0
    plt.close(ax.figure)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_static_diagrams_label_every_box(language):
    set_language(language)
    tradeoff = views.plot_marketing_logistics_tradeoff(ax=plt.subplots()[1])
    assert set(tradeoff.boxes) == set(service.MARKETING_MIX) | set(service.LOGISTICS_COSTS)
    reaction = views.plot_supply_reaction_model(ax=plt.subplots()[1])
    assert {"problem", "direct", "indirect", "internal", "evaluation"} <= set(reaction.boxes)
    texts = [b.get_text() for b in [*tradeoff.boxes.values(), *reaction.boxes.values()]]
    assert all(texts) and "|" not in "".join(texts)
    if language == "zh":
        assert all(CJK.search(s) for s in texts)
        assert tradeoff.boxes["inventory_carrying"].get_text() == "库存\n持有成本"
    plt.close("all")


def test_stockout_plots_for_a_custom_tree():
    res = service.stockout_reactions({"stockout": {"leave": 0.25, "wait": 0.75}},
                                     {"leave": {"lost_sale": 1.0, "cost": 100}, "wait": {"lost_sale": 0, "cost": -4}})
    edges = pd.DataFrame({"parent": ["stockout", "stockout"], "child": ["leave", "wait"], "choice": ["yes", "no"]})
    fig, axes = plt.subplots(1, 2)
    tree = views.plot_stockout_tree(res, edges, ax=axes[0])
    costs = views.plot_stockout_costs(res, ax=axes[1])
    assert tree.leaf_texts["leave"].get_text() == "25.0%" and tree.edge_texts["wait"].get_text() == "75%"
    assert axes[1].get_xlim() == (-1.0, 1.0)  # a negative cost (a gain) gets a symmetric axis
    assert np.isclose(sum(b.get_width() for b in costs.bars), 1.0)
    plt.close(fig)
