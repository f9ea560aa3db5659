"""scm_course._multivariate against scikit-learn, the reference it reproduces.

The package computes k-means, the silhouette, principal components and
factor analysis in numpy alone (scikit-learn's import costs a course kernel
70-85 MB).  These tests hold it to scikit-learn's own results: on the
course's data (the chapter 5 and 7 analyses, the apps' ranges of k) and on
Hypothesis-drawn data, the same partitions and inertia, the same silhouette,
the same components, the same loadings.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from scm_course import _multivariate as mv
from scm_course import audit, data
from scm_course import segment as sg

sklearn = pytest.importorskip("sklearn")
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA, FactorAnalysis
from sklearn.metrics import silhouette_score


def _same_partition(a, b) -> bool:
    pairs = set(zip(np.asarray(a).tolist(), np.asarray(b).tolist()))
    return len(pairs) == len(set(np.asarray(a).tolist())) == len(set(np.asarray(b).tolist()))


def _sklearn_kmeans(x, k, seed):
    model = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(x)
    return model.labels_, model.inertia_


@pytest.fixture(scope="module")
def rfm_scaled():
    tables = data.load_logistics()
    rfm = sg.rfm_table(tables["shipments"], "customer_id", "date", "revenue", data.LOGISTICS_AS_OF)
    features = rfm[["recency", "frequency", "monetary"]]
    return features, sg.kmeans_segments(features, 2, log=["frequency", "monetary"])["scaled"].to_numpy()


@pytest.fixture(scope="module")
def survey():
    return data.load_survey("audit_survey")


# --------------------------------------------------------------------------
# the course's own analyses
# --------------------------------------------------------------------------
@pytest.mark.parametrize("k", range(2, 9))
@pytest.mark.parametrize("seed", [0, 1, 42])
def test_kmeans_matches_sklearn_on_chapter_7_rfm(rfm_scaled, k, seed):
    _, x = rfm_scaled
    labels, inertia = mv.kmeans(x, k, seed=seed)
    ref_labels, ref_inertia = _sklearn_kmeans(x, k, seed)
    assert _same_partition(labels, ref_labels)
    assert inertia == pytest.approx(ref_inertia, rel=1e-10)


@pytest.mark.parametrize("k", range(2, 7))
def test_kmeans_matches_sklearn_on_the_audit_importance_profiles(survey, k):
    x = audit._standardise(audit._respondent_matrix(survey, audit.IMPORTANCE))
    labels, inertia = mv.kmeans(x, k, seed=0)
    ref_labels, ref_inertia = _sklearn_kmeans(x, k, 0)
    assert _same_partition(labels, ref_labels)
    assert inertia == pytest.approx(ref_inertia, rel=1e-10)


def test_choose_k_silhouette_and_inertia_match_sklearn(rfm_scaled):
    features, x = rfm_scaled
    table = sg.choose_k(features, range(2, 9), log=["frequency", "monetary"])
    for k, row in table.iterrows():
        labels, inertia = _sklearn_kmeans(x, k, 0)
        assert row["inertia"] == pytest.approx(inertia, rel=1e-10)
        assert row["silhouette"] == pytest.approx(silhouette_score(x, labels), rel=1e-10)


def test_principal_components_match_sklearn(rfm_scaled):
    features, x = rfm_scaled
    coords = sg.principal_components(features, 2, log=["frequency", "monetary"])
    ref = PCA(n_components=2).fit(x)
    np.testing.assert_allclose(coords.attrs["explained_variance_ratio"], ref.explained_variance_ratio_, rtol=1e-10)
    loadings = coords.attrs["loadings"].to_numpy().T
    # same axes up to the sign convention (largest loading positive here)
    np.testing.assert_allclose(np.abs(loadings), np.abs(ref.components_), atol=1e-10)
    signs = np.sign((loadings * ref.components_).sum(axis=1))
    np.testing.assert_allclose(coords.to_numpy(), ref.transform(x) * signs, atol=1e-9)


@pytest.mark.parametrize("rater, n_factors", [("Company A", 3), ("Company B", 3), ("importance", 2),
                                              ("Company A", 1), ("importance", 4)])
def test_factor_groups_loadings_match_sklearn(survey, rater, n_factors):
    fa = audit.factor_groups(survey, rater, n_factors)
    x = audit._standardise(audit._respondent_matrix(survey, rater))
    ref = FactorAnalysis(n_components=n_factors, rotation="varimax", random_state=0).fit(x).components_.T
    ours = fa[[f"factor_{i + 1}" for i in range(n_factors)]].to_numpy()
    # the same rotated solution, up to the order and signs factor_groups gives the factors
    assert _same_columns_up_to_order_and_sign(ours, ref)
    exact = FactorAnalysis(n_components=n_factors, rotation="varimax", svd_method="lapack").fit(x).components_.T
    assert _same_columns_up_to_order_and_sign(ours, exact)


def _same_columns_up_to_order_and_sign(a, b, atol=1e-8) -> bool:
    unused = list(range(b.shape[1]))
    for col in a.T:
        match = next((j for j in unused for sign in (1, -1) if np.allclose(col, sign * b[:, j], atol=atol)), None)
        if match is None:
            return False
        unused.remove(match)
    return not unused


# --------------------------------------------------------------------------
# drawn data
# --------------------------------------------------------------------------
_matrices = st.integers(8, 60).flatmap(lambda n: st.integers(1, 4).flatmap(lambda p: arrays(
    np.float64, (n, p), elements=st.floats(-100, 100, allow_nan=False, allow_infinity=False, width=32))))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(x=_matrices, k=st.integers(2, 5), seed=st.integers(0, 2**31 - 1))
def test_kmeans_inertia_equals_sklearn_on_drawn_data(x, k, seed):
    distinct = len(np.unique(x, axis=0))
    if distinct <= k:  # sklearn warns and may return fewer clusters; the course refuses such data upstream
        return
    labels, inertia = mv.kmeans(x, k, seed=seed)
    _, ref_inertia = _sklearn_kmeans(x, k, seed)
    assert inertia == pytest.approx(ref_inertia, rel=1e-9, abs=1e-9)
    assert labels.shape == (len(x),) and labels.min() >= 0 and labels.max() < k


@settings(max_examples=60, deadline=None)
@given(x=_matrices, k=st.integers(2, 5), data_=st.data())
def test_silhouette_equals_sklearn_on_drawn_labels(x, k, data_):
    n = len(x)
    k = min(k, n - 1)
    labels = np.array(data_.draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))
    if not 2 <= len(np.unique(labels)) <= n - 1:
        with pytest.raises(ValueError, match="clusters"):
            mv.silhouette_score(x, labels)
        return
    ours = mv.silhouette_score(x, labels)
    assert -1 <= ours <= 1
    assert ours == pytest.approx(silhouette_score(x, labels), rel=1e-7, abs=1e-7)


@settings(max_examples=40, deadline=None)
@given(x=_matrices)
def test_pca_variance_shares_equal_sklearn(x):
    p = x.shape[1]
    if np.ptp(x, axis=0).min() < 1e-3 or np.linalg.matrix_rank(x - x.mean(axis=0), tol=1e-6) < p:
        return
    comps, ratio = mv.pca(x, p)
    ref = PCA(n_components=p, svd_solver="full").fit(x)
    np.testing.assert_allclose(ratio, ref.explained_variance_ratio_, rtol=1e-8, atol=1e-12)
    assert ratio.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(comps @ comps.T, np.eye(p), atol=1e-10)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), p=st.integers(4, 9), k=st.integers(1, 3))
def test_factor_analysis_equals_sklearn_on_factor_data(seed, p, k):
    rng = np.random.default_rng(seed)
    k = min(k, p - 2)
    x = rng.normal(size=(150, k)) @ rng.uniform(-1, 1, size=(k, p)) + rng.normal(scale=0.5, size=(150, p))
    ours, converged = mv.factor_analysis(x, k)
    assert converged
    ref = FactorAnalysis(n_components=k, rotation="varimax", svd_method="lapack").fit(x).components_.T
    np.testing.assert_allclose(ours, ref, atol=1e-8)
    # the rotation is orthogonal: communalities are those of the unrotated fit
    assert np.all((ours**2).sum(axis=1) <= x.var(axis=0) + 1e-9)


@pytest.mark.parametrize("far", [[100.0, 100.0], [-50.0, 3.0]])
def test_lloyd_relocates_an_empty_cluster_like_sklearn(far):
    # a start far from every point gets no point: its centre moves to the point farthest from its own centre
    rng = np.random.default_rng(3)
    x = np.vstack([rng.normal(0, 1, (20, 2)), rng.normal(6, 1, (15, 2))])
    start = np.array([[0.0, 0.0], [6.0, 6.0], far])
    mean = x.mean(axis=0)
    tol = float(np.mean(np.var(x, axis=0)) * 1e-4)
    labels, inertia = mv._lloyd(x - mean, start - mean, tol)
    ref = KMeans(n_clusters=3, init=start, n_init=1).fit(x)
    assert len(np.unique(labels)) == 3
    assert _same_partition(labels, ref.labels_)
    assert inertia == pytest.approx(ref.inertia_, rel=1e-12)


def test_kmeans_segments_no_longer_import_sklearn():
    import subprocess
    import sys
    code = ("import sys, pandas as pd\n"
            "from scm_course import segment as sg, audit, data\n"
            "x = pd.DataFrame({'a': [0.0, 0.1, 0.2, 10.0, 10.1, 20.0], 'b': [1.0, 1.1, 0.9, 5.0, 5.2, 9.0]})\n"
            "sg.choose_k(x, [2, 3]); sg.principal_components(x)\n"
            "audit.factor_groups(data.load_survey('audit_survey'), 'Company A')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'threadpoolctl')"
            " or m.startswith(('scipy.stats', 'scipy.optimize', 'scipy.sparse', 'scipy.spatial'))))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
