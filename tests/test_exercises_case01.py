"""The Case 1 exercise checker: right answers pass, wrong ones get a hint, nothing raises."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scm_course import priority as pr
from scm_course import set_language
from scm_course.cases import appliance as ap
from scm_course.exercises import case01, check, evaluate, question_ids

QUESTIONS = [f"case01.q{n}" for n in range(1, 7)]


@pytest.fixture(scope="module")
def work():
    """Each answer worked out the way a student would, from the package's public API."""
    tables = ap.load()
    stats = ap.pair_stats(tables)
    classes = tables["product_classes"].set_index("class_id")
    products = pr.abc_classify(stats.groupby("class_id")["annual_margin"].sum(),
                               cutoffs=(0.5, 0.8, 0.95), labels=list("ABCD"))
    customers = pr.abc_classify(stats.groupby("distributor_id")["annual_margin"].sum(),
                                cutoffs=(0.35, 0.6, 0.8, 0.93), labels=["I", "II", "III", "IV", "V"])
    rate = (classes["unit_price"] - classes["unit_cost"]) / classes["unit_price"]
    order = pr.order_priority(rate.rank(ascending=False).astype(int), classes["importance"])
    matrix = pr.contribution_matrix(customers.groupby("cls", observed=False)["value"].mean(),
                                    products.groupby("cls", observed=False)["value"].mean())
    policy = pr.service_policy(matrix)
    # safety stock pair by pair (no cell sums): z(a) * sd_weekly * sqrt(L) * unit cost
    cell_avail = policy["availability"].stack()
    pair_cell = list(zip(stats.index.get_level_values(0).map(customers["cls"]),
                         stats.index.get_level_values(1).map(products["cls"])))
    avail = np.minimum(cell_avail.reindex(pair_cell).to_numpy(), 0.999)
    from scm_course.tradeoff import safety_stock
    stock = safety_stock(avail, stats["sd_weekly"].to_numpy(), stats["lead_time_weeks"].to_numpy()) \
        * stats["unit_cost"].to_numpy()
    stock_uniform = safety_stock(0.98, stats["sd_weekly"].to_numpy(), stats["lead_time_weeks"].to_numpy()) \
        * stats["unit_cost"].to_numpy()
    rates = stats["holding_cost_rate"].to_numpy()
    answers = {
        "case01.q1": int((products["cls"] == "A").sum()),
        "case01.q2": int(order.loc["P04", "priority"]),
        "case01.q3": int(matrix.loc["V", "A"]),
        "case01.q4": (float(policy["availability"].loc["I", "D"]), int(policy["delivery_days"].loc["I", "D"])),
        "case01.q5": round(float(stock.sum()) / 1e6, 2),
        "case01.q6": round(float(((stock - stock_uniform) * rates).sum()) / 1e6, 2),
    }
    return {"answers": answers, "stock": stock, "stock_uniform": stock_uniform, "rates": rates, "stats": stats}


@pytest.fixture(scope="module")
def answers(work):
    return work["answers"]


def test_question_ids():
    assert [q for q in question_ids() if q.startswith("case01.")] == QUESTIONS


def test_answers_fit_the_case_story(answers):
    assert answers["case01.q1"] == 2  # air conditioners and refrigerators
    assert 1 <= answers["case01.q3"] <= 20
    assert answers["case01.q4"] == (0.95, 3)  # priority 13 -> seed band 11-15
    assert 10 < answers["case01.q5"] < 60  # tens of millions of CNY at cost
    assert answers["case01.q6"] > 0  # the 100 % promise costs more than a uniform 98 %


@pytest.mark.parametrize("qid", QUESTIONS)
def test_correct_answer_passes(qid, answers, capsys):
    assert evaluate(qid, answers[qid]).correct
    check(qid, answers[qid])
    out = capsys.readouterr().out
    assert out.startswith("✅ Correct!") and out.count("\n") == 1


