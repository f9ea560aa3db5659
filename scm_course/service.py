"""Customer service (客户服务): elements, order performance and its control.

Models for Chapter 2 (customer service and its elements) and the
performance-control part of Chapter 3.  Pure functions: pandas in, pandas out.

* Order performance (订单绩效): on-time, in-full, error-free and perfect-order
  rates (完美订货) of a set of orders; line, unit and order fill rates.
* Performance control (客户服务绩效的衡量和控制): metrics per period and the
  control loop standard -> measure -> variance -> corrective action.
* Service elements (客户服务要素): the merged pre-/transaction/post-transaction
  catalogue of both seeds, as bilingual data.
* The order cycle (订货周期): transmission, processing, picking, delivery.
* Customer satisfaction (客户满意) and the six-gap satisfaction model.
* Reactions to supply problems: the supplier-level reaction model (as data)
  and the retail consumer stockout tree (零售环节消费者对缺货的反应模型).

References
----------
Seed [000 L239-241] (perfect order; on-time delivery rate 准时交货率, order
    fill rate 订单完成率, error-free rate 无错率); [002 L367-369] (measuring and
    controlling service performance).  COURSE_CONTENT.md sections D.11, D.14.
Lambert, D. M. and Stock, J. R., *Strategic Logistics Management*, ch. 4.
Chopra, S. and Meindl, P., *Supply Chain Management*, ch. on product
    availability (fill rates).
Ballou, R. H., *Business Logistics/Supply Chain Management*, 5th ed., ch. 4
    (elements of customer service; the order cycle).
Parasuraman, A., Zeithaml, V. A. and Berry, L. L. (1985), "A conceptual model
    of service quality and its implications for future research", *Journal of
    Marketing* 49(4), 41-50 (the gap model).
Seed [002 L21-116] (definition, elements, satisfaction model, reactions to
    stockouts); [000 L195-204] (elements).  COURSE_CONTENT.md D.1-D.6, E.2.
"""
from __future__ import annotations

import io
from collections.abc import Mapping
from importlib import resources
from numbers import Real

import numpy as np
import pandas as pd

from ._validation import _preview, as_numeric_series, check_column_args, check_columns, check_option

__all__ = [
    "ORDER_COLUMNS",
    "order_metrics",
    "order_fill_rates",
    "metrics_by_period",
    "control_report",
    "PHASES",
    "MARKETING_MIX",
    "LOGISTICS_COSTS",
    "service_elements",
    "supply_reaction_model",
    "CYCLE_STAGES",
    "order_cycle",
    "order_cycle_summary",
    "order_performance",
    "NoMatchingOrders",
    "GAP_LEVELS",
    "GAPS",
    "satisfaction",
    "satisfaction_level",
    "gap_model",
    "default_stockout_tree",
    "default_stockout_outcomes",
    "stockout_reactions",
]

#: Columns :func:`order_metrics` needs (one row per order).
ORDER_COLUMNS = ("promised_date", "delivered_date", "qty_ordered", "qty_delivered", "error_free")


def _check_tolerance(late_tolerance_days):
    if isinstance(late_tolerance_days, bool) or not isinstance(late_tolerance_days, Real) \
            or not np.isfinite(late_tolerance_days) or late_tolerance_days < 0:
        raise ValueError(f"late_tolerance_days must be a number of days >= 0, got {late_tolerance_days!r}")
    return float(late_tolerance_days)


def _dates(series: pd.Series, name: str) -> pd.Series:
    if series.isna().any():
        i = int(np.argmax(series.isna().to_numpy()))
        raise ValueError(f"orders[{name!r}] is missing for the order at row {i}; "
                         "every order needs a date (drop undelivered orders first)")
    try:
        return pd.to_datetime(series)
    except (ValueError, TypeError):
        raise ValueError(f"orders[{name!r}] must hold dates") from None


def _quantities(orders: pd.DataFrame, ordered: str, delivered: str, name: str):
    q_ord = as_numeric_series(orders[ordered].reset_index(drop=True), f"{name}[{ordered!r}]", nonnegative=True)
    q_del = as_numeric_series(orders[delivered].reset_index(drop=True), f"{name}[{delivered!r}]", nonnegative=True)
    over = q_del > q_ord
    if over.any():
        i = int(np.argmax(over.to_numpy()))
        raise ValueError(f"{name}: {delivered} > {ordered} at row {i} ({q_del[i]:g} > {q_ord[i]:g}); "
                         "an order cannot ship more than was ordered")
    return q_ord.to_numpy(), q_del.to_numpy()


def _flags(orders: pd.DataFrame, late_tolerance_days: float) -> pd.DataFrame:
    check_columns(orders, ORDER_COLUMNS, "orders")
    promised = _dates(orders["promised_date"], "promised_date")
    delivered = _dates(orders["delivered_date"], "delivered_date")
    q_ord, q_del = _quantities(orders, "qty_ordered", "qty_delivered", "orders")
    error_free = orders["error_free"]
    if error_free.dtype != bool:
        raise TypeError(f"orders['error_free'] must be True/False, got dtype {error_free.dtype}")
    lateness = (delivered - promised).dt.total_seconds().to_numpy() / 86400.0
    on_time = lateness <= late_tolerance_days
    in_full = q_del >= q_ord
    flags = pd.DataFrame({"on_time": on_time, "in_full": in_full, "error_free": error_free.to_numpy()},
                         index=orders.index)
    flags["perfect_order"] = flags["on_time"] & flags["in_full"] & flags["error_free"]
    return flags


