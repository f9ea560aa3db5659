"""The customer service audit (客户服务审计 / 客户服务调查).

Models for Chapter 5: summarise a survey of importance and performance
ratings, compare a firm with a competitor attribute by attribute, and place the
attributes in the two matrices of the four-step analysis:

1. STEP 1 -- organise the data: importance, the firm's and the competitor's
   mean rating, relative performance = firm - competitor, and whether the
   difference is significant (Welch t-test; ``*`` p <= 0.05, ``**`` p <= 0.01).
2. STEP 2 -- competitive position matrix (竞争地位矩阵): importance (y) against
   relative performance (x), with a parity band (竞争均势) around 0.
3. STEP 3 -- performance evaluation matrix (绩效评估矩阵): importance against
   the firm's own performance, a 3 x 3 grid of actions.
4. STEP 4 -- both combined into an action plan.

Survey responses are a long DataFrame ``respondent, attribute, rater, score``
where ``rater`` is ``"importance"`` or the name of a rated firm (DESIGN.md).

References
----------
Seed [002 L230-365] (COURSE_CONTENT.md section D.13, tables T9-T10).
Lambert, D. M. and Stock, J. R., *Strategic Logistics Management*, 3rd ed.,
    ch. 4 (the customer service audit; competitive position and performance
    matrices).
Lambert, D. M. and Harrington, T. C. (1990), "Measuring nonresponse bias in
    customer service mail surveys", *Journal of Business Logistics* 11(2) --
    with Lambert & Stock ch. 4, the source of factor analysis on audit data.
MacQueen, J. (1967), "Some methods for classification and analysis of
    multivariate observations", *Proc. 5th Berkeley Symposium* 1, 281-297;
    Lloyd, S. P. (1982), "Least squares quantization in PCM", *IEEE Trans.
    Information Theory* 28, 129-137 (k-means).
Welch, B. L. (1947), "The generalization of Student's problem when several
    different population variances are involved", *Biometrika* 34, 28-35.
"""
from __future__ import annotations

from numbers import Real

import numpy as np
import pandas as pd
from scipy import special

from . import _multivariate
from ._validation import _preview, as_number_array, as_numeric_series, check_columns, check_seed

__all__ = [
    "IMPORTANCE",
    "SCALE",
    "PERFORMANCE_ACTIONS",
    "survey_summary",
    "welch_t_test",
    "relative_performance",
    "competitive_position",
    "performance_matrix",
    "action_plan",
    "factor_groups",
    "importance_segments",
]

#: The rater name of importance ratings.
IMPORTANCE = "importance"

#: STEP 3 grid [002 L298-328]: (importance level, performance level) -> action.
PERFORMANCE_ACTIONS = {
    ("high", "low"): "improve_absolutely",  # 绝对提高
    ("high", "medium"): "improve",  # 提高
    ("high", "high"): "maintain_improve",  # 保持/提高
    ("medium", "low"): "improve",  # 提高
    ("medium", "medium"): "maintain",  # 保持
    ("medium", "high"): "reduce_maintain",  # 降低/保持
    ("low", "low"): "maintain",  # 保持
    ("low", "medium"): "reduce_maintain",  # 降低/保持
    ("low", "high"): "reduce_maintain",  # 降低/保持
}
# severity of an action, for sorting the action plan
_URGENCY = {"improve_absolutely": 0, "improve": 1, "maintain_improve": 2, "maintain": 3, "reduce_maintain": 4}


#: The rating scale of the course's surveys (7-point, as in the seed).
SCALE = (1, 7)


