"""Exercises of Chapter 1, CRM foundations (客户关系管理概述).

Each grader computes the expected answer with the package on the course's CRM
database (:func:`scm_course.crm.crm_tables` loaded into an in-memory SQLite
database) -- there is no stored answer key -- and either returns a short note
for a correct answer or raises :class:`~scm_course.exercises.WrongAnswer` with
a hint that points to the method, not to the number.

======  =================================================================  ==========
id      question                                                           answer
======  =================================================================  ==========
q1      open service tickets (open or in progress) of customer C019        int
q2      the customer with the highest revenue in region South              customer id
q3      the CRM function that answers "which customers of a region bought  function
        a category?" (a campaign's target list)
q4      which of three snippets is safe from SQL injection                 "A"/"B"/"C"
q5      dormant customers: no order in the 90 days up to 2025-12-31        int
q6      repeat-purchase rate of the retail-chain channel in 2025, in %     number
======  =================================================================  ==========
"""
from __future__ import annotations

from functools import lru_cache

from .. import crm
from ..i18n import t
from . import WrongAnswer, normalise_text, read_int, read_number, read_text

__all__ = ["QUESTIONS", "expected_answer", "TICKET_CUSTOMER", "REVENUE_REGION", "FUNCTION_QUESTION", "SNIPPETS",
           "CRAFTED_NAME", "AS_OF", "DORMANT_DAYS", "REPEAT_CHANNEL", "RATE_TOL"]

#: Settings of the exercises (as stated in the chapter).
TICKET_CUSTOMER = "C019"
REVENUE_REGION = "South"
FUNCTION_QUESTION = "category_buyers_in_region"
AS_OF = "2025-12-31"
DORMANT_DAYS = 90
REPEAT_CHANNEL = "retail_chain"
REPEAT_PERIOD = ("2025-01-01", "2025-12-31")
RATE_TOL = 0.5  # percentage points
#: A name crafted to break string-built SQL (exercise 4 runs each snippet with it).
CRAFTED_NAME = "x' OR '1'='1"

#: Exercise 4: three ways to look a customer up by name.  A and B paste the
#: value into the SQL text; C sends it as a parameter.  The grader runs all
#: three with :data:`CRAFTED_NAME` on a throw-away database to find the safe one.
SNIPPETS = {
    "A": ('crm.query(conn, f"SELECT * FROM customers WHERE name = \'{name}\'")',
          lambda conn, name: crm.query(conn, f"SELECT * FROM customers WHERE name = '{name}'")),
    "B": ('crm.query(conn, "SELECT * FROM customers WHERE name = \'%s\'" % name)',
          lambda conn, name: crm.query(conn, "SELECT * FROM customers WHERE name = '%s'" % name)),  # noqa: UP031
    "C": ('crm.query(conn, "SELECT * FROM customers WHERE name = ?", (name,))',
          lambda conn, name: crm.query(conn, "SELECT * FROM customers WHERE name = ?", (name,))),
}


@lru_cache(maxsize=1)
def _db():
    conn = crm.connect()
    crm.build_database(conn, crm.crm_tables())
    return conn


def _open_tickets(statuses=("open", "in_progress")) -> int:
    tickets = crm.customer_360(_db(), TICKET_CUSTOMER)["open_tickets"]
    return int(tickets["status"].isin(statuses).sum())


def _top_in_region(measure: str) -> str:
    ranking = crm.query(_db(), """
        SELECT c.customer_id, SUM(l.revenue) AS revenue, SUM(l.revenue - l.cost) AS margin
        FROM customers c JOIN orders o ON o.customer_id = c.customer_id JOIN order_lines l ON l.order_id = o.order_id
        WHERE c.region = ? GROUP BY c.customer_id""", (REVENUE_REGION,))
    return str(ranking.sort_values([measure, "customer_id"], ascending=[False, True])["customer_id"].iloc[0])


def _safe_snippets() -> list[str]:
    """Snippets that, given the crafted name, return exactly the customers with that name (none) on a throw-away DB."""
    safe = []
    for letter, (_, run) in SNIPPETS.items():
        conn = crm.connect()
        crm.build_database(conn, {"customers": crm.crm_tables()["customers"]})
        found = run(conn, CRAFTED_NAME)
        if (found["name"] == CRAFTED_NAME).all():
            safe.append(letter)
        conn.close()
    return safe


