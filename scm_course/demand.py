"""Customer demand management and information sharing (客户需求管理与信息共享).

Models for Chapter 8 of the course: one-step-ahead demand forecasts (moving
average, exponential smoothing) with their error measures, a seeded
multi-stage order simulation of the bullwhip effect (牛鞭效应) with and without
shared point-of-sale demand, and a likelihood x impact supply-risk matrix
(风险矩阵).  Pure functions: pandas in, pandas out; no plotting.

References
----------
Chopra, S. and Meindl, P., *Supply Chain Management: Strategy, Planning, and
    Operation*, 6th ed., ch. 7 (moving average, simple exponential smoothing,
    MAD, MSE, MAPE, bias).
Lee, H. L., Padmanabhan, V. and Whang, S. (1997), "Information distortion in a
    supply chain: the bullwhip effect", *Management Science* 43(4), 546-558.
Chen, F., Drezner, Z., Ryan, J. K. and Simchi-Levi, D. (2000), "Quantifying the
    bullwhip effect in a simple supply chain: the impact of forecasting, lead
    times, and information", *Management Science* 46(3), 436-443.
Seed [004] (COURSE_CONTENT.md Part G.2, G.5, G.6): demand forecasting,
    information sharing, risk identification and assessment.
"""
from __future__ import annotations

from collections.abc import Sequence
from numbers import Integral

import numpy as np
import pandas as pd

from ._validation import (
    _preview,
    as_number_array,
    as_numeric_series,
    check_column_args,
    check_columns,
    check_option,
)

__all__ = [
    "BULLWHIP_POLICIES",
    "RISK_LEVELS",
    "moving_average_forecast",
    "exponential_smoothing_forecast",
    "forecast_errors",
    "simulate_bullwhip",
    "bullwhip_ratios",
    "bullwhip_lower_bound",
    "risk_matrix",
    "demand_series",
    "distributor_demand",
    "KPI_PERSPECTIVES",
    "KPI_DIRECTIONS",
    "KPI_STATUSES",
    "KPI_COLUMNS",
    "DISTRIBUTOR_KPIS",
    "COMPLAINT_CATEGORIES",
    "kpi_scorecard",
    "distributor_kpis",
    "FORECAST_METHODS",
    "forecast",
    "forecast_error_curve",
    "equivalent_alpha",
    "next_period_forecast",
    "DISTRIBUTOR_RISKS",
    "distributor_risk_matrix",
]

#: Ordering policies of :func:`simulate_bullwhip`.
BULLWHIP_POLICIES = ("order_up_to", "lot_for_lot")

#: Risk levels of :func:`risk_matrix` with the highest score of each band
#: (score = likelihood x impact on 1-5 scales, so 1..25).
RISK_LEVELS = (("low", 4), ("medium", 9), ("high", 16), ("extreme", 25))


