"""The course itself: every student notebook's run time and peak kernel memory, and import time.

Each student notebook of ``chapters/`` and ``casebook/`` (both editions) is
executed top to bottom with nbclient in a fresh kernel, in its own worker
process (``python benchmarks/notebooks.py --one NOTEBOOK`` prints one JSON line).
A thread samples the kernel process's resident set size (RSS, psutil) every
50 ms; the peak of those samples is reported, next to the kernel's own
peak (``VmHWM`` of /proc, read in a last, extra cell: the exact peak, as a
check of the sampling; Linux only).  The RSS after each cell is recorded too, which gives the share of
the grader cell (``import otter`` ... ``otter.Notebook(...)``).

The whole course runs ``jobs`` notebooks at a time (2 on a 2-core machine);
its wall time is reported.  Nothing is written: notebooks are read and run in
memory, in their own folder (as Jupyter would).

``import scm_course``: median of 5 fresh interpreters, plus what the
notebooks' set-up cells import (``scm_course.apps`` and the model modules),
and the heaviest modules under ``-X importtime``.

Used by ``benchmarks/run.py``.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Targets: the whole course on 2 cores, every kernel's peak RSS, import scm_course.
COURSE_TARGET_S, KERNEL_TARGET_MB, IMPORT_TARGET_S = 120.0, 250.0, 0.5


def student_notebooks(root=ROOT) -> list[Path]:
    """Every student notebook (chapters and cases, both editions), in course order."""
    chapters = sorted((root / "chapters").glob("*.ipynb"))
    cases = sorted(p for p in (root / "casebook").glob("*/*.ipynb") if "solutions" not in p.parts)
    return chapters + cases


def _is_grader(cell) -> bool:
    return cell.cell_type == "code" and "otter" in cell.source


def run_one(path, interval=0.05, timeout=600) -> dict:
    """Execute one notebook in a fresh kernel; time it and sample its kernel's RSS."""
    import nbformat
    import psutil
    from nbclient import NotebookClient

    path = Path(path).resolve()
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(
        "print('VMHWM', [int(l.split()[1]) * 1024 for l in open('/proc/self/status') if l.startswith('VmHWM')][0])"))
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            store_widget_state=False, resources={"metadata": {"path": str(path.parent)}})
    samples, stop, proc = [], threading.Event(), {}
    per_cell = []

    def kernel_process():
        if "p" not in proc:
            km = getattr(client, "km", None)
            process = getattr(getattr(km, "provisioner", None), "process", None)
            if process is not None:
                proc["p"] = psutil.Process(process.pid)
        return proc.get("p")

    def sample():
        while not stop.is_set():
            p = kernel_process()
            if p is not None:
                try:
                    samples.append(p.memory_info().rss)
                except psutil.Error:
                    pass
            stop.wait(interval)

    def on_cell_executed(cell, cell_index, **_):  # after the kernel's reply (on_cell_complete fires on sending)
        p = kernel_process()
        rss = p.memory_info().rss if p is not None else None
        per_cell.append((cell_index, time.perf_counter(), rss))

    client.on_cell_executed = on_cell_executed
    started = {}

    def on_notebook_start(**_):
        started["t"] = time.perf_counter()

    client.on_notebook_start = on_notebook_start
    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    t0 = time.perf_counter()
    try:
        client.execute()
    finally:
        stop.set()
        thread.join()
    total = time.perf_counter() - t0
    hwm = [o for o in nb.cells[-1].outputs if o.get("name") == "stdout"]
    kernel_peak = int(hwm[0]["text"].split()[1]) if hwm else None
    # the grader cell: RSS and time from the cell before it to its end
    grader = next((i for i, c in enumerate(nb.cells) if _is_grader(c)), None)
    done = {i: (t, rss) for i, t, rss in per_cell}
    otter = None
    if grader is not None and grader in done:
        before = max((i for i in done if i < grader), default=None)
        t_before, rss_before = done[before] if before is not None else (started.get("t", t0), None)
        t_after, rss_after = done[grader]
        otter = {"seconds": t_after - t_before,
                 "rss_mb": (rss_after - rss_before) / 2**20 if rss_before and rss_after else None}
    first = min(t for _, t, _ in per_cell) if per_cell else t0
    return {"notebook": str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path), "seconds": total,
            "cells_seconds": (per_cell[-2][1] - started.get("t", first)) if len(per_cell) > 1 else None,
            "peak_rss_mb": max(samples) / 2**20 if samples else None, "samples": len(samples),
            "vmhwm_mb": kernel_peak / 2**20 if kernel_peak else None, "grader": otter,
            "rss_after_cell_mb": [(i, round(rss / 2**20, 1)) for i, _, rss in per_cell if rss]}


def _worker(path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--one", str(path)], capture_output=True, text=True,
                         cwd=ROOT, check=False)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode or not lines:
        raise RuntimeError(f"{path} failed:\n{out.stdout[-2000:]}\n{out.stderr[-4000:]}")
    return json.loads(lines[-1])


def run_course(notebooks=None, jobs=2) -> dict:
    """Run every notebook, ``jobs`` at a time; per-notebook results and the wall time."""
    notebooks = list(notebooks or student_notebooks())
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(_worker, notebooks))
    return {"jobs": jobs, "wall_seconds": time.perf_counter() - start, "notebooks": results}