def order_metrics(orders: pd.DataFrame, late_tolerance_days=0) -> dict[str, float]:
    """On-time, in-full, error-free and perfect-order rates (完美订货率).

    An order is

    * **on time** (准时) if ``delivered_date <= promised_date + tolerance``;
    * **in full** (足量) if ``qty_delivered >= qty_ordered``;
    * **error free** (无错) if its ``error_free`` flag is True (no invoice,
      document or damage error);
    * **perfect** (完美订货) if it is all three at once [000 L239-241].

    Each rate is the fraction of orders with the property, so the
    perfect-order rate can never exceed any of the other three.

    Parameters
    ----------
    orders : pandas.DataFrame
        One row per order with ``promised_date``, ``delivered_date`` (dates),
        ``qty_ordered``, ``qty_delivered`` (numbers >= 0, delivered <=
        ordered) and ``error_free`` (bool).
    late_tolerance_days : float, default 0
        Days of lateness still counted as on time (>= 0).

    Returns
    -------
    dict
        ``{"on_time", "in_full", "error_free", "perfect_order"}`` as fractions.

    Raises
    ------
    ValueError
        Missing columns or dates, negative quantities, delivered > ordered,
        negative tolerance.

    Examples
    --------
    >>> orders = pd.DataFrame({
    ...     "promised_date": pd.to_datetime(["2025-03-03", "2025-03-03", "2025-03-04"]),
    ...     "delivered_date": pd.to_datetime(["2025-03-03", "2025-03-05", "2025-03-04"]),
    ...     "qty_ordered": [10, 5, 8], "qty_delivered": [10, 5, 6], "error_free": [True, True, True]})
    >>> {k: round(v, 3) for k, v in order_metrics(orders).items()}
    {'on_time': 0.667, 'in_full': 0.667, 'error_free': 1.0, 'perfect_order': 0.333}
    """
    flags = _flags(orders, _check_tolerance(late_tolerance_days))
    return {name: float(flags[name].mean()) for name in ("on_time", "in_full", "error_free", "perfect_order")}


def order_fill_rates(lines: pd.DataFrame, *, order="order_id", ordered="qty_ordered",
                     delivered="qty_delivered") -> dict[str, float]:
    """Line, unit and order fill rates (订单完成率) of order lines.

    * **unit fill rate** = units delivered / units ordered;
    * **line fill rate** = share of lines delivered complete;
    * **order fill rate** = share of orders whose every line is complete.

    The three are 1 together (nothing short) and otherwise usually ordered
    unit >= line >= order, because a short line still ships part and one short
    line spoils a whole order -- but not always: short lines bunched in one
    big order can leave the order rate above the line rate.

    Parameters
    ----------
    lines : pandas.DataFrame
        One row per order line with the columns named by ``order``,
        ``ordered`` and ``delivered``.

    Returns
    -------
    dict
        ``{"unit_fill_rate", "line_fill_rate", "order_fill_rate"}``.

    Examples
    --------
    >>> lines = pd.DataFrame({"order_id": ["a", "a", "b"], "qty_ordered": [10, 10, 5],
    ...                       "qty_delivered": [10, 6, 5]})
    >>> {k: round(v, 3) for k, v in order_fill_rates(lines).items()}
    {'unit_fill_rate': 0.84, 'line_fill_rate': 0.667, 'order_fill_rate': 0.5}
    """
    check_column_args(lines, "lines", order=order, ordered=ordered, delivered=delivered)
    q_ord, q_del = _quantities(lines, ordered, delivered, "lines")
    if q_ord.sum() == 0:
        raise ValueError(f"lines[{ordered!r}] are all zero; the fill rate needs units ordered")
    complete = q_del >= q_ord
    # an order is filled when none of its lines is short: count the orders of the (few) short lines
    # rather than group every line by order (4x faster on 200,000 lines, the same fraction)
    ids = lines[order].to_numpy()
    known = pd.notna(ids)  # as groupby, lines without an order id belong to no order
    n_orders, n_short = len(pd.unique(ids[known])), len(pd.unique(ids[known & ~complete]))
    return {
        "unit_fill_rate": float(q_del.sum() / q_ord.sum()),
        "line_fill_rate": float(complete.mean()),
        "order_fill_rate": float((n_orders - n_short) / n_orders) if n_orders else float("nan"),
    }


def metrics_by_period(orders: pd.DataFrame, freq="MS", late_tolerance_days=0, *, date="promised_date") -> pd.DataFrame:
    """Order metrics per period (e.g. per month), the series a control loop watches.

    Parameters
    ----------
    orders : pandas.DataFrame
        As for :func:`order_metrics`.
    freq : str, default "MS"
        Pandas frequency of the periods ("MS" months, "W-MON" weeks, "QS"...).
    late_tolerance_days : float, default 0
        As for :func:`order_metrics`.
    date : str, default "promised_date"
        Date column that assigns an order to a period.

    Returns
    -------
    pandas.DataFrame
        Indexed by period start, columns ``orders, on_time, in_full,
        error_free, perfect_order`` (counts and fractions).
    """
    flags = _flags(orders, _check_tolerance(late_tolerance_days))
    check_column_args(orders, "orders", date=date)
    when = _dates(orders[date], date)
    try:
        grouper = pd.Grouper(freq=freq)
        frame = flags.set_index(pd.DatetimeIndex(when.to_numpy(), name="period"))
        grouped = frame.groupby(grouper)
    except (ValueError, TypeError):
        raise ValueError(f"freq must be a pandas frequency such as 'MS', 'W-MON' or 'QS', got {freq!r}") from None
    out = grouped.mean().astype(float)
    out.insert(0, "orders", grouped.size())
    return out[out["orders"] > 0]


