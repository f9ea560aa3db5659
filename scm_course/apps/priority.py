"""Apps of Chapter 4, service priorities: thin glue, no maths."""
from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .. import priority as model
from ..i18n import has_label, t
from ..plots import priority as views
from .base import CourseApp

__all__ = ["ABCApp", "OrderPriorityApp", "VolumeProfitApp", "ContributionMatrixApp", "WeightedScoresApp", "chapter_apps"]

_STYLE = {"description_width": "initial"}


def _slider(key, value, lo, hi, step, fmt=".2f", **label_fields):
    return widgets.FloatSlider(value=value, min=lo, max=hi, step=step, description=t(key, **label_fields),
                               readout_format=fmt, continuous_update=True, style=_STYLE,
                               layout=widgets.Layout(width="340px"))


def _label(prefix: str, key) -> str:
    """Translated label of a data key if the label file has it, else the key."""
    name = f"{prefix}.{key}"
    return t(name) if has_label(name) else str(key)


class ABCApp(CourseApp):
    """Pareto / ABC classification with cut-off sliders.

    Parameters
    ----------
    values : pandas.Series or pandas.DataFrame
        Value per item; a DataFrame offers each column as a measure (e.g.
        revenue, margin, quantity) in a drop-down.
    cutoffs : (float, float)
        Initial A/B and B/C cumulative-share cut-offs.

    Controls: ``measure`` (DataFrame input only), ``cutoff_a``, ``cutoff_b``.
    ``result``: ``{"classified": abc_classify(...), "summary": abc_summary(...)}``.
    """

    figsize, width_ratios = (9.5, 3.6), (1.5, 1)
    control_ranges = {"cutoff_a": (0.6, 0.9), "cutoff_b": (0.92, 0.99)}

    def __init__(self, values, *, cutoffs=(0.8, 0.95), labels=("A", "B", "C")):
        frame = values.to_frame() if isinstance(values, pd.Series) else values
        if not isinstance(frame, pd.DataFrame) or frame.shape[1] == 0:
            raise TypeError("values must be a Series or a DataFrame with at least one numeric column")
        if len(cutoffs) != 2 or len(labels) != 3:
            raise ValueError("ABCApp uses two cut-offs and three labels (A, B, C)")
        self.values = frame
        self.labels = tuple(labels)
        controls = {}
        if frame.shape[1] > 1:
            controls["measure"] = widgets.Dropdown(
                options=[(_label("priority.measure", c), c) for c in frame.columns],
                value=frame.columns[0], description=t("priority.abc.measure"), style=_STYLE)
        controls["cutoff_a"] = _slider("priority.abc.cutoff", cutoffs[0], 0.05, 0.99, 0.01, label=f"{labels[0]}/{labels[1]}")
        controls["cutoff_b"] = _slider("priority.abc.cutoff", cutoffs[1], 0.05, 0.99, 0.01, label=f"{labels[1]}/{labels[2]}")
        super().__init__(controls)

    def _measure(self):
        return self.value("measure") if "measure" in self.controls else self.values.columns[0]

    def compute(self):
        cutoffs = (self.value("cutoff_a"), self.value("cutoff_b"))
        classified = model.abc_classify(self.values[self._measure()], cutoffs=cutoffs, labels=self.labels)
        return {"classified": classified, "summary": model.abc_summary(classified), "cutoffs": cutoffs}

    def first_draw(self, result):
        label = _label("priority.measure", self._measure())
        return (views.plot_pareto(result["classified"], cutoffs=result["cutoffs"], measure_label=label, ax=self.axes[0]),
                views.plot_class_shares(result["summary"], ax=self.axes[1]))

    def draw(self, result, handles):
        views.update_pareto(handles[0], result["classified"], cutoffs=result["cutoffs"],
                            measure_label=_label("priority.measure", self._measure()))
        views.update_class_shares(handles[1], result["summary"])


