"""The Chapter 6 exercise checker: right answers pass, wrong ones get a hint, nothing raises."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scm_course import set_language, value
from scm_course.data import load_logistics
from scm_course.exercises import ch06, check, evaluate, question_ids

QUESTIONS = [f"ch06.q{n}" for n in range(1, 7)]


@pytest.fixture(scope="module")
def answers():
    """Each answer worked out by hand or the way a student would, from the public API."""
    q1 = 540_000 / 450_000
    weights = {"service": 0.4, "quality": 0.3, "brand": 0.3}
    q2 = value.value_index(value.example_offers(), weights).index[0]
    q3 = 1_200 * 1.10 / (1.10 - 0.85)
    q4 = 1.10 * (1 - 1_000 / 4_000)  # m (1 + d) / (1 + d - r) = A  <=>  r = (1 + d)(1 - m / A)
    q5 = 2_000 * 1.10 - 2_000 * 0.75
    table = value.cohort_retention(load_logistics()["shipments"], "customer_id", "date")
    q6 = float(table.loc[pd.Period("2024-01", "M"), 12])
    return dict(zip(QUESTIONS, [q1, q2, q3, q4, q5, q6]))


def test_question_ids():
    assert [q for q in question_ids() if q.startswith("ch06.")] == QUESTIONS


def test_answers_by_hand(answers):
    assert answers["ch06.q1"] == pytest.approx(1.2)
    assert answers["ch06.q2"] == "Global Chain"  # 0.4*8 + 0.3*9 + 0.3*10 = 8.9 > Express Plus 8.7
    assert answers["ch06.q3"] == pytest.approx(5_280)
    assert answers["ch06.q4"] == pytest.approx(0.825)
    assert answers["ch06.q5"] == pytest.approx(700)
    assert answers["ch06.q6"] == pytest.approx(16 / 49)  # 16 of the cohort's 49 customers ship in month 12


@pytest.mark.parametrize("qid", QUESTIONS)
def test_correct_answer_passes(qid, answers, capsys):
    assert evaluate(qid, answers[qid]).correct
    check(qid, answers[qid])
    out = capsys.readouterr().out
    assert out.startswith("✅ Correct!") and out.count("\n") == 1


@pytest.mark.parametrize("qid", QUESTIONS)
def test_expected_answer_matches_the_independent_one(qid, answers):
    expected = ch06.expected_answer(qid.split(".")[1])
    if isinstance(expected, str):
        assert expected == answers[qid]
    else:
        assert expected == pytest.approx(answers[qid], rel=1e-12)


@pytest.mark.parametrize("qid, answer, hint", [
    ("ch06.q1", 90_000, "net value"),
    ("ch06.q1", 450_000 / 540_000, "TCO / benefit"),
    ("ch06.q1", 1.5, "divide the total benefit"),
    ("ch06.q2", "Express Plus", "default weights"),
    ("ch06.q2", "Regional Link", "value.value_index"),
    ("ch06.q2", "DHL", "name one of the offers"),
    ("ch06.q3", 4_080, "timing"),
    ("ch06.q3", 8_000, "ignores discounting"),
    ("ch06.q3", 5_000, "m (1 + d)"),
    ("ch06.q4", 0.88, "after one year"),
    ("ch06.q4", 0.75, "break_even_retention"),
    ("ch06.q5", 200, "only the growth"),
    ("ch06.q5", 500, "only replaces"),
    ("ch06.q5", 1_000, "new_customers_needed"),
    ("ch06.q6", 16, "number of customers"),
    ("ch06.q6", 21 / 49, "period 1"),
    ("ch06.q6", 0.5, "cohort_retention"),
])
def test_typical_mistakes_get_specific_hints(qid, answer, hint):
    feedback = evaluate(qid, answer)
    assert not feedback.correct and hint in feedback.message, feedback.message


def test_answers_in_other_forms_pass():
    assert evaluate("ch06.q1", 1.2).correct and evaluate("ch06.q1", np.float64(1.2001)).correct
    assert evaluate("ch06.q2", "global chain").correct and evaluate("ch06.q2", " Global-Chain ").correct
    assert evaluate("ch06.q3", 5_280).correct and evaluate("ch06.q3", 5_279.6).correct
    assert evaluate("ch06.q4", "82.5%").correct and evaluate("ch06.q4", 82.5).correct
    assert evaluate("ch06.q5", 700).correct and evaluate("ch06.q5", np.int64(700)).correct
    assert evaluate("ch06.q6", "32.7%").correct and evaluate("ch06.q6", 0.3265).correct


def test_feedback_in_chinese(answers):
    set_language("zh")
    assert evaluate("ch06.q1", answers["ch06.q1"]).message.startswith("✅ 正确！")
    assert "净价值" in evaluate("ch06.q1", 90_000).message
