"""The Chapter 3 exercise checker: right answers pass, wrong ones get a hint, nothing raises."""
from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from exercise_checks import wrong as _wrong
from scm_course import set_language
from scm_course import tradeoff as tr
from scm_course.exercises import ch03, check, evaluate, question_ids

QUESTIONS = ["ch03.q1", "ch03.q2", "ch03.q3", "ch03.q4", "ch03.q5"]


# ---------------------------------------------------------------- independent answers
@pytest.fixture(scope="module")
def answers():
    """Each answer worked out by hand from the textbook formulas (scipy only), or from the public API."""
    from scm_course.data import load_fulfilment
    from scm_course.service import control_report, metrics_by_period

    q1 = stats.norm.ppf(0.95) * 500 * math.sqrt(2)
    sigma_l = 500 * math.sqrt(2)
    z = 1000 / sigma_l
    q2 = 1 - sigma_l * (stats.norm.pdf(z) - z * (1 - stats.norm.cdf(z))) / 2500
    q3 = 500 + 100 * stats.norm.ppf(120 / (120 + 30))
    q4 = stats.norm.cdf(stats.norm.ppf(0.95) / (1 - 0.3))
    monthly = metrics_by_period(load_fulfilment()).loc["2025"]
    report = control_report(monthly["perfect_order"], 0.90, tolerance=0.02)
    q5 = int((report["status"] == "below_standard").sum())
    return {"ch03.q1": q1, "ch03.q2": q2, "ch03.q3": q3, "ch03.q4": q4, "ch03.q5": q5}


def test_question_ids():
    assert [q for q in question_ids() if q.startswith("ch03.")] == QUESTIONS


def test_textbook_answers(answers):
    assert answers["ch03.q1"] == pytest.approx(1163.1, abs=0.05)
    assert answers["ch03.q2"] == pytest.approx(0.98995, abs=5e-6)  # 1 - 25.13 / 2,500
    assert answers["ch03.q3"] == pytest.approx(584.16, abs=0.005)
    assert answers["ch03.q4"] == pytest.approx(0.99061, abs=5e-5)
    assert 0 <= answers["ch03.q5"] <= 12


@pytest.mark.parametrize("qid", QUESTIONS)
def test_correct_answer_passes(qid, answers, capsys):
    assert evaluate(qid, answers[qid]).correct
    check(qid, answers[qid])
    out = capsys.readouterr().out
    assert out.startswith("✅ Correct!") and out.count("\n") == 1


@pytest.mark.parametrize("qid", QUESTIONS)
def test_expected_answer_matches_the_independent_one(qid, answers):
    expected = ch03.expected_answer(qid.split(".")[1])
    assert expected == pytest.approx(answers[qid], abs=1e-9)


def test_the_critical_ratio_answer_is_the_brute_force_optimum():
    d = ch03.EXERCISE_DATA["q3"]
    grid = tr.service_level_grid(0.5, 0.999, 1e-4)
    curves = tr.service_cost_curves(grid, demand_mean=d["demand_mean"], demand_sd=d["demand_sd"],
                                    unit_margin=d["unit_margin"], unit_holding_cost=d["unit_holding_cost"])
    best = curves["profit"].idxmax()
    assert abs(curves.loc[best, "stock"] - ch03.expected_answer("q3")) < 0.05


# ---------------------------------------------------------------- accepted spellings and rounding
@pytest.mark.parametrize("qid, variant", [
    ("ch03.q1", lambda a: round(a)),
    ("ch03.q1", lambda a: np.float64(a)),
    ("ch03.q1", lambda a: 1.65 * 500 * math.sqrt(2)),  # z from a two-decimal table
    ("ch03.q2", lambda a: round(a, 4)),
    ("ch03.q2", lambda a: 100 * a),
    ("ch03.q2", lambda a: f"{100 * a:.2f}%"),
    ("ch03.q3", lambda a: round(a, 1)),
    ("ch03.q3", lambda a: 500 + 100 * 0.84),  # z from a table
    ("ch03.q4", lambda a: round(a, 4)),
    ("ch03.q4", lambda a: f"{100 * a:.2f}%"),
    ("ch03.q5", lambda a: float(a)),
    ("ch03.q5", lambda a: np.int64(a)),
])
def test_other_spellings_of_the_right_answer_pass(qid, variant, answers):
    assert evaluate(qid, variant(answers[qid])).correct


# ---------------------------------------------------------------- wrong answers get hints


def test_q1_hints(answers, capsys):
    z = stats.norm.ppf(0.95)
    assert "whole lead time" in _wrong("ch03.q1", z * 500, capsys)
    assert "square root" in _wrong("ch03.q1", z * 500 * 2, capsys)
    assert "in units" in _wrong("ch03.q1", 1.645, capsys)
    generic = _wrong("ch03.q1", 2000, capsys)
    assert "safety_stock" in generic and "1163" not in generic


def test_q2_hints(answers, capsys):
    assert "cycle service level" in _wrong("ch03.q2", 0.9214, capsys)
    assert "10,000" in _wrong("ch03.q2", 0.9975, capsys)
    assert "order quantity" in _wrong("ch03.q2", 0.95, capsys)


def test_q3_hints(answers, capsys):
    assert "stock level in units" in _wrong("ch03.q3", 0.8, capsys)
    assert "stock level in units" in _wrong("ch03.q3", 80, capsys)
    assert "upside down" in _wrong("ch03.q3", 500 + 100 * stats.norm.ppf(0.2), capsys)
    assert "critical ratio" in _wrong("ch03.q3", 600, capsys)


def test_q4_hints(answers, capsys):
    z = stats.norm.ppf(0.95)
    assert "divide z" in _wrong("ch03.q4", stats.norm.cdf(z * 0.7), capsys)
    assert "before the change" in _wrong("ch03.q4", 0.95, capsys)
    assert "equivalent_service_level" in _wrong("ch03.q4", 0.97, capsys)


def test_q5_hints(answers, capsys):
    from scm_course.data import load_fulfilment
    from scm_course.service import control_report, metrics_by_period

    monthly = metrics_by_period(load_fulfilment()).loc["2025"]
    report = control_report(monthly["perfect_order"], 0.90, tolerance=0.02)
    below_90 = int((report["status"] != "meets").sum())
    assert below_90 != answers["ch03.q5"]
    assert "tolerance" in _wrong("ch03.q5", below_90, capsys)
    assert "control_report" in _wrong("ch03.q5", 13, capsys)


# ---------------------------------------------------------------- weird types never raise


def test_type_hints_say_what_is_expected(capsys):
    assert "number" in _wrong("ch03.q1", "1163", capsys)
    assert "whole number" in _wrong("ch03.q5", 2.5, capsys)


def test_feedback_follows_the_language(answers, capsys):
    set_language("zh")
    check("ch03.q1", None)
    check("ch03.q4", answers["ch03.q4"])
    check("ch03.q4", 0.95)
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("⏳ 尚未作答")
    assert out[1].startswith("✅ 正确！")
    assert out[2].startswith("❌ 还不对：") and "变化之前" in out[2]
