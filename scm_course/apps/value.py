"""Apps of Chapter 6, customer value and customer lifetime value: thin glue, no maths."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import pandas as pd

from .. import value as model
from ..i18n import t
from ..plots import value as views
from .base import CourseApp

__all__ = ["CustomerValueApp", "RetentionApp", "CohortApp", "chapter_apps"]

_STYLE = {"description_width": "initial"}


def _slider(key, value, lo, hi, step, fmt=".2f", **fields):
    return widgets.FloatSlider(value=value, min=lo, max=hi, step=step, description=t(key, **fields),
                               readout_format=fmt, continuous_update=True, style=_STYLE,
                               layout=widgets.Layout(width="340px"))


class CustomerValueApp(CourseApp):
    """Weights of the value elements -> value index of competing offers (ranked bars).

    Parameters
    ----------
    offers : pandas.DataFrame, optional
        Offers x criteria ratings, 10 = best for the customer (default
        :func:`~scm_course.value.example_offers`).
    weights : mapping, optional
        Initial weight of each criterion (default
        :data:`~scm_course.value.DEFAULT_VALUE_WEIGHTS`).

    Controls: ``weight_<criterion>`` for each column of ``offers``.
    ``result``: the :func:`~scm_course.value.value_index` table.
    """

    figsize = (9.5, 3.6)

    def __init__(self, offers: pd.DataFrame | None = None, weights=None):
        self.offers = model.example_offers() if offers is None else offers
        weights = dict(model.DEFAULT_VALUE_WEIGHTS if weights is None else weights)
        model.value_index(self.offers, weights)  # validate up front
        self.criteria = list(self.offers.columns)
        controls = {f"weight_{c}": _slider("value.app.weight", float(weights.get(c, 0.0)), 0.0, 1.0, 0.05,
                                           criterion=views.criterion_label(c))
                    for c in self.criteria}
        super().__init__(controls, control_columns=2)

    def compute(self):
        weights = {c: self.value(f"weight_{c}") for c in self.criteria}
        return model.value_index(self.offers, weights)

    def first_draw(self, result):
        return views.plot_value_index(result, ax=self.axes)

    def draw(self, result, handles):
        views.update_value_index(handles, result)


class RetentionApp(CourseApp):
    """Retention, discount rate, margin, acquisition cost and growth target -> CLV, survival, customer base.

    Three panels: (a) CLV against the retention rate with the current rate,
    the acquisition cost and the break-even retention rate; (b) the survival
    curve ``r^t`` and the expected lifetime; (c) the customer base over time,
    split into existing customers kept and the new customers the growth
    target needs at the chosen retention rate.

    Parameters
    ----------
    retention, discount, margin, acquisition_cost, growth : float
        Initial values of the sliders (margin and acquisition cost in CNY per
        customer and year; rates per year).
    initial_customers : float
        Customers at the start (period 0) of panel (c).
    periods : int
        Years shown in panel (c); panel (b) shows twice as many.

    Controls: ``retention``, ``discount``, ``margin``, ``acquisition_cost``,
    ``growth``, ``timing``.  ``result``: ``{"curve", "current",
    "break_even", "survival", "base", "new_needed", "growth", "retention"}``.
    """

    figsize, width_ratios = (13.5, 4.0), (1.15, 1, 1.1)
    control_ranges = {"retention": (0.3, 0.95), "discount": (0.0, 0.3), "margin": (100.0, 5000.0),
                      "acquisition_cost": (0.0, 10_000.0), "growth": (0.0, 0.3)}

    def __init__(self, *, retention=0.8, discount=0.1, margin=1000.0, acquisition_cost=2500.0, growth=0.05,
                 initial_customers=1000.0, periods=10):
        self.initial_customers, self.periods = float(initial_customers), int(periods)
        self.grid = np.round(np.arange(0.0, 0.95 + 1e-9, 0.005), 10)
        model.customer_base(self.initial_customers, retention, self.periods, growth=growth)  # validate up front
        model.clv_retention(margin, retention, discount, acquisition_cost=acquisition_cost)
        controls = {
            "retention": _slider("value.app.retention", retention, 0.3, 0.95, 0.01, ".2f"),
            "discount": _slider("value.app.discount", discount, 0.0, 0.3, 0.01, ".2f"),
            "margin": _slider("value.app.margin", margin, 100, 5000, 100, ".0f"),
            "acquisition_cost": _slider("value.app.acquisition_cost", acquisition_cost, 0, 10_000, 100, ".0f"),
            "growth": _slider("value.app.growth", growth, 0.0, 0.3, 0.01, ".2f"),
            "timing": widgets.Dropdown(options=[(t("value.app.timing_start"), "start"),
                                                (t("value.app.timing_end"), "end")],
                                       value="start", description=t("value.app.timing"), style=_STYLE),
        }
        super().__init__(controls, control_columns=2)

    def compute(self):
        r, d, m = self.value("retention"), self.value("discount"), self.value("margin")
        cost, g, timing = self.value("acquisition_cost"), self.value("growth"), self.value("timing")
        return {
            "curve": model.clv_by_retention(m, self.grid, d, timing=timing),
            "current": {"retention": r, "clv": model.clv_retention(m, r, d, timing=timing),
                        "expected_lifetime": model.expected_lifetime(r)},
            "acquisition_cost": cost,
            "break_even": model.break_even_retention(m, d, cost, timing=timing),
            "survival": model.survival_curve(r, 2 * self.periods),
            "base": model.customer_base(self.initial_customers, r, self.periods, growth=g),
            "new_needed": model.new_customers_needed(self.initial_customers, r, g),
            "growth": g,
            "retention": r,
        }

    def first_draw(self, result):
        a, b, c = self.axes
        handles = (views.plot_clv_retention(result["curve"], current=result["current"],
                                            acquisition_cost=result["acquisition_cost"],
                                            break_even=result["break_even"], ax=a),
                   views.plot_survival(result["survival"], expected_lifetime=result["current"]["expected_lifetime"],
                                       ax=b),
                   views.plot_customer_base(result["base"], ax=c))
        views.update_customer_base(handles[2], result["base"], growth=result["growth"],
                                   retention=result["retention"])
        return handles

    def draw(self, result, handles):
        views.update_clv_retention(handles[0], result["curve"], current=result["current"],
                                   acquisition_cost=result["acquisition_cost"], break_even=result["break_even"])
        views.update_survival(handles[1], result["survival"], expected_lifetime=result["current"]["expected_lifetime"])
        views.update_customer_base(handles[2], result["base"], growth=result["growth"], retention=result["retention"])


class CohortApp(CourseApp):
    """Cohort retention heatmap of a transaction log: period length, unit and cohorts shown.

    Parameters
    ----------
    transactions : pandas.DataFrame
        One row per purchase.
    customer, date : str
        Column names of the customer id and the purchase date.

    Controls: ``freq`` (month / quarter), ``values`` (share / count),
    ``cohorts`` (how many cohorts, from the first, are shown).  The four
    tables (:func:`~scm_course.value.cohort_retention` per period length and
    unit) are computed once, when the app is built.  ``result``:
    ``{"table", "freq", "values", "max_count"}``.
    """

    figsize = (8.5, 4.6)
    control_ranges = {"cohorts": (4, 12)}

    def __init__(self, transactions: pd.DataFrame, customer="customer_id", date="date"):
        self._tables = {(f, v): model.cohort_retention(transactions, customer, date, freq=f, values=v)
                        for f in ("M", "Q") for v in ("share", "count")}
        n_max = len(self._tables[("M", "share")])
        controls = {
            "freq": widgets.ToggleButtons(options=[(t("value.app.month"), "M"), (t("value.app.quarter"), "Q")],
                                          value="M", description=t("value.app.freq"), style=_STYLE),
            "values": widgets.ToggleButtons(options=[(t("value.app.share"), "share"),
                                                     (t("value.app.count"), "count")],
                                            value="share", description=t("value.app.values"), style=_STYLE),
            "cohorts": widgets.IntSlider(value=n_max, min=1, max=n_max, step=1, description=t("value.app.cohorts"),
                                         style=_STYLE, layout=widgets.Layout(width="340px")),
        }
        super().__init__(controls)

    def compute(self):
        freq, values = self.value("freq"), self.value("values")
        full = self._tables[(freq, values)]
        counts = self._tables[(freq, "count")]
        shown = full.iloc[: self.value("cohorts")]
        return {"table": shown, "freq": freq, "values": values,
                "max_count": float(np.nanmax(counts.to_numpy(dtype=float)))}

    def first_draw(self, result):
        return views.plot_cohort_heatmap(result["table"], values=result["values"], max_count=result["max_count"],
                                         ax=self.axes)

    def draw(self, result, handles):
        views.update_cohort_heatmap(handles, result["table"], values=result["values"],
                                    max_count=result["max_count"])


def chapter_apps(tables=None, names=None) -> dict[str, CourseApp]:
    """The apps of Chapter 6.

    Parameters
    ----------
    tables : dict of DataFrame, optional
        ``{"shipments": ...}`` as in :func:`scm_course.data.load_logistics`
        (loaded if None and the cohort app is wanted).
    names : iterable of str, optional
        Which apps to build (default all): ``customer_value``, ``retention``,
        ``cohorts``.
    """
    from .._validation import check_option
    from ..data import load_logistics

    tables = dict(tables or {})

    def shipments():
        if "shipments" not in tables:
            tables.update(load_logistics())
        return tables["shipments"]

    builders = {
        "customer_value": lambda: CustomerValueApp(),
        "retention": lambda: RetentionApp(),
        "cohorts": lambda: CohortApp(shipments()),
    }
    wanted = list(builders) if names is None else [check_option(n, "names", builders) for n in names]
    return {name: builders[name]() for name in wanted}
