"""Cohort retention tables on hand-made logs, against a naive count, and bad input."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scm_course import data, value


def test_hand_made_monthly_cohorts():
    log = pd.DataFrame({
        "customer": ["a", "a", "a", "b", "b", "c", "d", "d", "e"],
        "date": ["2024-01-03", "2024-01-20", "2024-03-02", "2024-01-15", "2024-02-28",
                 "2024-02-10", "2024-02-01", "2024-04-30", "2024-04-02"],
    })
    share = value.cohort_retention(log, "customer", "date")
    # Jan cohort {a, b}: Feb b, Mar a, Apr nobody; Feb cohort {c, d}: Mar nobody, Apr d; Apr cohort {e}
    expected = pd.DataFrame([[1.0, 0.5, 0.5, 0.0], [1.0, 0.0, 0.5, np.nan], [1.0, np.nan, np.nan, np.nan]],
                            index=pd.PeriodIndex(["2024-01", "2024-02", "2024-04"], freq="M", name="cohort"),
                            columns=pd.RangeIndex(4, name="period"))
    pd.testing.assert_frame_equal(share, expected)
    counts = value.cohort_retention(log, "customer", "date", values="count")
    assert counts.loc["2024-02"].tolist()[:3] == [2.0, 0.0, 1.0]
    assert "2024-03" not in counts.index.astype(str)  # nobody was acquired in March


def test_quarterly_and_weekly_periods():
    log = pd.DataFrame({"c": [1, 1, 2, 2], "d": pd.to_datetime(["2024-01-01", "2024-04-01", "2024-02-01", "2024-12-31"])})
    q = value.cohort_retention(log, "c", "d", freq="Q")
    assert list(q.index.astype(str)) == ["2024Q1"] and q.iloc[0].tolist() == [1.0, 0.5, 0.0, 0.5]
    w = value.cohort_retention(log.iloc[:1].assign(d=pd.to_datetime(["2024-01-07"])).pipe(
        lambda x: pd.concat([x, pd.DataFrame({"c": [1], "d": pd.to_datetime(["2024-01-08"])})])), "c", "d", freq="W")
    assert w.iloc[0].tolist() == [1.0, 1.0]  # Sunday, then Monday: the next week


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 200)), min_size=1, max_size=60))
def test_equals_a_naive_count(rows):
    log = pd.DataFrame(rows, columns=["c", "d"])
    log["d"] = pd.Timestamp("2024-01-01") + pd.to_timedelta(log["d"], unit="D")
    out = value.cohort_retention(log, "c", "d", values="count")
    month = log["d"].dt.to_period("M")
    first = month.groupby(log["c"]).transform("min")
    pairs = pd.DataFrame({"cohort": first, "k": (month - first).apply(lambda o: o.n), "c": log["c"]}).drop_duplicates()
    naive = pairs.groupby(["cohort", "k"]).size()
    for (cohort, k), n in naive.items():
        assert out.loc[cohort, k] == n
    assert out.notna().sum().sum() >= len(naive) and (out[0] == first.groupby(log["c"]).first().value_counts().sort_index().values).all()
    share = value.cohort_retention(log, "c", "d")
    assert ((share >= 0) & (share <= 1) | share.isna()).all().all() and (share[0] == 1).all()


def test_logistics_cohorts_shape():
    shipments = data.load_logistics()["shipments"]
    table = value.cohort_retention(shipments, "customer_id", "date", freq="Q")
    assert table.shape == (12, 12) and table.iloc[:, 0].eq(1).all()
    assert table.isna().sum().sum() == 66  # the unobserved triangle: 0 + 1 + ... + 11


def test_bad_input_is_named():
    log = pd.DataFrame({"c": ["a", None], "d": ["2024-01-01", "2024-01-02"]})
    with pytest.raises(ValueError, match="column 'c' has a missing customer id at row 1"):
        value.cohort_retention(log, "c", "d")
    with pytest.raises(ValueError, match="freq must be one of"):
        value.cohort_retention(log, "c", "d", freq="day")
    with pytest.raises(ValueError, match="values must be one of"):
        value.cohort_retention(log, "c", "d", values="percent")
    with pytest.raises(ValueError, match="cannot read 'yesterday'"):
        value.cohort_retention(pd.DataFrame({"c": [1], "d": ["yesterday"]}), "c", "d")
    with pytest.raises(ValueError, match="transactions is empty"):
        value.cohort_retention(pd.DataFrame({"c": [], "d": []}), "c", "d")
