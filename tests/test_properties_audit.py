"""Property tests for scm_course.audit (issue 10): survey summaries, the STEP 2 and STEP 3
matrices, the action plan, factor groups and importance segments.

Invariants: a mean of ratings lies on the scale and moves with a shift of the ratings while
their spread does not; matrix cells follow their cut-offs; the seed's STEP 3 grid is monotone
(more importance never makes an action less urgent, better performance never more urgent);
factor analysis works on correlations, so reversing an attribute's scale only flips the sign of
its loadings; k-means ends at a fixed point (every respondent is nearest its own segment's mean).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scm_course import audit

URGENCY = {"improve_absolutely": 0, "improve": 1, "maintain_improve": 2, "maintain": 3, "reduce_maintain": 4}


@st.composite
def surveys(draw, max_respondents=12, max_attributes=4):
    n = draw(st.integers(2, max_respondents))
    m = draw(st.integers(1, max_attributes))
    scores = iter(draw(st.lists(st.integers(1, 7), min_size=3 * m * n, max_size=3 * m * n)))
    rows = [(f"r{r}", f"attr {a}", rater, next(scores))
            for rater in ("importance", "F", "G") for a in range(m) for r in range(n)]
    return pd.DataFrame(rows, columns=["respondent", "attribute", "rater", "score"])


# ---------------------------------------------------------------- survey summary
@settings(max_examples=50)
@given(surveys(), st.integers(-3, 3), st.randoms(use_true_random=False))
def test_summary_means_lie_on_the_scale_shift_with_the_scores_and_ignore_row_order(survey, shift, rnd):
    s = audit.survey_summary(survey)
    assert s["n"].sum() == len(survey)
    assert ((s["mean"] >= 1) & (s["mean"] <= 7)).all() and (s["sd"] >= 0).all()
    grouped = survey.groupby(["attribute", "rater"])["score"]
    assert ((s["mean"] >= grouped.min().loc[s.index]) & (s["mean"] <= grouped.max().loc[s.index])).all()
    moved = audit.survey_summary(survey.assign(score=survey["score"] + shift), scale=(1 + min(shift, 0), 7 + max(shift, 0)))
    np.testing.assert_allclose(moved["mean"], s["mean"] + shift)
    np.testing.assert_allclose(moved["sd"], s["sd"], atol=1e-12)
    order = list(range(len(survey)))
    rnd.shuffle(order)
    shuffled = audit.survey_summary(survey.iloc[order])
    pd.testing.assert_frame_equal(shuffled.sort_index(), s.sort_index())


# ---------------------------------------------------------------- STEP 2 and STEP 3
relatives = st.lists(st.tuples(st.floats(1, 7), st.floats(1, 7), st.floats(-6, 6),
                               st.sampled_from(["", "*", "**"])), min_size=1, max_size=12).map(
    lambda rows: pd.DataFrame(rows, columns=["importance", "firm_mean", "difference", "mark"],
                              index=pd.Index([f"attr {i}" for i in range(len(rows))], name="attribute")))


@given(relatives, st.floats(1, 7), st.floats(0, 3))
def test_position_regions_follow_the_band_and_the_importance(rel, threshold, parity):
    pos = audit.competitive_position(rel, importance_threshold=threshold, parity=parity)
    x, y = rel["difference"], rel["importance"]
    expected_band = np.where(x < -parity, "disadvantage", np.where(x > parity, "advantage", "parity"))
    assert pos["band"].tolist() == expected_band.tolist()
    assert (pos["important"] == (y >= threshold)).all()
    for band, important, region in zip(pos["band"], pos["important"], pos["region"]):
        if band == "parity":
            assert region == "parity"
        else:
            assert region == ("important_" if important else "minor_") + (
                "weakness" if band == "disadvantage" else "strength")
    # a wider parity band only ever moves attributes into parity
    wider = audit.competitive_position(rel, importance_threshold=threshold, parity=parity + 0.5)
    assert ((wider["band"] == pos["band"]) | (wider["band"] == "parity")).all()


@given(relatives, st.floats(1, 4), st.floats(0.1, 3))
def test_performance_cells_follow_the_cuts_and_the_grid_is_monotone(rel, low, width):
    cuts = (low, low + width)
    pm = audit.performance_matrix(rel, cuts=cuts)

    def level(v):
        return "high" if v >= cuts[1] else "medium" if v >= cuts[0] else "low"

    assert pm["importance_level"].tolist() == [level(v) for v in rel["importance"]]
    assert pm["performance_level"].tolist() == [level(v) for v in rel["firm_mean"]]
    assert pm["action"].tolist() == [audit.PERFORMANCE_ACTIONS[k] for k in zip(pm["importance_level"],
                                                                                 pm["performance_level"])]
    # more importance: never a less urgent action; more performance: never a more urgent one
    more_important = audit.performance_matrix(rel.assign(importance=rel["importance"] + width), cuts=cuts)
    assert (more_important["action"].map(URGENCY) <= pm["action"].map(URGENCY)).all()
    better = audit.performance_matrix(rel.assign(firm_mean=rel["firm_mean"] + width), cuts=cuts)
    assert (better["action"].map(URGENCY) >= pm["action"].map(URGENCY)).all()


@settings(max_examples=50)
@given(relatives, st.floats(1, 7), st.floats(0, 3))
def test_action_plan_combines_both_matrices_most_urgent_first(rel, threshold, parity):
    plan = audit.action_plan(rel, importance_threshold=threshold, parity=parity)
    assert sorted(plan.index) == sorted(rel.index)
    pos = audit.competitive_position(rel, importance_threshold=threshold, parity=parity)
    pm = audit.performance_matrix(rel)
    assert (plan["action"] == pm["action"].loc[plan.index]).all()
    assert (plan["region"] == pos["region"].loc[plan.index]).all()
    assert (plan["behind_competitor"] == ((plan["difference"] < 0) & (plan["mark"] != ""))).all()
    urgency = plan["action"].map(URGENCY).to_numpy()
    assert (np.diff(urgency) >= 0).all()
    for _, block in plan.groupby(plan["action"].map(URGENCY)):
        keys = list(zip(~block["behind_competitor"], -block["importance"]))
        assert keys == sorted(keys)


# ---------------------------------------------------------------- factor and cluster analysis
def _latent_survey(seed, n, m, rater="importance"):
    """Respondents whose ratings of m attributes come from two latent factors (so they correlate)."""
    rng = np.random.default_rng(seed)
    f = rng.normal(size=(n, 2))
    load = rng.uniform(-1, 1, size=(2, m))
    raw = 4 + 1.2 * f @ load + rng.normal(scale=0.7, size=(n, m))
    scores = np.clip(np.round(raw), 1, 7).astype(int)
    rows = [(f"r{i:03d}", f"attr {j}", rater, int(scores[i, j])) for j in range(m) for i in range(n)]
    return pd.DataFrame(rows, columns=["respondent", "attribute", "rater", "score"])


@settings(max_examples=15)
@given(st.integers(0, 2**31 - 1), st.integers(4, 7), st.integers(1, 2), st.data())
def test_factor_loadings_are_normalised_and_blind_to_a_reversed_scale(seed, m, k, data):
    survey = _latent_survey(seed, 60, m)
    fa = audit.factor_groups(survey, "importance", n_factors=k)
    loadings = fa[[f"factor_{i + 1}" for i in range(k)]].to_numpy()
    np.testing.assert_allclose(fa["communality"], (loadings**2).sum(axis=1))
    assert (fa["factor"] == np.abs(loadings).argmax(axis=1) + 1).all()
    assert (np.diff((loadings**2).sum(axis=0)) <= 1e-12).all()  # factor 1 explains the most
    assert (loadings[np.abs(loadings).argmax(axis=0), np.arange(k)] > 0).all()  # largest loading positive
    # reading one attribute on the reversed scale (8 - score) negates its correlations only
    flipped = data.draw(st.sampled_from(list(fa.index)))
    reversed_ = survey.assign(score=np.where(survey["attribute"] == flipped, 8 - survey["score"], survey["score"]))
    fb = audit.factor_groups(reversed_, "importance", n_factors=k)
    np.testing.assert_allclose(fb["communality"], fa["communality"], atol=1e-8)
    np.testing.assert_allclose(np.abs(fb[[f"factor_{i + 1}" for i in range(k)]].to_numpy()), np.abs(loadings),
                               atol=1e-8)
    assert (fb["factor"] == fa["factor"]).all()


@settings(max_examples=15)
@given(st.integers(0, 2**31 - 1), st.integers(12, 40), st.integers(2, 4))
def test_importance_segments_are_numbered_by_size_and_each_respondent_is_nearest_its_own(seed, n, k):
    survey = _latent_survey(seed, n, 5)
    wide = survey.pivot(index="respondent", columns="attribute", values="score").astype(float)
    if (wide.std(ddof=0) == 0).any():
        with pytest.raises(ValueError, match="same score from every respondent"):
            audit.importance_segments(survey, k)
        return
    seg = audit.importance_segments(survey, k)
    labels = seg["segment"].loc[wide.index].to_numpy()
    assert set(labels) <= set(range(1, k + 1))
    assert seg["sizes"].sum() == n and (np.diff(seg["sizes"].to_numpy()) <= 0).all()
    np.testing.assert_allclose(seg["profiles"].loc[sorted(set(labels))].to_numpy(),
                               wide.groupby(labels).mean().to_numpy())
    assert ((seg["profiles"] >= 1) & (seg["profiles"] <= 7)).all().all()
    # Lloyd's fixed point in the standardised space: no respondent is closer to another segment's mean
    z = ((wide - wide.mean()) / wide.std(ddof=0)).to_numpy()
    centres = {c: z[labels == c].mean(axis=0) for c in set(labels)}
    for i, own in enumerate(labels):
        d_own = np.sum((z[i] - centres[own]) ** 2)
        assert all(d_own <= np.sum((z[i] - c) ** 2) + 1e-9 for c in centres.values())
