"""Customer classification (客户分类管理): RFM, clustering, profitability and key accounts.

Models for Chapter 7 of the course.  A logistics provider cannot serve every
customer alike: classification tells it which customers carry its profit, which
are drifting away and which cost more to serve than they pay.  The tools:

* **RFM** (最近一次消费、消费频率、消费金额): recency, frequency and monetary value
  per customer from a transaction log (:func:`rfm_table`), scored 1..bins and
  mapped to named segments on the R x F grid (:func:`rfm_scores`,
  :func:`rfm_segment_summary`, :func:`rf_grid`);
* **k-means clustering** (K均值聚类) on standardised features, with segment
  profiles in original units and a helper for choosing k
  (:func:`kmeans_segments`, :func:`choose_k`, :func:`principal_components`);
* **customer profitability with cost-to-serve** (服务成本) and the **whale
  curve** (鲸鱼曲线) (:func:`customer_profitability`, :func:`whale_curve`,
  :func:`whale_summary`), and **ABC by profit** (:func:`customer_abc`, built on
  :func:`scm_course.priority.abc_classify`);
* **key accounts** (大客户) by documented criteria, with a management action for
  every tier (:func:`key_accounts`, :func:`account_actions`).

Pure functions: pandas in, pandas out; no plotting.

References
----------
Hughes, A. M. (1994). *Strategic Database Marketing*. Probus (RFM scoring).
Kaplan, R. S. and Cooper, R. (1998). *Cost & Effect*. Harvard Business School
    Press, ch. 10 (customer profitability, the whale curve).
Kaplan, R. S. and Narayanan, V. G. (2001). Measuring and managing customer
    profitability. *Journal of Cost Management* 15(5), 5-15.
Lloyd, S. P. (1982). Least squares quantization in PCM. *IEEE Trans. Inf.
    Theory* 28(2), 129-137 (the k-means algorithm scikit-learn runs).
Rousseeuw, P. J. (1987). Silhouettes. *J. Comput. Appl. Math.* 20, 53-65.
McDonald, M., Millman, T. and Rogers, B. (1997). Key account management.
    *Journal of Marketing Management* 13(8), 737-757.
Seed [001] chapter 5 (key-account management is the core of customer
    management), COURSE_CONTENT.md Part B.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from numbers import Real

import numpy as np
import pandas as pd

from . import _multivariate
from ._validation import (
    _preview,
    as_numeric_series,
    as_timestamp,
    check_column_args,
    check_columns,
    check_option,
    check_seed,
    check_weights,
)
from .priority import abc_classify

__all__ = [
    "RFM_DIMENSIONS",
    "RF_SEGMENTS",
    "SEGMENT_ORDER",
    "ACCOUNT_TIERS",
    "rfm_table",
    "rfm_scores",
    "quantile_scores",
    "doubling_edges",
    "rfm_segment_summary",
    "rf_grid",
    "score_band_summary",
    "kmeans_segments",
    "choose_k",
    "principal_components",
    "customer_profitability",
    "with_cost_to_serve",
    "whale_curve",
    "whale_summary",
    "profit_deciles",
    "customer_abc",
    "key_accounts",
    "account_actions",
]

#: The three RFM dimensions, in the order of the RFM code.
RFM_DIMENSIONS = ("recency", "frequency", "monetary")

#: Named segments of the R x F grid (5 x 5 scores), from the most to the least
#: valuable.  The map is the widely used R x F segment map of RFM practice:
#:
#: ====  ==============  ====================  ====================  ==============  ==============
#: R\\F  1               2                     3                     4               5
#: ====  ==============  ====================  ====================  ==============  ==============
#: 5     new             potential_loyalists   potential_loyalists   champions       champions
#: 4     promising       potential_loyalists   potential_loyalists   loyal           loyal
#: 3     about_to_sleep  about_to_sleep        need_attention        loyal           loyal
#: 2     hibernating     hibernating           at_risk               at_risk         cannot_lose
#: 1     hibernating     hibernating           at_risk               at_risk         cannot_lose
#: ====  ==============  ====================  ====================  ==============  ==============
SEGMENT_ORDER = ("champions", "loyal", "potential_loyalists", "new", "promising", "need_attention",
                 "about_to_sleep", "at_risk", "cannot_lose", "hibernating")


def _rf_segment(r: int, f: int) -> str:
    if r >= 4 and f >= 4:
        return "champions" if r == 5 else "loyal"
    if r == 3:
        return "about_to_sleep" if f <= 2 else ("need_attention" if f == 3 else "loyal")
    if r >= 4:
        if f == 1:
            return "new" if r == 5 else "promising"
        return "potential_loyalists"
    # r in (1, 2)
    if f <= 2:
        return "hibernating"
    return "cannot_lose" if f == 5 else "at_risk"


#: ``(R, F) -> segment`` for scores 1..5 (see the table above).
RF_SEGMENTS = {(r, f): _rf_segment(r, f) for r in range(1, 6) for f in range(1, 6)}

#: Key-account tiers of :func:`key_accounts`, most important first.
ACCOUNT_TIERS = ("key_account", "key_account_at_risk", "growth", "standard", "unprofitable")


# --------------------------------------------------------------------------
# validation helpers
# --------------------------------------------------------------------------
def _as_dates(values: pd.Series, name: str) -> pd.Series:
    """A datetime64 Series; missing or unparseable entries raise ValueError naming them."""
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        dates = values
    else:
        if pd.api.types.is_bool_dtype(values.dtype) or pd.api.types.is_numeric_dtype(values.dtype):
            raise TypeError(f"{name} must hold dates (datetime64 or text such as '2025-03-01'), "
                            f"got dtype {values.dtype}")
        dates = pd.to_datetime(values, errors="coerce", format="mixed")
        bad = dates.isna() & values.notna()
        if bad.any():
            raise ValueError(f"{name} has unparseable dates {_preview(values[bad].unique())}; "
                             "use ISO dates such as '2025-03-01'")
    if dates.isna().any():
        raise ValueError(f"{name} has {int(dates.isna().sum())} missing date(s) (at rows "
                         f"{_preview(values.index[dates.isna()])}); every transaction needs a date")
    if getattr(dates.dt, "tz", None) is not None:
        raise ValueError(f"{name} must hold dates without a time zone, got {dates.dtype}")
    return dates


def _numeric_column(frame: pd.DataFrame, column: str, name: str, *, positive=False) -> np.ndarray:
    values = frame[column]
    if pd.api.types.is_bool_dtype(values.dtype) or not pd.api.types.is_numeric_dtype(values.dtype):
        raise TypeError(f"{name} column {column!r} must hold numbers, got dtype {values.dtype}")
    arr = values.to_numpy(dtype=float, na_value=np.nan)
    bad = ~np.isfinite(arr)
    if bad.any():
        raise ValueError(f"{name} column {column!r} must be finite numbers; NaN or inf at rows "
                         f"{_preview(frame.index[bad])}")
    if positive and (arr <= 0).any():
        raise ValueError(f"{name} column {column!r} must be > 0; got values <= 0 at rows "
                         f"{_preview(frame.index[arr <= 0])}")
    return arr


def _check_ids(frame: pd.DataFrame, column: str, name: str) -> pd.Series:
    ids = frame[column]
    if ids.isna().any():
        raise ValueError(f"{name} column {column!r} has missing customer ids at rows {_preview(frame.index[ids.isna()])}")
    return ids


def _whole(value, name: str, low: int, high: int | None = None) -> int:
    ok = not isinstance(value, bool) and isinstance(value, (int, np.integer))
    if not ok or value < low or (high is not None and value > high):
        rule = f"from {low} to {high}" if high is not None else f">= {low}"
        raise ValueError(f"{name} must be a whole number {rule}, got {value!r}")
    return int(value)


def _number(value, name: str, *, low=None, low_open=False) -> float:
    if isinstance(value, bool) or not isinstance(value, Real) or not np.isfinite(value):
        raise TypeError(f"{name} must be a finite number, got {value!r}")
    if low is not None and (value <= low if low_open else value < low):
        raise ValueError(f"{name} must be {'>' if low_open else '>='} {low}, got {value!r}")
    return float(value)


# --------------------------------------------------------------------------
# RFM
# --------------------------------------------------------------------------
def rfm_table(transactions, customer, date, amount, as_of) -> pd.DataFrame:
    """Recency, frequency and monetary value (RFM) per customer from a transaction log.

    For customer *c* with transactions at dates d_1..d_n and amounts a_1..a_n::

        recency_c   = days from max(d_i) to as_of (whole days, 0 = bought on as_of)
        frequency_c = n (number of transactions)
        monetary_c  = sum(a_i) (total amount)

    Parameters
    ----------
    transactions : pandas.DataFrame
        One row per transaction (order, shipment...).
    customer, date, amount : str
        Column names of the customer id, the transaction date (datetime64 or
        ISO date text) and the amount (> 0, e.g. revenue in CNY).
    as_of : date-like
        The observation end (观察期末); no transaction may be later.

    Returns
    -------
    pandas.DataFrame
        Indexed by customer (sorted), columns ``recency`` (int days),
        ``frequency`` (int) and ``monetary`` (float).

    Raises
    ------
    TypeError
        If ``transactions`` is not a DataFrame, ``amount`` is not numeric or
        ``as_of`` is not a date.
    ValueError
        If a column is missing, the log is empty, a customer id or date is
        missing, a date is unparseable or after ``as_of``, or an amount is NaN
        or <= 0.

    References
    ----------
    Hughes (1994), ch. 7; Fader, Hardie and Lee (2005), "RFM and CLV", *JMR* 42.

    Examples
    --------
    >>> log = pd.DataFrame({"c": ["a", "a", "b"], "d": ["2025-01-01", "2025-01-21", "2025-01-11"],
    ...                     "x": [10.0, 30.0, 5.0]})
    >>> rfm_table(log, "c", "d", "x", "2025-01-31").to_dict("index")
    {'a': {'recency': 10, 'frequency': 2, 'monetary': 40.0}, 'b': {'recency': 20, 'frequency': 1, 'monetary': 5.0}}
    """
    check_column_args(transactions, "transactions", customer=customer, date=date, amount=amount)
    check_columns(transactions, [customer, date, amount], "transactions")
    as_of = as_timestamp(as_of, "as_of")
    ids = _check_ids(transactions, customer, "transactions")
    dates = _as_dates(transactions[date], f"transactions column {date!r}")
    amounts = _numeric_column(transactions, amount, "transactions", positive=True)
    late = dates > as_of
    if late.any():
        raise ValueError(f"transactions column {date!r} has {int(late.sum())} date(s) after as_of "
                         f"{as_of.date()} (latest {dates.max().date()}); choose a later as_of or drop them")
    codes, customers = _customer_codes(ids)
    stamps = dates.to_numpy()
    last = np.full(len(customers), np.iinfo(np.int64).min)
    np.maximum.at(last, codes, stamps.view(np.int64))
    # pandas' grouped sum (compensated, rows in order) on the codes: a categorical key is not hashed again
    monetary = pd.Series(amounts).groupby(pd.Categorical.from_codes(codes, categories=np.arange(len(customers))),
                                          observed=False).sum()
    out = pd.DataFrame({
        "recency": (as_of - pd.Series(last.view(stamps.dtype))).dt.days.astype("int64").to_numpy(),
        "frequency": np.bincount(codes, minlength=len(customers)).astype("int64"),
        "monetary": monetary.to_numpy(dtype=float),
    }, index=customers)
    out.index.name = customer
    return out


def _customer_codes(ids: pd.Series):
    """Each row's position in the sorted distinct ids, and those ids (as ``groupby(sort=True)`` orders them)."""
    arr = ids.to_numpy()
    if arr.dtype.kind in "iu" and len(arr) and arr.min() >= 0 and arr.max() < 4 * len(arr) + 1024:
        present = np.bincount(arr) > 0  # small non-negative integers: no hashing, no sort
        return (np.cumsum(present) - 1)[arr], pd.Index(np.flatnonzero(present).astype(arr.dtype))
    codes, uniques = pd.factorize(pd.Series(arr), sort=True)
    return codes, pd.Index(uniques).infer_objects()  # object ints become int64, as groupby's keys do


