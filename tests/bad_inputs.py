"""The bad-input matrix: every public function, every argument, every kind of bad value.

A test module lists :class:`Case` objects, one per public function, each with a
*valid* call (a function returning fresh keyword arguments).  :func:`matrix`
expands them into (case, argument, kind, bad value) rows: each argument of the
valid call is replaced, one at a time, by each bad value that fits its type
(:func:`mutations`).  :func:`check` then demands what issue 10 asks:

* the call raises ``ValueError`` or ``TypeError`` (``KeyError`` is not clear
  enough: it prints only the key) whose message names the argument;
* it is raised by the course's own code, not deep inside pandas, numpy, scipy or
  matplotlib (the frame that raised is in ``scm_course/``);
* or, where the case says the bad value is acceptable (``accepts``), the call
  succeeds and its result holds no NaN (never a silent NaN).

``tests/test_bad_inputs_coverage.py`` fails when a public function has no case.
"""
from __future__ import annotations

import dataclasses
import math
import os
import re
import tempfile
import traceback
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd

PACKAGE = Path(__file__).resolve().parent.parent / "scm_course"

#: every kind of bad value, and what it means
KINDS = {
    "wrong type": "a value of another type (text for a number, a number for text, an object for a table)",
    "none": "None where a value is required",
    "nan": "NaN (in a number, a Series, an array or a table's numeric column)",
    "inf": "infinity",
    "empty": "an empty Series, table, list, dict or string",
    "negative": "a negative number (or negative entries)",
    "out of range": "far too large (1e12), or above 1 where a share or probability is natural",
    "duplicate keys": "a Series or table whose index repeats a label",
    "unknown label": "an option or key that does not exist (also in Chinese)",
    "chinese columns": "a table whose column names are Chinese (非 ASCII)",
    "missing column": "a table without one of its columns",
}


@dataclasses.dataclass
class Case:
    """One public function and a valid call of it.

    name     dotted name under ``scm_course`` (``"priority.abc_classify"``)
    valid    returns fresh keyword arguments for a valid call
    accepts  ``{argument: {kind, ...}}``: bad values the function may accept (the result must then
             hold no NaN); e.g. ``{"profit": {"negative"}}`` where a loss is a real input
    skip     ``{argument: reason}``: arguments not mutated (e.g. a random generator, a callback)
    aliases  ``{argument: (word, ...)}``: other words that count as naming the argument in a message
             (e.g. a column name for a table argument)
    """

    name: str
    valid: Callable[[], dict]
    accepts: dict = dataclasses.field(default_factory=dict)
    skip: dict = dataclasses.field(default_factory=dict)
    aliases: dict = dataclasses.field(default_factory=dict)

    def function(self) -> Callable:
        import importlib

        module, _, attr = f"scm_course.{self.name}".rpartition(".")
        return getattr(importlib.import_module(module), attr)


def _numeric_columns(df: pd.DataFrame) -> list:
    return [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])]


def mutations(value: Any) -> list[tuple[str, Any]]:
    """The bad values that fit ``value``'s type, as ``(kind, bad value)`` pairs."""
    out: list[tuple[str, Any]] = [("none", None)] if value is not None else []
    if isinstance(value, (bool, np.bool_)):
        return out + [("wrong type", "yes")]
    if isinstance(value, (int, float, np.integer, np.floating)):
        return out + [("wrong type", "1.0"), ("nan", math.nan), ("inf", math.inf),
                      ("negative", -abs(float(value)) - 1.0), ("out of range", 1e12)]
    if isinstance(value, str):
        return out + [("wrong type", 7), ("empty", ""), ("unknown label", "no-such-option"),
                      ("unknown label", "未知选项")]
    if isinstance(value, pd.Series):
        out += [("wrong type", "not a series"), ("empty", value.iloc[:0])]
        if len(value) > 1:
            dup = value.copy()
            dup.index = [value.index[0]] * len(value)
            out.append(("duplicate keys", dup))
        if pd.api.types.is_numeric_dtype(value) and not pd.api.types.is_bool_dtype(value) and len(value):
            for kind, bad in (("nan", math.nan), ("inf", math.inf)):
                changed = value.astype(float).copy()
                changed.iloc[0] = bad
                out.append((kind, changed))
            out.append(("negative", -value.abs() - 1))
            out.append(("wrong type", value.astype(str)))
        return out
    if isinstance(value, pd.DataFrame):
        out += [("wrong type", value.to_dict("list") if len(value.columns) else 7), ("empty", value.iloc[:0])]
        if len(value.columns):
            out.append(("missing column", value.drop(columns=value.columns[0])))
            out.append(("chinese columns", value.set_axis([f"列{i}" for i in range(value.shape[1])], axis=1)))
        if len(value) > 1:
            out.append(("duplicate keys", value.set_axis([value.index[0]] * len(value), axis=0)))
        numeric = _numeric_columns(value)
        if numeric and len(value):
            for kind, bad in (("nan", math.nan), ("inf", math.inf)):
                changed = value.copy()
                changed[numeric[0]] = changed[numeric[0]].astype(float)
                changed.iloc[0, changed.columns.get_loc(numeric[0])] = bad
                out.append((kind, changed))
            changed = value.copy()
            changed[numeric[0]] = -changed[numeric[0]].abs() - 1
            out.append(("negative", changed))
        return out
    if isinstance(value, (np.ndarray, list, tuple)) and not isinstance(value, str):
        array = np.asarray(value)
        out += [("empty", type(value)() if not isinstance(value, np.ndarray) else array[:0])]
        if array.dtype.kind in "if" and array.size:
            for kind, bad in (("nan", math.nan), ("inf", math.inf)):
                changed = array.astype(float).copy()
                changed.flat[0] = bad
                out.append((kind, changed if isinstance(value, np.ndarray) else type(value)(changed.tolist())))
            neg = -np.abs(array) - 1
            out.append(("negative", neg if isinstance(value, np.ndarray) else type(value)(neg.tolist())))
            out.append(("wrong type", ["a"] * array.size if not isinstance(value, np.ndarray) else array.astype(str)))
        return out
    if isinstance(value, dict):
        out += [("wrong type", 7), ("empty", {})]
        if value:
            out.append(("unknown label", {**value, "未知键": next(iter(value.values()))}))
            first = next(iter(value))
            if isinstance(value[first], (int, float)) and not isinstance(value[first], bool):
                out.append(("nan", {**value, first: math.nan}))
                out.append(("negative", {**value, first: -abs(value[first]) - 1}))
        return out
    return out + [("wrong type", object())]


