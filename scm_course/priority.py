"""Setting customer service priorities (设定客户服务优先级).

Models for Chapter 4 of the course: Pareto / ABC classification, order service
priority, the volume x profit-contribution matrix, the customer-product
contribution matrix with its service-policy bands, and the weighted-average
method for service elements.  Pure functions: pandas in, pandas out; no plotting.

References
----------
Ballou, R. H., *Business Logistics/Supply Chain Management*, 5th ed., ch. 4
    ("Logistics customer service": ABC product classification, order priority).
Lambert, D. M. and Stock, J. R., *Strategic Logistics Management*, 3rd ed., ch. 4
    (customer-product contribution matrix and its implementation table).
Seed slides [000] L28-48, L146-161, L205; [002] L145-157 (see COURSE_CONTENT.md
    sections D.10.1-D.10.4 and D.11 for the reconstructed tables).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ._validation import (
    _preview,
    as_numeric_series,
    check_column_args,
    check_columns,
    check_fraction_cutoffs,
    check_option,
    check_weights,
)
from .tradeoff import safety_factor

__all__ = [
    "IMPORTANCE_LEVELS",
    "DEFAULT_POLICY_BANDS",
    "VOLUME_PROFIT_STRATEGIES",
    "abc_classify",
    "abc_summary",
    "order_priority",
    "contribution_matrix",
    "textbook_contribution_matrix",
    "service_policy",
    "policy_safety_stock",
    "demand_sd_by_class",
    "volume_profit_matrix",
    "weighted_scores",
]

#: Importance codes of the order-priority method [000 L28-48, L205].
IMPORTANCE_LEVELS = {
    1: "lost_sale",  # 失销: the customer will not wait
    2: "slight_delay",  # 稍微的延迟可以接受
    3: "longer_delay",  # 较长的延迟仍然接受
}

#: Service-policy bands of the contribution matrix [002 L149-156]:
#: (first priority, last priority, inventory availability, delivery days).
DEFAULT_POLICY_BANDS = (
    (1, 5, 1.00, 1),
    (6, 10, 0.98, 2),
    (11, 15, 0.95, 3),
    (16, 20, 0.90, 5),
)

#: Strategies of the volume x profit-contribution matrix [000 L152-161],
#: keyed by (volume level, profit level).
VOLUME_PROFIT_STRATEGIES = {
    ("high", "high"): "high_availability",  # 高可得性，确保利润
    ("high", "low"): "reduce_cost",  # 降低成本，提升利润
    ("low", "high"): "centralise_storage",  # 集中存储，优化供应链
    ("low", "low"): "review_product",  # 复查产品，考虑利润
}

# Cumulative shares are ratios of float sums; a share that should equal a
# cut-off exactly may land 1 ulp below it.  The tolerance keeps the textbook
# 20/80 boundary exact without moving any real item across a cut-off.
_CUTOFF_TOL = 1e-12


def abc_classify(values, cutoffs=(0.8, 0.95), labels=("A", "B", "C")) -> pd.DataFrame:
    """Pareto / ABC classification (ABC分析法) of items by a value such as sales.

    Items are sorted by value, largest first.  Each item's share of the total and
    the cumulative share are computed, and item *i* goes to the class of the
    interval ``[c_(k-1), c_k)`` that contains the cumulative share *before* it::

        share_i = v_i / sum(v)
        cum_share_i = sum_{j <= i} share_j
        class_i = #{k : cum_share_(i-1) >= cutoffs[k]}

    So the item whose value carries the cumulative share across a cut-off stays
    in the higher class, and class A is never empty.

    Parameters
    ----------
    values : pandas.Series
        Non-negative value per item (sales, revenue, profit...), indexed by a
        unique item id; not all zero.  A dict item -> value is accepted too.
    cutoffs : sequence of float, default (0.8, 0.95)
        Cumulative-share boundaries, strictly increasing, each in (0, 1).
        ``len(cutoffs)`` must be ``len(labels) - 1``.
    labels : sequence of str, default ("A", "B", "C")
        Class labels from the most to the least valuable class.

    Returns
    -------
    pandas.DataFrame
        Indexed by item, sorted by value descending (ties keep input order),
        with columns ``value, share, cum_share, rank, cls``; ``rank`` is 1 for
        the largest item.

    Raises
    ------
    TypeError
        If ``values`` is not a Series of numbers.
    ValueError
        If ``values`` is empty, has duplicate ids, NaN/inf, negative values or
        is all zero; if ``cutoffs`` are not increasing inside (0, 1); if the
        number of labels does not match.

    References
    ----------
    Pareto principle, seed [000 L146-149]: 20 % of items -> 80 % of sales
    (class A), 30 % -> 15 % (B), 50 % -> 5 % (C).  Ballou (2004), sec. 3
    "The 80-20 curve".

    Examples
    --------
    >>> sales = pd.Series([50, 30, 6, 5, 4, 2, 1, 1, 0.5, 0.5], index=list("abcdefghij"))
    >>> abc_classify(sales)["cls"].value_counts().sort_index().tolist()
    [2, 3, 5]
    """
    v = as_numeric_series(values, "values", nonnegative=True, not_all_zero=True)
    cut = check_fraction_cutoffs(cutoffs)
    if isinstance(labels, str) or not isinstance(labels, Sequence):
        raise TypeError(f"labels must be a sequence of class labels, got {labels!r}")
    if len(labels) != len(cut) + 1:
        raise ValueError(
            f"labels must have one more entry than cutoffs: got {len(labels)} labels "
            f"for {len(cut)} cutoffs"
        )
    if len(set(labels)) != len(labels):
        raise ValueError(f"labels must be distinct, got {tuple(labels)}")

    arr = v.to_numpy()
    order = np.argsort(-arr, kind="stable")
    sorted_vals = arr[order]
    cum = np.cumsum(sorted_vals)
    total = cum[-1]
    cum_share = cum / total
    before = np.empty_like(cum_share)
    before[0] = 0.0
    before[1:] = cum_share[:-1]
    cls_idx = np.searchsorted(np.asarray(cut) - _CUTOFF_TOL, before, side="right")
    out = pd.DataFrame(
        {
            "value": sorted_vals,
            "share": sorted_vals / total,
            "cum_share": cum_share,
            "rank": np.arange(1, len(arr) + 1),
            "cls": pd.Categorical.from_codes(cls_idx, categories=list(labels)),
        },
        index=v.index[order],
    )
    out.index.name = v.index.name or "item"
    return out


def abc_summary(classified: pd.DataFrame) -> pd.DataFrame:
    """Summarise an :func:`abc_classify` result per class.

    Returns a DataFrame indexed by class with ``items, item_share, value,
    value_share, cum_item_share, cum_value_share`` (shares as fractions).  A
    class with no item appears with zeros, so the table always has every label.

    Examples
    --------
    >>> sales = pd.Series([50, 30, 6, 5, 4, 2, 1, 1, 0.5, 0.5], index=list("abcdefghij"))
    >>> abc_summary(abc_classify(sales))["value_share"].round(2).tolist()
    [0.8, 0.15, 0.05]
    """
    check_columns(classified, ["value", "cls"], "classified")
    if not isinstance(classified["cls"].dtype, pd.CategoricalDtype):
        raise TypeError("classified must come from abc_classify (column 'cls' is categorical)")
    if classified.index.has_duplicates:
        dup = classified.index[classified.index.duplicated()].unique()
        raise ValueError(f"classified has duplicate item ids: {_preview(dup)}; ids must be unique")
    # finite, but not necessarily >= 0: customer_abc gives loss-making customers (class D) a negative value
    as_numeric_series(classified["value"], "classified['value']")
    grouped = classified.groupby("cls", observed=False)["value"]
    out = pd.DataFrame({"items": grouped.size(), "value": grouped.sum()})
    out["item_share"] = out["items"] / len(classified)
    out["value_share"] = out["value"] / classified["value"].sum()
    out["cum_item_share"] = out["item_share"].cumsum()
    out["cum_value_share"] = out["value_share"].cumsum()
    out.index.name = "cls"
    return out[["items", "item_share", "value", "value_share", "cum_item_share", "cum_value_share"]]


def order_priority(profit_rank, importance, *, level_weights=None) -> pd.DataFrame:
    """Order service priority (订单服务优先级) = profit-margin rank x importance.

    Each product has a profit-margin rank (利润率等级, 1 = best margin) and an
    importance code (重要度): 1 = the sale is lost if the item is not available
    (失销), 2 = a slight delay is acceptable, 3 = a longer delay is acceptable.
    The score is ``profit_rank * w[importance]`` with ``w = {1: 1, 2: 2, 3: 3}``
    by default; a smaller score means a more urgent order.  The priority is the
    rank of the score in ascending order, ties sharing the smaller rank
    (competition ranking 1, 2, 2, 4).

    Parameters
    ----------
    profit_rank : pandas.Series
        Profit-margin rank per product (positive numbers, usually 1..n).
    importance : pandas.Series
        Importance code per product, each one of 1, 2, 3; same index as
        ``profit_rank`` (order may differ).
    level_weights : mapping {1, 2, 3} -> float, optional
        Multiplier used for each importance code (all > 0).  The textbook uses
        the code itself; change it to ask "what if a lost sale counted less?".

    Returns
    -------
    pandas.DataFrame
        In the order of ``profit_rank``, columns ``profit_rank, importance,
        score, priority`` (``priority`` is an int).

    Raises
    ------
    ValueError
        Unknown importance codes, indexes that differ, non-positive ranks or
        weights, NaN, duplicates or empty input.

    References
    ----------
    Seed [000 L28-48, L205] (COURSE_CONTENT.md table T1); Ballou (2004), ch. 4,
    "Order processing priorities".

    Examples
    --------
    >>> products = list("ACFBGEYHLD")
    >>> rank = pd.Series(range(1, 11), index=products)
    >>> imp = pd.Series([2, 3, 1, 3, 3, 2, 1, 2, 3, 2], index=products)
    >>> order_priority(rank, imp)["priority"].tolist()
    [1, 3, 2, 5, 7, 5, 4, 8, 10, 9]
    """
    rank = as_numeric_series(profit_rank, "profit_rank", positive=True)
    imp = as_numeric_series(importance, "importance")
    if set(rank.index) != set(imp.index) or len(rank) != len(imp):
        only_rank = [k for k in rank.index if k not in imp.index]
        only_imp = [k for k in imp.index if k not in rank.index]
        raise ValueError(
            "profit_rank and importance must cover the same products; "
            f"only in profit_rank: {_preview(only_rank)}; only in importance: {_preview(only_imp)}"
        )
    imp = imp.reindex(rank.index)
    unknown = sorted({x for x in imp if x not in IMPORTANCE_LEVELS})
    if unknown:
        raise ValueError(
            f"importance must be one of {sorted(IMPORTANCE_LEVELS)} "
            "(1 lost sale, 2 slight delay acceptable, 3 longer delay acceptable); "
            f"got {_preview(unknown)}"
        )
    weights = {level: float(level) for level in IMPORTANCE_LEVELS}
    if level_weights is not None:
        given = check_weights(level_weights, "level_weights", IMPORTANCE_LEVELS)
        zero = [k for k, w in given.items() if w == 0]
        if zero:
            raise ValueError(f"level_weights must be > 0, got 0 for level(s) {zero}")
        weights.update(given)
    codes = imp.astype(int)
    score = rank * codes.map(weights)
    out = pd.DataFrame(
        {
            "profit_rank": rank,
            "importance": codes,
            "score": score,
            "priority": score.rank(method="min").astype(int),
        },
        index=rank.index,
    )
    if (rank == rank.round()).all():
        out["profit_rank"] = rank.astype(int)
    if level_weights is None:
        out["score"] = score.round().astype(int)
    return out


def contribution_matrix(customer_scores, product_scores) -> pd.DataFrame:
    """Customer-product contribution matrix (客户—产品组合贡献矩阵) from scores.

    Each cell's importance is the product of its customer-class score and its
    product-class score.  Cells are numbered 1..n*m from the most to the least
    important; equal products are broken in favour of the more important
    customer class, then the more important product class, so every number
    appears exactly once (like the textbook table).

    The textbook's 5 x 4 matrix is a judgement table that no additive or
    multiplicative score reproduces; it ships as data in
    :func:`textbook_contribution_matrix`, and every function that uses a
    priority matrix accepts either.

    Parameters
    ----------
    customer_scores : pandas.Series
        Score per customer class (e.g. index I..V), all > 0.
    product_scores : pandas.Series
        Score per product class (e.g. index A..D), all > 0.

    Returns
    -------
    pandas.DataFrame of int
        Rows = customer classes, columns = product classes (input order),
        values = priority 1..n*m (1 = highest priority).

    Examples
    --------
    >>> contribution_matrix(pd.Series({"I": 2, "II": 1}), pd.Series({"A": 3, "B": 1})).to_numpy().tolist()
    [[1, 3], [2, 4]]
    """
    cust = as_numeric_series(customer_scores, "customer_scores", positive=True)
    prod = as_numeric_series(product_scores, "product_scores", positive=True)
    score = np.outer(cust.to_numpy(), prod.to_numpy())
    n, m = score.shape
    # keys: score desc, then customer score desc, product score desc, then position
    rows, cols = np.indices((n, m))
    order = np.lexsort(
        (
            cols.ravel(),
            rows.ravel(),
            -np.broadcast_to(prod.to_numpy(), (n, m)).ravel(),
            -np.broadcast_to(cust.to_numpy()[:, None], (n, m)).ravel(),
            -score.ravel(),
        )
    )
    priority = np.empty(n * m, dtype=int)
    priority[order] = np.arange(1, n * m + 1)
    out = pd.DataFrame(priority.reshape(n, m), index=cust.index, columns=prod.index)
    out.index.name = cust.index.name or "customer_class"
    out.columns.name = prod.index.name or "product_class"
    return out


def textbook_contribution_matrix() -> pd.DataFrame:
    """The seed's customer-product contribution matrix (classes I-V x A-D).

    A judgement table (Lambert & Stock's matrix as printed in seed [002
    L145-157]); 1 = highest priority, every number 1..20 used once.

    Examples
    --------
    >>> textbook_contribution_matrix().loc["III"].tolist()
    [5, 8, 13, 16]
    """
    from .data import load_instance

    inst = load_instance("contribution_matrix")
    out = pd.DataFrame(inst["matrix"], index=inst["customer_classes"], columns=inst["product_classes"])
    out.index.name = "customer_class"
    out.columns.name = "product_class"
    return out


def _check_priority_matrix(priority_matrix) -> pd.DataFrame:
    if not isinstance(priority_matrix, pd.DataFrame):
        raise TypeError(
            f"priority_matrix must be a DataFrame (customer classes x product classes), "
            f"got {type(priority_matrix).__name__}"
        )
    if priority_matrix.size == 0:
        raise ValueError("priority_matrix is empty")
    values = priority_matrix.to_numpy()
    if not np.issubdtype(values.dtype, np.number) or values.dtype == bool:
        raise TypeError(f"priority_matrix must hold integer priorities, got dtype {values.dtype}")
    values = values.astype(float)
    if not np.isfinite(values).all() or (values != np.round(values)).any() or (values < 1).any():
        raise ValueError("priority_matrix must hold whole numbers >= 1 (no NaN)")
    for axis, labels in (("customer classes (index)", priority_matrix.index),
                         ("product classes (columns)", priority_matrix.columns)):
        if labels.has_duplicates:
            raise ValueError(f"priority_matrix has duplicate {axis}: {_preview(labels[labels.duplicated()].unique())}")
    return priority_matrix.astype(int)


def _check_bands(bands) -> tuple[tuple[int, int, float, int], ...]:
    if bands is None:
        return DEFAULT_POLICY_BANDS
    try:
        bands = tuple(tuple(b) for b in bands)
    except TypeError:
        raise TypeError("bands must be a sequence of (first, last, availability, delivery_days)") from None
    if not bands:
        raise ValueError("bands must hold at least one band")
    previous_last = 0
    for i, band in enumerate(bands):
        if len(band) != 4:
            raise ValueError(f"bands[{i}] must be (first, last, availability, delivery_days), got {band}")
        first, last, avail, days = band
        if not all(isinstance(x, (int, float, np.integer, np.floating)) and not isinstance(x, bool)
                   and np.isfinite(x) for x in band):
            raise ValueError(f"bands[{i}] must hold finite numbers (first, last, availability, delivery_days), "
                             f"got {band}")
        if int(first) != first or int(last) != last or not (1 <= first <= last):
            raise ValueError(f"bands[{i}] must have whole numbers 1 <= first <= last, got {band}")
        if first != previous_last + 1:
            raise ValueError(
                f"bands must cover consecutive priorities from 1 without gaps or overlaps; "
                f"bands[{i}] starts at {first}, expected {previous_last + 1}"
            )
        if not (0 < float(avail) <= 1):
            raise ValueError(f"bands[{i}] availability must be a fraction in (0, 1], got {avail}")
        if int(days) != days or days < 0:
            raise ValueError(f"bands[{i}] delivery_days must be a whole number >= 0, got {days}")
        previous_last = int(last)
    return tuple((int(a), int(b), float(c), int(d)) for a, b, c, d in bands)


def service_policy(priority_matrix, bands=None) -> dict[str, pd.DataFrame]:
    """Service policy implied by a priority matrix (客户—产品贡献矩阵的实施).

    Each cell's priority number falls in one band; the band sets the target
    inventory availability (库存可得性) and delivery time (交付速度).

    Parameters
    ----------
    priority_matrix : pandas.DataFrame
        Whole-number priorities (1 = highest), e.g. from
        :func:`textbook_contribution_matrix` or :func:`contribution_matrix`.
    bands : sequence of (first, last, availability, delivery_days), optional
        Consecutive priority ranges starting at 1.  Default
        :data:`DEFAULT_POLICY_BANDS` from the seed: 1-5 -> 100 %, 1 day;
        6-10 -> 98 %, 2 days; 11-15 -> 95 %, 3 days; 16-20 -> 90 %, 5 days.

    Returns
    -------
    dict
        ``{"availability": DataFrame of fractions (1.0 = 100 %),
        "delivery_days": DataFrame of int}``, both shaped like the matrix.

    Raises
    ------
    ValueError
        If a priority is not covered by any band, or the bands are malformed.

    Examples
    --------
    >>> policy = service_policy(textbook_contribution_matrix())
    >>> float(policy["availability"].loc["IV", "A"]), int(policy["delivery_days"].loc["V", "A"])
    (0.98, 3)
    """
    matrix = _check_priority_matrix(priority_matrix)
    table = _check_bands(bands)
    last = table[-1][1]
    too_big = sorted({int(p) for p in matrix.to_numpy().ravel() if p > last})
    if too_big:
        raise ValueError(
            f"priority_matrix has priorities {_preview(too_big)} beyond the last band (ends at {last}); "
            "pass bands that cover every priority"
        )
    firsts = np.array([b[0] for b in table])
    idx = np.searchsorted(firsts, matrix.to_numpy(), side="right") - 1
    avail = np.array([b[2] for b in table])[idx]
    days = np.array([b[3] for b in table])[idx]
    return {
        "availability": pd.DataFrame(avail, index=matrix.index, columns=matrix.columns),
        "delivery_days": pd.DataFrame(days, index=matrix.index, columns=matrix.columns),
    }


def policy_safety_stock(availability, demand_sd, *, max_level=0.999) -> pd.DataFrame:
    """Safety stock a service policy implies, cell by cell: ``z(a) * sigma``.

    Reading availability as a cycle service level with normally distributed
    demand, a cell with target ``a`` and demand standard deviation ``sigma``
    over the replenishment lead time needs safety stock ``Phi^-1(a) * sigma``
    (see :func:`scm_course.tradeoff.safety_factor`).  A target of exactly 100 %
    needs infinite stock under the normal model, so targets above
    ``max_level`` are evaluated at ``max_level`` -- an explicit, documented
    modelling choice (default 99.9 %, z = 3.09), never a silent one.

    Parameters
    ----------
    availability : pandas.DataFrame
        Target availability per cell, fractions in (0, 1] (from
        :func:`service_policy`).
    demand_sd : pandas.DataFrame
        Lead-time demand standard deviation per cell (units or money), >= 0,
        same index and columns as ``availability``.
    max_level : float, default 0.999
        Highest service level evaluated, in (0.5, 1).

    Returns
    -------
    pandas.DataFrame
        Safety stock per cell, in the unit of ``demand_sd``.

    Examples
    --------
    >>> a = pd.DataFrame([[1.0, 0.9]], columns=["A", "B"])
    >>> sd = pd.DataFrame([[10.0, 10.0]], columns=["A", "B"])
    >>> policy_safety_stock(a, sd).round(1).values.tolist()
    [[30.9, 12.8]]
    """
    if not isinstance(availability, pd.DataFrame) or not isinstance(demand_sd, pd.DataFrame):
        raise TypeError("availability and demand_sd must both be DataFrames (classes x classes)")
    if not (isinstance(max_level, (int, float)) and 0.5 < max_level < 1):
        raise ValueError(f"max_level must be a number in (0.5, 1), got {max_level!r}")
    if not (availability.index.equals(demand_sd.index) and availability.columns.equals(demand_sd.columns)):
        raise ValueError("demand_sd must have the same index and columns as availability")
    a = availability.to_numpy(dtype=float)
    sd = demand_sd.to_numpy(dtype=float)
    if not np.isfinite(a).all() or (a <= 0).any() or (a > 1).any():
        raise ValueError("availability must hold fractions in (0, 1] (1.0 = 100 %), no NaN")
    if not np.isfinite(sd).all() or (sd < 0).any():
        raise ValueError("demand_sd must hold finite numbers >= 0")
    z = safety_factor(np.minimum(a, max_level))
    return pd.DataFrame(z * sd, index=availability.index, columns=availability.columns)


def demand_sd_by_class(order_lines, customer_class, product_class, *, value="cost", date="order_date",
                       freq="W-MON", lead_time_periods=1.0) -> pd.DataFrame:
    """Standard deviation of lead-time demand per customer class x product class.

    Order lines are summed per period (weeks by default) and cell; periods
    without orders count as zero demand.  The per-period standard deviation
    (``ddof=1``) is scaled to the lead time by ``sqrt(lead_time_periods)``
    (independent periods).  The result feeds :func:`policy_safety_stock`.

    Parameters
    ----------
    order_lines : pandas.DataFrame
        Needs ``customer_id``, ``product_id``, the ``date`` column and the
        ``value`` column (e.g. ``cost`` for stock valued at cost, or
        ``quantity``).
    customer_class, product_class : pandas.Series
        Class per ``customer_id`` / ``product_id`` (e.g. the ``cls`` column of
        :func:`abc_classify`); a categorical keeps its category order.
    value, date : str
        Column names.
    freq : str, default "W-MON"
        Pandas period frequency of the demand buckets.
    lead_time_periods : float, default 1.0
        Replenishment lead time in periods (> 0).

    Returns
    -------
    pandas.DataFrame
        Rows = customer classes, columns = product classes.
    """
    check_columns(order_lines, ["customer_id", "product_id"], "order_lines")
    check_column_args(order_lines, "order_lines", date=date, value=value)
    if not (isinstance(lead_time_periods, (int, float)) and np.isfinite(lead_time_periods) and lead_time_periods > 0):
        raise ValueError(f"lead_time_periods must be a number > 0, got {lead_time_periods!r}")
    for name, cls, key in (("customer_class", customer_class, "customer_id"), ("product_class", product_class, "product_id")):
        if not isinstance(cls, pd.Series):
            raise TypeError(f"{name} must be a Series {key} -> class, got {type(cls).__name__}")
        unknown = ~order_lines[key].isin(cls.index)
        if unknown.any():
            raise ValueError(f"{name} has no class for {key} {order_lines[key][unknown].iloc[0]!r}")
    amount = as_numeric_series(order_lines[value].reset_index(drop=True), f"order_lines[{value!r}]",
                               nonnegative=True)
    dates = pd.to_datetime(order_lines[date]).reset_index(drop=True)
    try:
        periods = dates.dt.to_period(freq)
    except (ValueError, TypeError, AttributeError):
        raise ValueError(f"freq must be a pandas period frequency such as 'W-MON', 'M' or 'Q', got {freq!r}") from None
    frame = pd.DataFrame({
        "period": periods,
        "c": order_lines["customer_id"].map(customer_class).to_numpy(),
        "p": order_lines["product_id"].map(product_class).to_numpy(),
        "v": amount.to_numpy(),
    })
    table = frame.groupby(["c", "p", "period"], observed=True)["v"].sum().unstack("period")
    all_periods = pd.period_range(periods.min(), periods.max(), freq=freq)
    table = table.reindex(columns=all_periods, fill_value=0.0).fillna(0.0)
    sd = table.std(axis=1, ddof=1).unstack("p") * np.sqrt(lead_time_periods)

    def _order(cls):
        return list(cls.cat.categories) if isinstance(cls.dtype, pd.CategoricalDtype) else sorted(cls.unique())

    sd = sd.reindex(index=_order(customer_class), columns=_order(product_class)).fillna(0.0)
    sd.index.name, sd.columns.name = "customer_class", "product_class"
    return sd


def _split_value(series: pd.Series, split, name: str) -> float:
    if isinstance(split, str):
        check_option(split, "split", ["median", "mean"])
        return float(series.median() if split == "median" else series.mean())
    if isinstance(split, bool) or not isinstance(split, (int, float)) or not np.isfinite(split):
        raise ValueError(f"split threshold for {name} must be a finite number, got {split!r}")
    return float(split)


def volume_profit_matrix(df, volume, profit, split="median") -> pd.DataFrame:
    """Volume x profit-contribution matrix (通过销量和利润贡献度评定优先级).

    Items are split into high / low sales volume (销量) and high / low profit
    contribution (利润贡献度); each quadrant has the seed's strategy:

    ============  =========================  ===================================
    volume        low profit                 high profit
    ============  =========================  ===================================
    high          ``reduce_cost``            ``high_availability``
                  降低成本，提升利润         高可得性，确保利润
    low           ``review_product``         ``centralise_storage``
                  复查产品，考虑利润         集中存储，优化供应链
    ============  =========================  ===================================

    An item exactly at the threshold counts as high.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per item (unique index).
    volume, profit : str
        Names of the volume and profit-contribution columns.
    split : {"median", "mean"}, float, or (float, float), default "median"
        Thresholds: a rule applied to both columns, or explicit
        ``(volume_threshold, profit_threshold)``.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``df``, columns ``volume, profit, volume_level,
        profit_level, quadrant, strategy``; levels are "high" / "low",
        ``quadrant`` is e.g. "high-low" (volume-profit), ``strategy`` a key of
        :data:`VOLUME_PROFIT_STRATEGIES`.

    References
    ----------
    Seed [000 L152-161] (COURSE_CONTENT.md section D.10.2).

    Examples
    --------
    >>> items = pd.DataFrame({"units": [900, 800, 50, 40], "gm": [5e4, 1e3, 9e3, 1e2]}, index=list("wxyz"))
    >>> volume_profit_matrix(items, "units", "gm")["strategy"].tolist()
    ['high_availability', 'reduce_cost', 'centralise_storage', 'review_product']
    """
    check_column_args(df, "df", volume=volume, profit=profit)
    vol = as_numeric_series(df[volume], f"df[{volume!r}]", nonnegative=True)  # sales volume; profit may be < 0
    prof = as_numeric_series(df[profit], f"df[{profit!r}]")
    if isinstance(split, (tuple, list)):
        if len(split) != 2:
            raise ValueError(f"split as explicit thresholds must be (volume, profit), got {split!r}")
        v_cut = _split_value(vol, split[0], "volume")
        p_cut = _split_value(prof, split[1], "profit")
    else:
        v_cut = _split_value(vol, split, "volume")
        p_cut = _split_value(prof, split, "profit")
    v_level = np.where(vol.to_numpy() >= v_cut, "high", "low")
    p_level = np.where(prof.to_numpy() >= p_cut, "high", "low")
    out = pd.DataFrame(
        {"volume": vol, "profit": prof, "volume_level": v_level, "profit_level": p_level},
        index=df.index,
    )
    out["quadrant"] = out["volume_level"] + "-" + out["profit_level"]
    strategies = np.array([VOLUME_PROFIT_STRATEGIES[(v, p)] for v in ("low", "high") for p in ("low", "high")],
                          dtype=object)  # looked up, not built per item
    out["strategy"] = strategies[2 * (v_level == "high") + (p_level == "high")]
    out.attrs["thresholds"] = {"volume": v_cut, "profit": p_cut}
    return out


def weighted_scores(scores, weights) -> pd.Series:
    """Weighted-average method (加权平均法) for service elements.

    ``score_i = sum_j w_j s_ij / sum_j w_j`` for alternative *i* (e.g. a
    supplier) rated on criteria *j* (service elements) with importance weights
    ``w_j``.  Weights are normalised, so only their ratios matter; criteria not
    named in ``weights`` get weight 0.

    Parameters
    ----------
    scores : pandas.DataFrame
        Rows = alternatives, columns = criteria, finite numbers.
    weights : mapping criterion -> float
        Non-negative, not all zero, naming only columns of ``scores``.

    Returns
    -------
    pandas.Series
        Weighted mean per alternative, named ``weighted_score``.

    References
    ----------
    Seed [000 L21-23, L223-224] (weighted-average method); importance and
    supplier ratings from seed [002 L183-215] (COURSE_CONTENT.md table T8).

    Examples
    --------
    >>> s = pd.DataFrame({"on_time": [6, 4], "accuracy": [5, 5]}, index=["S1", "S2"])
    >>> weighted_scores(s, {"on_time": 3, "accuracy": 1}).tolist()
    [5.75, 4.25]
    """
    if not isinstance(scores, pd.DataFrame):
        raise TypeError(f"scores must be a DataFrame (alternatives x criteria), got {type(scores).__name__}")
    if scores.size == 0:
        raise ValueError("scores is empty; it needs at least one alternative and one criterion")
    if scores.columns.has_duplicates:
        raise ValueError(f"scores has duplicate criteria: {_preview(scores.columns[scores.columns.duplicated()])}")
    if scores.index.has_duplicates:
        raise ValueError(f"scores has duplicate alternatives: {_preview(scores.index[scores.index.duplicated()])}")
    if isinstance(weights, Mapping):
        unknown = [k for k in weights if k not in scores.columns]
        if unknown:
            raise ValueError(f"weights names unknown key(s) {_preview(unknown)}, not criteria of scores; "
                             f"allowed: the columns of scores, {_preview(scores.columns, 20)}")
    w = check_weights(weights, "weights", scores.columns)
    for col in scores.columns:
        as_numeric_series(scores[col].reset_index(drop=True), f"scores[{col!r}]")
    wvec = np.array([w.get(c, 0.0) for c in scores.columns])
    values = scores.to_numpy(dtype=float) @ (wvec / wvec.sum())
    return pd.Series(values, index=scores.index, name="weighted_score")
