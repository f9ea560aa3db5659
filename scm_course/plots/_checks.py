"""Input checks of the plot layer.

A ``plot_*`` or ``update_*`` function draws a model's output; a NaN, a missing
column or a wrong type there would otherwise surface as a blank artist or an
error deep inside matplotlib.  These helpers check the data up front and raise
``TypeError``/``ValueError`` naming the argument (and the column), in the
style of :mod:`scm_course._validation`, which they reuse.
"""
from __future__ import annotations

from collections.abc import Mapping
from numbers import Real

import numpy as np
import pandas as pd

from .._validation import _parse_interval, _preview, as_number_array, check_columns, check_option

__all__ = ["check_ax", "check_axes", "check_handles", "check_number", "check_int", "check_text", "check_flag",
           "check_frame", "check_column", "check_series", "check_point", "check_labels", "check_option"]


def check_ax(ax, name: str = "ax"):
    """``ax`` is None or a matplotlib Axes."""
    if ax is not None:
        from matplotlib.axes import Axes

        if not isinstance(ax, Axes):
            raise TypeError(f"{name} must be a matplotlib Axes or None, got {type(ax).__name__}")
    return ax


def check_axes(axes, n: int, name: str = "axes"):
    """``axes`` is None or a sequence of ``n`` matplotlib Axes."""
    if axes is None:
        return None
    from matplotlib.axes import Axes

    items = list(axes) if isinstance(axes, (list, tuple, np.ndarray)) else None
    if items is None or len(items) != n or not all(isinstance(a, Axes) for a in items):
        raise TypeError(f"{name} must be None or a sequence of {n} matplotlib Axes, got {type(axes).__name__}")
    return axes


def check_handles(handles, cls: type, maker: str, name: str = "handles"):
    """``handles`` is the object ``maker`` returned (an update cannot redraw anything else)."""
    if not isinstance(handles, cls):
        raise TypeError(f"{name} must be the {cls.__name__} returned by {maker}(), got {type(handles).__name__}")
    return handles


def check_number(value, name: str, interval: str | None = None) -> float:
    """A single finite real number, optionally in ``interval`` (e.g. ``"[0, 1]"``)."""
    arr = as_number_array(value, name, interval=interval)
    if arr.ndim != 0:
        raise TypeError(f"{name} must be a single number, got an array of shape {arr.shape}")
    return float(arr)


def check_text(value, name: str, *, optional: bool = False):
    """A label text (any string, also empty or Chinese); None too where ``optional``."""
    if value is None and optional:
        return value
    if not isinstance(value, str):
        allowed = "a string or None" if optional else "a string"
        raise TypeError(f"{name} must be {allowed}, got {type(value).__name__}")
    return value


