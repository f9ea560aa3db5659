"""Input validation shared by every model function.

One place for the checks, so that every public function raises the same kind of
error with a message that names the argument, the bad value and the rule
(scikit-learn style).  Nothing here coerces silently: a value is accepted as it
is, converted losslessly, or rejected.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from numbers import Real

import numpy as np
import pandas as pd

__all__ = [
    "as_timestamp",
    "as_numeric_series",
    "check_columns",
    "check_column_args",
    "check_fraction_cutoffs",
    "check_weights",
    "check_option",
    "as_number_array",
    "check_seed",
    "as_folder",
]


def _preview(values: Iterable, limit: int = 5) -> str:
    values = list(values)
    shown = ", ".join(repr(v) for v in values[:limit])
    return shown + (", ..." if len(values) > limit else "")


def as_numeric_series(
    values,
    name: str,
    *,
    nonnegative: bool = False,
    positive: bool = False,
    allow_empty: bool = False,
    not_all_zero: bool = False,
) -> pd.Series:
    """Return ``values`` as a float Series after checking it.

    ``values`` must be a pandas Series (or a mapping, converted to one) with a
    unique index and finite numeric values.
    """
    if isinstance(values, Mapping):
        values = pd.Series(dict(values), dtype="object")
    if not isinstance(values, pd.Series):
        raise TypeError(
            f"{name} must be a pandas Series indexed by item (or a dict item -> number), "
            f"got {type(values).__name__}"
        )
    if len(values) == 0 and not allow_empty:
        raise ValueError(f"{name} is empty; it needs at least one item")
    if values.index.has_duplicates:
        dup = values.index[values.index.duplicated()].unique()
        raise ValueError(f"{name} has duplicate item ids: {_preview(dup)}; ids must be unique")
    if values.dtype == bool or not (
        pd.api.types.is_numeric_dtype(values.dtype) or values.dtype == object
    ):
        raise TypeError(f"{name} must hold numbers, got dtype {values.dtype}")
    if values.dtype == object:
        bad = [v for v in values if isinstance(v, bool) or not isinstance(v, Real)]
        if bad:
            raise TypeError(f"{name} must hold numbers, got non-numeric values {_preview(bad)}")
    # na_value: nullable dtypes (Int64, Float64) turn <NA> into NaN, reported below
    arr = values.to_numpy(dtype=float, na_value=np.nan)
    finite = np.isfinite(arr)
    if not finite.all():
        where = list(values.index[~finite])
        raise ValueError(f"{name} must be finite numbers; NaN or inf at items {_preview(where)}")
    if positive and (arr <= 0).any():
        where = list(values.index[arr <= 0])
        raise ValueError(f"{name} must be > 0; got values <= 0 at items {_preview(where)}")
    if nonnegative and (arr < 0).any():
        where = list(values.index[arr < 0])
        raise ValueError(f"{name} must be >= 0; got negative values at items {_preview(where)}")
    if not_all_zero and len(arr) and not arr.any():
        raise ValueError(f"{name} are all zero; at least one must be > 0")
    return pd.Series(arr, index=values.index, name=values.name)


def check_columns(df, required: Iterable[str], name: str = "df") -> pd.DataFrame:
    """Check ``df`` is a non-empty DataFrame that has every column in ``required``."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise ValueError(
            f"{name} is missing column(s) {_preview(missing)}; it has {_preview(df.columns, 12)}"
        )
    if len(df) == 0:
        raise ValueError(f"{name} is empty; it needs at least one row")
    return df