def control_report(actual, standard, *, tolerance=0.0, higher_is_better=True) -> pd.DataFrame:
    """The control loop of service performance: standard -> measure -> variance -> act.

    For each period the measured value is compared with the performance
    standard (绩效标准): ``variance = actual - standard``.  A period

    * **meets** the standard if it is at least as good as the standard;
    * is **within_tolerance** if it falls short by no more than ``tolerance``
      (watch, no action yet);
    * is **below_standard** otherwise: analyse the variance and take
      corrective action (采取纠正性措施) [002 L367-369].

    Parameters
    ----------
    actual : pandas.Series
        Measured metric per period (e.g. the ``perfect_order`` column of
        :func:`metrics_by_period`), finite numbers.
    standard : float or pandas.Series
        The target, one number or one per period (same index).
    tolerance : float, default 0.0
        Allowed shortfall before action (>= 0), in the metric's units.
    higher_is_better : bool, default True
        False for metrics such as order-cycle time, where lower is better.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``actual``: ``actual, standard, variance, status``.

    Examples
    --------
    >>> rates = pd.Series([0.93, 0.89, 0.84], index=["Jan", "Feb", "Mar"])
    >>> control_report(rates, 0.90, tolerance=0.02)["status"].tolist()
    ['meets', 'within_tolerance', 'below_standard']
    """
    act = as_numeric_series(actual, "actual")
    if isinstance(standard, pd.Series):
        std = as_numeric_series(standard, "standard")
        if not std.index.equals(act.index):
            raise ValueError("standard given per period must have the same index as actual")
    elif isinstance(standard, bool) or not isinstance(standard, Real) or not np.isfinite(standard):
        raise ValueError(f"standard must be a finite number or a Series like actual, got {standard!r}")
    else:
        std = pd.Series(float(standard), index=act.index)
    if isinstance(tolerance, bool) or not isinstance(tolerance, Real) or not np.isfinite(tolerance) or tolerance < 0:
        raise ValueError(f"tolerance must be a number >= 0, got {tolerance!r}")
    check_option(higher_is_better, "higher_is_better", [True, False])
    variance = act - std
    shortfall = -variance if higher_is_better else variance
    status = np.where(shortfall <= 0, "meets", np.where(shortfall <= tolerance + 1e-12, "within_tolerance",
                                                        "below_standard"))
    return pd.DataFrame({"actual": act, "standard": std, "variance": variance, "status": status}, index=act.index)


# ==========================================================================
# Chapter 2: customer service and its elements (客户服务及其要素)
# ==========================================================================
#: Phases of the service elements (交易前 / 交易中 / 交易后要素), in time order.
PHASES = ("pre_transaction", "transaction", "post_transaction")
#: The marketing mix (4P) of the marketing-logistics trade-off [002 L10-17];
#: "place" is expressed as the customer service level (地点/客户服务水平).
MARKETING_MIX = ("product", "price", "promotion", "place")
#: The five logistics cost categories traded off against the customer service
#: level [002 L10-17]: inventory carrying (库存持有成本), transportation (运输成本),
#: warehousing (仓储成本), lot quantity (批量成本), order processing and
#: information (订单处理与信息成本).
LOGISTICS_COSTS = ("inventory_carrying", "transportation", "warehousing", "lot_quantity", "order_processing")

#: Parts of the supplier-level reaction model (客户对供货问题的反应模型), in reading order.
REACTION_PARTS = ("problem", "input", "decision", "short_term", "direct", "indirect", "internal_adjustment",
                  "evaluation")


def _catalogue(name: str) -> pd.DataFrame:
    text = resources.files("scm_course").joinpath(f"resources/catalogues/{name}").read_text("utf-8")
    # dtype=str keeps codes such as "000+002" as text; empty cells stay ""
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def service_elements(phase=None) -> pd.DataFrame:
    """The customer service elements (客户服务要素), merged from both seeds.

    Three groups, by when they act on the customer [000 L195-204], [002 L32-47]:

    * **pre-transaction** (交易前要素): set up before any order -- the written
      policy, organisation, system flexibility, accessibility...;
    * **transaction** (交易中要素 / 交易要素): felt while an order is filled --
      availability, order information and status, the order cycle, fill rate,
      expedited shipments, transshipment, accuracy, convenience, substitution;
    * **post-transaction** (交易后要素): support after delivery -- installation
      and spare parts, tracking, claims and returns, temporary replacement.

    The catalogue is data (``resources/catalogues/service_elements.csv``), so
    later chapters (the service audit) reuse the same ids and names.

    Parameters
    ----------
    phase : {"pre_transaction", "transaction", "post_transaction"}, optional
        Return one group only; all 20 elements if None.

    Returns
    -------
    pandas.DataFrame
        Indexed by element ``id``; columns ``phase, en, zh, zh_other, source,
        meaning_en, meaning_zh``.  ``zh`` is the seed's term, ``zh_other`` the
        other seed's wording ("" if the same), ``source`` the seed(s):
        ``"000"``, ``"002"`` or ``"000+002"``.  The six transaction elements
        found only in [002] are placed by the slide layout (digest, Part H
        item 20).

    Raises
    ------
    ValueError
        If ``phase`` is not one of :data:`PHASES`.

    References
    ----------
    Lambert, D. M. and Stock, J. R., *Strategic Logistics Management*, ch. 4
    (pre-transaction, transaction and post-transaction elements, after LaLonde
    and Zinszer 1976); COURSE_CONTENT.md D.3.

    Examples
    --------
    >>> service_elements().groupby("phase", sort=False).size().to_dict()
    {'pre_transaction': 6, 'transaction': 10, 'post_transaction': 4}
    >>> service_elements("post_transaction")["zh"].tolist()[:2]
    ['安装、质量保证、维修、零部件供应', '产品跟踪']
    """
    if phase is not None:
        check_option(phase, "phase", PHASES)
    table = _catalogue("service_elements.csv").set_index("id")
    return table[table["phase"] == phase] if phase is not None else table


def supply_reaction_model(part=None) -> pd.DataFrame:
    """The supplier-level model of customer reactions to supply problems, as data.

    How a business customer (a dealer, a retail chain) reacts when a supplier
    fails [002 L92-111]: a **supply problem** (供货问题: stockout, short
    shipment, order-cycle problem, back order) and four **inputs** (the
    supplier's supply history; the type of failure and the buyer's time
    constraints; product factors; the history of past reactions) lead to three
    **decisions**: which **short-term reaction** (短期反应: substitute product,
    system balancing...), whether to make a **long-term reaction** (长期反应),
    and of which type -- **direct** (直接, against the failing product),
    **indirect** (间接, against the supplier's other products) or **internal
    adjustment** (内部调节, e.g. more safety stock).  An **evaluation** of how
    well the reaction worked feeds the reaction history.

    Parameters
    ----------
    part : str, optional
        One of ``problem, input, decision, short_term, direct, indirect,
        internal_adjustment, evaluation``; all parts if None.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``id``; columns ``part, en, zh, note``.  ``note`` starts
        with "inferred" where the flattened flowchart had to be reconstructed
        (the role of back order and system balancing, the placing of
        "increase safety stock", which input feeds which decision; digest
        Part H item 22).

    Examples
    --------
    >>> supply_reaction_model("direct")["zh"].tolist()
    ['削减该产品的货架空间', '拒绝制造商资助的该产品的促销', '从目录中删除']
    """
    if part is not None:
        check_option(part, "part", REACTION_PARTS)
    table = _catalogue("supply_reactions.csv").set_index("id")
    return table[table["part"] == part] if part is not None else table