def quantile_scores(values, bins: int = 5, *, higher_is_better: bool = True) -> pd.Series:
    """Scores 1..bins by quantiles, with ties sharing a score.

    The tie rule: a customer's score counts how many whole ``1/bins``
    fractions of the customers have a strictly **worse** value::

        below_i = #{j : x_j < x_i}   (#{j : x_j > x_i} if higher_is_better is False)
        score_i = 1 + floor(bins * below_i / n)

    So equal values always get the same score, the score never decreases as
    the value improves, the best value's score is at most ``bins``, and the
    worst value gets 1.  With many ties (e.g. 40 % of customers with a single
    purchase) a score can be empty: those customers all score 1, the next
    value starts at ``1 + floor(bins * 0.4) = 3``.  Integer arithmetic: no
    rounding at the boundaries.

    Parameters
    ----------
    values : pandas.Series
        Finite numbers per customer.
    bins : int, default 5
        Number of scores, 2..10.
    higher_is_better : bool, default True
        False for recency (fewer days since the last purchase is better).

    Returns
    -------
    pandas.Series of int, same index.

    Examples
    --------
    >>> quantile_scores(pd.Series([1, 1, 2, 3, 10]), bins=5).tolist()
    [1, 1, 3, 4, 5]
    >>> quantile_scores(pd.Series([5, 40, 200]), bins=3, higher_is_better=False).tolist()
    [3, 2, 1]
    """
    v = as_numeric_series(values, "values")
    bins = _whole(bins, "bins", 2, 10)
    if not isinstance(higher_is_better, (bool, np.bool_)):
        raise TypeError(f"higher_is_better must be True or False, got {higher_is_better!r}")
    arr = v.to_numpy()
    return pd.Series(_quantile_scores(arr if higher_is_better else -arr, bins), index=v.index, dtype="int64")


