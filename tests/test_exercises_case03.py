"""The Case 3 question checker (CD retailer, CDNOW data): right answers pass, wrong ones get a hint, nothing raises."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scm_course import set_language, value
from scm_course.data import CDNOW_CALIBRATION_END, CDNOW_OBSERVATION_END, load_cdnow
from scm_course.exercises import case03, check, evaluate, question_ids

QUESTIONS = [f"case03.q{n}" for n in range(1, 8)]


@pytest.fixture(scope="module")
def answers():
    """Each answer worked out the way a student would: the public API, or pandas and the closed forms by hand."""
    cdnow = load_cdnow()
    cal = value.calibration_holdout(cdnow, "customer_id", "date", CDNOW_CALIBRATION_END, CDNOW_OBSERVATION_END,
                                    amount="amount")
    q1 = int((cal["frequency"] == 0).sum())
    bg = value.fit_bgnbd(cal["frequency"], cal["recency"], cal["T"])
    q2 = int((value.bgnbd_p_alive(cal["frequency"], cal["recency"], cal["T"], bg) < 0.5).sum())
    q3 = float(value.bgnbd_expected_purchases(39, cal["frequency"], cal["recency"], cal["T"], bg).sum())
    full = value.summarize_transactions(cdnow, "customer_id", "date", amount="amount",
                                        observation_end=CDNOW_OBSERVATION_END)
    bg_full = value.fit_bgnbd(full["frequency"], full["recency"], full["T"])
    repeat = full[full["frequency"] > 0]
    gg = value.fit_gamma_gamma(repeat["frequency"], repeat["monetary_value"])
    clv = value.clv_bgnbd(full["frequency"], full["recency"], full["T"], full["monetary_value"], bg_full, gg,
                          periods=12, discount=0.01, margin=0.3)
    q4 = float(clv.sum())
    q5 = float(np.sort(clv.to_numpy())[::-1][:236].sum() / clv.sum())
    late97 = set(cdnow.loc[(cdnow["date"] >= "1997-07-01") & (cdnow["date"] < "1998-01-01"), "customer_id"])
    early98 = cdnow[cdnow["date"] >= "1998-01-01"]
    q6 = len(late97 & set(early98["customer_id"])) / len(late97)  # kept / active at the start
    m = 0.3 * early98["amount"].sum() / early98["customer_id"].nunique()
    today = m * 1.05 / (1.05 - q6)  # m (1 + d) / (1 + d - r)
    q7 = 1.05 * (1 - (m - 2) / today)  # solve (m - c)(1 + d) / (1 + d - r) = today for r
    return dict(zip(QUESTIONS, [q1, q2, q3, q4, q5, q6, q7]))


def test_question_ids():
    assert [q for q in question_ids() if q.startswith("case03.")] == QUESTIONS


def test_answers_fit_the_published_and_hand_counts(answers):
    assert answers["case03.q1"] == 1411  # 2,357 - 946 repeat customers (Fader, Hardie & Lee 2005b)
    assert 1640 < answers["case03.q3"] < 1670 and answers["case03.q3"] < 1882  # 1,882 actual; the model is low
    assert 0 < answers["case03.q2"] < 946  # only repeat buyers can have P(alive) < 1
    assert 0.1 < answers["case03.q5"] < 1
    assert answers["case03.q6"] == pytest.approx(322 / 619)
    assert answers["case03.q6"] < answers["case03.q7"] < answers["case03.q6"] + 0.05  # the club's 5 points suffice


@pytest.mark.parametrize("qid", QUESTIONS)
def test_correct_answer_passes(qid, answers, capsys):
    assert evaluate(qid, answers[qid]).correct
    check(qid, answers[qid])
    out = capsys.readouterr().out
    assert out.startswith("✅ Correct!") and out.count("\n") == 1


@pytest.mark.parametrize("qid", QUESTIONS)
def test_expected_answer_matches_the_independent_one(qid, answers):
    expected = case03.expected_answer(qid.split(".")[1])
    assert expected == pytest.approx(answers[qid], rel=1e-6)


def test_unknown_question_is_an_error():
    with pytest.raises(ValueError, match="question must be one of"):
        case03.expected_answer("q8")


def _club_value(timing):
    cdnow = load_cdnow()
    early98 = cdnow[cdnow["date"] >= "1998-01-01"]
    m = 0.3 * early98["amount"].sum() / early98["customer_id"].nunique()
    today = value.clv_retention(m, 322 / 619, 0.05, timing=timing)
    return value.break_even_retention(m - 2, 0.05, today, timing=timing)


@pytest.mark.parametrize("qid, answer, hint", [
    ("case03.q1", lambda: 946, "did buy again"),
    ("case03.q1", lambda: int((value.summarize_transactions(load_cdnow(), "customer_id", "date")["frequency"] == 0)
                              .sum()), "all 78 weeks"),
    ("case03.q1", lambda: 1000, "value.calibration_holdout"),
    ("case03.q2", lambda: 2357 - case03.expected_answer("q2"), "at least 0.5"),
    ("case03.q2", lambda: 431, "uses all 78 weeks"),
    ("case03.q2", lambda: 12, "bgnbd_p_alive"),
    ("case03.q2", lambda: 39.5, "whole number"),
    ("case03.q3", lambda: 1882, "actually bought"),
    ("case03.q3", lambda: 1600, "bgnbd_expected_purchases"),
    ("case03.q4", lambda: case03.expected_answer("q4") / 0.3, "margin=0.3"),
    ("case03.q4", lambda: case03.expected_answer("q4") * 1.064, "not discounted"),
    ("case03.q4", lambda: case03.expected_answer("q4") * 1.01, "summarize_transactions"),
    ("case03.q5", lambda: 0.1, "share of the customers"),
    ("case03.q5", lambda: "10%", "share of the customers"),
    ("case03.q5", lambda: case03.expected_answer("q5") - 0.01, "first 236"),
    ("case03.q6", lambda: 515 / 619, "came back after a pause"),
    ("case03.q6", lambda: 0.5, "retention_rate"),
    ("case03.q7", lambda: 322 / 619, "today's retention"),
    ("case03.q7", lambda: _club_value("end"), "timing"),
    ("case03.q7", lambda: case03.expected_answer("q7") + 0.003, "break_even_retention"),
])
def test_typical_mistakes_get_specific_hints(qid, answer, hint):
    feedback = evaluate(qid, answer())
    assert not feedback.correct and hint in feedback.message, feedback.message


def test_tolerances_are_tight_but_fair(answers):
    assert evaluate("case03.q3", round(answers["case03.q3"])).correct
    assert evaluate("case03.q4", round(answers["case03.q4"], -1)).correct
    assert not evaluate("case03.q4", answers["case03.q4"] * 1.006).correct
    assert evaluate("case03.q5", f"{100 * answers['case03.q5']:.1f}%").correct
    assert evaluate("case03.q5", 100 * answers["case03.q5"]).correct
    assert evaluate("case03.q6", round(answers["case03.q6"], 3)).correct
    assert evaluate("case03.q7", round(answers["case03.q7"], 3)).correct
    assert not evaluate("case03.q7", answers["case03.q7"] + 0.0025).correct
    assert evaluate("case03.q1", np.int64(1411)).correct and evaluate("case03.q1", 1411.0).correct
    assert evaluate("case03.q2", pd.Series([answers["case03.q2"]]).iloc[0]).correct


def test_settings_are_the_ones_the_brief_states():
    assert case03.PARAMS["margin"] == 0.30 and case03.PARAMS["monthly_discount"] == 0.01
    assert case03.PARAMS["half_year_discount"] == 0.05 and case03.PARAMS["club_cost"] == 2.0
    assert case03.HALF_YEARS == {"1997H2": ("1997-07-01", "1997-12-31"), "1998H1": ("1998-01-01", "1998-06-30")}


def test_feedback_in_chinese(answers):
    set_language("zh")
    assert evaluate("case03.q6", answers["case03.q6"]).message.startswith("✅ 正确！")
    assert "暂停后回来" in evaluate("case03.q6", 515 / 619).message
