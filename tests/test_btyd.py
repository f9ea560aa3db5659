"""BG/NBD and Gamma-Gamma on the CDNOW cohort: the published numbers, the maths, bad input.

Published values: Fader, Hardie & Lee (2005a) "Counting your customers the easy
way" (r=0.243, alpha=4.414, a=0.793, b=2.426, LL=-9582.4; E[Y(39)|x=2,
t_x=30.43, T=38.86]=1.226) and Fader & Hardie's Gamma-Gamma note (p=6.25,
q=3.74, v=15.44 on the 946 repeat customers).
"""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, stats

from scm_course import data, value

ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent
PUBLISHED = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
PUBLISHED_GG = {"p": 6.25, "q": 3.74, "v": 15.44}


@pytest.fixture(scope="module")
def cdnow():
    return value.calibration_holdout(data.load_cdnow(), "customer_id", "date", data.CDNOW_CALIBRATION_END,
                                     data.CDNOW_OBSERVATION_END, amount="amount")


@pytest.fixture(scope="module")
def fitted(cdnow):
    return value.fit_bgnbd(cdnow["frequency"], cdnow["recency"], cdnow["T"])


# -- the published CDNOW numbers ----------------------------------------------
def test_summary_reproduces_the_published_cdnow_summary(cdnow):
    published = pd.read_csv(ROOT / "datasets" / "cdnow" / "cdnow_customers_summary_with_transactions.csv", index_col="ID")
    assert list(cdnow.index) == list(published.index)
    assert (cdnow["frequency"] == published["x"]).all()
    assert np.array_equal(cdnow["recency"].round(2), published["t_x"])
    assert np.array_equal(cdnow["T"].round(2), published["T"])
    assert np.abs(cdnow["monetary_value"] - published["zbar"]).max() < 0.0051  # published to the cent


def test_fit_bgnbd_matches_fader_hardie_lee(cdnow, fitted):
    assert {k: round(v, 3) for k, v in fitted.items()} == PUBLISHED
    ll = value.bgnbd_log_likelihood(fitted, cdnow["frequency"], cdnow["recency"], cdnow["T"])
    assert round(ll, 1) == -9582.4


def test_fit_gamma_gamma_matches_the_published_estimates(cdnow):
    repeat = cdnow[cdnow["frequency"] > 0]
    assert len(repeat) == 946
    params = value.fit_gamma_gamma(repeat["frequency"], repeat["monetary_value"])
    assert {k: round(v, 2) for k, v in params.items()} == PUBLISHED_GG
    # rows with frequency 0 are ignored, so passing everyone gives the same fit
    assert value.fit_gamma_gamma(cdnow["frequency"], cdnow["monetary_value"]) == pytest.approx(params, rel=1e-6)


def test_conditional_expectation_of_the_paper():
    # Fader, Hardie & Lee (2005a), section 4: 1.226 purchases expected in the next 39 weeks
    assert round(float(value.bgnbd_expected_purchases(39, 2, 30.43, 38.86, PUBLISHED)), 3) == 1.226


def test_holdout_check_tracks_actual_repeat_purchases(cdnow, fitted):
    """Conditional expectations vs what the customers really did in weeks 40-78 (the paper's Figure 4)."""
    predicted = value.bgnbd_expected_purchases(39, cdnow["frequency"], cdnow["recency"], cdnow["T"], fitted)
    by_x = pd.DataFrame({"x": cdnow["frequency"].clip(upper=7), "actual": cdnow["frequency_holdout"], "predicted": predicted})
    table = by_x.groupby("x").mean()
    assert (table["predicted"].diff().dropna() > 0).all()  # more past purchases, more future ones
    assert np.abs(table["predicted"] - table["actual"]).max() < 0.6
    assert abs(predicted.sum() / cdnow["frequency_holdout"].sum() - 1) < 0.15


# -- the maths, checked against independent computations -------------------------
def _quad(f, lo, hi):
    return integrate.quad(f, lo, hi, epsabs=0, epsrel=1e-10, limit=200)[0]