@pytest.mark.parametrize("qid", QUESTIONS)
def test_expected_answer_matches_the_independent_one(qid, answers):
    expected = case01.expected_answer(qid.split(".")[1])
    if qid in ("case01.q5", "case01.q6"):
        assert round(expected, 2) == answers[qid]
    else:
        assert expected == answers[qid]


def test_cell_sums_equal_the_pair_by_pair_stock(work):
    costs = case01.policy_costs()
    assert costs["stock"] == pytest.approx(work["stock"].sum(), rel=1e-12)
    assert costs["stock_uniform"] == pytest.approx(work["stock_uniform"].sum(), rel=1e-12)
    assert costs["holding"] == pytest.approx((work["stock"] * work["rates"]).sum(), rel=1e-12)


def _stock_no_lead_time():
    return case01.policy_costs()["stock_no_lead_time"] / 1e6


@pytest.mark.parametrize("qid, answer, hint", [
    ("case01.q1", lambda: 3, "by units sold"),
    ("case01.q1", lambda: 5, "80 % cut-off"),
    ("case01.q1", lambda: 4, "pr.abc_classify"),
    ("case01.q2", lambda: 12, "profit rank or the score"),
    ("case01.q2", lambda: 2, "margin rate"),
    ("case01.q2", lambda: 1, "pr.order_priority"),
    ("case01.q3", lambda: 12, "mean margin per member"),
    ("case01.q3", lambda: 15, "pr.contribution_matrix"),
    ("case01.q4", lambda: (3, 0.95), "availability first"),
    ("case01.q4", lambda: (0.95, 2), "check the delivery days"),
    ("case01.q4", lambda: (0.9, 3), "check the inventory availability"),
    ("case01.q4", lambda: (0.9, 5), "pr.service_policy"),
    ("case01.q4", lambda: "95 %, 3 days", "expected a pair"),
    ("case01.q5", _stock_no_lead_time, "weekly standard deviation"),
    ("case01.q5", lambda: case01.policy_costs()["stock_uniform"] / 1e6, "uniform 98 %"),
    ("case01.q5", lambda: 1.0, "pr.policy_safety_stock"),
    ("case01.q6", lambda: -case01.expected_answer("q6"), "sign"),
    ("case01.q6", lambda: (case01.policy_costs()["stock"] - case01.policy_costs()["stock_uniform"]) / 1e6,
     "difference in safety stock"),
    ("case01.q6", lambda: (case01.policy_costs()["stock"] - case01.policy_costs()["stock_uniform"])
     * case01.policy_costs()["mean_holding_rate"] / 1e6, "average holding-cost rate"),
    ("case01.q6", lambda: 3.0, "holding_cost_rate"),
])
def test_typical_mistakes_get_specific_hints(qid, answer, hint):
    feedback = evaluate(qid, answer())
    assert not feedback.correct and hint in feedback.message, feedback.message


def test_answers_in_other_forms_pass(answers):
    assert evaluate("case01.q4", {"availability": 0.95, "delivery_days": 3}).correct
    assert evaluate("case01.q4", [95, 3]).correct and evaluate("case01.q4", ("95%", 3.0)).correct
    assert evaluate("case01.q4", pd.Series([0.95, 3])).correct
    q5 = answers["case01.q5"]
    assert evaluate("case01.q5", q5 * 1e6).correct  # in CNY
    assert evaluate("case01.q5", np.float64(q5 + 0.015)).correct and not evaluate("case01.q5", q5 + 0.05).correct
    assert evaluate("case01.q1", 2.0).correct and evaluate("case01.q3", np.int64(answers["case01.q3"])).correct


def test_feedback_in_chinese(answers):
    set_language("zh")
    assert evaluate("case01.q6", answers["case01.q6"]).message.startswith("✅ 正确！")
    assert "holding_cost_rate" in evaluate("case01.q6", 3.0).message
