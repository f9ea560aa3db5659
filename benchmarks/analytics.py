"""Analytics at company scale: package functions next to the best bare baselines, same run.

Each package function is timed next to the fastest plain numpy version we could
write and a straightforward pandas version.  Both baselines compute the same
thing and are checked against the package before anything is timed; runs are
interleaved, so every side sees the same machine state.  The ratio is package
median / best baseline median.  Peak memory is the ``tracemalloc`` peak of one
extra (untimed) call: the bytes allocated on top of the input while the call
runs -- numpy and pandas buffers included.

Used by ``benchmarks/run.py``; run alone with ``python benchmarks/analytics.py``.
"""
from __future__ import annotations

import time
import tracemalloc

import numpy as np
import pandas as pd

from scm_course import data, priority, segment, value

#: Target: package median <= this many times the best baseline median.
RATIO_TARGET = 1.5


def timed(fn, repeats):
    fn()  # warm-up
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def summary(samples_s):
    ms = np.asarray(samples_s) * 1000
    return {"n": len(ms), "median_ms": float(np.median(ms)), "p95_ms": float(np.percentile(ms, 95))}


def peak_mb(fn):
    """tracemalloc peak (MB) of one call, above what was allocated before it."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def compare(sides, repeats, eligible=("numpy", "pandas")):
    """Time ``{name: fn}`` interleaved; ``sides["package"]`` against the best of the ``eligible`` others."""
    times = {name: [] for name in sides}
    for fn in sides.values():
        fn()  # warm-up
    for _ in range(repeats):
        for name, fn in sides.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    out = {name: {**summary(t), "peak_mb": peak_mb(sides[name])} for name, t in times.items()}
    best = min((n for n in sides if n in eligible), key=lambda n: out[n]["median_ms"])
    out["best_baseline"] = best
    out["ratio"] = out["package"]["median_ms"] / out[best]["median_ms"]
    return out


# --------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------
def transaction_log(n_rows=1_000_000, n_customers=100_000, seed=0):
    """A year of purchases in date order: integer customer ids, day dates, amounts (> 0)."""
    rng = np.random.default_rng(seed)
    customer = rng.integers(0, n_customers, n_rows)
    day = np.sort(rng.integers(0, 365, n_rows))
    return pd.DataFrame({
        "customer": customer,
        "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(day, unit="D"),
        "amount": np.maximum(rng.gamma(2.0, 30.0, n_rows).round(2), 0.01),
    })


def sku_values(n_items=1_000_000, seed=0):
    rng = np.random.default_rng(seed)
    return pd.Series(rng.lognormal(0, 1.5, n_items), index=pd.RangeIndex(n_items, name="sku"))


def _columns(log):
    return (log["customer"].to_numpy(), log["date"].to_numpy().astype("datetime64[D]").astype(np.int64),
            log["amount"].to_numpy())


# --------------------------------------------------------------------------
# ABC
# --------------------------------------------------------------------------
def numpy_abc(values, cutoffs=(0.8, 0.95)):
    """Sort descending (stable), cumulative share, class of the share *before* each item."""
    arr = values.to_numpy()
    order = np.argsort(-arr, kind="stable")
    v = arr[order]
    cum = np.cumsum(v)
    share = cum / cum[-1]
    before = np.concatenate([[0.0], share[:-1]])
    return order, share, np.searchsorted(np.asarray(cutoffs) - 1e-12, before, side="right")


def pandas_abc(values, cutoffs=(0.8, 0.95)):
    v = values.sort_values(ascending=False, kind="stable")
    share = v.cumsum() / v.sum()
    before = share.shift(fill_value=0.0)
    cls = pd.cut(before, [-np.inf, *(c - 1e-12 for c in cutoffs), np.inf], right=False, labels=["A", "B", "C"])
    return pd.DataFrame({"value": v, "cum_share": share, "cls": cls})


def check_abc(values):
    ours = priority.abc_classify(values)
    order, share, cls = numpy_abc(values)
    assert np.array_equal(ours.index.to_numpy(), values.index.to_numpy()[order])
    assert np.allclose(ours["cum_share"].to_numpy(), share)
    assert np.array_equal(ours["cls"].cat.codes.to_numpy(), cls)
    other = pandas_abc(values)
    assert other.index.equals(ours.index) and np.array_equal(other["cls"].cat.codes.to_numpy(), cls)


def bench_abc(repeats, n_items=1_000_000):
    values = sku_values(n_items)
    check_abc(values)
    return compare({"package": lambda: priority.abc_classify(values), "numpy": lambda: numpy_abc(values),
                    "pandas": lambda: pandas_abc(values)}, repeats)


# --------------------------------------------------------------------------
# RFM: rfm_table + rfm_scores (quintiles, R x F segments)
# --------------------------------------------------------------------------
def _segment_table():
    table = np.zeros((6, 6), dtype=np.int8)
    for (r, f), name in segment.RF_SEGMENTS.items():
        table[r, f] = segment.SEGMENT_ORDER.index(name)
    return table


_SEGMENTS = _segment_table()
_CODES = np.array([f"{i:03d}" for i in range(1000)], dtype=object)


def _scores(key, bins=5):
    """1 + floor(bins * #{strictly smaller} / n) by one sort (ties share the first position)."""
    order = np.argsort(key)
    k = key[order]
    first = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    below = np.repeat(first, np.diff(np.r_[first, len(k)]))
    out = np.empty(len(k), dtype=np.int64)
    out[order] = 1 + bins * below // len(k)
    return out


def numpy_rfm(log, as_of_day, exact_sum=True):
    """bincount / maximum.at per customer, scores by one sort, codes and segments by lookup.

    ``exact_sum``: the money totals by pandas' compensated grouped sum on a
    categorical of the codes (the package's totals, to the last bit); else a
    plain ``np.bincount`` sum, faster but different in the last bit for ~40 %
    of customers, so not the same result.
    """
    c, d, m = _columns(log)
    n = int(c.max()) + 1
    frequency = np.bincount(c, minlength=n)
    present = np.flatnonzero(frequency)
    if exact_sum:
        monetary = pd.Series(m).groupby(pd.Categorical.from_codes(c, categories=np.arange(n)),
                                        observed=False).sum().to_numpy()[present]
    else:
        monetary = np.bincount(c, weights=m, minlength=n)[present]
    last = np.full(n, np.iinfo(np.int64).min)
    np.maximum.at(last, c, d)
    recency, frequency = as_of_day - last[present], frequency[present]
    r, f, mm = _scores(-recency), _scores(frequency), _scores(monetary)
    return {"customer": present, "recency": recency, "frequency": frequency, "monetary": monetary, "R": r,
            "F": f, "M": mm, "rfm_code": _CODES[r * 100 + f * 10 + mm], "rfm_score": (r + f + mm) / 3,
            "segment": _SEGMENTS[r, f]}


def pandas_rfm(log, as_of):
    g = log.groupby("customer")
    t = pd.DataFrame({"recency": (as_of - g["date"].max()).dt.days, "frequency": g.size(),
                      "monetary": g["amount"].sum()})
    r = 1 + 5 * (len(t) - t["recency"].rank(method="max").astype(int)) // len(t)
    f = 1 + 5 * (t["frequency"].rank(method="min").astype(int) - 1) // len(t)
    m = 1 + 5 * (t["monetary"].rank(method="min").astype(int) - 1) // len(t)
    return t.assign(R=r, F=f, M=m, rfm_score=(r + f + m) / 3)


def package_rfm(log, as_of):
    return segment.rfm_scores(segment.rfm_table(log, "customer", "date", "amount", as_of))


def check_rfm(log, as_of):
    ours = package_rfm(log, as_of)
    base = numpy_rfm(log, int(np.datetime64(as_of, "D").astype(np.int64)))
    assert np.array_equal(ours.index.to_numpy(), base["customer"])
    for col in ("recency", "frequency", "R", "F", "M"):
        assert np.array_equal(ours[col].to_numpy(), base[col]), col
    assert np.array_equal(ours["monetary"].to_numpy(), base["monetary"])
    assert np.allclose(ours["rfm_score"].to_numpy(), base["rfm_score"])
    assert np.array_equal(ours["rfm_code"].to_numpy(dtype=object), base["rfm_code"])
    assert np.array_equal(ours["segment"].cat.codes.to_numpy(), base["segment"])
    other = pandas_rfm(log, as_of)
    for col in ("recency", "frequency", "R", "F", "M"):
        assert np.array_equal(other[col].to_numpy(), base[col]), col


def bench_rfm(repeats, log=None):
    log = transaction_log() if log is None else log
    as_of = pd.Timestamp("2024-12-31")
    as_of_day = int(np.datetime64(as_of, "D").astype(np.int64))
    check_rfm(log, as_of)
    return compare({"package": lambda: package_rfm(log, as_of), "numpy": lambda: numpy_rfm(log, as_of_day),
                    "pandas": lambda: pandas_rfm(log, as_of),
                    "numpy_plain_sum": lambda: numpy_rfm(log, as_of_day, exact_sum=False)}, repeats)


# --------------------------------------------------------------------------
# cohort table (monthly cohorts, share retained)
# --------------------------------------------------------------------------
def numpy_cohorts(log):
    """Month of each row, a dense customer x month presence grid, first month, counts per (cohort, age)."""
    c, d, _ = _columns(log)
    month = d.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    lo, n_months, n = int(month.min()), int(month.max() - month.min()) + 1, int(c.max()) + 1
    grid = np.zeros(n * n_months, dtype=bool)
    grid[c * n_months + (month - lo)] = True
    pair = np.flatnonzero(grid)
    cust, mon = pair // n_months, pair % n_months
    first = np.full(n, n_months)
    np.minimum.at(first, cust, mon)
    counts = np.bincount(first[cust] * n_months + mon - first[cust], minlength=n_months * n_months)
    counts = counts.reshape(n_months, n_months).astype(float)
    counts[np.arange(n_months)[None, :] > (n_months - 1 - np.arange(n_months))[:, None]] = np.nan
    counts = counts[counts[:, 0] > 0]
    return counts / counts[:, :1]


def pandas_cohorts(log):
    month = log["date"].dt.year * 12 + log["date"].dt.month - 1
    pairs = pd.DataFrame({"customer": log["customer"], "month": month}).drop_duplicates()
    first = pairs.groupby("customer")["month"].transform("min")
    lo, hi = int(month.min()), int(month.max())
    counts = (pairs.groupby([first.rename("cohort"), (pairs["month"] - first).rename("period")]).size()
              .unstack(fill_value=0).reindex(columns=range(hi - lo + 1), fill_value=0).astype(float))
    counts = counts.where(counts.index.to_numpy()[:, None] + counts.columns.to_numpy()[None, :] <= hi)
    return counts.div(counts[0], axis=0)


def check_cohorts(log):
    ours = value.cohort_retention(log, "customer", "date")
    base = numpy_cohorts(log)
    assert ours.shape == base.shape
    assert np.allclose(ours.to_numpy(), base, equal_nan=True)
    other = pandas_cohorts(log)
    assert other.shape == base.shape and np.allclose(other.to_numpy(), base, equal_nan=True)


def bench_cohorts(repeats, log=None):
    log = transaction_log() if log is None else log
    check_cohorts(log)
    return compare({"package": lambda: value.cohort_retention(log, "customer", "date"),
                    "numpy": lambda: numpy_cohorts(log), "pandas": lambda: pandas_cohorts(log)}, repeats)


# --------------------------------------------------------------------------
# BTYD summary (frequency, recency, T, monetary value)
# --------------------------------------------------------------------------
def numpy_summary(log, end):
    """The fastest bare numpy version: integer customer codes, one sort, bincount/reduceat."""
    c, d, m = _columns(log)
    n = int(c.max()) + 1
    dmin = d.min()
    span = int(d.max() - dmin + 1)
    key = c * span + (d - dmin)
    order = np.argsort(key)
    k = key[order]
    idx = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    gk = k[idx]
    gc, gd = gk // span, gk % span + dmin
    spend = np.add.reduceat(m[order], idx)
    count = np.bincount(gc, minlength=n)
    last = np.cumsum(count) - 1
    first = last - count + 1
    repeat = count - 1
    total = np.bincount(gc, weights=spend, minlength=n) - spend[first]
    return (repeat, (gd[last] - gd[first]) / 7, (end - gd[first]) / 7,
            np.where(repeat > 0, total / np.maximum(repeat, 1), 0.0))


def pandas_summary(log, end):
    """A straightforward pandas groupby."""
    daily = log.groupby(["customer", "date"], sort=False)["amount"].sum().reset_index()
    g = daily.groupby("customer")
    first, last, n = g["date"].min(), g["date"].max(), g.size()
    total = g["amount"].sum() - daily.loc[g["date"].idxmin(), ["customer", "amount"]].set_index("customer")["amount"]
    return pd.DataFrame({"frequency": n - 1, "recency": (last - first).dt.days / 7, "T": (end - first).dt.days / 7,
                         "monetary_value": np.where(n > 1, total / (n - 1).clip(lower=1), 0.0)})


def bench_summary(repeats, log=None):
    log = transaction_log() if log is None else log
    end = pd.Timestamp("2024-12-31")
    end_day = int(np.datetime64(end, "D").astype(np.int64))
    # the package and the baselines must agree before they are timed
    ours = value.summarize_transactions(log, "customer", "date", "amount", observation_end=end)
    base = numpy_summary(log, end_day)
    ids = ours.index.to_numpy()
    assert np.array_equal(ours["frequency"].to_numpy(), base[0][ids])
    assert np.allclose(ours["recency"].to_numpy(), base[1][ids])
    assert np.allclose(ours["T"].to_numpy(), base[2][ids])
    assert np.allclose(ours["monetary_value"].to_numpy(), base[3][ids])
    other = pandas_summary(log, end)
    assert np.array_equal(other["frequency"].to_numpy(), ours["frequency"].to_numpy())
    assert np.allclose(other["monetary_value"].to_numpy(), ours["monetary_value"].to_numpy())
    return compare({
        "package": lambda: value.summarize_transactions(log, "customer", "date", "amount", observation_end=end),
        "numpy": lambda: numpy_summary(log, end_day),
        "pandas": lambda: pandas_summary(log, end)}, repeats)


def bench_fit_bgnbd(repeats):
    cal = value.calibration_holdout(data.load_cdnow(), "customer_id", "date", data.CDNOW_CALIBRATION_END,
                                    data.CDNOW_OBSERVATION_END, amount="amount")
    fit = summary(timed(lambda: value.fit_bgnbd(cal["frequency"], cal["recency"], cal["T"]), repeats))
    rep = cal[cal["frequency"] > 0]
    gg = summary(timed(lambda: value.fit_gamma_gamma(rep["frequency"], rep["monetary_value"]), repeats))
    return {"fit_bgnbd": fit, "fit_gamma_gamma": gg}


# --------------------------------------------------------------------------
# report
# --------------------------------------------------------------------------
def markdown(report) -> str:
    """The analytics table (Markdown)."""
    sizes = report.get("sizes", {"items": 1_000_000, "rows": 1_000_000, "customers": 100_000})
    log = f"{sizes['rows']:,} lines / {sizes['customers']:,} customers"
    rows = [
        ("abc_classify", f"`priority.abc_classify`, {sizes['items']:,} SKUs"),
        ("rfm", f"`segment.rfm_table` + `rfm_scores`, {log}"),
        ("cohorts", f"`value.cohort_retention` (monthly), {log}"),
        ("summarize_transactions", f"`value.summarize_transactions`, {log}"),
    ]
    out = [("| analytics (same run) | package median | p95 | best baseline median | ratio | "
            "package peak MB | baseline peak MB |"),
           "|---|---|---|---|---|---|---|"]
    for key, label in rows:
        if key not in report:
            continue
        r = report[key]
        pkg, best = r["package"], r[r["best_baseline"]]
        out.append(f"| {label} | {pkg['median_ms']:.0f} ms | {pkg['p95_ms']:.0f} ms | {best['median_ms']:.0f} ms "
                   f"({r['best_baseline']}) | {r['ratio']:.2f}× | {pkg['peak_mb']:.0f} | {best['peak_mb']:.0f} |")
    for key, label in (("fit_bgnbd", "`value.fit_bgnbd`, CDNOW (2,357 customers)"),
                       ("fit_gamma_gamma", "`value.fit_gamma_gamma`, CDNOW (946 customers)")):
        if key in report:
            r = report[key]
            out.append(f"| {label} | {r['median_ms']:.1f} ms | {r['p95_ms']:.1f} ms | — | — | — | — |")
    return "\n".join(out)


def baselines_markdown(report) -> str:
    """Every side of every comparison (Markdown)."""
    out = ["| function | side | median | p95 | peak MB |", "|---|---|---|---|---|"]
    for key in ("abc_classify", "rfm", "cohorts", "summarize_transactions"):
        if key not in report:
            continue
        for side in ("package", "numpy", "pandas", "numpy_plain_sum"):
            if side in report[key]:
                s = report[key][side]
                out.append(f"| {key} | {side} | {s['median_ms']:.0f} ms | {s['p95_ms']:.0f} ms | {s['peak_mb']:.0f} |")
    return "\n".join(out)


def run(quick=False, sizes=None):
    """Print the analytics tables; return (report, all targets met).

    ``sizes`` (tests): ``{"items": ..., "rows": ..., "customers": ...}``.
    """
    sizes = {"items": 1_000_000, "rows": 1_000_000, "customers": 100_000, **(sizes or {})}
    repeats = 3 if quick else 9
    log = transaction_log(sizes["rows"], sizes["customers"])
    report = {"sizes": sizes,
              "abc_classify": bench_abc(repeats, sizes["items"]),
              "rfm": bench_rfm(repeats, log),
              "cohorts": bench_cohorts(repeats, log),
              "summarize_transactions": bench_summary(repeats, log)}
    report.update(bench_fit_bgnbd(repeats * 2))
    ok = all(report[k]["ratio"] <= RATIO_TARGET for k in ("abc_classify", "rfm", "cohorts", "summarize_transactions"))
    ok &= report["fit_bgnbd"]["median_ms"] <= 100
    print("\n## Analytics at company scale\n")
    print(markdown(report))
    print("\nPeak memory: tracemalloc peak of one extra untimed call (MB allocated above the input).")
    print(f"Targets: package <= {RATIO_TARGET}x the best baseline; fit_bgnbd <= 100 ms.\n")
    print(baselines_markdown(report))
    return report, ok


if __name__ == "__main__":
    run()
