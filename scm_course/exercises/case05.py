"""Questions of case 5, a 3PL's customer 360 (案例5：第三方物流的客户360视图).

Each grader computes the expected answer with the package's functions on the
logistics provider's data (:func:`scm_course.data.load_logistics`), cleaned
with :func:`scm_course.crm.clean_master` and loaded with
:func:`scm_course.crm.build_logistics_database` -- there is no stored answer
key -- and either returns a short note for a correct answer or raises
:class:`~scm_course.exercises.WrongAnswer` with a hint that points to the
method, not to the number.

======  =================================================================  ==========
id      question                                                           answer
======  =================================================================  ==========
q1      the constraint that rejects the raw master first                   text
q2      shippers in the cleaned master                                      int
q3      e-mail completeness after cleaning, in %                            number
q4      shipments in the 360 view of the old record K0011                   int
q5      the customer that is a key account only after cleaning             text (id)
q6      key accounts (after cleaning) that had a second record              int
======  =================================================================  ==========
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from .. import crm
from .. import segment as sg
from ..data import LOGISTICS_AS_OF, load_logistics
from ..i18n import t
from . import WrongAnswer, normalise_text, read_int, read_number, read_text

__all__ = ["QUESTIONS", "expected_answer", "OLD_ID", "COMPLETENESS_TOL"]

#: The old customer id on a 2023 waybill (question 4): the upper-case second
#: record of Yuanfeng Online Trading, merged by the cleaning.
OLD_ID = "K0011"
COMPLETENESS_TOL = 0.05  # percentage points


@lru_cache(maxsize=1)
def _tables() -> dict:
    return load_logistics()


@lru_cache(maxsize=1)
def _clean() -> dict:
    tables = _tables()
    return crm.clean_master(tables["customers"], tables["shipments"])


@lru_cache(maxsize=1)
def _db():
    """The cleaned CRM database (in memory, built once)."""
    clean = _clean()
    conn = crm.connect(":memory:")
    crm.build_logistics_database(conn, clean["customers"], clean["shipments"], clean["merged"])
    return conn


def _constraint_names() -> list[str]:
    return re.findall(r"CONSTRAINT (\w+)", crm.LOGISTICS_SCHEMA_SQL)


def _first_rejection(master: pd.DataFrame) -> str:
    """Name of the constraint that rejects ``master`` (loaded into a throw-away database)."""
    conn = crm.connect(":memory:")
    try:
        crm.build_logistics_database(conn, master, _tables()["shipments"])
    except ValueError as err:
        message = str(err)
    else:  # pragma: no cover - the raw master is rejected by construction
        return ""
    finally:
        conn.close()
    names = [n for n in _constraint_names() if n in message]
    if names:
        return names[0]
    unique = re.search(r"UNIQUE constraint failed: shippers\.name_key, shippers\.(phone|email)_key", message)
    return f"shipper_same_name_{unique.group(1)}" if unique else message


def _emails_nulled_only() -> pd.DataFrame:
    customers = _tables()["customers"]
    bad = crm.invalid_contacts(customers)
    return customers.assign(email=customers["email"].where(~customers["customer_id"].isin(bad["customer_id"])))


@lru_cache(maxsize=2)
def _tiers(clean: bool) -> pd.Series:
    log = _clean()["shipments"] if clean else _tables()["shipments"]
    prof = sg.customer_profitability(log, "customer_id", "revenue", "direct_cost", "service_cost")
    rfm = sg.rfm_table(log, "customer_id", "date", "revenue", LOGISTICS_AS_OF)
    return sg.key_accounts(prof, rfm)["tier"].astype(str)


def _key_accounts(clean: bool) -> set[str]:
    tiers = _tiers(clean)
    return set(tiers.index[tiers == "key_account"])


def _email_completeness(master: pd.DataFrame) -> float:
    return 100 * float(crm.completeness(master, ["email"]).loc["email", "completeness"])


def _shipments_of(customer_id: str, clean: bool = True) -> int:
    if clean:
        return int(crm.shipper_360(_db(), customer_id)["profile"].loc[0, "shipments"])
    return int((_tables()["shipments"]["customer_id"] == customer_id).sum())


def expected_answer(question: str):
    """The answer the checker expects for ``question`` (``"q1"`` ... ``"q6"``)."""
    if question == "q1":
        return _first_rejection(_tables()["customers"])
    if question == "q2":
        return len(_clean()["customers"])
    if question == "q3":
        return _email_completeness(_clean()["customers"])
    if question == "q4":
        return _shipments_of(OLD_ID)
    if question == "q5":
        gained = sorted(_key_accounts(True) - _key_accounts(False))
        return gained[0] if len(gained) == 1 else gained
    if question == "q6":
        return int(_clean()["merged"]["kept_id"].drop_duplicates().isin(_key_accounts(True)).sum())
    raise ValueError(f"question must be one of {sorted(QUESTIONS)}, got {question!r}")


def _hint(question: str, name: str = "hint", **fields) -> WrongAnswer:
    return WrongAnswer(t(f"exercises.case05.{question}.{name}", **fields))


def _note(question: str) -> str:
    return t(f"exercises.case05.{question}.note")


def grade_q1(answer) -> str:
    text = normalise_text(read_text(answer, example="'shipper_name_not_blank'"))
    if text == normalise_text(expected_answer("q1")):
        return _note("q1")
    if text == normalise_text(_first_rejection(_emails_nulled_only())) or "unique" in text or "samename" in text:
        raise _hint("q1", "hint_later")
    if text.upper() in set(_tables()["customers"]["customer_id"].str.upper()):
        raise _hint("q1", "hint_row")
    raise _hint("q1")


def grade_q2(answer) -> str:
    value = read_int(answer, example="1400")
    if value == expected_answer("q2"):
        return _note("q2")
    customers = _tables()["customers"]
    if value == len(customers):
        raise _hint("q2", "hint_raw")
    if value == len(customers) - len(crm.duplicate_groups(customers)):
        raise _hint("q2", "hint_all_dropped")
    raise _hint("q2")


def _near(value: float, target: float) -> bool:
    return abs(value - target) <= COMPLETENESS_TOL or abs(100 * value - target) <= COMPLETENESS_TOL


def grade_q3(answer) -> str:
    value = read_number(answer, example="95.0")
    if _near(value, expected_answer("q3")):
        return _note("q3")
    if _near(value, _email_completeness(_tables()["customers"])):
        raise _hint("q3", "hint_raw")
    if _near(value, _email_completeness(_emails_nulled_only())):
        raise _hint("q3", "hint_not_merged")
    raise _hint("q3")


def grade_q4(answer) -> str:
    value = read_int(answer, example="20")
    if value == expected_answer("q4"):
        return _note("q4")
    kept = crm.shipper_360(_db(), OLD_ID)["customer_id"]
    if value == _shipments_of(OLD_ID, clean=False):
        raise _hint("q4", "hint_old_only")
    if value == _shipments_of(kept, clean=False):
        raise _hint("q4", "hint_kept_only")
    raise _hint("q4")


def grade_q5(answer) -> str:
    text = read_text(answer, example="'K0001'").strip().upper()
    if text == expected_answer("q5"):
        return _note("q5")
    if text in _key_accounts(False) - _key_accounts(True):
        raise _hint("q5", "hint_lost")
    merged = _clean()["merged"]
    if text in set(merged["merged_id"]):
        raise _hint("q5", "hint_merged_id")
    raise _hint("q5")


def grade_q6(answer) -> str:
    value = read_int(answer, example="10")
    if value == expected_answer("q6"):
        return _note("q6")
    kept = _clean()["merged"]["kept_id"].drop_duplicates()
    if value == len(kept):
        raise _hint("q6", "hint_all_groups")
    if value == int(kept.isin(_key_accounts(False)).sum()):
        raise _hint("q6", "hint_raw_tiers")
    raise _hint("q6")


QUESTIONS = {"q1": grade_q1, "q2": grade_q2, "q3": grade_q3, "q4": grade_q4, "q5": grade_q5, "q6": grade_q6}