class OrderPriorityApp(CourseApp):
    """Order service priority: edit each product's importance and the level weights.

    Controls: ``importance_<product>`` (drop-downs 1/2/3) and ``weight_1``,
    ``weight_2``, ``weight_3`` (multiplier of each importance code; the
    textbook uses 1, 2, 3).  ``result``: the :func:`order_priority` table.
    """

    figsize, width_ratios = (7.5, 3.8), (1,)

    def __init__(self, profit_rank: pd.Series, importance: pd.Series):
        self.profit_rank = profit_rank
        controls = {}
        options = [(f"{k} – {t(f'priority.importance.{k}')}", k) for k in model.IMPORTANCE_LEVELS]
        for product, code in importance.reindex(profit_rank.index).items():
            controls[f"importance_{product}"] = widgets.Dropdown(
                options=options, value=int(code), description=f"{product}",
                layout=widgets.Layout(width="230px"), style={"description_width": "30px"})
        for k in model.IMPORTANCE_LEVELS:
            controls[f"weight_{k}"] = _slider("priority.order.level_weight", float(k), 0.5, 5.0, 0.1, fmt=".1f", level=k)
        self.table_html = widgets.HTML()
        super().__init__(controls, extra=[self.table_html], control_columns=3)

    def compute(self):
        importance = pd.Series({p: self.value(f"importance_{p}") for p in self.profit_rank.index})
        weights = {k: self.value(f"weight_{k}") for k in model.IMPORTANCE_LEVELS}
        if weights == {k: float(k) for k in model.IMPORTANCE_LEVELS}:
            weights = None  # the textbook scoring: keep integer scores
        return model.order_priority(self.profit_rank, importance, level_weights=weights)

    def _show_table(self, table):
        header = [t("priority.order.product"), t("priority.order.profit_rank"), t("priority.order.importance"),
                  t("priority.order.score"), t("priority.order.priority")]
        shown = table.reset_index()
        shown.columns = header
        self.table_html.value = shown.T.to_html(header=False, float_format=lambda v: f"{v:g}", border=0)

    def first_draw(self, result):
        self._show_table(result)
        return views.plot_order_priority(result, ax=self.axes)

    def draw(self, result, handles):
        self._show_table(result)
        views.update_order_priority(handles, result)


class VolumeProfitApp(CourseApp):
    """Volume x profit-contribution matrix with movable split thresholds.

    The sliders set each threshold as a quantile of its column (0.5 = median).
    Controls: ``volume_split``, ``profit_split``.  ``result``: the
    :func:`volume_profit_matrix` table.
    """

    figsize, width_ratios = (7.5, 4.2), (1,)

    def __init__(self, df: pd.DataFrame, volume: str, profit: str):
        model.volume_profit_matrix(df, volume, profit)  # validate once, up front
        self.df, self.volume, self.profit = df, volume, profit
        controls = {
            "volume_split": _slider("priority.vp.volume_split", 0.5, 0.05, 0.95, 0.05),
            "profit_split": _slider("priority.vp.profit_split", 0.5, 0.05, 0.95, 0.05),
        }
        super().__init__(controls)

    def compute(self):
        split = (float(self.df[self.volume].quantile(self.value("volume_split"))),
                 float(self.df[self.profit].quantile(self.value("profit_split"))))
        return model.volume_profit_matrix(self.df, self.volume, self.profit, split=split)

    def first_draw(self, result):
        return views.plot_volume_profit(result, ax=self.axes)

    def draw(self, result, handles):
        views.update_volume_profit(handles, result)