# --------------------------------------------------------------------------
# import time
# --------------------------------------------------------------------------
_HEAVY = ("scipy.special", "scipy.optimize", "scipy.stats", "sklearn", "matplotlib", "ipywidgets", "otter")
# VmHWM: the peak RSS of this interpreter (ru_maxrss would count the parent's memory at fork on Linux)
_IMPORT_PROBE = ("import time, sys; t = time.perf_counter(); {stmt}; s = time.perf_counter() - t; "
                 "hwm = [int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')]; "
                 f"print(s, hwm[0] if hwm else 0, ','.join(m for m in {_HEAVY!r} if m in sys.modules) or '-')")

IMPORTS = {
    "import scm_course": "import scm_course",
    "Ch. 4 set-up": "from scm_course import priority, data, tradeoff; "
                    "from scm_course.apps import ABCApp, OrderPriorityApp, VolumeProfitApp",
    "Ch. 6 set-up": "from scm_course import value, data; from scm_course.apps import RetentionApp, CohortApp",
    "every app": "from scm_course.apps import *",
}


def time_import(stmt, runs=5) -> dict:
    seconds, rss, loaded = [], [], None
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _IMPORT_PROBE.format(stmt=stmt)], capture_output=True,
                             text=True, cwd=ROOT, check=True)
        s, kb, mods = out.stdout.strip().split(" ", 2)
        seconds.append(float(s))
        rss.append(int(kb) / 1024)
        loaded = mods
    seconds.sort()
    return {"median_s": seconds[len(seconds) // 2], "max_rss_mb": max(rss), "heavy_loaded": loaded, "runs": runs}


def heaviest_imports(stmt="import scm_course", top=8) -> list[tuple[str, float]]:
    """Packages with the largest import time (``-X importtime``, cumulative at their outermost import), seconds."""
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", stmt], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    packages = {}
    for line in out.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            _, cumulative, name = (part.strip() for part in line[len("import time:"):].split("|"))
            package = name.split(".")[0]
            if package not in ("scm_course", "site", "encodings"):
                packages[package] = max(packages.get(package, 0.0), int(cumulative) / 1e6)
    return sorted(packages.items(), key=lambda r: -r[1])[:top]


def run_imports(runs=5) -> dict:
    out = {label: time_import(stmt, runs) for label, stmt in IMPORTS.items()}
    out["heaviest"] = heaviest_imports(IMPORTS["every app"])
    return out


# --------------------------------------------------------------------------
# report
# --------------------------------------------------------------------------
def markdown(report) -> str:
    course = report["course"]
    out = ["| notebook | run time | peak kernel RSS (50 ms samples) | kernel VmHWM | grader cell (otter): time / RSS |",
           "|---|---|---|---|---|"]
    for r in course["notebooks"]:
        g = r["grader"] or {}
        grader = (f"{g['seconds']:.1f} s / {g['rss_mb']:.0f} MB" if g.get("rss_mb") is not None else "—")
        flag = "" if (r["peak_rss_mb"] or 0) <= KERNEL_TARGET_MB else " ✗"
        out.append(f"| `{r['notebook']}` | {r['seconds']:.1f} s | {r['peak_rss_mb']:.0f} MB{flag} | "
                   f"{r['vmhwm_mb']:.0f} MB | {grader} |")
    total = sum(r["seconds"] for r in course["notebooks"])
    peak = max(r["peak_rss_mb"] for r in course["notebooks"])
    out.append(f"| **all {len(course['notebooks'])}, {course['jobs']} at a time** | **{course['wall_seconds']:.0f} s wall** "
               f"({total:.0f} s summed) | **max {peak:.0f} MB** | | |")
    return "\n".join(out)


def imports_markdown(report) -> str:
    imports = report["imports"]
    out = ["| import (fresh interpreter) | median | peak RSS | heavy packages loaded |", "|---|---|---|---|"]
    for label, stmt in IMPORTS.items():
        r = imports[label]
        out.append(f"| {label}: `{stmt}` | {1000 * r['median_s']:.0f} ms ({r['runs']} runs) | "
                   f"{r['max_rss_mb']:.0f} MB | {r['heavy_loaded']} |")
    heavy = ", ".join(f"{name} {1000 * s:.0f} ms" for name, s in imports["heaviest"])
    return "\n".join(out) + (f"\n\nHeaviest packages under `{IMPORTS['every app']}` (-X importtime, cumulative): "
                             f"{heavy}.")


def run(jobs=2, notebooks=None, import_runs=5) -> tuple[dict, bool]:
    report = {"course": run_course(notebooks, jobs), "imports": run_imports(import_runs)}
    course = report["course"]
    ok = (course["wall_seconds"] <= COURSE_TARGET_S
          and all(r["peak_rss_mb"] <= KERNEL_TARGET_MB for r in course["notebooks"])
          and report["imports"]["import scm_course"]["median_s"] <= IMPORT_TARGET_S)
    print("\n## The course: every student notebook in a fresh kernel\n")
    print(markdown(report))
    print(f"\nTargets: whole course <= {COURSE_TARGET_S:.0f} s with {jobs} at a time; every kernel <= "
          f"{KERNEL_TARGET_MB:.0f} MB.\n")
    print(imports_markdown(report))
    print(f"\nTarget: `import scm_course` <= {IMPORT_TARGET_S} s.")
    return report, ok


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--one", help="run one notebook and print its JSON line")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
    else:
        run(args.jobs)
