"""Factor analysis and cluster analysis of the audit surveys (Chapter 5, section 4).

The surveys were generated with a known structure (datasets/README.md): the
performance ratings load on three groups of elements and the importance
ratings come from three customer segments.  The methods must recover it.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scm_course.audit import factor_groups, importance_segments
from scm_course.data import load_survey


@pytest.fixture(scope="module")
def audit():
    return load_survey("audit_survey")


@pytest.fixture(scope="module")
def suppliers():
    return load_survey("supplier_survey")


def _partition(labels):
    """Groups of positions with the same label, as a set of frozensets (label names do not matter)."""
    groups = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, set()).add(i + 1)
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize("rater", ["Company A", "Company B"])
def test_factor_analysis_recovers_the_three_groups_of_step_1(audit, rater):
    fa = factor_groups(audit, rater)
    # accuracy {1, 5, 6}, responsiveness {2, 3, 4}, ordering convenience {7-10}
    assert _partition(fa["factor"]) == {frozenset({1, 5, 6}), frozenset({2, 3, 4}), frozenset({7, 8, 9, 10})}
    assert list(fa.columns) == ["factor_1", "factor_2", "factor_3", "communality", "factor"]
    assert fa["factor"].value_counts().sort_index().tolist() == [4, 3, 3]  # numbered by variance explained
    dominant = fa[["factor_1", "factor_2", "factor_3"]].abs().max(axis=1)
    assert (dominant > 0.6).all()
    assert np.allclose(fa["communality"], (fa[["factor_1", "factor_2", "factor_3"]] ** 2).sum(axis=1))


@pytest.mark.parametrize("rater", ["Supplier 1", "Supplier 2", "Supplier 3"])
def test_factor_analysis_on_the_dealer_survey(suppliers, rater):
    fa = factor_groups(suppliers, rater, n_factors=2)
    # delivery timing {1, 3, 6, 7} vs order and information accuracy {2, 4, 5}; 8 is on its own
    part = _partition(fa["factor"].drop("layout_assistance"))
    assert part == {frozenset({1, 3, 6, 7}), frozenset({2, 4, 5})}


def test_factor_analysis_is_deterministic_and_sign_normalised(audit):
    a, b = factor_groups(audit, "Company A"), factor_groups(audit, "Company A")
    pd.testing.assert_frame_equal(a, b)
    loadings = a[["factor_1", "factor_2", "factor_3"]].to_numpy()
    assert (loadings[np.abs(loadings).argmax(axis=0), [0, 1, 2]] > 0).all()


def test_factor_analysis_errors_name_the_argument(audit):
    with pytest.raises(ValueError, match=r"rater must be one of .*'Company C'"):
        factor_groups(audit, "Company C")
    with pytest.raises(ValueError, match=r"n_factors must be a whole number from 1 to 9.*got 10"):
        factor_groups(audit, "Company A", n_factors=10)
    with pytest.raises(ValueError, match=r"n_factors must be .*got 0"):
        factor_groups(audit, "Company A", n_factors=0)
    with pytest.raises(ValueError, match=r"n_factors must be .*got 2.5"):
        factor_groups(audit, "Company A", n_factors=2.5)
    few = audit[audit["respondent"].isin(["R001", "R002", "R003", "R004", "R005"])]
    with pytest.raises(ValueError, match=r"needs at least 11 respondents .* got 5"):
        factor_groups(few, "Company A")
    flat = audit.copy()
    flat.loc[flat["attribute"] == "order_accuracy", "score"] = 4
    with pytest.raises(ValueError, match="'order_accuracy' has the same score from every respondent"):
        factor_groups(flat, "Company A")


def _true_segments(seed, n, k):
    """The segment each respondent was drawn from: the generator's first draw."""
    return np.random.default_rng(seed).integers(0, k, n)


def _agreement(a, b):
    """Share of respondent pairs on which two partitions agree (Rand index)."""
    a, b = np.asarray(a), np.asarray(b)
    same_a, same_b = a[:, None] == a[None, :], b[:, None] == b[None, :]
    upper = np.triu_indices(len(a), 1)
    return float((same_a == same_b)[upper].mean())


@pytest.mark.parametrize("name, seed", [("audit_survey", 5), ("supplier_survey", 8)])
def test_cluster_analysis_recovers_the_designed_segments(name, seed):
    survey = load_survey(name)
    seg = importance_segments(survey, 3)
    truth = _true_segments(seed, survey["respondent"].nunique(), 3)
    assert _agreement(seg["segment"].to_numpy(), truth) > 0.9


def test_segments_are_numbered_by_size_and_profiles_are_means(audit):
    seg = importance_segments(audit, 4)
    sizes = seg["sizes"]
    assert list(sizes.index) == [1, 2, 3, 4] and sizes.is_monotonic_decreasing and sizes.sum() == 100
    assert (seg["segment"].value_counts().sort_index() == sizes).all()
    wide = audit[audit["rater"] == "importance"].pivot(index="respondent", columns="attribute", values="score")
    members = seg["segment"][seg["segment"] == 2].index
    expected = wide.loc[members].mean()[seg["profiles"].columns]
    assert np.allclose(seg["profiles"].loc[2].to_numpy(), expected.to_numpy())
    assert list(seg["profiles"].columns) == list(audit["attribute"].unique())


def test_segments_are_stable(audit):
    a, b = importance_segments(audit, 3, seed=0), importance_segments(audit, 3, seed=0)
    pd.testing.assert_series_equal(a["segment"], b["segment"])
    # the accuracy-first segment is the largest: its profile peaks on element 1
    assert a["profiles"].loc[1].idxmax() == "order_accuracy"


def test_segment_errors_name_the_argument(audit):
    for k in (1, 100, 2.0, True):
        with pytest.raises(ValueError, match=r"k must be a whole number from 2 to 99"):
            importance_segments(audit, k)
    no_importance = audit[audit["rater"] != "importance"]
    with pytest.raises(ValueError, match="importance rater must be one of"):
        importance_segments(no_importance, 3)
