"""Counting customers: "buy till you die" models on a transaction log.

For a business whose customers can leave silently (no contract ends), the
question "who is still a customer, and what will they buy?" is answered from
each customer's purchase history alone, summarised as

* ``frequency`` x -- number of **repeat** purchases (distinct purchase days
  after the first);
* ``recency`` t_x -- time from the first to the last purchase;
* ``T`` -- time from the first purchase to the end of observation;
* ``monetary_value`` -- mean spend of the repeat purchase days.

The **BG/NBD** model (Fader, Hardie & Lee 2005a): while alive, a customer buys
at Poisson rate lambda ~ Gamma(r, alpha); after each repeat purchase they die
(leave) with probability p ~ Beta(a, b).  The **Gamma-Gamma** model (Fader,
Hardie & Lee 2005b): each purchase's spend is Gamma(p, nu) with nu ~
Gamma(q, v) across customers, independent of the purchase process.  Both are
fitted here by maximum likelihood with their closed-form likelihoods and
analytic gradients (numpy/scipy only).

References
----------
Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005a), "'Counting your
    customers' the easy way: an alternative to the Pareto/NBD model",
    *Marketing Science* 24(2), 275-284 (eqs. 6, 10 and the P(alive) formula;
    CDNOW estimates r=0.243, alpha=4.414, a=0.793, b=2.426, LL=-9582.4).
Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005b), "RFM and CLV: using
    iso-value curves for customer base analysis", *Journal of Marketing
    Research* 42(4), 415-430 (the Gamma-Gamma spend model).
Fader, P. S. and Hardie, B. G. S. (2013), "The Gamma-Gamma model of monetary
    value", note at brucehardie.com (CDNOW: p=6.25, q=3.74, v=15.44).
"""
from __future__ import annotations

from numbers import Real

import numpy as np
import pandas as pd
from scipy import special

from .._validation import as_timestamp, check_column_args, check_columns, check_option, check_seed

__all__ = [
    "summarize_transactions",
    "calibration_holdout",
    "bgnbd_log_likelihood",
    "fit_bgnbd",
    "bgnbd_p_alive",
    "bgnbd_expected_purchases",
    "bgnbd_expected_repeat_purchases",
    "simulate_bgnbd",
    "gamma_gamma_log_likelihood",
    "fit_gamma_gamma",
    "gamma_gamma_expected_spend",
    "clv_bgnbd",
]

#: Length of one time unit in days.
_UNIT_DAYS = {"D": 1.0, "W": 7.0}
_BGNBD = ("r", "alpha", "a", "b")
_GG = ("p", "q", "v")


# --------------------------------------------------------------------------
# validation
# --------------------------------------------------------------------------
def _as_dates(values, name: str) -> np.ndarray:
    """Day numbers (int64 days since 1970-01-01) of a date column; clear error if unparseable."""
    s = values
    if not pd.api.types.is_datetime64_any_dtype(s):
        parsed = pd.to_datetime(s, errors="coerce")
        bad = parsed.isna().to_numpy()
        if bad.any():
            i = int(np.argmax(bad))
            raise ValueError(f"column {name!r} must hold dates; cannot read {s.iloc[i]!r} (row {i})")
        s = parsed
    elif s.isna().any():
        i = int(np.argmax(s.isna().to_numpy()))
        raise ValueError(f"column {name!r} has a missing date at row {i}")
    if getattr(s.dt, "tz", None) is not None:
        s = s.dt.tz_localize(None)
    return s.to_numpy().astype("datetime64[D]").astype(np.int64)


def _as_day(value, name: str) -> int:
    stamp = as_timestamp(value, name)
    return int(np.datetime64(stamp.tz_localize(None) if stamp.tz else stamp, "D").astype(np.int64))


def _codes(values: pd.Series, name: str):
    """Sorted customer ids and each row's code into them (fast path for small non-negative ints)."""
    if values.isna().any():
        i = int(np.argmax(values.isna().to_numpy()))
        raise ValueError(f"column {name!r} has a missing customer id at row {i}")
    arr = values.to_numpy()
    if arr.dtype.kind in "iu" and len(arr) and arr.min() >= 0 and arr.max() < 4 * len(arr) + 1024:
        present = np.bincount(arr) > 0
        lookup = np.cumsum(present) - 1
        return lookup[arr], np.flatnonzero(present).astype(arr.dtype)
    codes, uniques = pd.factorize(values, sort=True)
    return codes, np.asarray(uniques)


