"""Customer value and customer lifetime value (客户价值与客户终身价值).

Closed-form models for Chapter 6:

* customer value (客户价值) both ways the seed implies: net value = benefit -
  total cost of ownership, and the value ratio benefit / TCO (section E.1);
* a value index of competing offers from the value elements (time, product,
  cost, service) and their weights (section E.2), on the weighted-average
  method of :func:`scm_course.priority.weighted_scores`;
* a stylised service-level vs customer-value curve with its four stages
  (section E.3, a supplement: the seed has only the stage labels);
* the seed's simple CLV formula and the retention model with margin and
  discounting (both timing conventions, finite and infinite horizon), the
  margin multiples of Gupta & Lehmann, the break-even retention rate,
  expected customer lifetime (sections E.5-E.6);
* survival ``r^t``, the customer base over time split into existing and new
  customers, the new customers a growth target needs, and the retention rate
  (section E.7).

The cost vs value curve with its profit-maximising point (section E.4) is the
same trade-off as Chapter 3's: use :func:`scm_course.tradeoff.service_cost_curves`.

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

from collections.abc import Mapping
from numbers import Integral, Real

import numpy as np
import pandas as pd

from .._validation import as_number_array, check_option, check_weights
from ..priority import weighted_scores

__all__ = [
    "clv_simple",
    "clv_retention",
    "expected_lifetime",
    "retention_rate",
    "customer_value",
    "VALUE_ELEMENTS",
    "DEFAULT_VALUE_WEIGHTS",
    "example_offers",
    "value_index",
    "SERVICE_VALUE_PARAMS",
    "service_value_curve",
    "service_value_stages",
    "clv_by_retention",
    "margin_multiples",
    "break_even_retention",
    "survival_curve",
    "customer_base",
    "new_customers_needed",
]


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


def _whole(value, name, low=1) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral) or value < low:
        raise ValueError(f"{name} must be a whole number >= {low}, got {value!r}")
    return int(value)


# --------------------------------------------------------------------------
# customer value (客户价值), section E.1
# --------------------------------------------------------------------------
def customer_value(total_benefit, total_cost) -> dict:
    """Customer value (客户价值) as a difference and as a ratio.

    The seed defines customer value as the *difference* between the total
    benefit (总收益) a customer gets and the total cost of ownership (所有权总成本),
    but prints the formula as a *ratio* [000 L207-211; COURSE_CONTENT.md E.1].
    Both readings are returned:

    * net value ``V = B - TCO`` (value is created when ``V > 0``);
    * value ratio ``B / TCO`` (value is created when the ratio exceeds 1).

    The two always agree on *whether* value is created; they rank offers
    differently when the offers differ in size (a large contract can have the
    larger net value and the smaller ratio).

    Parameters
    ----------
    total_benefit : float
        Everything the customer gains, in money, >= 0. [B]
    total_cost : float
        Total cost of ownership: price plus the customer's own costs of
        ordering, receiving, holding, using and disposing, > 0. [TCO]

    Returns
    -------
    dict
        ``{"net_value": B - TCO, "value_ratio": B / TCO, "creates_value": bool}``.

    References
    ----------
    Seed [000 L207-211]; Ellram, L. M. (1995), "Total cost of ownership",
    *International Journal of Physical Distribution & Logistics Management*
    25(8), 4-23 (what TCO includes).

    Examples
    --------
    >>> customer_value(150_000, 120_000)
    {'net_value': 30000.0, 'value_ratio': 1.25, 'creates_value': True}
    """
    b = _number(total_benefit, "total_benefit", low=0)
    c = _number(total_cost, "total_cost", low=0, low_open=True)
    return {"net_value": b - c, "value_ratio": b / c, "creates_value": b > c}


# --------------------------------------------------------------------------
# value elements and the value index of competing offers, section E.2
# --------------------------------------------------------------------------
#: The four elements of customer value and their parts [000 L169-184]: time
#: (lead time 前置时间, order cycle 订货周期), product (brand 品牌, price 价格,
#: quality 质量), cost (成本) and service (服务); the seed names no parts of
#: the last two.
VALUE_ELEMENTS = {
    "time": ("lead_time", "order_cycle"),
    "product": ("brand", "price", "quality"),
    "cost": ("cost",),
    "service": ("service",),
}

#: Illustrative weights of the value criteria (they sum to 1): a shipper who
#: cares most about time and cost.  Weights are a judgement; the app lets
#: students change them.
DEFAULT_VALUE_WEIGHTS = {
    "lead_time": 0.15,
    "order_cycle": 0.10,
    "brand": 0.05,
    "price": 0.15,
    "quality": 0.15,
    "cost": 0.20,
    "service": 0.20,
}


def example_offers() -> pd.DataFrame:
    """Four fictional logistics offers rated on the value criteria (an illustration).

    A shipper compares four third-party logistics providers for its regional
    distribution.  Each criterion of :data:`VALUE_ELEMENTS` is rated 1-10,
    **10 = best for the customer** (so a short lead time, a low price or a
    low total cost scores high):

    ==============  =========================================================
    Express Plus    fastest and most reliable, strong brand, expensive
    Budget Freight  cheapest price, slow, weak service
    Regional Link   balanced, low total cost thanks to local warehouses
    Global Chain    strong brand and quality, long order cycle
    ==============  =========================================================

    The ratings are made up for teaching; they are not data about real firms.

    Returns
    -------
    pandas.DataFrame
        Rows = offers (index ``offer``), columns = the seven criteria in the
        order of :data:`VALUE_ELEMENTS`, integer ratings 1-10.

    Examples
    --------
    >>> int(example_offers().loc["Budget Freight", "price"])
    10
    """
    rows = {
        "Express Plus": (10, 9, 8, 3, 9, 5, 9),
        "Budget Freight": (4, 5, 4, 10, 5, 6, 4),
        "Regional Link": (7, 7, 5, 7, 7, 9, 7),
        "Global Chain": (6, 4, 10, 5, 9, 6, 8),
    }
    columns = [c for parts in VALUE_ELEMENTS.values() for c in parts]
    return pd.DataFrame.from_dict(rows, orient="index", columns=columns).rename_axis("offer")


def value_index(scores: pd.DataFrame, weights: Mapping) -> pd.DataFrame:
    """Value index of competing offers (客户价值指数): weighted mean of the criterion ratings.

    ``index_i = sum_j w_j s_ij / sum_j w_j`` (the weighted-average method,
    :func:`scm_course.priority.weighted_scores`), with the contribution of
    each criterion ``w_j s_ij / sum_j w_j`` so that the contributions of an
    offer add up to its index.  Offers are ranked by the index, 1 = best; ties
    share the smaller rank.

    Parameters
    ----------
    scores : pandas.DataFrame
        Rows = offers, columns = criteria, finite ratings (higher = better for
        the customer), e.g. :func:`example_offers`.
    weights : mapping criterion -> float
        Non-negative, not all zero, naming only columns of ``scores``
        (criteria left out get weight 0).  Only the ratios matter.

    Returns
    -------
    pandas.DataFrame
        Sorted by index (best first); one contribution column per criterion,
        then ``value_index`` and ``rank``.

    References
    ----------
    Seed [000 L169-184] (elements of customer value) and [000 L21-23]
    (weighted-average method).

    Examples
    --------
    >>> vi = value_index(example_offers(), DEFAULT_VALUE_WEIGHTS)
    >>> vi["value_index"].round(2).to_dict()
    {'Express Plus': 7.4, 'Regional Link': 7.3, 'Global Chain': 6.7, 'Budget Freight': 5.55}
    """
    if isinstance(scores, pd.DataFrame) and isinstance(weights, Mapping):
        unknown = [k for k in weights if k not in scores.columns]
        if unknown:
            raise ValueError(f"weights names unknown key(s) {unknown}: they are not columns of scores, "
                             f"which has {list(scores.columns)}")
        if scores.index.has_duplicates:
            raise ValueError(f"scores has duplicate offers {list(scores.index[scores.index.duplicated()].unique())}; "
                             "each row must be a different offer")
    total = weighted_scores(scores, weights)  # validates scores and weights
    w = check_weights(weights, "weights", scores.columns)
    wvec = np.array([w.get(c, 0.0) for c in scores.columns])
    parts = scores.to_numpy(dtype=float) * (wvec / wvec.sum())
    out = pd.DataFrame(parts, index=scores.index, columns=scores.columns)
    out["value_index"] = total
    out["rank"] = out["value_index"].round(12).rank(ascending=False, method="min").astype(int)
    return out.sort_values(["rank"], kind="stable")


# --------------------------------------------------------------------------
# service level vs customer value, section E.3 (a stylised model)
# --------------------------------------------------------------------------
#: Default parameters of :func:`service_value_curve` (illustrative).
SERVICE_VALUE_PARAMS = {"benefit_max": 100.0, "steepness": 12.0, "midpoint": 0.5, "cost_scale": 40.0,
                        "cost_exponent": 3.0}


def _service_value_params(benefit_max, steepness, midpoint, cost_scale, cost_exponent):
    return (_number(benefit_max, "benefit_max", low=0, low_open=True),
            # steeper than 1000 the S-curve is a step that the stage search (grid of 4001 levels) cannot resolve
            _number(steepness, "steepness", low=0, high=1000, low_open=True),
            _number(midpoint, "midpoint", low=0, high=1, low_open=True, high_open=True),
            _number(cost_scale, "cost_scale", low=0),
            _number(cost_exponent, "cost_exponent", low=1))


def _service_value_derivatives(s, b, k, s0, c, p):
    """V = B - C and its first three derivatives at service levels ``s`` (> 0)."""
    sig = 1.0 / (1.0 + np.exp(-k * (s - s0)))
    g = sig * (1 - sig)
    value = b * sig - c * s**p
    d1 = b * k * g - c * p * s ** (p - 1)
    d2 = b * k**2 * g * (1 - 2 * sig) - c * p * (p - 1) * s ** (p - 2)
    d3 = b * k**3 * g * (1 - 6 * sig + 6 * sig**2) - c * p * (p - 1) * (p - 2) * s ** (p - 3)
    return value, d1, d2, d3


def service_value_stages(*, benefit_max=100.0, steepness=12.0, midpoint=0.5, cost_scale=40.0,
                         cost_exponent=3.0) -> dict:
    """Where the stages of the service-value curve begin (computed, not fixed).

    Along the service level ``s`` in (0, 1], customer value ``V(s)`` (see
    :func:`service_value_curve`) passes through four stages:

    * **low-service stage** (服务低下阶段): from 0 until ``V''`` is greatest
      -- extra service adds little value yet;
    * **transition period** (过渡期): from there to the inflection point
      ``V'' = 0`` -- value accelerates;
    * **rising period** (上升期): from the inflection point to the peak
      ``V' = 0`` -- value still rises, with diminishing returns;
    * **declining period** (下降期): beyond the peak -- over-service, extra
      service costs more than it is worth to the customer.

    Each boundary is the first sign change (from + to -) of ``V'''``, ``V''``
    and ``V'`` after the previous one, located with Brent's method on the
    closed-form derivatives.

    Returns
    -------
    dict
        ``{"transition": s1, "rising": s2, "declining": s3}``: the service
        level at which each stage begins.  A stage that does not begin below
        a service level of 1 is ``None`` (e.g. no declining period when the
        cost of service is too small to outweigh its benefit).

    Examples
    --------
    >>> {k: round(v, 3) for k, v in service_value_stages().items()}
    {'transition': 0.389, 'rising': 0.494, 'declining': 0.734}
    """
    args = _service_value_params(benefit_max, steepness, midpoint, cost_scale, cost_exponent)
    grid = np.linspace(1e-6, 1.0, 4001)

    def first_drop(order, start):
        if start is None:
            return None
        def f(x):
            return float(_service_value_derivatives(np.asarray(x), *args)[order])

        x = grid[grid > start + 1e-9]
        y = _service_value_derivatives(x, *args)[order]
        idx = np.flatnonzero((y[:-1] > 0) & (y[1:] <= 0))
        if len(idx) == 0:
            return None
        i = int(idx[0])
        from scipy import optimize  # on first use: scipy.optimize costs a kernel ~40 MB

        return float(optimize.brentq(f, x[i], x[i + 1], xtol=1e-12))

    transition = first_drop(3, 0.0)
    rising = first_drop(2, transition)
    declining = first_drop(1, rising)
    return {"transition": transition, "rising": rising, "declining": declining}


def service_value_curve(service_levels=None, *, benefit_max=100.0, steepness=12.0, midpoint=0.5, cost_scale=40.0,
                        cost_exponent=3.0) -> pd.DataFrame:
    """Customer value against service level: a stylised model of the seed's stage chart (supplement).

    The seed names only the stages of the chart "service and customer value"
    (服务与客户价值的关系) [000 L129-134; COURSE_CONTENT.md E.3].  This model
    draws them from two assumptions:

    * the **benefit** of service to the customer follows an S-curve:
      ``B(s) = b / (1 + exp(-k (s - s0)))`` -- below a threshold service is
      hardly noticed, then it quickly becomes valuable, then it saturates;
    * the **cost of service** borne by the customer (in price) rises ever
      faster: ``C(s) = c s^p``.

    Customer value ``V(s) = B(s) - C(s)``; its stages (low-service,
    transition, rising, declining) are located by :func:`service_value_stages`.

    Parameters
    ----------
    service_levels : array_like, optional
        Service levels in [0, 1] (default: 0, 0.005, ..., 1).
    benefit_max : float
        Largest benefit ``b``, > 0.
    steepness : float
        Steepness ``k`` of the S-curve, in (0, 1000].
    midpoint : float
        Service level ``s0`` at which half the benefit is reached, in (0, 1).
    cost_scale : float
        Cost ``c`` of the full service level, >= 0.
    cost_exponent : float
        Exponent ``p`` >= 1 of the cost curve.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``service_level``; columns ``benefit, cost, value,
        marginal_value, stage`` (``"low_service"``, ``"transition"``,
        ``"rising"``, ``"declining"``).  ``attrs["stages"]`` holds the
        boundaries.

    Examples
    --------
    >>> c = service_value_curve([0.2, 0.45, 0.6, 0.9])
    >>> c["stage"].tolist()
    ['low_service', 'transition', 'rising', 'declining']
    >>> c["value"].round(1).tolist()
    [2.3, 31.8, 68.2, 70.0]
    """
    args = _service_value_params(benefit_max, steepness, midpoint, cost_scale, cost_exponent)
    if service_levels is None:
        levels = np.round(np.linspace(0.0, 1.0, 201), 12)
    else:
        levels = as_number_array(service_levels, "service_levels", interval="[0, 1]")
        if levels.ndim != 1 or len(levels) == 0:
            raise ValueError(f"service_levels must be a non-empty 1-d sequence, got shape {levels.shape}")
    b, k, s0, c, p = args
    sig = 1.0 / (1.0 + np.exp(-k * (levels - s0)))
    benefit, cost = b * sig, c * levels**p
    marginal = b * k * sig * (1 - sig) - c * p * levels ** (p - 1)
    stages = service_value_stages(benefit_max=b, steepness=k, midpoint=s0, cost_scale=c, cost_exponent=p)
    stage = np.full(len(levels), "low_service", dtype=object)
    for name in ("transition", "rising", "declining"):
        if stages[name] is not None:
            stage[levels >= stages[name]] = name
    out = pd.DataFrame({"benefit": benefit, "cost": cost, "value": benefit - cost, "marginal_value": marginal,
                        "stage": stage}, index=pd.Index(levels, name="service_level"))
    out.attrs["stages"] = stages
    return out


# --------------------------------------------------------------------------
# CLV over a range of retention rates, break-even, margin multiples
# --------------------------------------------------------------------------
def _clv_array(m, r, d, periods, timing):
    """Vectorised :func:`clv_retention` (closed forms, also for the finite horizon)."""
    q = r / (1 + d)
    first = np.ones_like(q) if timing == "start" else q
    if periods is None:
        return m * first / (1 - q)
    with np.errstate(divide="ignore", invalid="ignore"):
        geometric = np.where(np.isclose(q, 1.0), float(periods), (1 - q**periods) / (1 - q))
    return m * first * geometric


def clv_by_retention(margin, retentions, discount, *, periods=None, acquisition_cost=0.0,
                     timing="start") -> pd.DataFrame:
    """CLV for each of several retention rates (why small retention gains matter).

    The closed forms of :func:`clv_retention` on an array of retention rates:
    infinite horizon ``m (1+d)/(1+d-r)`` (``timing="start"``) or ``m r/(1+d-r)``
    (``"end"``); with ``periods = T`` the finite sums ``m (1 - q^T)/(1 - q)``
    and ``m q (1 - q^T)/(1 - q)`` with ``q = r/(1+d)``.

    Parameters
    ----------
    margin, discount, periods, acquisition_cost, timing
        As in :func:`clv_retention`.
    retentions : array_like
        Retention rates, each in [0, 1).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``retention``; columns ``expected_lifetime`` (1/(1-r)),
        ``clv`` (net of the acquisition cost) and ``gain`` (CLV minus the
        previous row's; NaN in the first row, which has no previous one).

    Examples
    --------
    >>> clv_by_retention(100, [0.8, 0.9], 0.1)["clv"].round(2).tolist()
    [366.67, 550.0]
    """
    m = _number(margin, "margin")
    r = as_number_array(retentions, "retentions", interval="[0, 1)")
    if r.ndim != 1 or len(r) == 0:
        raise ValueError(f"retentions must be a non-empty 1-d sequence of rates, got shape {r.shape}")
    d = _number(discount, "discount", low=-1, low_open=True)
    cost = _number(acquisition_cost, "acquisition_cost", low=0)
    check_option(timing, "timing", ["start", "end"])
    if periods is not None:
        periods = _whole(periods, "periods")
    elif (r >= 1 + d).any():
        raise ValueError(f"the infinite-horizon sum diverges: every retention must be < 1 + discount ({1 + d:g}), "
                         f"got {float(r.max()):g}")
    clv = _clv_array(m, r, d, periods, timing) - cost
    return pd.DataFrame({"expected_lifetime": 1.0 / (1.0 - r), "clv": clv,
                         "gain": np.concatenate([[np.nan], np.diff(clv)])},
                        index=pd.Index(r, name="retention"))


def margin_multiples(retentions=(0.6, 0.7, 0.8, 0.9), discounts=(0.10, 0.12, 0.14, 0.16)) -> pd.DataFrame:
    """Gupta & Lehmann's table of margin multiples ``r / (1 + i - r)``.

    CLV = margin x multiple for a customer whose first margin comes one period
    after acquisition (``timing="end"`` of :func:`clv_retention`), infinite
    horizon.  "A customer is worth 2 to 5 times the annual margin."

    Returns
    -------
    pandas.DataFrame
        Rows = retention rates (``retention``), columns = discount rates
        (``discount``).

    References
    ----------
    Gupta, S. and Lehmann, D. R. (2003), "Customers as assets", *Journal of
    Interactive Marketing* 17(1), 9-24, table of margin multiples.

    Examples
    --------
    >>> margin_multiples().round(2).loc[0.9].tolist()
    [4.5, 4.09, 3.75, 3.46]
    """
    r = as_number_array(retentions, "retentions", interval="[0, 1)")
    i = as_number_array(discounts, "discounts", interval="(-1, inf)")
    if r.ndim != 1 or i.ndim != 1 or not len(r) or not len(i):
        raise ValueError("retentions and discounts must be non-empty 1-d sequences")
    if (r[:, None] >= 1 + i[None, :]).any():
        raise ValueError("every retention must be < 1 + discount for the multiple to be finite")
    table = r[:, None] / (1 + i[None, :] - r[:, None])
    return pd.DataFrame(table, index=pd.Index(r, name="retention"), columns=pd.Index(i, name="discount"))


def break_even_retention(margin, discount, acquisition_cost, *, periods=None, timing="start"):
    """Lowest retention rate at which a customer's CLV repays the acquisition cost.

    Solves ``CLV(r) = A`` for ``r`` (CLV is increasing in ``r``).  Infinite
    horizon in closed form: ``r = (1+d)(1 - m/A)`` for ``timing="start"`` and
    ``r = A(1+d)/(m + A)`` for ``"end"``; a finite horizon by Brent's method.

    Parameters
    ----------
    margin : float
        Margin per period, > 0. [m]
    discount : float
        Discount rate per period, > -1. [d]
    acquisition_cost : float
        Cost of winning a customer, >= 0. [A]
    periods, timing
        As in :func:`clv_retention`.

    Returns
    -------
    float or None
        The break-even retention rate in [0, 1); 0.0 if the first margins
        already repay ``A`` at zero retention; None if no retention rate below
        1 (or below 1 + d, where the infinite sum stops converging) does.

    Examples
    --------
    >>> round(break_even_retention(100, 0.1, 300), 4)
    0.7333
    >>> round(clv_retention(100, 0.7333333333, 0.1), 6)
    300.0
    """
    m = _number(margin, "margin", low=0, low_open=True)
    d = _number(discount, "discount", low=-1, low_open=True)
    a = _number(acquisition_cost, "acquisition_cost", low=0)
    check_option(timing, "timing", ["start", "end"])
    upper = min(1.0, 1.0 + d)
    if periods is None:
        r = (1 + d) * (1 - m / a) if (timing == "start" and a > 0) else (a * (1 + d) / (m + a))
        if timing == "start" and a <= m:
            r = 0.0
        r = max(r, 0.0)
        return r if r < upper else None
    periods = _whole(periods, "periods")

    def gap(x):
        return float(_clv_array(m, np.asarray(x), d, periods, timing)) - a

    if gap(0.0) >= 0:
        return 0.0
    top = np.nextafter(upper, 0.0)
    if gap(top) < 0:
        return None
    from scipy import optimize  # on first use: scipy.optimize costs a kernel ~40 MB

    return float(optimize.brentq(gap, 0.0, top, xtol=1e-12))


# --------------------------------------------------------------------------
# survival and the customer base over time, section E.7
# --------------------------------------------------------------------------
def survival_curve(retention, periods) -> pd.Series:
    """Share of an acquired cohort still a customer after t periods: ``S(t) = r^t``.

    With a constant retention rate the lifetime is geometric: ``S(t) = r^t``,
    and the expected lifetime ``sum_t S(t) = 1/(1-r)`` (:func:`expected_lifetime`).

    Returns
    -------
    pandas.Series
        Indexed by ``period`` 0..periods, named ``survival``.

    Examples
    --------
    >>> survival_curve(0.8, 3).round(3).tolist()
    [1.0, 0.8, 0.64, 0.512]
    """
    r = _number(retention, "retention", low=0, high=1, high_open=True)
    n = _whole(periods, "periods", low=0)
    t = np.arange(n + 1)
    return pd.Series(r**t, index=pd.Index(t, name="period"), name="survival")


def new_customers_needed(customers, retention, growth):
    """New customers (新增客户) needed in a period to grow the base by ``g``.

    Of ``N`` customers at the start of a period, ``r N`` stay (原有客户), so
    reaching ``N (1 + g)`` at the end needs ``N (1 + g) - N r = N (1 + g - r)``
    new ones: every point of retention lost must be won back by acquisition.

    Parameters
    ----------
    customers : float
        Customers at the start of the period, >= 0. [N]
    retention : float or array_like
        Retention rate(s) in [0, 1). [r]
    growth : float
        Growth target per period, > -1. [g]

    Returns
    -------
    float or numpy.ndarray
        Same shape as ``retention``.

    Raises
    ------
    ValueError
        If ``g < r - 1`` for some ``r`` (the target would need a negative
        number of new customers: more customers must leave than do).

    Examples
    --------
    >>> new_customers_needed(1000, 0.8, 0.05)
    250.0
    >>> new_customers_needed(1000, [0.7, 0.9], 0.05).round(6).tolist()
    [350.0, 150.0]
    """
    n = _number(customers, "customers", low=0)
    r = as_number_array(retention, "retention", interval="[0, 1)")
    if r.size == 0:
        raise ValueError("retention must be a rate or a non-empty array of rates, got an empty array")
    g = _number(growth, "growth", low=-1, low_open=True)
    if (1 + g - r < -1e-12).any():
        raise ValueError(f"growth must be >= retention - 1 (the base cannot shrink faster than customers leave), "
                         f"got growth {g:g} with retention {float(r.max()):g}")
    needed = np.maximum(n * (1 + g - r), 0.0)
    return float(needed) if needed.ndim == 0 else needed


def customer_base(initial_customers, retention, periods, *, new_customers=None, growth=None) -> pd.DataFrame:
    """The customer base period by period: existing customers kept and new ones won.

    Starting from ``N_0`` customers, in each period ``t = 1..T``::

        existing_t = r N_{t-1}             (原有客户 kept)
        lost_t     = (1 - r) N_{t-1}
        new_t      = n_t                   (新增客户; given, or what the growth target needs)
        N_t        = existing_t + new_t

    With a growth target ``g`` the new customers are ``N_{t-1} (1 + g - r)``
    (:func:`new_customers_needed`), so ``N_t = N_0 (1 + g)^t``; with a constant
    ``n`` per period ``N_t = N_0 r^t + n (1 - r^t)/(1 - r)``, which tends to
    the steady state ``n / (1 - r)``.  ``from_initial = N_0 r^t`` counts the
    survivors of the initial base.

    Parameters
    ----------
    initial_customers : float
        Customers at period 0, >= 0. [N_0]
    retention : float
        Retention rate per period, in [0, 1). [r]
    periods : int
        Number of periods after period 0, >= 1. [T]
    new_customers : float or sequence of float, optional
        New customers per period (one number, or one per period 1..T), >= 0.
    growth : float, optional
        Growth target per period instead of ``new_customers``; >= r - 1.
        Give at most one of the two (neither: no new customers).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``period`` 0..T; columns ``existing, new, lost, total,
        from_initial``.  Period 0 has ``existing = total = N_0``.

    Examples
    --------
    >>> customer_base(1000, 0.8, 2, growth=0.1)[["existing", "new", "total"]].round(1).values.tolist()
    [[1000.0, 0.0, 1000.0], [800.0, 300.0, 1100.0], [880.0, 330.0, 1210.0]]
    """
    n0 = _number(initial_customers, "initial_customers", low=0)
    r = _number(retention, "retention", low=0, high=1, high_open=True)
    n_periods = _whole(periods, "periods")
    if new_customers is not None and growth is not None:
        raise ValueError("give new_customers or growth, not both")
    if growth is not None:
        g = _number(growth, "growth", low=-1, low_open=True)
        new_customers_needed(n0, r, g)  # validates g >= r - 1
        totals = n0 * (1 + g) ** np.arange(n_periods + 1)
        existing = np.concatenate([[n0], r * totals[:-1]])
        new = totals - existing
        new[0] = 0.0
    else:
        flow = as_number_array(0.0 if new_customers is None else new_customers, "new_customers",
                               interval="[0, inf)")
        if flow.ndim == 0:
            flow = np.full(n_periods, float(flow))
        elif flow.shape != (n_periods,):
            raise ValueError(f"new_customers must be one number or one per period ({n_periods}), "
                             f"got {flow.shape[0] if flow.ndim == 1 else flow.shape} values")
        totals = np.empty(n_periods + 1)
        existing = np.empty(n_periods + 1)
        totals[0] = existing[0] = n0
        for t in range(1, n_periods + 1):
            existing[t] = r * totals[t - 1]
            totals[t] = existing[t] + flow[t - 1]
        new = np.concatenate([[0.0], flow])
    lost = np.concatenate([[0.0], (1 - r) * totals[:-1]])
    return pd.DataFrame({"existing": existing, "new": new, "lost": lost, "total": totals,
                         "from_initial": n0 * r ** np.arange(n_periods + 1)},
                        index=pd.Index(np.arange(n_periods + 1), name="period"))
