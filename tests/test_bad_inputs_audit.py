"""Bad-input matrix: scm_course.audit (see tests/bad_inputs.py)."""
from __future__ import annotations

import functools

import pandas as pd
import pytest
from bad_inputs import Case, check, matrix

from scm_course.audit import relative_performance
from scm_course.data import load_survey


@functools.cache
def _survey() -> pd.DataFrame:
    """The course's audit survey (respondent, attribute, rater, score), first 40 respondents."""
    survey = load_survey("audit_survey")
    keep = survey["respondent"].unique()[:40]
    return survey[survey["respondent"].isin(keep)].reset_index(drop=True)


def survey() -> pd.DataFrame:
    return _survey().copy()


@functools.cache
def _relative() -> pd.DataFrame:
    return relative_performance(_survey(), "Company A", "Company B")


def relative() -> pd.DataFrame:
    return _relative().copy()


ATTRIBUTES = list(_survey()["attribute"].unique()[:4])
# STEPS 2-4 take no rating scale: importance, the threshold and the parity band are on the survey's own
# scale (any finite numbers); a threshold or band beyond the ratings just puts every attribute on one side
ON_ANY_SCALE = {"relative": {"negative"}, "importance_threshold": {"negative", "out of range"},
                "parity": {"out of range"}}

CASES = [
    Case("audit.survey_summary", lambda: {"responses": survey(), "scale": (1, 7)},
         accepts={"responses": {"duplicate keys"}}),  # rows are answers; the index carries no meaning
    Case("audit.relative_performance", lambda: {"responses": survey(), "firm": "Company A",
                                                "competitor": "Company B", "attributes": list(ATTRIBUTES),
                                                "scale": (1, 7)},
         accepts={"responses": {"duplicate keys"},
                  "attributes": {"none"}}),  # None is the default: every attribute
    # the seed's textbook-like example of two small rating samples
    Case("audit.welch_t_test", lambda: {"a": [5, 6, 7, 6], "b": [4, 5, 4, 5]},
         accepts={"a": {"negative"}, "b": {"negative"}}),  # the test is defined for any real numbers
    Case("audit.competitive_position", lambda: {"relative": relative(), "importance_threshold": 5.0,
                                                "parity": 1.0},
         accepts=ON_ANY_SCALE),
    Case("audit.performance_matrix", lambda: {"relative": relative(), "cuts": (3.0, 5.0)},
         accepts={"relative": {"negative"}}),
    Case("audit.action_plan", lambda: {"relative": relative(), "importance_threshold": 5.0, "parity": 1.0,
                                       "cuts": (3.0, 5.0)},
         accepts=ON_ANY_SCALE),
    Case("audit.factor_groups", lambda: {"responses": survey(), "rater": "Company A", "n_factors": 2},
         accepts={"responses": {"duplicate keys"}}),
    Case("audit.importance_segments", lambda: {"responses": survey(), "k": 3, "seed": 0},
         accepts={"responses": {"duplicate keys"}}),
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
