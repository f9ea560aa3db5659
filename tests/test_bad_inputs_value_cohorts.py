"""Bad-input matrix: scm_course.value.cohorts (see tests/bad_inputs.py)."""
from __future__ import annotations

import pandas as pd
import pytest

from bad_inputs import Case, check, matrix


def _log():
    # one cohort (everyone first bought in January), so the valid table has no unobserved (NaN) cells
    return pd.DataFrame({"customer": ["a", "a", "a", "b", "b", "c", "c"],
                         "date": ["2024-01-03", "2024-02-20", "2024-03-02", "2024-01-15", "2024-03-28",
                                  "2024-01-10", "2024-02-01"]})


CASES = [
    Case("value.cohorts.cohort_retention", lambda: {"transactions": _log(), "customer": "customer", "date": "date",
                                                    "freq": "M", "values": "share"},
         accepts={"transactions": {"duplicate keys"}}),  # rows are purchases: their index is never looked up
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
