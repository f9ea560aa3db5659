"""The CRM database of Chapter 1: schema constraints, atomic loads, customer 360, safe SQL."""
from __future__ import annotations

import sqlite3
import sys

import pandas as pd
import pytest

from scm_course import crm

TABLES = list(crm.TABLE_COLUMNS)
INJECTION = "Robert'); DROP TABLE customers;--"


def fixture_tables() -> dict:
    """Three customers, two products, four orders, two tickets; every number hand-checked below."""
    return {
        "customers": pd.DataFrame({"customer_id": ["C1", "C2", "C3"], "name": ["Jade Home", "Sunrise", INJECTION],
                                   "region": ["East", "West", "North"],
                                   "channel": ["dealer", "e_commerce", "project"]}),
        "contacts": pd.DataFrame({"contact_id": ["K1", "K2", "K3"], "customer_id": ["C1", "C1", "C2"],
                                  "name": ["Wang Wei", "Li Fang", "Chen Jun"],
                                  "role": ["purchasing", "finance", "logistics"],
                                  "phone": ["+86 130 1111 2222", None, "+86 131 3333 4444"],
                                  "email": ["wei@jade.example", "fang@jade.example", None]}),
        "products": pd.DataFrame({"product_id": ["P1", "P2"], "name": ["Fridge", "Kettle"],
                                  "category": ["refrigerator", "small"], "unit_cost": [800.0, 50.0],
                                  "unit_price": [1000.0, 80.0]}),
        "order_lines": pd.DataFrame({
            "order_id": ["O1", "O1", "O2", "O3", "O4"],
            "order_date": pd.to_datetime(["2025-03-01", "2025-03-01", "2025-01-15", "2025-02-01", "2025-04-01"]),
            "customer_id": ["C1", "C1", "C1", "C2", "C3"],
            "product_id": ["P1", "P2", "P2", "P1", "P2"],
            "quantity": [2, 10, 5, 1, 1],
            "revenue": [2000.0, 800.0, 400.0, 1000.0, 80.0],
            "cost": [1600.0, 500.0, 250.0, 800.0, 50.0]}),
        "service_tickets": pd.DataFrame({
            "ticket_id": ["T1", "T2", "T3"], "customer_id": ["C1", "C1", "C2"], "order_id": ["O1", "O2", None],
            "opened": ["2025-03-05", "2025-01-20", "2025-02-03"], "closed": [None, "2025-01-25", None],
            "category": ["damaged_goods", "billing", "delivery_delay"],
            "status": ["open", "closed", "in_progress"], "satisfaction": [None, 4, None]}),
    }


def counts(conn) -> dict:
    return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}


@pytest.fixture
def db():
    conn = crm.connect()
    crm.build_database(conn, fixture_tables())
    yield conn
    conn.close()


# ---------------------------------------------------------------- loading
def test_build_counts_and_derived_orders(db):
    assert counts(db) == {"customers": 3, "contacts": 3, "products": 2, "orders": 4, "order_lines": 5,
                          "service_tickets": 3}
    assert crm.query(db, "SELECT order_id, customer_id, order_date FROM orders ORDER BY order_id").values.tolist() == [
        ["O1", "C1", "2025-03-01"], ["O2", "C1", "2025-01-15"], ["O3", "C2", "2025-02-01"], ["O4", "C3", "2025-04-01"]]


def _bad(table, column, row, value):
    tables = fixture_tables()
    tables[table] = tables[table].copy()
    tables[table].loc[row, column] = value
    return tables


