"""Bad-input matrix: scm_course.plots.audit (see tests/bad_inputs.py).

The data are the model's outputs on the course's audit survey (Company A vs B, Chapter 5).
"""
from __future__ import annotations

import functools

import pytest

from bad_inputs import Case, check, matrix
from bad_inputs_plots import close_figures, once, panel  # noqa: F401 - close_figures: autouse fixture
from scm_course import audit as model
from scm_course.data import load_survey
from scm_course.plots import audit as views


@functools.cache
def _survey():
    return load_survey("audit_survey")


@functools.cache
def _relative():
    return model.relative_performance(_survey(), "Company A", "Company B")


@functools.cache
def _position():
    return model.competitive_position(_relative())


@functools.cache
def _matrix():
    return model.performance_matrix(_relative())


@functools.cache
def _segments():
    return model.importance_segments(_survey(), 3)


def _marks():
    return _relative()["mark"].copy()


def _profiles():
    return _segments()["profiles"].copy(), _segments()["sizes"].copy()


position = once(lambda: views.plot_competitive_position(_position(), _marks(), ax=panel()))
performance = once(lambda: views.plot_performance_matrix(_matrix(), ax=panel()))
segments = once(lambda: views.plot_segment_profiles(*_profiles(), axes=panel(2)))

# a threshold anywhere is a valid line (nothing or everything is important), as in audit.competitive_position
ANY_THRESHOLD = {"negative", "out of range"}
# ``marks`` None: no marks; a huge parity band covers the whole axis (the model accepts it too)
POSITION_ACCEPTS = {"marks": {"none"}, "importance_threshold": ANY_THRESHOLD, "parity": {"out of range"}}

CASES = [
    Case("plots.audit.attribute_codes", lambda: {"index": list(_position().index)},
         accepts={"index": {"empty"}}),  # no attributes, no codes: {}
    Case("plots.audit.plot_competitive_position",
         lambda: {"position": _position().copy(), "marks": _marks(), "importance_threshold": 5.0, "parity": 1.0,
                  "ax": None},
         accepts=POSITION_ACCEPTS),
    Case("plots.audit.update_competitive_position",
         lambda: {"handles": position(), "position": _position().copy(), "marks": _marks(),
                  "importance_threshold": 4.5, "parity": 0.5},
         accepts=POSITION_ACCEPTS),
    Case("plots.audit.plot_performance_matrix",
         lambda: {"matrix": _matrix().copy(), "cuts": (3.0, 5.0), "importance_threshold": 5.0, "ax": None},
         accepts={"importance_threshold": ANY_THRESHOLD | {"none"}}),  # None: no threshold line
    Case("plots.audit.update_performance_matrix",
         lambda: {"handles": performance(), "matrix": _matrix().copy(), "marks": _marks(),
                  "importance_threshold": 5.0},
         accepts={"marks": {"none"}, "importance_threshold": ANY_THRESHOLD | {"none"}}),
    Case("plots.audit.plot_segment_profiles",
         lambda: dict(zip(("profiles", "sizes"), _profiles())) | {"max_segments": 6, "axes": None},
         # the columns are the survey's attributes (any labels); a profile may leave one out
         accepts={"profiles": {"chinese columns", "missing column"}}),
    Case("plots.audit.update_segment_profiles",
         lambda: {"handles": segments(), **dict(zip(("profiles", "sizes"), _profiles()))},
         accepts={"profiles": {"chinese columns"}}),
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
