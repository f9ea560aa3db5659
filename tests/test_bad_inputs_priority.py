"""Bad-input matrix: scm_course.priority (see tests/bad_inputs.py)."""
from __future__ import annotations

import pandas as pd
import pytest

from bad_inputs import Case, check, matrix

CASES = [
    Case("priority.abc_classify", lambda: {"values": pd.Series([50.0, 30.0, 6.0, 5.0, 4.0], index=list("abcde")),
                                           "cutoffs": (0.8, 0.95), "labels": ("A", "B", "C")}),
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