@pytest.mark.parametrize("table, column, row, value, expected", [
    ("order_lines", "customer_id", 4, "C9",
     r"table 'orders', row 3 .*FOREIGN KEY.*orders\.customer_id = 'C9' is not a customers\.customer_id"),
    ("order_lines", "product_id", 2, "P9",
     r"table 'order_lines', row 2 .*order_lines\.product_id = 'P9' is not a products\.product_id"),
    ("order_lines", "quantity", 3, -1, r"table 'order_lines', row 3 .*'quantity': -1.*quantity_positive"),
    ("order_lines", "quantity", 3, 0, r"quantity_positive"),
    ("order_lines", "revenue", 0, -5.0, r"revenue_non_negative"),
    ("products", "unit_price", 1, -1.0, r"table 'products', row 1 .*unit_price_non_negative"),
    ("customers", "customer_id", 1, "C1", r"table 'customers', row 1 .*UNIQUE constraint failed: customers\.customer_id"),
    ("customers", "region", 0, "Mars", r"customer_region_allowed"),
    ("customers", "name", 2, None, r"NOT NULL constraint failed: customers\.name"),
    ("customers", "name", 2, "   ", r"customer_name_not_blank"),
    ("contacts", "email", 0, "no-at-sign", r"contact_email_has_at"),
    ("service_tickets", "status", 0, "lost", r"ticket_status_allowed"),
    ("service_tickets", "status", 1, "open", r"closed_iff_status_closed"),
    ("service_tickets", "closed", 1, "2025-01-01", r"ticket_closed_after_opened"),
    ("service_tickets", "satisfaction", 1, 9, r"satisfaction_1_to_5"),
])
def test_bad_rows_rejected_and_nothing_written(table, column, row, value, expected):
    conn = crm.connect()
    with pytest.raises(ValueError, match=expected) as info:
        crm.build_database(conn, _bad(table, column, row, value))
    assert "rolled back" in str(info.value)
    assert isinstance(info.value.__cause__, sqlite3.IntegrityError)
    assert counts(conn) == dict.fromkeys(TABLES, 0)  # the schema exists, not one row of the load
    crm.build_database(conn, fixture_tables())  # the connection is usable afterwards
    assert counts(conn)["order_lines"] == 5


def test_duplicate_order_line_key():
    tables = fixture_tables()
    tables["order_lines"] = pd.concat([tables["order_lines"], tables["order_lines"].iloc[[1]]], ignore_index=True)
    conn = crm.connect()
    with pytest.raises(ValueError, match=r"table 'order_lines', row 5 .*UNIQUE constraint failed: "
                                         r"order_lines\.order_id, order_lines\.product_id"):
        crm.build_database(conn, tables)
    assert counts(conn) == dict.fromkeys(TABLES, 0)


def test_failed_second_load_keeps_first_load(tmp_path):
    path = tmp_path / "crm.db"
    conn = crm.connect(path)
    crm.build_database(conn, fixture_tables())
    before = counts(conn)
    extra = {"customers": pd.DataFrame({"customer_id": ["C4", "C5"], "name": ["New", "Clash"],
                                        "region": ["South", "East"], "channel": ["dealer", "dealer"]}),
             "orders": pd.DataFrame({"order_id": ["O9", "O1"], "customer_id": ["C4", "C5"],
                                     "order_date": ["2025-05-01", "2025-05-02"]})}  # O1 exists already
    with pytest.raises(ValueError, match=r"table 'orders', row 1 .*UNIQUE.*orders\.order_id"):
        crm.build_database(conn, extra)
    conn.close()
    reopened = crm.connect(f"sqlite:///{path}")
    assert counts(reopened) == before
    assert crm.query(reopened, "SELECT COUNT(*) AS n FROM customers WHERE customer_id IN (?, ?)",
                     ("C4", "C5"))["n"].item() == 0


def test_build_validates_input():
    conn = crm.connect()
    with pytest.raises(TypeError, match="tables must be a dict"):
        crm.build_database(conn, [fixture_tables()["customers"]])
    with pytest.raises(ValueError, match=r"unknown tables \['clients'\]"):
        crm.build_database(conn, {"clients": fixture_tables()["customers"]})
    with pytest.raises(ValueError, match="channel"):
        crm.build_database(conn, {"customers": fixture_tables()["customers"].drop(columns="channel")})
    lines = fixture_tables()["order_lines"]
    lines.loc[1, "customer_id"] = "C2"  # order O1 now has two customers
    with pytest.raises(ValueError, match=r"gives orders 'O1' more than one customer"):
        crm.build_database(conn, {"order_lines": lines})
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0  # checked before touching the db


