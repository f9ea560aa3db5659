"""k-means, silhouette, principal components and factor analysis in numpy alone.

The course's segmentation and audit models need four classical multivariate
methods.  They used to call scikit-learn, whose import alone loads
scipy.stats, scipy.optimize, scipy.sparse and more: about 70-85 MB of memory
in every kernel that segments customers (a third of the 250 MB a course
kernel may use) and about a second of start-up.  The methods are short, so
they are written here, **step for step as scikit-learn computes them**, and
``tests/test_multivariate.py`` checks them against scikit-learn itself (kept
as a test dependency): the same labels and inertia, the same silhouette, the
same components and loadings.

* :func:`kmeans` -- Lloyd's algorithm from greedy k-means++ starts, best of
  ``n_init`` (Lloyd 1982; Arthur & Vassilvitskii 2007), as
  ``sklearn.cluster.KMeans(n_clusters=k, n_init=n_init, random_state=seed)``
  (scikit-learn >= 1.3: same random draws, same tolerance, same relocation of
  empty clusters, same choice among the starts).
* :func:`silhouette_score` -- mean silhouette (Rousseeuw 1987), as
  ``sklearn.metrics.silhouette_score``.
* :func:`pca` -- principal components by singular value decomposition, as
  ``sklearn.decomposition.PCA``.
* :func:`factor_analysis` -- maximum-likelihood factor analysis by the
  SVD-based EM algorithm of Barber (2012, ch. 21.2) with varimax rotation
  (Kaiser 1958), as ``sklearn.decomposition.FactorAnalysis(rotation="varimax")``.
  scikit-learn's default randomized SVD is exact (to rounding) when
  ``n_factors + 10 >= n_features``, as in the course's audits; here the SVD is
  always the exact one (LAPACK).

Inputs are validated by the public functions that call these (``segment``,
``audit``); these helpers assume a finite 2-D float array.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["factor_analysis", "kmeans", "pca", "silhouette_score"]


# --------------------------------------------------------------------------
# k-means
# --------------------------------------------------------------------------
def _squared_distances(a, b, b_norms):
    """Squared Euclidean distances a x b as ``-2 a.b + |a|^2 + |b|^2``, clipped at 0 (scikit-learn's order)."""
    d = -2 * (a @ b.T)
    d += np.einsum("ij,ij->i", a, a)[:, None]
    d += b_norms[None, :]
    np.maximum(d, 0, out=d)
    return d


def _kmeans_plusplus(x, k, x_norms, rng):
    """Greedy k-means++ seeding: 2 + log(k) candidates per centre, the one lowering the potential most wins."""
    n = x.shape[0]
    weights = np.ones(n)
    trials = 2 + int(np.log(k))
    centers = np.empty((k, x.shape[1]))
    first = rng.choice(n, p=weights / weights.sum())
    centers[0] = x[first]
    closest = _squared_distances(centers[0, None], x, x_norms)
    potential = closest @ weights
    for c in range(1, k):
        draws = rng.uniform(size=trials) * potential
        candidates = np.searchsorted(np.cumsum(weights * closest), draws)
        np.clip(candidates, None, closest.size - 1, out=candidates)
        dist = _squared_distances(x[candidates], x, x_norms)
        np.minimum(closest, dist, out=dist)
        pots = dist @ weights.reshape(-1, 1)
        best = int(np.argmin(pots))
        potential = pots[best]
        closest = dist[best]
        centers[c] = x[candidates[best]]
    return centers


def _assign(x, centers):
    """Nearest centre of each row (first one on a tie), from ``|c|^2 - 2 x.c``."""
    scores = np.einsum("ij,ij->i", centers, centers)[None, :] - 2 * (x @ centers.T)
    return np.argmin(scores, axis=1)


def _lloyd(x, centers, tol, max_iter=300):
    """One run of Lloyd's algorithm from ``centers``; returns labels, inertia."""
    n, k = x.shape[0], centers.shape[0]
    centers = centers.copy()
    labels_old = np.full(n, -1)
    strict = False
    for _ in range(max_iter):
        labels = _assign(x, centers)
        counts = np.bincount(labels, minlength=k).astype(float)
        sums = np.zeros_like(centers)
        np.add.at(sums, labels, x)
        empty = np.flatnonzero(counts == 0)
        if len(empty):  # move each empty centre to one of the points farthest from its centre
            far = ((x - centers[labels]) ** 2).sum(axis=1)
            farthest = np.argpartition(far, -len(empty))[: -len(empty) - 1: -1]
            for new, i in zip(empty, farthest):
                old = labels[i]
                sums[old] -= x[i]
                sums[new] = x[i]
                counts[new] = 1.0
                counts[old] -= 1.0
        new_centers = np.where(counts[:, None] > 0, sums / np.where(counts > 0, counts, 1)[:, None], centers)
        shift = ((new_centers - centers) ** 2).sum()
        centers = new_centers
        if np.array_equal(labels, labels_old):
            strict = True
            break
        if shift <= tol:
            break
        labels_old = labels
    if not strict:
        labels = _assign(x, centers)
    inertia = float(((x - centers[labels]) ** 2).sum())
    return labels, inertia


def _same_clustering(a, b, k):
    """Whether two labellings are the same partition up to a renaming of the labels."""
    mapping = np.full(k, -1)
    for i, j in zip(a, b):
        if mapping[i] == -1:
            mapping[i] = j
        elif mapping[i] != j:
            return False
    return True


def kmeans(x, k: int, *, n_init: int = 10, seed: int = 0, tol: float = 1e-4):
    """Best of ``n_init`` k-means runs (Lloyd's algorithm from k-means++ starts).

    Minimises the inertia ``sum_i ||x_i - c_(label i)||^2``.  The data are
    centred first (for accurate distances); the run stops when no label
    changes or when the centres move less than ``tol`` x the mean feature
    variance (squared).  Among the runs the first with the lowest inertia wins
    (a later run must be lower *and* a different partition).

    Parameters
    ----------
    x : ndarray, shape (n, p)
        Finite observations, n > k.
    k : int
        Number of clusters.
    n_init : int, default 10
        Number of starts.
    seed : int, default 0
        Seed of ``numpy.random.RandomState`` drawing the starts.
    tol : float, default 1e-4
        Relative tolerance of the centre shift.

    Returns
    -------
    labels : ndarray of int, shape (n,)
        Cluster 0..k-1 of each row.
    inertia : float
        Within-cluster sum of squares of the chosen run.

    Examples
    --------
    >>> x = np.array([[0.0, 0.0], [0.1, 0.0], [5.0, 5.0], [5.1, 5.0]])
    >>> labels, inertia = kmeans(x, 2)
    >>> bool(labels[0] == labels[1] != labels[2] == labels[3]), round(inertia, 3)
    (True, 0.01)
    """
    x = np.array(x, dtype=float)
    tol = float(np.mean(np.var(x, axis=0)) * tol)
    x -= x.mean(axis=0)
    x_norms = np.einsum("ij,ij->i", x, x)
    rng = np.random.RandomState(seed)
    best_labels, best_inertia = None, None
    for _ in range(n_init):
        labels, inertia = _lloyd(x, _kmeans_plusplus(x, k, x_norms, rng), tol)
        if best_inertia is None or (inertia < best_inertia and not _same_clustering(labels, best_labels, k)):
            best_labels, best_inertia = labels, inertia
    return best_labels, best_inertia


# --------------------------------------------------------------------------
# silhouette
# --------------------------------------------------------------------------
def silhouette_score(x, labels) -> float:
    """Mean silhouette ``s_i = (b_i - a_i) / max(a_i, b_i)`` over all rows (Rousseeuw 1987).

    ``a_i`` is the mean Euclidean distance from row i to the other members of
    its cluster and ``b_i`` the smallest mean distance to another cluster;
    a row alone in its cluster has ``s_i = 0``.  Needs 2 <= clusters < rows.

    Examples
    --------
    >>> x = np.array([[0.0], [1.0], [10.0], [11.0]])
    >>> round(silhouette_score(x, np.array([0, 0, 1, 1])), 4)
    0.8997
    """
    x = np.asarray(x, dtype=float)
    codes, labels = np.unique(np.asarray(labels), return_inverse=True)
    n, k = len(labels), len(codes)
    if not 2 <= k <= n - 1:
        raise ValueError(f"the silhouette needs from 2 to {n - 1} clusters of the {n} rows, got {k}")
    norms = np.einsum("ij,ij->i", x, x)
    d = _squared_distances(x, x, norms)
    np.fill_diagonal(d, 0)
    np.sqrt(d, out=d)
    member = np.zeros((n, k))
    member[np.arange(n), labels] = 1.0
    sums = d @ member  # distance of each row to all members of each cluster
    sizes = member.sum(axis=0)
    own = sizes[labels]
    a = sums[np.arange(n), labels] / np.maximum(own - 1, 1)
    means = sums / sizes
    means[np.arange(n), labels] = np.inf
    b = means.min(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        s = (b - a) / np.maximum(a, b)
    s = np.where(own > 1, np.nan_to_num(s), 0.0)
    return float(np.mean(s))


# --------------------------------------------------------------------------
# principal components
# --------------------------------------------------------------------------
def pca(x, n_components: int):
    """Principal axes of ``x`` (centred) by singular value decomposition.

    Returns ``components`` (n_components x p, unit rows, in order of
    variance) and ``explained_variance_ratio`` (each component's share of
    the total variance).

    Examples
    --------
    >>> comps, ratio = pca(np.array([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]]), 1)
    >>> np.round(np.abs(comps), 3).tolist(), np.round(ratio, 3).tolist()
    ([[0.447, 0.894]], [1.0])
    """
    x = np.asarray(x, dtype=float)
    centred = x - x.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    variance = s**2
    total = variance.sum()
    return vt[:n_components], variance[:n_components] / total


# --------------------------------------------------------------------------
# factor analysis
# --------------------------------------------------------------------------
def _varimax(loadings, tol=1e-6, max_iter=100):
    """Varimax rotation of a p x k loading matrix (Kaiser 1958), by the SVD iteration."""
    p, _ = loadings.shape
    rotation = np.eye(loadings.shape[1])
    criterion = 0
    for _ in range(max_iter):
        rotated = loadings @ rotation
        target = rotated * ((rotated**2).sum(axis=0) / p)
        u, s, vt = np.linalg.svd(loadings.T @ (rotated**3 - target))
        rotation = u @ vt
        new = np.sum(s)
        if criterion != 0 and new < criterion * (1 + tol):
            break
        criterion = new
    return loadings @ rotation


def factor_analysis(x, n_factors: int, *, tol: float = 1e-2, max_iter: int = 1000):
    """Maximum-likelihood factor analysis ``x = L f + e`` with varimax rotation.

    The EM iterations of Barber (2012, alg. 21.1): with the noise variances
    ``psi``, the loadings come from the SVD of ``x / sqrt(n psi)``; ``psi`` is
    updated to the variance the factors leave unexplained; iterations stop when
    the log-likelihood gains less than ``tol``.  The loadings are then
    varimax-rotated.

    Returns
    -------
    loadings : ndarray, shape (p, n_factors)
        Rotated loadings (attribute x factor), before any reordering.
    converged : bool
        Whether the likelihood converged within ``max_iter`` iterations.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> f = rng.normal(size=(200, 1))
    >>> x = f @ np.array([[0.9, 0.8, 0.7, 0.0]]) + rng.normal(scale=0.4, size=(200, 4))
    >>> loadings, ok = factor_analysis(x, 1)
    >>> ok, np.round(np.abs(loadings[:, 0]), 1).tolist()
    (True, [0.8, 0.8, 0.7, 0.0])
    """
    x = np.array(x, dtype=float)
    n, p = x.shape
    x -= x.mean(axis=0)
    nsqrt = math.sqrt(n)
    llconst = p * math.log(2.0 * math.pi) + n_factors
    var = np.var(x, axis=0)
    psi = np.ones(p)
    old_ll = -np.inf
    small = 1e-12
    converged = False
    for _ in range(max_iter):
        sqrt_psi = np.sqrt(psi) + small
        _, s, vt = np.linalg.svd(x / (sqrt_psi * nsqrt), full_matrices=False)
        unexplained = float(np.sum(s[n_factors:] ** 2))
        s, vt = s[:n_factors] ** 2, vt[:n_factors]
        w = np.sqrt(np.maximum(s - 1.0, 0.0))[:, None] * vt
        w *= sqrt_psi
        ll = llconst + np.sum(np.log(s))
        ll += unexplained + np.sum(np.log(psi))
        ll *= -n / 2.0
        if ll - old_ll < tol:
            converged = True
            break
        old_ll = ll
        psi = np.maximum(var - np.sum(w**2, axis=0), small)
    return _varimax(w.T), converged