def check_flag(value, name: str) -> bool:
    """A true/false switch."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def _check_numbers(values: pd.Series, label: str, *, interval: str | None, allow_nan: bool) -> np.ndarray:
    if values.dtype == bool or not (pd.api.types.is_numeric_dtype(values.dtype) or values.dtype == object):
        raise TypeError(f"{label} must hold numbers, got dtype {values.dtype}")
    if values.dtype == object:
        bad = [v for v in values if isinstance(v, bool) or not (isinstance(v, Real) or v is None)]
        if bad:
            raise TypeError(f"{label} must hold numbers, got non-numeric values {_preview(bad)}")
    arr = values.to_numpy(dtype=float, na_value=np.nan)
    bad = np.isinf(arr) if allow_nan else ~np.isfinite(arr)
    if bad.any():
        what = "inf" if allow_nan else "NaN or inf"
        raise ValueError(f"{label} must be finite numbers; {what} at {_preview(values.index[bad])}")
    if interval is not None:
        low, high, low_in, high_in = _parse_interval(interval)
        with np.errstate(invalid="ignore"):
            out = (arr < low if low_in else arr <= low) | (arr > high if high_in else arr >= high)
        if out.any():
            where = values.index[out]
            raise ValueError(f"{label} must lie in {interval}, got {_preview(arr[out].tolist())} at {_preview(where)}")
    return arr


def check_column(df: pd.DataFrame, column, name: str, *, interval: str | None = None,
                 allow_nan: bool = False) -> np.ndarray:
    """The numbers of one column of table ``name``: finite (NaN allowed with ``allow_nan``), in ``interval``."""
    return _check_numbers(df[column], f"{name}[{column!r}]", interval=interval, allow_nan=allow_nan)


def check_frame(df, name: str, columns=(), *, numbers=None, unique_index: bool = True, allow_empty: bool = False,
                all_numeric: str | None = None, allow_nan: bool = False) -> pd.DataFrame:
    """A table ``name`` with ``columns``; ``numbers`` maps columns to their interval (None = any finite number).

    ``all_numeric`` (an interval, or ``"(-inf, inf)"``) checks every column as numbers.
    """
    if allow_empty:
        if not isinstance(df, pd.DataFrame):
            raise TypeError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
        missing = [c for c in columns if c not in df.columns]
        if missing:
            raise ValueError(f"{name} is missing column(s) {_preview(missing)}; it has {_preview(df.columns, 12)}")
    else:
        check_columns(df, columns, name)
    if unique_index and df.index.has_duplicates:
        dup = df.index[df.index.duplicated()].unique()
        raise ValueError(f"{name} has duplicate row labels {_preview(dup)}; each row needs its own label")
    for column, interval in (numbers or {}).items():
        check_column(df, column, name, interval=interval, allow_nan=allow_nan)
    if all_numeric is not None:
        if df.columns.has_duplicates:
            raise ValueError(f"{name} has duplicate column labels {_preview(df.columns[df.columns.duplicated()])}")
        for column in df.columns:
            check_column(df, column, name, interval=all_numeric, allow_nan=allow_nan)
    return df


def check_series(values, name: str, *, interval: str | None = None, allow_empty: bool = False,
                 unique_index: bool = True, allow_nan: bool = False) -> pd.Series:
    """A Series of numbers ``name`` with unique labels, finite, in ``interval``."""
    if not isinstance(values, pd.Series):
        raise TypeError(f"{name} must be a pandas Series, got {type(values).__name__}")
    if len(values) == 0 and not allow_empty:
        raise ValueError(f"{name} is empty; it needs at least one value")
    if unique_index and values.index.has_duplicates:
        dup = values.index[values.index.duplicated()].unique()
        raise ValueError(f"{name} has duplicate labels {_preview(dup)}; each value needs its own label")
    _check_numbers(values, name, interval=interval, allow_nan=allow_nan)
    return values


def check_point(point, name: str, keys: Mapping) -> Mapping:
    """A point as a mapping (``{"service_level": 0.95, "profit": ...}``): ``keys`` maps each key to its interval.

    Other keys are allowed (a point carries every column of its curve).
    """
    if not isinstance(point, Mapping):
        raise TypeError(f"{name} must be a mapping such as {{{', '.join(repr(k) + ': ...' for k in keys)}}}, "
                        f"got {type(point).__name__}")
    missing = [k for k in keys if k not in point]
    if missing:
        raise ValueError(f"{name} is missing key(s) {_preview(missing)}; it has {_preview(point, 12)}")
    for key, interval in keys.items():
        check_number(point[key], f"{name}[{key!r}]", interval)
    return point


def check_int(value, name: str, low: int, high: int | None = None) -> int:
    """A whole number in ``[low, high]`` (a count of artists to create, a number of stages, ...)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number, got {value!r}")
    if value < low or (high is not None and value > high):
        raise ValueError(f"{name} must lie in [{low}, {'inf' if high is None else high}], got {value}")
    return int(value)


def check_labels(values, name: str, allowed) -> None:
    """Every entry of ``values`` is one of ``allowed`` (e.g. a region or action name that picks a colour)."""
    allowed = list(allowed)
    unknown = [v for v in pd.unique(np.asarray(values, dtype=object)) if v not in allowed]
    if unknown:
        raise ValueError(f"{name} must hold only {_preview(allowed, 12)}, got {_preview(unknown)}")