def _individual(params, x, tx, T, *, alive_only=False):
    """Likelihood of one history, integrated numerically over lambda ~ Gamma(r, alpha) and p ~ Beta(a, b).

    The individual-level likelihood (1-p)^x lam^x e^(-lam T) + [x>0] p (1-p)^(x-1) lam^x e^(-lam t_x)
    is a sum of products of a function of p and a function of lam, so each term is two 1-D integrals.
    """
    r, alpha, a, b = (params[k] for k in ("r", "alpha", "a", "b"))
    gam, bet = stats.gamma(r, scale=1 / alpha), stats.beta(a, b)

    def over_lam(t):
        return _quad(lambda lam: lam**x * np.exp(-lam * t) * gam.pdf(lam), 0, np.inf)

    total = _quad(lambda p: (1 - p) ** x * bet.pdf(p), 0, 1) * over_lam(T)
    if x > 0 and not alive_only:
        total += _quad(lambda p: p * (1 - p) ** (x - 1) * bet.pdf(p), 0, 1) * over_lam(tx)
    return total


@pytest.mark.parametrize("x, tx, T", [(0, 0.0, 38.86), (2, 30.43, 38.86), (5, 12.0, 30.0)])
def test_closed_form_likelihood_equals_numerical_integration(x, tx, T):
    params = {"r": 1.3, "alpha": 4.0, "a": 1.5, "b": 3.0}
    closed = value.bgnbd_log_likelihood(params, [x], [tx], [T])
    assert closed == pytest.approx(np.log(_individual(params, x, tx, T)), rel=1e-7)
    closed = value.bgnbd_log_likelihood(PUBLISHED, [x], [tx], [T])
    assert closed == pytest.approx(np.log(_individual(PUBLISHED, x, tx, T)), rel=1e-6)


def test_p_alive_and_unconditional_expectation_by_integration():
    for params in ({"r": 1.3, "alpha": 4.0, "a": 1.5, "b": 3.0}, PUBLISHED):
        # P(alive | x, t_x, T) is the "still alive" term of the likelihood over the whole likelihood
        x, tx, T = 3, 10.0, 20.0
        expected_alive = _individual(params, x, tx, T, alive_only=True) / _individual(params, x, tx, T)
        assert float(value.bgnbd_p_alive(x, tx, T, params)) == pytest.approx(expected_alive, rel=1e-7)
        # E[X(t) | lam, p] = (1 - exp(-lam p t)) / p (FHL 2005a, eq. 7); over lam ~ Gamma its mean is
        # (1 - (alpha / (alpha + p t))^r) / p (the Gamma Laplace transform); then integrate over p numerically
        r, alpha, a, b = (params[k] for k in ("r", "alpha", "a", "b"))
        t = 12.0
        expected = _quad(lambda p: (1 - (alpha / (alpha + p * t)) ** r) / p * stats.beta.pdf(p, a, b), 0, 1)
        assert float(value.bgnbd_expected_repeat_purchases(t, params)) == pytest.approx(expected, rel=1e-6)


def test_gradients_are_exact():
    from scipy.optimize import check_grad

    from scm_course.value.btyd import _bgnbd_objective, _gg_objective

    x, tx, t = np.array([0.0, 1, 4, 2]), np.array([0.0, 3.0, 20.0, 30.0]), np.array([35.0, 30.0, 32.0, 38.0])
    w = np.array([3.0, 1.0, 2.0, 1.0])
    for point in ([0.1, 1.2, -0.3, 0.8], [-1.0, 2.0, 0.5, 0.2]):
        err = check_grad(lambda p: _bgnbd_objective(p, x, tx, t, w)[0], lambda p: _bgnbd_objective(p, x, tx, t, w)[1],
                         np.array(point))
        assert err < 1e-5
    xm, m = np.array([1.0, 2, 5]), np.array([10.0, 25.0, 40.0])
    err = check_grad(lambda p: _gg_objective(p, xm, m, np.ones(3))[0], lambda p: _gg_objective(p, xm, m, np.ones(3))[1],
                     np.log([2.0, 3.0, 20.0]))
    assert err < 1e-5


