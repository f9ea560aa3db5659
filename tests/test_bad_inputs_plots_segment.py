"""Bad-input matrix: scm_course.plots.segment (see tests/bad_inputs.py).

The data are the model's outputs on the logistics provider's shipments (Chapter 7): RFM scores and their
grid, segment and band summaries; k-means on the first 300 customers; the whale curve and profit deciles.
"""
from __future__ import annotations

import functools

import pytest

from bad_inputs import Case, check, matrix
from bad_inputs_plots import close_figures, once, panel  # noqa: F401 - close_figures: autouse fixture
from scm_course import segment as model
from scm_course.apps.segment import CLUSTER_FEATURES, CLUSTER_LOG
from scm_course.data import LOGISTICS_AS_OF, load_logistics
from scm_course.plots import segment as views


@functools.cache
def _data():
    shipments = load_logistics()["shipments"]
    rfm = model.rfm_table(shipments, "customer_id", "date", "revenue", LOGISTICS_AS_OF)
    scores = model.rfm_scores(rfm)
    features = rfm[list(CLUSTER_FEATURES)].iloc[:300]
    profit = model.customer_profitability(shipments, "customer_id", "revenue", "direct_cost", "service_cost")["profit"]
    curve = model.whale_curve(profit)
    return {"grid": model.rf_grid(scores, bins=5), "summary": model.rfm_segment_summary(scores),
            "bands": model.score_band_summary(scores, bins=5),
            "kmeans": model.kmeans_segments(features, 3, seed=0, log=CLUSTER_LOG),
            "coords": model.principal_components(features, 2, log=CLUSTER_LOG),
            "curve": curve, "whale_summary": model.whale_summary(curve), "deciles": model.profit_deciles(profit)}


def _get(key):
    return _data()[key].copy()


def _grid():
    return {k: v.copy() for k, v in _data()["grid"].items()}


def _kmeans():
    km = _data()["kmeans"]
    return {"centers": km["centers"].copy(), "profiles": km["profiles"].copy(), "sizes": km["sizes"].copy()}


grid = once(lambda: views.plot_rf_grid(_grid(), ax=panel()))
bars = once(lambda: views.plot_segment_bars(_get("summary"), ax=panel()))
bands = once(lambda: views.plot_score_bands(_get("bands"), ax=panel()))
clusters = once(lambda: views.plot_clusters(_get("coords"), _data()["kmeans"]["segment"].copy(), ax=panel()))
profiles = once(lambda: views.plot_cluster_profiles(**_kmeans(), ax=panel()))
whale = once(lambda: views.plot_whale_curve(_get("curve"), ax=panel()))
deciles = once(lambda: views.plot_profit_deciles(_get("deciles"), ax=panel()))

# a grid dict, like any result dict, may carry more tables than the plot uses
EXTRA_KEY = {"unknown label"}
# profits, profit shares and standardised centres are negative for loss-making customers / below-mean clusters
CLUSTER_ACCEPTS = {"centers": {"negative"}, "profiles": {"negative"}}

CASES = [
    Case("plots.segment.plot_rf_grid",
         lambda: {"grid": _grid(), "vmax": 0.25, "segment_map": dict(model.RF_SEGMENTS), "ax": None},
         # segment_map None: no borders; a map with an extra key draws the same borders
         accepts={"grid": EXTRA_KEY, "segment_map": {"none", "unknown label"}}),
    Case("plots.segment.update_rf_grid", lambda: {"handles": grid(), "grid": _grid()}, accepts={"grid": EXTRA_KEY}),
    Case("plots.segment.plot_segment_bars",
         lambda: {"summary": _get("summary"), "xmax": 0.7, "labels": True, "legend": True, "ax": None}),
    Case("plots.segment.update_segment_bars", lambda: {"handles": bars(), "summary": _get("summary")}),
    Case("plots.segment.plot_score_bands", lambda: {"bands": _get("bands"), "ax": None}),
    Case("plots.segment.update_score_bands", lambda: {"handles": bands(), "bands": _get("bands")}),
    Case("plots.segment.plot_clusters",
         lambda: {"coords": _get("coords"), "segment": _data()["kmeans"]["segment"].copy(), "ax": None},
         # principal components are negative half the time; the plot reads the first two columns by position
         accepts={"coords": {"negative", "chinese columns"}}),
    Case("plots.segment.update_clusters",
         lambda: {"handles": clusters(), "segment": _data()["kmeans"]["segment"].copy()}),
    Case("plots.segment.plot_cluster_profiles",
         lambda: _kmeans() | {"max_k": 8, "feature_labels": ["recency", "frequency", "monetary"], "ax": None},
         accepts=CLUSTER_ACCEPTS | {"feature_labels": {"none"}}),  # None: the features' own labels
    Case("plots.segment.update_cluster_profiles", lambda: {"handles": profiles(), **_kmeans()},
         accepts=CLUSTER_ACCEPTS),
    Case("plots.segment.plot_whale_curve", lambda: {"curve": _get("curve"), "ylim": (-0.1, 1.4), "ax": None},
         accepts={"curve": {"negative"}, "ylim": {"none"}}),  # ylim None: from the curve
    Case("plots.segment.update_whale_curve",
         lambda: {"handles": whale(), "curve": _get("curve"), "summary": _get("whale_summary")},
         accepts={"curve": {"negative"}, "summary": {"none"}}),  # summary None: computed from the curve
    Case("plots.segment.plot_profit_deciles", lambda: {"deciles": _get("deciles"), "ylim": (-0.3, 0.9), "ax": None},
         accepts={"ylim": {"none"}}),
    Case("plots.segment.update_profit_deciles", lambda: {"handles": deciles(), "deciles": _get("deciles")}),
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
