"""Apps of Chapter 7, customer classification: thin glue, no maths."""
from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .. import segment as model
from ..i18n import t
from ..plots import segment as views
from .base import CourseApp

__all__ = ["RFMApp", "ClusterApp", "WhaleCurveApp", "chapter_apps", "CLUSTER_FEATURES", "CLUSTER_LOG"]

_STYLE = {"description_width": "initial"}
#: Features of the cluster app and the ones taken as log(1 + x) first.
CLUSTER_FEATURES = ("recency", "frequency", "monetary")
CLUSTER_LOG = ("frequency", "monetary")


def _layout():
    return widgets.Layout(width="330px")


def _fslider(key, value, lo, hi, step, fmt=".2f"):
    return widgets.FloatSlider(value=value, min=lo, max=hi, step=step, description=t(key), readout_format=fmt,
                               continuous_update=True, style=_STYLE, layout=_layout())


def _islider(key, value, lo, hi, step):
    return widgets.IntSlider(value=value, min=lo, max=hi, step=step, description=t(key), continuous_update=True,
                             style=_STYLE, layout=_layout())


class RFMApp(CourseApp):
    """RFM scores and segments with movable bin edges and weights.

    Parameters
    ----------
    rfm : pandas.DataFrame
        :func:`~scm_course.segment.rfm_table` result (value shown: revenue =
        ``monetary``).

    Controls: ``scoring`` (``"quantile"`` scores or fixed ``"edges"``),
    ``recency_days``, ``frequency_step``, ``monetary_step`` (the first inner
    edge of each dimension; the others double it, see
    :func:`~scm_course.segment.doubling_edges`; moving one switches the
    scoring to edges), ``weight_recency``, ``weight_frequency``,
    ``weight_monetary`` (weights of the RFM score).  ``result``: ``{"scores",
    "summary", "grid", "bands", "edges"}``.
    """

    figsize, width_ratios = (13.0, 4.4), (1.05, 1.25, 1)
    control_ranges = {"recency_days": (15, 120), "frequency_step": (1, 6), "monetary_step": (500.0, 5000.0),
                      "weight_recency": (0.0, 3.0), "weight_frequency": (0.0, 3.0), "weight_monetary": (0.5, 3.0)}

    def __init__(self, rfm: pd.DataFrame):
        self.rfm = rfm
        controls = {
            "scoring": widgets.ToggleButtons(options=[(t("segment.app.quantile"), "quantile"),
                                                      (t("segment.app.edges"), "edges")],
                                             value="quantile", description=t("segment.app.scoring"), style=_STYLE),
            "recency_days": _islider("segment.app.recency_days", 30, 15, 120, 15),
            "frequency_step": _islider("segment.app.frequency_step", 2, 1, 6, 1),
            "monetary_step": _fslider("segment.app.monetary_step", 2000.0, 500.0, 5000.0, 500.0, fmt=",.0f"),
            "weight_recency": _fslider("segment.app.weight_recency", 1.0, 0.0, 3.0, 0.25),
            "weight_frequency": _fslider("segment.app.weight_frequency", 1.0, 0.0, 3.0, 0.25),
            "weight_monetary": _fslider("segment.app.weight_monetary", 1.0, 0.0, 3.0, 0.25),
        }
        super().__init__(controls, control_columns=2)

    _EDGE_CONTROLS = ("recency_days", "frequency_step", "monetary_step")

    def _on_change(self, change):
        if change["owner"] in [self.controls[n] for n in self._EDGE_CONTROLS] and self.value("scoring") != "edges":
            self.controls["scoring"].value = "edges"  # triggers the update itself
            return
        self.update()

    def compute(self):
        edges = None
        if self.value("scoring") == "edges":
            edges = {"recency": model.doubling_edges(self.value("recency_days")),
                     "frequency": model.doubling_edges(self.value("frequency_step")),
                     "monetary": model.doubling_edges(self.value("monetary_step"))}
        weights = {d: self.value(f"weight_{d}") for d in model.RFM_DIMENSIONS}
        scores = model.rfm_scores(self.rfm, edges=edges, weights=weights)
        return {"scores": scores, "summary": model.rfm_segment_summary(scores), "grid": model.rf_grid(scores, bins=5),
                "bands": model.score_band_summary(scores, bins=5), "edges": edges}

    def first_draw(self, result):
        return (views.plot_rf_grid(result["grid"], segment_map=model.RF_SEGMENTS, ax=self.axes[0]),
                views.plot_segment_bars(result["summary"], labels=False, legend=False, ax=self.axes[1]),
                views.plot_score_bands(result["bands"], ax=self.axes[2]))

    def draw(self, result, handles):
        views.update_rf_grid(handles[0], result["grid"])
        views.update_segment_bars(handles[1], result["summary"])
        views.update_score_bands(handles[2], result["bands"])


