"""Customer service (客户服务): elements, order performance and its control.

Models for Chapter 2 (customer service and its elements) and the
performance-control part of Chapter 3.  Pure functions: pandas in, pandas out.

* Order performance (订单绩效): on-time, in-full, error-free and perfect-order
  rates (完美订货) of a set of orders; line, unit and order fill rates.
* Performance control (客户服务绩效的衡量和控制): metrics per period and the
  control loop standard -> measure -> variance -> corrective action.

References
----------
Seed [000 L239-241] (perfect order; on-time delivery rate 准时交货率, order
    fill rate 订单完成率, error-free rate 无错率); [002 L367-369] (measuring and
    controlling service performance).  COURSE_CONTENT.md sections D.11, D.14.
Lambert, D. M. and Stock, J. R., *Strategic Logistics Management*, ch. 4.
Chopra, S. and Meindl, P., *Supply Chain Management*, ch. on product
    availability (fill rates).
"""
from __future__ import annotations

from numbers import Real

import numpy as np
import pandas as pd

from ._validation import as_numeric_series, check_columns, check_option

__all__ = [
    "ORDER_COLUMNS",
    "order_metrics",
    "order_fill_rates",
    "metrics_by_period",
    "control_report",
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
    check_columns(lines, [order, ordered, delivered], "lines")
    q_ord, q_del = _quantities(lines, ordered, delivered, "lines")
    if q_ord.sum() == 0:
        raise ValueError(f"lines[{ordered!r}] are all zero; the fill rate needs units ordered")
    complete = q_del >= q_ord
    per_order = pd.Series(complete).groupby(lines[order].to_numpy()).all()
    return {
        "unit_fill_rate": float(q_del.sum() / q_ord.sum()),
        "line_fill_rate": float(complete.mean()),
        "order_fill_rate": float(per_order.mean()),
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
    check_columns(orders, [date], "orders")
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