def _check_responses(responses, scale=SCALE, attributes=None) -> pd.DataFrame:
    check_columns(responses, ["respondent", "attribute", "rater", "score"], "responses")
    score = pd.to_numeric(responses["score"], errors="coerce")
    bad = score.isna() | ~np.isfinite(score.astype(float))
    if bad.any():
        i = int(np.argmax(bad.to_numpy()))
        raise ValueError(f"responses['score'] must hold numbers; bad value {responses['score'].iloc[i]!r} at row {i}")
    try:
        low, high = (float(v) for v in scale)
    except (TypeError, ValueError):
        raise ValueError(f"scale must be (lowest, highest) rating, got {scale!r}") from None
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(f"scale must be two finite numbers, lowest < highest rating, got {scale!r}")
    outside = (score < low) | (score > high)
    if outside.any():
        i = int(np.argmax(outside.to_numpy()))
        raise ValueError(f"responses['score'] must lie on the {low:g}-{high:g} scale; "
                         f"got {responses['score'].iloc[i]} at row {i}")
    out = responses.assign(score=score.astype(float))
    if attributes is not None:
        if isinstance(attributes, str) or len(attributes) == 0:
            raise ValueError(f"attributes must be a non-empty list of attribute names, got {attributes!r}")
        known = list(pd.unique(out["attribute"]))
        unknown = [a for a in attributes if a not in known]
        if unknown:
            raise ValueError(f"attributes names unknown attribute(s) {_preview(unknown)}; "
                             f"the survey has {_preview(known, 12)}")
        out = out[out["attribute"].isin(attributes)]
        order = {a: i for i, a in enumerate(attributes)}
        out = out.sort_values("attribute", key=lambda c: c.map(order), kind="stable")
    if out.duplicated(["respondent", "attribute", "rater"]).any():
        row = out[out.duplicated(["respondent", "attribute", "rater"])].iloc[0]
        raise ValueError(f"responses: respondent {row['respondent']!r} rated {row['attribute']!r} "
                         f"for {row['rater']!r} twice")
    return out


def _check_firm(responses, name, value):
    raters = [r for r in responses["rater"].unique() if r != IMPORTANCE]
    if value not in raters:
        raise ValueError(f"{name} must be one of the rated firms {_preview(raters, 10)}, got {value!r}")


def survey_summary(responses: pd.DataFrame, *, scale=SCALE) -> pd.DataFrame:
    """Mean, standard deviation (``ddof=1``) and count per attribute and rater.

    Returns a DataFrame indexed by ``(attribute, rater)`` in the order of first
    appearance, columns ``mean, sd, n``.

    Examples
    --------
    >>> r = pd.DataFrame({"respondent": ["a", "b", "a", "b"], "attribute": ["x"] * 4,
    ...                   "rater": ["importance", "importance", "F", "F"], "score": [7, 5, 4, 6]})
    >>> survey_summary(r)["mean"].tolist()
    [6.0, 5.0]
    """
    frame = _check_responses(responses, scale)
    grouped = frame.groupby(["attribute", "rater"], sort=False)["score"]
    out = pd.DataFrame({"mean": grouped.mean(), "sd": grouped.std(ddof=1), "n": grouped.size()})
    return out


