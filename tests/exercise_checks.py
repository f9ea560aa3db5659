"""Helpers for the exercise-checker tests of every chapter."""
from __future__ import annotations

import numpy as np
import pandas as pd

from scm_course.exercises import check, evaluate


def wrong(qid, answer, capsys):
    """Assert ``answer`` is judged incorrect, printed as a hint; return the hint."""
    feedback = evaluate(qid, answer)
    assert feedback.status == "incorrect" and not feedback.correct
    check(qid, answer)
    out = capsys.readouterr().out
    assert out.startswith("❌ Not yet: ") and out == feedback.message + "\n"
    return feedback.message


class Weird:
    """An answer whose repr and float conversion both fail."""

    def __repr__(self):
        raise RuntimeError("repr fails too")

    def __float__(self):
        raise RuntimeError("no float")


#: Answers no question accepts: each must get a hint, never an exception.
ODD_ANSWERS = ["9", "", "  ", "abc", "x%", True, False, float("nan"), float("inf"), -1, -1e9, 1e300, [], [1, 2],
               (1,), (None, None), {}, {"S1": None}, {"a": 1}, set(), object(), Weird(), pd.DataFrame(),
               pd.Series(dtype=float), np.array([]), np.array([[1, 2], [3, 4]]), b"bytes", 1 + 2j, pd.NA, np.nan,
               ("98 %", "2"), ("x%", 2)]