def _transactions(transactions, customer, date, amount, observation_end):
    if not isinstance(transactions, pd.DataFrame):
        raise TypeError(f"transactions must be a DataFrame, got {type(transactions).__name__}")
    cols = [customer, date] + ([amount] if amount is not None else [])
    check_column_args(transactions, "transactions", customer=customer, date=date,
                      **({"amount": amount} if amount is not None else {}))
    check_columns(transactions, cols, "transactions")
    if len(transactions) == 0:
        raise ValueError("transactions is empty; it needs at least one purchase")
    days = _as_dates(transactions[date], date)
    end = int(days.max()) if observation_end is None else _as_day(observation_end, "observation_end")
    late = days > end
    if late.any():
        i = int(np.argmax(late))
        raise ValueError(f"{late.sum()} transaction(s) are dated after observation_end "
                         f"({np.datetime64(end, 'D')}), first at row {i} ({np.datetime64(int(days[i]), 'D')}); "
                         "filter them out or move observation_end")
    money = None
    if amount is not None:
        money = pd.to_numeric(transactions[amount], errors="coerce").to_numpy(dtype=float)
        bad = ~np.isfinite(money)
        if bad.any():
            i = int(np.argmax(bad))
            raise ValueError(f"column {amount!r} must hold finite numbers; bad value {transactions[amount].iloc[i]!r} at row {i}")
        if (money < 0).any():
            i = int(np.argmax(money < 0))
            raise ValueError(f"column {amount!r} must be >= 0; got {money[i]:g} at row {i}")
    codes, ids = _codes(transactions[customer], customer)
    return codes, ids, days, money, end


def _purchase_days(codes, days, money, n_customers):
    """Distinct (customer, day) purchases, sorted by customer then day, with each day's spend."""
    dmin = int(days.min())
    key = codes.astype(np.int64) * (int(days.max()) - dmin + 1) + (days - dmin)
    if len(key) > 1 and np.all(key[1:] >= key[:-1]):
        order = None
        sorted_key = key
    else:
        order = np.argsort(key)  # equal keys are summed, so stability is not needed
        sorted_key = key[order]
    start = np.empty(len(sorted_key), dtype=bool)
    start[0] = True
    np.not_equal(sorted_key[1:], sorted_key[:-1], out=start[1:])
    starts = np.flatnonzero(start)
    group_key = sorted_key[starts]
    span = int(days.max()) - dmin + 1
    group_code = group_key // span
    group_day = group_key % span + dmin
    spend = None
    if money is not None:
        m = money if order is None else money[order]
        spend = np.add.reduceat(m, starts) if len(m) else m
    return group_code, group_day, spend


def _summary(codes, ids, days, money, end, unit, index_name):
    n = len(ids)
    g_code, g_day, g_spend = _purchase_days(codes, days, money, n)
    count = np.bincount(g_code, minlength=n)
    last_idx = np.cumsum(count) - 1
    first_idx = last_idx - count + 1
    first, last = g_day[first_idx], g_day[last_idx]
    out = {
        "frequency": (count - 1).astype(np.int64),
        "recency": (last - first) / unit,
        "T": (end - first) / unit,
    }
    if g_spend is not None:
        total = np.bincount(g_code, weights=g_spend, minlength=n) - g_spend[first_idx]
        repeat = count - 1
        with np.errstate(invalid="ignore", divide="ignore"):
            out["monetary_value"] = np.where(repeat > 0, total / np.maximum(repeat, 1), 0.0)
    return pd.DataFrame(out, index=pd.Index(ids, name=index_name)), first