# ---------------------------------------------------------------- customer 360
def test_customer_360(db):
    view = crm.customer_360(db, "C1")
    assert set(view) == {"profile", "contacts", "orders", "open_tickets"}
    profile = view["profile"].iloc[0]
    assert (profile["name"], profile["region"], profile["orders"]) == ("Jade Home", "East", 2)
    assert profile["revenue"] == pytest.approx(2000 + 800 + 400)
    assert (profile["first_order"], profile["last_order"]) == ("2025-01-15", "2025-03-01")
    assert view["contacts"]["name"].tolist() == ["Wang Wei", "Li Fang"]
    orders = view["orders"]
    assert orders["order_id"].tolist() == ["O2", "O1"]  # oldest first
    assert orders[["lines", "quantity"]].values.tolist() == [[1, 5], [2, 12]]
    assert orders["revenue"].tolist() == pytest.approx([400, 2800])
    assert orders["margin"].tolist() == pytest.approx([150, 700])
    assert view["open_tickets"]["ticket_id"].tolist() == ["T1"]  # T2 is closed
    c2 = crm.customer_360(db, "C2")
    assert c2["open_tickets"]["status"].tolist() == ["in_progress"] and c2["contacts"]["role"].tolist() == ["logistics"]


def test_customer_360_without_orders_or_unknown(db):
    crm.build_database(db, {"customers": pd.DataFrame({"customer_id": ["C7"], "name": ["Quiet"],
                                                       "region": ["Central"], "channel": ["dealer"]})})
    view = crm.customer_360(db, "C7")
    assert view["profile"][["orders", "revenue"]].values.tolist() == [[0, 0]]
    assert view["orders"].empty and view["contacts"].empty and view["open_tickets"].empty
    with pytest.raises(ValueError, match="customer_id 'C404' is not in the customers table"):
        crm.customer_360(db, "C404")
    with pytest.raises(TypeError, match="customer_id"):
        crm.customer_360(db, 1)


