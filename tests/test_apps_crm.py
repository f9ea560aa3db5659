"""Chapter 1 plots and the Customer 360 app, driven from pytest (no browser).

Every control must update ``app.result`` and the plotted data synchronously, on
the same figure, without adding artists; the fast (blitted) frame must equal a
full redraw, in English and Chinese; and what the app shows must be exactly what
:func:`scm_course.crm.customer_360` returns.
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
    chapter_fixtures,
    fingerprint,
)
from test_crm_functions import fixture_tables

from scm_course import crm, set_language
from scm_course.apps.crm import Customer360App, chapter_apps
from scm_course.plots import crm as views

CJK = re.compile(r"[\u4e00-\u9fff]")
CONTROLS = {"customer360": ["customer", "metric", "freq"]}

tables, apps, fresh_app = chapter_fixtures(chapter_apps, crm.crm_tables)


def fixture_app(customer_id=None, tables=None):
    conn = crm.connect()
    crm.build_database(conn, tables or fixture_tables())
    return Customer360App(conn, customer_id)


def shown_values(handles) -> np.ndarray:
    """Bar heights of the history panel read back in data units (the value axis maps them onto 0..1)."""
    yaxis = handles.yaxis
    visible = [bar for bar in handles.bars if bar.get_visible()]
    return np.array([bar.get_height() * (yaxis.hi - yaxis.lo) for bar in visible])


def test_every_control_is_listed(apps):
    assert sorted(apps) == sorted(CONTROLS)
    for name, app in apps.items():
        assert list(app.controls) == CONTROLS[name], name


@pytest.mark.parametrize("name, control", [(n, c) for n, cs in CONTROLS.items() for c in cs])
def test_each_control_updates_result_and_figure_in_place(fresh_app, name, control):
    assert_control_updates_in_place(fresh_app(name), control)


@pytest.mark.parametrize("name", list(CONTROLS))
def test_blitted_frames_equal_a_full_redraw(fresh_app, name):
    assert_blit_matches_full_redraw(fresh_app(name), CONTROLS[name])


@pytest.mark.parametrize("name", list(CONTROLS))
def test_blitted_frames_equal_a_full_redraw_in_chinese(tables, name):
    set_language("zh")
    app = chapter_apps(tables, names=[name])[name]
    assert_blit_matches_full_redraw(app, CONTROLS[name])
    assert all(CJK.search(ax.get_title()) for ax in app.figure.axes)
    assert all(CJK.search(label) for label, _ in app.controls["customer"].options)  # regions in Chinese
    assert "客户档案" in app.profile_html.value and "未关闭的服务工单" in app.tickets_html.value


def test_every_customer_of_the_course_database_is_offered(apps, tables):
    options = apps["customer360"].controls["customer"].options
    assert [value for _, value in options] == sorted(tables["customers"]["customer_id"])
    assert options[0][0] == "C001 · Harbour Trading (West)"


def test_the_app_shows_what_customer_360_returns(fresh_app):
    app = fresh_app("customer360")
    conn = app.conn
    busiest = crm.query(conn, "SELECT customer_id FROM service_tickets WHERE status <> 'closed' "
                              "GROUP BY customer_id ORDER BY COUNT(*) DESC, customer_id LIMIT 1")["customer_id"].item()
    app.controls["customer"].value = busiest
    view = crm.customer_360(conn, busiest)
    assert app.result["customer_id"] == busiest
    for part in ("profile", "contacts", "orders", "open_tickets"):
        pd.testing.assert_frame_equal(app.result["view"][part], view[part])
    # history: monthly sums of the 360 orders, drawn as bars
    orders = view["orders"].assign(month=lambda d: d["order_date"].str[:7])
    by_month = orders.groupby("month")["revenue"].sum()
    history = app.result["history"]
    assert history.loc[[pd.Period(m, "M") for m in by_month.index], "revenue"].tolist() == pytest.approx(
        by_month.tolist())
    assert history["revenue"].sum() == pytest.approx(view["profile"]["revenue"].item())
    assert shown_values(app._handles[0]) == pytest.approx(history["revenue"].to_numpy(), abs=1e-6 * history["revenue"].max())
    assert f"{view['profile']['revenue'].item():,.0f}" in app._handles[0].note.get_text()
    # tables: one row per contact and per open ticket
    assert app.profile_html.value.count("<tr>") == 1 + 1 + 1 + len(view["contacts"])  # two headers, profile row
    assert app.tickets_html.value.count("<tr>") == 1 + len(view["open_tickets"]) and len(view["open_tickets"]) > 0
    for ticket in view["open_tickets"]["ticket_id"]:
        assert ticket in app.tickets_html.value


def test_metric_and_quarters_redraw_the_same_bars(fresh_app):
    app = fresh_app("customer360")
    bars = app._handles[0].bars
    assert len(bars) == 12 and all(bar.get_visible() for bar in bars)  # the course data cover 2025, by month
    app.controls["freq"].value = "Q"
    assert [bar.get_visible() for bar in bars] == [True] * 4 + [False] * 8
    assert shown_values(app._handles[0]) == pytest.approx(app.result["history"]["revenue"].to_numpy())
    app.controls["metric"].value = "quantity"
    quarterly = app.result["history"]["quantity"].to_numpy()
    assert quarterly.sum() == app.result["view"]["orders"]["quantity"].sum()
    assert shown_values(app._handles[0]) == pytest.approx(quarterly)
    line_y = app._handles[0].line.get_ydata()
    assert len(line_y) == 5 and line_y[0] == 0 and line_y[-1] == pytest.approx(views._CUM_TOP)  # 100 % at the top
    assert "units per quarter" in app._handles[0].note.get_text()


def test_category_mix_shares_are_the_customers_own(fresh_app):
    app = fresh_app("customer360")
    app.controls["metric"].value = "margin"
    mix = crm.category_mix(app.conn, app.result["customer_id"])
    widths = {c: bar.get_width() for c, bar in zip(app._handles[1].categories, app._handles[1].bars)}
    assert sum(widths.values()) == pytest.approx(1.0)
    for category, margin in mix["margin"].items():
        assert widths[category] == pytest.approx(margin / mix["margin"].sum())


def test_fixture_database_numbers_are_hand_checked():
    app = fixture_app("C1")  # O1 10 Jan: 2,800 revenue, 700 margin; O2 15 Feb: 400, 150
    assert [str(p) for p in app.result["history"].index] == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05",
                                                             "2025-06"]
    assert shown_values(app._handles[0]) == pytest.approx([2800, 400, 0, 0, 0, 0])
    app.controls["metric"].value = "margin"
    app.controls["freq"].value = "Q"
    assert shown_values(app._handles[0]) == pytest.approx([850, 0])
    widths = [bar.get_width() for bar in app._handles[1].bars]  # refrigerator 400, small 450, television 0
    assert widths == pytest.approx([400 / 850, 450 / 850, 0])
    assert app.tickets_html.value.count("<tr>") == 2 and "T2" in app.tickets_html.value  # T1 is closed
    assert "billing" in app.tickets_html.value and "open" in app.tickets_html.value


def test_a_customer_without_orders_or_contacts_shows_zeros_and_none():
    app = fixture_app("C4")
    assert app.error is None and (shown_values(app._handles[0]) == 0).all()
    assert all(bar.get_width() == 0 for bar in app._handles[1].bars)
    assert "(none)" in app.profile_html.value and "(none)" in app.tickets_html.value
    assert "total 0" in app._handles[0].note.get_text()


def test_names_are_shown_as_text_never_as_html():
    tables = fixture_tables()
    tables["customers"].loc[0, "name"] = "Jade <b>Home</b> & Co"
    app = fixture_app("C1", tables)
    assert "Jade &lt;b&gt;Home&lt;/b&gt; &amp; Co" in app.profile_html.value and "<b>Home" not in app.profile_html.value
    assert app.controls["customer"].options[0][0] == "C1 · Jade <b>Home</b> & Co (East)"  # the widget shows text


def test_app_validates_its_database_and_customer():
    with pytest.raises(ValueError, match="customer_id must be one of the customers"):
        fixture_app("C9")
    empty = crm.connect()
    crm.create_schema(empty)
    with pytest.raises(ValueError, match="no customers"):
        Customer360App(empty)
    crm.build_database(empty, {"customers": fixture_tables()["customers"]})
    with pytest.raises(ValueError, match="no orders"):
        Customer360App(empty)


def test_apps_repr_is_short_and_stable(apps):
    assert repr(apps["customer360"]) == "<Customer360App: 3 controls>"


def test_chapter_apps_rejects_unknown_names(tables):
    with pytest.raises(ValueError, match="names must be one of"):
        chapter_apps(tables, names=["pie"])


def test_plots_work_on_their_own_axes():
    conn = crm.connect()
    crm.build_database(conn, fixture_tables())
    orders = crm.customer_360(conn, "C3")["orders"]  # O4 5 Mar (3 TVs, 1,200), O5 25 Mar (1 fridge, 1,000)
    history = crm.order_history(orders, "M", start="2025-01-01", end="2025-06-30")
    handles = views.plot_order_history(history, "revenue", label="C3")
    before = fingerprint(handles.ax.figure)
    views.update_order_history(handles, history, "quantity")
    assert fingerprint(handles.ax.figure) != before
    assert shown_values(handles) == pytest.approx([0, 0, 4, 0, 0, 0])
    with pytest.raises(ValueError, match="history has 12 periods but the plot has 6 bars"):
        views.update_order_history(handles, crm.order_history(orders, "M", start="2025-01-01", end="2025-12-31"))
    with pytest.raises(ValueError, match="metric must be one of"):
        views.update_order_history(handles, history, "profit")
    mix = views.plot_category_mix(crm.category_mix(conn, "C3"), ["refrigerator", "small", "television"])
    assert [bar.get_width() for bar in mix.bars] == pytest.approx([1000 / 2200, 0, 1200 / 2200])
    assert [t.get_text() for t in mix.ax.get_yticklabels()] == ["refrigerator", "small", "television"]
    plt.close("all")