def summarize_transactions(transactions, customer, date, amount=None, observation_end=None, freq="W") -> pd.DataFrame:
    """Per-customer ``frequency, recency, T`` (and ``monetary_value``) from a transaction log.

    The definitions of the BTYD literature (Fader, Hardie & Lee 2005a, sec.
    2): purchases on the same day count once (their amounts are added);
    ``frequency`` = number of repeat purchase days (distinct days - 1);
    ``recency`` = last - first purchase day; ``T`` = ``observation_end`` -
    first purchase day; times in units of ``freq`` ("D" days, "W" weeks of 7
    days, measured at day resolution as in the published CDNOW summaries);
    ``monetary_value`` = mean spend of the repeat purchase days (the first
    purchase is excluded; 0 if there is no repeat purchase).

    Parameters
    ----------
    transactions : DataFrame
        One row per transaction.
    customer, date : str
        Column names of the customer id and the transaction date.
    amount : str, optional
        Column of the amount spent (>= 0); adds ``monetary_value``.
    observation_end : date-like, optional
        End of observation; default the last transaction date.  Later
        transactions raise an error.
    freq : {"W", "D"}

    Returns
    -------
    DataFrame
        Indexed by customer id (sorted).

    Examples
    --------
    >>> log = pd.DataFrame({"id": [1, 1, 1, 2], "day": ["2024-01-01", "2024-01-15", "2024-01-15", "2024-01-08"],
    ...                     "usd": [10.0, 5.0, 7.0, 20.0]})
    >>> summarize_transactions(log, "id", "day", "usd", observation_end="2024-01-29")  # doctest: +NORMALIZE_WHITESPACE
        frequency  recency    T  monetary_value
    id
    1           1      2.0  4.0            12.0
    2           0      0.0  3.0             0.0
    """
    check_option(freq, "freq", list(_UNIT_DAYS))
    codes, ids, days, money, end = _transactions(transactions, customer, date, amount, observation_end)
    table, _ = _summary(codes, ids, days, money, end, _UNIT_DAYS[freq], customer)
    return table


def calibration_holdout(transactions, customer, date, calibration_end, observation_end, amount=None, freq="W") -> pd.DataFrame:
    """Split a log into a calibration summary and the purchases of a holdout period.

    The calibration columns are :func:`summarize_transactions` on the
    purchases up to ``calibration_end``; ``frequency_holdout`` counts each
    customer's purchase days in (calibration_end, observation_end] and
    ``duration_holdout`` is the holdout length in units of ``freq``.
    Customers whose first purchase falls in the holdout are left out (the
    model knows nothing about them at calibration time).

    Examples
    --------
    >>> log = pd.DataFrame({"id": [1, 1, 1, 2, 3], "day": pd.to_datetime(
    ...     ["2024-01-01", "2024-01-08", "2024-02-05", "2024-01-08", "2024-02-01"])})
    >>> calibration_holdout(log, "id", "day", "2024-01-29", "2024-02-26")  # doctest: +NORMALIZE_WHITESPACE
        frequency  recency    T  frequency_holdout  duration_holdout
    id
    1           1      1.0  4.0                  1               4.0
    2           0      0.0  3.0                  0               4.0
    """
    check_option(freq, "freq", list(_UNIT_DAYS))
    cal_end = _as_day(calibration_end, "calibration_end")
    obs_end = _as_day(observation_end, "observation_end")
    if cal_end >= obs_end:
        raise ValueError(f"calibration_end ({np.datetime64(cal_end, 'D')}) must be before observation_end "
                         f"({np.datetime64(obs_end, 'D')})")
    codes, ids, days, money, _ = _transactions(transactions, customer, date, amount, observation_end)
    cal = days <= cal_end
    if not cal.any():
        raise ValueError(f"no transaction on or before calibration_end ({np.datetime64(cal_end, 'D')})")
    unit = _UNIT_DAYS[freq]
    kept = np.unique(codes[cal])
    table, _ = _summary(np.searchsorted(kept, codes[cal]), ids[kept], days[cal], None if money is None else money[cal],
                        cal_end, unit, customer)
    hold = ~cal & np.isin(codes, kept)
    h_code, _, _ = _purchase_days(np.searchsorted(kept, codes[hold]), days[hold], None, len(kept)) if hold.any() else (np.array([], int), None, None)
    table["frequency_holdout"] = np.bincount(h_code, minlength=len(kept)).astype(np.int64)
    table["duration_holdout"] = (obs_end - cal_end) / unit
    return table


def _check_numbers(value, name):
    """Refuse text and booleans: numpy would read "2" as 2.0 without a word."""
    raw = np.asarray(value)
    kind = raw.dtype.kind
    if kind == "O":
        if any(isinstance(v, (bool, str, bytes)) or not isinstance(v, Real) for v in raw.ravel().tolist()):
            raise TypeError(f"{name} must be an array of numbers, got non-numeric values")
    elif kind not in "iuf":
        raise TypeError(f"{name} must be an array of numbers, got dtype {raw.dtype}")


