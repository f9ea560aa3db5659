"""The Chapter 2 exercise checker: right answers pass, wrong ones get a hint, nothing raises."""
from __future__ import annotations

import numpy as np
import pytest

from exercise_checks import wrong as _wrong
from scm_course import service as svc
from scm_course import set_language
from scm_course.data import load_fulfilment
from scm_course.exercises import ch02, check, evaluate, question_ids

QUESTIONS = ["ch02.q1", "ch02.q2", "ch02.q3", "ch02.q4", "ch02.q5"]


# ---------------------------------------------------------------- independent answers
@pytest.fixture(scope="module")
def answers():
    """Each answer worked out the way a student would, with pandas and the public API."""
    orders = load_fulfilment()
    segment = orders[(orders["channel"] == "e_commerce") & (orders["region"] == "West")]
    q1 = svc.order_metrics(segment)["perfect_order"]

    cycle = svc.order_cycle(orders)
    peak = orders["placed_at"].dt.month.isin([6, 7, 8]).to_numpy()
    q2 = cycle.loc[peak, "processing"].mean() - cycle.loc[~peak, "processing"].mean()

    levels = {"expected": 95, "perceived_expectations": 93, "standards": 90, "actual": 88, "communicated": 98,
              "perceived": 86}
    gaps = svc.gap_model(levels)["value"]
    q3 = int(gaps[[1, 2, 3, 5]].idxmin())

    tree = svc.default_stockout_tree()
    tree.loc[tree["child"] == "switch_brand", "probability"] = 0.8
    tree.loc[tree["child"] == "order_or_wait", "probability"] = 0.2
    q4 = svc.stockout_reactions(tree)["expected_lost_sales"]

    west = orders[orders["region"] == "West"]
    q5 = next(d for d in range(10) if svc.order_metrics(west, d)["on_time"] >= 0.99)
    return {"ch02.q1": q1, "ch02.q2": q2, "ch02.q3": q3, "ch02.q4": q4, "ch02.q5": q5}


def test_question_ids_include_chapter_2():
    assert [q for q in question_ids() if q.startswith("ch02.")] == QUESTIONS


def test_answers_are_what_the_models_imply(answers):
    # the chain telescopes: -2 - 3 - 2 - 2 = -9 = gap 6, and gap 2 (standards) is the largest part
    assert answers["ch02.q3"] == 2
    # 0.3 of shoppers leave; of the 0.7 who stay, 0.2 do not substitute, 0.7 of them wait, 1/4 never return
    assert answers["ch02.q4"] == pytest.approx(0.3 + 0.7 * 0.2 * 0.7 * 0.25)
    assert answers["ch02.q5"] == 2
    assert 0.7 < answers["ch02.q1"] < 0.85 and 4 < answers["ch02.q2"] < 6


@pytest.mark.parametrize("qid", QUESTIONS)
def test_correct_answer_passes(qid, answers, capsys):
    assert evaluate(qid, answers[qid]).correct
    check(qid, answers[qid])
    out = capsys.readouterr().out
    assert out.startswith("✅ Correct!") and out.count("\n") == 1


@pytest.mark.parametrize("qid", QUESTIONS)
def test_expected_answer_matches_the_independent_one(qid, answers):
    assert ch02.expected_answer(qid.split(".")[1]) == pytest.approx(answers[qid])


# ---------------------------------------------------------------- accepted spellings
@pytest.mark.parametrize("qid, variant", [
    ("ch02.q1", lambda a: round(a, 3)),
    ("ch02.q1", lambda a: 100 * a),
    ("ch02.q1", lambda a: f"{100 * a:.1f}%"),
    ("ch02.q1", lambda a: np.float64(a)),
    ("ch02.q2", lambda a: round(a, 2)),
    ("ch02.q3", lambda a: np.int64(a)),
    ("ch02.q3", lambda a: float(a)),
    ("ch02.q4", lambda a: round(a, 3)),
    ("ch02.q5", lambda a: np.int32(a)),
])
def test_other_spellings_of_the_right_answer_pass(qid, variant, answers):
    assert evaluate(qid, variant(answers[qid])).correct


# ---------------------------------------------------------------- wrong answers get hints


def test_q1_hints(answers, capsys):
    orders = load_fulfilment()
    assert "both the channel and the region" in _wrong("ch02.q1", svc.order_metrics(orders)["perfect_order"], capsys)
    ecommerce = orders[orders["channel"] == "e_commerce"]
    assert "both the channel" in _wrong("ch02.q1", svc.order_metrics(ecommerce)["perfect_order"], capsys)
    segment = orders[(orders["channel"] == "e_commerce") & (orders["region"] == "West")]
    assert "at once" in _wrong("ch02.q1", svc.order_metrics(segment)["on_time"], capsys)
    message = _wrong("ch02.q1", 0.5, capsys)
    assert "order_performance" in message and f"{answers['ch02.q1']:.3f}" not in message


def test_q2_hints(answers, capsys):
    orders = load_fulfilment()
    cycle = svc.order_cycle(orders)
    peak = orders["placed_at"].dt.month.isin([6, 7, 8]).to_numpy()
    assert "ratio" in _wrong("ch02.q2", cycle.loc[peak, "processing"].mean() / cycle.loc[~peak, "processing"].mean(),
                             capsys)
    assert "whole order cycle" in _wrong("ch02.q2", cycle.loc[peak, "total"].mean() - cycle.loc[~peak, "total"].mean(),
                                         capsys)
    by_promise = orders["promised_date"].dt.month.isin([6, 7, 8]).to_numpy()
    assert "placed_at" in _wrong("ch02.q2", cycle.loc[by_promise, "processing"].mean()
                                 - cycle.loc[~by_promise, "processing"].mean(), capsys)
    assert "sign" in _wrong("ch02.q2", -answers["ch02.q2"], capsys)
    assert "order_cycle" in _wrong("ch02.q2", 1.0, capsys)


def test_q3_hints(capsys):
    assert "not on the chain" in _wrong("ch02.q3", 4, capsys)
    assert "shortfall itself" in _wrong("ch02.q3", 6, capsys)
    assert "1, 2, 3 or 5" in _wrong("ch02.q3", 9, capsys)
    assert "gap_model" in _wrong("ch02.q3", 5, capsys)


def test_q4_hints(capsys):
    assert "default probabilities" in _wrong("ch02.q4", svc.stockout_reactions()["expected_lost_sales"], capsys)
    assert "come back" in _wrong("ch02.q4", 0.3, capsys)
    assert "between 0 and 1" in _wrong("ch02.q4", 32.45, capsys)
    assert "stockout_reactions" in _wrong("ch02.q4", 0.5, capsys)


def test_q5_hints(capsys):
    assert "98.2%" in _wrong("ch02.q5", 1, capsys)
    assert "smallest" in _wrong("ch02.q5", 3, capsys)
    assert "days >= 0" in _wrong("ch02.q5", -1, capsys)


# ---------------------------------------------------------------- weird types never raise


def test_feedback_follows_the_language(answers, capsys):
    set_language("zh")
    check("ch02.q3", None)
    check("ch02.q3", answers["ch02.q3"])
    check("ch02.q3", 4)
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("⏳ 尚未作答")
    assert out[1].startswith("✅ 正确！") and "差异" in out[1]
    assert out[2].startswith("❌ 还不对：") and "差异4" in out[2]