def matrix(cases: list[Case]) -> list:
    """Rows ``(case, argument, kind, index)`` for ``pytest.mark.parametrize`` (values are rebuilt per test)."""
    import pytest

    rows = []
    for case in cases:
        for arg, value in case.valid().items():
            if arg in case.skip:
                continue
            for index, (kind, _) in enumerate(mutations(value)):
                rows.append(pytest.param(case, arg, kind, index, id=f"{case.name}-{arg}-{kind}-{index}"))
    return rows


def _raised_in_package(err: BaseException) -> bool:
    frames = traceback.extract_tb(err.__traceback__)
    return bool(frames) and Path(frames[-1].filename).resolve().is_relative_to(PACKAGE)


def _holds_nan(result: Any, depth: int = 0) -> bool:
    if depth > 3:
        return False
    if isinstance(result, (pd.DataFrame, pd.Series)):
        numeric = result.select_dtypes("number") if isinstance(result, pd.DataFrame) else (
            result if pd.api.types.is_numeric_dtype(result) else None)
        return numeric is not None and bool(np.isnan(np.asarray(numeric, dtype=float)).any())
    if isinstance(result, np.ndarray) and result.dtype.kind == "f":
        return bool(np.isnan(result).any())
    if isinstance(result, (float, np.floating)):
        return math.isnan(result)
    if isinstance(result, dict):
        return any(_holds_nan(v, depth + 1) for v in result.values())
    if isinstance(result, (list, tuple)):
        return any(_holds_nan(v, depth + 1) for v in result[:50])
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return any(_holds_nan(getattr(result, f.name), depth + 1) for f in dataclasses.fields(result))
    return False


def check(case: Case, arg: str, kind: str, index: int) -> None:
    """Call ``case``'s function with argument ``arg`` replaced by its ``index``-th bad value; assert the contract."""
    kwargs = case.valid()
    bad_kind, bad = mutations(kwargs[arg])[index]
    assert bad_kind == kind
    kwargs[arg] = bad
    func = case.function()
    where = f"{case.name}({arg}=<{kind}>)"
    here = os.getcwd()
    try:  # in a scratch folder: a bad folder name ("no-such-option") may legitimately be created
        with tempfile.TemporaryDirectory() as scratch:
            os.chdir(scratch)
            try:
                result = func(**kwargs)
            finally:
                os.chdir(here)
    except (ValueError, TypeError) as err:
        message = str(err)
        names = (arg, *case.aliases.get(arg, ()))
        # as a word: "a" must not be found inside "data", nor "order" inside "order_id"
        assert any(re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", message) for name in names), \
            f"{where}: the message does not name the argument {arg!r}: {message!r}"
        assert _raised_in_package(err), (
            f"{where}: {type(err).__name__} raised deep inside a library, not by the course's own checks:\n"
            + "".join(traceback.format_exception(err)[-3:]))
        return
    except Exception as err:  # noqa: BLE001 - anything else is the failure we are looking for
        raise AssertionError(f"{where}: {type(err).__name__} instead of a clear ValueError/TypeError: {err}") from err
    assert kind in case.accepts.get(arg, set()), f"{where}: accepted silently (no error raised)"
    assert not _holds_nan(result), f"{where}: accepted, but the result holds NaN"
