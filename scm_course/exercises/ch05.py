"""Exercises of Chapter 5, the customer service audit (客户服务审计).

Each grader computes the expected answer with the package's model functions on
the course's survey and fulfilment data -- there is no stored answer key -- and
either returns a short note for a correct answer or raises
:class:`~scm_course.exercises.WrongAnswer` with a hint that points to the
method, not to the number.

======  =================================================================  ==========
id      question                                                           answer
======  =================================================================  ==========
q1      relative performance of attribute 6 computed from the survey       number
q2      elements where Supplier 2 and 3 differ at p <= 0.01                int
q3      minor strengths of Company A with a parity band of +-0.5           numbers
q4      action for attribute 5 if "high" starts at 5.5                     str
q5      size of the largest of four importance segments                    int
q6      months needing corrective action on the error-free rate           int
======  =================================================================  ==========
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from .. import audit as au
from .. import service
from ..data import load_fulfilment, load_survey
from ..i18n import t
from . import WrongAnswer, describe, normalise_text, read_int, read_number, read_text

__all__ = ["QUESTIONS", "expected_answer", "ERROR_FREE_STANDARD", "TOLERANCE"]

#: The error-free standard and the tolerance of exercise 6 (section 5 of the chapter).
ERROR_FREE_STANDARD = 0.95
TOLERANCE = 0.01
DECIMALS_TOL = 0.006


@lru_cache(maxsize=2)
def _survey(name: str) -> pd.DataFrame:
    return load_survey(name)


@lru_cache(maxsize=4)
def _relative(name: str, firm: str, competitor: str) -> pd.DataFrame:
    return au.relative_performance(_survey(name), firm, competitor)


def _step1() -> pd.DataFrame:
    return _relative("audit_survey", "Company A", "Company B")


def _q2_counts() -> dict:
    p = _relative("supplier_survey", "Supplier 2", "Supplier 3")["p_value"]
    return {"0.01": int((p <= 0.01).sum()), "0.05": int((p <= 0.05).sum())}


def _q3_codes(parity=0.5) -> list[int]:
    position = au.competitive_position(_step1(), importance_threshold=5.0, parity=parity)
    return [i + 1 for i, region in enumerate(position["region"]) if region == "minor_strength"]


def _q4_action(cuts=(3.0, 5.5)) -> str:
    return str(au.performance_matrix(_step1(), cuts=cuts).loc["completeness_rate", "action"])


def _q5_sizes(k=4) -> pd.Series:
    return au.importance_segments(_survey("audit_survey"), k)["sizes"]


def _q6_report() -> pd.DataFrame:
    monthly = service.metrics_by_period(load_fulfilment())
    return service.control_report(monthly["error_free"], ERROR_FREE_STANDARD, tolerance=TOLERANCE)


def expected_answer(question: str):
    """The answer the checker expects for ``question`` (``"q1"`` ... ``"q6"``)."""
    if question == "q1":
        return float(_step1().loc["error_adjustment", "difference"])
    if question == "q2":
        return _q2_counts()["0.01"]
    if question == "q3":
        return _q3_codes()
    if question == "q4":
        return _q4_action()
    if question == "q5":
        return int(_q5_sizes().iloc[0])
    if question == "q6":
        return int((_q6_report()["status"] == "below_standard").sum())
    raise ValueError(f"question must be one of {sorted(QUESTIONS)}, got {question!r}")


def _hint(question: str, name: str = "hint", **fields) -> WrongAnswer:
    return WrongAnswer(t(f"exercises.ch05.{question}.{name}", **fields))


def _note(question: str) -> str:
    return t(f"exercises.ch05.{question}.note")


def grade_q1(answer) -> str:
    value = read_number(answer, example="-0.1")
    expected = expected_answer("q1")
    if abs(value - expected) <= DECIMALS_TOL:
        return _note("q1")
    printed = -0.24  # the seed's row 6
    if abs(value - printed) <= 1e-9:
        raise _hint("q1", "hint_printed")
    if abs(value + expected) <= DECIMALS_TOL:
        raise _hint("q1", "hint_sign")
    raise _hint("q1")


def grade_q2(answer) -> str:
    value = read_int(answer, example="3")
    counts = _q2_counts()
    if value == counts["0.01"]:
        return _note("q2")
    if value == counts["0.05"]:
        raise _hint("q2", "hint_level")
    raise _hint("q2")


def _read_codes(answer) -> list[int]:
    if isinstance(answer, (str, bytes)) or not isinstance(answer, (list, tuple, set, np.ndarray, pd.Series, pd.Index)):
        raise _hint("q3", "hint_type", got=describe(answer))
    return sorted(read_int(v, example="7") for v in answer)


def grade_q3(answer) -> str:
    given = _read_codes(answer)
    if given == expected_answer("q3"):
        return _note("q3")
    if given == _q3_codes(parity=1.0):
        raise _hint("q3", "hint_default")
    raise _hint("q3")


def _action_aliases() -> dict[str, str]:
    aliases = {}
    for key in set(au.PERFORMANCE_ACTIONS.values()):
        names = [key] + [t(f"audit.action.{key}", language=lang) for lang in ("en", "zh")]
        aliases.update({normalise_text(n.replace("/", "")): key for n in names})
    return aliases


def grade_q4(answer) -> str:
    text = read_text(answer, example='"maintain"')
    key = _action_aliases().get(normalise_text(text.replace("/", "")))
    if key is None:
        raise _hint("q4", "hint_unknown", options=", ".join(sorted(set(au.PERFORMANCE_ACTIONS.values()))))
    if key == expected_answer("q4"):
        return _note("q4")
    if key == _q4_action(cuts=(3.0, 5.0)):
        raise _hint("q4", "hint_default")
    raise _hint("q4")


def grade_q5(answer) -> str:
    value = read_int(answer, example="30")
    if value == expected_answer("q5"):
        return _note("q5")
    if value == int(_q5_sizes(3).iloc[0]):
        raise _hint("q5", "hint_k")
    raise _hint("q5")


def grade_q6(answer) -> str:
    value = read_int(answer, example="2")
    report = _q6_report()
    if value == expected_answer("q6"):
        return _note("q6")
    if value == int((report["status"] != "meets").sum()):
        raise _hint("q6", "hint_tolerance")
    raise _hint("q6")


QUESTIONS = {"q1": grade_q1, "q2": grade_q2, "q3": grade_q3, "q4": grade_q4, "q5": grade_q5, "q6": grade_q6}
