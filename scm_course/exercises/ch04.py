"""Exercises of Chapter 4, setting customer service priorities (设定客户服务优先级).

Each grader computes the expected answer with the package's model functions on
the exercise's data (the course's distributor dataset or a seed table) -- there
is no stored answer key -- and either returns a short note for a correct
answer or raises :class:`~scm_course.exercises.WrongAnswer` with a hint that
points to the method, not to the number.

======  =================================================================  =========
id      question                                                           answer
======  =================================================================  =========
q1      products in class A by units sold (default cut-offs 80 %, 95 %)    int
q2      order service priority of product L if its importance became 1    int
q3      strategy with the most products when splitting at the mean         str
q4      availability and delivery days of cell III x C, weights matrix     pair
q5      weighted score of each supplier with equal weights                 dict
======  =================================================================  =========
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import numpy as np
import pandas as pd

from .. import priority as pr
from ..data import load_distributor, load_instance
from ..i18n import t
from . import WrongAnswer, describe, normalise_text, read_int, read_number, read_percent, read_text

__all__ = [
    "QUESTIONS",
    "expected_answer",
    "per_product_totals",
    "supplier_table",
    "textbook_order_priority",
]

#: Class weights of the "from weights" contribution matrix (section 4 of the chapter).
CUSTOMER_WEIGHTS = {"I": 5.0, "II": 4.0, "III": 3.0, "IV": 2.0, "V": 1.0}
PRODUCT_WEIGHTS = {"A": 4.0, "B": 3.0, "C": 2.0, "D": 1.0}
#: Tolerance for answers given with two decimals.
DECIMALS_TOL = 0.006


# --------------------------------------------------------------------------
# the exercises' data, built exactly as in the chapter notebook
# --------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _tables() -> dict:
    return load_distributor()


def per_product_totals(tables=None) -> pd.DataFrame:
    """Revenue, margin and quantity per product over all order lines.

    Products without an order line appear with zeros (as in the chapter).
    """
    tables = tables if tables is not None else _tables()
    if not isinstance(tables, Mapping):
        raise TypeError(f"tables must be a dict of the distributor's tables (load_distributor()), "
                        f"got {type(tables).__name__}")
    missing = [name for name in ("order_lines", "products") if name not in tables]
    if missing:
        raise ValueError(f"tables lacks the table(s) {missing}; it has {list(tables)}")
    lines, products = tables["order_lines"], tables["products"]
    return (lines.groupby("product_id")[["revenue", "margin", "quantity"]].sum()
            .reindex(products["product_id"], fill_value=0))


def textbook_order_priority() -> tuple[pd.Series, pd.Series]:
    """Profit-margin rank and importance of the seed's order-priority table (T1)."""
    inst = load_instance("order_priority")
    return (pd.Series(inst["profit_rank"], index=inst["products"]),
            pd.Series(inst["importance"], index=inst["products"]))


def supplier_table() -> tuple[pd.DataFrame, dict]:
    """Supplier mean ratings (rows S1-S3 x eight attributes) and importance weights (T8)."""
    inst = load_instance("supplier_ratings")
    scores = pd.DataFrame({f"S{k}": inst[f"supplier_{k}_mean"] for k in (1, 2, 3)}, index=inst["attributes"]).T
    return scores, dict(zip(inst["attributes"], inst["importance_mean"]))


# --------------------------------------------------------------------------
# expected answers (computed, never stored)
# --------------------------------------------------------------------------
def _q1_counts() -> dict[str, int]:
    totals = per_product_totals()
    return {m: int((pr.abc_classify(totals[m])["cls"] == "A").sum()) for m in totals.columns}


def _q2_priority(new_importance: int) -> int:
    rank, importance = textbook_order_priority()
    importance = importance.copy()
    importance["L"] = new_importance
    return int(pr.order_priority(rank, importance).loc["L", "priority"])


def _q3_counts() -> pd.Series:
    totals = per_product_totals()
    sold = totals[totals["quantity"] > 0]
    return pr.volume_profit_matrix(sold, "quantity", "margin", split="mean")["strategy"].value_counts()


def _cell_policy(matrix: pd.DataFrame, customer: str, product: str) -> tuple[float, int]:
    policy = pr.service_policy(matrix)
    return (float(policy["availability"].loc[customer, product]),
            int(policy["delivery_days"].loc[customer, product]))


def _q4_policies() -> dict[str, tuple[float, int]]:
    weights_matrix = pr.contribution_matrix(pd.Series(CUSTOMER_WEIGHTS), pd.Series(PRODUCT_WEIGHTS))
    return {"weights": _cell_policy(weights_matrix, "III", "C"),
            "textbook": _cell_policy(pr.textbook_contribution_matrix(), "III", "C")}


def _q5_scores(equal: bool = True) -> pd.Series:
    scores, weights = supplier_table()
    if equal:
        weights = {attribute: 1.0 for attribute in scores.columns}
    return pr.weighted_scores(scores, weights)


