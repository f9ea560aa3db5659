"""Apps of Chapter 2, customer service and its elements: thin glue, no maths."""
from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from .. import service as model
from ..i18n import has_label, t
from ..plots import service as views
from .base import CourseApp

__all__ = ["OrderPerformanceApp", "SatisfactionGapApp", "StockoutApp", "chapter_apps"]

_STYLE = {"description_width": "initial"}
ALL = "all"


def _label(prefix: str, key) -> str:
    """Translated label of a data key if the label file has it, else the key."""
    name = f"{prefix}.{str(key).lower()}"
    return t(name) if has_label(name) else str(key)


def _slider(description, value, lo, hi, step, fmt=".2f", width="360px"):
    return widgets.FloatSlider(value=value, min=lo, max=hi, step=step, description=description,
                               readout_format=fmt, continuous_update=True, style=_STYLE,
                               layout=widgets.Layout(width=width))


def _filter(description, values, prefix, value=ALL):
    options = [(t("service.perf.all"), ALL)] + [(_label(prefix, v), v) for v in values]
    return widgets.Dropdown(options=options, value=value, description=description, style=_STYLE,
                            layout=widgets.Layout(width="260px"))


class OrderPerformanceApp(CourseApp):
    """Order performance of a segment: lateness tolerance and channel/region filters.

    Parameters
    ----------
    orders : pandas.DataFrame
        Orders as :func:`scm_course.data.load_fulfilment` returns them
        (``channel``, ``region``, the order-cycle timestamps, dates,
        quantities, ``error_free``).
    lines : pandas.DataFrame
        Their lines (:func:`scm_course.data.load_fulfilment_lines`).

    Controls: ``late_tolerance`` (days of lateness still on time), ``channel``
    and ``region`` (``"all"`` or one value; regions from the farthest, by mean
    delivery time, to the nearest).  ``result``: the
    :func:`~scm_course.service.order_performance` dict (``orders``,
    ``metrics``, ``fill_rates``, ``cycle`` by channel within the region) plus
    ``late_tolerance``.  A filter combination without orders shows a message
    and keeps the last result.
    """

    figsize, width_ratios = (11.0, 4.3), (1, 1.3)
    control_ranges = {"late_tolerance": (0, 5)}

    def __init__(self, orders: pd.DataFrame, lines: pd.DataFrame, *, late_tolerance_days=0):
        model.order_performance(orders, lines, late_tolerance_days)  # validate once, up front
        # the order id is only the key that joins lines to orders here: integer codes make selecting
        # the lines of a segment ~5x faster on 60,000 orders (lines of no listed order get -1: never selected)
        keys, ids = pd.factorize(orders["order_id"])
        self.orders = orders.assign(order_id=keys)
        self.lines = lines.assign(order_id=pd.Index(ids).get_indexer(lines["order_id"]))
        self.channels = list(pd.unique(orders["channel"]))  # as in the data
        # regions from the farthest to the nearest: longest mean delivery stage first
        delivery = model.order_cycle_summary(orders, by="region")["delivery"].drop("all")
        regions = list(delivery.sort_values(ascending=False, kind="stable").index)
        controls = {
            "late_tolerance": widgets.IntSlider(value=int(late_tolerance_days), min=0, max=5, step=1,
                                                description=t("service.perf.tolerance"), style=_STYLE,
                                                layout=widgets.Layout(width="360px")),
            "channel": _filter(t("service.perf.channel"), self.channels, "service.channel"),
            "region": _filter(t("service.perf.region"), regions, "service.region"),
        }
        super().__init__(controls, control_columns=3)

    def compute(self):
        where = {k: self.value(k) for k in ("channel", "region") if self.value(k) != ALL}
        try:
            result = model.order_performance(self.orders, self.lines, self.value("late_tolerance"), where=where,
                                             cycle_by="channel")
        except model.NoMatchingOrders:
            raise ValueError(t("service.perf.no_orders", channel=_label("service.channel", self.value("channel")),
                               region=_label("service.region", self.value("region")))) from None
        return {**result, "late_tolerance": self.value("late_tolerance")}

    def _highlight(self):
        channel = self.value("channel")
        return None if channel == ALL else channel

    def first_draw(self, result):
        segments = self.channels + [ALL]
        labels = [_label("service.channel", c) for c in self.channels] + [t("service.cycle.all")]
        return (views.plot_order_metrics(result["metrics"], result["fill_rates"], n_orders=result["orders"],
                                         ax=self.axes[0]),
                views.plot_order_cycle(result["cycle"], segments=segments, labels=labels,
                                       highlight=self._highlight(), ax=self.axes[1]))

    def draw(self, result, handles):
        views.update_order_metrics(handles[0], result["metrics"], result["fill_rates"], n_orders=result["orders"])
        views.update_order_cycle(handles[1], result["cycle"], highlight=self._highlight())