def _dormant(days: int = DORMANT_DAYS) -> int:
    return len(crm.run_function_query(_db(), "dormant_customers", as_of=AS_OF, days=days))


def _repeat() -> dict:
    rates = crm.run_function_query(_db(), "repeat_purchase_rate", start=REPEAT_PERIOD[0], end=REPEAT_PERIOD[1])
    row = rates.set_index("channel").loc[REPEAT_CHANNEL]
    return {"rate": 100 * float(row["repeat_rate"]), "repeat_buyers": int(row["repeat_buyers"]),
            "buyers": int(row["buyers"])}


def expected_answer(question: str):
    """The answer the checker expects for ``question`` (``"q1"`` ... ``"q6"``)."""
    if question == "q1":
        return _open_tickets()
    if question == "q2":
        return _top_in_region("revenue")
    if question == "q3":
        return crm.FUNCTION_QUERIES[FUNCTION_QUESTION].function
    if question == "q4":
        (letter,) = _safe_snippets()
        return letter
    if question == "q5":
        return _dormant()
    if question == "q6":
        return _repeat()["rate"]
    raise ValueError(f"question must be one of {sorted(QUESTIONS)}, got {question!r}")


def _hint(question: str, name: str = "hint", **fields) -> WrongAnswer:
    return WrongAnswer(t(f"exercises.ch01.{question}.{name}", **fields))


def _note(question: str) -> str:
    return t(f"exercises.ch01.{question}.note")


def grade_q1(answer) -> str:
    value = read_int(answer, example="2")
    if value == expected_answer("q1"):
        return _note("q1")
    if value == _open_tickets(("open",)):
        raise _hint("q1", "hint_in_progress")
    raise _hint("q1")


def grade_q2(answer) -> str:
    text = read_text(answer, example="'C001'").strip().upper()
    expected = expected_answer("q2")
    if text == expected:
        return _note("q2")
    names = crm.query(_db(), "SELECT customer_id, name FROM customers")
    by_name = dict(zip(names["name"].str.upper(), names["customer_id"]))
    if by_name.get(text) == expected:
        raise _hint("q2", "hint_id")
    if text == _top_in_region("margin"):
        raise _hint("q2", "hint_margin")
    raise _hint("q2")


def _function_names(key: str) -> set[str]:
    zh = crm.CRM_FUNCTIONS[key]
    texts = {key, t(f"crm.function.{key}", "en"), t(f"crm.function.{key}", "zh"), zh, zh.removesuffix("管理")}
    english = t(f"crm.function.{key}", "en").lower()
    texts.add(english.removesuffix(" management"))
    return {normalise_text(s) for s in texts}


def grade_q3(answer) -> str:
    text = normalise_text(read_text(answer, example="'service'"))
    expected = expected_answer("q3")
    if text in _function_names(expected):
        return _note("q3")
    known = {k for k in crm.CRM_FUNCTIONS if text in _function_names(k)}
    if known == {"sales"}:
        raise _hint("q3", "hint_sales")
    if not known:
        raise _hint("q3", "hint_unknown", options=", ".join(crm.CRM_FUNCTIONS))
    raise _hint("q3")


def grade_q4(answer) -> str:
    letter = read_text(answer, example="'A'").strip().upper()
    if letter not in SNIPPETS:
        raise _hint("q4", "hint_letter")
    if letter == expected_answer("q4"):
        return _note("q4")
    raise _hint("q4")


def grade_q5(answer) -> str:
    value = read_int(answer, example="5")
    if value == expected_answer("q5"):
        return _note("q5")
    if value == _dormant(30):
        raise _hint("q5", "hint_days")
    raise _hint("q5")


def grade_q6(answer) -> str:
    value = read_number(answer, example="75")
    expected = expected_answer("q6")
    if abs(value - expected) <= RATE_TOL or abs(100 * value - expected) <= RATE_TOL:  # 80 or 0.8
        return _note("q6")
    counts = _repeat()
    if value in (counts["repeat_buyers"], counts["buyers"]):
        raise _hint("q6", "hint_count")
    raise _hint("q6")


QUESTIONS = {"q1": grade_q1, "q2": grade_q2, "q3": grade_q3, "q4": grade_q4, "q5": grade_q5, "q6": grade_q6}