def test_fit_recovers_the_parameters_of_simulated_customers():
    truth = {"r": 0.9, "alpha": 3.0, "a": 0.6, "b": 9.0}
    horizon = np.full(6000, 100.0)
    times = value.simulate_bgnbd(horizon, truth, seed=7)
    x = np.array([len(ts) for ts in times])
    tx = np.array([ts[-1] if len(ts) else 0.0 for ts in times])
    fit = value.fit_bgnbd(x, tx, horizon)
    assert fit["r"] == pytest.approx(truth["r"], rel=0.12) and fit["alpha"] == pytest.approx(truth["alpha"], rel=0.15)
    assert fit["a"] == pytest.approx(truth["a"], rel=0.3) and fit["b"] == pytest.approx(truth["b"], rel=0.4)


def test_gamma_gamma_expected_spend_is_the_weighted_mean():
    p, q, v = PUBLISHED_GG.values()
    population = p * v / (q - 1)
    spend = value.gamma_gamma_expected_spend([0, 2, 50], [0.0, 22.35, 22.35], PUBLISHED_GG)
    assert spend[0] == pytest.approx(population)
    weight = p * 2 / (p * 2 + q - 1)
    assert spend[1] == pytest.approx(weight * 22.35 + (1 - weight) * population)
    assert abs(spend[2] - 22.35) < abs(spend[1] - 22.35)  # more purchases, more weight on the own mean


def test_clv_bgnbd_is_the_discounted_sum_of_expected_purchases():
    gg = PUBLISHED_GG
    spend = float(value.gamma_gamma_expected_spend(2, 22.35, gg))
    one_year = float(value.bgnbd_expected_purchases(52, 2, 30.43, 38.86, PUBLISHED))
    undiscounted = value.clv_bgnbd(2, 30.43, 38.86, 22.35, PUBLISHED, gg, periods=12, discount=0.0)
    assert float(undiscounted) == pytest.approx(spend * one_year)
    half = value.clv_bgnbd(2, 30.43, 38.86, 22.35, PUBLISHED, gg, periods=12, discount=0.0, margin=0.5)
    assert float(half) == pytest.approx(0.5 * float(undiscounted))
    assert float(value.clv_bgnbd(2, 30.43, 38.86, 22.35, PUBLISHED, gg, periods=12, discount=0.01)) < float(undiscounted)


def test_series_in_series_out(cdnow, fitted):
    alive = value.bgnbd_p_alive(cdnow["frequency"], cdnow["recency"], cdnow["T"], fitted)
    assert isinstance(alive, pd.Series) and alive.index.equals(cdnow.index) and alive.name == "p_alive"
    assert (alive[cdnow["frequency"] == 0] == 1).all()


# -- summaries on small hand-made logs ----------------------------------------
def test_summary_counts_days_not_rows_and_uses_weeks():
    log = pd.DataFrame({
        "who": ["b", "a", "a", "a", "a", "c"],
        "when": ["2024-01-03", "2024-01-01", "2024-01-08", "2024-01-08", "2024-01-22", "2024-01-22"],
        "spend": [5.0, 10.0, 4.0, 6.0, 30.0, 8.0],
    })
    out = value.summarize_transactions(log, "who", "when", "spend", observation_end="2024-01-29")
    expected = pd.DataFrame({"frequency": [2, 0, 0], "recency": [3.0, 0.0, 0.0], "T": [4.0, 26 / 7, 1.0],
                             "monetary_value": [20.0, 0.0, 0.0]}, index=pd.Index(["a", "b", "c"], name="who"))
    pd.testing.assert_frame_equal(out, expected)
    days = value.summarize_transactions(log, "who", "when", observation_end="2024-01-29", freq="D")
    assert days.loc["a"].tolist() == [2, 21.0, 28.0] and "monetary_value" not in days


def test_calibration_holdout_on_a_hand_made_log():
    log = pd.DataFrame({"id": [1, 1, 1, 1, 2, 3], "day": pd.to_datetime(
        ["2024-01-01", "2024-01-08", "2024-02-05", "2024-02-05", "2024-01-08", "2024-02-01"])})
    out = value.calibration_holdout(log, "id", "day", "2024-01-29", "2024-02-26", freq="D")
    assert list(out.index) == [1, 2]  # customer 3 first bought in the holdout
    assert out["frequency_holdout"].tolist() == [1, 0] and out["duration_holdout"].tolist() == [28.0, 28.0]
    assert out.loc[1, ["frequency", "recency", "T"]].tolist() == [1, 7.0, 28.0]