class SatisfactionGapApp(CourseApp):
    """The satisfaction gap model: move the six levels, watch gaps 1-6 and satisfaction.

    Parameters
    ----------
    levels : mapping level -> number, optional
        Start values of :data:`~scm_course.service.GAP_LEVELS` (default: the
        chapter's example, % of orders delivered on time).
    scale : (low, high)
        Range of the sliders (the common scale of the levels).
    tolerance : float
        Zone of tolerance of the verdict: ``|perceived - expected| <=
        tolerance`` counts as satisfied.

    Controls: one slider per level (``expected``, ``perceived_expectations``,
    ``standards``, ``actual``, ``communicated``, ``perceived``).  ``result``:
    ``{"gaps": gap_model(...), "satisfaction": float, "verdict": str}``.
    """

    figsize, width_ratios = (11.0, 4.6), (1.15, 1)

    def __init__(self, levels=None, *, scale=(50.0, 100.0), tolerance=1.0):
        if levels is None:
            from ..data import load_instance

            levels = load_instance("satisfaction_gap_example")["levels"]
        model.gap_model(levels, scale=scale)  # validate up front
        self.scale, self.tolerance = tuple(scale), tolerance
        controls = {level: _slider(t(f"service.level.{level}"), float(levels[level]), scale[0], scale[1], 0.5,
                                   fmt=".1f", width="420px") for level in model.GAP_LEVELS}
        super().__init__(controls, control_columns=2)

    def compute(self):
        levels = {level: self.value(level) for level in model.GAP_LEVELS}
        gaps = model.gap_model(levels, scale=self.scale)
        return {"gaps": gaps, "satisfaction": model.satisfaction(levels["perceived"], levels["expected"]),
                "verdict": model.satisfaction_level(levels["perceived"], levels["expected"],
                                                    tolerance=self.tolerance)}

    def first_draw(self, result):
        return (views.plot_gap_diagram(result["gaps"], ax=self.axes[0]),
                views.plot_gaps(result["gaps"], verdict=result["verdict"], min_limit=0.5 * (self.scale[1] - self.scale[0]),
                                ax=self.axes[1]))

    def draw(self, result, handles):
        views.update_gap_diagram(handles[0], result["gaps"])
        views.update_gaps(handles[1], result["gaps"], verdict=result["verdict"])


#: Slider -> (node, child the slider's probability goes to, complementary child or None).
_STOCKOUT_SLIDERS = {
    "p_switch_store": ("switch_store", "other_store", "substitute"),
    "p_substitute_other_store": ("other_store", "substitute_other_store", "same_item_other_store"),
    "p_substitute": ("substitute", "switch_brand", "order_or_wait"),
    "p_switch_brand": ("switch_brand", "switch_price", "other_size"),
    "p_higher_price": ("switch_price", "higher_price", None),
    "p_lower_price": ("switch_price", "lower_price", None),
    "p_special_order": ("order_or_wait", "special_order", "come_back_later"),
}


