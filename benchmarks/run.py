#!/usr/bin/env python3
"""Benchmark the course's apps and heavy model functions (see benchmarks/README.md)."""
from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from IPython.core.pylabtools import print_figure  # noqa: E402

from scm_course import priority  # noqa: E402
from scm_course.apps import all_apps  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import analytics  # noqa: E402  (benchmarks/analytics.py)

RESULTS = Path(__file__).resolve().parent / "results"


def summary(samples_s):
    ms = np.asarray(samples_s) * 1000
    return {"n": len(ms), "median_ms": float(np.median(ms)), "p95_ms": float(np.percentile(ms, 95))}


def moves(app, n):
    """n control changes cycling over every control; each really changes a value."""
    import ipywidgets as w

    plans = []
    for name, control in app.controls.items():
        if isinstance(control, (w.Dropdown, w.ToggleButtons)):
            values = [o[1] if isinstance(o, tuple) else o for o in control.options]
        elif isinstance(control, (w.Checkbox, w.ToggleButton)):
            values = [not control.value, control.value]
        elif isinstance(control, w.IntSlider):  # every whole value of the valid range
            lo, hi = app.control_ranges.get(name, (control.min, control.max))
            values = list(range(int(lo), int(hi) + 1))
        else:  # float sliders: sweep around the start value, inside the app's valid ranges
            lo, hi = app.control_ranges.get(name, (control.min, control.max))
            span = (hi - lo) * 0.2
            values = [float(v) for v in np.linspace(max(lo, control.value - span), min(hi, control.value + span), 5)]
        if len(set(values)) > 1:
            plans.append((name, itertools.cycle(values), control.value))
    out, last = [], {name: start for name, _, start in plans}
    for i in range(n):
        name, values, _ = plans[i % len(plans)]
        value = next(values)
        while value == last[name]:  # a "change" to the same value would be a no-op, not a redraw
            value = next(values)
        last[name] = value
        out.append((name, value))
    return out


def bench_app(app, n):
    """Time each change; changes that the app rejects (e.g. a filter with no
    orders: a message instead of a figure) are counted but not timed."""
    changes = moves(app, n)
    start_values = {name: control.value for name, control in app.controls.items()}
    # app: in-place update (the value setter runs compute -> draw -> PNG synchronously)
    app_times, valid = [], []
    for name, value in changes:
        start = time.perf_counter()
        app.controls[name].value = value
        elapsed = time.perf_counter() - start
        valid.append(app.error is None)
        if app.error is None:
            app_times.append(elapsed)
    # naive: same changes, but a new pyplot figure each time, encoded like the inline backend
    for control in app.controls.values():
        control.unobserve(app._on_change, names="value")
    for name, value in start_values.items():  # replay the same states from the same start
        app.controls[name].value = value
    naive_times = []
    own_axes = app.axes
    try:
        for (name, value), ok in zip(changes, valid):
            start = time.perf_counter()
            app.controls[name].value = value
            if not ok:
                continue
            result = app.compute()
            fig = plt.figure(figsize=app.figsize, layout="constrained")
            _, app.axes = app.make_figure(fig)
            app.first_draw(result)
            print_figure(fig, "png", bbox_inches="tight")
            plt.close(fig)
            naive_times.append(time.perf_counter() - start)
    finally:
        app.axes = own_axes
    return summary(app_times), summary(naive_times)


def bench_abc(n_items, repeats):
    rng = np.random.default_rng(0)
    values = pd.Series(rng.lognormal(0, 1.5, n_items), index=pd.RangeIndex(n_items, name="sku"))
    priority.abc_classify(values)  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        priority.abc_classify(values)
        times.append(time.perf_counter() - start)
    return summary(times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (smoke run)")
    parser.add_argument("--analytics-only", action="store_true", help="skip the app latency table")
    args = parser.parse_args(argv)
    n_changes = 12 if args.quick else 60
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    print(f"scm-course benchmarks — {machine}")
    print(f"matplotlib {matplotlib.__version__}, pandas {pd.__version__}, numpy {np.__version__}\n")
    report = {"machine": machine, "apps": {}, "abc_classify_1e6": None}
    header = f"{'app':<34}{'changes':>8}{'median ms':>11}{'p95 ms':>9}{'naive median':>14}{'naive p95':>11}{'speed-up':>10}"
    print(header)
    print("-" * len(header))
    ok = True
    for name, app in ({} if args.analytics_only else all_apps()).items():
        mine, naive = bench_app(app, n_changes)
        ratio = naive["median_ms"] / mine["median_ms"]
        report["apps"][name] = {"app": mine, "naive": naive, "speedup_median": ratio}
        ok &= mine["p95_ms"] <= 100 and ratio >= 2
        print(f"{name:<34}{mine['n']:>8}{mine['median_ms']:>11.1f}{mine['p95_ms']:>9.1f}"
              f"{naive['median_ms']:>14.1f}{naive['p95_ms']:>11.1f}{ratio:>9.1f}x")
    abc = bench_abc(1_000_000, 5 if args.quick else 15)
    report["abc_classify_1e6"] = abc
    ok &= abc["median_ms"] <= 500
    print(f"\nabc_classify, 1,000,000 items: median {abc['median_ms']:.0f} ms, p95 {abc['p95_ms']:.0f} ms "
          f"({abc['n']} runs; target <= 500 ms)")
    report["analytics"], analytics_ok = analytics.run(args.quick)
    ok &= analytics_ok
    print("\nall targets met" if ok else "\nSOME TARGETS MISSED")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
