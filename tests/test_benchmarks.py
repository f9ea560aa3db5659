"""The benchmark code paths on tiny sizes, so that ``benchmarks/run.py`` cannot rot (no timing asserted)."""
from __future__ import annotations

import math
import sys
from pathlib import Path

import nbformat
import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import analytics
        import apps
        import notebooks

        yield analytics, apps, notebooks
    finally:
        sys.path.remove(str(BENCHMARKS))


def test_analytics_baselines_agree_with_the_package_and_are_reported(bench, capsys):
    analytics = bench[0]
    report, _ = analytics.run(quick=True, sizes={"items": 3_000, "rows": 6_000, "customers": 400})
    for key in ("abc_classify", "rfm", "cohorts", "summarize_transactions"):
        r = report[key]
        assert r["best_baseline"] in ("numpy", "pandas")
        assert r["ratio"] > 0 and r["package"]["n"] == 3 and r["package"]["peak_mb"] > 0
    assert "numpy_plain_sum" in report["rfm"] and report["fit_bgnbd"]["n"] == 6
    table = capsys.readouterr().out
    assert table.count("| `") >= 6 and "3,000 SKUs" in table


def test_analytics_checks_catch_a_baseline_that_disagrees(bench, monkeypatch):
    analytics = bench[0]
    log = analytics.transaction_log(2_000, 100)
    real = analytics.numpy_cohorts
    monkeypatch.setattr(analytics, "numpy_cohorts", lambda frame: real(frame)[:, ::-1])
    with pytest.raises(AssertionError):
        analytics.check_cohorts(log)


def test_every_app_has_scaled_data_and_a_few_are_timed_with_their_frames(bench):
    apps = bench[1]
    from scm_course.apps import APP_CHAPTERS, app_keys

    report, _ = apps.run(n_changes=3, skus=30, customers=60,
                         keys=["priority.abc", "segment.rfm", "tradeoff.safety_stock"])
    assert set(report["apps"]) == {"priority.abc", "segment.rfm", "tradeoff.safety_stock"}
    for r in report["apps"].values():
        assert r["app"]["n"] == 3 and r["naive"]["n"] == 3 and r["speedup"] > 0
        assert 0.0 <= r["blit_share"] <= 1.0 and (r["frame"]["n"] == 0 or r["frame"]["median_ms"] > 0)
    assert report["apps"]["priority.abc"]["data"].startswith("30 SKUs")
    assert "| Ch. 4 `priority.abc` |" in apps.markdown(report)
    # every app of the course has data at scale (or runs on textbook numbers)
    tables = apps.scaled_tables(skus=30, customers=60)
    assert set(tables) == set(APP_CHAPTERS)
    assert {k for k in app_keys() if tables[k.split(".")[0]][0] is None} <= apps.TEXTBOOK_APPS | {
        "tradeoff.service_cost", "tradeoff.safety_stock"}


def test_a_notebook_run_is_timed_sampled_and_its_grader_cell_measured(bench, tmp_path):
    notebooks = bench[2]
    assert len(notebooks.student_notebooks()) == 26
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = list(range(10))"),
                nbformat.v4.new_code_cell("# stands in for the otter grader cell\nimport json"),
                nbformat.v4.new_code_cell("import time; time.sleep(0.2)")]
    path = tmp_path / "tiny.ipynb"
    nbformat.write(nb, path)
    r = notebooks.run_one(path)
    assert r["samples"] >= 2 and r["peak_rss_mb"] > 10 and r["vmhwm_mb"] >= r["peak_rss_mb"] * 0.9
    assert r["grader"]["seconds"] >= 0 and r["grader"]["rss_mb"] is not None
    assert len(r["rss_after_cell_mb"]) == 4  # three cells and the peak probe
    table = notebooks.markdown({"course": {"jobs": 1, "wall_seconds": r["seconds"], "notebooks": [r]}})
    assert "tiny.ipynb" in table and "max" in table


def test_import_timing_reports_the_heavy_packages(bench):
    notebooks = bench[2]
    r = notebooks.time_import("import scm_course", runs=1)
    assert r["median_s"] > 0 and r["max_rss_mb"] > 5 and math.isfinite(r["median_s"])
    assert r["heavy_loaded"] == "-"  # import scm_course loads no heavy package
    assert notebooks.heaviest_imports("import json")


def test_set_up_cells_do_not_load_scipy_stats_optimize_or_sklearn(bench):
    """What keeps kernels small: every model and app module loads scipy.stats, scipy.optimize and
    scikit-learn only inside the functions that need them (an MLE fit, k-means)."""
    notebooks = bench[2]
    r = notebooks.time_import("from scm_course import audit, crm, data, demand, priority, segment, service, "
                              "tradeoff, value; from scm_course.apps import *", runs=1)
    loaded = set(r["heavy_loaded"].split(","))
    assert "matplotlib" in loaded and not loaded & {"scipy.stats", "scipy.optimize", "sklearn", "otter"}, loaded