def check_column_args(df, name: str = "df", /, **columns) -> pd.DataFrame:
    """Check ``df`` is a non-empty DataFrame and each column-name argument names one of its columns.

    For functions that take a table and the names of its columns as arguments:
    the error names the argument (``customer``), not only the missing column.
    ``df`` and ``name`` are positional-only, so a column argument may itself be called ``name``.

    >>> check_column_args(pd.DataFrame({"id": [1]}), "transactions", customer="cust")
    Traceback (most recent call last):
    ...
    ValueError: customer must name a column of transactions: missing column 'cust'; transactions has columns 'id'
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
    for arg, column in columns.items():
        try:
            found = column in df.columns
        except TypeError:  # unhashable (a list, a dict): never a column name
            found = False
        if not found:
            raise ValueError(f"{arg} must name a column of {name}: missing column {column!r}; "
                             f"{name} has columns {_preview(df.columns, 12)}")
    if len(df) == 0:
        raise ValueError(f"{name} is empty; it needs at least one row")
    return df


def check_fraction_cutoffs(cutoffs, name: str = "cutoffs") -> tuple[float, ...]:
    """Check cut-offs are strictly increasing numbers strictly inside (0, 1)."""
    try:
        values = tuple(float(c) for c in cutoffs)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a sequence of numbers, got {cutoffs!r}") from None
    if not values:
        raise ValueError(f"{name} must hold at least one cut-off in (0, 1)")
    if not all(np.isfinite(values)) or any(c <= 0 or c >= 1 for c in values):
        raise ValueError(f"{name} must lie strictly between 0 and 1, got {values}")
    if any(b <= a for a, b in zip(values, values[1:])):
        raise ValueError(f"{name} must be strictly increasing, got {values}")
    return values


def check_weights(weights, name: str, allowed: Iterable) -> dict:
    """Check a mapping key -> weight: known keys, finite, >= 0, not all zero."""
    if not isinstance(weights, Mapping):
        raise TypeError(f"{name} must be a mapping key -> weight, got {type(weights).__name__}")
    allowed = list(allowed)
    unknown = [k for k in weights if k not in allowed]
    if unknown:
        raise ValueError(f"{name} names unknown key(s) {_preview(unknown)}; allowed: {_preview(allowed, 20)}")
    out = {}
    for key, w in weights.items():
        if isinstance(w, bool) or not isinstance(w, Real):
            raise TypeError(f"{name}[{key!r}] must be a number, got {w!r}")
        if not np.isfinite(w) or w < 0:
            raise ValueError(f"{name}[{key!r}] must be a finite number >= 0, got {w!r}")
        out[key] = float(w)
    if not out or not any(out.values()):
        raise ValueError(f"{name} are all zero (or empty); at least one weight must be > 0")
    return out


def check_option(value, name: str, allowed: Iterable):
    """Check ``value`` is one of ``allowed`` and list the valid options if not."""
    allowed = list(allowed)
    if value not in allowed:
        raise ValueError(f"{name} must be one of [{_preview(allowed, 20)}], got {value!r}")
    return value


def _parse_interval(interval: str):
    """``"(0, 1)"`` -> (0.0, 1.0, False, False); ``"[0, inf)"`` -> (0.0, inf, True, False)."""
    text = interval.strip()
    if len(text) < 5 or text[0] not in "([" or text[-1] not in ")]" or "," not in text:
        raise ValueError(f"interval must look like '(0, 1)' or '[0, inf)', got {interval!r}")
    low, high = (float(part) for part in text[1:-1].split(","))
    return low, high, text[0] == "[", text[-1] == "]"


def as_number_array(values, name: str, *, interval: str | None = None) -> np.ndarray:
    """Return a number, or an array of numbers, as a float ndarray after checking it.

    Accepts a real number or an array-like of them (list, tuple, ndarray,
    Series); rejects booleans, strings and other objects with ``TypeError``,
    and NaN or inf with ``ValueError``.  ``interval`` states the allowed range
    in the usual notation -- ``"(0, 1)"`` open, ``"[0, inf)"`` half-open -- and
    the error message repeats it, naming the argument.  A scalar comes back as
    a 0-d array (``float(arr)`` gives the number).

    Examples
    --------
    >>> as_number_array([0.5, 0.9], "service_level", interval="(0, 1)").tolist()
    [0.5, 0.9]
    >>> as_number_array(1.2, "service_level", interval="(0, 1)")
    Traceback (most recent call last):
    ...
    ValueError: service_level must lie in (0, 1), got 1.2
    """
    raw = np.asarray(values)
    if raw.dtype == bool:
        raise TypeError(f"{name} must be a number, got a boolean")
    if raw.dtype.kind == "O":
        flat = raw.ravel().tolist()
        if any(isinstance(v, bool) or not isinstance(v, Real) for v in flat):
            raise TypeError(f"{name} must be a number or an array of numbers, got {values!r}")
        raw = np.asarray(flat, dtype=float).reshape(raw.shape)
    elif raw.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be a number or an array of numbers, got {values!r}")
    arr = raw.astype(float)
    if not np.isfinite(arr).all():
        shown = values if arr.ndim == 0 else _preview(arr[~np.isfinite(arr)])
        raise ValueError(f"{name} must be finite (no NaN or inf), got {shown!r}")
    if interval is not None:
        low, high, low_in, high_in = _parse_interval(interval)
        bad = (arr < low if low_in else arr <= low) | (arr > high if high_in else arr >= high)
        if bad.any():
            shown = f"{float(arr):g}" if arr.ndim == 0 else _preview(arr[bad].tolist())
            raise ValueError(f"{name} must lie in {interval}, got {shown}")
    return arr


def as_timestamp(value, name: str) -> pd.Timestamp:
    """A single date (e.g. an "as of" or observation-end date) as a Timestamp.

    Numbers and booleans are refused (``20250331`` is not read as a date);
    the error names the argument and shows an accepted form.
    """
    if isinstance(value, bool) or value is None or (isinstance(value, Real) and not isinstance(value, np.datetime64)):
        raise TypeError(f"{name} must be a date (e.g. '2025-12-31' or a pandas Timestamp), got {value!r}")
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a date such as '2025-12-31', got {value!r}") from None
    if pd.isna(ts):
        raise ValueError(f"{name} must be a date such as '2025-12-31', got {value!r}")
    return ts


def check_seed(seed, name: str = "seed", *, generator: bool = False):
    """A random seed: a whole number >= 0 (or, with ``generator=True``, a numpy Generator).

    Refuses what numpy would reject deep inside ``default_rng`` (floats, text)
    and ``None`` (fresh entropy: the course's outputs must be reproducible).

    >>> check_seed(2.5)
    Traceback (most recent call last):
    ...
    TypeError: seed must be a whole number >= 0, got 2.5
    """
    if generator and isinstance(seed, np.random.Generator):
        return seed
    allowed = "a whole number >= 0" + (" or a numpy Generator" if generator else "")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"{name} must be {allowed}, got {seed!r}")
    if seed < 0:
        raise ValueError(f"{name} must be {allowed}, got {seed!r}")
    return int(seed)


def as_folder(value, name: str = "folder", *, must_exist: bool = False):
    """A folder argument as a :class:`pathlib.Path`: text or a path, not empty (``""`` would mean the
    current folder), and with ``must_exist`` an existing directory.

    >>> as_folder(7)
    Traceback (most recent call last):
    ...
    TypeError: folder must be a path (str or pathlib.Path), got int 7
    """
    import os
    from pathlib import Path

    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"{name} must be a path (str or pathlib.Path), got {type(value).__name__} {value!r}")
    if isinstance(value, str) and not value.strip():
        raise ValueError(f"{name} must be a path, got an empty string")
    path = Path(value)
    if must_exist and not path.is_dir():
        raise ValueError(f"{name} must be an existing folder, got {str(path)!r} (no such folder)")
    return path