def _naive_summary(log, end):
    """The obvious pandas version, to compare the fast one against."""
    daily = log.groupby(["c", "d"])["m"].sum().reset_index()
    g = daily.groupby("c")
    first, last, n = g["d"].min(), g["d"].max(), g.size()
    repeat_total = g["m"].sum() - daily.loc[g["d"].idxmin(), ["c", "m"]].set_index("c")["m"]
    return pd.DataFrame({"frequency": n - 1, "recency": (last - first).dt.days / 7, "T": (end - first).dt.days / 7,
                         "monetary_value": np.where(n > 1, repeat_total / (n - 1).clip(lower=1), 0.0)})


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["x", "y", "z", "w"]), st.integers(0, 60), st.integers(1, 500)),
                min_size=1, max_size=40))
def test_summary_equals_a_naive_groupby(rows):
    log = pd.DataFrame(rows, columns=["c", "d", "m"])
    log["d"] = pd.Timestamp("2024-01-01") + pd.to_timedelta(log["d"], unit="D")
    log["m"] = log["m"].astype(float)
    end = pd.Timestamp("2024-03-15")
    fast = value.summarize_transactions(log, "c", "d", "m", observation_end=end)
    naive = _naive_summary(log, end)
    pd.testing.assert_frame_equal(fast, naive.rename_axis("c"), check_dtype=False, check_index_type=False)
    assert (fast["recency"] <= fast["T"]).all() and (fast["frequency"] >= 0).all()


# -- properties of the fitted models -------------------------------------------
_params = st.fixed_dictionaries({"r": st.floats(0.1, 5), "alpha": st.floats(0.5, 20), "a": st.floats(0.2, 5),
                                 "b": st.floats(0.5, 20)}).filter(lambda p: abs(p["a"] - 1) > 0.05 and p["a"] + p["b"] > 1.05)


@settings(max_examples=80, deadline=None)
@given(_params, st.integers(0, 20), st.floats(0.01, 1.0), st.floats(1.0, 80.0))
def test_bgnbd_invariants(params, x, share, T):
    tx = share * T if x > 0 else 0.0
    alive = float(value.bgnbd_p_alive(x, tx, T, params))
    assert 0 < alive <= 1
    # waiting longer since the last purchase makes a customer less likely to be alive
    assert float(value.bgnbd_p_alive(x, tx, T + 10, params)) <= alive + 1e-12
    e = [float(value.bgnbd_expected_purchases(t, x, tx, T, params)) for t in (0.0, 5.0, 20.0)]
    assert e[0] == pytest.approx(0, abs=1e-12) and 0 <= e[1] <= e[2] + 1e-9
    assert float(value.bgnbd_expected_repeat_purchases(10.0, params)) >= 0


@settings(max_examples=60, deadline=None)
@given(st.floats(1.0, 20), st.floats(1.5, 10), st.floats(1.0, 100), st.integers(1, 30), st.floats(1.0, 500))
def test_expected_spend_lies_between_population_and_own_mean(p, q, v, x, m):
    params = {"p": p, "q": q, "v": v}
    spend = float(value.gamma_gamma_expected_spend(x, m, params))
    population = p * v / (q - 1)
    assert min(population, m) - 1e-9 <= spend <= max(population, m) + 1e-9


# -- bad input ----------------------------------------------------------------
@pytest.mark.parametrize("frequency, recency, T, message", [
    ([-1], [0.0], [10.0], "frequency must be >= 0"),
    ([1.5], [2.0], [10.0], "frequency must hold whole numbers"),
    ([2], [12.0], [10.0], "recency must be <= T"),
    ([0], [3.0], [10.0], "recency must be 0 for customers with frequency 0"),
    ([1], [1.0], [0.0], "T must be > 0"),
    ([1], [np.nan], [5.0], "recency must hold finite numbers"),
    ([1, 2], [1.0], [5.0, 6.0], "the same length"),
    ("abc", [1.0], [5.0], "frequency must be an array of numbers"),
])
def test_bad_histories_are_named(frequency, recency, T, message):
    with pytest.raises((ValueError, TypeError), match=message):
        value.fit_bgnbd(frequency, recency, T)
    with pytest.raises((ValueError, TypeError), match=message):
        value.bgnbd_p_alive(frequency, recency, T, PUBLISHED)