def _quantile_scores(key: np.ndarray, bins: int) -> np.ndarray:
    """``1 + floor(bins * #{j : key_j < key_i} / n)`` from one sort: equal keys share their run's start."""
    order = np.argsort(key)  # any order of equal keys gives the same run starts
    ranked = key[order]
    starts = np.flatnonzero(np.concatenate([[True], ranked[1:] != ranked[:-1]]))
    below = np.empty(len(key), dtype=np.int64)
    below[order] = np.repeat(starts, np.diff(np.append(starts, len(key))))  # count of strictly worse values
    return 1 + (bins * below) // len(key)


def _edge_scores(values: np.ndarray, edges, bins: int, *, higher_is_better: bool, name: str) -> np.ndarray:
    if isinstance(edges, (str, bytes)) or not isinstance(edges, Sequence | np.ndarray):
        raise TypeError(f"{name} must be a sequence of {bins - 1} increasing numbers, got {edges!r}")
    if any(isinstance(x, bool) or not isinstance(x, Real) for x in edges):
        raise TypeError(f"{name} must be a sequence of {bins - 1} increasing numbers, got {edges!r}")
    e = np.asarray(list(edges), dtype=float)
    if not np.isfinite(e).all():
        raise ValueError(f"{name} must be finite numbers (no NaN or inf), got {tuple(e.tolist())}")
    if len(e) != bins - 1:
        raise ValueError(f"{name} must hold bins - 1 = {bins - 1} inner edges, got {len(e)}: {tuple(e.tolist())}")
    if np.any(np.diff(e) <= 0):
        raise ValueError(f"{name} must be strictly increasing, got {tuple(e.tolist())}")
    passed = np.searchsorted(e, values, side="right")  # edges <= value: [e_j, e_j+1) is one bin
    return (1 + passed) if higher_is_better else (bins - passed)


def doubling_edges(first, bins: int = 5) -> list[float]:
    """Inner bin edges that double: ``first, 2 first, 4 first, ...`` (``bins - 1`` of them).

    A simple way to set explicit RFM edges with one number per dimension:
    recency, frequency and spend are all right-skewed, so bands that double
    in width hold comparable numbers of customers.

    Examples
    --------
    >>> doubling_edges(30)
    [30.0, 60.0, 120.0, 240.0]
    """
    first = _number(first, "first", low=0, low_open=True)
    bins = _whole(bins, "bins", 2, 10)
    return [first * 2.0**j for j in range(bins - 1)]


def rfm_scores(rfm, bins: int = 5, *, edges=None, weights=None, segment_map=None) -> pd.DataFrame:
    """Score recency, frequency and monetary value 1..bins and name the R x F segment.

    Scores (5 = best): **R** is high for a recent purchase (small recency),
    **F** for many transactions, **M** for a large amount.

    * By default each dimension is scored by quantiles with
      :func:`quantile_scores` (ties share a score: ``1 + floor(bins * share
      of customers with a strictly worse value)``).
    * ``edges`` sets explicit inner bin edges for some dimensions, e.g.
      ``{"recency": [30, 60, 120, 240]}`` (days): a bin includes its lower
      edge, so for frequency and monetary ``score = 1 + #{edges <= x}`` and
      for recency ``score = bins - #{edges <= recency}`` (recency < 30 -> 5,
      30 <= recency < 60 -> 4, ..., recency >= 240 -> 1).

    The weighted RFM score is ``rfm_score = (w_R R + w_F F + w_M M) /
    (w_R + w_F + w_M)`` (equal weights by default), in [1, bins].  The segment
    comes from the R x F map :data:`RF_SEGMENTS` (champions, loyal, potential
    loyalists, new, promising, need attention, about to sleep, at risk,
    cannot lose, hibernating); it is given for ``bins = 5`` or with a
    ``segment_map`` that covers every (R, F) cell.

    Parameters
    ----------
    rfm : pandas.DataFrame
        A :func:`rfm_table` result (columns ``recency, frequency, monetary``).
    bins : int, default 5
        Number of scores per dimension, 2..10.
    edges : mapping, optional
        Dimension -> ``bins - 1`` strictly increasing inner edges.
    weights : mapping, optional
        Dimension -> weight >= 0 (not all 0); missing dimensions weigh 0.
    segment_map : mapping, optional
        ``(R, F) -> segment name`` for every R, F in 1..bins.

    Returns
    -------
    pandas.DataFrame
        Same index as ``rfm``: the three input columns, ``R, F, M`` (int),
        ``rfm_code`` (e.g. ``"545"``, for bins <= 9), ``rfm_score`` (float)
        and, when a map applies, ``segment`` (categorical in
        :data:`SEGMENT_ORDER` or the map's order of first appearance).

    Examples
    --------
    >>> rfm = pd.DataFrame({"recency": [5, 50, 400], "frequency": [12, 3, 1],
    ...                     "monetary": [900.0, 120.0, 40.0]}, index=["a", "b", "c"])
    >>> rfm_scores(rfm, bins=3)[["R", "F", "M", "rfm_code"]]
       R  F  M rfm_code
    a  3  3  3      333
    b  2  2  2      222
    c  1  1  1      111
    >>> s = rfm_scores(rfm, edges={"recency": [30, 60, 120, 240], "frequency": [2, 4, 8, 16],
    ...                            "monetary": [50, 100, 200, 400]})
    >>> s[["R", "F", "M", "segment"]].astype(str).values.tolist()
    [['5', '4', '5', 'champions'], ['4', '2', '3', 'potential_loyalists'], ['1', '1', '1', 'hibernating']]
    """
    check_columns(rfm, RFM_DIMENSIONS, "rfm")
    _unique_ids(rfm, "rfm")
    bins = _whole(bins, "bins", 2, 10)
    for dim in RFM_DIMENSIONS:
        _numeric_column(rfm, dim, "rfm")
    if (rfm["recency"] < 0).any():
        raise ValueError("rfm column 'recency' must be >= 0 days (no purchase after as_of)")
    if edges is None:
        edges = {}
    if not isinstance(edges, Mapping):
        raise TypeError(f"edges must be a mapping dimension -> inner edges, got {type(edges).__name__}")
    unknown = [k for k in edges if k not in RFM_DIMENSIONS]
    if unknown:
        raise ValueError(f"edges names unknown dimension(s) {_preview(unknown)}; allowed: {RFM_DIMENSIONS}")
    w = check_weights(weights if weights is not None else dict.fromkeys(RFM_DIMENSIONS, 1.0), "weights",
                      RFM_DIMENSIONS)
    out = rfm[list(RFM_DIMENSIONS)].copy()
    for dim, col in zip(RFM_DIMENSIONS, "RFM"):
        better = dim != "recency"
        if dim in edges:
            scores = _edge_scores(out[dim].to_numpy(dtype=float), edges[dim], bins, higher_is_better=better,
                                  name=f"edges[{dim!r}]")
        else:
            arr = out[dim].to_numpy(dtype=float)  # checked above
            scores = _quantile_scores(arr if better else -arr, bins)
        out[col] = np.asarray(scores, dtype="int64")
    if bins <= 9:  # "RFM" digits, looked up (string concatenation per row is ~300x slower)
        digits = pd.Index([f"{i:03d}" for i in range(1000)], dtype="str")
        out["rfm_code"] = pd.Series(digits.take(out["R"].to_numpy() * 100 + out["F"].to_numpy() * 10
                                                + out["M"].to_numpy()), index=out.index)
    total = sum(w.values())
    score = sum(w.get(dim, 0.0) * out[col] for dim, col in zip(RFM_DIMENSIONS, "RFM")) / total
    # a weighted mean lies between the scores it averages; rounding must not take it outside them
    # (weights 1, 0, 0.9 and R = M = 3 give 5.7 / 1.9 = 3.0000000000000004 > bins = 3)
    used = [col for dim, col in zip(RFM_DIMENSIONS, "RFM") if w.get(dim, 0.0) > 0]
    out["rfm_score"] = score.clip(out[used].min(axis=1), out[used].max(axis=1))
    mapping = _segment_map(segment_map, bins)
    if mapping is not None:
        order = list(SEGMENT_ORDER) if segment_map is None else list(dict.fromkeys(mapping.values()))
        grid = np.zeros((bins + 1, bins + 1), dtype=np.int64)  # (R, F) -> position of its segment in order
        for (r, f), name in mapping.items():
            grid[r, f] = order.index(name)
        out["segment"] = pd.Categorical.from_codes(grid[out["R"].to_numpy(), out["F"].to_numpy()], categories=order)
    return out