class ClusterApp(CourseApp):
    """k-means segments of customers on standardised RFM features.

    Parameters
    ----------
    features : pandas.DataFrame
        Features per customer (default use: recency, frequency, monetary of
        :func:`~scm_course.segment.rfm_table`).
    log : sequence of str
        Features taken as log(1 + x) before standardising.
    k_range : (int, int)
        Smallest and largest k offered (default 2-8); all fits are made once,
        when the app is built.

    Controls: ``k``.  ``result``: the :func:`~scm_course.segment.kmeans_segments`
    dict for the current k.  The profile table under the figure lists each
    segment's size and mean features in original units.
    """

    figsize, width_ratios = (12.0, 4.4), (1.15, 1)

    def __init__(self, features: pd.DataFrame, *, log=CLUSTER_LOG, k_range=(2, 8), k=4, seed=0):
        lo, hi = k_range
        self._fits = {n: model.kmeans_segments(features, n, seed=seed, log=log) for n in range(lo, hi + 1)}
        self.coords = model.principal_components(features, 2, log=log)
        self.max_k = hi
        controls = {"k": _islider("segment.app.k", k, lo, hi, 1)}
        self.table_html = widgets.HTML()
        super().__init__(controls, extra=[self.table_html])

    def compute(self):
        return self._fits[self.value("k")]

    def _show_table(self, result):
        profiles = result["profiles"]
        head = [t("segment.cluster.segment"), t("segment.table.customers")]
        head += [t(f"segment.feature.{c}") for c in profiles.columns]
        rows = []
        for seg, row in profiles.iterrows():
            cells = [str(seg), str(int(result["sizes"].loc[seg]))] + [f"{v:,.1f}" for v in row]
            rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
        self.table_html.value = ("<table><thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in head)
                                 + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")

    def first_draw(self, result):
        self._show_table(result)
        return (views.plot_clusters(self.coords, result["segment"], ax=self.axes[0]),
                views.plot_cluster_profiles(result["centers"], result["profiles"], result["sizes"], max_k=self.max_k,
                                            ax=self.axes[1]))

    def draw(self, result, handles):
        self._show_table(result)
        views.update_clusters(handles[0], result["segment"])
        views.update_cluster_profiles(handles[1], result["centers"], result["profiles"], result["sizes"])


class WhaleCurveApp(CourseApp):
    """The whale curve under a different cost to serve.

    Parameters
    ----------
    profitability : pandas.DataFrame
        :func:`~scm_course.segment.customer_profitability` result (factor 1).
    factor_range : (float, float)
        Range of the cost-to-serve multiplier (the total profit must stay > 0
        over it; checked when the app is built).

    Controls: ``cost_to_serve`` (multiplier of the recorded service cost).
    ``result``: ``{"profitability", "curve", "summary", "deciles"}``.
    """

    figsize, width_ratios = (11.0, 4.2), (1.3, 1)
    control_ranges = {"cost_to_serve": (0.0, 1.5)}

    def __init__(self, profitability: pd.DataFrame, *, factor_range=(0.0, 1.5)):
        self.profitability = profitability
        lo, hi = factor_range
        # fixed axes: the extremes of the slider give the highest curve and the widest bars
        steps = [lo + i * (hi - lo) / 20 for i in range(21)]
        outcomes = [self._model(f) for f in steps]
        peak = max(float(o["summary"]["peak_profit_share"]) for o in outcomes)
        low = min(float(o["curve"]["cum_profit_share"].min()) for o in outcomes)
        self._ylim = (min(0.0, low) - 0.05, peak * 1.08)
        shares = pd.concat([o["deciles"]["profit_share"] for o in outcomes])
        self._dlim = (min(0.0, float(shares.min())) * 1.1 - 0.02, float(shares.max()) * 1.1)
        controls = {"cost_to_serve": _fslider("segment.app.cost_to_serve", 1.0, lo, hi, 0.05)}
        super().__init__(controls)

    def _model(self, factor):
        prof = model.with_cost_to_serve(self.profitability, factor)
        curve = model.whale_curve(prof["profit"])
        return {"profitability": prof, "curve": curve, "summary": model.whale_summary(curve),
                "deciles": model.profit_deciles(prof["profit"])}

    def compute(self):
        return self._model(self.value("cost_to_serve"))

    def first_draw(self, result):
        whale = views.plot_whale_curve(result["curve"], ylim=self._ylim, ax=self.axes[0])
        views.update_whale_curve(whale, result["curve"], result["summary"])
        return whale, views.plot_profit_deciles(result["deciles"], ylim=self._dlim, ax=self.axes[1])

    def draw(self, result, handles):
        views.update_whale_curve(handles[0], result["curve"], result["summary"])
        views.update_profit_deciles(handles[1], result["deciles"])


def chapter_apps(tables=None, names=None) -> dict[str, CourseApp]:
    """The apps of Chapter 7, built on the logistics provider's shipments.

    Parameters
    ----------
    tables : dict of DataFrame, optional
        ``{"customers": ..., "shipments": ...}`` as returned by
        :func:`scm_course.data.load_logistics` (loaded if None).
    names : iterable of str, optional
        Which apps to build (default all): ``rfm``, ``clusters``, ``whale``.
    """
    from .._validation import check_option
    from ..data import LOGISTICS_AS_OF, load_logistics

    tables = dict(tables or {})
    if "shipments" not in tables:
        tables.update(load_logistics())
    shipments = tables["shipments"]
    cache = {}

    def rfm():
        if "rfm" not in cache:
            cache["rfm"] = model.rfm_table(shipments, "customer_id", "date", "revenue", LOGISTICS_AS_OF)
        return cache["rfm"]

    def profitability():
        return model.customer_profitability(shipments, "customer_id", "revenue", "direct_cost", "service_cost")

    builders = {
        "rfm": lambda: RFMApp(rfm()),
        "clusters": lambda: ClusterApp(rfm()[list(CLUSTER_FEATURES)]),
        "whale": lambda: WhaleCurveApp(profitability()),
    }
    wanted = list(builders) if names is None else [check_option(n, "names", builders) for n in names]
    return {name: builders[name]() for name in wanted}