# --------------------------------------------------------------------------
# the order cycle (订货周期)
# --------------------------------------------------------------------------
#: Stage of the order cycle -> (start, end) timestamp columns.
CYCLE_STAGES = {
    "transmission": ("placed_at", "received_at"),  # 订单传递
    "processing": ("received_at", "released_at"),  # 订单处理
    "picking": ("released_at", "shipped_at"),  # 拣货/装配 (or production)
    "delivery": ("shipped_at", "delivered_at"),  # 送货
}
_TIMESTAMPS = ("placed_at", "received_at", "released_at", "shipped_at", "delivered_at")
_UNIT_SECONDS = {"hours": 3600.0, "days": 86400.0}


def _order_ids(orders: pd.DataFrame, order: str) -> pd.Index:
    if not isinstance(order, str):
        raise TypeError(f"order must be the name of the order-id column (a str), got {order!r}")
    return pd.Index(orders[order]) if order in orders.columns else orders.index


def order_cycle(orders: pd.DataFrame, *, unit="hours", order="order_id") -> pd.DataFrame:
    """Duration of each stage of every order's order cycle (订货周期).

    The order cycle runs from the customer placing the order to the goods
    arriving [000 L169-184]; its components are::

        transmission = received_at - placed_at     (订单传递, order transmittal)
        processing   = released_at - received_at   (订单处理, checking, credit)
        picking      = shipped_at  - released_at   (拣货, picking/assembly or production)
        delivery     = delivered_at - shipped_at   (送货, transport)
        total        = delivered_at - placed_at

    Parameters
    ----------
    orders : pandas.DataFrame
        One row per order with the timestamps ``placed_at, received_at,
        released_at, shipped_at, delivered_at`` (none missing, in time order).
    unit : {"hours", "days"}, default "hours"
    order : str, default "order_id"
        Column naming the orders in error messages and the result's index
        (the frame's index is used if there is no such column).

    Returns
    -------
    pandas.DataFrame
        Indexed by order, columns ``transmission, processing, picking,
        delivery, total`` in ``unit``.

    Raises
    ------
    ValueError
        A missing timestamp, or a stage that ends before it starts (the
        message names the order and both timestamps).

    References
    ----------
    Ballou, *Business Logistics/Supply Chain Management*, ch. 4 (order-cycle
    components); Lambert & Stock, ch. 4; COURSE_CONTENT.md E.2.

    Examples
    --------
    >>> o = pd.DataFrame({"order_id": ["O1"], "placed_at": [pd.Timestamp("2025-03-03 09:00")],
    ...     "received_at": [pd.Timestamp("2025-03-03 13:00")], "released_at": [pd.Timestamp("2025-03-03 16:00")],
    ...     "shipped_at": [pd.Timestamp("2025-03-04 00:00")], "delivered_at": [pd.Timestamp("2025-03-04 18:00")]})
    >>> order_cycle(o).loc["O1"].tolist()
    [4.0, 3.0, 8.0, 18.0, 33.0]
    """
    check_columns(orders, _TIMESTAMPS, "orders")
    check_option(unit, "unit", _UNIT_SECONDS)
    ids = _order_ids(orders, order)
    stamps = {}
    for col in _TIMESTAMPS:
        values = orders[col]
        missing = values.isna().to_numpy()
        if missing.any():
            raise ValueError(f"orders[{col!r}] is missing for order {ids[int(np.argmax(missing))]!r}; "
                             "every stage of the order cycle needs a timestamp (drop unfinished orders first)")
        try:
            stamps[col] = pd.DatetimeIndex(pd.to_datetime(values))
        except (ValueError, TypeError):
            raise ValueError(f"orders[{col!r}] must hold date-times") from None
    out = {}
    for stage, (start, end) in CYCLE_STAGES.items():
        seconds = (stamps[end] - stamps[start]).total_seconds().to_numpy()
        backwards = seconds < 0
        if backwards.any():
            i = int(np.argmax(backwards))
            raise ValueError(f"order {ids[i]!r}: {end} ({stamps[end][i]}) is before {start} ({stamps[start][i]}); "
                             "the stages of the order cycle must be in time order")
        out[stage] = seconds / _UNIT_SECONDS[unit]
    frame = pd.DataFrame(out, index=ids)
    frame["total"] = frame.sum(axis=1)
    return frame


def _check_quantiles(quantiles) -> tuple[float, ...]:
    try:
        qs = tuple(float(q) for q in quantiles)
    except (TypeError, ValueError):
        raise TypeError(f"quantiles must be a sequence of numbers in (0, 1), got {quantiles!r}") from None
    if any(not (0 < q < 1) for q in qs):
        raise ValueError(f"quantiles must lie strictly between 0 and 1, got {qs}")
    return qs