def _rfm_arrays(frequency, recency, T):
    """Validated float arrays x, t_x, T (same length, 0 <= t_x <= T, t_x = 0 when x = 0)."""
    arrays = []
    for value, name in ((frequency, "frequency"), (recency, "recency"), (T, "T")):
        if isinstance(value, (str, bytes)) or value is None:
            raise TypeError(f"{name} must be an array of numbers, got {value!r}")
        _check_numbers(value, name)
        try:
            arr = np.asarray(value, dtype=float).reshape(-1)
        except (TypeError, ValueError):
            raise TypeError(f"{name} must be an array of numbers") from None
        if len(arr) == 0:
            raise ValueError(f"{name} is empty")
        if not np.isfinite(arr).all():
            raise ValueError(f"{name} must hold finite numbers (no NaN or inf); first bad at position "
                             f"{int(np.argmax(~np.isfinite(arr)))}")
        arrays.append(arr)
    x, tx, t = arrays
    if not len(x) == len(tx) == len(t):
        raise ValueError(f"frequency, recency and T must have the same length, got {len(x)}, {len(tx)}, {len(t)}")
    checks = [
        (x < 0, "frequency must be >= 0 (repeat purchases)"),
        (x != np.round(x), "frequency must hold whole numbers (repeat purchase counts)"),
        (tx < 0, "recency must be >= 0"),
        (t <= 0, "T must be > 0 (time since the first purchase)"),
        (tx > t * (1 + 1e-12), "recency must be <= T (the last purchase cannot follow the end of observation)"),
        ((x == 0) & (tx != 0), "recency must be 0 for customers with frequency 0"),
    ]
    for bad, message in checks:
        if bad.any():
            i = int(np.argmax(bad))
            raise ValueError(f"{message}; position {i} has frequency={x[i]:g}, recency={tx[i]:g}, T={t[i]:g}")
    return x, tx, t


def _params(params, names, what, arg="params"):
    if not hasattr(params, "__getitem__"):
        raise TypeError(f"{arg} must be a mapping with keys {list(names)} (from fit_{what}), got {type(params).__name__}")
    out = []
    for k in names:
        try:
            v = params[k]
        except (KeyError, IndexError, TypeError):
            raise ValueError(f"{arg} lacks {k!r}; expected keys {list(names)} (from fit_{what})") from None
        if isinstance(v, bool) or not isinstance(v, Real) or not np.isfinite(v) or v <= 0:
            raise ValueError(f"{arg}[{k!r}] must be a finite number > 0, got {v!r}")
        out.append(float(v))
    return out


def _time(t, name="t"):
    arr = np.asarray(t, dtype=float) if not isinstance(t, (str, bytes)) else None
    if arr is None or not np.isfinite(arr).all() or (arr < 0).any():
        raise ValueError(f"{name} must be a number >= 0 (or an array of them), got {t!r}")
    return arr


def _like(result, *inputs, name=None):
    """Return a Series on the index of the first Series input, a float if every input is a scalar, else an array."""
    for value in inputs:
        if isinstance(value, pd.Series):
            return pd.Series(result, index=value.index, name=name)
    if all(np.ndim(value) == 0 for value in inputs):
        return float(np.asarray(result).reshape(-1)[0])
    return np.asarray(result, dtype=float)


# --------------------------------------------------------------------------
# BG/NBD
# --------------------------------------------------------------------------
def _bgnbd_terms(theta, x, tx, t):
    r, alpha, a, b = theta
    a1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
    a2 = special.gammaln(a + b) + special.gammaln(b + x) - special.gammaln(b) - special.gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + t)
    repeat = x > 0
    a4 = np.full_like(x, -np.inf)
    a4[repeat] = np.log(a) - np.log(b + x[repeat] - 1) - (r + x[repeat]) * np.log(alpha + tx[repeat])
    return a1, a2, a3, a4


def _bgnbd_ll(theta, x, tx, t):
    a1, a2, a3, a4 = _bgnbd_terms(theta, x, tx, t)
    return a1 + a2 + np.logaddexp(a3, a4)


def bgnbd_log_likelihood(params, frequency, recency, T) -> float:
    """Total BG/NBD log-likelihood (Fader, Hardie & Lee 2005a, eq. 6).

    ``L = B(a, b+x)/B(a, b) * Gamma(r+x) alpha^r / (Gamma(r) (alpha+T)^(r+x))
    + [x > 0] B(a+1, b+x-1)/B(a, b) * Gamma(r+x) alpha^r / (Gamma(r) (alpha+t_x)^(r+x))``

    Examples
    --------
    >>> p = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    >>> round(bgnbd_log_likelihood(p, [0, 2], [0.0, 30.43], [38.86, 38.86]), 3)
    -10.013
    """
    theta = _params(params, _BGNBD, "bgnbd")
    x, tx, t = _rfm_arrays(frequency, recency, T)
    return float(np.sum(_bgnbd_ll(theta, x, tx, t)))


