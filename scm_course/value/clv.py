"""Customer value and customer lifetime value (客户价值与客户终身价值).

Closed-form models for Chapter 6: the seed's simple CLV formula, the
retention model with margin and discounting (both timing conventions, finite
and infinite horizon), expected customer lifetime, and the retention rate.

References
----------
Seed [000 L242-243] (CLV = average transaction x purchases per year x
    lifespan) and [000 L51-53] (new vs existing customers); COURSE_CONTENT.md
    sections E.5-E.7.
Gupta, S. and Lehmann, D. R. (2003), "Customers as assets", *Journal of
    Interactive Marketing* 17(1), 9-24: CLV = m r / (1 + i - r), the "margin
    multiple" r / (1 + i - r).
Gupta, S. and Lehmann, D. R. (2005), *Managing Customers as Investments*,
    Wharton School Publishing, ch. 2.
"""
from __future__ import annotations

from numbers import Integral, Real

import numpy as np

from ._validation import check_option

__all__ = ["clv_simple", "clv_retention", "expected_lifetime", "retention_rate"]


def _number(value, name, *, low=None, high=None, low_open=False, high_open=False) -> float:
    if isinstance(value, bool) or not isinstance(value, Real) or not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    value = float(value)
    if low is not None and (value < low or (low_open and value == low)):
        raise ValueError(f"{name} must be {'>' if low_open else '>='} {low:g}, got {value:g}")
    if high is not None and (value > high or (high_open and value == high)):
        raise ValueError(f"{name} must be {'<' if high_open else '<='} {high:g}, got {value:g}")
    return value


def clv_simple(avg_transaction, purchases_per_year, lifespan_years) -> float:
    """The seed's customer lifetime value (客户终生价值).

    ``CLV = average transaction value x purchases per year x lifespan (years)``
    [000 L242-243].  Revenue-based: no margin, cost or discounting -- see
    :func:`clv_retention` for the profit-based, discounted version.

    Examples
    --------
    >>> clv_simple(2_000, 6, 5)
    60000.0
    """
    a = _number(avg_transaction, "avg_transaction", low=0)
    f = _number(purchases_per_year, "purchases_per_year", low=0)
    n = _number(lifespan_years, "lifespan_years", low=0)
    return a * f * n


def clv_retention(margin, retention, discount, periods=None, acquisition_cost=0.0, timing="start") -> float:
    """Lifetime value of a customer from margin, retention and discount rate.

    A customer brings margin ``m`` each period while still a customer; each
    period a share ``r`` stays; money is discounted at rate ``d`` per period.

    * ``timing="start"``: margins at t = 0, 1, 2, ... (the first is earned on
      acquisition): ``CLV = sum_t m r^t / (1+d)^t = m (1+d) / (1+d-r)``.
    * ``timing="end"``: the first margin after one period survived:
      ``CLV = sum_{t>=1} m r^t / (1+d)^t = m r / (1+d-r)`` (Gupta & Lehmann's
      margin multiple ``r/(1+i-r)``).

    With ``periods = T`` the sum stops after T margins (finite horizon).  The
    acquisition cost is subtracted once, at t = 0.

    Parameters
    ----------
    margin : float
        Margin per period while a customer (any finite number).
    retention : float
        Share of customers kept each period, 0 <= r < 1.
    discount : float
        Discount rate per period, > -1.
    periods : int, optional
        Number of margins counted (>= 1); None for the infinite horizon.
    acquisition_cost : float, default 0.0
        Cost of winning the customer (>= 0).
    timing : {"start", "end"}

    Examples
    --------
    >>> round(clv_retention(100, 0.9, 0.12, timing="end"), 2)   # margin multiple 4.09
    409.09
    >>> round(clv_retention(100, 0.9, 0.12, timing="start"), 2)  # = 100 + the above
    509.09
    """
    m = _number(margin, "margin")
    r = _number(retention, "retention", low=0, high=1, high_open=True)
    d = _number(discount, "discount", low=-1, low_open=True)
    cost = _number(acquisition_cost, "acquisition_cost", low=0)
    check_option(timing, "timing", ["start", "end"])
    q = r / (1 + d)  # survival-and-discount factor per period, < 1 whenever r < 1 + d
    if periods is None:
        if q >= 1:
            raise ValueError(f"the infinite-horizon sum diverges: retention ({r:g}) must be < 1 + discount ({1 + d:g})")
        first = 1.0 if timing == "start" else q
        return m * first / (1 - q) - cost
    if isinstance(periods, bool) or not isinstance(periods, Integral) or periods < 1:
        raise ValueError(f"periods must be a whole number >= 1 or None, got {periods!r}")
    t = np.arange(int(periods)) + (0 if timing == "start" else 1)
    return float(m * np.sum(q**t)) - cost


def expected_lifetime(retention) -> float:
    """Expected customer lifetime ``1 / (1 - r)`` periods (geometric survival).

    Counts the period of acquisition: with r = 0.8 a customer stays 5 periods
    on average.

    Examples
    --------
    >>> round(expected_lifetime(0.8), 9)
    5.0
    """
    r = _number(retention, "retention", low=0, high=1, high_open=True)
    return 1.0 / (1.0 - r)


def retention_rate(customers_start, customers_end, new_customers) -> float:
    """Share of the customers at the start of a period still there at its end.

    ``(customers at the end - new customers won during the period) /
    customers at the start``: it separates existing customers kept (原有客户)
    from new ones (新增客户) [supplement to seed 000 L51-53].

    Examples
    --------
    >>> retention_rate(200, 210, 30)
    0.9
    """
    start = _number(customers_start, "customers_start", low=0, low_open=True)
    end = _number(customers_end, "customers_end", low=0)
    new = _number(new_customers, "new_customers", low=0)
    kept = end - new
    if kept < 0 or kept > start:
        raise ValueError(f"customers_end - new_customers = {kept:g} must lie between 0 and customers_start ({start:g})")
    return kept / start
