"""Analytics at company scale: package functions next to the fastest bare baseline, same run.

Used by ``benchmarks/run.py``; run alone with ``python benchmarks/analytics.py``.
"""
from __future__ import annotations

import time

import numpy as np
import pandas as pd

from scm_course import data, value


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


def transaction_log(n_rows=1_000_000, n_customers=100_000, seed=0):
    """A year of purchases in date order: integer customer ids, day dates, amounts."""
    rng = np.random.default_rng(seed)
    customer = rng.integers(0, n_customers, n_rows)
    day = np.sort(rng.integers(0, 365, n_rows))
    return pd.DataFrame({
        "customer": customer,
        "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(day, unit="D"),
        "amount": rng.gamma(2.0, 30.0, n_rows).round(2),
    })


def numpy_summary(log, end):
    """The fastest bare numpy version: integer customer codes, one sort, bincount/reduceat."""
    c = log["customer"].to_numpy()
    d = log["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    m = log["amount"].to_numpy()
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
    """A straightforward pandas groupby, for scale."""
    daily = log.groupby(["customer", "date"], sort=False)["amount"].sum().reset_index()
    g = daily.groupby("customer")
    first, last, n = g["date"].min(), g["date"].max(), g.size()
    total = g["amount"].sum() - daily.loc[g["date"].idxmin(), ["customer", "amount"]].set_index("customer")["amount"]
    return pd.DataFrame({"frequency": n - 1, "recency": (last - first).dt.days / 7, "T": (end - first).dt.days / 7,
                         "monetary_value": np.where(n > 1, total / (n - 1).clip(lower=1), 0.0)})


def bench_summary(repeats):
    log = transaction_log()
    end = pd.Timestamp("2024-12-31")
    end_day = int(np.datetime64(end, "D").astype(np.int64))
    # the package and the baselines must agree before they are timed
    ours = value.summarize_transactions(log, "customer", "date", "amount", observation_end=end)
    base = numpy_summary(log, end_day)
    assert np.array_equal(ours["frequency"].to_numpy(), base[0][ours.index.to_numpy()])
    assert np.allclose(ours["monetary_value"].to_numpy(), base[3][ours.index.to_numpy()])
    pkg, bare = [], []
    for _ in range(repeats):  # interleaved, so both sides see the same machine state
        pkg += timed(lambda: value.summarize_transactions(log, "customer", "date", "amount", observation_end=end), 1)
        bare += timed(lambda: numpy_summary(log, end_day), 1)
    naive = timed(lambda: pandas_summary(log, end), max(3, repeats // 3))
    out = {"package": summary(pkg), "numpy": summary(bare), "pandas_groupby": summary(naive)}
    out["ratio"] = out["package"]["median_ms"] / out["numpy"]["median_ms"]
    out["pandas_ratio"] = out["pandas_groupby"]["median_ms"] / out["numpy"]["median_ms"]
    return out


def bench_fit_bgnbd(repeats):
    cal = value.calibration_holdout(data.load_cdnow(), "customer_id", "date", data.CDNOW_CALIBRATION_END,
                                    data.CDNOW_OBSERVATION_END, amount="amount")
    fit = summary(timed(lambda: value.fit_bgnbd(cal["frequency"], cal["recency"], cal["T"]), repeats))
    rep = cal[cal["frequency"] > 0]
    gg = summary(timed(lambda: value.fit_gamma_gamma(rep["frequency"], rep["monetary_value"]), repeats))
    return {"fit_bgnbd": fit, "fit_gamma_gamma": gg}


def run(quick=False):
    """Print the analytics table; return (report, all targets met)."""
    repeats = 5 if quick else 15
    s = bench_summary(repeats)
    f = bench_fit_bgnbd(repeats * 2)
    ok = s["ratio"] <= 1.5 and f["fit_bgnbd"]["median_ms"] <= 100
    print(f"\n{'analytics':<48}{'median ms':>11}{'p95 ms':>9}{'ratio':>8}")
    print("-" * 76)
    rows = [
        ("summarize_transactions, 1e6 rows / 1e5 customers", s["package"], f"{s['ratio']:.2f}x"),
        ("  bare numpy baseline (same run)", s["numpy"], "1.00x"),
        ("  plain pandas groupby (same run)", s["pandas_groupby"], f"{s['pandas_ratio']:.2f}x"),
        ("fit_bgnbd, CDNOW (2,357 customers)", f["fit_bgnbd"], ""),
        ("fit_gamma_gamma, CDNOW (946 customers)", f["fit_gamma_gamma"], ""),
    ]
    for label, stats, ratio in rows:
        print(f"{label:<48}{stats['median_ms']:>11.1f}{stats['p95_ms']:>9.1f}{ratio:>8}")
    print("targets: summarize_transactions <= 1.5x the numpy baseline; fit_bgnbd <= 100 ms")
    return {"summarize_transactions": s, **f}, ok


if __name__ == "__main__":
    run()