def _bgnbd_objective(log_theta, x, tx, t, w):
    """Negative log-likelihood and its gradient in log-parameters (analytic)."""
    theta = np.exp(log_theta)
    r, alpha, a, b = theta
    a1, a2, a3, a4 = _bgnbd_terms(theta, x, tx, t)
    log_d = np.logaddexp(a3, a4)
    ll = a1 + a2 + log_d
    w4 = np.exp(a4 - log_d)  # weight of the "died after the last purchase" branch
    w3 = 1.0 - w4
    ln_at, ln_atx = np.log(alpha + t), np.log(alpha + np.where(x > 0, tx, 0.0))
    d_r = special.digamma(r + x) - special.digamma(r) + np.log(alpha) - w3 * ln_at - w4 * ln_atx
    d_alpha = r / alpha - (r + x) * (w3 / (alpha + t) + w4 / (alpha + np.where(x > 0, tx, 0.0)))
    common = special.digamma(a + b) - special.digamma(a + b + x)
    d_a = common + w4 / a
    d_b = common + special.digamma(b + x) - special.digamma(b) - w4 / np.where(x > 0, b + x - 1, 1.0)
    grad = np.array([np.dot(w, g) for g in (d_r, d_alpha, d_a, d_b)]) * theta
    return -float(np.dot(w, ll)), -grad


def _compress(*columns):
    """Unique rows and their counts: customers with the same history share one likelihood term."""
    stacked = np.column_stack(columns)
    unique, counts = np.unique(stacked, axis=0, return_counts=True)
    return [unique[:, i] for i in range(unique.shape[1])], counts.astype(float)


def _maximise(objective, start, args, names, what):
    from scipy import optimize  # on first use: scipy.optimize costs a kernel ~40 MB
    from threadpoolctl import threadpool_limits

    # one BLAS thread: L-BFGS-B's tiny vector operations gain nothing from threads, and on a busy
    # 2-core machine (a classroom hub) threaded OpenBLAS makes the fit ~15x slower
    with threadpool_limits(1, user_api="blas"):
        result = optimize.minimize(objective, np.log(start), args=args, jac=True, method="L-BFGS-B",
                                   options={"maxiter": 2000, "ftol": 1e-13, "gtol": 1e-9})
    if not np.all(np.isfinite(result.x)) or not result.success and "ABNORMAL" not in str(result.message):
        raise RuntimeError(f"fit_{what} did not converge: {result.message}")
    fitted = dict(zip(names, np.exp(result.x).tolist()))
    # log-parameters beyond ±18 (values above 6.6e7 or below 1.5e-8): the likelihood still rises
    # towards the edge, so these data identify no interior maximum (e.g. for Gamma-Gamma, spends that
    # vary too little within customers drive p to infinity and v to 0 with their ratio fixed)
    edge = {k: v for k, v in fitted.items() if not -18.0 <= np.log(v) <= 18.0}
    if edge:
        shown = ", ".join(f"{k}={v:.3g}" for k, v in edge.items())
        raise RuntimeError(f"fit_{what} found no interior maximum: the likelihood keeps rising as {shown} "
                           "runs to the edge of the parameter space; these data do not identify the model")
    return fitted


def fit_bgnbd(frequency, recency, T) -> dict:
    """Maximum-likelihood BG/NBD parameters ``r, alpha, a, b``.

    Maximises :func:`bgnbd_log_likelihood` over log-parameters (so all stay
    positive) with L-BFGS-B and its analytic gradient; customers with the
    same ``(x, t_x, T)`` share one term.  Time units are those of
    ``recency``/``T``: ``alpha`` scales with them.

    Returns
    -------
    dict
        ``{"r", "alpha", "a", "b"}``.  On the CDNOW sample in weeks: 0.243,
        4.414, 0.793, 2.426 (Fader, Hardie & Lee 2005a, Table/Figure 1).
    """
    x, tx, t = _rfm_arrays(frequency, recency, T)
    if not (x > 0).any():
        raise ValueError("frequency is 0 for every customer: without repeat purchases BG/NBD cannot be estimated")
    (x, tx, t), w = _compress(x, tx, t)
    scale = float(np.mean(t))
    start = np.array([1.0, scale, 1.0, 1.0])
    return _maximise(_bgnbd_objective, start, (x, tx, t, w), _BGNBD, "bgnbd")


