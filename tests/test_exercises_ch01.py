"""The Chapter 1 exercise checker: right answers pass, wrong ones get a hint, nothing raises."""
from __future__ import annotations

import numpy as np
import pytest

from scm_course import crm, set_language
from scm_course.exercises import ch01, check, evaluate, question_ids

QUESTIONS = [f"ch01.q{n}" for n in range(1, 7)]


@pytest.fixture(scope="module")
def conn():
    db = crm.connect()
    crm.build_database(db, crm.crm_tables())
    return db


@pytest.fixture(scope="module")
def answers(conn):
    """Each answer worked out the way a student would, from the package's public API."""
    q1 = len(crm.customer_360(conn, "C019")["open_tickets"])
    top = crm.query(conn, """SELECT c.customer_id, SUM(l.revenue) AS revenue FROM customers c
        JOIN orders o ON o.customer_id = c.customer_id JOIN order_lines l ON l.order_id = o.order_id
        WHERE c.region = ? GROUP BY c.customer_id ORDER BY revenue DESC LIMIT 1""", ("South",))
    q2 = top["customer_id"].item()
    fmap = crm.function_map("en")
    q3 = fmap.loc[fmap["key"] == "category_buyers_in_region", "function"].item()  # "Marketing management"
    q4 = "C"
    q5 = len(crm.run_function_query(conn, "dormant_customers", as_of="2025-12-31", days=90))
    rates = crm.run_function_query(conn, "repeat_purchase_rate", start="2025-01-01", end="2025-12-31")
    q6 = round(100 * rates.set_index("channel").loc["retail_chain", "repeat_rate"], 1)
    return dict(zip(QUESTIONS, [q1, q2, q3, q4, q5, q6]))


def test_question_ids():
    assert [q for q in question_ids() if q.startswith("ch01.")] == QUESTIONS


def test_answers_fit_the_course_database(answers, conn):
    assert answers["ch01.q1"] == 3  # two open and one in progress (see crm.generate_service_tickets)
    assert answers["ch01.q2"] == "C028"
    assert 0 < answers["ch01.q5"] < 40
    rates = crm.run_function_query(conn, "repeat_purchase_rate", start="2025-01-01", end="2025-12-31")
    assert rates["repeat_rate"].idxmin() == rates.index[rates["channel"] == "retail_chain"][0]  # the note's claim


@pytest.mark.parametrize("qid", QUESTIONS)
def test_correct_answer_passes(qid, answers, capsys):
    assert evaluate(qid, answers[qid]).correct
    check(qid, answers[qid])
    out = capsys.readouterr().out
    assert out.startswith("✅ Correct!") and out.count("\n") == 1


@pytest.mark.parametrize("qid", QUESTIONS)
def test_expected_answer_matches_the_independent_one(qid, answers):
    expected = ch01.expected_answer(qid.split(".")[1])
    if qid == "ch01.q3":
        assert expected == "marketing"
    elif qid == "ch01.q6":
        assert round(expected, 1) == answers[qid]
    else:
        assert expected == answers[qid]


def test_only_the_parameterised_snippet_is_safe():
    assert ch01._safe_snippets() == ["C"]
    # the unsafe ones really do return every customer for the crafted name
    db = crm.connect()
    crm.build_database(db, {"customers": crm.crm_tables()["customers"]})
    assert len(ch01.SNIPPETS["A"][1](db, ch01.CRAFTED_NAME)) == 40
    assert len(ch01.SNIPPETS["B"][1](db, ch01.CRAFTED_NAME)) == 40
    assert ch01.SNIPPETS["C"][1](db, ch01.CRAFTED_NAME).empty
    assert ch01.SNIPPETS["C"][1](db, "Harbour Trading")["customer_id"].tolist() == ["C001"]


@pytest.mark.parametrize("qid, answer, hint", [
    ("ch01.q1", 2, "in progress"),
    ("ch01.q1", 7, "open_tickets"),
    ("ch01.q2", "C035", "sort it descending"),
    ("ch01.q2", "Crane Home Store", "sort it descending"),
    ("ch01.q3", "sales", "campaign"),
    ("ch01.q3", "Sales management", "campaign"),
    ("ch01.q3", "service", "crm.function_map()"),
    ("ch01.q3", "logistics", "one of the five functions: information, sales"),
    ("ch01.q4", "A", "pastes the value into the SQL text"),
    ("ch01.q4", "b", "pastes the value into the SQL text"),
    ("ch01.q4", "D", "'A', 'B' or 'C'"),
    ("ch01.q5", 13, "30 days"),
    ("ch01.q5", 4, "dormant_customers"),
    ("ch01.q6", 8, "repeat buyers divided by buyers"),
    ("ch01.q6", 94, "retail_chain"),
    ("ch01.q6", "80", "number"),
])
def test_typical_mistakes_get_specific_hints(qid, answer, hint):
    feedback = evaluate(qid, answer)
    assert not feedback.correct and hint in feedback.message, feedback.message


def test_the_right_customer_by_name_gets_the_id_hint(conn):
    name = crm.query(conn, "SELECT name FROM customers WHERE customer_id = ?", ("C028",))["name"].item()
    feedback = evaluate("ch01.q2", name)
    assert not feedback.correct and "customer_id" in feedback.message


def test_answers_in_other_forms_pass(answers):
    assert evaluate("ch01.q2", " c028 ").correct
    for form in ("marketing", "Marketing management", "MARKETING", "市场营销管理", "市场营销"):
        assert evaluate("ch01.q3", form).correct, form
    assert evaluate("ch01.q4", " c ").correct
    assert evaluate("ch01.q6", 0.8).correct and evaluate("ch01.q6", np.float64(80.4)).correct
    assert not evaluate("ch01.q6", 81).correct
    assert evaluate("ch01.q1", 3.0).correct and evaluate("ch01.q5", np.int64(answers["ch01.q5"])).correct


def test_feedback_in_chinese(answers):
    set_language("zh")
    assert evaluate("ch01.q4", "C").message.startswith("✅ 正确！")
    assert "30 天" in evaluate("ch01.q5", 13).message