def order_cycle_summary(orders: pd.DataFrame, by=None, *, unit="hours", quantiles=(0.5, 0.9),
                        order="order_id") -> pd.DataFrame:
    """Mean order-cycle components and total-time percentiles, per segment.

    Parameters
    ----------
    orders : pandas.DataFrame
        As for :func:`order_cycle`, plus the column ``by``.
    by : str, optional
        Segment column (e.g. ``"channel"`` or ``"region"``).  If None, one
        row ``"all"``; otherwise one row per segment (sorted) and a last row
        ``"all"`` over every order.
    unit : {"hours", "days"}, default "hours"
    quantiles : sequence of float, default (0.5, 0.9)
        Percentiles of the total cycle time to report, each in (0, 1).

    Returns
    -------
    pandas.DataFrame
        Indexed by segment; columns ``orders`` (count), the mean of
        ``transmission, processing, picking, delivery`` and ``total`` (the
        means add up to ``total``), and ``total_p50, total_p90`` (one column
        per quantile).

    Examples
    --------
    >>> o = pd.DataFrame({"channel": ["a", "a", "b"],
    ...     "placed_at": pd.to_datetime(["2025-03-03 08:00"] * 3),
    ...     "received_at": pd.to_datetime(["2025-03-03 10:00", "2025-03-03 12:00", "2025-03-03 08:30"]),
    ...     "released_at": pd.to_datetime(["2025-03-03 12:00", "2025-03-03 14:00", "2025-03-03 09:30"]),
    ...     "shipped_at": pd.to_datetime(["2025-03-03 20:00", "2025-03-03 22:00", "2025-03-03 17:30"]),
    ...     "delivered_at": pd.to_datetime(["2025-03-04 08:00", "2025-03-04 10:00", "2025-03-04 07:30"])})
    >>> summary = order_cycle_summary(o, by="channel")
    >>> summary["orders"].to_dict(), summary["total"].to_dict()
    ({'a': 2, 'b': 1, 'all': 3}, {'a': 25.0, 'b': 23.5, 'all': 24.5})
    """
    qs = _check_quantiles(quantiles)
    if by is not None:
        check_column_args(orders, "orders", by=by)
    cycle = order_cycle(orders, unit=unit, order=order)
    columns = list(cycle.columns)
    values = cycle.to_numpy()
    names = [f"total_p{100 * q:g}".replace(".", "_") for q in qs]

    def summarise(block: np.ndarray) -> dict:
        # numpy's default quantile method is pandas' "linear" interpolation
        row = {"orders": len(block), **dict(zip(columns, block.mean(axis=0)))}
        row.update({name: float(np.quantile(block[:, -1], q)) for name, q in zip(names, qs)})
        return row

    rows = {}
    if by is not None:
        keys = orders[by].to_numpy()
        for key in sorted(pd.unique(keys), key=str):
            rows[key] = summarise(values[keys == key])
    rows["all"] = summarise(values)
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = by or "segment"
    out["orders"] = out["orders"].astype(int)
    return out


class NoMatchingOrders(ValueError):
    """No order matches the filters of :func:`order_performance` (a ValueError)."""


def _select(orders: pd.DataFrame, where: Mapping) -> np.ndarray:
    mask = np.ones(len(orders), dtype=bool)
    for column, wanted in where.items():
        values = [wanted] if isinstance(wanted, str) or not isinstance(wanted, (list, tuple, set)) else list(wanted)
        present = set(orders[column].unique())
        unknown = [v for v in values if v not in present]
        if unknown:
            raise ValueError(f"where[{column!r}] names value(s) {_preview(unknown)} that orders[{column!r}] "
                             f"does not hold; values: {_preview(sorted(present, key=str), 20)}")
        mask &= orders[column].isin(values).to_numpy()
    return mask


def order_performance(orders: pd.DataFrame, lines=None, late_tolerance_days=0, *, where=None, cycle_by=None,
                      unit="hours", order="order_id") -> dict:
    """Service performance of a selection of orders: metrics, fill rates, order cycle.

    Selects the orders that match ``where`` (e.g. one channel in one region)
    and returns their on-time / in-full / error-free / perfect-order rates
    (:func:`order_metrics`), the unit / line / order fill rates of their lines
    (:func:`order_fill_rates`) and the order cycle broken into its components
    (:func:`order_cycle_summary`).  The cycle is broken down by ``cycle_by``
    over the orders that match every filter *except* the one on ``cycle_by``,
    so the selected segment can be compared with its peers.

    Parameters
    ----------
    orders : pandas.DataFrame
        Orders as for :func:`order_metrics` and :func:`order_cycle`.
    lines : pandas.DataFrame, optional
        Order lines (``order``, ``qty_ordered``, ``qty_delivered``); fill
        rates are None without them.
    late_tolerance_days : float, default 0
        Days of lateness still counted as on time.
    where : mapping column -> value or list of values, optional
        The selection; every named value must occur in the column.
    cycle_by : str, optional
        Segment column of the order-cycle breakdown.
    unit : {"hours", "days"}, default "hours"

    Returns
    -------
    dict
        ``{"orders": number selected, "metrics": dict, "fill_rates": dict or
        None, "cycle": DataFrame}``.

    Raises
    ------
    ValueError
        Unknown columns or values in ``where``; no order matches
        (:class:`NoMatchingOrders`, a ValueError whose message names the
        filters); any error of the functions above.

    Examples
    --------
    >>> from scm_course.data import load_fulfilment, load_fulfilment_lines
    >>> res = order_performance(load_fulfilment(), load_fulfilment_lines(), where={"channel": "project"})
    >>> res["orders"], round(res["metrics"]["perfect_order"], 2)
    (100, 0.81)
    """
    if where is not None and not isinstance(where, Mapping):
        raise TypeError(f"where must be a mapping column -> value, got {type(where).__name__}")
    where = dict(where or {})
    check_columns(orders, [], "orders")
    unknown = [k for k in where if k not in orders.columns]
    if unknown:
        raise ValueError(f"where names column(s) {_preview(unknown)} that orders does not have; "
                         f"orders has columns {_preview(orders.columns, 20)}")
    if cycle_by is not None:
        check_column_args(orders, "orders", cycle_by=cycle_by)
    mask = _select(orders, where)
    if not mask.any():
        chosen = ", ".join(f"{k}={v!r}" for k, v in where.items())
        raise NoMatchingOrders(f"no orders match {chosen}; choose another filter")
    selected = orders[mask]
    metrics = order_metrics(selected, late_tolerance_days)
    fill = None
    if lines is not None:
        check_column_args(orders, "orders", order=order)
        check_column_args(lines, "lines", order=order)
        fill = order_fill_rates(lines[lines[order].isin(selected[order])], order=order)
    peers = orders[_select(orders, {k: v for k, v in where.items() if k != cycle_by})]
    cycle = order_cycle_summary(peers, by=cycle_by, unit=unit, order=order)
    return {"orders": int(mask.sum()), "metrics": metrics, "fill_rates": fill, "cycle": cycle}


