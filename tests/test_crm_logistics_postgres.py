"""The logistics CRM database (case 5, Chapter 7) on a real PostgreSQL server.

Uses the throw-away cluster of ``tests/test_crm_postgres.py`` (its ``server``
and ``database`` fixtures; the module skips where psycopg, SQLAlchemy or the
server binaries are missing).  On the course's 3PL data the same ``crm`` calls
as on SQLite must

* reject the raw customer master with the same named rule at the same row
  (``shipper_email_format``, then ``shipper_same_name_email`` once only the
  e-mails are fixed) and write nothing -- not even the tables;
* load the cleaned master (``crm.clean_master``) with the same row counts and
  give the same customer 360 views (``crm.shipper_360``), old ids included,
  and the same answers to an aggregate query.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest

from scm_course import crm
from scm_course.data import load_logistics

try:  # the throw-away cluster of tests/test_crm_postgres.py (skips without psycopg or server binaries)
    from test_crm_postgres import database, server  # pytest fixtures, used by name
except pytest.skip.Exception:  # psycopg or sqlalchemy missing: the module skips itself on import
    database = server = None

pytestmark = pytest.mark.skipif(database is None, reason="psycopg/sqlalchemy not installed")

TABLES = ("shippers", "shipments", "shipper_merges")


@pytest.fixture
def pg(database):
    """An open connection to a fresh PostgreSQL database, closed before the database is dropped."""
    conn = crm.connect(database)
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def logistics():
    tables = load_logistics()
    return {**tables, "clean": crm.clean_master(tables["customers"], tables["shipments"])}


def _tables_present(conn) -> list[str]:
    """Which logistics tables exist, asked the portable way (information_schema on PostgreSQL)."""
    if crm._is_sqlite(conn):
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (?, ?, ?)"
    else:
        sql = ("SELECT table_name AS name FROM information_schema.tables "
               "WHERE table_schema = 'public' AND table_name IN (%s, %s, %s)")
    return sorted(crm.query(conn, sql, TABLES)["name"])


def _rejection(conn, master, shipments) -> tuple[int, str, str]:
    """(row, constraint, message) of a rejected load; the constraint as the schema names it."""
    with pytest.raises(ValueError, match=r"nothing was written \(the whole load was rolled back\)") as info:
        crm.build_logistics_database(conn, master, shipments)
    message = str(info.value)
    row = int(re.match(r"table 'shippers', row (\d+) ", message).group(1))
    named = [n for n in re.findall(r"CONSTRAINT (\w+)", crm.LOGISTICS_SCHEMA_SQL) if n in message]
    # SQLite reports a UNIQUE rule by its columns, PostgreSQL by its name
    unique = re.search(r"UNIQUE constraint failed: shippers\.name_key, shippers\.(phone|email)_key", message)
    rule = named[0] if named else (f"shipper_same_name_{unique.group(1)}" if unique else "")
    return row, rule, message


def test_raw_master_rejected_with_the_same_rule_on_postgresql(pg, logistics):
    lite = crm.connect()
    customers, shipments = logistics["customers"], logistics["shipments"]
    for conn in (pg, lite):
        row, rule, message = _rejection(conn, customers, shipments)
        assert (row, rule) == (20, "shipper_email_format"), message
        assert "'customer_id': 'K0021'" in message
        assert _tables_present(conn) == []  # schema and rows were one transaction

    # fixing only the e-mails: the second record of a company is refused next, by its UNIQUE rule
    bad = crm.invalid_contacts(customers)["customer_id"]
    emails_fixed = customers.assign(email=customers["email"].where(~customers["customer_id"].isin(bad)))
    found = [_rejection(conn, emails_fixed, shipments)[:2] for conn in (pg, lite)]
    assert found[0] == found[1] == (184, "shipper_same_name_email")
    assert emails_fixed.loc[184, "customer_id"] == "K0185"
    assert _tables_present(pg) == _tables_present(lite) == []


def test_cleaned_database_and_360_views_same_as_sqlite(pg, logistics):
    clean = logistics["clean"]
    args = (clean["customers"], clean["shipments"], clean["merged"])
    lite = crm.connect()
    counts = crm.build_logistics_database(pg, *args)
    assert counts == crm.build_logistics_database(lite, *args) == {
        "shippers": 1463, "shipments": 17570, "shipper_merges": 41}
    assert _tables_present(pg) == sorted(TABLES)

    # a surviving record, an old (merged) id, a key account found by merging, one without shipments
    no_shipments = sorted(set(clean["customers"]["customer_id"]) - set(clean["shipments"]["customer_id"]))
    assert no_shipments
    for cid in ("K0959", "K0011", "K0571", no_shipments[0]):
        a, b = crm.shipper_360(pg, cid), crm.shipper_360(lite, cid)
        assert (a["customer_id"], a["merged_ids"]) == (b["customer_id"], b["merged_ids"]), cid
        for part in ("profile", "shipments"):
            pd.testing.assert_frame_equal(a[part], b[part], check_dtype=False,
                                          check_exact=False, rtol=1e-9, obj=f"{cid} {part}")
    old = crm.shipper_360(pg, "K0011")
    assert (old["customer_id"], old["merged_ids"], int(old["profile"].loc[0, "shipments"])) == ("K0959", ["K0011"], 15)
    with pytest.raises(ValueError, match="K9999"):
        crm.shipper_360(pg, "K9999")

    sql = """SELECT s.industry, COUNT(DISTINCT s.customer_id) AS shippers, SUM(t.revenue) AS revenue
FROM shippers s JOIN shipments t ON t.customer_id = s.customer_id
WHERE t.ship_date >= {p} GROUP BY s.industry ORDER BY revenue DESC"""
    a = crm.query(pg, sql.format(p="%s"), ("2025-01-01",))
    b = crm.query(lite, sql.format(p="?"), ("2025-01-01",))
    pd.testing.assert_frame_equal(a, b, check_dtype=False, check_exact=False, rtol=1e-9)
    assert a["industry"].isna().sum() == 1 and int(a.loc[a["industry"].isna(), "shippers"].item()) == 24