def _segment_map(segment_map, bins: int):
    if segment_map is None:
        return RF_SEGMENTS if bins == 5 else None
    if not isinstance(segment_map, Mapping):
        raise TypeError(f"segment_map must be a mapping (R, F) -> segment name, got {type(segment_map).__name__}")
    missing = [(r, f) for r in range(1, bins + 1) for f in range(1, bins + 1) if (r, f) not in segment_map]
    if missing:
        raise ValueError(f"segment_map must name a segment for every (R, F) cell 1..{bins}; missing {_preview(missing)}")
    cells = set(RF_SEGMENTS) if bins == 5 else {(r, f) for r in range(1, bins + 1) for f in range(1, bins + 1)}
    unknown = [key for key in segment_map if key not in cells]
    if unknown:
        raise ValueError(f"segment_map has keys that are not (R, F) cells 1..{bins}: {_preview(unknown)}")
    return segment_map


def _unique_ids(frame: pd.DataFrame, name: str) -> None:
    if frame.index.has_duplicates:
        raise ValueError(f"{name} has duplicate customer ids {_preview(frame.index[frame.index.duplicated()].unique())}; "
                         "one row per customer")


def _check_scores(scores, need=("R", "F")) -> pd.DataFrame:
    check_columns(scores, list(need), "scores")
    _unique_ids(scores, "scores")
    for col in need:
        if col in ("R", "F", "M", "recency", "frequency", "monetary", "rfm_score"):
            arr = _numeric_column(scores, col, "scores")
            if (arr < 0).any():
                raise ValueError(f"scores column {col!r} must be >= 0; negative at rows "
                                 f"{_preview(scores.index[arr < 0])}")
    return scores


def _value_column(scores: pd.DataFrame, value) -> pd.Series:
    if value is None:
        return scores["monetary"].astype(float)
    v = as_numeric_series(value, "value")
    missing = scores.index.difference(v.index)
    if len(missing):
        raise ValueError(f"value has no entry for customers {_preview(missing)}")
    return v.reindex(scores.index)


def rfm_segment_summary(scores, value=None) -> pd.DataFrame:
    """Size and value of each named RFM segment.

    Parameters
    ----------
    scores : pandas.DataFrame
        An :func:`rfm_scores` result with a ``segment`` column.
    value : pandas.Series, optional
        Value per customer (e.g. profit); default the ``monetary`` column.

    Returns
    -------
    pandas.DataFrame
        Indexed by segment (every category, empty ones with zeros):
        ``customers, customer_share, value, value_share, recency, frequency,
        monetary`` (the last three are segment means; 0 for an empty segment).
        ``value_share`` = segment value / total value.

    Examples
    --------
    >>> rfm = pd.DataFrame({"recency": [5, 50, 400], "frequency": [12, 3, 1],
    ...                     "monetary": [900.0, 120.0, 40.0]}, index=["a", "b", "c"])
    >>> s = rfm_segment_summary(rfm_scores(rfm, edges={"recency": [30, 60, 120, 240],
    ...     "frequency": [2, 4, 8, 16], "monetary": [50, 100, 200, 400]}))
    >>> s.loc[["champions", "hibernating"], ["customers", "value"]].values.tolist()
    [[1.0, 900.0], [1.0, 40.0]]
    """
    _check_scores(scores, ("segment", "recency", "frequency", "monetary"))
    if not isinstance(scores["segment"].dtype, pd.CategoricalDtype):
        raise TypeError("scores must come from rfm_scores (column 'segment' is categorical)")
    val = _value_column(scores, value)
    grouped = scores.groupby("segment", observed=False)
    out = pd.DataFrame({"customers": grouped.size().astype(float),
                        "value": val.groupby(scores["segment"], observed=False).sum()})
    out["customer_share"] = out["customers"] / len(scores)
    total = float(val.sum())
    if total == 0:
        raise ValueError("value sums to zero; value shares are undefined")
    out["value_share"] = out["value"] / total
    means = grouped[list(RFM_DIMENSIONS)].mean().fillna(0.0)  # empty segment: no customers, mean shown as 0
    out = out.join(means)
    out.index.name = "segment"
    return out[["customers", "customer_share", "value", "value_share", *RFM_DIMENSIONS]]


def rf_grid(scores, value=None, bins: int | None = None) -> dict:
    """Customers and value share in each cell of the R x F grid.

    Returns a dict of three DataFrames indexed by R (``bins`` .. 1, best
    first) with columns F (1 .. bins): ``customers`` (counts), ``value``
    (sum of ``value``, default monetary) and ``value_share`` (cell value /
    total value).  ``bins`` defaults to the largest score present.

    Examples
    --------
    >>> rfm = pd.DataFrame({"recency": [5, 50, 400], "frequency": [12, 3, 1],
    ...                     "monetary": [900.0, 120.0, 40.0]}, index=["a", "b", "c"])
    >>> rf_grid(rfm_scores(rfm, bins=3))["customers"].values.tolist()
    [[0, 0, 1], [0, 1, 0], [1, 0, 0]]
    """
    _check_scores(scores)
    n = int(max(scores["R"].max(), scores["F"].max())) if bins is None else _whole(bins, "bins", 2, 10)
    val = _value_column(scores, value)
    r = scores["R"].to_numpy(dtype=int)
    f = scores["F"].to_numpy(dtype=int)
    if r.min() < 1 or f.min() < 1 or r.max() > n or f.max() > n:
        raise ValueError(f"scores R and F must lie in 1..{n}")
    cell = (n - r) * n + (f - 1)
    counts = np.bincount(cell, minlength=n * n).reshape(n, n)
    sums = np.bincount(cell, weights=val.to_numpy(), minlength=n * n).reshape(n, n)
    total = float(val.sum())
    if total == 0:
        raise ValueError("value sums to zero; value shares are undefined")
    index = pd.Index(range(n, 0, -1), name="R")
    columns = pd.Index(range(1, n + 1), name="F")
    return {"customers": pd.DataFrame(counts, index=index, columns=columns),
            "value": pd.DataFrame(sums, index=index, columns=columns),
            "value_share": pd.DataFrame(sums / total, index=index, columns=columns)}


