"""App latency at realistic data sizes, next to a naive redraw in the same run.

Every app of the course is built by its chapter's ``chapter_apps`` on tables
from the package's seeded generators, scaled up where the app takes a product
or customer table: 10,000 SKUs for the ABC app (and the other apps on the
distributor's data), 1,000 customers for the customer matrices (contribution
matrix, volume x profit, RFM, k-means, whale curve, cohorts, Customer 360) and
1,000 respondents for the survey apps.  Apps on textbook numbers run as in the
chapters.

For each app: the latency from setting a control's value to the PNG bytes the
browser receives (median, p95), the same changes handled naively (a new pyplot
figure, encoded by the inline backend), and the blit frame time -- the time
the app's ``render`` spends rasterising a frame when only the data artists are
redrawn over the cached background, as ``CourseApp.last_frame`` records it.

Used by ``benchmarks/run.py``.
"""
from __future__ import annotations

import importlib
import itertools
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
from IPython.core.pylabtools import print_figure

from scm_course import crm, data
from scm_course.apps import APP_CHAPTERS, app_keys

#: Targets: p95 latency, speed-up of the median over the naive redraw, blit frame.
P95_TARGET_MS, SPEEDUP_TARGET, FRAME_TARGET_MS = 100.0, 2.0, 17.0


def summary(samples_s):
    ms = np.asarray(samples_s, dtype=float) * 1000
    if len(ms) == 0:
        return {"n": 0, "median_ms": float("nan"), "p95_ms": float("nan")}
    return {"n": len(ms), "median_ms": float(np.median(ms)), "p95_ms": float(np.percentile(ms, 95))}


def scaled_tables(skus=10_000, customers=1_000):
    """``{module: (tables, data label)}`` for every app module (tables None: the chapter's own data)."""
    distributor = data.generate_distributor(n_products=skus, n_customers=customers, n_orders=max(2500, 6 * skus))
    lines = len(distributor["order_lines"])
    dist_label = f"{skus:,} SKUs, {customers:,} customers, {lines:,} order lines"
    fulfilment = data.generate_fulfilment(distributor)
    logistics = data.generate_logistics(n_customers=customers)
    log_label = f"{len(logistics['customers']):,} customers, {len(logistics['shipments']):,} shipments"
    # the surveys' designed means and spreads need at least their course sizes (100 and 200 respondents)
    surveys = {"audit_survey": data.generate_audit_survey(n_respondents=max(customers, 100)),
               "supplier_survey": data.generate_supplier_survey(n_respondents=max(customers, 200))}
    survey_label = (f"{customers:,} respondents" if customers >= 200 else
                    f"{max(customers, 100)} / {max(customers, 200)} respondents")
    return {
        "crm": (crm.crm_tables(distributor), dist_label),
        "service": (fulfilment, f"{len(fulfilment['fulfilment_orders']):,} orders"),
        "tradeoff": (None, "textbook"),
        "priority": (distributor, dist_label),
        "audit": (surveys, survey_label),
        "value": (logistics, log_label),
        "segment": (logistics, log_label),
        "demand": (distributor, dist_label),
    }


#: Apps that run on textbook numbers whatever the tables (their data label says so).
TEXTBOOK_APPS = {"service.satisfaction_gap", "service.stockout", "priority.order_priority",
                 "priority.weighted_scores", "value.customer_value", "value.retention", "demand.bullwhip"}


def build_app(key, tables):
    module, name = key.split(".")
    return importlib.import_module(f"scm_course.apps.{module}").chapter_apps(tables=tables, names=[name])[name]


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
    """Time each change; changes the app rejects (a message instead of a figure) are counted, not timed.

    Returns ``{"app", "naive", "frame", "blit_share"}``: latency summaries,
    the blit frame summary (blitted renders only) and the share of changes
    that were blitted (the others changed limits, ticks or labels and redrew
    the static part too).
    """
    changes = moves(app, n)
    start_values = {name: control.value for name, control in app.controls.items()}
    app_times, frames, valid = [], [], []
    renders = 0
    for name, value in changes:
        before = app.renders
        start = time.perf_counter()
        app.controls[name].value = value
        elapsed = time.perf_counter() - start
        ok = app.error is None and app.renders > before
        valid.append(ok)
        if ok:
            app_times.append(elapsed)
            renders += 1
            blitted, frame_s = app.last_frame
            if blitted:
                frames.append(frame_s)
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
    return {"app": summary(app_times), "naive": summary(naive_times), "frame": summary(frames),
            "blit_share": len(frames) / renders if renders else 0.0}


def run(n_changes=60, skus=10_000, customers=1_000, keys=None):
    """Benchmark every app (or ``keys``); return (report, all targets met)."""
    start = time.perf_counter()
    tables = scaled_tables(skus, customers)
    report = {"sizes": {"skus": skus, "customers": customers}, "changes": n_changes,
              "data_seconds": time.perf_counter() - start, "apps": {}}
    ok = True
    for key in keys or app_keys():
        module = key.split(".")[0]
        module_tables, label = tables[module]
        build = time.perf_counter()
        app = build_app(key, module_tables)
        built = time.perf_counter() - build
        r = bench_app(app, n_changes)
        r["data"] = "textbook" if key in TEXTBOOK_APPS else label
        r["chapter"] = APP_CHAPTERS[module]
        r["build_ms"] = built * 1000
        r["speedup"] = r["naive"]["median_ms"] / r["app"]["median_ms"]
        r["ok"] = bool(r["app"]["p95_ms"] <= P95_TARGET_MS and r["speedup"] >= SPEEDUP_TARGET)
        # the "aim" (not a target): a blitted frame within one 60 Hz frame, median and p95
        r["frame_aim"] = {"median": bool(r["frame"]["n"] and r["frame"]["median_ms"] <= FRAME_TARGET_MS),
                          "p95": bool(r["frame"]["n"] and r["frame"]["p95_ms"] <= FRAME_TARGET_MS)}
        ok &= r["ok"]
        report["apps"][key] = r
        plt.close(app.figure)
    return report, ok


def markdown(report) -> str:
    """The app latency table (Markdown)."""
    out = ["| app | data | changes | median | p95 | naive median | speed-up | blit frame median / p95 (blitted) |",
           "|---|---|---|---|---|---|---|---|"]
    for key, r in report["apps"].items():
        a, nv, fr = r["app"], r["naive"], r["frame"]
        aim = r.get("frame_aim", {})
        frame = (f"{fr['median_ms']:.1f}{'†' if aim.get('median') else ''} / {fr['p95_ms']:.1f}"
                 f"{'†' if aim.get('p95') else ''} ms ({100 * r['blit_share']:.0f} %)" if fr["n"] else "— (0 %)")
        out.append(f"| Ch. {r['chapter']} `{key}` | {r['data']} | {a['n']} | {a['median_ms']:.1f} ms | "
                   f"{a['p95_ms']:.1f} ms | {nv['median_ms']:.1f} ms | {r['speedup']:.1f}× | {frame} |"
                   + ("" if r["ok"] else " ✗"))
    return "\n".join(out)