class StockoutApp(CourseApp):
    """The retail consumer stockout tree: branch probabilities -> outcomes and cost.

    One slider per yes/no decision (the "no" branch gets the complement), and
    two for the three-way price decision (higher and lower; "same price" is
    the rest).  If higher + lower exceed 1 the model's check reports that the
    branches at ``switch_price`` cannot sum to 1.

    Parameters
    ----------
    outcomes : pandas.DataFrame, optional
        Lost-sale share and cost per outcome (default:
        :func:`~scm_course.service.default_stockout_outcomes`, illustrative).
    currency : str
        Unit of the costs, shown on the axis.

    Controls: ``p_switch_store``, ``p_substitute_other_store``,
    ``p_substitute``, ``p_switch_brand``, ``p_higher_price``,
    ``p_lower_price``, ``p_special_order``.  ``result``: the
    :func:`~scm_course.service.stockout_reactions` dict plus ``branches`` (the
    edge table used).
    """

    figsize, width_ratios = (12.0, 4.8), (1.75, 1)
    control_ranges = {"p_higher_price": (0.0, 0.5), "p_lower_price": (0.0, 0.5)}

    def __init__(self, outcomes=None, *, currency="CNY"):
        self.tree = model.default_stockout_tree()
        self.outcomes = outcomes if outcomes is not None else model.default_stockout_outcomes()
        self.currency = currency
        model.stockout_reactions(self.tree, self.outcomes)  # validate up front
        start = dict(zip(self.tree["child"], self.tree["probability"]))
        controls = {name: _slider(t(f"service.stockout.slider.{name}"), float(start[child]), 0.0, 1.0, 0.01,
                                  width="400px")
                    for name, (_, child, _) in _STOCKOUT_SLIDERS.items()}
        super().__init__(controls, control_columns=2)

    def _branches(self) -> pd.DataFrame:
        p = {}
        for name, (_, child, other) in _STOCKOUT_SLIDERS.items():
            p[child] = self.value(name)
            if other is not None:
                p[other] = round(1.0 - self.value(name), 12)
        p["same_price"] = round(1.0 - self.value("p_higher_price") - self.value("p_lower_price"), 12)
        branches = self.tree.copy()
        branches["probability"] = branches["child"].map(p)
        return branches

    def compute(self):
        branches = self._branches()
        return {**model.stockout_reactions(branches, self.outcomes), "branches": branches}

    def first_draw(self, result):
        return (views.plot_stockout_tree(result, result["branches"], ax=self.axes[0]),
                views.plot_stockout_costs(result, currency=self.currency, ax=self.axes[1]))

    def draw(self, result, handles):
        views.update_stockout_tree(handles[0], result)
        views.update_stockout_costs(handles[1], result)


def chapter_apps(tables=None, names=None) -> dict[str, CourseApp]:
    """The apps of Chapter 2, built on the course's fulfilment data.

    The same set-up as the chapter notebook; tests, benchmarks and dashboards
    use it so that they exercise exactly what students see.

    Parameters
    ----------
    tables : dict of DataFrame, optional
        ``{"fulfilment_orders": ..., "fulfilment_lines": ...}`` as
        :func:`scm_course.data.load_fulfilment` and
        :func:`~scm_course.data.load_fulfilment_lines` return them (loaded if
        None).
    names : iterable of str, optional
        Which apps to build (default all): ``order_performance``,
        ``satisfaction_gap``, ``stockout``.
    """
    from .._validation import check_option
    from ..data import load_fulfilment, load_fulfilment_lines

    builders = {}

    def builder(func):
        builders[func.__name__] = func
        return func

    @builder
    def order_performance():
        orders = tables["fulfilment_orders"] if tables is not None else load_fulfilment()
        lines = tables["fulfilment_lines"] if tables is not None else load_fulfilment_lines()
        return OrderPerformanceApp(orders, lines)

    @builder
    def satisfaction_gap():
        return SatisfactionGapApp()

    @builder
    def stockout():
        return StockoutApp()

    wanted = list(builders) if names is None else [check_option(n, "names", builders) for n in names]
    return {name: builders[name]() for name in wanted}