def expected_answer(question: str):
    """The answer the checker expects for ``question`` (``"q1"`` ... ``"q5"``).

    For graders, tests and instructors; the student notebook never shows it.
    """
    if question == "q1":
        return _q1_counts()["quantity"]
    if question == "q2":
        return _q2_priority(1)
    if question == "q3":
        counts = _q3_counts()
        return str(counts.idxmax())
    if question == "q4":
        return _q4_policies()["weights"]
    if question == "q5":
        return {k: float(v) for k, v in _q5_scores().items()}
    raise ValueError(f"question must be one of {sorted(QUESTIONS)}, got {question!r}")


# --------------------------------------------------------------------------
# graders: answer -> note (correct) or WrongAnswer(hint)
# --------------------------------------------------------------------------
def _hint(question: str, name: str = "hint", **fields) -> WrongAnswer:
    return WrongAnswer(t(f"exercises.ch04.{question}.{name}", **fields))


def _note(question: str) -> str:
    return t(f"exercises.ch04.{question}.note")


def grade_q1(answer) -> str:
    value = read_int(answer)
    counts = _q1_counts()
    if value == counts["quantity"]:
        return _note("q1")
    if value in (counts["revenue"], counts["margin"]):
        raise _hint("q1", "hint_measure")
    if value == counts["quantity"] - 1:
        raise _hint("q1", "hint_crossing")
    raise _hint("q1")


def grade_q2(answer) -> str:
    value = read_int(answer)
    if value == _q2_priority(1):
        return _note("q2")
    if value == _q2_priority(3):
        raise _hint("q2", "hint_unchanged")
    raise _hint("q2")


def _strategy_aliases() -> dict[str, str]:
    """Normalised spelling -> strategy key: keys, quadrants, labels in both languages."""
    aliases = {}
    for (volume, profit), key in pr.VOLUME_PROFIT_STRATEGIES.items():
        names = [key, f"{volume}-{profit}"]
        for lang in ("en", "zh"):
            label = t(f"priority.strategy.{key}", language=lang)
            names += [label, label.replace("，", ",").split(",")[0]]
        aliases.update({normalise_text(n): key for n in names})
    return aliases


def grade_q3(answer) -> str:
    text = read_text(answer, example='"reduce_cost"')
    key = _strategy_aliases().get(normalise_text(text))
    if key is None:
        raise _hint("q3", "hint_unknown", options=", ".join(sorted(set(pr.VOLUME_PROFIT_STRATEGIES.values()))))
    if key == expected_answer("q3"):
        return _note("q3")
    raise _hint("q3")


def _read_pair(answer) -> tuple[float, int]:
    if isinstance(answer, Mapping):
        if set(answer) != {"availability", "delivery_days"}:
            raise _hint("q4", "hint_type", got=describe(answer))
        answer = (answer["availability"], answer["delivery_days"])
    if isinstance(answer, (str, bytes)) or not isinstance(answer, (tuple, list, np.ndarray, pd.Series)):
        raise _hint("q4", "hint_type", got=describe(answer))
    items = list(answer)
    if len(items) != 2:
        raise _hint("q4", "hint_type", got=describe(answer))
    try:
        return read_percent(items[0]), read_int(items[1])
    except WrongAnswer:
        pass
    try:  # given the other way round?
        swapped = read_percent(items[1]), read_int(items[0])
    except WrongAnswer:
        swapped = None
    if swapped is not None and _same_policy(swapped, _q4_policies()["weights"]):
        raise _hint("q4", "hint_order")
    raise _hint("q4", "hint_type", got=describe(answer))


def _same_policy(a: tuple[float, int], b: tuple[float, int]) -> bool:
    return abs(a[0] - b[0]) < 1e-9 and a[1] == b[1]


def grade_q4(answer) -> str:
    given = _read_pair(answer)
    policies = _q4_policies()
    expected = policies["weights"]
    if _same_policy(given, expected):
        return _note("q4")
    if _same_policy(given, policies["textbook"]):
        raise _hint("q4", "hint_textbook")
    if abs(given[0] - expected[0]) < 1e-9:
        raise _hint("q4", "hint_days")
    if given[1] == expected[1]:
        raise _hint("q4", "hint_availability")
    raise _hint("q4")


def _supplier_key(key) -> str:
    text = normalise_text(str(key))
    for prefix in ("supplier", "供应商", "s"):
        if text.startswith(prefix) and text[len(prefix):].isdecimal():
            return f"S{int(text[len(prefix):])}"
    return f"S{int(text)}" if text.isdecimal() else str(key)


def grade_q5(answer) -> str:
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    expected = _q5_scores()
    if not isinstance(answer, Mapping):
        raise _hint("q5", "hint_type", keys=", ".join(expected.index), got=describe(answer))
    given = {_supplier_key(k): v for k, v in answer.items()}
    if set(given) != set(expected.index):
        raise _hint("q5", "hint_keys", keys=", ".join(expected.index), got=", ".join(map(str, answer)))
    values = {k: read_number(v, example="4.5") for k, v in given.items()}

    def close(target: pd.Series) -> bool:
        return all(abs(values[k] - target[k]) <= DECIMALS_TOL for k in target.index)

    if close(expected):
        return _note("q5")
    if close(_q5_scores(equal=False)):
        raise _hint("q5", "hint_importance")
    raise _hint("q5")


#: Question -> grader (each returns a note or raises WrongAnswer).
QUESTIONS = {"q1": grade_q1, "q2": grade_q2, "q3": grade_q3, "q4": grade_q4, "q5": grade_q5}