# --------------------------------------------------------------------------
# customer satisfaction and the gap model (客户满意度模型)
# --------------------------------------------------------------------------
#: The six levels the satisfaction gap model links [002 L59-83].
GAP_LEVELS = (
    "expected",  # 期望: the customer's expectations (word of mouth, needs, experience, communication)
    "perceived_expectations",  # 感知的期望: what the supplier believes the customer expects
    "standards",  # 绩效标准: the supplier's performance standards
    "actual",  # 实际的绩效: the performance actually delivered
    "communicated",  # 外部沟通: the performance promised in external communication
    "perceived",  # 感知的绩效: the performance the customer perceives
)
#: Gap number -> (name, from level, to level); each gap = to - from.
GAPS = {
    1: ("knowledge", "expected", "perceived_expectations"),
    2: ("standards", "perceived_expectations", "standards"),
    3: ("delivery", "standards", "actual"),
    4: ("communication", "communicated", "actual"),
    5: ("perception", "actual", "perceived"),
    6: ("satisfaction", "expected", "perceived"),
}
_SATISFACTION_KINDS = ("difference", "ratio")


def _level(value, name: str):
    if isinstance(value, pd.Series):
        return as_numeric_series(value, name)
    if isinstance(value, bool) or not isinstance(value, Real) or not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number (or a Series of them), got {value!r}")
    return float(value)


def satisfaction(perceived, expected, *, kind="difference"):
    """Customer satisfaction (客户满意): perceived performance against expectations.

    Satisfaction is the pleasure or disappointment a customer feels after
    comparing the perceived performance of a product or service with their
    expectations [002 L50] (Kotler's definition).  Two standard scores::

        kind="difference":  S = P - E        (disconfirmation; 0 = as expected)
        kind="ratio":       S = P / E        (1 = as expected; needs E > 0)

    The difference is the one the gap model uses (gap 6) and the SERVQUAL
    gap score; the ratio compares measures on different scales.

    Parameters
    ----------
    perceived, expected : float or pandas.Series
        Perceived performance P and expectation E on the same scale; two Series
        (e.g. one value per service element) must share their index.
    kind : {"difference", "ratio"}, default "difference"

    Returns
    -------
    float or pandas.Series

    Examples
    --------
    >>> satisfaction(89, 97)
    -8.0
    >>> round(satisfaction(89, 97, kind="ratio"), 3)
    0.918
    """
    check_option(kind, "kind", _SATISFACTION_KINDS)
    p, e = _level(perceived, "perceived"), _level(expected, "expected")
    if isinstance(p, pd.Series) and isinstance(e, pd.Series) and not p.index.equals(e.index):
        raise ValueError("perceived and expected given as Series must have the same index")
    if kind == "difference":
        return p - e
    if np.any(np.asarray(e) <= 0):
        raise ValueError(f"expected must be > 0 for kind='ratio', got {expected!r}")
    return p / e


def satisfaction_level(perceived, expected, *, tolerance=0.0) -> str:
    """Verbal verdict: ``"dissatisfied"``, ``"satisfied"`` or ``"delighted"``.

    Below expectations the customer is dissatisfied (失望), at them satisfied
    (满意), above them delighted (愉悦) [002 L50]; ``tolerance`` widens the
    "satisfied" band to ``|P - E| <= tolerance`` (a zone of tolerance).

    Examples
    --------
    >>> satisfaction_level(89, 97), satisfaction_level(96, 97, tolerance=2), satisfaction_level(99, 97)
    ('dissatisfied', 'satisfied', 'delighted')
    """
    if isinstance(tolerance, bool) or not isinstance(tolerance, Real) or not np.isfinite(tolerance) or tolerance < 0:
        raise ValueError(f"tolerance must be a number >= 0, got {tolerance!r}")
    if isinstance(perceived, pd.Series) or isinstance(expected, pd.Series):
        raise TypeError("satisfaction_level takes two numbers; use satisfaction() for Series")
    score = satisfaction(perceived, expected)
    if score < -tolerance:
        return "dissatisfied"
    return "delighted" if score > tolerance else "satisfied"


def gap_model(levels, *, scale=None) -> pd.DataFrame:
    """The six gaps (差异1-6) of the customer satisfaction model.

    The seed's model [002 L59-83] links a customer side (expectations formed
    by word of mouth, needs, past experience and external communication; the
    perceived performance) with a supplier side (perceived expectations,
    performance standards, actual performance).  Each gap is the later level
    minus the earlier one, so a **negative gap is a shortfall**::

        gap 1 knowledge     = perceived_expectations - expected
        gap 2 standards     = standards - perceived_expectations
        gap 3 delivery      = actual - standards
        gap 4 communication = actual - communicated
        gap 5 perception    = perceived - actual
        gap 6 satisfaction  = perceived - expected      (= satisfaction())

    With these signs the chain telescopes: gap 6 = gap 1 + gap 2 + gap 3 +
    gap 5.  Gap 4 is off the chain: an over-promise (communicated > actual)
    acts on the customer through higher expectations.

    The pairings are reconstructed: the figure's arrows are lost, gaps 5 and 6
    are clear from the text, gaps 1-4 follow the SERVQUAL model of
    Parasuraman, Zeithaml and Berry (1985), whose gap 5 is this model's gap 6
    (digest D.4, Part H item 21).

    Parameters
    ----------
    levels : mapping or pandas.Series
        A finite number for each of :data:`GAP_LEVELS`, all on one scale (e.g.
        % of orders delivered on time, or a 1-7 rating).
    scale : (low, high), optional
        If given, every level must lie in ``[low, high]``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``gap`` 1..6; columns ``name, from_level, to_level,
        from_value, to_value, value``.

    Raises
    ------
    ValueError
        A level missing, unknown, not finite or outside ``scale``.

    Examples
    --------
    >>> levels = {"expected": 97, "perceived_expectations": 94, "standards": 92,
    ...           "actual": 93, "communicated": 99, "perceived": 89}
    >>> gap_model(levels)["value"].tolist()
    [-3.0, -2.0, 1.0, -6.0, -4.0, -8.0]
    """
    if isinstance(levels, pd.Series):
        levels = levels.to_dict()
    if not isinstance(levels, Mapping):
        raise TypeError(f"levels must be a mapping level -> number, got {type(levels).__name__}")
    unknown = [k for k in levels if k not in GAP_LEVELS]
    missing = [k for k in GAP_LEVELS if k not in levels]
    if unknown or missing:
        raise ValueError(f"levels must give exactly {_preview(GAP_LEVELS, 6)}; "
                         f"missing: {_preview(missing, 6) or 'none'}; unknown: {_preview(unknown, 6) or 'none'}")
    values = {k: _level(levels[k], f"levels[{k!r}]") for k in GAP_LEVELS}
    if scale is not None:
        try:
            low, high = (float(v) for v in scale)
        except (TypeError, ValueError):
            raise TypeError(f"scale must be a pair (low, high), got {scale!r}") from None
        if not low < high:
            raise ValueError(f"scale must have low < high, got {scale!r}")
        outside = [k for k, v in values.items() if not low <= v <= high]
        if outside:
            raise ValueError(f"levels must lie on the scale [{low:g}, {high:g}]; outside: "
                             + ", ".join(f"{k}={values[k]:g}" for k in outside))
    rows = [{"gap": n, "name": name, "from_level": a, "to_level": b, "from_value": values[a], "to_value": values[b],
             "value": values[b] - values[a]} for n, (name, a, b) in GAPS.items()]
    return pd.DataFrame(rows).set_index("gap")


