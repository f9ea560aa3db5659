"""The Chapter 5 exercise checker: right answers pass, wrong ones get a hint, nothing raises."""
from __future__ import annotations

import numpy as np
import pytest

from scm_course import audit, service, set_language
from scm_course.data import load_fulfilment, load_survey
from scm_course.exercises import ch05, check, evaluate, question_ids

QUESTIONS = [f"ch05.q{n}" for n in range(1, 7)]


@pytest.fixture(scope="module")
def answers():
    """Each answer worked out the way a student would, from the package's public API."""
    survey, dealers = load_survey("audit_survey"), load_survey("supplier_survey")
    step1 = audit.relative_performance(survey, "Company A", "Company B")
    q1 = round(float(step1.loc["error_adjustment", "firm_mean"] - step1.loc["error_adjustment", "competitor_mean"]), 2)
    q2 = int((audit.relative_performance(dealers, "Supplier 2", "Supplier 3")["p_value"] <= 0.01).sum())
    position = audit.competitive_position(step1, importance_threshold=5.0, parity=0.5)
    q3 = [i + 1 for i, r in enumerate(position["region"]) if r == "minor_strength"]
    q4 = audit.performance_matrix(step1, cuts=(3.0, 5.5)).loc["completeness_rate", "action"]
    q5 = int(audit.importance_segments(survey, 4)["sizes"].max())
    monthly = service.metrics_by_period(load_fulfilment())
    q6 = int((service.control_report(monthly["error_free"], 0.95, tolerance=0.01)["status"] == "below_standard").sum())
    return dict(zip(QUESTIONS, [q1, q2, q3, q4, q5, q6]))


def test_question_ids():
    assert [q for q in question_ids() if q.startswith("ch05.")] == QUESTIONS


def test_answers_are_what_the_book_implies(answers):
    assert answers["ch05.q1"] == -0.26  # the seed prints -0.24 (row 6 misprint)
    assert answers["ch05.q3"] == [7, 10]  # blanket orders (+0.88) and computer order entry (+0.54)
    assert answers["ch05.q4"] == "improve"  # importance 5.69 high, performance 5.29 medium


@pytest.mark.parametrize("qid", QUESTIONS)
def test_correct_answer_passes(qid, answers, capsys):
    assert evaluate(qid, answers[qid]).correct
    check(qid, answers[qid])
    out = capsys.readouterr().out
    assert out.startswith("✅ Correct!") and out.count("\n") == 1


@pytest.mark.parametrize("qid", QUESTIONS)
def test_expected_answer_matches_the_independent_one(qid, answers):
    expected = ch05.expected_answer(qid.split(".")[1])
    if qid == "ch05.q1":
        assert round(expected, 2) == answers[qid]
    else:
        assert expected == answers[qid]


@pytest.mark.parametrize("qid, answer, hint", [
    ("ch05.q1", -0.24, "printed in the seed"),
    ("ch05.q1", 0.26, "sign"),
    ("ch05.q2", 7, "includes the differences marked *"),
    ("ch05.q3", [10], "list the numbers"),
    ("ch05.q3", "7, 10", "list of attribute numbers"),
    ("ch05.q4", "maintain / improve", "default cuts"),
    ("ch05.q4", "panic", "name one of the actions"),
    ("ch05.q5", 42, "k = 3"),
    ("ch05.q6", 6, "within tolerance"),
])
def test_typical_mistakes_get_specific_hints(qid, answer, hint):
    feedback = evaluate(qid, answer)
    assert not feedback.correct and hint in feedback.message, feedback.message


def test_answers_in_other_forms_pass(answers):
    assert evaluate("ch05.q1", -0.26).correct and evaluate("ch05.q1", np.float64(-0.2600001)).correct
    assert evaluate("ch05.q3", (10, 7)).correct and evaluate("ch05.q3", np.array([7, 10])).correct
    assert evaluate("ch05.q4", "Improve").correct and evaluate("ch05.q4", "提高").correct
    assert evaluate("ch05.q5", 31.0).correct


def test_feedback_in_chinese(answers):
    set_language("zh")
    assert evaluate("ch05.q1", answers["ch05.q1"]).message.startswith("✅ 正确！")
    assert "印刷" in evaluate("ch05.q1", -0.24).message