def test_bad_params_and_spend_are_named():
    with pytest.raises(ValueError, match="params lacks 'b'"):
        value.bgnbd_p_alive([1], [1.0], [5.0], {"r": 1, "alpha": 1, "a": 1})
    with pytest.raises(ValueError, match=r"params\['alpha'\] must be a finite number > 0"):
        value.bgnbd_p_alive([1], [1.0], [5.0], {**PUBLISHED, "alpha": -1})
    with pytest.raises(ValueError, match="monetary_value must be > 0 for customers with repeat purchases"):
        value.fit_gamma_gamma([1, 2, 3], [10.0, 0.0, 5.0])
    with pytest.raises(ValueError, match="at least two customers with repeat purchases"):
        value.fit_gamma_gamma([0, 0, 1], [0.0, 0.0, 5.0])
    with pytest.raises(ValueError, match="without repeat purchases BG/NBD cannot be estimated"):
        value.fit_bgnbd([0, 0], [0.0, 0.0], [3.0, 4.0])
    with pytest.raises(ValueError, match=r"params\['q'\] must be > 1"):
        value.gamma_gamma_expected_spend([1], [10.0], {"p": 1, "q": 0.8, "v": 2})
    with pytest.raises(ValueError, match="t must be a number >= 0"):
        value.bgnbd_expected_purchases(-1, [1], [1.0], [5.0], PUBLISHED)
    with pytest.raises(ValueError, match="singular when a \\+ b - 1 is 0"):
        value.bgnbd_expected_repeat_purchases(5.0, {"r": 1.0, "alpha": 1.0, "a": 0.5, "b": 0.5})
    with pytest.raises(ValueError, match="discount must be > -1"):
        value.clv_bgnbd([1], [1.0], [5.0], [10.0], PUBLISHED, PUBLISHED_GG, discount=-1)


def test_bad_transaction_logs_are_named():
    log = pd.DataFrame({"c": [1, 1, 2], "d": ["2024-01-01", "2024-02-30", "2024-01-05"], "m": [1.0, 2.0, 3.0]})
    with pytest.raises(ValueError, match=r"column 'd' must hold dates; cannot read '2024-02-30' \(row 1\)"):
        value.summarize_transactions(log, "c", "d")
    log.loc[1, "d"] = "2024-03-01"
    with pytest.raises(ValueError, match=r"1 transaction\(s\) are dated after observation_end \(2024-02-01\)"):
        value.summarize_transactions(log, "c", "d", observation_end="2024-02-01")
    with pytest.raises(ValueError, match="observation_end must be a date"):
        value.summarize_transactions(log, "c", "d", observation_end="soon")
    with pytest.raises(ValueError, match="missing column"):
        value.summarize_transactions(log, "customer", "d")
    with pytest.raises(ValueError, match="freq must be one of"):
        value.summarize_transactions(log, "c", "d", freq="fortnight")
    bad_amount = log.assign(m=[1.0, -2.0, 3.0])
    with pytest.raises(ValueError, match="column 'm' must be >= 0"):
        value.summarize_transactions(bad_amount, "c", "d", "m")
    with pytest.raises(ValueError, match="calibration_end .* must be before observation_end"):
        value.calibration_holdout(log, "c", "d", "2024-03-01", "2024-02-01")
    with pytest.raises(TypeError, match="transactions must be a DataFrame"):
        value.summarize_transactions([1, 2], "c", "d")


def test_fit_gamma_gamma_says_so_when_the_maximum_is_at_the_edge():
    """200 customers whose spends hardly vary within a customer: p runs to infinity (found by Hypothesis)."""
    rng = np.random.default_rng(0)
    x = rng.integers(1, 10, size=200)
    nu = rng.gamma(3.0, 1 / 17.25, size=200)
    m = rng.gamma(10.0 * x, 1 / (nu * x))
    with pytest.raises(RuntimeError, match=r"found no interior maximum: .*p=.* runs to the edge"):
        value.fit_gamma_gamma(x.astype(float), m)
