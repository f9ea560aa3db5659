"""Bad-input matrix: scm_course.plots.style, the figure factories (see tests/bad_inputs.py).

``new_figure``'s ``**subplot_kw`` go to matplotlib's ``Figure.subplots`` unchanged and are not mutated here.
"""
from __future__ import annotations

import pytest

from bad_inputs import Case, check, matrix
from bad_inputs_plots import close_figures  # noqa: F401 - autouse fixture: pyplot figures are closed

CASES = [
    Case("plots.style.axes_or_new", lambda: {"ax": None, "figsize": (6.0, 4.0)}),
    Case("plots.style.new_figure", lambda: {"ncols": 2, "figsize": (9.0, 3.6), "dpi": 100}),
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
