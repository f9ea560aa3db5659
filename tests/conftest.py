"""Shared fixtures: headless matplotlib, language reset, textbook instances; no network (loopback only)."""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from hypothesis import settings

# No network while the tests run, except loopback (tests/no_network/sitecustomize.py): in this
# process, and -- through PYTHONPATH, where Python picks it up as sitecustomize -- in every
# Python subprocess (the notebook kernels of nbval and nbclient, Jupyter/Voila/JupyterHub servers).
NO_NETWORK_DIR = Path(__file__).resolve().parent / "no_network"
_spec = importlib.util.spec_from_file_location("scm_course_tests_no_network", NO_NETWORK_DIR / "sitecustomize.py")
no_network = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(no_network)  # patches socket.socket on import
if str(NO_NETWORK_DIR) not in os.environ.get("PYTHONPATH", "").split(os.pathsep):
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(NO_NETWORK_DIR), os.environ.get("PYTHONPATH")]))

# Agg for this process only: setting MPLBACKEND would leak into the notebook
# kernels nbval starts and change what their figure cells display.
matplotlib.use("Agg")

settings.register_profile("course", deadline=None, max_examples=100, derandomize=True)
settings.load_profile("course")


@pytest.fixture(autouse=True)
def english_labels():
    """Every test starts (and ends) in English."""
    from scm_course import set_language

    set_language("en")
    yield
    set_language("en")


@pytest.fixture(scope="session")
def order_priority_instance():
    from scm_course.data import load_instance

    inst = load_instance("order_priority")
    rank = pd.Series(inst["profit_rank"], index=inst["products"])
    importance = pd.Series(inst["importance"], index=inst["products"])
    return rank, importance, inst


@pytest.fixture(scope="session")
def distributor():
    from scm_course.data import load_distributor

    return load_distributor()


@pytest.fixture(scope="session")
def supplier_table():
    from scm_course.data import load_instance

    s = load_instance("supplier_ratings")
    scores = pd.DataFrame({f"Supplier {k}": s[f"supplier_{k}_mean"] for k in (1, 2, 3)}, index=s["attributes"]).T
    weights = dict(zip(s["attributes"], s["importance_mean"]))
    return scores, weights


@pytest.fixture(scope="session")
def chromium():
    """Path of the Chromium-family browser the test command found or installed (tools/browsers.py).

    Skips, with the reason printed in pytest's summary (``-ra``), only when there
    truly is none: ``python3 course.py test`` installs Debian's chromium when it can.
    """
    import os
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    import browsers

    path = browsers.find_chromium()
    if path is None:
        pytest.skip("no browser for the browser tests: "
                    + os.environ.get("SCM_COURSE_NO_CHROMIUM", browsers.ensure_chromium(install=False)[1]))
    return path