def _alive_odds(theta, x, tx, t):
    """a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x) for x > 0, else 0."""
    r, alpha, a, b = theta
    odds = np.zeros_like(x)
    rep = x > 0
    odds[rep] = np.exp(np.log(a) - np.log(b + x[rep] - 1)
                       + (r + x[rep]) * (np.log(alpha + t[rep]) - np.log(alpha + tx[rep])))
    return odds


def bgnbd_p_alive(frequency, recency, T, params):
    """Probability a customer is still alive (active) at T (Fader, Hardie & Lee 2005a, eq. 11 note).

    ``P(alive) = 1 / (1 + [x > 0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x))``;
    a customer with no repeat purchase is alive for sure under BG/NBD.

    Examples
    --------
    >>> p = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    >>> bgnbd_p_alive([0, 2, 2], [0, 30.43, 5.0], [38.86, 38.86, 38.86], p).round(3)
    array([1.   , 0.727, 0.124])
    """
    theta = _params(params, _BGNBD, "bgnbd")
    x, tx, t = _rfm_arrays(frequency, recency, T)
    return _like(1.0 / (1.0 + _alive_odds(theta, x, tx, t)), frequency, recency, T, name="p_alive")


def _check_hypergeometric(c, what):
    """The closed forms use 2F1(.; c; .), undefined when c is 0 or a negative integer."""
    c = np.asarray(c, dtype=float)
    bad = (c <= 1e-9) & (np.abs(c - np.round(c)) < 1e-9)
    if bad.any():
        raise ValueError(f"the closed form is singular when {what} is 0 or a negative whole number "
                         f"(got {float(c[bad][0]):g}); the fitted a and b do not allow this formula")


def bgnbd_expected_purchases(t, frequency, recency, T, params):
    """Expected purchases in the next ``t`` periods given a customer's history (eq. 10).

    ``E[Y(t) | x, t_x, T] = (a+b+x-1)/(a-1) * [1 - ((alpha+T)/(alpha+T+t))^(r+x)
    2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))] / (1 + [x>0] a/(b+x-1)
    ((alpha+T)/(alpha+t_x))^(r+x))``

    Examples
    --------
    >>> p = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    >>> round(float(bgnbd_expected_purchases(39, 2, 30.43, 38.86, p)), 3)
    1.226
    """
    r, alpha, a, b = theta = _params(params, _BGNBD, "bgnbd")
    horizon = _time(t)
    if np.ndim(horizon) > 0 and horizon.size != 1 and horizon.size != np.size(frequency):
        raise ValueError("t must be a single horizon or one per customer")
    x, tx, tt = _rfm_arrays(frequency, recency, T)
    horizon = np.broadcast_to(horizon.reshape(-1) if horizon.size != 1 else horizon.reshape(()), x.shape)
    if abs(a - 1) < 1e-9:
        raise ValueError("params['a'] = 1 makes the closed form singular; refit or perturb a")
    _check_hypergeometric(a + b + x - 1, "a + b + frequency - 1")
    z = horizon / (alpha + tt + horizon)
    hyp = special.hyp2f1(r + x, b + x, a + b + x - 1, z)
    head = (a + b + x - 1) / (a - 1)
    body = 1.0 - np.exp((r + x) * (np.log(alpha + tt) - np.log(alpha + tt + horizon))) * hyp
    value = head * body / (1.0 + _alive_odds(theta, x, tx, tt))
    return _like(value, frequency, recency, T, name="expected_purchases")


def bgnbd_expected_repeat_purchases(t, params):
    """Expected repeat purchases of a new customer in (0, t] (eq. 9).

    ``E[X(t)] = (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))]``
    -- summed over customers by their ``T``, the "tracking" curve of
    cumulative repeat purchases.

    Examples
    --------
    >>> p = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    >>> round(float(bgnbd_expected_repeat_purchases(39, p)), 3)
    1.197
    """
    r, alpha, a, b = _params(params, _BGNBD, "bgnbd")
    horizon = _time(t)
    if abs(a - 1) < 1e-9:
        raise ValueError("params['a'] = 1 makes the closed form singular; refit or perturb a")
    _check_hypergeometric(np.array([a + b - 1]), "a + b - 1")
    z = horizon / (alpha + horizon)
    value = (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + horizon)) ** r * special.hyp2f1(r, b, a + b - 1, z))
    return _like(value, t, name="expected_repeat_purchases")


