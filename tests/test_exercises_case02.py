"""The Case 2 question checker: right answers pass, wrong ones get a hint, nothing raises."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scm_course import audit, service, set_language
from scm_course.cases import industrial_audit as ia
from scm_course.exercises import case02, check, evaluate, question_ids

QUESTIONS = [f"case02.q{n}" for n in range(1, 8)]


@pytest.fixture(scope="module")
def answers():
    """Each answer worked out the way a student would, from the package's public API."""
    tables = ia.load()
    survey, attributes = tables["survey"], tables["attributes"]
    no = dict(zip(attributes["attribute"], attributes["no"]))
    step1 = audit.relative_performance(survey, "Hengtong", "Dacheng")
    q1 = round(float(step1.loc["stock_availability", "difference"]), 2)
    q2 = int((step1["mark"] != "").sum())
    position = audit.competitive_position(step1)
    q3 = [no[a] for a in position.index[position["region"] == "important_weakness"]]
    plan = audit.action_plan(step1)
    q4 = plan.index[0]
    q5 = [no[a] for a in plan.index[(plan["band"] == "parity") & plan["behind_competitor"]]]
    monthly = tables["kpi_monthly"].set_index("month")
    standards = tables["kpi_standards"].set_index("measure")
    fill = standards.loc["line_fill_rate"]
    report = service.control_report(monthly["line_fill_rate"], fill["standard"], tolerance=fill["tolerance"])
    q6 = int((report["status"] == "below_standard").sum())
    q7 = [m for m, s in standards.iterrows()
          if (service.control_report(monthly[m], s["standard"], tolerance=s["tolerance"],
                                     higher_is_better=bool(s["higher_is_better"]))["status"] == "meets").all()
          and step1.loc[s["attribute"], "mark"] != "" and step1.loc[s["attribute"], "difference"] < 0]
    return dict(zip(QUESTIONS, [q1, q2, q3, q4, q5, q6, *q7]))


def test_question_ids():
    assert [q for q in question_ids() if q.startswith("case02.")] == QUESTIONS


def test_answers_fit_the_case_story(answers):
    assert answers["case02.q1"] == -1.05  # design 4.85 vs 5.90
    assert answers["case02.q2"] == 8  # seven ** and one * (technical support)
    assert sorted(answers["case02.q3"]) == [1, 6]
    assert answers["case02.q4"] == "order_status_info"  # importance 5.55, Hengtong 2.90 -> improve absolutely
    assert sorted(answers["case02.q5"]) == [3, 12]
    assert answers["case02.q6"] == 6
    assert answers["case02.q7"] == "on_time_dispatch"


@pytest.mark.parametrize("qid", QUESTIONS)
def test_correct_answer_passes(qid, answers, capsys):
    assert evaluate(qid, answers[qid]).correct
    check(qid, answers[qid])
    out = capsys.readouterr().out
    assert out.startswith("✅ Correct!") and out.count("\n") == 1


@pytest.mark.parametrize("qid", QUESTIONS)
def test_expected_answer_matches_the_independent_one(qid, answers):
    expected = case02.expected_answer(qid.split(".")[1])
    if qid == "case02.q1":
        assert round(expected, 2) == answers[qid]
    elif isinstance(expected, list):
        assert expected == sorted(answers[qid])
    else:
        assert expected == answers[qid]


def test_expected_answer_rejects_unknown_question():
    with pytest.raises(ValueError, match="question must be one of"):
        case02.expected_answer("q8")


@pytest.mark.parametrize("qid, answer, hint", [
    ("case02.q1", 1.05, "check the sign"),
    ("case02.q1", -0.50, "difference to PartsHub"),
    ("case02.q1", -2.0, "audit.relative_performance"),
    ("case02.q2", 7, "only the ** marks"),
    ("case02.q2", 5, "only where Hengtong is behind"),
    ("case02.q2", 12, "at most 0.05"),
    ("case02.q3", [1, 6, 11], "minor weakness"),
    ("case02.q3", [6], "against PartsHub"),
    ("case02.q3", "1, 6", "give a list of attributes"),
    ("case02.q3", [1, 13], "number (1-12)"),
    ("case02.q4", "stock_availability", "urgency of the STEP 3 action"),
    ("case02.q4", 2, "first row"),
    ("case02.q4", "speed", "number (1-12)"),
    ("case02.q5", [2, 3, 8, 9, 12], "not significant"),
    ("case02.q5", [3], "behind_competitor"),
    ("case02.q6", 12, "within tolerance"),
    ("case02.q6", 3, "service.control_report"),
    ("case02.q7", "order_cycle_hours", "do not rate Hengtong significantly worse"),
    ("case02.q7", "emergency_same_day", "do not rate Hengtong significantly worse"),
    ("case02.q7", "line_fill_rate", "meets in every month"),
    ("case02.q7", "fill rate", "line_fill_rate, order_cycle_hours"),
])
def test_typical_mistakes_get_specific_hints(qid, answer, hint):
    feedback = evaluate(qid, answer)
    assert not feedback.correct and hint in feedback.message, feedback.message


def test_answers_in_other_forms_pass(answers):
    assert evaluate("case02.q1", np.float64(-1.0527)).correct and not evaluate("case02.q1", -1.06).correct
    assert evaluate("case02.q2", 8.0).correct and evaluate("case02.q2", np.int64(8)).correct
    for form in (["order_status_info", "stock_availability"], (6, 1), np.array([1, 6]), pd.Series([1.0, 6.0]),
                 ["Items in stock when ordered", "可随时查询订单状态和交货日期"]):
        assert evaluate("case02.q3", form).correct, form
    for form in (6, "order_status_info", "Order status and delivery date on request", " ORDER STATUS INFO "):
        assert evaluate("case02.q4", form).correct, form
    for form in ("on_time_dispatch", "Orders dispatched on the planned ship date", "on_time_delivery",
                 "按计划发货日发出的订单比例"):
        assert evaluate("case02.q7", form).correct, form


def test_feedback_in_chinese(answers):
    set_language("zh")
    try:
        assert evaluate("case02.q6", answers["case02.q6"]).message.startswith("✅ 正确！")
        assert "容差" in evaluate("case02.q6", 12).message
    finally:
        set_language("en")