def relative_performance(responses: pd.DataFrame, firm: str, competitor: str, *, attributes=None,
                         scale=SCALE) -> pd.DataFrame:
    """STEP 1: importance, both firms' means, their difference and its significance.

    ``difference = firm_mean - competitor_mean`` (相对绩效) per attribute; the
    p-value is Welch's two-sample t-test of the two firms' ratings (unequal
    variances); ``mark`` is ``"**"`` if p <= 0.01, ``"*"`` if p <= 0.05, else
    ``""`` -- the seed's footnote [002 L272].

    Parameters
    ----------
    responses : pandas.DataFrame
        Long survey: ``respondent, attribute, rater, score``; needs importance
        ratings and at least two ratings of each firm per attribute.
    firm, competitor : str
        Two different rater names.
    attributes : list of str, optional
        Attributes to compare, in this order (default: all, in survey order).
    scale : (low, high), default (1, 7)
        The rating scale; a score outside it is an error, not an outlier.

    Returns
    -------
    pandas.DataFrame
        Indexed by attribute (survey order), columns ``importance, firm_mean,
        competitor_mean, difference, p_value, mark``.

    Examples
    --------
    >>> from scm_course.data import load_survey
    >>> rp = relative_performance(load_survey("audit_survey"), "Company A", "Company B")
    >>> rp["mark"].tolist()
    ['', '', '*', '', '', '', '**', '', '', '**']
    """
    frame = _check_responses(responses, scale, attributes)
    _check_firm(frame, "firm", firm)
    _check_firm(frame, "competitor", competitor)
    if firm == competitor:
        raise ValueError(f"firm and competitor must differ, both are {firm!r}")
    if IMPORTANCE not in set(frame["rater"]):
        raise ValueError(f"responses has no importance ratings (rater {IMPORTANCE!r})")
    rows = {}
    for attribute, group in frame.groupby("attribute", sort=False):
        by_rater = {r: g["score"].to_numpy() for r, g in group.groupby("rater", sort=False)}
        for who in (IMPORTANCE, firm, competitor):
            if len(by_rater.get(who, ())) < 2:
                raise ValueError(f"attribute {attribute!r} needs at least 2 ratings from {who!r}, "
                                 f"got {len(by_rater.get(who, ()))}")
        a, b = by_rater[firm], by_rater[competitor]
        p = welch_t_test(a, b)[2]
        rows[attribute] = (by_rater[IMPORTANCE].mean(), a.mean(), b.mean(), a.mean() - b.mean(), p)
    out = pd.DataFrame.from_dict(rows, orient="index",
                                 columns=["importance", "firm_mean", "competitor_mean", "difference", "p_value"])
    out["mark"] = np.where(out["p_value"] <= 0.01, "**", np.where(out["p_value"] <= 0.05, "*", ""))
    out.index.name = "attribute"
    return out


def welch_t_test(a, b) -> tuple[float, float, float]:
    """Welch's two-sample t-test: ``(t, df, two-sided p)``.

    ``t = (mean_a - mean_b) / sqrt(v_a/n_a + v_b/n_b)`` with sample variances
    (``ddof=1``) and the Welch-Satterthwaite degrees of freedom
    ``df = (v_a/n_a + v_b/n_b)^2 / ((v_a/n_a)^2/(n_a-1) + (v_b/n_b)^2/(n_b-1))``.
    Same result as ``scipy.stats.ttest_ind(a, b, equal_var=False)``, and also
    defined when one sample has no spread; when neither has, the difference is
    certain (p = 0) unless the means are equal (p = 1).

    Examples
    --------
    >>> t, df, p = welch_t_test([5, 6, 7, 6], [4, 5, 4, 5])
    >>> round(t, 3), round(df, 2), round(p, 4)
    (3.0, 5.4, 0.0273)
    """
    a, b = as_number_array(a, "a"), as_number_array(b, "b")
    for name, sample in (("a", a), ("b", b)):
        if sample.ndim != 1 or len(sample) < 2:
            raise ValueError(f"{name} must be a sample of at least 2 values, got {sample.size}")
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    diff = a.mean() - b.mean()
    if va + vb == 0:
        return (0.0 if diff == 0 else float(np.sign(diff) * np.inf)), float("nan"), (1.0 if diff == 0 else 0.0)
    t = diff / np.sqrt(va + vb)
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    # t.sf(|t|, df) as scipy.stats computes it, without importing scipy.stats (~60 MB per kernel)
    return float(t), float(df), float(2 * special.stdtr(df, -abs(t)))


def _check_number(value, name, *, positive=False):
    if isinstance(value, bool) or not isinstance(value, Real) or not np.isfinite(value) or (positive and value <= 0):
        raise ValueError(f"{name} must be a finite number{' > 0' if positive else ''}, got {value!r}")
    return float(value)


def _check_relative(relative, columns) -> pd.DataFrame:
    check_columns(relative, columns, "relative")
    if relative.index.has_duplicates:
        raise ValueError(f"relative has duplicate attributes: {_preview(relative.index[relative.index.duplicated()])}")
    for col in columns:
        as_numeric_series(relative[col], f"relative[{col!r}]")
    return relative


