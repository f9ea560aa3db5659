"""The Chapter 4 exercise checker: right answers pass, wrong ones get a hint, nothing raises."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from exercise_checks import wrong as _wrong
from scm_course import priority as pr
from scm_course import set_language
from scm_course.data import load_distributor, load_instance
from scm_course.exercises import ch04, check, evaluate, question_ids

QUESTIONS = ["ch04.q1", "ch04.q2", "ch04.q3", "ch04.q4", "ch04.q5"]


# ---------------------------------------------------------------- independent answers
@pytest.fixture(scope="module")
def answers():
    """Each answer worked out the way a student would, from the package's public API."""
    tables = load_distributor()
    per_product = (tables["order_lines"].groupby("product_id")[["revenue", "margin", "quantity"]].sum()
                   .reindex(tables["products"]["product_id"], fill_value=0))
    q1 = int((pr.abc_classify(per_product["quantity"])["cls"] == "A").sum())

    inst = load_instance("order_priority")
    rank = pd.Series(inst["profit_rank"], index=inst["products"])
    importance = pd.Series(inst["importance"], index=inst["products"])
    importance["L"] = 1
    q2 = int(pr.order_priority(rank, importance).loc["L", "priority"])

    sold = per_product[per_product["quantity"] > 0]
    q3 = pr.volume_profit_matrix(sold, "quantity", "margin", split="mean")["strategy"].value_counts().idxmax()

    matrix = pr.contribution_matrix(pd.Series([5.0, 4, 3, 2, 1], index=["I", "II", "III", "IV", "V"]),
                                    pd.Series([4.0, 3, 2, 1], index=list("ABCD")))
    policy = pr.service_policy(matrix)
    q4 = (float(policy["availability"].loc["III", "C"]), int(policy["delivery_days"].loc["III", "C"]))

    s = load_instance("supplier_ratings")
    scores = pd.DataFrame({f"S{k}": s[f"supplier_{k}_mean"] for k in (1, 2, 3)}, index=s["attributes"]).T
    q5 = pr.weighted_scores(scores, {a: 1 for a in s["attributes"]}).round(2).to_dict()
    return {"ch04.q1": q1, "ch04.q2": q2, "ch04.q3": q3, "ch04.q4": q4, "ch04.q5": q5}


def test_question_ids():
    assert [q for q in question_ids() if q.startswith("ch04.")] == QUESTIONS


def test_textbook_answers_are_what_the_book_implies(answers):
    # L: rank 9 x importance 1 = 9 sits between Y (7) and B/E (12): priority 5.
    assert answers["ch04.q2"] == 5
    # weights 5-4-3-2-1 x 4-3-2-1 rank III x C 10th -> band 6-10 -> 98 %, 2 days
    # (the judgement table ranks it 13th -> 95 %, 3 days)
    assert answers["ch04.q4"] == (0.98, 2)
    # equal weights = plain means of the eight printed ratings
    assert answers["ch04.q5"] == {"S1": 5.39, "S2": 4.01, "S3": 4.46}


@pytest.mark.parametrize("qid", QUESTIONS)
def test_correct_answer_passes(qid, answers, capsys):
    assert evaluate(qid, answers[qid]).correct
    check(qid, answers[qid])
    out = capsys.readouterr().out
    assert out.startswith("✅ Correct!") and out.count("\n") == 1


@pytest.mark.parametrize("qid", QUESTIONS)
def test_expected_answer_matches_the_independent_one(qid, answers):
    expected = ch04.expected_answer(qid.split(".")[1])
    if qid == "ch04.q5":
        assert {k: round(v, 2) for k, v in expected.items()} == answers[qid]
    else:
        assert expected == answers[qid]


