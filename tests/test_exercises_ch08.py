"""The Chapter 8 exercise checker: right answers pass, wrong ones get a hint, nothing raises."""
from __future__ import annotations

import numpy as np
import pytest

from scm_course import demand as dm
from scm_course import set_language
from scm_course.exercises import ch08, check, evaluate, question_ids

QUESTIONS = [f"ch08.q{n}" for n in range(1, 7)]


@pytest.fixture(scope="module")
def answers():
    """Each answer worked out the way a student would, from the package's public API."""
    weekly = dm.distributor_demand()
    ac = weekly["washing_machine"]
    f = dm.exponential_smoothing_forecast(ac, 0.3)
    q1 = 0.3 * ac.iloc[-1] + 0.7 * f.iloc[-1]  # F(53) = alpha D(52) + (1 - alpha) F(52)
    fridge = weekly["refrigerator"]
    q2 = float(np.mean(np.abs(fridge - fridge.rolling(4).mean().shift(1)).dropna()))  # pandas, independently
    ratios = dm.bullwhip_ratios(dm.simulate_bullwhip(220, stages=5, lead_time=1, window=5, seed=2000))
    q3 = int(np.argmax(ratios.to_numpy() >= 4) + 1)
    q4 = int((dm.distributor_risk_matrix()["score"] >= 10).sum())
    card = dm.kpi_scorecard(dm.distributor_kpis())
    q5 = round(100 * card["overall"], 1)
    q6 = "customer satisfaction"
    return dict(zip(QUESTIONS, [q1, q2, q3, q4, q5, q6]))


def test_question_ids():
    assert [q for q in question_ids() if q.startswith("ch08.")] == QUESTIONS


@pytest.mark.parametrize("qid", QUESTIONS)
def test_correct_answer_passes(qid, answers, capsys):
    assert evaluate(qid, answers[qid]).correct
    check(qid, answers[qid])
    out = capsys.readouterr().out
    assert out.startswith("✅ Correct!") and out.count("\n") == 1


@pytest.mark.parametrize("qid", QUESTIONS[:5])
def test_expected_answer_matches_the_independent_one(qid, answers):
    expected = ch08.expected_answer(qid.split(".")[1])
    assert expected == pytest.approx(answers[qid], abs=0.05)


def test_answers_make_sense():
    assert ch08.expected_answer("q3") < ch08._first_stage(share=True)  # sharing delays the amplification
    assert ch08.expected_answer("q6") == "customer_satisfaction"
    assert 0 < ch08.expected_answer("q2") < dm.distributor_demand()["refrigerator"].mean()


@pytest.mark.parametrize("qid, answer, hint", [
    ("ch08.q1", lambda: float(dm.exponential_smoothing_forecast(dm.distributor_demand()["washing_machine"], 0.3)
                              .iloc[-1]), "once more"),
    ("ch08.q1", lambda: 100.0, "next_period_forecast"),
    ("ch08.q2", lambda: 32.8337, "RMSE"),
    ("ch08.q3", lambda: ch08._first_stage(share=True), "shared point-of-sale"),
    ("ch08.q4", lambda: 2, "add the extreme"),
    ("ch08.q5", lambda: 25.0, "share of KPIs"),
    ("ch08.q5", lambda: 80.0, "kpi_scorecard"),
    ("ch08.q6", lambda: "complaints_per_100_orders", "single KPI"),
    ("ch08.q6", lambda: "quality", "smallest score"),
    ("ch08.q3", lambda: 2.5, "whole number"),
])
def test_typical_mistakes_get_specific_hints(qid, answer, hint):
    feedback = evaluate(qid, answer())
    assert not feedback.correct and hint in feedback.message, feedback.message


def test_answers_in_other_forms_pass(answers):
    assert evaluate("ch08.q5", answers["ch08.q5"] / 100).correct  # as a fraction
    assert not evaluate("ch08.q5", answers["ch08.q5"] + 0.5).correct
    for text in ("customer_satisfaction", "Customer Satisfaction", "客户满意度", "satisfaction"):
        assert evaluate("ch08.q6", text).correct, text
    assert evaluate("ch08.q3", np.int64(answers["ch08.q3"])).correct
    assert evaluate("ch08.q1", answers["ch08.q1"] + 0.4).correct and not evaluate("ch08.q1", answers["ch08.q1"] + 1).correct


def test_feedback_in_chinese(answers):
    set_language("zh")
    assert evaluate("ch08.q4", answers["ch08.q4"]).message.startswith("✅ 正确！")
    assert "极高" in evaluate("ch08.q4", 2).message