def competitive_position(relative: pd.DataFrame, *, importance_threshold=5.0, parity=1.0) -> pd.DataFrame:
    """STEP 2: place attributes in the competitive position matrix (竞争地位矩阵).

    x = relative performance, y = importance.  The band is **disadvantage**
    (竞争劣势) if ``x < -parity``, **advantage** (竞争优势) if ``x > parity``,
    else **parity** (竞争均势); an attribute is **important** if its importance
    is at least ``importance_threshold``.  The region names the seed's four
    corners -- ``important_weakness`` (重要的弱项), ``important_strength``,
    ``minor_weakness``, ``minor_strength`` -- or ``parity``.

    Parameters
    ----------
    relative : pandas.DataFrame
        Output of :func:`relative_performance`.
    importance_threshold : float, default 5.0
        Importance at or above which an attribute is important (the seed's
        high band is 5-7).
    parity : float, default 1.0
        Half-width of the parity band (the seed draws lines at -1.0 and +1.0).

    Returns
    -------
    pandas.DataFrame
        Indexed by attribute: ``importance, difference, band, important,
        region``.
    """
    _check_relative(relative, ["importance", "difference"])
    threshold = _check_number(importance_threshold, "importance_threshold")
    half = _check_number(parity, "parity")
    if half < 0:
        raise ValueError(f"parity must be >= 0, got {parity!r}")
    x, y = relative["difference"].astype(float), relative["importance"].astype(float)
    band = np.where(x < -half, "disadvantage", np.where(x > half, "advantage", "parity"))
    important = (y >= threshold).to_numpy()
    region = np.where(band == "parity", "parity",
                      np.where(important, "important_", "minor_")
                      + np.where(band == "disadvantage", "weakness", "strength"))
    return pd.DataFrame({"importance": y, "difference": x, "band": band, "important": important,
                         "region": region}, index=relative.index)


def _level(values: pd.Series, cuts) -> np.ndarray:
    return np.where(values >= cuts[1], "high", np.where(values >= cuts[0], "medium", "low"))


def performance_matrix(relative: pd.DataFrame, *, cuts=(3.0, 5.0)) -> pd.DataFrame:
    """STEP 3: the performance evaluation matrix (绩效评估矩阵) and its actions.

    Importance and the firm's own performance are each cut into low / medium /
    high at ``cuts`` (the seed's 7-point grid: 1-3, 3-5, 5-7; a value on a cut
    goes to the upper level), and the cell gives the action (see
    :data:`PERFORMANCE_ACTIONS`)::

        importance \\ performance   low                  medium            high
        high                       improve absolutely   improve           maintain / improve
        medium                     improve              maintain          reduce / maintain
        low                        maintain             reduce / maintain reduce / maintain

    Returns
    -------
    pandas.DataFrame
        Indexed by attribute: ``importance, performance, importance_level,
        performance_level, action``.
    """
    _check_relative(relative, ["importance", "firm_mean"])
    try:
        low, high = (float(c) for c in cuts)
    except (TypeError, ValueError):
        raise ValueError(f"cuts must be two numbers (low/medium, medium/high), got {cuts!r}") from None
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(f"cuts must be two increasing finite numbers, got {cuts!r}")
    imp, perf = relative["importance"].astype(float), relative["firm_mean"].astype(float)
    imp_level, perf_level = _level(imp, (low, high)), _level(perf, (low, high))
    action = [PERFORMANCE_ACTIONS[(i, p)] for i, p in zip(imp_level, perf_level)]
    return pd.DataFrame({"importance": imp, "performance": perf, "importance_level": imp_level,
                         "performance_level": perf_level, "action": action}, index=relative.index)