def simulate_bgnbd(T, params, seed=0) -> list[np.ndarray]:
    """Repeat-purchase times of customers who follow the BG/NBD story.

    Each customer gets lambda ~ Gamma(r, rate alpha) and p ~ Beta(a, b); while
    alive they buy at Poisson rate lambda, and after each repeat purchase
    they leave with probability p.  ``T`` holds each customer's observation
    length (same time unit as ``alpha``); purchase 0 (acquisition) is at time
    0 and not listed.

    Parameters
    ----------
    T : array of float > 0
    params : mapping with ``r, alpha, a, b``
    seed : int or numpy Generator

    Returns
    -------
    list of numpy arrays
        Sorted repeat-purchase times in (0, T_i] per customer.
    """
    r, alpha, a, b = _params(params, _BGNBD, "bgnbd")
    _check_numbers(T, "T")
    horizon = _time(T, "T").reshape(-1)
    if len(horizon) == 0:
        raise ValueError("T is empty; it needs one observation length per customer")
    if (horizon <= 0).any():
        raise ValueError("T must be > 0 for every customer")
    seed = check_seed(seed, generator=True)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    lam = rng.gamma(r, 1 / alpha, size=len(horizon))
    p = rng.beta(a, b, size=len(horizon))
    out = []
    for lam_i, p_i, t_i in zip(lam, p, horizon):
        # purchases come as a Poisson stream; the number before dropping out is geometric
        n_alive = rng.geometric(p_i)  # purchases until (and including) the one after which they leave
        times = np.cumsum(rng.exponential(1 / lam_i, size=min(n_alive, 10_000)))
        out.append(times[times <= t_i])
    return out


# --------------------------------------------------------------------------
# Gamma-Gamma spend model
# --------------------------------------------------------------------------
def _spend_arrays(frequency, monetary_value):
    x, m = [], []
    for value, name in ((frequency, "frequency"), (monetary_value, "monetary_value")):
        if isinstance(value, (str, bytes)) or value is None:
            raise TypeError(f"{name} must be an array of numbers, got {value!r}")
        _check_numbers(value, name)
        arr = np.asarray(value, dtype=float).reshape(-1)
        if len(arr) == 0 or not np.isfinite(arr).all():
            raise ValueError(f"{name} must be a non-empty array of finite numbers")
        (x if name == "frequency" else m).append(arr)
    x, m = x[0], m[0]
    if len(x) != len(m):
        raise ValueError(f"frequency and monetary_value must have the same length, got {len(x)} and {len(m)}")
    if (x < 0).any() or (x != np.round(x)).any():
        i = int(np.argmax((x < 0) | (x != np.round(x))))
        raise ValueError(f"frequency must hold whole numbers >= 0; position {i} has {x[i]:g}")
    bad = (x > 0) & (m <= 0)
    if bad.any():
        i = int(np.argmax(bad))
        raise ValueError(f"monetary_value must be > 0 for customers with repeat purchases (the Gamma-Gamma "
                         f"model is for positive spend); position {i} has {m[i]:g}")
    return x, m


def _gg_ll(theta, x, m):
    p, q, v = theta
    px = p * x
    return (special.gammaln(px + q) - special.gammaln(px) - special.gammaln(q) + q * np.log(v)
            + (px - 1) * np.log(m) + px * np.log(x) - (px + q) * np.log(v + m * x))


def gamma_gamma_log_likelihood(params, frequency, monetary_value) -> float:
    """Gamma-Gamma log-likelihood of the mean spends of repeat customers (Fader, Hardie & Lee 2005b).

    ``f(m | p, q, v, x) = Gamma(px+q)/(Gamma(px) Gamma(q)) v^q m^(px-1) x^(px) / (v + m x)^(px+q)``
    for each customer with x > 0 repeat purchases of mean value m.
    """
    theta = _params(params, _GG, "gamma_gamma")
    x, m = _spend_arrays(frequency, monetary_value)
    rep = x > 0
    return float(np.sum(_gg_ll(theta, x[rep], m[rep])))


