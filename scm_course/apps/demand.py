"""Apps of Chapter 8, CRM in the supply chain: thin glue, no maths."""
from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from .. import demand as model
from ..i18n import t
from ..plots import demand as views
from .base import CourseApp

__all__ = ["ALPHAS", "EVALUATE_FROM", "WINDOWS", "BullwhipApp", "ForecastApp", "chapter_apps"]

_STYLE = {"description_width": "initial"}
#: Smoothing constants and windows offered by the forecast app.
ALPHAS = tuple(round(0.05 * i, 2) for i in range(1, 21))
WINDOWS = tuple(range(1, 13))
#: Periods scored by the forecast app: from week 13 on, so every window and
#: both methods are judged on the same 40 weeks.
EVALUATE_FROM = max(WINDOWS)


def _layout():
    return widgets.Layout(width="330px")


class ForecastApp(CourseApp):
    """Moving average or exponential smoothing on the distributor's weekly demand.

    Parameters
    ----------
    demand : pandas.DataFrame
        Demand per period, one column per series (e.g.
        :func:`~scm_course.demand.distributor_demand` plus a ``"total"``
        column); at least ``EVALUATE_FROM + 1`` periods.

    Controls: ``series`` (which column), ``method`` (``"moving_average"`` or
    ``"exponential_smoothing"``), ``window`` (moving-average length; moving
    it switches the method to moving average), ``alpha`` (smoothing
    constant; moving it switches to exponential smoothing).  ``result``:
    ``{"actual", "forecast", "errors", "curves", "parameter"}``; the errors
    and the error curves of both methods (MAD per window / smoothing
    constant, right panel) are scored from period ``EVALUATE_FROM`` on, so
    every setting is judged on the same weeks.
    """

    figsize, width_ratios = (12.0, 4.2), (2.1, 1)
    control_ranges = {"window": (2, 12), "alpha": (0.1, 0.9)}

    def __init__(self, demand: pd.DataFrame, *, series=None, method="exponential_smoothing", window=4, alpha=0.3):
        self.demand = demand
        names = list(demand.columns)
        # the error curves of every series, computed once (about 20 ms a series): a series change only looks up
        self._curves = {(c, m): model.forecast_error_curve(demand[c], m, WINDOWS if m == "moving_average" else ALPHAS,
                                                           evaluate_from=EVALUATE_FROM)
                        for c in names for m in model.FORECAST_METHODS}
        controls = {
            "series": widgets.Dropdown(options=[(t(f"demand.category.{c}"), c) for c in names],
                                       value=series if series is not None else names[0],
                                       description=t("demand.app.series"), style=_STYLE, layout=_layout()),
            "method": widgets.ToggleButtons(options=[(t("demand.method.moving_average"), "moving_average"),
                                                     (t("demand.method.exponential_smoothing"), "exponential_smoothing")],
                                            value=method, description=t("demand.app.method"), style=_STYLE),
            "window": widgets.IntSlider(value=window, min=min(WINDOWS), max=max(WINDOWS), step=1,
                                        description=t("demand.app.window"), style=_STYLE, layout=_layout()),
            "alpha": widgets.FloatSlider(value=alpha, min=min(ALPHAS), max=max(ALPHAS), step=0.05,
                                         readout_format=".2f", description=t("demand.app.alpha"), style=_STYLE,
                                         layout=_layout()),
        }
        super().__init__(controls, control_columns=2)

    def _on_change(self, change):
        switch = {"window": "moving_average", "alpha": "exponential_smoothing"}
        for name, method in switch.items():
            if change["owner"] is self.controls[name] and self.value("method") != method:
                self.controls["method"].value = method  # triggers the update itself
                return
        self.update()

    def _curve(self, series, method):
        return self._curves[(series, method)]

    def _parameter(self):
        return self.value("window") if self.value("method") == "moving_average" else self.value("alpha")

    def compute(self):
        series, method = self.value("series"), self.value("method")
        actual = self.demand[series]
        forecast = model.forecast(actual, method, window=self.value("window"), alpha=self.value("alpha"))
        scored = forecast[forecast.index >= actual.index[EVALUATE_FROM]]
        curves = {m: self._curve(series, m)["mad"] for m in model.FORECAST_METHODS}
        return {"actual": actual, "forecast": forecast, "errors": model.forecast_errors(actual, scored),
                "curves": curves, "parameter": self._parameter()}

    def _series_label(self):
        return t("demand.forecast.actual_series", series=t(f"demand.category.{self.value('series')}"))

    def _label(self):
        if self.value("method") == "moving_average":
            return t("demand.forecast.label_ma", window=self.value("window"))
        return t("demand.forecast.label_es", alpha=f"{self.value('alpha'):.2f}")

    def first_draw(self, result):
        return (views.plot_forecast(result["actual"], result["forecast"], result["errors"],
                                    actual_label=self._series_label(), label=self._label(), ax=self.axes[0]),
                views.plot_error_curves(result["curves"], self.value("method"), result["parameter"],
                                        result["errors"]["mad"], ax=self.axes[1]))

    def draw(self, result, handles):
        views.update_forecast(handles[0], result["actual"], result["forecast"], result["errors"],
                              actual_label=self._series_label(), label=self._label())
        views.update_error_curves(handles[1], result["curves"], self.value("method"), result["parameter"],
                                  result["errors"]["mad"])


