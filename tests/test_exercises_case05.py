"""The case 5 question checker (3PL customer 360): right answers pass, wrong ones get a hint, nothing raises."""
from __future__ import annotations

import numpy as np
import pytest

from scm_course import crm, set_language
from scm_course import segment as sg
from scm_course.data import LOGISTICS_AS_OF, load_logistics
from scm_course.exercises import case05, check, evaluate, question_ids

QUESTIONS = [f"case05.q{n}" for n in range(1, 7)]


def _key_accounts(shipments) -> set:
    prof = sg.customer_profitability(shipments, "customer_id", "revenue", "direct_cost", "service_cost")
    rfm = sg.rfm_table(shipments, "customer_id", "date", "revenue", LOGISTICS_AS_OF)
    tiers = sg.key_accounts(prof, rfm)["tier"]
    return set(tiers.index[tiers == "key_account"])


@pytest.fixture(scope="module")
def answers():
    """Each answer worked out the way a student would, from the package's public API."""
    tables = load_logistics()
    customers, shipments = tables["customers"], tables["shipments"]
    try:
        crm.build_logistics_database(crm.connect(), customers, shipments)
    except ValueError as err:
        message = str(err)
    q1 = message.split("CHECK constraint failed: ")[1].split(";")[0]
    out = crm.clean_master(customers, shipments)
    q2 = len(out["customers"])
    q3 = round(100 * crm.completeness(out["customers"], ["email"]).loc["email", "completeness"], 2)
    conn = crm.connect()
    crm.build_logistics_database(conn, out["customers"], out["shipments"], out["merged"])
    q4 = int(crm.shipper_360(conn, "K0011")["profile"]["shipments"].iloc[0])
    after = _key_accounts(out["shipments"])
    (q5,) = after - _key_accounts(shipments)
    q6 = int(out["merged"]["kept_id"].isin(after).sum())
    return dict(zip(QUESTIONS, [q1, q2, q3, q4, q5, q6]))


def test_question_ids():
    assert [q for q in question_ids() if q.startswith("case05.")] == QUESTIONS


def test_answers_fit_the_dataset_description(answers):
    assert answers["case05.q1"] == "shipper_email_format"  # K0021's e-mail has no "@" (datasets/README.md)
    assert answers["case05.q2"] == 1504 - 41  # 44 companies entered twice; the match rule finds 41
    assert 92.55 < answers["case05.q3"] < 100  # above the raw 1392 / 1504 = 92.55 %
    assert answers["case05.q4"] == 3 + 12  # K0011's own shipments plus those of K0959, the record it joins


@pytest.mark.parametrize("qid", QUESTIONS)
def test_correct_answer_passes(qid, answers, capsys):
    assert evaluate(qid, answers[qid]).correct
    check(qid, answers[qid])
    out = capsys.readouterr().out
    assert out.startswith("✅ Correct!") and out.count("\n") == 1


@pytest.mark.parametrize("qid", QUESTIONS)
def test_expected_answer_matches_the_independent_one(qid, answers):
    expected = case05.expected_answer(qid.split(".")[1])
    if qid == "case05.q3":
        assert round(expected, 2) == answers[qid]
    else:
        assert expected == answers[qid]


@pytest.mark.parametrize("qid, answer, hint", [
    ("case05.q1", "shipper_same_name_email", "later row"),
    ("case05.q1", "UNIQUE", "later row"),
    ("case05.q1", "K0021", "name of the constraint"),
    ("case05.q1", "customer_name_not_blank", "try/except ValueError"),
    ("case05.q2", 1504, "raw master"),
    ("case05.q2", 1504 - 82, "keeps one record per group"),
    ("case05.q2", 1460, "clean_master(customers, shipments)"),
    ("case05.q3", 100 * 1392 / 1504, "raw master"),
    ("case05.q3", 100 * (1392 - 15) / 1504, "keeps the duplicates"),
    ("case05.q3", 50, "crm.completeness"),
    ("case05.q4", 3, "only the shipments booked on K0011"),
    ("case05.q4", 12, "kept record"),
    ("case05.q5", "K1469", "new after cleaning"),
    ("case05.q5", "k0571", "merged into"),
    ("case05.q5", "K0001", "segment.key_accounts"),
    ("case05.q6", 41, "every merged group"),
    ("case05.q6", 4, "before cleaning"),
    ("case05.q6", 2.5, "whole number"),
])
def test_typical_mistakes_get_specific_hints(qid, answer, hint):
    feedback = evaluate(qid, answer)
    assert not feedback.correct and hint in feedback.message, feedback.message


def test_answers_in_other_forms_pass(answers):
    q3 = answers["case05.q3"]
    assert evaluate("case05.q3", q3 / 100).correct  # as a fraction
    assert evaluate("case05.q3", np.float64(q3 + 0.04)).correct and not evaluate("case05.q3", q3 + 0.1).correct
    assert evaluate("case05.q1", "Shipper Email Format").correct
    assert evaluate("case05.q5", " k0118 ").correct
    assert evaluate("case05.q2", float(answers["case05.q2"])).correct
    assert evaluate("case05.q6", np.int64(answers["case05.q6"])).correct


def test_feedback_in_chinese(answers):
    set_language("zh")
    assert evaluate("case05.q4", answers["case05.q4"]).message.startswith("✅ 正确！")
    assert "K0011" in evaluate("case05.q4", 3).message