# --------------------------------------------------------------------------
# the retail consumer stockout tree (零售环节消费者对缺货的反应模型)
# --------------------------------------------------------------------------
_PROB_TOL = 1e-9


def default_stockout_tree() -> pd.DataFrame:
    """Edges of the retail consumer stockout tree with illustrative probabilities.

    The structure is the digest's reconstruction of the seed's figure
    [002 L113-116] (the six numbered outcomes and the decisions are certain;
    the yes/no edges and the other-store branch are inferred, Part H item 23)::

        switch_store?   yes -> other_store: substitute product?
                                  no  -> same_item_other_store
                                  yes -> substitute_other_store
                        no  -> substitute?
                                  yes -> switch_brand?
                                            yes -> switch_price?  -> (1) higher_price
                                                                     (2) same_price
                                                                     (3) lower_price
                                            no  -> (4) other_size
                                  no  -> order_or_wait: special order?
                                            yes -> (5) special_order
                                            no  -> (6) come_back_later

    **The probabilities are illustrative**: the seed gives no numbers.

    Returns
    -------
    pandas.DataFrame
        One row per edge: ``parent, child, choice, probability`` (``choice``
        is ``"yes"``, ``"no"`` or ``""`` for the price branches).
    """
    edges = [
        ("switch_store", "other_store", "yes", 0.30),
        ("switch_store", "substitute", "no", 0.70),
        ("other_store", "same_item_other_store", "no", 0.60),
        ("other_store", "substitute_other_store", "yes", 0.40),
        ("substitute", "switch_brand", "yes", 0.55),
        ("substitute", "order_or_wait", "no", 0.45),
        ("switch_brand", "switch_price", "yes", 0.60),
        ("switch_brand", "other_size", "no", 0.40),
        ("switch_price", "higher_price", "", 0.25),
        ("switch_price", "same_price", "", 0.50),
        ("switch_price", "lower_price", "", 0.25),
        ("order_or_wait", "special_order", "yes", 0.30),
        ("order_or_wait", "come_back_later", "no", 0.70),
    ]
    return pd.DataFrame(edges, columns=["parent", "child", "choice", "probability"])


def default_stockout_outcomes() -> pd.DataFrame:
    """Illustrative lost sale and cost of each outcome of the stockout tree.

    From the point of view of the store that ran out, for an item that earns
    a gross margin of 100 (CNY) per sale.  ``lost_sale`` is the share of the
    sale the store loses; ``cost`` the money lost per event (lost margin plus
    handling, margin change or goodwill).  **Illustrative numbers, not from the
    seed**: a shopper who goes to another store loses the store the whole
    margin and some future business (150); a cheaper substitute costs margin
    (30); a special order costs handling (20); a quarter of those who say
    they will come back never do (0.25 x 100 + 5).

    Returns
    -------
    pandas.DataFrame
        Indexed by leaf, columns ``number`` (the seed's outcome number 1-6, 0
        for the two other-store outcomes), ``lost_sale``, ``cost``.
    """
    rows = {
        "same_item_other_store": (0, 1.0, 150.0),
        "substitute_other_store": (0, 1.0, 150.0),
        "higher_price": (1, 0.0, 0.0),
        "same_price": (2, 0.0, 0.0),
        "lower_price": (3, 0.0, 30.0),
        "other_size": (4, 0.0, 10.0),
        "special_order": (5, 0.0, 20.0),
        "come_back_later": (6, 0.25, 30.0),
    }
    out = pd.DataFrame.from_dict(rows, orient="index", columns=["number", "lost_sale", "cost"])
    out.index.name = "leaf"
    return out


def _edges(branches) -> pd.DataFrame:
    if isinstance(branches, pd.DataFrame):
        check_columns(branches, ["parent", "child", "probability"], "branches")
        edges = branches[["parent", "child", "probability"]].reset_index(drop=True)
    elif isinstance(branches, Mapping):
        rows = []
        for parent, children in branches.items():
            if not isinstance(children, Mapping) or not children:
                raise TypeError(f"branches[{parent!r}] must be a non-empty mapping child -> probability, "
                                f"got {children!r}")
            rows += [(parent, child, p) for child, p in children.items()]
        edges = pd.DataFrame(rows, columns=["parent", "child", "probability"])
    else:
        raise TypeError("branches must be a DataFrame of edges (parent, child, probability) or a mapping "
                        f"node -> {{child: probability}}, got {type(branches).__name__}")
    if edges.empty:
        raise ValueError("branches is empty; the tree needs at least one edge")
    for i, (parent, child, p) in enumerate(edges.itertuples(index=False)):
        if isinstance(p, bool) or not isinstance(p, Real) or not np.isfinite(p):
            raise TypeError(f"probability of branch {parent!r} -> {child!r} must be a number, got {p!r}")
        if not 0 <= p <= 1:
            raise ValueError(f"probability of branch {parent!r} -> {child!r} must be in [0, 1], got {p!r}")
    edges["probability"] = edges["probability"].astype(float)
    twice = edges["child"][edges["child"].duplicated()]
    if len(twice):
        raise ValueError(f"node {twice.iloc[0]!r} has more than one parent; a tree gives each node one parent")
    roots = sorted(set(edges["parent"]) - set(edges["child"]), key=str)
    if len(roots) != 1:
        raise ValueError(f"the tree must have exactly one root (a node that is no one's child), got {roots}")
    for parent, group in edges.groupby("parent", sort=False):
        total = float(group["probability"].sum())
        if abs(total - 1.0) > _PROB_TOL:
            parts = " + ".join(f"{c} {p:g}" for c, p in zip(group["child"], group["probability"]))
            raise ValueError(f"the branch probabilities at node {parent!r} must sum to 1, got {total:.6g} "
                             f"({parts})")
    return edges