def _gg_objective(log_theta, x, m, w):
    theta = np.exp(log_theta)
    p, q, v = theta
    px = p * x
    ll = _gg_ll(theta, x, m)
    psi = special.digamma(px + q)
    d_p = x * (psi - special.digamma(px) + np.log(m) + np.log(x) - np.log(v + m * x))
    d_q = psi - special.digamma(q) + np.log(v) - np.log(v + m * x)
    d_v = q / v - (px + q) / (v + m * x)
    grad = np.array([np.dot(w, g) for g in (d_p, d_q, d_v)]) * theta
    return -float(np.dot(w, ll)), -grad


def fit_gamma_gamma(frequency, monetary_value) -> dict:
    """Maximum-likelihood Gamma-Gamma parameters ``p, q, v``.

    Only customers with at least one repeat purchase enter (their mean spend
    is defined); their ``monetary_value`` must be > 0.  On the CDNOW sample's
    946 repeat customers: p=6.25, q=3.74, v=15.44.
    """
    x, m = _spend_arrays(frequency, monetary_value)
    rep = x > 0
    if rep.sum() < 2:
        raise ValueError("fit_gamma_gamma needs at least two customers with repeat purchases")
    (x, m), w = _compress(x[rep], m[rep])
    start = np.array([1.0, 1.0, float(np.mean(m))])
    return _maximise(_gg_objective, start, (x, m, w), _GG, "gamma_gamma")


def gamma_gamma_expected_spend(frequency, monetary_value, params):
    """Expected spend per purchase given a customer's history (Fader, Hardie & Lee 2005b).

    ``E[Z | p, q, v, m, x] = p (v + x m) / (p x + q - 1)``: a weighted average
    of the population mean ``p v / (q - 1)`` and the customer's own mean
    ``m`` (weight ``p x / (p x + q - 1)``).  Needs q > 1.

    Examples
    --------
    >>> g = {"p": 6.25, "q": 3.74, "v": 15.44}
    >>> gamma_gamma_expected_spend([0, 2], [0.0, 22.35], g).round(2)
    array([35.22, 24.66])
    """
    p, q, v = _params(params, _GG, "gamma_gamma")
    if q <= 1:
        raise ValueError(f"params['q'] must be > 1 for the mean spend to exist, got {q:g}")
    x, m = _spend_arrays(frequency, monetary_value)
    value = p * (v + x * m) / (p * x + q - 1)
    return _like(value, frequency, monetary_value, name="expected_spend")


def clv_bgnbd(frequency, recency, T, monetary_value, bgnbd_params, gg_params, periods=12,
              period_length=52 / 12, discount=0.01, margin=1.0):
    """Customer lifetime value from BG/NBD purchases and Gamma-Gamma spend.

    ``CLV = margin * E[spend] * sum_{k=1..K} (E[Y(k L)] - E[Y((k-1) L)]) / (1+d)^k``:
    the expected purchases of each future period of length ``L``
    (``period_length``, in the time unit of ``T``), valued at the expected
    spend and discounted at ``d`` per period (Fader, Hardie & Lee 2005b
    discount the same stream continuously).

    Examples
    --------
    >>> bg = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    >>> gg = {"p": 6.25, "q": 3.74, "v": 15.44}
    >>> round(clv_bgnbd(2, 30.43, 38.86, 22.35, bg, gg, periods=12), 2)  # a year, monthly discounting 1 %
    36.21
    """
    from .clv import _number

    if isinstance(periods, bool) or not isinstance(periods, (int, np.integer)) or periods < 1:
        raise ValueError(f"periods must be a whole number >= 1, got {periods!r}")
    length = _number(period_length, "period_length", low=0, low_open=True)
    d = _number(discount, "discount", low=-1, low_open=True)
    mgn = _number(margin, "margin")
    _params(bgnbd_params, _BGNBD, "bgnbd", "bgnbd_params")
    if _params(gg_params, _GG, "gamma_gamma", "gg_params")[1] <= 1:
        raise ValueError(f"gg_params['q'] must be > 1 for the mean spend to exist, got {gg_params['q']!r}")
    spend = np.asarray(gamma_gamma_expected_spend(frequency, monetary_value, gg_params), dtype=float)
    x, tx, t = _rfm_arrays(frequency, recency, T)
    cumulative = [np.zeros_like(x)] + [np.asarray(bgnbd_expected_purchases(k * length, x, tx, t, bgnbd_params))
                                       for k in range(1, periods + 1)]
    per_period = np.diff(np.vstack(cumulative), axis=0)
    factors = (1 + d) ** -np.arange(1, periods + 1)
    value = mgn * spend * (factors @ per_period)
    return _like(value, frequency, recency, T, monetary_value, name="clv")
