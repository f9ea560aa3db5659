"""Shared pieces of the bad-input matrix modules of the plot layer (tests/test_bad_inputs_plots_*.py).

* :func:`close_figures`: an autouse fixture (import it into the test module):
  a ``plot_*`` call with ``ax=None`` opens a pyplot figure; every test closes
  them, so memory stays flat over thousands of rows.
* :func:`panel`: fresh axes on a figure outside pyplot (garbage-collected).
* :func:`once`: build a plot's handles once per case and hand the same object
  to every row of its ``update_*`` case.  A figure costs ~40 ms; a bad-input
  row either is rejected before anything is drawn (what the matrix checks) or
  redraws the same artists, exactly as an app does on a control change.
"""
from __future__ import annotations

import functools

import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def panel(ncols: int = 1, **kw):
    """Axes (or an array of ``ncols`` axes) on a new figure that pyplot does not hold."""
    fig = Figure(figsize=kw.pop("figsize", (6.0, 4.0)), layout="constrained")
    return fig.subplots(1, ncols, **kw)


def once(make):
    """``make()`` called once, its result returned ever after (handles shared by the rows of a case)."""
    return functools.cache(make)