# ---------------------------------------------------------------- SQL injection
def test_injection_name_stored_verbatim_and_harmless(db):
    stored = crm.query(db, "SELECT name FROM customers WHERE customer_id = ?", ("C3",))["name"].item()
    assert stored == INJECTION
    assert crm.customer_360(db, "C3")["profile"]["name"].item() == INJECTION
    # looked up BY the crafted value: exactly the one row, nothing else happens
    found = crm.query(db, "SELECT customer_id FROM customers WHERE name = ?", (INJECTION,))
    assert found["customer_id"].tolist() == ["C3"]
    as_id = crm.query(db, "SELECT * FROM customers WHERE customer_id = :cid", {"cid": "x' OR '1'='1"})
    assert as_id.empty  # an always-true condition smuggled in a value matches nothing
    tables = crm.query(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")["name"].tolist()
    assert tables == sorted(TABLES)
    assert counts(db)["customers"] == 3


def test_string_built_sql_is_the_danger(db):
    """The contrast the lesson shows: formatting a value into SQL lets it rewrite the statement."""
    evil = "x' OR '1'='1"
    leaked = db.execute(f"SELECT customer_id FROM customers WHERE customer_id = '{evil}'").fetchall()
    assert len(leaked) == 3  # every customer leaks
    assert crm.query(db, "SELECT customer_id FROM customers WHERE customer_id = ?", (evil,)).empty


def test_query_refuses_unsafe_params(db):
    for bad in ("C1", 5, {"C1"}, None):
        with pytest.raises(TypeError, match="params must be a tuple, list or dict"):
            crm.query(db, "SELECT * FROM customers WHERE customer_id = ?", bad)
    with pytest.raises(TypeError, match="sql must be"):
        crm.query(db, "  ")
    with pytest.raises(ValueError, match="one statement at a time"):  # one statement only
        crm.query(db, "SELECT 1; DROP TABLE customers")
    assert counts(db)["customers"] == 3
    assert crm.query(db, "SELECT customer_id FROM customers WHERE region = ?", ["West"])["customer_id"].tolist() == ["C2"]


# ---------------------------------------------------------------- connections and URLs
def test_connect_targets(tmp_path):
    mem = crm.connect()
    assert mem.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert crm.connect(mem) is mem
    plain = sqlite3.connect(":memory:")  # a DB-API connection made elsewhere: used as is, FKs switched on
    assert crm.connect(plain) is plain and plain.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    crm.build_database(plain, fixture_tables())
    assert counts(plain)["orders"] == 4
    for url in ("sqlite://", "sqlite:///:memory:"):
        assert crm.connect(url).execute("PRAGMA database_list").fetchone()[2] == ""
    path = tmp_path / "a.db"
    crm.build_database(crm.connect(f"sqlite:///{path}"), fixture_tables())  # sqlite:////abs/path form
    assert counts(crm.connect(str(path)))["customers"] == 3
    assert counts(crm.connect(path))["customers"] == 3


def test_connect_relative_sqlite_url(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    crm.build_database(crm.connect("sqlite:///rel.db"), fixture_tables())
    assert (tmp_path / "rel.db").exists()


def test_connect_bad_targets(monkeypatch):
    with pytest.raises(TypeError, match="target must be"):
        crm.connect(42)
    with pytest.raises(ValueError, match="target must not be empty"):
        crm.connect(" ")
    with pytest.raises(ValueError, match="not a valid SQLite URL"):
        crm.connect("sqlite://host/x.db")
    monkeypatch.setitem(sys.modules, "sqlalchemy", None)  # as if it were not installed
    with pytest.raises(ImportError, match="needs the 'sqlalchemy' package"):
        crm.connect("postgresql://user@localhost/crm")


def test_other_dialects_go_through_sqlalchemy(monkeypatch):
    """A non-SQLite URL is handed to sqlalchemy.create_engine(...).raw_connection()."""
    seen = {}

    class FakeEngine:
        def raw_connection(self):
            return sqlite3.connect(":memory:")

    class FakeSQLAlchemy:
        @staticmethod
        def create_engine(url):
            seen["url"] = url
            return FakeEngine()

    monkeypatch.setitem(sys.modules, "sqlalchemy", FakeSQLAlchemy)
    conn = crm.connect("postgresql+psycopg://u:p@db.example/crm")
    assert seen["url"] == "postgresql+psycopg://u:p@db.example/crm"
    assert isinstance(conn, sqlite3.Connection)


def test_placeholders_adapted_to_driver_paramstyle(monkeypatch):
    class Conn:  # stands in for a psycopg connection (paramstyle 'pyformat')
        cursor = commit = rollback = None
    Conn.__module__ = "fakepg.connection"
    fake = type(sys)("fakepg")
    fake.paramstyle = "pyformat"
    monkeypatch.setitem(sys.modules, "fakepg", fake)
    assert crm._sql(Conn(), "SELECT * FROM t WHERE a = ? AND b = ?") == "SELECT * FROM t WHERE a = %s AND b = %s"
    assert crm._sql(sqlite3.connect(":memory:"), "a = ?") == "a = ?"


# ---------------------------------------------------------------- the course data
def test_course_database_builds_and_is_deterministic():
    tables = crm.crm_tables()
    conn = crm.connect()
    loaded = crm.build_database(conn, tables)
    assert loaded["customers"] == 40 and loaded["products"] == 60 and loaded["order_lines"] == 6094
    assert loaded["orders"] == tables["order_lines"]["order_id"].nunique()
    assert 1 <= loaded["service_tickets"] < loaded["orders"]
    assert counts(conn) == loaded
    # revenue in the database equals the dataset's (nothing lost or doubled)
    total = crm.query(conn, "SELECT SUM(revenue) AS r FROM order_lines")["r"].item()
    assert total == pytest.approx(tables["order_lines"]["revenue"].sum())
    again = crm.crm_tables()
    pd.testing.assert_frame_equal(tables["service_tickets"], again["service_tickets"])
    pd.testing.assert_frame_equal(tables["contacts"], again["contacts"])
    statuses = set(tables["service_tickets"]["status"])
    assert statuses <= set(crm.TICKET_STATUSES) and "closed" in statuses


def test_generate_service_tickets_validates():
    orders = pd.DataFrame({"order_id": ["O1"], "customer_id": ["C1"], "order_date": ["2025-01-01"]})
    with pytest.raises(ValueError, match=r"share must be a number in \[0, 1\]"):
        crm.generate_service_tickets(orders, share=1.5)
    with pytest.raises(ValueError, match="order_date"):
        crm.generate_service_tickets(orders.drop(columns="order_date"))
    assert crm.generate_service_tickets(orders, share=0.0).empty