class BullwhipApp(CourseApp):
    """The bullwhip effect in a seeded serial supply chain, with and without shared demand.

    Parameters
    ----------
    periods : int
        Periods shown (the simulation adds ``stages * window`` warm-up periods).
    seed : int
        Seed of the i.i.d. Normal(100, 10^2) end-customer demand.
    max_stages : int
        Largest number of stages offered (2..6).

    Controls: ``policy`` (``"order_up_to"`` or ``"lot_for_lot"``),
    ``lead_time``, ``window`` (moving-average forecast of every stage),
    ``share`` (every stage forecasts from point-of-sale demand) and
    ``stages``.  Moving lead time, window or sharing under lot-for-lot
    switches the policy back to order-up-to (they have no effect otherwise).
    ``result``: ``{"orders", "ratios", "other_ratios", "bound"}`` where
    ``other_ratios`` are the ratios under the other sharing setting and
    ``bound`` the Chen et al. (2000) bound (None for lot-for-lot).
    """

    figsize, width_ratios = (12.0, 4.2), (1.6, 1)
    control_ranges = {"lead_time": (0, 4), "window": (3, 10), "stages": (1, 5)}

    def __init__(self, *, periods: int = 200, seed: int = 2000, max_stages: int = 5, stages: int = 4,
                 lead_time: int = 2, window: int = 5):
        self.periods, self.seed, self.max_stages = periods, seed, max_stages
        controls = {
            "policy": widgets.ToggleButtons(options=[(t("demand.policy.order_up_to"), "order_up_to"),
                                                     (t("demand.policy.lot_for_lot"), "lot_for_lot")],
                                            value="order_up_to", description=t("demand.app.policy"), style=_STYLE),
            "lead_time": widgets.IntSlider(value=lead_time, min=0, max=4, description=t("demand.app.lead_time"),
                                           style=_STYLE, layout=_layout()),
            "window": widgets.IntSlider(value=window, min=3, max=10, description=t("demand.app.bw_window"),
                                        style=_STYLE, layout=_layout()),
            "share": widgets.Checkbox(value=False, description=t("demand.app.share"), style=_STYLE, indent=False),
            "stages": widgets.IntSlider(value=stages, min=1, max=max_stages, description=t("demand.app.stages"),
                                        style=_STYLE, layout=_layout()),
        }
        super().__init__(controls, control_columns=2)

    _POLICY_CONTROLS = ("lead_time", "window", "share")

    def _on_change(self, change):
        if (self.value("policy") != "order_up_to"
                and change["owner"] in [self.controls[n] for n in self._POLICY_CONTROLS]):
            self.controls["policy"].value = "order_up_to"  # triggers the update itself
            return
        self.update()

    def _simulate(self, share):
        stages, window = self.value("stages"), self.value("window")
        return model.simulate_bullwhip(self.periods + stages * window, stages=stages,
                                       lead_time=self.value("lead_time"), policy=self.value("policy"),
                                       window=window, share_demand=share, seed=self.seed)

    def compute(self):
        share = bool(self.value("share"))
        orders = self._simulate(share)
        bound = None
        if self.value("policy") == "order_up_to":
            bound = model.bullwhip_lower_bound(self.value("lead_time"), self.value("window"),
                                               stages=self.value("stages"), share_demand=share)
        return {"orders": orders, "ratios": model.bullwhip_ratios(orders),
                "other_ratios": model.bullwhip_ratios(self._simulate(not share)), "bound": bound}

    def _bound(self, result):
        # lot-for-lot has no Chen bound: the marks sit on the bars (ratio 1)
        return result["bound"] if result["bound"] is not None else result["ratios"]

    def first_draw(self, result):
        return (views.plot_bullwhip_orders(result["orders"], max_stages=self.max_stages, ax=self.axes[0]),
                views.plot_bullwhip_ratios(result["ratios"], self._bound(result), result["other_ratios"],
                                           max_stages=self.max_stages, ax=self.axes[1]))

    def draw(self, result, handles):
        views.update_bullwhip_orders(handles[0], result["orders"])
        views.update_bullwhip_ratios(handles[1], result["ratios"], self._bound(result), result["other_ratios"])


def chapter_apps(tables=None, names=None) -> dict[str, CourseApp]:
    """The apps of Chapter 8.

    Parameters
    ----------
    tables : dict of DataFrame, optional
        The distributor's tables (:func:`scm_course.data.load_distributor`,
        loaded if None); the forecast app uses their weekly demand.
    names : iterable of str, optional
        Which apps to build (default all): ``forecast``, ``bullwhip``.
    """
    from .._validation import check_option
    from ..data import load_distributor

    def weekly():
        distributor = tables if tables is not None and "order_lines" in tables else load_distributor()
        by_category = model.distributor_demand(distributor)
        return by_category.assign(total=model.distributor_demand(distributor, by=None))

    builders = {
        "forecast": lambda: ForecastApp(weekly(), series="air_conditioner"),
        "bullwhip": lambda: BullwhipApp(),
    }
    wanted = list(builders) if names is None else [check_option(n, "names", builders) for n in names]
    return {name: builders[name]() for name in wanted}

