"""Service level, inventory and cost (服务水平、库存与成本).

Chapter 3 models.  With normally distributed demand over the replenishment
lead time (mean ``mu_L``, standard deviation ``sigma_L``), stocking
``mu_L + z*sigma_L`` gives the cycle service level ``Phi(z)``, the probability
of no stockout in a replenishment cycle.  The seed's table (safety stock 0, 1,
2, 3 sigma -> 50 / 84 / 98 / 99.9 %) is exactly ``Phi(0..3)`` rounded
[000 L226-235; COURSE_CONTENT.md section D.8].

The same model gives the other numbers of the chapter:

* the expected shortage per cycle ``sigma_L * L(z)`` with the standard normal
  loss function ``L``, and from it the fill rate (订单完成率 / 满足率);
* the single-period (newsvendor) reading of the cost/benefit trade-off
  (成本/收益权衡, section D.7): revenue, inventory cost and profit as functions
  of the service level, whose maximum is the critical ratio
  ``Cu / (Cu + Co)``;
* the service cost curve shifting right (服务成本曲线右移, section D.9):
  information sharing, customer alliances and better transport cut the
  uncertainty ``sigma_L``, so the same service level needs less inventory.

Pure functions: numbers, arrays or pandas in; numbers, arrays or pandas out.
Every argument is checked, and a bad one raises ``TypeError``/``ValueError``
naming the argument and its allowed range.

References
----------
Ballou, R. H. (2004). *Business Logistics/Supply Chain Management*, 5th ed.,
    ch. 4 (sales-service relationship, cost-revenue trade-off, optimum service
    level) and ch. 9 (safety stock and the standard normal distribution).
Chopra, S. and Meindl, P. *Supply Chain Management: Strategy, Planning and
    Operation*, chapter "Managing uncertainty in a supply chain: safety
    inventory" (cycle service level, fill rate, expected shortage per cycle
    ESC, lead-time uncertainty).
Silver, E. A., Pyke, D. F. and Peterson, R. (1998). *Inventory Management and
    Production Planning and Scheduling*, 3rd ed., ch. 7 (the unit normal loss
    function ``G_u(k)``).
Snyder, L. V. and Shen, Z.-J. M. (2019). *Fundamentals of Supply Chain
    Theory*, 2nd ed., ch. 4 (newsvendor, critical ratio; Example 4.3) and
    appendix C (loss functions).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special

from ._validation import as_number_array

# The standard normal distribution from scipy.special, as scipy.stats.norm computes it (the same
# numbers, bit for bit): importing scipy.stats costs every notebook ~60 MB and ~1 s for these four.
_SQRT_2PI = np.sqrt(2 * np.pi)


def _norm_cdf(x):
    return special.ndtr(x)


def _norm_sf(x):
    return special.ndtr(-x)


def _norm_ppf(q):
    return special.ndtri(q)


def _norm_pdf(x):
    x = np.asarray(x, dtype=float)
    return np.exp(-x**2 / 2.0) / _SQRT_2PI

__all__ = [
    "ILLUSTRATIVE_INVESTMENT",
    "safety_factor",
    "cycle_service_level",
    "normal_loss",
    "expected_shortage",
    "fill_rate",
    "lead_time_sd",
    "safety_stock",
    "inventory_service_table",
    "optimal_service_level",
    "equivalent_service_level",
    "service_level_grid",
    "service_cost_curves",
    "inventory_investment",
]

#: Illustrative parameters for the seed's chart "customer service vs inventory
#: investment" (客户服务与库存投资的关系) [002 L125-143].  The seed prints only
#: the axes (75-100 %, 0-600 万元) and no data, so these numbers are made up to
#: draw a curve of the textbook shape on those axes: lead-time demand sd 1,400
#: units, 1,000 元 (0.1 万元) per unit, 500 units of average cycle stock.
ILLUSTRATIVE_INVESTMENT = {"demand_sd": 1400.0, "unit_value": 0.1, "lead_time": 1.0, "cycle_stock": 500.0}


def _out(values: np.ndarray, *inputs):
    """A float for scalar input, a Series like the first Series input, else an ndarray."""
    for like in inputs:
        if isinstance(like, pd.Series) and values.shape == (len(like),):
            return pd.Series(values, index=like.index, name=like.name)
    return float(values) if np.ndim(values) == 0 else values


def safety_factor(service_level):
    """Safety factor ``z = Phi^-1(CSL)`` (安全系数) for a cycle service level.

    Parameters
    ----------
    service_level : float or array_like
        Cycle service level (周期服务水平), strictly between 0 and 1 (1.0
        would need infinite safety stock under the normal model). [CSL]

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        ``z`` such that ``Phi(z) = service_level``; same shape as the input.

    Raises
    ------
    TypeError
        If the input is not a number or an array of numbers.
    ValueError
        If any level is outside (0, 1) or not finite.

    References
    ----------
    Ballou (2004), ch. 9; Chopra & Meindl, safety-inventory chapter.

    Examples
    --------
    >>> round(float(safety_factor(0.95)), 4)
    1.6449
    """
    arr = as_number_array(service_level, "service_level", interval="(0, 1)")
    return _out(_norm_ppf(arr), service_level)


def cycle_service_level(z):
    """Cycle service level ``CSL = Phi(z)`` (服务水平) for a safety factor ``z``.

    The probability that demand over the lead time stays below ``mu_L +
    z*sigma_L``, i.e. that a replenishment cycle has no stockout.

    Parameters
    ----------
    z : float or array_like
        Safety factor, any finite number. [z]

    Returns
    -------
    float, numpy.ndarray or pandas.Series

    Examples
    --------
    >>> [round(float(cycle_service_level(k)), 4) for k in range(4)]
    [0.5, 0.8413, 0.9772, 0.9987]
    """
    arr = as_number_array(z, "z")
    return _out(_norm_cdf(arr), z)


def normal_loss(z):
    """Standard normal loss function ``L(z) = phi(z) - z (1 - Phi(z))`` (标准正态损失函数).

    ``L(z) = E[(Z - z)^+]`` for a standard normal ``Z``: the expected number of
    standard deviations by which demand exceeds a stock of ``mu + z*sigma``.
    It is positive, decreasing and convex, with ``L(0) = 1/sqrt(2 pi)``
    (about 0.3989) and ``L(z) - L(-z) = -z``.

    Parameters
    ----------
    z : float or array_like
        Safety factor, any finite number. [z]

    Returns
    -------
    float, numpy.ndarray or pandas.Series

    References
    ----------
    Silver, Pyke & Peterson (1998), ch. 7: ``G_u(k)``.  Chopra & Meindl: the
    expected shortage per cycle ``ESC = sigma_L * L(ss / sigma_L)``.  Snyder &
    Shen (2019), appendix C.

    Examples
    --------
    >>> round(float(normal_loss(0)), 4)
    0.3989
    >>> round(float(normal_loss(1.0)), 4)
    0.0833
    """
    arr = as_number_array(z, "z")
    # norm.sf is 1 - Phi without cancellation for large z
    return _out(_norm_pdf(arr) - arr * _norm_sf(arr), z)


def expected_shortage(z, sigma):
    """Expected shortage per replenishment cycle ``ESC = sigma * L(z)`` (每周期期望缺货量).

    Parameters
    ----------
    z : float or array_like
        Safety factor (safety stock / ``sigma``). [z]
    sigma : float or array_like
        Standard deviation of demand over the lead time, >= 0. [sigma_L]

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Expected units short per cycle, in the unit of ``sigma``.

    References
    ----------
    Chopra & Meindl, safety-inventory chapter (ESC).

    Examples
    --------
    >>> round(expected_shortage(1000 / 707.107, 707.107), 2)
    25.13
    """
    zz = as_number_array(z, "z")
    s = as_number_array(sigma, "sigma", interval="[0, inf)")
    return _out(s * np.asarray(normal_loss(zz)), z, sigma)


def fill_rate(z, sigma, order_quantity):
    """Fill rate (订单完成率 / 满足率) ``fr = 1 - sigma * L(z) / Q``.

    The share of demand served from stock when a replenishment of ``Q`` units
    arrives each cycle, the reorder point covers lead-time demand plus
    ``z*sigma`` of safety stock, and shortages are backordered.  Unlike the
    cycle service level it counts *how much* is short, not only *whether*
    a cycle runs short, so it is usually much higher.

    Parameters
    ----------
    z : float or array_like
        Safety factor (safety stock / ``sigma``). [z]
    sigma : float or array_like
        Standard deviation of demand over the lead time, >= 0. [sigma_L]
    order_quantity : float or array_like
        Replenishment lot size, > 0; also the mean demand per cycle. [Q]

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Fill rate in [0, 1].

    Raises
    ------
    ValueError
        If ``sigma`` < 0, ``order_quantity`` <= 0, any input is NaN/inf, or
        the expected shortage per cycle exceeds ``order_quantity`` (then the
        formula is not a fraction: the lot is too small for the uncertainty).

    References
    ----------
    Chopra & Meindl, safety-inventory chapter, "Evaluating fill rate given a
    replenishment policy": weekly demand N(2,500, 500), lead time 2 weeks,
    reorder point 6,000, Q = 10,000 -> ESC = 25.13, fill rate = 0.9975.

    Examples
    --------
    >>> sigma_l = lead_time_sd(500, 2)
    >>> round(fill_rate((6000 - 5000) / sigma_l, sigma_l, 10_000), 4)
    0.9975
    """
    zz = as_number_array(z, "z")
    q = as_number_array(order_quantity, "order_quantity", interval="(0, inf)")
    esc = np.asarray(expected_shortage(zz, sigma), dtype=float)
    esc, q = np.broadcast_arrays(esc, q)
    if (esc > q).any():
        i = int(np.argmax(esc > q))
        raise ValueError(
            f"order_quantity must be at least the expected shortage per cycle sigma*L(z) = "
            f"{esc.flat[i]:.4g} for 1 - sigma*L(z)/Q to be a fill rate, got {q.flat[i]:g}; "
            "raise the order quantity or the safety factor"
        )
    return _out(1.0 - esc / q, z, sigma, order_quantity)


def lead_time_sd(sigma, lead_time, *, demand_mean=0.0, lead_time_sigma=0.0):
    """Standard deviation of demand over the lead time (提前期需求标准差).

    ``sigma_L = sqrt(L * sigma^2 + D^2 * s_L^2)``; with a fixed lead time
    (``s_L = 0``, the default) this is ``sigma * sqrt(L)``.  Periods are
    independent; ``sigma`` and ``D`` are per period, ``L`` and ``s_L`` in periods.

    Parameters
    ----------
    sigma : float or array_like
        Standard deviation of demand per period, >= 0. [sigma_D]
    lead_time : float or array_like
        Mean replenishment lead time in periods, >= 0. [L]
    demand_mean : float, default 0.0
        Mean demand per period, >= 0 (only used with ``lead_time_sigma``). [D]
    lead_time_sigma : float, default 0.0
        Standard deviation of the lead time in periods, >= 0. [s_L]

    Returns
    -------
    float, numpy.ndarray or pandas.Series

    References
    ----------
    Chopra & Meindl, safety-inventory chapter ("impact of lead-time
    uncertainty"): D = 2,500/day, sigma_D = 500, L = 7 days, s_L = 7 days ->
    sigma_L = 17,550 (rounded).

    Examples
    --------
    >>> round(lead_time_sd(500, 2), 1)
    707.1
    >>> round(lead_time_sd(500, 7, demand_mean=2500, lead_time_sigma=7))
    17550
    """
    s = as_number_array(sigma, "sigma", interval="[0, inf)")
    lt = as_number_array(lead_time, "lead_time", interval="[0, inf)")
    d = as_number_array(demand_mean, "demand_mean", interval="[0, inf)")
    s_lt = as_number_array(lead_time_sigma, "lead_time_sigma", interval="[0, inf)")
    return _out(np.sqrt(lt * s**2 + d**2 * s_lt**2), sigma, lead_time, demand_mean, lead_time_sigma)


def safety_stock(service_level, sigma, lead_time=1.0):
    """Safety stock (安全库存) ``ss = z * sigma * sqrt(L)`` with ``z = Phi^-1(CSL)``.

    Parameters
    ----------
    service_level : float or array_like
        Cycle service level in (0, 1). [CSL]
    sigma : float or array_like
        Standard deviation of demand per period, >= 0. [sigma_D]
    lead_time : float or array_like, default 1.0
        Replenishment lead time in periods, >= 0 (``lead_time=1`` when
        ``sigma`` is already the lead-time standard deviation). [L]

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Safety stock in the unit of ``sigma``; negative below a 50 % service
        level (stock below mean lead-time demand).

    References
    ----------
    Ballou (2004), ch. 9; Chopra & Meindl, safety-inventory chapter.

    Examples
    --------
    >>> round(safety_stock(0.90, 500, lead_time=2), 1)
    906.2
    """
    z = np.asarray(safety_factor(as_number_array(service_level, "service_level", interval="(0, 1)")))
    sigma_l = np.asarray(lead_time_sd(sigma, lead_time))
    return _out(z * sigma_l, service_level, sigma, lead_time)


def inventory_service_table(z=(0, 1, 2, 3)) -> pd.DataFrame:
    """The seed's inventory level vs service level table (库存水平与服务水平), from ``Phi``.

    Stock ``x-bar + z*sigma`` -> cycle service level ``Phi(z)``.  Each extra
    sigma of safety stock buys less extra service (diminishing returns).

    Parameters
    ----------
    z : sequence of float, default (0, 1, 2, 3)
        Safety stock in standard deviations, increasing.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``z``, columns ``cycle_service_level``, ``stockout_risk``
        (``1 - Phi(z)``) and ``extra_service`` (gain over the previous row;
        the first row's gain is over no stock at all, i.e. equals its level).

    References
    ----------
    Seed [000 L226-235], COURSE_CONTENT.md D.8 (printed 50 / 84 / 98 / 99.9 %;
    the x-bar + z sigma reading is a reconstruction).

    Examples
    --------
    >>> (100 * inventory_service_table()["cycle_service_level"]).round(2).tolist()
    [50.0, 84.13, 97.72, 99.87]
    """
    zz = as_number_array(z, "z")
    if zz.ndim != 1 or len(zz) == 0:
        raise ValueError(f"z must be a non-empty sequence of numbers, got {z!r}")
    if (np.diff(zz) <= 0).any():
        raise ValueError(f"z must be strictly increasing, got {zz.tolist()}")
    csl = _norm_cdf(zz)
    out = pd.DataFrame({"cycle_service_level": csl, "stockout_risk": _norm_sf(zz),
                        "extra_service": np.diff(csl, prepend=0.0)}, index=pd.Index(np.asarray(z), name="z"))
    return out


def optimal_service_level(unit_margin, unit_holding_cost):
    """Profit-maximising cycle service level: the critical ratio ``Cu / (Cu + Co)`` (临界比).

    One unit short loses its margin ``Cu = m``; one unit too many costs ``Co =
    h`` to carry (or to dispose of).  Stocking ``S`` units, the last unit pays
    off when ``m P(D > S) >= h P(D <= S)``, so the best stock has ``P(D <= S)
    = m / (m + h)``: the optimal cycle service level does not depend on the
    demand distribution.

    Parameters
    ----------
    unit_margin : float
        Margin lost per unit of demand not served (underage cost), > 0. [Cu, p]
    unit_holding_cost : float
        Cost of a unit left over at the end of the cycle (overage cost), > 0. [Co, h]

    Returns
    -------
    float
        The optimal cycle service level, in (0, 1).

    Raises
    ------
    ValueError
        If a cost is <= 0 (a zero cost puts the optimum at 0 % or 100 %) or
        not finite.

    References
    ----------
    Snyder & Shen (2019), ch. 4, Example 4.3: h = 0.18, p = 0.70, demand
    N(50, 8^2) -> critical ratio 0.7955, S* = 56.60.  Ballou (2004), ch. 4
    (profit is greatest where marginal revenue equals marginal cost).

    Examples
    --------
    >>> round(optimal_service_level(0.70, 0.18), 4)
    0.7955
    >>> round(50 + 8 * safety_factor(optimal_service_level(0.70, 0.18)), 2)
    56.6
    """
    m = float(as_number_array(unit_margin, "unit_margin", interval="(0, inf)"))
    h = float(as_number_array(unit_holding_cost, "unit_holding_cost", interval="(0, inf)"))
    return m / (m + h)


def equivalent_service_level(service_level, uncertainty_reduction):
    """Service level the same safety stock buys after uncertainty falls (服务成本曲线右移).

    If information sharing, customer alliances or better transport cut the
    lead-time standard deviation by the fraction ``r``, the safety stock
    ``z * sigma`` held for ``service_level`` is now ``z / (1 - r)`` new
    standard deviations, so it gives ``Phi(z / (1 - r))``: the service cost
    curve has shifted right.

    Parameters
    ----------
    service_level : float or array_like
        Cycle service level before the change, in (0, 1).
    uncertainty_reduction : float
        Fraction by which the standard deviation falls, in [0, 1). [r]

    Returns
    -------
    float, numpy.ndarray or pandas.Series

    References
    ----------
    Seed [000 L61-65], COURSE_CONTENT.md D.9 (the mechanism is a supplement).

    Examples
    --------
    >>> round(equivalent_service_level(0.95, 0.3), 4)
    0.9906
    """
    z = np.asarray(safety_factor(as_number_array(service_level, "service_level", interval="(0, 1)")))
    r = float(as_number_array(uncertainty_reduction, "uncertainty_reduction", interval="[0, 1)"))
    return _out(_norm_cdf(z / (1.0 - r)), service_level)


def service_level_grid(low=0.5, high=0.999, step=0.001) -> np.ndarray:
    """Evenly spaced service levels from ``low`` to ``high`` (inclusive), for curves.

    Examples
    --------
    >>> service_level_grid(0.5, 0.9, 0.1).tolist()
    [0.5, 0.6, 0.7, 0.8, 0.9]
    """
    lo = float(as_number_array(low, "low", interval="(0, 1)"))
    hi = float(as_number_array(high, "high", interval="(0, 1)"))
    st = float(as_number_array(step, "step", interval="(0, 1)"))
    if hi <= lo:
        raise ValueError(f"high must be > low, got low={lo:g}, high={hi:g}")
    n = round((hi - lo) / st) + 1
    if n > 1_000_001:
        raise ValueError(f"step is too small: {n} points between {lo:g} and {hi:g} (at most 1,000,001)")
    return np.round(np.linspace(lo, lo + (n - 1) * st, n), 12)


def service_cost_curves(service_levels, *, demand_mean, demand_sd, lead_time=1.0, unit_margin,
                        unit_holding_cost, uncertainty_reduction=0.0) -> pd.DataFrame:
    """Inventory, revenue, cost and profit for each service level (成本/收益权衡).

    The single-period (newsvendor) reading of the cost/benefit trade-off.
    Demand over the period ``L`` is normal with mean ``mu_L = mu * L`` and
    standard deviation ``sigma_L = (1 - r) * sigma * sqrt(L)``.  Stocking for
    cycle service level ``p`` (``z = Phi^-1(p)``)::

        stock              S        = mu_L + z sigma_L
        safety stock       ss       = z sigma_L
        expected shortage  E[short] = sigma_L L(z)
        expected sales     E[sales] = mu_L - sigma_L L(z)
        expected leftover  E[left]  = S - E[sales] = sigma_L (z + L(z))
        revenue                     = m E[sales]     (margin earned on sales)
        inventory cost              = h E[left]
        profit                      = revenue - inventory cost

    ``d profit / dz = sigma_L (m (1 - Phi(z)) - h Phi(z))``, so profit is
    greatest at ``Phi(z) = m / (m + h)``, the critical ratio of
    :func:`optimal_service_level`, whatever ``mu``, ``sigma``, ``L`` and ``r``.
    Revenue rises with diminishing returns; inventory cost rises ever faster
    as ``p`` approaches 1.

    Parameters
    ----------
    service_levels : array_like
        Cycle service levels in (0, 1), e.g. :func:`service_level_grid`.
    demand_mean : float
        Mean demand per period, >= 0. [mu]
    demand_sd : float
        Standard deviation of demand per period, >= 0. [sigma]
    lead_time : float, default 1.0
        Length of the period the stock must cover, in periods, >= 0. [L]
    unit_margin : float
        Margin per unit sold (lost on each unit short), >= 0. [m, Cu]
    unit_holding_cost : float
        Cost per unit left over at the end of the period, >= 0. [h, Co]
    uncertainty_reduction : float, default 0.0
        Fraction ``r`` in [0, 1) by which information sharing, customer
        alliances or better transport cut the standard deviation.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``service_level``; columns ``z, stock, safety_stock,
        expected_sales, expected_shortage, expected_leftover, revenue,
        inventory_cost, profit``.  ``attrs`` holds ``mu_L`` and ``sigma_L``.

    Raises
    ------
    ValueError
        For a service level outside (0, 1), a negative mean, sd, lead time or
        cost, ``uncertainty_reduction`` outside [0, 1), NaN/inf, or a level
        so low that the stock ``mu_L + z sigma_L`` would be negative.

    References
    ----------
    Ballou (2004), ch. 4; Snyder & Shen (2019), ch. 4; seed [002 L118-143],
    COURSE_CONTENT.md D.7 (curve shapes are the standard figure, not seed data).

    Examples
    --------
    >>> c = service_cost_curves([0.5, 0.7955, 0.95], demand_mean=50, demand_sd=8,
    ...                         unit_margin=0.70, unit_holding_cost=0.18)
    >>> c["profit"].round(2).tolist()
    [32.19, 33.0, 32.48]
    >>> round(float(c.loc[0.7955, "stock"]), 1)
    56.6
    """
    levels = as_number_array(service_levels, "service_levels", interval="(0, 1)")
    if levels.ndim != 1 or len(levels) == 0:
        raise ValueError(f"service_levels must be a non-empty 1-d sequence of levels, got shape {levels.shape}")
    mu = float(as_number_array(demand_mean, "demand_mean", interval="[0, inf)"))
    sigma = float(as_number_array(demand_sd, "demand_sd", interval="[0, inf)"))
    lt = float(as_number_array(lead_time, "lead_time", interval="[0, inf)"))
    m = float(as_number_array(unit_margin, "unit_margin", interval="[0, inf)"))
    h = float(as_number_array(unit_holding_cost, "unit_holding_cost", interval="[0, inf)"))
    r = float(as_number_array(uncertainty_reduction, "uncertainty_reduction", interval="[0, 1)"))
    mu_l = mu * lt
    sigma_l = (1.0 - r) * sigma * np.sqrt(lt)
    z = _norm_ppf(levels)
    stock = mu_l + z * sigma_l
    if (stock < 0).any():
        low = float(levels[stock < 0].max())
        raise ValueError(
            f"service_levels must be high enough for a stock >= 0 (mu_L + z sigma_L); level {low:g} "
            f"gives {float(stock[stock < 0].max()):.4g} with mu_L = {mu_l:g}, sigma_L = {sigma_l:g}"
        )
    loss = _norm_pdf(z) - z * _norm_sf(z)
    shortage = sigma_l * loss
    sales = mu_l - shortage
    leftover = sigma_l * (z + loss)
    revenue = m * sales
    cost = h * leftover
    out = pd.DataFrame(
        {"z": z, "stock": stock, "safety_stock": z * sigma_l, "expected_sales": sales,
         "expected_shortage": shortage, "expected_leftover": leftover, "revenue": revenue,
         "inventory_cost": cost, "profit": revenue - cost},
        index=pd.Index(levels, name="service_level"),
    )
    out.attrs.update({"mu_L": mu_l, "sigma_L": sigma_l})
    return out


def inventory_investment(service_levels, *, demand_sd, unit_value, lead_time=1.0,
                         cycle_stock=0.0) -> pd.DataFrame:
    """Inventory investment needed for each level of availability (库存投资).

    ``investment = v * (cycle_stock + z * sigma * sqrt(L))`` with ``z =
    Phi^-1(availability)``: average cycle stock plus safety stock, valued at
    ``v`` per unit.  The safety stock grows without bound as availability
    approaches 100 %, which is why the seed's chart rises so steeply at the
    right.

    Parameters
    ----------
    service_levels : array_like
        Availability read as a cycle service level, in (0, 1).
    demand_sd : float
        Standard deviation of demand per period, >= 0. [sigma]
    unit_value : float
        Value of one unit of stock (money), >= 0. [v]
    lead_time : float, default 1.0
        Lead time in periods, >= 0. [L]
    cycle_stock : float, default 0.0
        Average cycle stock in units (half the order quantity), >= 0.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``service_level``; columns ``z, safety_stock,
        average_inventory, investment``.

    References
    ----------
    Seed [002 L125-143] chart (2), COURSE_CONTENT.md D.7: axes only
    (75-100 %, 0-600 万元); :data:`ILLUSTRATIVE_INVESTMENT` holds made-up
    parameters that fit them.  Ballou (2004), ch. 4 and 9.

    Examples
    --------
    >>> inv = inventory_investment([0.75, 0.95, 0.999], **ILLUSTRATIVE_INVESTMENT)
    >>> inv["investment"].round().tolist()
    [144.0, 280.0, 483.0]
    """
    levels = as_number_array(service_levels, "service_levels", interval="(0, 1)")
    if levels.ndim != 1 or len(levels) == 0:
        raise ValueError(f"service_levels must be a non-empty 1-d sequence of levels, got shape {levels.shape}")
    value = float(as_number_array(unit_value, "unit_value", interval="[0, inf)"))
    cycle = float(as_number_array(cycle_stock, "cycle_stock", interval="[0, inf)"))
    sigma_l = float(lead_time_sd(float(as_number_array(demand_sd, "demand_sd", interval="[0, inf)")), lead_time))
    z = _norm_ppf(levels)
    ss = z * sigma_l
    return pd.DataFrame({"z": z, "safety_stock": ss, "average_inventory": cycle + ss,
                         "investment": value * (cycle + ss)}, index=pd.Index(levels, name="service_level"))