class ContributionMatrixApp(CourseApp):
    """Customer-product contribution matrix, its service policy and inventory effect.

    Parameters
    ----------
    demand_sd : pandas.DataFrame
        Lead-time demand standard deviation (money) per customer class x
        product class; sets the safety-stock panel.
    customer_scores, product_scores : pandas.Series, optional
        Initial weights of the classes (default 5-4-3-2-1 and 4-3-2-1).
    unit : str
        Unit of ``demand_sd`` shown on the axis.

    Controls: ``source`` ("textbook" judgement matrix or "weights"),
    ``customer_<class>`` and ``product_<class>`` weight sliders (moving one
    switches the source to "weights").  ``result``: ``{"matrix", "policy",
    "safety_stock", "baseline_stock"}``.
    """

    figsize, width_ratios = (10.0, 4.0), (1.2, 1)

    def __init__(self, demand_sd: pd.DataFrame, *, customer_scores=None, product_scores=None, unit="CNY"):
        self.textbook = model.textbook_contribution_matrix()
        if not (demand_sd.index.equals(self.textbook.index) and demand_sd.columns.equals(self.textbook.columns)):
            raise ValueError("demand_sd must be indexed by customer classes I-V and have product classes A-D as columns")
        self.demand_sd = demand_sd
        self.unit = unit
        cust = customer_scores if customer_scores is not None else pd.Series([5.0, 4, 3, 2, 1], index=self.textbook.index)
        prod = product_scores if product_scores is not None else pd.Series([4.0, 3, 2, 1], index=self.textbook.columns)
        controls = {"source": widgets.ToggleButtons(
            options=[(t("priority.matrix.source_textbook"), "textbook"), (t("priority.matrix.source_weights"), "weights")],
            value="textbook", description=t("priority.matrix.source"), style={"button_width": "150px", **_STYLE})}
        for c, v in cust.items():
            controls[f"customer_{c}"] = _slider("priority.matrix.customer_weight", float(v), 0.1, 10, 0.1, fmt=".1f", name=c)
        for p, v in prod.items():
            controls[f"product_{p}"] = _slider("priority.matrix.product_weight", float(v), 0.1, 10, 0.1, fmt=".1f", name=p)
        baseline_policy = model.service_policy(self.textbook)
        self.baseline_stock = model.policy_safety_stock(baseline_policy["availability"], demand_sd).sum(axis=1)
        super().__init__(controls, control_columns=2)

    def _on_change(self, change):
        owner = change["owner"]
        if owner is not self.controls["source"] and self.value("source") != "weights":
            self.controls["source"].value = "weights"  # triggers the update itself
            return
        self.update()

    def compute(self):
        if self.value("source") == "textbook":
            matrix = self.textbook
        else:
            cust = pd.Series({c: self.value(f"customer_{c}") for c in self.textbook.index})
            prod = pd.Series({p: self.value(f"product_{p}") for p in self.textbook.columns})
            matrix = model.contribution_matrix(cust, prod)
        policy = model.service_policy(matrix)
        stock = model.policy_safety_stock(policy["availability"], self.demand_sd)
        return {"matrix": matrix, "policy": policy, "safety_stock": stock, "baseline_stock": self.baseline_stock}

    def first_draw(self, result):
        return (views.plot_priority_matrix(result["matrix"], result["policy"], ax=self.axes[0]),
                views.plot_safety_stock(result["safety_stock"].sum(axis=1), result["baseline_stock"], unit=self.unit,
                                        ax=self.axes[1]))

    def draw(self, result, handles):
        views.update_priority_matrix(handles[0], result["matrix"], result["policy"])
        views.update_safety_stock(handles[1], result["safety_stock"].sum(axis=1), result["baseline_stock"])


