#!/usr/bin/env python3
"""Benchmark the course: apps, analytics at company scale, every notebook (see benchmarks/README.md).

One command runs all three parts and prints one Markdown table per part;
everything is also written to ``benchmarks/results/latest.json``.  The exit
status is 0 when every target is met, 1 otherwise.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import analytics
import apps
import notebooks

RESULTS = Path(__file__).resolve().parent / "results"
PARTS = ("apps", "analytics", "course")


def machine() -> str:
    try:
        import psutil

        memory = f", {psutil.virtual_memory().total / 2**30:.0f} GB RAM"
    except ImportError:  # pragma: no cover - psutil is a test dependency
        memory = ""
    cpu = platform.processor() or platform.machine()
    return (f"{cpu}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}, {platform.system()}; "
            f"matplotlib {matplotlib.__version__}, pandas {pd.__version__}, numpy {np.__version__}")


def load() -> str:
    """The 1-minute load average (other work on the machine skews every figure)."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:  # pragma: no cover - not on every platform
        return "n/a"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 12 app changes, 3 analytics repeats, 2 notebooks")
    parser.add_argument("--only", choices=PARTS, action="append", help="run only this part (repeatable)")
    parser.add_argument("--analytics-only", action="store_true", help="same as --only analytics")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks run at a time (default 2)")
    args = parser.parse_args(argv)
    parts = ["analytics"] if args.analytics_only else (args.only or list(PARTS))
    started = time.perf_counter()
    report = {"machine": machine(), "load_at_start": load(), "quick": args.quick, "parts": parts}
    print(f"# scm-course benchmarks\n\n{report['machine']}; 1-min load average at start {report['load_at_start']}")
    ok = True
    if "apps" in parts:
        report["apps"], apps_ok = apps.run(n_changes=12 if args.quick else 60)
        ok &= apps_ok
        print("\n## Apps at realistic sizes: control change -> PNG in the browser, next to a naive redraw\n")
        print(apps.markdown(report["apps"]))
        print(f"\nTargets: p95 <= {apps.P95_TARGET_MS:.0f} ms, median >= {apps.SPEEDUP_TARGET:.0f}x faster than naive "
              f"(✗ marks an app that misses one). Aim: a blitted frame <= {apps.FRAME_TARGET_MS:.0f} ms "
              "(† marks a median or p95 within it).")
    if "analytics" in parts:
        report["analytics"], analytics_ok = analytics.run(args.quick)
        ok &= analytics_ok
    if "course" in parts:
        paths = notebooks.student_notebooks()
        if args.quick:
            paths = [paths[3], paths[-2]]  # one chapter, one case
        report["course"], course_ok = notebooks.run(args.jobs, paths, import_runs=3 if args.quick else 5)
        ok &= course_ok
    report["load_at_end"] = load()
    report["seconds"] = time.perf_counter() - started
    report["all_targets_met"] = bool(ok)
    print(f"\n1-min load average at the end {report['load_at_end']}; {report['seconds']:.0f} s in all.")
    print("all targets met" if ok else "SOME TARGETS MISSED")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2, default=float))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
