"""The Case 4 question checker (grocery stockouts): right answers pass, wrong ones get a hint, nothing raises."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scm_course import service, set_language, tradeoff
from scm_course.cases import grocery
from scm_course.exercises import case04, check, evaluate, question_ids

QUESTIONS = [f"case04.q{n}" for n in range(1, 8)]


def _per_category(full_margin=False):
    """Each category's numbers worked out the way a student would, from the public API."""
    tables = grocery.load()
    survey, effects = tables["survey"], tables["reaction_effects"].set_index("reaction")
    oos = tables["shelf_checks"].groupby("category")["out_of_stock"].mean()
    rows = {}
    for row in tables["categories"].itertuples(index=False):
        picked = survey[survey["category"] == row.category]["reaction"]
        shares = {r: float((picked == r).mean()) for r in grocery.REACTIONS}
        margin = row.price - row.unit_cost
        share_lost = 1.0 if full_margin else effects["margin_lost"]
        outcomes = pd.DataFrame({"lost_sale": effects["lost_sale"], "cost": share_lost * margin})
        res = service.stockout_reactions(grocery.reaction_tree(shares), outcomes)
        level = tradeoff.optimal_service_level(res["expected_cost"], row.holding_cost)
        cycles = 36 * 365 / row.cycle_days
        curves = tradeoff.service_cost_curves([0.95, level], demand_mean=row.demand_mean, demand_sd=row.demand_sd,
                                              unit_margin=res["expected_cost"], unit_holding_cost=row.holding_cost)
        rows[row.category] = {"lost": res["expected_lost_sales"], "cost": res["expected_cost"], "level": level,
                              "lost_margin": row.demand_mean * cycles * oos[row.category] * res["expected_cost"],
                              "gain": (curves["profit"].iloc[1] - curves["profit"].iloc[0]) * cycles,
                              "cycles": cycles}
    return pd.DataFrame(rows).T


@pytest.fixture(scope="module")
def table():
    return _per_category()


@pytest.fixture(scope="module")
def answers(table):
    survey = grocery.load()["survey"]
    q1 = round(100 * float((survey["reaction"] == "other_store").mean()), 1)
    return dict(zip(QUESTIONS, [q1, table["lost"].astype(float).idxmax(), round(table.loc["coffee", "cost"], 2),
                                round(table["lost_margin"].sum()), round(table.loc["bread", "level"], 3),
                                int((table["level"] < 0.95).sum()), round(table["gain"].sum())]))


def test_question_ids():
    assert [q for q in question_ids() if q.startswith("case04.")] == QUESTIONS


def test_answers_fit_the_case_description(answers, table):
    assert 27 < answers["case04.q1"] < 33  # the GMA study: 31 % buy at another store
    assert answers["case04.q2"] == "diapers"  # the most brand-loyal category
    assert 0.3 < answers["case04.q3"] / 15 < 0.7  # about half of coffee's 15 CNY margin is lost per unit short
    assert 4e5 < answers["case04.q4"] < 9e5
    assert 0.5 < answers["case04.q5"] < 0.75
    assert set(table.index[table["level"] < 0.95]) == {"milk", "bread", "produce"}  # the perishables
    assert table.loc[["bread", "produce"], "gain"].sum() > 0.9 * answers["case04.q7"]
    assert (table["gain"] > 0).all()  # the optimum is never worse than 95 %


@pytest.mark.parametrize("qid", QUESTIONS)
def test_correct_answer_passes(qid, answers, capsys):
    assert evaluate(qid, answers[qid]).correct
    check(qid, answers[qid])
    out = capsys.readouterr().out
    assert out.startswith("✅ Correct!") and out.count("\n") == 1


@pytest.mark.parametrize("qid", QUESTIONS)
def test_expected_answer_matches_the_independent_one(qid, answers):
    expected = case04.expected_answer(qid.split(".")[1])
    given = answers[qid]
    if qid == "case04.q1":
        assert round(100 * expected, 1) == given
    elif qid in ("case04.q2", "case04.q6"):
        assert expected == given
    else:  # rounded above: to the cent, the yuan or 0.1 percentage point
        assert expected == pytest.approx(given, rel=1e-5, abs=0.005)


@pytest.mark.parametrize("qid, answer, hint", [
    ("case04.q1", lambda t: 39.2, "do not buy"),
    ("case04.q1", lambda t: 50, "other_store"),
    ("case04.q2", lambda t: "bread", "runs out most often"),
    ("case04.q2", lambda t: "coffee", "expected_lost_sales"),
    ("case04.q2", lambda t: "ice cream", "one of: milk, bread"),
    ("case04.q3", lambda t: 15, "whole unit margin"),
    ("case04.q3", lambda t: round(float(t.loc["coffee", "lost"]) * 15, 2), "lost_sale"),
    ("case04.q4", lambda t: round(_per_category(full_margin=True)["lost_margin"].sum()), "whole margin"),
    ("case04.q4", lambda t: round(t["lost_margin"].sum() / 36), "36 stores"),
    ("case04.q5", lambda t: round(_per_category(full_margin=True).loc["bread", "level"], 3), "whole margin"),
    ("case04.q5", lambda t: 0.95, "optimal_service_level"),
    ("case04.q6", lambda t: 8, "8 categories"),
    ("case04.q6", lambda t: 2.5, "whole number"),
    ("case04.q7", lambda t: round((t["gain"] / t["cycles"]).sum(), 2), "one store in one cycle"),
    ("case04.q7", lambda t: round(_per_category(full_margin=True)["gain"].sum()), "whole margin"),
])
def test_typical_mistakes_get_specific_hints(qid, answer, hint, table):
    feedback = evaluate(qid, answer(table))
    assert not feedback.correct and hint in feedback.message, feedback.message


def test_answers_in_other_forms_pass(answers):
    assert evaluate("case04.q1", answers["case04.q1"] / 100).correct  # as a fraction
    assert evaluate("case04.q1", f"{answers['case04.q1']}%").correct
    assert not evaluate("case04.q1", answers["case04.q1"] + 0.8).correct
    assert evaluate("case04.q2", "Baby diapers").correct and evaluate("case04.q2", "婴儿纸尿裤").correct
    assert evaluate("case04.q5", 100 * answers["case04.q5"]).correct  # as a percentage
    assert evaluate("case04.q6", np.int64(answers["case04.q6"])).correct and evaluate("case04.q6", 3.0).correct
    assert evaluate("case04.q7", answers["case04.q7"] * 1.009).correct
    assert not evaluate("case04.q7", answers["case04.q7"] * 1.02).correct


def test_feedback_in_chinese(answers):
    set_language("zh")
    assert evaluate("case04.q3", answers["case04.q3"]).message.startswith("✅ 正确！")
    assert "36 家门店" in evaluate("case04.q4", round(answers["case04.q4"] / 36)).message