def score_band_summary(scores, value=None, bins: int | None = None) -> pd.DataFrame:
    """Customers and value by band of the weighted RFM score.

    Band b (1..bins) holds the customers with ``b - 0.5 <= rfm_score < b +
    0.5`` (the score rounded half up; band 1 from 1, band ``bins`` up to
    ``bins``).  Returns ``customers, customer_share, value, value_share`` per
    band (every band listed).

    Examples
    --------
    >>> s = pd.DataFrame({"rfm_score": [1.0, 2.5, 4.9], "monetary": [10.0, 30.0, 60.0]})
    >>> score_band_summary(s, bins=5)["value_share"].tolist()
    [0.1, 0.0, 0.3, 0.0, 0.6]
    """
    _check_scores(scores, ["rfm_score"])
    score = _numeric_column(scores, "rfm_score", "scores")
    n = int(np.ceil(score.max())) if bins is None else _whole(bins, "bins", 2, 10)
    if score.min() < 1 or score.max() > n:
        raise ValueError(f"scores column 'rfm_score' must lie in [1, {n}]")
    val = _value_column(scores, value).to_numpy()
    band = np.clip(np.floor(score + 0.5), 1, n).astype(int)  # score n stays in band n
    counts = np.bincount(band - 1, minlength=n)
    sums = np.bincount(band - 1, weights=val, minlength=n)
    total = float(val.sum())
    if total == 0:
        raise ValueError("value sums to zero; value shares are undefined")
    out = pd.DataFrame({"customers": counts, "customer_share": counts / len(score), "value": sums,
                        "value_share": sums / total}, index=pd.Index(range(1, n + 1), name="band"))
    return out