class WeightedScoresApp(CourseApp):
    """Weighted-average method: importance weight sliders -> supplier scores and ranking.

    Parameters
    ----------
    scores : pandas.DataFrame
        Alternatives (rows) x criteria (columns).
    weights : mapping criterion -> float
        Initial weights (e.g. the customers' mean importance ratings).

    Controls: ``weight_<criterion>``.  ``result``: ``{"scores": Series,
    "ranking": Series}`` (rank 1 = best).
    """

    figsize, width_ratios = (10.0, 3.8), (1.3, 1)

    def __init__(self, scores: pd.DataFrame, weights):
        model.weighted_scores(scores, weights)  # validate up front
        self.scores = scores
        controls = {f"weight_{c}": widgets.FloatSlider(
            value=float(weights.get(c, 0.0)), min=0, max=7, step=0.1, readout_format=".1f",
            description=_label("attr", c), style=_STYLE, layout=widgets.Layout(width="420px"))
            for c in scores.columns}
        self.ranking_html = widgets.HTML()
        super().__init__(controls, extra=[self.ranking_html])

    def _weights(self):
        return {c: self.value(f"weight_{c}") for c in self.scores.columns}

    def compute(self):
        weighted = model.weighted_scores(self.scores, self._weights())
        return {"scores": weighted, "ranking": weighted.rank(ascending=False, method="min").astype(int)}

    def _show_ranking(self, result):
        order = result["ranking"].sort_values(kind="stable")
        items = "".join(f"<li>{html.escape(str(k))}: {result['scores'][k]:.2f}</li>" for k in order.index)
        self.ranking_html.value = f"<b>{html.escape(t('priority.weighted.ranking'))}</b><ol>{items}</ol>"

    def first_draw(self, result):
        self._show_ranking(result)
        labels = [_label("attr", c) for c in self.scores.columns]
        return views.plot_weighted_scores(pd.Series(self._weights()), result["scores"], criterion_labels=labels,
                                          axes=self.axes)

    def draw(self, result, handles):
        self._show_ranking(result)
        views.update_weighted_scores(handles, pd.Series(self._weights()), result["scores"])


def chapter_apps(tables=None, names=None) -> dict[str, CourseApp]:
    """The apps of Chapter 4, built on the course's distributor data.

    The same set-up as the chapter notebook; tests, benchmarks and dashboards
    use it so that they exercise exactly what students see.

    Parameters
    ----------
    tables : dict of DataFrame, optional
        Output of :func:`scm_course.data.load_distributor` (loaded if None).
    names : iterable of str, optional
        Which apps to build (default all): ``abc``, ``order_priority``,
        ``volume_profit``, ``contribution_matrix``, ``weighted_scores``.
    """
    from .._validation import check_option
    from ..data import load_distributor, load_instance

    builders = {}

    def builder(func):
        builders[func.__name__] = func
        return func

    tables = tables if tables is not None else load_distributor()
    lines = tables["order_lines"]

    def per_product():
        return (lines.groupby("product_id")[["revenue", "margin", "quantity"]].sum()
                .reindex(tables["products"]["product_id"], fill_value=0))

    @builder
    def abc():
        return ABCApp(per_product())

    @builder
    def order_priority():
        order = load_instance("order_priority")
        return OrderPriorityApp(pd.Series(order["profit_rank"], index=order["products"]),
                                pd.Series(order["importance"], index=order["products"]))

    @builder
    def volume_profit():
        frame = per_product()
        return VolumeProfitApp(frame[frame["quantity"] > 0], "quantity", "margin")

    @builder
    def contribution_matrix():
        product_cls = model.abc_classify(per_product()["margin"], cutoffs=(0.6, 0.85, 0.95), labels=list("ABCD"))["cls"]
        customer_cls = model.abc_classify(lines.groupby("customer_id")["margin"].sum(), cutoffs=(0.5, 0.75, 0.9, 0.97),
                                          labels=["I", "II", "III", "IV", "V"])["cls"]
        return ContributionMatrixApp(model.demand_sd_by_class(lines, customer_cls, product_cls, value="cost"))

    @builder
    def weighted_scores():
        suppliers = load_instance("supplier_ratings")
        scores = pd.DataFrame({f"Supplier {k}": suppliers[f"supplier_{k}_mean"] for k in (1, 2, 3)},
                              index=suppliers["attributes"]).T
        return WeightedScoresApp(scores, dict(zip(suppliers["attributes"], suppliers["importance_mean"])))

    wanted = list(builders) if names is None else [check_option(n, "names", builders) for n in names]
    return {name: builders[name]() for name in wanted}
