"""Retention measured from transactions: cohort tables (客户保持度衡量).

A **cohort** (同期群) is the group of customers whose first purchase falls in
the same period.  Following each cohort through the later periods shows how
many of its customers are still buying -- retention measured from what
customers do, not assumed.

References
----------
Seed [000 L51-53] (new vs existing customers); Fader, P. S. and Hardie, B. G.
S. (2010), "Customer-base valuation in a contractual setting: the perils of
ignoring heterogeneity", *Marketing Science* 29(1) (cohort retention curves);
Gupta, S. and Lehmann, D. R. (2005), *Managing Customers as Investments*, ch. 2.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .._validation import check_column_args, check_columns, check_option
from .btyd import _as_dates, _codes

__all__ = ["cohort_retention"]

_FREQS = {"M": "M", "Q": "Q", "W": "W-SUN", "Y": "Y"}


def cohort_retention(transactions, customer, date, freq="M", values="share") -> pd.DataFrame:
    """Cohort x period table of active customers.

    Each customer belongs to the cohort of the period of their first
    purchase.  Cell ``(c, k)`` is the share (``values="share"``) or number
    (``values="count"``) of cohort ``c``'s customers who bought in the k-th
    period after it; column 0 is the acquisition period itself (share 1).
    Cells beyond the last period in the data are NaN -- not observed yet --
    which gives the table its triangular shape.

    Parameters
    ----------
    transactions : DataFrame
    customer, date : str
        Column names of the customer id and the purchase date.
    freq : {"M", "Q", "W", "Y"}
        Period length: month, quarter, week (Monday to Sunday) or year.
    values : {"share", "count"}

    Returns
    -------
    DataFrame
        Index ``cohort`` (pandas Periods), columns ``period`` 0, 1, 2, ...

    Examples
    --------
    >>> log = pd.DataFrame({"id": ["a", "a", "b", "b", "c"],
    ...                     "day": ["2024-01-05", "2024-02-10", "2024-01-20", "2024-03-01", "2024-02-02"]})
    >>> cohort_retention(log, "id", "day")  # doctest: +NORMALIZE_WHITESPACE
    period     0    1    2
    cohort
    2024-01  1.0  0.5  0.5
    2024-02  1.0  0.0  NaN
    """
    check_option(freq, "freq", list(_FREQS))
    check_option(values, "values", ["share", "count"])
    if not isinstance(transactions, pd.DataFrame):
        raise TypeError(f"transactions must be a DataFrame, got {type(transactions).__name__}")
    check_column_args(transactions, "transactions", customer=customer, date=date)
    check_columns(transactions, [customer, date], "transactions")
    if len(transactions) == 0:
        raise ValueError("transactions is empty; it needs at least one purchase")
    days = _as_dates(transactions[date], date)
    codes, ids = _codes(transactions[customer], customer)
    # period number of each day: convert the few days of the date range once, then look them up
    d0, span = int(days.min()), int(days.max() - days.min()) + 1
    if span <= 4 * len(days) + 1024:
        periods = pd.PeriodIndex(pd.to_datetime(np.arange(d0, d0 + span).astype("datetime64[D]")), freq=_FREQS[freq])
        ordinal = periods.asi8[days - d0]
    else:  # a few purchases spread over a very long range
        uniq_days, inverse = np.unique(days, return_inverse=True)
        periods = pd.PeriodIndex(pd.to_datetime(uniq_days.astype("datetime64[D]")), freq=_FREQS[freq])
        ordinal = periods.asi8[inverse]
    lo = int(ordinal.min())
    n_cohorts = n_periods = int(ordinal.max()) - lo + 1
    # distinct (customer, period) pairs, sorted by customer then period: a mark per pair in a
    # customer x period grid when it is small, else a sort (np.unique hashes: ~10x slower on 1e6 rows)
    key = codes.astype(np.int64) * n_periods + (ordinal - lo)
    if len(ids) * n_periods <= 8 * len(key) + 4096:
        seen = np.zeros(len(ids) * n_periods, dtype=bool)
        seen[key] = True
        pair = np.flatnonzero(seen)
    else:
        key.sort()
        pair = key[np.concatenate([[True], key[1:] != key[:-1]])]
    pair_code, pair_period = pair // n_periods, pair % n_periods
    # each customer's first pair is their acquisition period: the cohort of all their pairs
    starts = np.flatnonzero(np.concatenate([[True], pair_code[1:] != pair_code[:-1]]))
    cohort = np.repeat(pair_period[starts], np.diff(np.append(starts, len(pair))))
    counts = np.bincount(cohort * n_periods + (pair_period - cohort),
                         minlength=n_cohorts * n_periods).reshape(n_cohorts, n_periods)
    counts = counts.astype(float)
    observed = np.arange(n_periods)[None, :] <= (n_cohorts - 1 - np.arange(n_cohorts))[:, None]
    counts[~observed] = np.nan
    keep = counts[:, 0] > 0  # periods in which nobody was acquired have no cohort
    counts = counts[keep]
    table = counts / counts[:, :1] if values == "share" else counts
    index = pd.period_range(periods.min().asfreq(_FREQS[freq]), periods=n_cohorts, freq=_FREQS[freq])[keep]
    out = pd.DataFrame(table, index=index, columns=pd.RangeIndex(n_periods, name="period"))
    out.index.name = "cohort"
    return out