def stockout_reactions(branches=None, outcomes=None) -> dict:
    """Outcome probabilities, expected lost sales and cost of one stockout event.

    A shopper who meets a stockout walks down the decision tree (零售环节消费者
    对缺货的反应模型) [002 L113-116]; the probability of each outcome (leaf) is
    the product of the branch probabilities on its path, and::

        P(leaf)               = prod of p(edge) on the path from the root
        expected lost sales   = sum_leaf P(leaf) * lost_sale(leaf)
        expected cost         = sum_leaf P(leaf) * cost(leaf)

    per stockout event.  Multiplied by the number of stockout events, the cost
    is what a stockout costs the store -- the number the cost/benefit method
    weighs against the cost of more inventory.

    Parameters
    ----------
    branches : pandas.DataFrame or mapping, optional
        The tree: a DataFrame of edges ``parent, child, probability`` (as
        :func:`default_stockout_tree`) or a mapping ``node -> {child:
        probability}``.  At each node the children's probabilities must sum
        to 1 (within 1e-9) and each lie in [0, 1].  Default: the
        illustrative :func:`default_stockout_tree`.
    outcomes : pandas.DataFrame or mapping, optional
        Per leaf ``lost_sale`` (share of the sale lost, in [0, 1]) and
        ``cost`` (finite, any sign: a trade-up can gain margin); a DataFrame
        indexed by leaf or a mapping ``leaf -> {"lost_sale", "cost"}``.  Must
        cover exactly the leaves of the tree.  Default:
        :func:`default_stockout_outcomes`.

    Returns
    -------
    dict
        ``"leaves"``: DataFrame indexed by leaf (in tree order) with
        ``probability, lost_sale, cost, expected_lost_sale, expected_cost,
        path``; ``"reach"``: Series node -> probability of reaching it;
        ``"expected_lost_sales"`` and ``"expected_cost"``: floats.

    Raises
    ------
    ValueError
        Probabilities outside [0, 1] or not summing to 1 at a node (the
        message names the node and the sum), a graph that is not a tree,
        outcomes missing or naming unknown leaves, lost_sale outside [0, 1].

    References
    ----------
    Seed [002 L113-116] (COURSE_CONTENT.md D.6.2); Lambert & Stock, ch. 4
    (customer reactions to stockouts and the cost of a stockout).

    Examples
    --------
    >>> res = stockout_reactions()
    >>> round(res["expected_lost_sales"], 4), round(res["expected_cost"], 2)
    (0.3551, 56.78)
    >>> stockout_reactions({"switch_store": {"other_store": 0.5, "stay": 0.6}})
    Traceback (most recent call last):
    ...
    ValueError: the branch probabilities at node 'switch_store' must sum to 1, got 1.1 (other_store 0.5 + stay 0.6)
    """
    edges = _edges(default_stockout_tree() if branches is None else branches)
    children: dict = {}
    for parent, child, p in edges.itertuples(index=False):
        children.setdefault(parent, []).append((child, p))
    root = next(iter(set(edges["parent"]) - set(edges["child"])))
    reach, paths, leaves, visited = {root: 1.0}, {root: (root,)}, [], []
    stack = [root]
    while stack:  # depth first, children in the given order
        node = stack.pop()
        visited.append(node)
        if node not in children:
            leaves.append(node)
            continue
        for child, p in reversed(children[node]):
            reach[child] = reach[node] * p
            paths[child] = paths[node] + (child,)
            stack.append(child)
    out = _outcomes(default_stockout_outcomes() if outcomes is None else outcomes, leaves)
    table = pd.DataFrame({"probability": [reach[leaf] for leaf in leaves]}, index=pd.Index(leaves, name="leaf"))
    table["lost_sale"] = out["lost_sale"]
    table["cost"] = out["cost"]
    table["expected_lost_sale"] = table["probability"] * table["lost_sale"]
    table["expected_cost"] = table["probability"] * table["cost"]
    table["path"] = [" > ".join(paths[leaf]) for leaf in leaves]
    return {"leaves": table, "reach": pd.Series({n: reach[n] for n in visited}, name="probability"),
            "expected_lost_sales": float(table["expected_lost_sale"].sum()),
            "expected_cost": float(table["expected_cost"].sum())}


def _outcomes(outcomes, leaves) -> pd.DataFrame:
    if isinstance(outcomes, Mapping):
        outcomes = pd.DataFrame.from_dict(dict(outcomes), orient="index")
    if not isinstance(outcomes, pd.DataFrame):
        raise TypeError(f"outcomes must be a DataFrame indexed by leaf or a mapping leaf -> "
                        f"{{'lost_sale', 'cost'}}, got {type(outcomes).__name__}")
    check_columns(outcomes, ["lost_sale", "cost"], "outcomes")
    missing = [leaf for leaf in leaves if leaf not in outcomes.index]
    unknown = [k for k in outcomes.index if k not in leaves]
    if missing or unknown:
        raise ValueError(f"outcomes must give every leaf of the tree; missing: {_preview(missing) or 'none'}; "
                         f"not leaves: {_preview(unknown) or 'none'}")
    frame = outcomes.loc[leaves]
    lost = as_numeric_series(frame["lost_sale"], "outcomes['lost_sale']")
    cost = as_numeric_series(frame["cost"], "outcomes['cost']")
    bad = lost[(lost < 0) | (lost > 1)]
    if len(bad):
        raise ValueError(f"outcomes['lost_sale'] must be a share in [0, 1]; got {bad.iloc[0]:g} at {bad.index[0]!r}")
    return pd.DataFrame({"lost_sale": lost, "cost": cost})