def action_plan(relative: pd.DataFrame, *, importance_threshold=5.0, parity=1.0, cuts=(3.0, 5.0)) -> pd.DataFrame:
    """STEP 4: both matrices combined into a prioritised action list.

    Each attribute gets its STEP 3 action, its STEP 2 band and region, and
    the significance mark of the difference.  The list is sorted by urgency of
    the action (improve absolutely, improve, maintain / improve, maintain,
    reduce / maintain), then by importance, so the first rows are where money
    spent on service helps most.  ``behind_competitor`` flags a difference
    that is negative *and* significant: a weakness customers notice even if it
    is still inside the parity band.
    """
    position = competitive_position(relative, importance_threshold=importance_threshold, parity=parity)
    matrix = performance_matrix(relative, cuts=cuts)
    plan = pd.DataFrame({
        "importance": relative["importance"],
        "performance": relative["firm_mean"],
        "difference": relative["difference"],
        "mark": relative["mark"] if "mark" in relative else "",
        "band": position["band"],
        "region": position["region"],
        "action": matrix["action"],
    })
    plan["behind_competitor"] = (plan["difference"] < 0) & (plan["mark"] != "")
    plan["_urgency"] = plan["action"].map(_URGENCY)
    plan = plan.sort_values(["_urgency", "behind_competitor", "importance"], ascending=[True, False, False],
                            kind="stable")
    return plan.drop(columns="_urgency")


# --------------------------------------------------------------------------
# relative importance: factor analysis and cluster analysis (seed 000, D.11)
# --------------------------------------------------------------------------
def _respondent_matrix(responses, rater: str, name: str = "rater") -> pd.DataFrame:
    """Respondent x attribute scores of one rater (attributes in survey order), complete rows only."""
    frame = _check_responses(responses)
    raters = list(frame["rater"].unique())
    if rater not in raters:
        raise ValueError(f"{name} must be one of the raters in responses {_preview(raters, 10)}, got {rater!r}")
    own = frame[frame["rater"] == rater]
    attributes = list(own["attribute"].unique())
    wide = own.pivot(index="respondent", columns="attribute", values="score").reindex(columns=attributes)
    return wide.dropna()


def _standardise(wide: pd.DataFrame) -> np.ndarray:
    sd = wide.std(ddof=0)
    flat = sd[sd == 0]
    if len(flat):
        raise ValueError(f"attribute {flat.index[0]!r} has the same score from every respondent; "
                         "it cannot be standardised (drop it first)")
    return ((wide - wide.mean()) / sd).to_numpy()


def factor_groups(responses: pd.DataFrame, rater: str, n_factors: int = 3) -> pd.DataFrame:
    """Group service elements by factor analysis (因子分析法) of one rater's scores.

    The respondent x attribute matrix of ``rater``'s scores is standardised
    (z-scores per attribute, so the analysis works on correlations), and a
    maximum-likelihood factor model ``z = L f + e`` with ``n_factors`` common
    factors is fitted and varimax-rotated (Kaiser 1958), computed as
    :class:`sklearn.decomposition.FactorAnalysis` does.  Elements that load on the
    same factor are rated alike by customers: customers see them as one
    aspect of service, so the firm can set their relative importance, and
    measure them, as a group.  Lambert & Stock (ch. 4) recommend exactly this
    reduction of audit ratings; seed [000 L21-23] names the method.

    Factors are numbered by the variance they explain (factor 1 the largest)
    and each column's sign is chosen so that its largest loading is
    positive, so the output does not depend on arbitrary choices of the fit.

    Parameters
    ----------
    responses : pandas.DataFrame
        Long survey ``respondent, attribute, rater, score``.
    rater : str
        Whose scores to analyse: ``"importance"`` or a rated firm.
    n_factors : int, default 3
        Number of common factors, 1 <= n_factors < number of attributes.
        The fit is deterministic (exact SVD at every EM step).

    Returns
    -------
    pandas.DataFrame
        Indexed by attribute (survey order): loadings ``factor_1 ...
        factor_k``, ``communality`` (sum of squared loadings: the share of the
        element's variance the factors explain) and ``factor`` (1..k, the
        factor with the largest absolute loading).

    Examples
    --------
    >>> from scm_course.data import load_survey
    >>> fa = factor_groups(load_survey("audit_survey"), "Company A")
    >>> fa.groupby("factor").size().sort_index().tolist()
    [4, 3, 3]
    """
    wide = _respondent_matrix(responses, rater)
    n, m = wide.shape
    if isinstance(n_factors, bool) or not isinstance(n_factors, (int, np.integer)) or not 1 <= n_factors < m:
        raise ValueError(f"n_factors must be a whole number from 1 to {m - 1} (fewer than the {m} attributes), "
                         f"got {n_factors!r}")
    if n < max(m + 1, 2 * n_factors + 1):
        raise ValueError(f"factor analysis of {m} attributes needs at least {max(m + 1, 2 * n_factors + 1)} "
                         f"respondents with a complete set of {rater!r} scores, got {n}")
    loadings, converged = _multivariate.factor_analysis(_standardise(wide), int(n_factors))  # attributes x factors
    if not converged:
        raise ValueError(f"the factor model of {rater!r}'s scores did not converge in 1000 iterations; "
                         "try fewer n_factors")
    order = np.argsort(-(loadings**2).sum(axis=0), kind="stable")
    loadings = loadings[:, order]
    signs = np.sign(loadings[np.abs(loadings).argmax(axis=0), np.arange(loadings.shape[1])])
    loadings = loadings * np.where(signs == 0, 1, signs)
    out = pd.DataFrame(loadings, index=wide.columns, columns=[f"factor_{i + 1}" for i in range(loadings.shape[1])])
    out["communality"] = (loadings**2).sum(axis=1)
    out["factor"] = np.abs(loadings).argmax(axis=1) + 1
    out.index.name = "attribute"
    out.columns.name = None
    return out