# ---------------------------------------------------------------- accepted spellings
@pytest.mark.parametrize("qid, variant", [
    ("ch04.q1", lambda a: np.int64(a)),
    ("ch04.q1", lambda a: float(a)),
    ("ch04.q2", lambda a: np.int32(a)),
    ("ch04.q3", lambda a: a.upper()),
    ("ch04.q3", lambda a: pr_label(a, "en")),
    ("ch04.q3", lambda a: pr_label(a, "zh")),
    ("ch04.q3", lambda a: pr_label(a, "en").split(",")[0]),
    ("ch04.q4", lambda a: [a[0], a[1]]),
    ("ch04.q4", lambda a: (100 * a[0], a[1])),
    ("ch04.q4", lambda a: (f"{100 * a[0]:.0f}%", a[1])),
    ("ch04.q4", lambda a: np.array(a)),
    ("ch04.q4", lambda a: {"availability": a[0], "delivery_days": a[1]}),
    ("ch04.q5", lambda a: pd.Series(a)),
    ("ch04.q5", lambda a: {k.replace("S", "Supplier "): v for k, v in a.items()}),
    ("ch04.q5", lambda a: {int(k[1:]): v for k, v in a.items()}),
])
def test_other_spellings_of_the_right_answer_pass(qid, variant, answers):
    assert evaluate(qid, variant(answers[qid])).correct


def pr_label(key, language):
    from scm_course.i18n import t

    return t(f"priority.strategy.{key}", language=language)


# ---------------------------------------------------------------- wrong answers get hints


def _no_answer_in(message, answer):
    assert str(answer) not in message.replace("80 %", "").replace("(0.9, 5)", "")


def test_q1_hints(answers, capsys):
    right = answers["ch04.q1"]
    generic = _wrong("ch04.q1", right + 5, capsys)
    assert "abc_classify" in generic
    _no_answer_in(generic, right)
    assert "stays in class A" in _wrong("ch04.q1", right - 1, capsys)
    tables = load_distributor()
    revenue = tables["order_lines"].groupby("product_id")["revenue"].sum()
    n_revenue = int((pr.abc_classify(revenue)["cls"] == "A").sum())
    assert n_revenue != right
    assert "another measure" in _wrong("ch04.q1", n_revenue, capsys)


def test_q2_hints(answers, capsys):
    assert "importance 3" in _wrong("ch04.q2", 10, capsys)  # L's textbook priority
    message = _wrong("ch04.q2", answers["ch04.q2"] + 1, capsys)
    assert "order_priority" in message
    _no_answer_in(message, answers["ch04.q2"])


def test_q3_hints(answers, capsys):
    other = next(s for s in pr.VOLUME_PROFIT_STRATEGIES.values() if s != answers["ch04.q3"])
    message = _wrong("ch04.q3", other, capsys)
    assert "mean" in message and answers["ch04.q3"] not in message
    assert "four strategies" in _wrong("ch04.q3", "banana", capsys)


def test_q4_hints(answers, capsys):
    availability, days = answers["ch04.q4"]
    assert "textbook" in _wrong("ch04.q4", (0.95, 3), capsys)  # the judgement matrix's cell III x C
    assert "delivery days of that band" in _wrong("ch04.q4", (availability, days + 2), capsys)
    assert "availability of that band" in _wrong("ch04.q4", (0.5, days), capsys)
    assert "first" in _wrong("ch04.q4", (days, availability), capsys)
    assert "contribution_matrix" in _wrong("ch04.q4", (0.5, 7), capsys)


def test_q5_hints(answers, capsys):
    s = load_instance("supplier_ratings")
    scores = pd.DataFrame({f"S{k}": s[f"supplier_{k}_mean"] for k in (1, 2, 3)}, index=s["attributes"]).T
    by_importance = pr.weighted_scores(scores, dict(zip(s["attributes"], s["importance_mean"]))).to_dict()
    assert "importance means" in _wrong("ch04.q5", by_importance, capsys)
    assert "each supplier" in _wrong("ch04.q5", {"S1": 5.0}, capsys)
    assert "same weight" in _wrong("ch04.q5", {"S1": 1, "S2": 2, "S3": 3}, capsys)


# ---------------------------------------------------------------- weird types never raise


def test_type_hints_say_what_is_expected(capsys):
    assert "whole number" in _wrong("ch04.q1", "9", capsys)
    assert "text" in _wrong("ch04.q3", 3, capsys)
    assert "pair" in _wrong("ch04.q4", "0.98, 2", capsys)
    assert "dict" in _wrong("ch04.q5", [5.39, 4.01, 4.46], capsys)


def test_feedback_follows_the_language(answers, capsys):
    set_language("zh")
    check("ch04.q1", None)
    check("ch04.q2", answers["ch04.q2"])
    check("ch04.q2", 10)
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("⏳ 尚未作答")
    assert out[1].startswith("✅ 正确！")
    assert out[2].startswith("❌ 还不对：")
