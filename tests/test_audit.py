"""The four-step audit analysis reproduces the seed's STEP 1-3 (seed [002 L230-365])."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scm_course import audit
from scm_course.data import load_instance, load_survey


@pytest.fixture(scope="module")
def step1():
    return audit.relative_performance(load_survey("audit_survey"), "Company A", "Company B")


def test_step1_table(step1):
    inst = load_instance("audit_step1")
    assert list(step1.index) == inst["attributes"]
    assert step1["importance"].round(2).tolist() == inst["importance"]
    assert step1["firm_mean"].round(2).tolist() == inst["company_a"]
    assert step1["competitor_mean"].round(2).tolist() == inst["company_b"]
    assert step1["mark"].tolist() == inst["marks"]  # * on 3, ** on 7 and 10
    expected = np.round(np.array(inst["company_a"]) - np.array(inst["company_b"]), 2)
    np.testing.assert_allclose(step1["difference"], expected, atol=1e-9)  # row 6: -0.26, not the printed -0.24


def test_step2_all_attributes_at_parity(step1):
    pos = audit.competitive_position(step1)
    assert (pos["band"] == "parity").all()  # every |difference| < 1.0, as in the seed's figure
    assert pos["important"].tolist() == [True] * 6 + [False] * 4  # 1-6 above 5, 7-10 below


def test_step3_grid_placement_matches_the_seed(step1):
    got = audit.performance_matrix(step1)
    expected = {
        "order_accuracy": ("high", "high", "maintain_improve"),
        "completeness_rate": ("high", "high", "maintain_improve"),
        "emergency_orders": ("high", "medium", "improve"),
        "complaint_action": ("high", "medium", "improve"),
        "custom_ship_dates": ("high", "medium", "improve"),
        "error_adjustment": ("high", "medium", "improve"),
        "blanket_orders": ("medium", "high", "reduce_maintain"),
        "delivery_frequency": ("medium", "high", "reduce_maintain"),
        "local_order_staff": ("medium", "high", "reduce_maintain"),
        "computer_order_entry": ("low", "medium", "reduce_maintain"),
    }
    for attribute, (imp, perf, action) in expected.items():
        row = got.loc[attribute]
        assert (row["importance_level"], row["performance_level"], row["action"]) == (imp, perf, action), attribute


def test_step4_plan_puts_the_significant_weakness_first(step1):
    plan = audit.action_plan(step1)
    assert plan.index[0] == "complaint_action"  # improve, and significantly behind B
    assert bool(plan.loc["complaint_action", "behind_competitor"])
    assert set(plan.index[:4]) == {"emergency_orders", "complaint_action", "custom_ship_dates", "error_adjustment"}
    assert plan.loc["blanket_orders", "mark"] == "**" and not plan.loc["blanket_orders", "behind_competitor"]


def test_parameters_move_attributes(step1):
    narrow = audit.competitive_position(step1, parity=0.3)
    assert narrow.loc["blanket_orders", "region"] == "minor_strength"
    assert narrow.loc["complaint_action", "region"] == "important_weakness"
    lower = audit.competitive_position(step1, importance_threshold=4.0, parity=0.3)
    assert lower.loc["blanket_orders", "region"] == "important_strength"


def test_survey_summary_counts(step1):
    summary = audit.survey_summary(load_survey("audit_survey"))
    assert (summary["n"] == 100).all() and len(summary) == 30


def _survey(a, b, imp):
    rows = [("r%d" % i, "x", rater, s) for rater, scores in (("importance", imp), ("F", a), ("G", b))
            for i, s in enumerate(scores)]
    return pd.DataFrame(rows, columns=["respondent", "attribute", "rater", "score"])


scores = st.lists(st.integers(1, 7), min_size=3, max_size=25)


@given(scores, scores, scores)
def test_relative_performance_invariants(a, b, imp):
    n = min(len(a), len(b), len(imp))
    rp = audit.relative_performance(_survey(a[:n], b[:n], imp[:n]), "F", "G")
    swapped = audit.relative_performance(_survey(b[:n], a[:n], imp[:n]), "F", "G")
    assert rp["difference"].iloc[0] == pytest.approx(-swapped["difference"].iloc[0])
    assert rp["p_value"].iloc[0] == pytest.approx(swapped["p_value"].iloc[0])
    assert 0 <= rp["p_value"].iloc[0] <= 1
    mark = rp["mark"].iloc[0]
    p = rp["p_value"].iloc[0]
    assert mark == ("**" if p <= 0.01 else "*" if p <= 0.05 else "")


@given(st.lists(st.floats(1, 7), min_size=2, max_size=30), st.lists(st.floats(1, 7), min_size=2, max_size=30))
def test_welch_matches_scipy(a, b):
    from scipy import stats

    if np.ptp(a) < 1e-3 or np.ptp(b) < 1e-3:  # scipy is unreliable on (near) constant samples
        return
    t, df, p = audit.welch_t_test(a, b)
    ref = stats.ttest_ind(a, b, equal_var=False)
    assert t == pytest.approx(ref.statistic, rel=1e-9, abs=1e-12)
    assert p == pytest.approx(ref.pvalue, rel=1e-7, abs=1e-12)


def test_welch_without_spread():
    assert audit.welch_t_test([3, 3], [3, 3])[2] == 1.0
    assert audit.welch_t_test([4, 4], [3, 3])[2] == 0.0
    with pytest.raises(ValueError, match="at least 2 values"):
        audit.welch_t_test([1], [1, 2])


def test_bad_input_gives_clear_errors(step1):
    survey = load_survey("audit_survey")
    with pytest.raises(ValueError, match=r"competitor must be one of the rated firms .*'Company B'.*got 'Company C'"):
        audit.relative_performance(survey, "Company A", "Company C")
    with pytest.raises(ValueError, match="firm and competitor must differ"):
        audit.relative_performance(survey, "Company A", "Company A")
    with pytest.raises(ValueError, match="has no importance ratings"):
        audit.relative_performance(survey[survey["rater"] != "importance"], "Company A", "Company B")
    with pytest.raises(ValueError, match=r"responses is missing column\(s\) 'score'"):
        audit.relative_performance(survey.drop(columns="score"), "Company A", "Company B")
    bad = survey.astype({"score": object})
    bad.loc[5, "score"] = "good"
    with pytest.raises(ValueError, match=r"responses\['score'\] must hold numbers; bad value 'good' at row 5"):
        audit.relative_performance(bad, "Company A", "Company B")
    with pytest.raises(ValueError, match="rated 'order_accuracy' for 'importance' twice"):
        audit.relative_performance(pd.concat([survey.iloc[:1], survey]), "Company A", "Company B")
    one = survey.groupby(["attribute", "rater"]).head(1)
    with pytest.raises(ValueError, match="needs at least 2 ratings"):
        audit.relative_performance(one, "Company A", "Company B")
    with pytest.raises(ValueError, match="parity must be >= 0"):
        audit.competitive_position(step1, parity=-1)
    with pytest.raises(ValueError, match="importance_threshold must be a finite number"):
        audit.competitive_position(step1, importance_threshold=float("nan"))
    with pytest.raises(ValueError, match="cuts must be two increasing finite numbers"):
        audit.performance_matrix(step1, cuts=(5, 3))


# ---------------------------------------------------------------- every boundary, hand-made
def _relative(rows):
    """A relative-performance table from (importance, firm_mean, difference) rows."""
    return pd.DataFrame(rows, columns=["importance", "firm_mean", "difference"],
                        index=[f"a{i}" for i in range(len(rows))]).assign(mark="")


@pytest.mark.parametrize("difference, band", [(-1.0001, "disadvantage"), (-1.0, "parity"), (0.0, "parity"),
                                              (1.0, "parity"), (1.0001, "advantage")])
def test_parity_band_boundaries(difference, band):
    got = audit.competitive_position(_relative([(6.0, 5.0, difference)]), parity=1.0)
    assert got["band"].iloc[0] == band


@pytest.mark.parametrize("importance, important", [(4.9999, False), (5.0, True), (5.0001, True)])
def test_importance_threshold_boundary(importance, important):
    got = audit.competitive_position(_relative([(importance, 5.0, -2.0)]), importance_threshold=5.0)
    assert bool(got["important"].iloc[0]) is important
    assert got["region"].iloc[0] == ("important_weakness" if important else "minor_weakness")


def test_four_corners_and_zero_width_parity():
    rows = [(6.0, 5.0, -2.0), (6.0, 5.0, 2.0), (2.0, 5.0, -2.0), (2.0, 5.0, 2.0)]
    got = audit.competitive_position(_relative(rows))
    assert got["region"].tolist() == ["important_weakness", "important_strength", "minor_weakness", "minor_strength"]
    zero = audit.competitive_position(_relative([(6.0, 5.0, -0.01), (6.0, 5.0, 0.0), (6.0, 5.0, 0.01)]), parity=0.0)
    assert zero["band"].tolist() == ["disadvantage", "parity", "advantage"]


@pytest.mark.parametrize("value, level", [(1.0, "low"), (2.9999, "low"), (3.0, "medium"), (4.9999, "medium"),
                                          (5.0, "high"), (7.0, "high")])
def test_performance_matrix_cut_boundaries(value, level):
    got = audit.performance_matrix(_relative([(value, value, 0.0)]))
    assert got["importance_level"].iloc[0] == level and got["performance_level"].iloc[0] == level


def test_all_nine_cells_of_the_performance_grid():
    levels = {"low": 2.0, "medium": 4.0, "high": 6.0}
    rows = [(levels[i], levels[p], 0.0) for i in levels for p in levels]
    got = audit.performance_matrix(_relative(rows))
    expected = [audit.PERFORMANCE_ACTIONS[(i, p)] for i in levels for p in levels]
    assert got["action"].tolist() == expected
    assert expected == ["maintain", "reduce_maintain", "reduce_maintain", "improve", "maintain", "reduce_maintain",
                        "improve_absolutely", "improve", "maintain_improve"]


def test_scores_outside_the_scale_and_unknown_attributes_are_rejected():
    survey = load_survey("audit_survey").astype({"score": float})
    bad = survey.copy()
    bad.loc[7, "score"] = 8.0
    with pytest.raises(ValueError, match=r"must lie on the 1-7 scale; got 8.0 at row 7"):
        audit.relative_performance(bad, "Company A", "Company B")
    bad.loc[7, "score"] = 0.0
    with pytest.raises(ValueError, match="must lie on the 1-7 scale"):
        audit.survey_summary(bad)
    with pytest.raises(ValueError, match=r"attributes names unknown attribute\(s\) 'speed'"):
        audit.relative_performance(survey, "Company A", "Company B", attributes=["order_accuracy", "speed"])
    picked = audit.relative_performance(survey, "Company A", "Company B",
                                        attributes=["computer_order_entry", "order_accuracy"])
    assert list(picked.index) == ["computer_order_entry", "order_accuracy"]
    ten = audit.relative_performance(survey.assign(score=survey["score"] * 10 / 7), "Company A", "Company B",
                                     scale=(0, 10))
    assert ten["mark"].tolist() == audit.relative_performance(survey, "Company A", "Company B")["mark"].tolist()
    no_ratings = survey[survey["rater"] != "Company B"]
    with pytest.raises(ValueError, match="competitor must be one of the rated firms"):
        audit.relative_performance(no_ratings, "Company A", "Company B")