# --------------------------------------------------------------------------
# k-means clustering
# --------------------------------------------------------------------------
def _feature_matrix(features, log) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(original, transformed) features after checks; transformed = log1p of the ``log`` columns."""
    if not isinstance(features, pd.DataFrame):
        raise TypeError(f"features must be a pandas DataFrame (rows = customers), got {type(features).__name__}")
    if features.shape[1] < 1 or len(features) == 0:
        raise ValueError("features is empty; it needs at least one column and one row")
    if features.index.has_duplicates:
        raise ValueError(f"features has duplicate customer ids {_preview(features.index[features.index.duplicated()])}")
    for col in features.columns:
        _numeric_column(features, col, "features")
    if isinstance(log, str):
        log = [log]
    elif isinstance(log, (Sequence, np.ndarray, pd.Index)) and all(isinstance(c, str) for c in log):
        log = list(log)
    else:
        raise TypeError(f"log must be a column name or a list of column names, got {log!r}")
    unknown = [c for c in log if c not in features.columns]
    if unknown:
        raise ValueError(f"log names unknown column(s) {_preview(unknown)}; features has {_preview(features.columns, 12)}")
    orig = features.astype(float)
    work = orig.copy()
    for col in log:
        if (work[col] < 0).any():
            raise ValueError(f"log column {col!r} must be >= 0 for log(1 + x)")
        work[col] = np.log1p(work[col])
    return orig, work


def _standardise(work: pd.DataFrame) -> pd.DataFrame:
    sd = work.std(ddof=0)
    flat = sd[sd == 0]
    if len(flat):
        raise ValueError(f"feature {flat.index[0]!r} has the same value for every customer; "
                         "it cannot be standardised (drop it first)")
    return (work - work.mean()) / sd


def _renumber_by_size(labels: np.ndarray, k: int) -> np.ndarray:
    """Segment numbers 1..k: the largest cluster = 1, ties by the earliest member."""
    counts = np.bincount(labels, minlength=k)
    first = np.array([np.flatnonzero(labels == c)[0] if counts[c] else len(labels) for c in range(k)])
    order = sorted(range(k), key=lambda c: (-counts[c], first[c]))
    renumber = np.empty(k, dtype=int)
    renumber[order] = np.arange(1, k + 1)
    return renumber[labels]


def kmeans_segments(features, k, seed=0, *, log=()) -> dict:
    """Segment customers by k-means on standardised features (K均值聚类).

    Each feature (after ``log(1 + x)`` for the columns in ``log``, which
    tames the long right tail of frequency and spend) is standardised,
    ``z = (x - mean) / sd`` (population sd), so every feature counts alike;
    k-means then minimises the within-cluster sum of squares (inertia)
    ``sum_i ||z_i - c_(cluster i)||^2`` (Lloyd's algorithm, best of
    ``n_init=10`` starts from k-means++ seeds, computed as
    :class:`sklearn.cluster.KMeans` does).  Segments are
    numbered by size, the largest = 1 (ties: the segment of the customer that
    comes first in ``features``), so the result does not depend on the
    arbitrary label order of the fit.

    Parameters
    ----------
    features : pandas.DataFrame
        Numeric features per customer (e.g. ``recency, frequency,
        monetary``), unique index; no constant column.
    k : int
        Number of segments, 2 <= k < number of customers.
    seed : int, default 0
        Random state of the k-means starts.
    log : sequence of str, default ()
        Columns (>= 0) to transform with log(1 + x) before standardising.

    Returns
    -------
    dict
        ``segment``: Series customer -> 1..k; ``sizes``: Series segment ->
        customers; ``profiles``: DataFrame segment x feature of means in the
        **original units**; ``centers``: the cluster centres in standardised
        units (segment x feature); ``scaled``: the standardised feature
        matrix; ``inertia``: float.

    Examples
    --------
    >>> x = pd.DataFrame({"a": [0.0, 0.1, 0.2, 10.0, 10.1], "b": [1.0, 1.1, 0.9, 5.0, 5.2]})
    >>> seg = kmeans_segments(x, 2)
    >>> seg["segment"].tolist(), seg["sizes"].tolist()
    ([1, 1, 1, 2, 2], [3, 2])
    """
    orig, work = _feature_matrix(features, log)
    n = len(orig)
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 2 <= k < max(n, 3):
        raise ValueError(f"k must be a whole number from 2 to {max(n - 1, 2)} (fewer than the {n} customers), "
                         f"got {k!r}")
    k = int(k)
    seed = check_seed(seed)
    scaled = _standardise(work)
    labels, inertia = _multivariate.kmeans(scaled.to_numpy(), k, n_init=10, seed=seed)
    segment = pd.Series(_renumber_by_size(labels, k), index=orig.index, name="segment")
    profiles = orig.groupby(segment.to_numpy()).mean()
    profiles.index.name = "segment"
    centers = scaled.groupby(segment.to_numpy()).mean()
    centers.index.name = "segment"
    sizes = segment.value_counts().sort_index().rename("customers")
    sizes.index.name = "segment"
    return {"segment": segment, "sizes": sizes, "profiles": profiles, "centers": centers, "scaled": scaled,
            "inertia": inertia}


def choose_k(features, k_values=range(2, 9), seed=0, *, log=()) -> pd.DataFrame:
    """Inertia and mean silhouette of k-means for each k, to choose the number of segments.

    Look for the **elbow** of the inertia (where adding a segment stops
    reducing the within-cluster spread much) and for a **high silhouette**
    (Rousseeuw 1987: ``s_i = (b_i - a_i) / max(a_i, b_i)``, with a_i the mean
    distance to the own cluster and b_i to the nearest other cluster; near 1
    = well separated, near 0 = on a border).

    Returns a DataFrame indexed by ``k`` with ``inertia`` and ``silhouette``.

    Examples
    --------
    >>> x = pd.DataFrame({"a": [0.0, 0.1, 0.2, 10.0, 10.1, 20.0], "b": [1.0, 1.1, 0.9, 5.0, 5.2, 9.0]})
    >>> choose_k(x, [2, 3])["silhouette"].idxmax()
    3
    """
    if isinstance(k_values, (str, bytes)) or not isinstance(k_values, (Sequence, range, np.ndarray)):
        raise TypeError(f"k_values must be a sequence of whole numbers >= 2, got {k_values!r}")
    ks = [_whole(k, "k_values", 2) for k in k_values]
    check_seed(seed)
    if not ks:
        raise ValueError("k_values must hold at least one k >= 2")
    rows = []
    for k in ks:
        fit = kmeans_segments(features, k, seed=seed, log=log)
        sil = _multivariate.silhouette_score(fit["scaled"].to_numpy(), fit["segment"].to_numpy())
        rows.append((k, fit["inertia"], float(sil)))
    return pd.DataFrame(rows, columns=["k", "inertia", "silhouette"]).set_index("k")


def principal_components(features, n_components: int = 2, *, log=()) -> pd.DataFrame:
    """Coordinates of the customers on the first principal components of the standardised features.

    For a 2-D picture of clusters found in more dimensions.  Each component's
    sign is chosen so that its largest loading is positive (deterministic).
    Returns a DataFrame ``PC1, PC2, ...`` indexed like ``features``; the
    share of variance each explains is in ``.attrs["explained_variance_ratio"]``.

    Examples
    --------
    >>> x = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [2.0, 4.1, 5.9, 8.0]})
    >>> round(principal_components(x, 1).attrs["explained_variance_ratio"][0], 3)
    1.0
    """
    _, work = _feature_matrix(features, log)
    n_components = _whole(n_components, "n_components", 1, work.shape[1])
    scaled = _standardise(work)
    comps, ratio = _multivariate.pca(scaled.to_numpy(), n_components)
    signs = np.sign(comps[np.arange(n_components), np.abs(comps).argmax(axis=1)])
    comps = comps * signs[:, None]
    coords = scaled.to_numpy() @ comps.T
    out = pd.DataFrame(coords, index=work.index, columns=[f"PC{i + 1}" for i in range(n_components)])
    out.attrs["explained_variance_ratio"] = ratio.tolist()
    out.attrs["loadings"] = pd.DataFrame(comps.T, index=work.columns, columns=out.columns)
    return out


# --------------------------------------------------------------------------
# customer profitability, the whale curve, ABC by profit
# --------------------------------------------------------------------------
def customer_profitability(transactions, customer, revenue, direct_cost, service_cost, *,
                           cost_to_serve_factor=1.0) -> pd.DataFrame:
    """Profit per customer after the cost to serve (客户盈利能力与服务成本).

    Activity-based customer profitability (Kaplan and Cooper 1998, ch. 10)::

        gross_margin = revenue - direct_cost                (line-haul, product)
        profit       = gross_margin - factor * service_cost (pickup, handling, admin, claims)
        margin       = profit / revenue

    summed over each customer's transactions.  ``cost_to_serve_factor`` scales
    the cost to serve (1 = as recorded) for what-if analysis.

    Parameters
    ----------
    transactions : pandas.DataFrame
        One row per transaction.
    customer, revenue, direct_cost, service_cost : str
        Column names; revenue > 0, costs >= 0.
    cost_to_serve_factor : float, default 1.0
        Multiplier (>= 0) of the service cost.

    Returns
    -------
    pandas.DataFrame
        Indexed by customer (sorted): ``transactions, revenue, direct_cost,
        service_cost, gross_margin, profit, margin``.

    Examples
    --------
    >>> log = pd.DataFrame({"c": ["a", "a", "b"], "rev": [100.0, 50.0, 20.0], "dc": [60.0, 30.0, 12.0],
    ...                     "sc": [5.0, 5.0, 15.0]})
    >>> customer_profitability(log, "c", "rev", "dc", "sc")[["gross_margin", "profit"]].to_dict("index")
    {'a': {'gross_margin': 60.0, 'profit': 50.0}, 'b': {'gross_margin': 8.0, 'profit': -7.0}}
    """
    check_column_args(transactions, "transactions", customer=customer, revenue=revenue, direct_cost=direct_cost,
                      service_cost=service_cost)
    check_columns(transactions, [customer, revenue, direct_cost, service_cost], "transactions")
    factor = _number(cost_to_serve_factor, "cost_to_serve_factor", low=0)
    ids = _check_ids(transactions, customer, "transactions")
    rev = _numeric_column(transactions, revenue, "transactions", positive=True)
    costs = {}
    for col in (direct_cost, service_cost):
        arr = _numeric_column(transactions, col, "transactions")
        if (arr < 0).any():
            raise ValueError(f"transactions column {col!r} must be >= 0; negative at rows "
                             f"{_preview(transactions.index[arr < 0])}")
        costs[col] = arr
    frame = pd.DataFrame({"c": ids.to_numpy(), "revenue": rev, "direct_cost": costs[direct_cost],
                          "service_cost": costs[service_cost]})
    grouped = frame.groupby("c", sort=True)
    out = grouped[["revenue", "direct_cost", "service_cost"]].sum()
    out.insert(0, "transactions", grouped.size().astype("int64"))
    out["gross_margin"] = out["revenue"] - out["direct_cost"]
    out["profit"] = out["gross_margin"] - factor * out["service_cost"]
    out["margin"] = out["profit"] / out["revenue"]
    out.index.name = customer
    out.columns.name = None
    return out


def with_cost_to_serve(profitability, factor) -> pd.DataFrame:
    """Recompute ``profit`` and ``margin`` of a :func:`customer_profitability` table for a new factor.

    ``profit = gross_margin - factor * service_cost`` (``service_cost`` is
    the cost to serve as recorded); use it to ask "what if serving
    customers cost 50 % more?" without going back to the transactions.

    Examples
    --------
    >>> prof = pd.DataFrame({"revenue": [100.0], "gross_margin": [40.0], "service_cost": [10.0]})
    >>> with_cost_to_serve(prof, 2.0)["profit"].tolist()
    [20.0]
    """
    check_columns(profitability, ["revenue", "gross_margin", "service_cost"], "profitability")
    factor = _number(factor, "factor", low=0)
    _numeric_column(profitability, "revenue", "profitability", positive=True)
    _numeric_column(profitability, "gross_margin", "profitability")  # a loss-making customer: any sign
    if (_numeric_column(profitability, "service_cost", "profitability") < 0).any():
        raise ValueError("profitability column 'service_cost' must be >= 0")
    out = profitability.copy()
    out["profit"] = out["gross_margin"] - factor * out["service_cost"]
    out["margin"] = out["profit"] / out["revenue"]
    return out


def whale_curve(profit) -> pd.DataFrame:
    """The customer profitability (whale) curve (客户盈利能力曲线 / 鲸鱼曲线).

    Customers are ranked by profit, most profitable first (ties keep input
    order).  For the first *i* customers of *n*::

        cum_customer_share_i = i / n
        cum_profit_share_i   = sum_{j <= i} profit_j / sum_j profit_j

    The curve rises above 100 % while profitable customers are added, peaks
    after the last one, and falls back to exactly 100 % as the unprofitable
    customers give back part of the profit (Kaplan and Cooper 1998: often the
    most profitable 20 % earn 150-300 % of the total profit).

    Parameters
    ----------
    profit : pandas.Series
        Profit per customer (may be negative); the total must be > 0.

    Returns
    -------
    pandas.DataFrame
        Indexed by customer in rank order: ``profit, rank, cum_profit,
        cum_customer_share, cum_profit_share``.

    Examples
    --------
    >>> whale_curve(pd.Series({"a": 60.0, "b": 50.0, "c": -10.0}))["cum_profit_share"].tolist()
    [0.6, 1.1, 1.0]
    """
    p = as_numeric_series(profit, "profit")
    total = float(p.sum())
    if not total > 0:
        raise ValueError(f"profit must sum to more than 0 for a whale curve (shares of total profit), got {total:g}")
    arr = p.to_numpy()
    order = np.argsort(-arr, kind="stable")
    sorted_p = arr[order]
    cum = np.cumsum(sorted_p)
    n = len(arr)
    out = pd.DataFrame({"profit": sorted_p, "rank": np.arange(1, n + 1), "cum_profit": cum,
                        "cum_customer_share": np.arange(1, n + 1) / n, "cum_profit_share": cum / total},
                       index=p.index[order])
    out.loc[out.index[-1], "cum_profit_share"] = 1.0  # the sum, not a rounded quotient: exactly 100 %
    out.index.name = p.index.name or "customer"
    return out


def whale_summary(curve) -> pd.Series:
    """Key numbers of a :func:`whale_curve`.

    ``customers``; ``profitable`` (profit > 0) and ``unprofitable`` (profit
    < 0) counts; ``peak_profit_share`` (the top of the curve, >= 1) and
    ``peak_customer_share`` (the share of customers where it is reached);
    ``total_profit``; ``loss`` (the profit the unprofitable customers give
    back, >= 0); ``top_20_profit_share`` (profit share of the best 20 % of
    customers, rounded up to whole customers).

    Examples
    --------
    >>> s = whale_summary(whale_curve(pd.Series({"a": 60.0, "b": 50.0, "c": -10.0})))
    >>> float(s["peak_profit_share"]), int(s["unprofitable"]), float(s["loss"])
    (1.1, 1, 10.0)
    """
    check_columns(curve, ["profit", "cum_profit", "cum_customer_share", "cum_profit_share"], "curve")
    for col in ("profit", "cum_profit", "cum_customer_share", "cum_profit_share"):
        _numeric_column(curve, col, "curve")
    profit = curve["profit"].to_numpy(dtype=float)
    share = curve["cum_profit_share"].to_numpy(dtype=float)
    n = len(profit)
    peak = int(np.argmax(share))
    top = int(np.ceil(0.2 * n))
    return pd.Series({
        "customers": float(n),
        "profitable": float((profit > 0).sum()),
        "unprofitable": float((profit < 0).sum()),
        "peak_profit_share": float(share[peak]),
        "peak_customer_share": float(curve["cum_customer_share"].iloc[peak]),
        "total_profit": float(curve["cum_profit"].iloc[-1]),
        "loss": float(-profit[profit < 0].sum()),
        "top_20_profit_share": float(share[top - 1]),
    })


def profit_deciles(profit, groups: int = 10) -> pd.DataFrame:
    """Profit of each group of customers ranked by profit (decile 1 = most profitable).

    Customers ranked as in :func:`whale_curve` are cut into ``groups`` groups
    of (nearly) equal size: customer of rank i (1-based) goes to group
    ``ceil(groups * i / n)``.  Returns ``customers, profit, profit_share``
    per group (share of total profit; negative for loss-making groups).

    Examples
    --------
    >>> profit_deciles(pd.Series([5.0, 4.0, 3.0, -2.0]), groups=2)["profit"].tolist()
    [9.0, 1.0]
    """
    curve = whale_curve(profit)
    groups = _whole(groups, "groups", 1)
    n = len(curve)
    if groups > n:
        raise ValueError(f"groups must be at most the number of customers ({n}), got {groups}")
    group = -(-groups * curve["rank"].to_numpy() // n)
    total = float(curve["profit"].sum())
    sums = np.bincount(group - 1, weights=curve["profit"].to_numpy(), minlength=groups)
    counts = np.bincount(group - 1, minlength=groups)
    return pd.DataFrame({"customers": counts, "profit": sums, "profit_share": sums / total},
                        index=pd.Index(range(1, groups + 1), name="group"))


def customer_abc(profit, cutoffs=(0.8, 0.95), labels=("A", "B", "C"), loss_label="D") -> pd.DataFrame:
    """ABC classification of customers by profit, with a class for loss-making ones.

    The profitable customers (profit > 0) are classified with
    :func:`scm_course.priority.abc_classify` on their share of the **total
    positive profit** (the peak of the whale curve): class A carries the
    first ``cutoffs[0]`` of it, and so on.  Customers with profit <= 0 earn
    nothing for the firm and go to ``loss_label`` (default ``"D"``); they are
    listed last, least bad first, with ``share = profit / total positive
    profit`` (<= 0) and ``cum_share`` continuing the running sum (so it falls
    back below 1, as on the whale curve).

    Returns the :func:`~scm_course.priority.abc_classify` columns ``value,
    share, cum_share, rank, cls`` (``cls`` categorical: labels then
    ``loss_label``).  :func:`~scm_course.priority.abc_summary` summarises it.

    Examples
    --------
    >>> profit = pd.Series({"a": 70.0, "b": 20.0, "c": 10.0, "d": -5.0})
    >>> customer_abc(profit)["cls"].astype(str).tolist()  # b carries the share across 80 %: stays A
    ['A', 'A', 'B', 'D']
    """
    p = as_numeric_series(profit, "profit")
    if isinstance(labels, str) or not isinstance(labels, Sequence):
        raise TypeError(f"labels must be a sequence of class labels, got {labels!r}")
    if not isinstance(loss_label, str) or not loss_label:
        raise TypeError(f"loss_label must be a non-empty text label, got {loss_label!r}")
    if loss_label in tuple(labels):
        raise ValueError(f"loss_label must differ from labels {tuple(labels)}, got {loss_label!r}")
    positive = p[p > 0]
    if positive.empty:
        raise ValueError("profit has no customer with profit > 0; there is nothing to classify by ABC")
    out = abc_classify(positive, cutoffs=cutoffs, labels=labels)
    losses = p[p <= 0]
    total = float(positive.sum())
    categories = [*labels, loss_label]
    out["cls"] = pd.Categorical(out["cls"].astype(str), categories=categories)
    if len(losses):
        order = np.argsort(-losses.to_numpy(), kind="stable")
        vals = losses.to_numpy()[order]
        tail = pd.DataFrame({"value": vals, "share": vals / total, "cum_share": 1.0 + np.cumsum(vals) / total,
                             "rank": np.arange(len(out) + 1, len(out) + len(vals) + 1),
                             "cls": pd.Categorical([loss_label] * len(vals), categories=categories)},
                            index=losses.index[order])
        out = pd.concat([out, tail])
        out["cls"] = pd.Categorical(out["cls"].astype(str), categories=categories)
    out.index.name = p.index.name or "customer"
    return out


# --------------------------------------------------------------------------
# key accounts
# --------------------------------------------------------------------------
def key_accounts(profitability, rfm, *, profit_share=0.5, max_recency=90, min_frequency=12) -> pd.DataFrame:
    """Identify key accounts (大客户) and give every customer a management tier.

    Criteria (stated so that they can be argued with and changed):

    1. **value** -- the customer is among the most profitable customers that
       together earn the first ``profit_share`` of the total positive profit
       (class A of :func:`customer_abc` with cut-off ``profit_share``);
    2. **activity** -- at least ``min_frequency`` transactions in the window;
    3. **recency** -- the last transaction at most ``max_recency`` days
       before the observation end.

    Tiers, in this order of precedence:

    ============================  ==========================================
    ``unprofitable`` (亏损客户)     profit <= 0
    ``key_account`` (大客户)        criteria 1, 2 and 3
    ``key_account_at_risk``         criterion 1, but not 2 or not 3
    ``growth`` (潜力客户)           not 1, but 2 and 3 (active, profitable)
    ``standard`` (一般客户)         the rest
    ============================  ==========================================

    :func:`account_actions` gives the management action of each tier.

    Parameters
    ----------
    profitability : pandas.DataFrame
        :func:`customer_profitability` result (``revenue``, ``profit``).
    rfm : pandas.DataFrame
        :func:`rfm_table` result for the same customers.
    profit_share : float, default 0.5
        Share of the total positive profit that defines the top, in (0, 1).
    max_recency : int, default 90
        Days, >= 0.
    min_frequency : int, default 12
        Transactions, >= 1.

    Returns
    -------
    pandas.DataFrame
        Indexed by customer, most profitable first: ``revenue, profit,
        profit_share, cum_profit_share, recency, frequency, top_value,
        active, tier`` (``tier`` categorical in :data:`ACCOUNT_TIERS`).

    Examples
    --------
    >>> prof = pd.DataFrame({"revenue": [900.0, 300.0, 200.0, 50.0], "profit": [300.0, 60.0, 40.0, -5.0]},
    ...                     index=["a", "b", "c", "d"])
    >>> rfm = pd.DataFrame({"recency": [10, 200, 5, 30], "frequency": [40, 30, 20, 15],
    ...                     "monetary": [900.0, 300.0, 200.0, 50.0]}, index=["a", "b", "c", "d"])
    >>> key_accounts(prof, rfm)["tier"].astype(str).tolist()
    ['key_account', 'standard', 'growth', 'unprofitable']
    """
    check_columns(profitability, ["revenue", "profit"], "profitability")
    check_columns(rfm, ["recency", "frequency"], "rfm")
    share = _number(profit_share, "profit_share")
    if not 0 < share < 1:
        raise ValueError(f"profit_share must lie in (0, 1), got {profit_share!r}")
    max_recency = _number(max_recency, "max_recency", low=0)
    min_frequency = _number(min_frequency, "min_frequency", low=1)
    _unique_ids(profitability, "profitability")
    _unique_ids(rfm, "rfm")
    if (_numeric_column(profitability, "revenue", "profitability") < 0).any():
        raise ValueError("profitability column 'revenue' must be >= 0")
    for col in ("recency", "frequency"):
        if (_numeric_column(rfm, col, "rfm") < 0).any():
            raise ValueError(f"rfm column {col!r} must be >= 0")
    missing = profitability.index.difference(rfm.index)
    if len(missing):
        raise ValueError(f"rfm has no row for customers {_preview(missing)} of profitability")
    profit = as_numeric_series(profitability["profit"], "profitability['profit']")
    abc = customer_abc(profit, cutoffs=(share,), labels=("top", "rest"), loss_label="loss")
    out = pd.DataFrame({"revenue": profitability["revenue"].reindex(abc.index).astype(float),
                        "profit": abc["value"], "profit_share": abc["share"], "cum_profit_share": abc["cum_share"]})
    out["recency"] = rfm["recency"].reindex(abc.index)
    out["frequency"] = rfm["frequency"].reindex(abc.index)
    out["top_value"] = (abc["cls"] == "top").to_numpy()
    out["active"] = ((out["recency"] <= max_recency) & (out["frequency"] >= min_frequency)).to_numpy()
    tier = np.where(out["profit"] <= 0, "unprofitable",
                    np.where(out["top_value"], np.where(out["active"], "key_account", "key_account_at_risk"),
                             np.where(out["active"], "growth", "standard")))
    out["tier"] = pd.Categorical(tier, categories=list(ACCOUNT_TIERS))
    return out


def account_actions(language: str | None = None) -> pd.DataFrame:
    """Management action for each customer tier of :func:`key_accounts`, in the course language.

    Returns a DataFrame indexed by tier with ``tier_name`` and ``action``.

    Examples
    --------
    >>> account_actions("en").loc["unprofitable", "tier_name"]
    'Unprofitable customer'
    """
    from .i18n import LANGUAGES, t

    if language is not None:
        check_option(language, "language", LANGUAGES)
    rows = {tier: (t(f"segment.tier.{tier}", language=language), t(f"segment.action.{tier}", language=language))
            for tier in ACCOUNT_TIERS}
    out = pd.DataFrame.from_dict(rows, orient="index", columns=["tier_name", "action"])
    out.index.name = "tier"
    return out