def _check_int(value, name: str, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an integer >= {minimum}, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def _demand_series(demand, name: str = "demand") -> pd.Series:
    return as_numeric_series(demand, name)


def _check_alpha(alpha, name: str = "alpha") -> float:
    if np.ndim(alpha) != 0:
        raise TypeError(f"{name} must be a single number in (0, 1], got {alpha!r}")
    return float(as_number_array(alpha, name, interval="(0, 1]"))


def moving_average_forecast(demand, window: int) -> pd.Series:
    """One-step-ahead moving-average forecast (移动平均法).

    The forecast for period *t* is the mean of the ``window`` demands just
    before it::

        F_t = (D_(t-1) + D_(t-2) + ... + D_(t-window)) / window

    Forecasts start at the ``window``-th period (0-based position
    ``window``): the first ``window`` periods have no full history and are
    left out of the result rather than filled with NaN.

    Parameters
    ----------
    demand : pandas.Series
        Demand per period, in time order, finite numbers, unique index.
    window : int
        Number of past periods averaged, ``1 <= window < len(demand)``.

    Returns
    -------
    pandas.Series
        Forecasts indexed by ``demand.index[window:]``, named ``"forecast"``.

    Raises
    ------
    TypeError
        If ``demand`` is not a Series of numbers or ``window`` not an integer.
    ValueError
        If ``demand`` is empty or has NaN/inf, ``window < 1``, or
        ``window >= len(demand)`` (no period left to forecast).

    References
    ----------
    Chopra and Meindl, ch. 7, "Moving average".

    Examples
    --------
    >>> d = pd.Series([10, 12, 14, 11, 13], index=[1, 2, 3, 4, 5])
    >>> moving_average_forecast(d, 3).tolist()
    [12.0, 12.333333333333334]
    """
    d = _demand_series(demand)
    p = _check_int(window, "window", minimum=1)
    if p >= len(d):
        raise ValueError(
            f"window must be smaller than the number of demand periods ({len(d)}) so that "
            f"at least one period is forecast, got window={p}"
        )
    csum = np.concatenate(([0.0], np.cumsum(d.to_numpy())))
    values = (csum[p:-1] - csum[:-p - 1]) / p
    return pd.Series(values, index=d.index[p:], name="forecast")


def exponential_smoothing_forecast(demand, alpha: float, initial=None) -> pd.Series:
    """One-step-ahead simple exponential smoothing forecast (指数平滑法).

    ::

        F_1 = initial                     (default: D_1, the first demand)
        F_(t+1) = alpha * D_t + (1 - alpha) * F_t

    Every period gets a forecast, including the first, which is the
    ``initial`` level (by default the first demand, so its error is 0).

    Parameters
    ----------
    demand : pandas.Series
        Demand per period, in time order, finite numbers, unique index.
    alpha : float
        Smoothing constant (平滑系数) in (0, 1]; ``alpha = 1`` is the naive
        forecast F_(t+1) = D_t.
    initial : float, optional
        Starting level F_1; a finite number.  Default: the first demand.

    Returns
    -------
    pandas.Series
        Forecasts indexed like ``demand``, named ``"forecast"``.

    Raises
    ------
    TypeError, ValueError
        If ``demand`` is empty or not finite numbers, ``alpha`` is outside
        (0, 1], or ``initial`` is not a finite number.

    References
    ----------
    Chopra and Meindl, ch. 7, "Simple exponential smoothing".

    Examples
    --------
    >>> d = pd.Series([100, 110, 90, 105])
    >>> exponential_smoothing_forecast(d, 0.5).tolist()
    [100.0, 100.0, 105.0, 97.5]
    """
    d = _demand_series(demand)
    a = _check_alpha(alpha)
    if initial is None:
        level = float(d.iloc[0])
    else:
        if np.ndim(initial) != 0:
            raise TypeError(f"initial must be a single number, got {initial!r}")
        level = float(as_number_array(initial, "initial"))
    values = d.to_numpy()
    out = np.empty(len(values))
    for i, x in enumerate(values):
        out[i] = level
        level = a * x + (1.0 - a) * level
    return pd.Series(out, index=d.index, name="forecast")


def forecast_errors(actual, forecast) -> dict:
    """Forecast error measures (预测误差): bias, MAD, MSE, RMSE and MAPE.

    Errors are taken over the periods of ``forecast`` (every one of them must
    be a period of ``actual``), with ``e_t = D_t - F_t``::

        bias = mean(e_t)          (> 0: forecasts too low on average)
        MAD  = mean(|e_t|)        (mean absolute deviation = MAE)
        MSE  = mean(e_t^2),  RMSE = sqrt(MSE)
        MAPE = 100 * mean(|e_t| / |D_t|)   over the periods with D_t != 0

    Chopra and Meindl write the error the other way round, ``E_t = F_t - D_t``,
    so their bias has the opposite sign; MAD, MSE and MAPE are the same.

    MAPE is undefined when a demand is 0; such periods are left out of the
    MAPE only, and ``mape_periods`` says how many periods it used.  If every
    demand is 0, MAPE cannot be computed and a ValueError is raised.

    Parameters
    ----------
    actual : pandas.Series
        Observed demand per period, finite numbers.
    forecast : pandas.Series
        Forecasts, e.g. from :func:`moving_average_forecast`; its index must
        be a subset of ``actual``'s.

    Returns
    -------
    dict
        ``{"periods", "bias", "mad", "mae", "mse", "rmse", "mape",
        "mape_periods"}`` (``mad == mae``; MAPE in percent).

    References
    ----------
    Chopra and Meindl, ch. 7, "Measures of forecast error".

    Examples
    --------
    >>> d = pd.Series([10, 12, 14, 11, 13])
    >>> f = pd.Series([12.0, 12.5], index=[3, 4])
    >>> r = forecast_errors(d, f)
    >>> r["bias"], r["mad"], r["mse"], round(r["mape"], 4)
    (-0.25, 0.75, 0.625, 6.4685)
    """
    d = _demand_series(actual, "actual")
    f = _demand_series(forecast, "forecast")
    missing = f.index.difference(d.index)
    if len(missing):
        raise ValueError(
            f"forecast has periods that actual does not have: {_preview(list(missing))}; "
            "every forecast period needs an actual value"
        )
    act = d.loc[f.index].to_numpy()
    err = act - f.to_numpy()
    nonzero = act != 0
    if not nonzero.any():
        raise ValueError(
            "actual is 0 in every forecast period, so MAPE (error / actual) is undefined"
        )
    mse = float(np.mean(err**2))
    mad = float(np.mean(np.abs(err)))
    return {
        "periods": len(err),
        "bias": float(np.mean(err)),
        "mad": mad,
        "mae": mad,
        "mse": mse,
        "rmse": float(np.sqrt(mse)),
        "mape": float(100.0 * np.mean(np.abs(err[nonzero]) / np.abs(act[nonzero]))),
        "mape_periods": int(nonzero.sum()),
    }


def _ma_next(x: np.ndarray, p: int) -> np.ndarray:
    """m[t] = mean(x[t-p+1..t]) once p defined values are available (NaN before; never returned).

    ``x`` may start with NaN (the periods before an upstream stage's first order).
    """
    first = int(np.argmax(np.isfinite(x)))
    m = np.full(len(x), np.nan)
    valid = x[first:]
    if len(valid) >= p:
        csum = np.concatenate(([0.0], np.cumsum(valid)))
        m[first + p - 1:] = (csum[p:] - csum[:-p]) / p
    return m


def _order_up_to(observed: np.ndarray, forecast_base: np.ndarray, lead: int, p: int) -> np.ndarray:
    """q_t = y_t - y_(t-1) + observed_t with y_t = lead * MA_p(forecast_base)_t."""
    y = lead * _ma_next(forecast_base, p)
    q = np.full(len(observed), np.nan)
    q[1:] = y[1:] - y[:-1] + observed[1:]
    return q


def simulate_bullwhip(
    demand,
    stages: int = 4,
    lead_time: int = 2,
    policy: str = "order_up_to",
    window: int = 5,
    share_demand: bool = False,
    seed: int = 0,
) -> pd.DataFrame:
    """Orders of a serial supply chain (多级供应链) facing ``demand``: the bullwhip effect.

    Stage 1 (retailer) sees end-customer demand ``D_t``; stage *k* sees the
    orders ``q^(k-1)_t`` of stage *k-1*.  Each period every stage reviews its
    inventory position and, under ``policy="order_up_to"`` (Chen et al. 2000)::

        without sharing:  mu^k_t = mean of its last `window` incoming orders
                          y^k_t = L * mu^k_t
                          q^k_t = y^k_t - y^k_(t-1) + q^(k-1)_t
        with sharing:     mu_t  = mean of the last `window` end-customer demands
                          y^k_t = k * L * mu_t      (echelon lead time L_1+...+L_k)
                          q^k_t = y^k_t - y^k_(t-1) + D_t

    with ``q^0 = D`` and ``L = lead_time``.  Under ``policy="lot_for_lot"``
    every stage passes on what it receives, ``q^k_t = q^(k-1)_t`` (the
    no-amplification baseline).  The order-up-to level has no safety stock
    (a constant safety stock shifts ``y`` but not the orders).  Orders may be
    negative (returns), as in Chen et al.; clipping them would add a
    non-linear distortion of its own.

    Stage *k* needs ``window`` periods of its input before its first order,
    so the result starts at position ``stages * window`` for every stage and
    for the demand, whether or not demand is shared: the columns are
    comparable period by period and contain no NaN.

    Parameters
    ----------
    demand : pandas.Series or int
        End-customer demand per period (finite numbers), or a number of
        periods ``n``: then i.i.d. Normal(100, 10^2) demand is drawn with
        ``numpy.random.default_rng(seed)`` and indexed 0..n-1.
    stages : int, default 4
        Number of stages (retailer, wholesaler, distributor, factory ...), >= 1.
    lead_time : int, default 2
        Replenishment lead time L of each stage in periods, >= 0.
    policy : {"order_up_to", "lot_for_lot"}
    window : int, default 5
        Moving-average length p of every stage's forecast, >= 1.
    share_demand : bool, default False
        True: every stage forecasts from end-customer (point-of-sale) demand.
    seed : int, default 0
        Seed for the generated demand (used only when ``demand`` is an int).

    Returns
    -------
    pandas.DataFrame
        Indexed by period (``demand.index[stages * window:]``), columns
        ``demand, stage_1, ..., stage_<stages>``.

    Raises
    ------
    TypeError, ValueError
        Bad demand (empty, NaN, too short: it needs more than
        ``stages * window + 1`` periods), non-integer or out-of-range
        ``stages``, ``lead_time``, ``window`` or ``seed``, or an unknown
        ``policy``.

    Notes
    -----
    Sharing demand lowers the *expected* ratio of every upstream stage
    (Chen et al.: ``1 + 2kL/p + 2(kL)^2/p^2`` against at least
    ``(1 + 2L/p + 2L^2/p^2)^k``) and leaves stage 1 unchanged.  On i.i.d.
    demand of a few hundred periods the sample ratios keep that order; on a
    strongly trending demand (e.g. a random walk) a sample can, rarely,
    reverse it at some stage, since the result is about variances, not paths.

    References
    ----------
    Lee, Padmanabhan and Whang (1997); Chen, Drezner, Ryan and Simchi-Levi
    (2000), sections 2-4.

    Examples
    --------
    >>> orders = simulate_bullwhip(200, stages=2, lead_time=1, window=4)
    >>> list(orders.columns), len(orders)
    (['demand', 'stage_1', 'stage_2'], 192)
    >>> d = pd.Series([10.0, 14, 10, 14, 10, 14])
    >>> simulate_bullwhip(d, stages=1, lead_time=1, window=2)["stage_1"].tolist()
    [10.0, 14.0, 10.0, 14.0]
    """
    k = _check_int(stages, "stages", minimum=1)
    lead = _check_int(lead_time, "lead_time", minimum=0)
    p = _check_int(window, "window", minimum=1)
    s = _check_int(seed, "seed", minimum=0)
    check_option(policy, "policy", BULLWHIP_POLICIES)
    if not isinstance(share_demand, (bool, np.bool_)):
        raise TypeError(f"share_demand must be True or False, got {share_demand!r}")
    start = k * p
    if isinstance(demand, Integral) and not isinstance(demand, bool):
        n = int(demand)
        if n < start + 2:
            raise ValueError(
                f"demand (number of periods) must be >= stages * window + 2 = {start + 2}, got {n}"
            )
        rng = np.random.default_rng(s)
        d = pd.Series(rng.normal(100.0, 10.0, n), name="demand")
    else:
        d = _demand_series(demand)
        if len(d) < start + 2:
            raise ValueError(
                f"demand has {len(d)} periods; stages * window + 2 = {start + 2} are needed "
                "(each stage needs `window` periods of history, and a variance needs 2 periods)"
            )
    x = d.to_numpy()
    cols = {"demand": x}
    incoming = x
    for stage in range(1, k + 1):
        if policy == "lot_for_lot":
            q = incoming.copy()
        elif share_demand:
            q = _order_up_to(x, x, stage * lead, p)
        else:
            q = _order_up_to(incoming, incoming, lead, p)
        cols[f"stage_{stage}"] = q
        incoming = q
    out = pd.DataFrame(cols, index=d.index).iloc[start:]
    out.index.name = d.index.name or "period"
    return out


def bullwhip_ratios(orders: pd.DataFrame) -> pd.Series:
    """Bullwhip ratio of each stage: Var(orders of the stage) / Var(end demand).

    ::

        ratio_k = Var(q^k) / Var(D)       (sample variances, ddof=1)

    A ratio above 1 means the stage amplifies demand variability.

    Parameters
    ----------
    orders : pandas.DataFrame
        A :func:`simulate_bullwhip` result: column ``demand`` and one column
        per stage, at least 2 rows, finite numbers; demand not constant.

    Returns
    -------
    pandas.Series
        Ratio per stage column, named ``"bullwhip_ratio"``.

    References
    ----------
    Chen et al. (2000), eq. (3); Lee, Padmanabhan and Whang (1997).

    Examples
    --------
    >>> orders = pd.DataFrame({"demand": [1.0, 3.0], "stage_1": [0.0, 4.0]})
    >>> bullwhip_ratios(orders).tolist()
    [4.0]
    """
    if not isinstance(orders, pd.DataFrame):
        raise TypeError(f"orders must be a pandas DataFrame, got {type(orders).__name__}")
    if "demand" not in orders.columns:
        raise ValueError(f"orders is missing column 'demand'; it has {_preview(orders.columns, 12)}")
    stage_cols = [c for c in orders.columns if c != "demand"]
    if not stage_cols:
        raise ValueError("orders has no stage column besides 'demand'")
    if len(orders) < 2:
        raise ValueError(f"orders needs at least 2 periods for a variance, got {len(orders)}")
    values = {}
    for c in orders.columns:
        values[c] = as_numeric_series(orders[c].reset_index(drop=True), f"orders[{c!r}]")
    var_d = float(values["demand"].var(ddof=1))
    if var_d == 0:
        raise ValueError("orders['demand'] is constant (variance 0); the ratio is undefined")
    ratios = [float(values[c].var(ddof=1)) / var_d for c in stage_cols]
    return pd.Series(ratios, index=pd.Index(stage_cols, name="stage"), name="bullwhip_ratio")


def bullwhip_lower_bound(lead_time: int, window: int, stages: int = 1, share_demand: bool = False) -> pd.Series:
    """Chen et al. (2000) lower bound of the bullwhip ratio at each stage.

    For a moving-average forecaster with ``p = window`` periods and lead time
    ``L`` at every stage::

        one stage:         Var(q)/Var(D) >= 1 + 2L/p + 2L^2/p^2
        k stages, shared:  >= 1 + 2kL/p + 2(kL)^2/p^2
        k stages, not shared:  >= (1 + 2L/p + 2L^2/p^2)^k

    For i.i.d. demand and no safety stock the simulation of
    :func:`simulate_bullwhip` attains the one-stage and the shared-demand
    values in expectation; without sharing, stages 2, 3, ... lie above the
    bound, because the orders they receive are autocorrelated.

    Examples
    --------
    >>> bullwhip_lower_bound(2, 5).tolist()
    [2.12]
    >>> bullwhip_lower_bound(1, 2, stages=2, share_demand=True).tolist()
    [2.5, 5.0]
    """
    lead = _check_int(lead_time, "lead_time", minimum=0)
    p = _check_int(window, "window", minimum=1)
    k = _check_int(stages, "stages", minimum=1)
    if not isinstance(share_demand, (bool, np.bool_)):
        raise TypeError(f"share_demand must be True or False, got {share_demand!r}")
    one = 1 + 2 * lead / p + 2 * lead**2 / p**2
    ks = np.arange(1, k + 1)
    if share_demand:
        vals = 1 + 2 * ks * lead / p + 2 * (ks * lead) ** 2 / p**2
    else:
        vals = one**ks
    return pd.Series(vals, index=pd.Index([f"stage_{i}" for i in ks], name="stage"), name="lower_bound")


def risk_matrix(risks, likelihood, impact) -> pd.DataFrame:
    """Supply-risk matrix (风险矩阵): score = likelihood x impact, with its level.

    Likelihood (可能性) and impact (影响) are rated on 1-5 scales; the score
    1..25 falls in a band::

        score  1-4   low       (accept, monitor)
               5-9   medium    (reduce where cheap)
              10-16  high      (mitigate: diversify, contracts, emergency stock)
              20-25  extreme   (act now; products 17-19 cannot occur)

    Parameters
    ----------
    risks : sequence of str
        Distinct risk names (e.g. "supplier bankruptcy").
    likelihood, impact : sequence of int
        Ratings 1..5, one per risk, in the order of ``risks``.

    Returns
    -------
    pandas.DataFrame
        Indexed by risk (input order), columns ``likelihood, impact, score,
        level``; ``level`` is an ordered categorical low < medium < high < extreme.

    References
    ----------
    The 5 x 5 likelihood-consequence matrix of AS/NZS 4360:2004 / ISO 31000
    practice, as used for supply risk in seed [004] G.6 (风险识别和评估).

    Examples
    --------
    >>> m = risk_matrix(["weather", "supplier bankruptcy"], [4, 2], [3, 5])
    >>> m[["score", "level"]].values.tolist()
    [[12, 'high'], [10, 'high']]
    """
    if isinstance(risks, str) or not isinstance(risks, (Sequence, pd.Index, pd.Series, np.ndarray)):
        raise TypeError(f"risks must be a sequence of risk names, got {risks!r}")
    names = list(risks)
    if not names:
        raise ValueError("risks is empty; it needs at least one risk")
    if len(set(names)) != len(names):
        dup = sorted({str(r) for r in names if names.count(r) > 1})
        raise ValueError(f"risks has duplicate names: {_preview(dup)}; names must be unique")
    ratings = {}
    for arg, vals in (("likelihood", likelihood), ("impact", impact)):
        arr = as_number_array(vals, arg, interval="[1, 5]")
        if arr.ndim != 1 or len(arr) != len(names):
            raise ValueError(f"{arg} must hold one rating per risk ({len(names)}), got {vals!r}")
        if (arr != np.round(arr)).any():
            raise ValueError(f"{arg} must be whole numbers 1..5, got {_preview(arr[arr != np.round(arr)].tolist())}")
        ratings[arg] = arr.astype(int)
    score = ratings["likelihood"] * ratings["impact"]
    uppers = [u for _, u in RISK_LEVELS]
    labels = [name for name, _ in RISK_LEVELS]
    codes = np.searchsorted(uppers, score, side="left")
    return pd.DataFrame(
        {
            "likelihood": ratings["likelihood"],
            "impact": ratings["impact"],
            "score": score,
            "level": pd.Categorical.from_codes(codes, categories=labels, ordered=True),
        },
        index=pd.Index(names, name="risk"),
    )


# ==========================================================================
# The course's demand data (需求数据): period demand of the appliance distributor
# ==========================================================================
def _check_freq(freq) -> str:
    if not isinstance(freq, str):
        raise TypeError(f"freq must be a pandas frequency string such as '7D', 'W' or 'MS', got {freq!r}")
    try:
        pd.tseries.frequencies.to_offset(freq)
    except ValueError:
        raise ValueError(f"freq must be a pandas frequency string such as '7D', 'W' or 'MS', got {freq!r}") from None
    return freq


def demand_series(order_lines: pd.DataFrame, *, date: str = "order_date", quantity: str = "quantity", by=None,
                  freq: str = "7D"):
    """Demand per period (units ordered) from order lines, every period present.

    The order lines are summed per period of ``freq`` (and per value of the
    column ``by``); periods without orders are kept with demand 0, because a
    forecast must see the quiet weeks too.  With a fixed-length ``freq`` such
    as ``"7D"`` the periods start at the first order date (so a year of 364
    days gives 52 whole weeks); calendar frequencies (``"W"``, ``"MS"``) use
    pandas' usual anchors, and their first and last periods may be partial.

    Parameters
    ----------
    order_lines : pandas.DataFrame
        One row per order line with the columns named by ``date`` (dates, no
        missing values), ``quantity`` (numbers >= 0) and ``by`` if given.
    date, quantity : str
        Column names.
    by : str, optional
        Column to split the demand by (e.g. ``"category"``); no missing values.
    freq : str, default "7D"
        Pandas frequency of the periods.

    Returns
    -------
    pandas.Series or pandas.DataFrame
        ``by=None``: a Series named ``"demand"`` indexed by period start
        (index name ``"period"``).  Otherwise a DataFrame with one column per
        value of ``by`` (sorted).  The total always equals the sum of
        ``quantity``.

    Raises
    ------
    TypeError, ValueError
        Not a DataFrame, missing columns, missing or unparseable dates,
        quantities that are not finite numbers >= 0, missing ``by`` values,
        or an unknown ``freq``.

    Examples
    --------
    >>> lines = pd.DataFrame({"order_date": pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-16"]),
    ...                       "quantity": [3, 2, 4]})
    >>> demand_series(lines).tolist()
    [5.0, 0.0, 4.0]
    """
    check_column_args(order_lines, "order_lines", date=date, quantity=quantity, **({} if by is None else {"by": by}))
    _check_freq(freq)
    when = order_lines[date]
    if when.isna().any():
        raise ValueError(f"order_lines[{date!r}] has missing dates at rows {_preview(list(order_lines.index[when.isna()]))}")
    try:
        when = pd.DatetimeIndex(pd.to_datetime(when))
    except (ValueError, TypeError):
        raise ValueError(f"order_lines[{date!r}] must hold dates (e.g. 2025-01-01)") from None
    qty = as_numeric_series(order_lines[quantity].reset_index(drop=True), f"order_lines[{quantity!r}]",
                            nonnegative=True)
    day = when.normalize()
    if by is None:
        keys = pd.Series("demand", index=qty.index)
    else:
        keys = order_lines[by].reset_index(drop=True)
        if keys.isna().any():
            raise ValueError(f"order_lines[{by!r}] has missing values; every line needs a {by}")
    daily = qty.groupby([np.asarray(day), keys.to_numpy()]).sum().unstack(fill_value=0.0)
    daily = daily.reindex(pd.date_range(day.min(), day.max(), freq="D"), fill_value=0.0)
    offset = pd.tseries.frequencies.to_offset(freq)
    tick = isinstance(offset, pd.offsets.Tick)  # fixed length: anchor the periods at the first date
    out = (daily.resample(freq, origin="start") if tick else daily.resample(freq)).sum().astype(float)
    out.index.name = "period"
    out.columns.name = by
    if by is None:
        return out["demand"].rename("demand")
    return out[sorted(out.columns)]


def distributor_demand(distributor=None, *, by: str | None = "category", freq: str = "7D"):
    """Weekly demand (units) of the course's appliance distributor, by product category.

    The order lines of :func:`scm_course.data.load_distributor` joined to
    their products' ``category`` and summed with :func:`demand_series`: one
    year of orders gives 52 weeks, each starting on a Wednesday (the first
    order date, 2025-01-01).

    Parameters
    ----------
    distributor : dict of DataFrame, optional
        ``{"products", "order_lines", ...}`` as returned by
        :func:`scm_course.data.load_distributor` (loaded if None).
    by : str or None, default "category"
        A column of ``products`` (``"category"``, ``"product_id"`` ...) or
        None for the total demand.
    freq : str, default "7D"
        Period length, as in :func:`demand_series`.

    Returns
    -------
    pandas.DataFrame or pandas.Series
        Units per period (and per ``by`` value).
    """
    if distributor is None:
        from .data import load_distributor

        distributor = load_distributor()
    if not isinstance(distributor, dict) or "order_lines" not in distributor or "products" not in distributor:
        raise TypeError("distributor must be a dict with 'products' and 'order_lines' "
                        "(as returned by scm_course.data.load_distributor)")
    lines = distributor["order_lines"]
    if by is not None and by not in lines.columns:
        products = check_columns(distributor["products"], ["product_id"], "distributor['products']")
        check_column_args(products, "distributor['products']", by=by)
        check_columns(lines, ["product_id"], "distributor['order_lines']")
        lookup = products.set_index("product_id")[by]
        unknown = ~lines["product_id"].isin(lookup.index)
        if unknown.any():
            raise ValueError(f"order_lines name products that products does not list: "
                             f"{_preview(lines.loc[unknown, 'product_id'].unique())}")
        lines = lines.assign(**{by: lines["product_id"].map(lookup).to_numpy()})
    return demand_series(lines, by=by, freq=freq)


# ==========================================================================
# Performance management (供应链绩效管理): the KPI scorecard (KPI 记分卡)
# ==========================================================================
#: The four perspectives of the supply-chain KPI system in seed [004] G.7:
#: cost (成本), efficiency (效率), quality (质量), customer satisfaction (客户满意度).
KPI_PERSPECTIVES = ("cost", "efficiency", "quality", "customer_satisfaction")
#: Whether a higher or a lower actual value is better.
KPI_DIRECTIONS = ("higher", "lower")
#: Status bands of a KPI (and of a perspective / the whole scorecard), worst first.
KPI_STATUSES = ("act", "watch", "met")
KPI_COLUMNS = ("kpi", "perspective", "actual", "target", "direction", "weight")


def _status(values: np.ndarray, watch: float) -> pd.Categorical:
    codes = np.where(values >= 1.0, 2, np.where(values >= watch, 1, 0))
    return pd.Categorical.from_codes(codes, categories=list(KPI_STATUSES), ordered=True)


def kpi_scorecard(kpis: pd.DataFrame, *, watch: float = 0.9, cap: float | None = 1.2) -> dict:
    """Score supply-chain KPIs against their targets (绩效评价 / KPI 记分卡).

    Each KPI's **achievement** (达成率) compares the actual value with the
    target so that 1.0 means "on target" and more is better, whatever the
    direction of the KPI::

        direction "higher" (e.g. on-time rate):    a = actual / target
        direction "lower"  (e.g. cycle time, cost): a = target / actual

    (``a = inf`` for a lower-is-better KPI at 0, e.g. no complaints at all.)
    The KPI's **score** is its achievement capped at ``cap``, so a KPI far
    above target cannot hide another far below it: ``s = min(a, cap)``
    (default cap 1.2, i.e. credit up to 120 % of target).  Status bands,
    on the achievement (KPIs) or on the score (perspectives, overall)::

        met    a >= 1          watch   watch <= a < 1          act   a < watch

    Perspective scores and the overall score are weighted means of the KPI
    scores, ``S = sum(w_i s_i) / sum(w_i)``, so a perspective's weight in the
    overall score is the sum of its KPIs' weights (``weight_share`` columns
    show the normalised weights, which sum to 1).

    Parameters
    ----------
    kpis : pandas.DataFrame
        One row per KPI with columns ``kpi`` (unique names), ``perspective``
        (one of :data:`KPI_PERSPECTIVES`), ``actual`` (finite, >= 0),
        ``target`` (finite, > 0), ``direction`` (``"higher"`` or ``"lower"``)
        and ``weight`` (finite, >= 0, not all 0; every perspective listed
        needs a KPI with weight > 0).  Other columns (e.g. ``unit``) are kept.
    watch : float, default 0.9
        Lower edge of the "watch" band, in (0, 1).
    cap : float or None, default 1.2
        Highest score a KPI can earn (>= 1); None for no cap (then every
        achievement must be finite).

    Returns
    -------
    dict
        ``"kpis"``: the input indexed by ``kpi`` plus ``weight_share,
        achievement, score, status``; ``"perspectives"``: indexed by
        perspective (in :data:`KPI_PERSPECTIVES` order) with ``kpis, weight,
        weight_share, score, status``; ``"overall"``: the overall score
        (float) and ``"status"``: its band (str).  Statuses are ordered
        categoricals act < watch < met.

    Raises
    ------
    TypeError, ValueError
        Missing columns, duplicate or empty KPI names, unknown perspectives
        or directions, non-finite or out-of-range numbers (the message names
        the KPI), a perspective whose weights are all 0, ``watch`` outside
        (0, 1), ``cap`` < 1, or an infinite achievement with ``cap=None``.

    References
    ----------
    Kaplan, R. S. and Norton, D. P. (1992), "The balanced scorecard --
    measures that drive performance", *Harvard Business Review* 70(1), 71-79
    (several perspectives, each with a few measures and targets).
    APICS/ASCM, *SCOR model* (performance attributes reliability,
    responsiveness, agility, cost, asset management efficiency; perfect
    order fulfilment, order fulfilment cycle time).  Seed [004] G.7:
    cost, efficiency, quality and customer satisfaction.

    Examples
    --------
    >>> k = pd.DataFrame({"kpi": ["on_time", "cycle_hours"], "perspective": ["efficiency", "efficiency"],
    ...                   "actual": [0.9, 40.0], "target": [0.95, 48.0], "direction": ["higher", "lower"],
    ...                   "weight": [1.0, 1.0]})
    >>> card = kpi_scorecard(k)
    >>> card["kpis"]["achievement"].round(4).tolist(), card["kpis"]["status"].tolist()
    ([0.9474, 1.2], ['watch', 'met'])
    >>> round(card["overall"], 4), card["status"]
    (1.0737, 'met')
    """
    check_columns(kpis, KPI_COLUMNS, "kpis")
    if np.ndim(watch) != 0:
        raise TypeError(f"watch must be a single number in (0, 1), got {watch!r}")
    w_edge = float(as_number_array(watch, "watch", interval="(0, 1)"))
    if cap is not None:
        if np.ndim(cap) != 0:
            raise TypeError(f"cap must be a single number >= 1 or None, got {cap!r}")
        cap = float(as_number_array(cap, "cap", interval="[1, inf)"))
    names = kpis["kpi"]
    if names.isna().any() or not all(isinstance(n, str) and n.strip() for n in names):
        raise ValueError("kpis['kpi'] must hold a non-empty name for every KPI")
    if names.duplicated().any():
        raise ValueError(f"kpis['kpi'] has duplicate names: {_preview(names[names.duplicated()].unique())}")
    frame = kpis.set_index("kpi")
    for col, allowed in (("perspective", KPI_PERSPECTIVES), ("direction", KPI_DIRECTIONS)):
        bad = ~frame[col].isin(allowed)
        if bad.any():
            raise ValueError(f"kpis[{col!r}] must be one of {list(allowed)}; got {_preview(frame.loc[bad, col].tolist())} "
                             f"for KPI {_preview(frame.index[bad])}")
    actual = as_numeric_series(frame["actual"], "kpis['actual'] (by KPI)", nonnegative=True)
    target = as_numeric_series(frame["target"], "kpis['target'] (by KPI)", positive=True)
    weight = as_numeric_series(frame["weight"], "kpis['weight'] (by KPI)", nonnegative=True, not_all_zero=True)
    higher = (frame["direction"] == "higher").to_numpy()
    with np.errstate(divide="ignore"):
        achievement = np.where(higher, actual / target, target / actual.where(actual > 0, 0.0))
    if cap is None:
        if np.isinf(achievement).any():
            raise ValueError(f"KPI {_preview(frame.index[np.isinf(achievement)])} is lower-is-better with actual 0, so "
                             "its achievement is infinite; give a cap (e.g. cap=1.2)")
        score = achievement
    else:
        score = np.minimum(achievement, cap)
    w = weight.to_numpy()
    out = frame.copy()
    out["actual"], out["target"], out["weight"] = actual, target, weight
    out["weight_share"] = w / w.sum()
    out["achievement"] = achievement
    out["score"] = score
    out["status"] = _status(achievement, w_edge)

    rows = []
    for p in KPI_PERSPECTIVES:
        mask = (out["perspective"] == p).to_numpy()
        if not mask.any():
            continue
        wp = w[mask]
        if wp.sum() == 0:
            raise ValueError(f"perspective {p!r} has only KPIs with weight 0 ({_preview(out.index[mask])}); "
                             "give one of them a weight > 0 or leave the perspective out")
        rows.append((p, int(mask.sum()), float(wp.sum()), float(wp @ score[mask] / wp.sum())))
    persp = pd.DataFrame(rows, columns=["perspective", "kpis", "weight", "score"]).set_index("perspective")
    persp.insert(2, "weight_share", persp["weight"] / persp["weight"].sum())
    persp["status"] = _status(persp["score"].to_numpy(), w_edge)
    overall = float(w @ score / w.sum())
    return {"kpis": out, "perspectives": persp, "overall": overall,
            "status": str(_status(np.array([overall]), w_edge)[0])}


#: The distributor's KPIs (the chapter's scorecard): kpi -> (perspective,
#: direction, unit, target, weight).  Targets are management choices: cost
#: ratios from the budget, 95 % on time and a 2-day (48 h) order cycle as
#: promised to dealers, a 90 % perfect-order rate (a common SCOR benchmark
#: level), ticket satisfaction of 4 on the 1-5 scale, at most 5 complaints
#: per 100 orders.  Equal weights: each perspective counts 25 %.
DISTRIBUTOR_KPIS = {
    "cogs_ratio": ("cost", "lower", "share of revenue", 0.85, 1.0),
    "discount_rate": ("cost", "lower", "share of list price", 0.05, 1.0),
    "order_cycle_hours": ("efficiency", "lower", "hours (median)", 48.0, 1.0),
    "on_time_delivery": ("efficiency", "higher", "share of orders", 0.95, 1.0),
    "perfect_order_rate": ("quality", "higher", "share of orders", 0.90, 1.0),
    "error_free_rate": ("quality", "higher", "share of orders", 0.98, 1.0),
    "ticket_satisfaction": ("customer_satisfaction", "higher", "mean score 1-5", 4.0, 1.0),
    "complaints_per_100_orders": ("customer_satisfaction", "lower", "complaints per 100 orders", 5.0, 1.0),
}
#: Ticket categories counted as complaints (投诉); questions and installation requests are not.
COMPLAINT_CATEGORIES = ("delivery_delay", "damaged_goods", "wrong_item", "billing")


def distributor_kpis(distributor=None, fulfilment=None, tickets=None, *, targets=None) -> pd.DataFrame:
    """The appliance distributor's actual KPI values, ready for :func:`kpi_scorecard`.

    Computed from the course data (one year)::

        cogs_ratio                 = sum(cost) / sum(revenue)                 (order_lines)
        discount_rate              = 1 - sum(revenue) / sum(quantity * unit_price)
        order_cycle_hours          = median of delivered_at - placed_at        (fulfilment, service.order_cycle)
        on_time_delivery           = share of orders delivered by the promised date (service.order_metrics)
        perfect_order_rate         = share on time, in full and error free      (service.order_metrics)
        error_free_rate            = share without invoice or damage error     (service.order_metrics)
        ticket_satisfaction        = mean satisfaction (1-5) of closed tickets (crm service_tickets)
        complaints_per_100_orders  = 100 * complaint tickets / orders          (COMPLAINT_CATEGORIES)

    Parameters
    ----------
    distributor : dict of DataFrame, optional
        :func:`scm_course.data.load_distributor` (loaded if None).
    fulfilment : pandas.DataFrame, optional
        :func:`scm_course.data.load_fulfilment` (loaded if None).
    tickets : pandas.DataFrame, optional
        ``service_tickets`` of :func:`scm_course.crm.crm_tables` (built from
        ``distributor`` if None).
    targets : mapping, optional
        kpi -> (perspective, direction, unit, target, weight); default
        :data:`DISTRIBUTOR_KPIS`.  Must name exactly the eight KPIs above.

    Returns
    -------
    pandas.DataFrame
        Columns ``kpi, perspective, actual, target, direction, weight, unit``,
        one row per KPI in the order of ``targets``.
    """
    from . import crm, service
    from .data import load_distributor, load_fulfilment

    spec = DISTRIBUTOR_KPIS if targets is None else targets
    if not isinstance(spec, dict) or set(spec) != set(DISTRIBUTOR_KPIS):
        raise ValueError(f"targets must be a dict naming exactly the KPIs {list(DISTRIBUTOR_KPIS)}")
    tables = load_distributor() if distributor is None else distributor
    if not isinstance(tables, dict) or "order_lines" not in tables or "products" not in tables:
        raise TypeError("distributor must be a dict with 'products' and 'order_lines' "
                        "(as returned by scm_course.data.load_distributor)")
    orders = load_fulfilment() if fulfilment is None else fulfilment
    check_columns(orders, [*service.ORDER_COLUMNS, "placed_at", "delivered_at"], "fulfilment")
    try:  # the service functions call the table "orders"
        metrics = service.order_metrics(orders)
        cycle_hours = float(service.order_cycle(orders)["total"].median())
    except (TypeError, ValueError) as err:
        raise type(err)(f"fulfilment: {err}") from None
    if tickets is None:
        tickets = crm.crm_tables(tables)["service_tickets"]
    lines = check_columns(tables["order_lines"], ["product_id", "quantity", "revenue", "cost"],
                          "distributor['order_lines']")
    price = check_columns(tables["products"], ["product_id", "unit_price"], "distributor['products']") \
        .set_index("product_id")["unit_price"]
    revenue = float(lines["revenue"].sum())
    if revenue <= 0:
        raise ValueError("distributor['order_lines'] has no revenue; the cost ratios need revenue > 0")
    list_value = float((lines["quantity"] * lines["product_id"].map(price)).sum())
    check_columns(tickets, ["category", "status", "satisfaction"], "tickets")
    closed = tickets.loc[tickets["status"] == "closed", "satisfaction"].dropna()  # not every ticket is rated
    if closed.empty:
        raise ValueError("tickets has no closed ticket with a satisfaction score")
    score = as_numeric_series(closed.reset_index(drop=True), "tickets['satisfaction']")
    if ((score < 1) | (score > 5)).any():
        raise ValueError(f"tickets['satisfaction'] must be scores on the 1-5 scale, got {_preview(score[(score < 1) | (score > 5)].tolist())}")
    actual = {
        "cogs_ratio": float(lines["cost"].sum()) / revenue,
        "discount_rate": 1.0 - revenue / list_value,
        "order_cycle_hours": cycle_hours,
        "on_time_delivery": metrics["on_time"],
        "perfect_order_rate": metrics["perfect_order"],
        "error_free_rate": metrics["error_free"],
        "ticket_satisfaction": float(score.mean()),
        "complaints_per_100_orders": 100.0 * float(tickets["category"].isin(COMPLAINT_CATEGORIES).sum()) / len(orders),
    }
    rows = [(k, p, actual[k], target, d, weight, unit) for k, (p, d, unit, target, weight) in spec.items()]
    return pd.DataFrame(rows, columns=[*KPI_COLUMNS, "unit"])


# ==========================================================================
# Forecasting on the course data: one entry point, and the error per parameter
# ==========================================================================
#: Forecast methods of :func:`forecast` and :func:`forecast_error_curve`.
FORECAST_METHODS = ("moving_average", "exponential_smoothing")


def forecast(demand, method: str, *, window: int = 4, alpha: float = 0.3) -> pd.Series:
    """One-step-ahead forecast by ``method``: :func:`moving_average_forecast` (with ``window``)
    or :func:`exponential_smoothing_forecast` (with ``alpha``, starting at the first demand).

    Examples
    --------
    >>> d = pd.Series([100.0, 110, 90, 105])
    >>> forecast(d, "exponential_smoothing", alpha=0.5).tolist()
    [100.0, 100.0, 105.0, 97.5]
    >>> forecast(d, "moving_average", window=2).tolist()
    [105.0, 100.0]
    """
    check_option(method, "method", FORECAST_METHODS)
    _check_int(window, "window", minimum=1)  # both checked: a bad value is an error even where unused
    _check_alpha(alpha)
    if method == "moving_average":
        return moving_average_forecast(demand, window)
    return exponential_smoothing_forecast(demand, alpha)


def forecast_error_curve(demand, method: str, values, *, evaluate_from: int = 0) -> pd.DataFrame:
    """Error measures of a forecast method for each value of its parameter.

    For every window (moving average) or smoothing constant (exponential
    smoothing) in ``values`` the forecast is made with :func:`forecast` and
    scored with :func:`forecast_errors` over the periods at positions
    ``>= evaluate_from``.  Give every method and parameter the same
    ``evaluate_from`` (at least the largest window) to compare them on the
    same periods.

    Parameters
    ----------
    demand : pandas.Series
        Demand per period.
    method : {"moving_average", "exponential_smoothing"}
    values : sequence
        Windows (integers, each < ``evaluate_from`` or < len(demand)) or
        smoothing constants in (0, 1]; distinct.
    evaluate_from : int, default 0
        Position of the first period scored (0 = every forecast period).

    Returns
    -------
    pandas.DataFrame
        Indexed by parameter value (``"window"`` or ``"alpha"``), columns
        ``periods, bias, mad, mse, rmse, mape``.

    Examples
    --------
    >>> d = pd.Series([10.0, 12, 14, 11, 13])
    >>> forecast_error_curve(d, "moving_average", [1, 2], evaluate_from=2)["mad"].round(3).tolist()
    [2.333, 1.833]
    """
    check_option(method, "method", FORECAST_METHODS)
    d = _demand_series(demand)
    start = _check_int(evaluate_from, "evaluate_from", minimum=0)
    if start >= len(d):
        raise ValueError(f"evaluate_from must be smaller than the number of periods ({len(d)}), got {start}")
    try:
        vals = list(values) if not isinstance(values, str) else None
    except TypeError:
        raise TypeError(f"values must be a sequence of parameter values, got {values!r}") from None
    if not vals:
        raise ValueError(f"values must be a non-empty sequence of parameter values, got {values!r}")
    for i, v in enumerate(vals):
        if method == "moving_average":
            _check_int(v, f"values[{i}] (a window)", minimum=1)
        else:
            _check_alpha(v, f"values[{i}] (an alpha)")
    if len(set(vals)) != len(vals):
        raise ValueError(f"values must be distinct, got {values!r}")
    scored = d.index[start:]
    rows = []
    for v in vals:
        f = forecast(d, method, **({"window": v} if method == "moving_average" else {"alpha": v}))
        f = f[f.index.isin(scored)]  # never empty: the last period is always forecast and scored
        e = forecast_errors(d, f)
        rows.append({k: e[k] for k in ("periods", "bias", "mad", "mse", "rmse", "mape")})
    name = "window" if method == "moving_average" else "alpha"
    return pd.DataFrame(rows, index=pd.Index(vals, name=name))


def equivalent_alpha(window):
    """Smoothing constant whose forecast uses data of the same average age as a moving average.

    ::

        alpha = 2 / (window + 1)

    A moving average of N periods weighs data that are on average (N - 1)/2
    periods old, exponential smoothing data (1 - alpha)/alpha periods old;
    equal ages give the relation above (Brown 1963), so N = 1 matches
    alpha = 1 (the naive forecast) and N = 12 about alpha = 0.15.

    References
    ----------
    Brown, R. G. (1963), *Smoothing, Forecasting and Prediction of Discrete
    Time Series*, Prentice-Hall; Hyndman and Athanasopoulos, *Forecasting:
    Principles and Practice*, on simple exponential smoothing.

    Examples
    --------
    >>> equivalent_alpha(3), equivalent_alpha([1, 9]).tolist()
    (0.5, [1.0, 0.2])
    """
    arr = as_number_array(window, "window", interval="[1, inf)")
    if (arr != np.round(arr)).any():
        raise ValueError(f"window must be whole numbers >= 1, got {window!r}")
    out = 2.0 / (arr + 1.0)
    return float(out) if out.ndim == 0 else out


def next_period_forecast(demand, method: str, *, window: int = 4, alpha: float = 0.3) -> float:
    """The forecast for the period after the last one observed.

    ::

        moving average:         F_(n+1) = (D_n + ... + D_(n-window+1)) / window
        exponential smoothing:  F_(n+1) = alpha * D_n + (1 - alpha) * F_n

    with F_n from :func:`exponential_smoothing_forecast` (started at D_1).

    Examples
    --------
    >>> d = pd.Series([100.0, 110, 90, 105])
    >>> next_period_forecast(d, "exponential_smoothing", alpha=0.5)
    101.25
    >>> next_period_forecast(d, "moving_average", window=2)
    97.5
    """
    check_option(method, "method", FORECAST_METHODS)
    d = _demand_series(demand)
    _check_int(window, "window", minimum=1)  # both checked: a bad value is an error even where unused
    _check_alpha(alpha)
    if method == "moving_average":
        p = _check_int(window, "window", minimum=1)
        if p > len(d):
            raise ValueError(f"window must be at most the number of demand periods ({len(d)}), got {p}")
        return float(d.iloc[-p:].mean())
    f = exponential_smoothing_forecast(d, alpha)
    a = float(alpha)
    return float(a * d.iloc[-1] + (1.0 - a) * f.iloc[-1])


#: The distributor's supply-risk register (风险登记册) for the risk matrix:
#: risk -> (likelihood 1-5, impact 1-5, response strategy, action).  Ratings
#: are the chapter's judgement for a regional appliance distributor; the
#: responses follow seed [004] G.6: early warning (预警), diversification
#: (分散) and transfer (转移), plus reduction (contingency stock, contracts).
DISTRIBUTOR_RISKS = {
    "Chip shortage stops inverter AC supply": (4, 5, "diversification", "second source; buffer stock of inverter models"),
    "Heatwave: AC demand outruns stock": (4, 3, "early_warning", "weather-linked forecasts; pre-season build-up"),
    "Key supplier plant shutdown": (2, 5, "diversification", "second supplier per category; long-term contracts"),
    "Typhoon or flood closes the warehouse": (2, 4, "transfer", "property and cargo insurance; backup site"),
    "Carrier capacity short in peak season": (3, 3, "reduction", "capacity contracts with two carriers"),
    "Dealer insolvency (bad debt)": (3, 3, "transfer", "credit limits; trade-credit insurance"),
    "Copper and steel prices push up purchase cost": (4, 2, "transfer", "price-adjustment clauses; forward buying"),
    "EDI / order system outage": (2, 3, "reduction", "failover server; manual order fallback"),
    "Product recall of a defective batch": (1, 5, "transfer", "supplier liability clauses; traceability by lot"),
    "Counterfeits in the e-commerce channel": (2, 2, "early_warning", "authorised-seller monitoring"),
}


def distributor_risk_matrix() -> pd.DataFrame:
    """:func:`risk_matrix` of :data:`DISTRIBUTOR_RISKS`, with each risk's ``strategy`` and ``action``.

    Sorted by score (highest first), ties in register order.
    """
    names = list(DISTRIBUTOR_RISKS)
    lik, imp, strategy, action = zip(*DISTRIBUTOR_RISKS.values())
    out = risk_matrix(names, list(lik), list(imp)).assign(strategy=list(strategy), action=list(action))
    return out.sort_values("score", ascending=False, kind="stable")