def importance_segments(responses: pd.DataFrame, k: int, seed: int = 0) -> dict:
    """Segment customers by cluster analysis (群组分析法) of their importance profiles.

    Each respondent's importance ratings form a profile (one value per
    service element).  The profiles are standardised per element and
    grouped by k-means (MacQueen 1967; Lloyd's algorithm, best of
    ``n_init=10`` starts, computed as :class:`sklearn.cluster.KMeans` does): customers who
    rank the elements alike land in the same segment, as seed [000 L27]
    describes.  Segments are numbered by size, the largest = 1 (ties: the
    segment of the earlier respondent first), so results are stable.

    Parameters
    ----------
    responses : pandas.DataFrame
        Long survey with importance ratings (rater ``"importance"``).
    k : int
        Number of segments, 2 <= k < number of respondents.
    seed : int, default 0
        Random state of the k-means starts.

    Returns
    -------
    dict
        ``segment``: Series respondent -> segment (1..k);
        ``profiles``: DataFrame segment x attribute of mean importance
        (original 1-7 scale); ``sizes``: Series segment -> respondents.

    Examples
    --------
    >>> from scm_course.data import load_survey
    >>> seg = importance_segments(load_survey("audit_survey"), 3)
    >>> int(seg["sizes"].sum()), list(seg["sizes"].index)
    (100, [1, 2, 3])
    """
    wide = _respondent_matrix(responses, IMPORTANCE, name="importance rater")
    n = len(wide)
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 2 <= k < max(n, 3):
        raise ValueError(f"k must be a whole number from 2 to {max(n - 1, 2)} (fewer than the {n} respondents), "
                         f"got {k!r}")
    labels, _ = _multivariate.kmeans(_standardise(wide), int(k), n_init=10, seed=check_seed(seed))
    counts = np.bincount(labels, minlength=int(k))
    first = np.array([np.flatnonzero(labels == c)[0] if counts[c] else n for c in range(int(k))])
    order = sorted(range(int(k)), key=lambda c: (-counts[c], first[c]))
    renumber = np.empty(int(k), dtype=int)
    renumber[order] = np.arange(1, int(k) + 1)
    segment = pd.Series(renumber[labels], index=wide.index, name="segment")
    profiles = wide.groupby(segment.to_numpy()).mean()
    profiles.index.name = "segment"
    profiles.columns.name = "attribute"
    sizes = segment.value_counts().sort_index().rename("respondents")
    sizes.index.name = "segment"
    return {"segment": segment, "profiles": profiles, "sizes": sizes}
