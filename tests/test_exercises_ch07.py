"""The Chapter 7 exercise checker: right answers pass, wrong ones get a hint, nothing raises."""
from __future__ import annotations

import numpy as np
import pytest

from scm_course import crm, set_language
from scm_course import segment as sg
from scm_course.data import LOGISTICS_AS_OF, load_logistics
from scm_course.exercises import ch07, check, evaluate, question_ids

QUESTIONS = [f"ch07.q{n}" for n in range(1, 7)]


@pytest.fixture(scope="module")
def answers():
    """Each answer worked out the way a student would, from the package's public API."""
    tables = load_logistics()
    customers, shipments = tables["customers"], tables["shipments"]
    q1 = len(crm.stale_records(customers, LOGISTICS_AS_OF, max_age_days=730))
    dups = crm.duplicate_groups(customers)
    q2 = len(dups) - dups["group"].nunique()
    rfm = sg.rfm_table(shipments, "customer_id", "date", "revenue", LOGISTICS_AS_OF)
    q3 = int((sg.rfm_scores(rfm)["segment"] == "champions").sum())
    prof = sg.customer_profitability(shipments, "customer_id", "revenue", "direct_cost", "service_cost")
    q4 = round(100 * float(sg.whale_curve(prof["profit"])["cum_profit_share"].max()), 1)
    costly = sg.customer_profitability(shipments, "customer_id", "revenue", "direct_cost", "service_cost",
                                       cost_to_serve_factor=1.5)
    q5 = int((costly["profit"] < 0).sum())
    q6 = int((sg.key_accounts(prof, rfm)["tier"] == "key_account").sum())
    return dict(zip(QUESTIONS, [q1, q2, q3, q4, q5, q6]))


def test_question_ids():
    assert [q for q in question_ids() if q.startswith("ch07.")] == QUESTIONS


def test_answers_fit_the_dataset_description(answers):
    customers = load_logistics()["customers"]
    assert 0.08 < answers["ch07.q1"] / len(customers) < 0.16  # ~12 % stale by construction
    assert 0.015 < answers["ch07.q2"] / len(customers) < 0.045  # ~3 % of companies entered twice
    assert answers["ch07.q4"] > 100  # the whale curve rises above 100 %
    assert answers["ch07.q5"] > 339  # more customers lose money when serving them costs more


@pytest.mark.parametrize("qid", QUESTIONS)
def test_correct_answer_passes(qid, answers, capsys):
    assert evaluate(qid, answers[qid]).correct
    check(qid, answers[qid])
    out = capsys.readouterr().out
    assert out.startswith("✅ Correct!") and out.count("\n") == 1


@pytest.mark.parametrize("qid", QUESTIONS)
def test_expected_answer_matches_the_independent_one(qid, answers):
    expected = ch07.expected_answer(qid.split(".")[1])
    if qid == "ch07.q4":
        assert round(expected, 1) == answers[qid]
    else:
        assert expected == answers[qid]


def _dup_records():
    return len(crm.duplicate_groups(load_logistics()["customers"]))


@pytest.mark.parametrize("qid, answer, hint", [
    ("ch07.q1", lambda: len(crm.stale_records(load_logistics()["customers"], LOGISTICS_AS_OF, max_age_days=365)),
     "one year"),
    ("ch07.q1", lambda: 3, "crm.stale_records"),
    ("ch07.q2", _dup_records, "subtract the number of groups"),
    ("ch07.q3", lambda: 121, "only the cell R = 5, F = 5"),
    ("ch07.q4", lambda: 100, "ends at 100 %"),
    ("ch07.q4", lambda: 150, "maximum of cum_profit_share"),
    ("ch07.q5", lambda: 339, "multiply the service cost by 1.5"),
    ("ch07.q6", lambda: 86, "at risk"),
    ("ch07.q6", lambda: 2.5, "whole number"),
])
def test_typical_mistakes_get_specific_hints(qid, answer, hint):
    feedback = evaluate(qid, answer())
    assert not feedback.correct and hint in feedback.message, feedback.message


def test_answers_in_other_forms_pass(answers):
    peak = answers["ch07.q4"]
    assert evaluate("ch07.q4", peak / 100).correct  # as a fraction
    assert evaluate("ch07.q4", np.float64(peak + 0.3)).correct and not evaluate("ch07.q4", peak + 0.8).correct
    assert evaluate("ch07.q3", float(answers["ch07.q3"])).correct
    assert evaluate("ch07.q6", np.int64(answers["ch07.q6"])).correct


def test_feedback_in_chinese(answers):
    set_language("zh")
    assert evaluate("ch07.q5", answers["ch07.q5"]).message.startswith("✅ 正确！")
    assert "1.5" in evaluate("ch07.q5", 339).message
