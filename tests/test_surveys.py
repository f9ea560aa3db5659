"""The audit surveys reproduce the seed's published tables (T8 and STEP 1)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal
from scipy import stats

from scm_course import data


def summary(survey):
    return survey.groupby(["attribute", "rater"], sort=False)["score"].agg(["mean", "std", "size"])


def test_committed_surveys_equal_a_fresh_generation():
    assert_frame_equal(data.load_survey("supplier_survey"), data.generate_supplier_survey())
    assert_frame_equal(data.load_survey("audit_survey"), data.generate_audit_survey())


def test_supplier_survey_reproduces_table_t8():
    inst = data.load_instance("supplier_ratings")
    got = summary(data.load_survey("supplier_survey"))
    raters = {"importance": "importance", "Supplier 1": "supplier_1", "Supplier 2": "supplier_2",
              "Supplier 3": "supplier_3"}
    for j, attribute in enumerate(inst["attributes"]):
        for rater, key in raters.items():
            row = got.loc[(attribute, rater)]
            assert round(row["mean"], 2) == round(inst[f"{key}_mean"][j], 2), (attribute, rater)
            assert round(row["std"], 2) == round(inst[f"{key}_sd"][j], 2), (attribute, rater)
            assert row["size"] == 200


def test_audit_survey_reproduces_step1_means_and_marks():
    inst = data.load_instance("audit_step1")
    survey = data.load_survey("audit_survey")
    got = summary(survey)
    for j, attribute in enumerate(inst["attributes"]):
        assert round(got.loc[(attribute, "importance"), "mean"], 2) == inst["importance"][j]
        a = survey.query("attribute == @attribute and rater == 'Company A'")["score"]
        b = survey.query("attribute == @attribute and rater == 'Company B'")["score"]
        assert round(a.mean(), 2) == inst["company_a"][j]
        assert round(b.mean(), 2) == inst["company_b"][j]
        p = stats.ttest_ind(a, b, equal_var=False).pvalue
        mark = "**" if p <= 0.01 else "*" if p <= 0.05 else ""
        assert mark == inst["marks"][j], (attribute, p)
    # the seed's row 6 misprint: A - B is -0.26, printed -0.24
    diffs = np.round(np.array(inst["company_a"]) - np.array(inst["company_b"]), 2)
    printed = np.array(inst["printed_relative_performance"])
    assert list(np.flatnonzero(diffs != printed)) == [5]
    assert diffs[5] == -0.26 and printed[5] == -0.24


@given(st.integers(30, 300), st.floats(1.5, 6.5), st.floats(0.5, 1.5), st.integers(0, 10_000))
def test_ratings_with_moments_hits_mean_and_sd(n, mean, sd, seed):
    mean = round(mean, 2)
    rng = np.random.default_rng(seed)
    try:
        x = data.ratings_with_moments(n, mean, sd, rng, sd_decimals=1)
    except ValueError as err:  # allowed only when the moments are impossible on 1..7
        assert "no " in str(err)
        return
    assert len(x) == n and x.min() >= 1 and x.max() <= 7 and x.dtype.kind == "i"
    assert int(x.sum()) == round(n * mean)
    assert abs(x.std(ddof=1) - sd) <= 0.05 + 1e-9


def test_ratings_with_moments_rejects_impossible_requests():
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="mean must lie in"):
        data.ratings_with_moments(10, 8.0, 1.0, rng)
    with pytest.raises(ValueError, match="no 10 ratings"):
        data.ratings_with_moments(10, 7.0, 1.0, rng)  # all 7s: sd must be 0


def test_load_survey_checks_its_input(tmp_path):
    with pytest.raises(ValueError, match=r"name must be one of \['supplier_survey', 'audit_survey'\]"):
        data.load_survey("exit_poll")
    bad = data.generate_audit_survey().head(5).copy()
    bad.loc[2, "score"] = 9
    (tmp_path).mkdir(exist_ok=True)
    bad.to_csv(tmp_path / "audit_survey.csv", index=False)
    with pytest.raises(ValueError, match="column 'score' must be 1-7; got 9 at row 2"):
        data.load_survey("audit_survey", folder=tmp_path)
    pd.concat([bad.iloc[:2], bad.iloc[:1]]).to_csv(tmp_path / "audit_survey.csv", index=False)
    with pytest.raises(ValueError, match="answers the same attribute and rater twice"):
        data.load_survey("audit_survey", folder=tmp_path)
