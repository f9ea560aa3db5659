"""The CRM functions map of Chapter 1 and the Customer 360 order history.

Every catalogue query runs on a small fixture database whose answers are worked
out by hand in the comments; then the validation rules (one ``pytest.raises``
each), injection safety as a property, and the order-history invariants.
"""
from __future__ import annotations

import string

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scm_course import crm, i18n

METACHAR_NAME = "Harbour 100%_Trading"


def fixture_tables() -> dict:
    """Four customers (C4 never orders), three products, six orders, five tickets.

    ====  ==========  ========  =====================================  ====================
    id    date        customer  lines (product qty revenue cost)       margin
    ====  ==========  ========  =====================================  ====================
    O1    2025-01-10  C1        P1 2 2000 1600; P2 10 800 500          400 + 300 = 700
    O2    2025-02-15  C1        P2 5 400 250                           150
    O3    2025-02-20  C2        P1 1 1000 800                          200
    O4    2025-03-05  C3        P3 3 1200 900                          300
    O5    2025-03-25  C3        P1 1 1000 800                          200
    O6    2025-06-30  C2        P3 1 400 300                           100
    ====  ==========  ========  =====================================  ====================
    """
    return {
        "customers": pd.DataFrame({
            "customer_id": ["C1", "C2", "C3", "C4"],
            "name": ["Jade Home", "Sunrise Trading", METACHAR_NAME, "Quiet Co"],
            "region": ["East", "West", "West", "North"],
            "channel": ["dealer", "e_commerce", "dealer", "project"]}),
        "contacts": pd.DataFrame({
            "contact_id": ["K1", "K2", "K3"], "customer_id": ["C1", "C1", "C2"],
            "name": ["Wang Wei", "Li Fang", "Chen Jun"], "role": ["purchasing", "logistics", "finance"],
            "phone": ["+86 130 1111 2222", None, None], "email": [None, "fang@jade.example", None]}),
        "products": pd.DataFrame({
            "product_id": ["P1", "P2", "P3"], "name": ["Fridge", "Kettle", "TV"],
            "category": ["refrigerator", "small", "television"],
            "unit_cost": [800.0, 50.0, 300.0], "unit_price": [1000.0, 80.0, 400.0]}),
        "order_lines": pd.DataFrame({
            "order_id": ["O1", "O1", "O2", "O3", "O4", "O5", "O6"],
            "order_date": pd.to_datetime(["2025-01-10", "2025-01-10", "2025-02-15", "2025-02-20", "2025-03-05",
                                          "2025-03-25", "2025-06-30"]),
            "customer_id": ["C1", "C1", "C1", "C2", "C3", "C3", "C2"],
            "product_id": ["P1", "P2", "P2", "P1", "P3", "P1", "P3"],
            "quantity": [2, 10, 5, 1, 3, 1, 1],
            "revenue": [2000.0, 800.0, 400.0, 1000.0, 1200.0, 1000.0, 400.0],
            "cost": [1600.0, 500.0, 250.0, 800.0, 900.0, 800.0, 300.0]}),
        "service_tickets": pd.DataFrame({
            "ticket_id": ["T1", "T2", "T3", "T4", "T5"],
            "customer_id": ["C1", "C1", "C2", "C3", "C3"],
            "order_id": ["O1", "O2", "O3", "O4", "O5"],
            "opened": ["2025-01-15", "2025-02-20", "2025-02-25", "2025-06-20", "2025-03-28"],
            "closed": ["2025-01-20", None, "2025-03-01", None, "2025-04-02"],
            "category": ["damaged_goods", "billing", "delivery_delay", "damaged_goods", "damaged_goods"],
            "status": ["closed", "open", "closed", "in_progress", "closed"],
            "satisfaction": [2, None, 5, None, 4]}),
    }


@pytest.fixture(scope="module")
def db():
    conn = crm.connect()
    crm.build_database(conn, fixture_tables())
    yield conn
    conn.close()


def rows(frame: pd.DataFrame) -> list:
    return [tuple(r) for r in frame.itertuples(index=False)]


def run(db, key, **params):
    return crm.run_function_query(db, key, **params)


# ---------------------------------------------------------------- the catalogue
def test_catalogue_covers_the_five_functions_of_the_seed():
    assert list(crm.CRM_FUNCTIONS) == ["information", "sales", "marketing", "service", "analysis"]
    assert list(crm.CRM_FUNCTIONS.values()) == ["客户信息管理", "销售管理", "市场营销管理", "客户服务管理", "分析决策管理"]
    per_function = pd.Series([q.function for q in crm.FUNCTION_QUERIES.values()]).value_counts()
    assert set(per_function.index) == set(crm.CRM_FUNCTIONS) and per_function.between(2, 3).all()
    for key, q in crm.FUNCTION_QUERIES.items():
        assert q.key == key and q.sql.count("?") == len(q.bind(crm.check_query_params(key, **_sample(q))))
        assert all(kind in crm.PARAMETER_KINDS for _, kind, _ in q.params)


def _sample(q) -> dict:
    values = {"date": "2025-06-30", "days": 30, "count": 3, "region": "West", "channel": "dealer",
              "role": "finance", "text": "o"}
    out = {name: values[kind] for name, kind, _ in q.params}
    if "start" in out:
        out["start"] = "2025-01-01"
    return out


def test_function_map_lists_every_query_with_translated_text():
    en = crm.function_map("en")
    assert en["key"].tolist() == list(crm.FUNCTION_QUERIES)
    assert en["question"].tolist() == [q.question for q in crm.FUNCTION_QUERIES.values()]
    assert en.loc[en["key"] == "dormant_customers", "parameters"].item() == "as_of, days=90"
    assert en.loc[0, "function"] == "Customer information management" and en.loc[0, "term"] == "客户信息管理"
    zh = crm.function_map("zh")
    assert zh.loc[0, "function"] == "客户信息管理"
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in text) for text in zh["question"])


# ---------------------------------------------------------------- information
def test_customer_search_is_case_insensitive_and_takes_wildcards_literally(db):
    assert run(db, "customer_search", text="TRAD")["customer_id"].tolist() == ["C2", "C3"]
    # "%" and "_" are LIKE wildcards; escaped, they only match themselves (C3's name holds both)
    assert run(db, "customer_search", text="%")["customer_id"].tolist() == ["C3"]
    assert run(db, "customer_search", text="_")["customer_id"].tolist() == ["C3"]
    assert run(db, "customer_search", text="100%_t")["name"].tolist() == [METACHAR_NAME]
    assert run(db, "customer_search", text="x' OR '1'='1").empty


def test_customers_in_region_counts_contacts(db):
    assert rows(run(db, "customers_in_region", region="West")) == [
        ("C2", "Sunrise Trading", "e_commerce", 1), ("C3", METACHAR_NAME, "dealer", 0)]
    assert run(db, "customers_in_region", region="South").empty


def test_customers_without_a_contact_role(db):
    assert run(db, "customers_without_role", role="logistics")["customer_id"].tolist() == ["C2", "C3", "C4"]
    assert run(db, "customers_without_role", role="finance")["customer_id"].tolist() == ["C1", "C3", "C4"]


# ---------------------------------------------------------------- sales
def test_monthly_revenue_by_category(db):
    # January: O1; February: O2 (kettle 400), O3 (fridge 1000); March: O4 (TV 1200), O5 (fridge 1000)
    assert rows(run(db, "monthly_revenue_by_category", start="2025-01-01", end="2025-03-31")) == [
        ("2025-01", "refrigerator", 2000.0), ("2025-01", "small", 800.0),
        ("2025-02", "refrigerator", 1000.0), ("2025-02", "small", 400.0),
        ("2025-03", "refrigerator", 1000.0), ("2025-03", "television", 1200.0)]
    # both ends are inclusive: one day catches O6 alone
    assert rows(run(db, "monthly_revenue_by_category", start="2025-06-30", end="2025-06-30")) == [
        ("2025-06", "television", 400.0)]


def test_top_customers_by_margin(db):
    # West: C3 margin 300 + 200 = 500 on 2,200; C2 200 + 100 = 300 on 1,400
    assert rows(run(db, "top_customers_by_margin", region="West")) == [
        ("C3", METACHAR_NAME, 2, 2200.0, 500.0), ("C2", "Sunrise Trading", 2, 1400.0, 300.0)]
    assert run(db, "top_customers_by_margin", region="West", n=1)["customer_id"].tolist() == ["C3"]
    # East: C1, two orders, 3,200 revenue, 400 + 300 + 150 = 850 margin
    assert rows(run(db, "top_customers_by_margin", region="East")) == [("C1", "Jade Home", 2, 3200.0, 850.0)]


def test_top_products_by_quantity_breaks_ties_by_id(db):
    # kettle 10 + 5 = 15; fridge 2 + 1 + 1 = 4 and TV 3 + 1 = 4 tie -> P1 before P3
    top = run(db, "top_products_by_quantity", start="2025-01-01", end="2025-12-31", n=2)
    assert rows(top) == [("P2", "Kettle", "small", 15, 1200.0), ("P1", "Fridge", "refrigerator", 4, 4000.0)]


# ---------------------------------------------------------------- marketing
def test_dormant_customers(db):
    # as of 30 June, 90 days -> cutoff 1 April: C1 (15 Feb) and C3 (25 Mar) are dormant, C4 never ordered
    dormant = run(db, "dormant_customers", as_of="2025-06-30", days=90)
    assert dormant["customer_id"].tolist() == ["C4", "C1", "C3"]
    assert pd.isna(dormant["last_order"].iloc[0]) and dormant["last_order"].tolist()[1:] == ["2025-02-15", "2025-03-25"]


def test_dormant_customers_ignores_orders_after_as_of_and_counts_whole_days(db):
    # as of 1 March: C3's first order (5 March) is in the future, so C3 has not ordered yet
    assert run(db, "dormant_customers", as_of="2025-03-01", days=30)["customer_id"].tolist() == ["C3", "C4"]
    # 16 May - 90 days = 15 February = C1's last order: exactly 90 days without an order -> dormant
    assert "C1" in run(db, "dormant_customers", as_of="2025-05-16", days=90)["customer_id"].tolist()
    assert "C1" not in run(db, "dormant_customers", as_of="2025-05-16", days=91)["customer_id"].tolist()


def test_repeat_purchase_rate(db):
    # Q1: C1 two orders, C3 two (dealers); C2 one (e-commerce)
    assert rows(run(db, "repeat_purchase_rate", start="2025-01-01", end="2025-03-31")) == [
        ("dealer", 2, 2, 1.0), ("e_commerce", 1, 0, 0.0)]
    # February to June: C1 one order (O2), C3 two, C2 two (O3, O6)
    assert rows(run(db, "repeat_purchase_rate", start="2025-02-01", end="2025-06-30")) == [
        ("dealer", 2, 1, 0.5), ("e_commerce", 1, 1, 1.0)]


def test_category_buyers_in_region(db):
    assert rows(run(db, "category_buyers_in_region", region="West", category="television")) == [
        ("C3", METACHAR_NAME, 1, 3, 1200.0), ("C2", "Sunrise Trading", 1, 1, 400.0)]
    # equal revenue: by customer id
    fridges = run(db, "category_buyers_in_region", region="West", category="refrigerator")
    assert fridges["customer_id"].tolist() == ["C2", "C3"]
    assert run(db, "category_buyers_in_region", region="West", category="small").empty


# ---------------------------------------------------------------- service
def test_old_open_tickets(db):
    # as of 30 June, older than 7 days -> opened before 23 June: T2 (billing), T4 (damaged goods)
    assert rows(run(db, "old_open_tickets", as_of="2025-06-30", days=7)) == [
        ("billing", 1, "2025-02-20"), ("damaged_goods", 1, "2025-06-20")]
    # 10 days -> before 20 June: T4, opened on 20 June, is exactly 10 days old, not more
    assert rows(run(db, "old_open_tickets", as_of="2025-06-30", days=10)) == [("billing", 1, "2025-02-20")]


def test_satisfaction_by_category(db):
    # closed in the year: damaged goods T1 (2) and T5 (4) -> mean 3, one score <= 2; delivery delay T3 (5)
    assert rows(run(db, "satisfaction_by_category", start="2025-01-01", end="2025-12-31")) == [
        ("damaged_goods", 2, 3.0, 1), ("delivery_delay", 1, 5.0, 0)]
    # by closing date: T5 closed on 2 April is outside Q1
    assert rows(run(db, "satisfaction_by_category", start="2025-01-01", end="2025-03-31")) == [
        ("damaged_goods", 1, 2.0, 1), ("delivery_delay", 1, 5.0, 0)]


def test_ticket_rate_by_customer(db):
    # C1 2/2, C3 2/2 (tie, by id), C2 1/2; C4 has no tickets and no orders
    assert rows(run(db, "ticket_rate_by_customer")) == [
        ("C1", "Jade Home", 2, 2, 1.0), ("C3", METACHAR_NAME, 2, 2, 1.0), ("C2", "Sunrise Trading", 1, 2, 0.5)]
    assert run(db, "ticket_rate_by_customer", n=1)["customer_id"].tolist() == ["C1"]


# ---------------------------------------------------------------- analysis
def test_revenue_by_region_channel(db):
    assert rows(run(db, "revenue_by_region_channel", start="2025-01-01", end="2025-12-31")) == [
        ("East", "dealer", 1, 3200.0, 850.0), ("West", "dealer", 1, 2200.0, 500.0),
        ("West", "e_commerce", 1, 1400.0, 300.0)]


def test_margin_rate_by_category(db):
    # small 450 / 1,200 = 0.375; television 400 / 1,600 = 0.25; refrigerator 800 / 4,000 = 0.2
    result = run(db, "margin_rate_by_category", start="2025-01-01", end="2025-12-31")
    assert result["category"].tolist() == ["small", "television", "refrigerator"]
    assert result["margin_rate"].tolist() == pytest.approx([0.375, 0.25, 0.2])
    assert result["margin"].tolist() == [450.0, 400.0, 800.0]


def test_queries_answer_the_course_database():
    conn = crm.connect()
    crm.build_database(conn, crm.crm_tables())
    by_channel = run(conn, "repeat_purchase_rate", start="2025-01-01", end="2025-12-31")
    assert by_channel["buyers"].sum() == 40  # every course customer ordered in 2025
    revenue = run(conn, "revenue_by_region_channel", start="2025-01-01", end="2025-12-31")["revenue"].sum()
    assert revenue == pytest.approx(crm.query(conn, "SELECT SUM(revenue) AS r FROM order_lines")["r"].item())
    old = run(conn, "old_open_tickets", as_of="2025-12-31", days=0 + 1)["tickets"].sum()
    assert old <= crm.query(conn, "SELECT COUNT(*) AS n FROM service_tickets WHERE status <> 'closed'")["n"].item()


# ---------------------------------------------------------------- validation
@pytest.mark.parametrize("key, params, error, match", [
    ("no_such_query", {}, ValueError, r"key must be one of \['customer_search'"),
    ("dormant_customers", {}, ValueError, r"missing parameter 'as_of' \(a date such as '2025-12-31'"),
    ("dormant_customers", {"as_of": "2025-06-30", "day": 3}, ValueError,
     r"unknown parameters \['day'\]; it takes \['as_of', 'days'\]"),
    ("dormant_customers", {"as_of": "2025-06-30", "days": "90"}, TypeError, r"days must be a whole number of days"),
    ("dormant_customers", {"as_of": "2025-06-30", "days": 0}, ValueError, r"days must be a whole number of days from 1 to 36500"),
    ("dormant_customers", {"as_of": "2025-06-30", "days": 2.5}, TypeError, r"days must be a whole number"),
    ("dormant_customers", {"as_of": "2025-06-30", "days": True}, TypeError, r"days must be a whole number"),
    ("dormant_customers", {"as_of": 20250630}, TypeError, r"as_of must be a date"),
    ("dormant_customers", {"as_of": "not a date"}, ValueError, r"as_of must be a date such as"),
    ("top_customers_by_margin", {"region": "Mars"}, ValueError, r"region must be one of \['North'"),
    ("top_customers_by_margin", {"region": "West' OR '1'='1"}, ValueError, r"region must be one of"),
    ("top_customers_by_margin", {"region": "West", "n": -1}, ValueError, r"n must be a whole number >= 1"),
    ("customers_without_role", {"role": 3}, TypeError, r"role must be one of .*got int 3"),
    ("customer_search", {"text": "  "}, ValueError, r"text must be a non-empty string"),
    ("repeat_purchase_rate", {"start": "2025-06-01", "end": "2025-01-01"}, ValueError,
     r"start 2025-06-01 must not be after end 2025-01-01"),
])
def test_bad_parameters_are_named_in_the_error(db, key, params, error, match):
    with pytest.raises(error, match=match):
        crm.run_function_query(db, key, **params)


def test_parameters_accept_dates_and_whole_floats(db):
    values = crm.check_query_params("dormant_customers", as_of=pd.Timestamp("2025-06-30"), days=90.0)
    assert values == {"as_of": pd.Timestamp("2025-06-30"), "days": 90} and isinstance(values["days"], int)
    a = run(db, "dormant_customers", as_of=pd.Timestamp("2025-06-30").date(), days=np.int64(90))
    assert a.equals(run(db, "dormant_customers", as_of="2025-06-30"))  # days defaults to 90


def _ascii_lower(text: str) -> str:
    return text.translate(str.maketrans(string.ascii_uppercase, string.ascii_lowercase))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1,
                    max_size=12).filter(lambda s: s.strip()))
def test_any_search_text_is_data_never_sql(db, text):
    """Whatever the text (quotes, semicolons, wildcards, comments), the query finds exactly the names
    that contain it and changes nothing (SQLite's lower() and LIKE fold ASCII letters only)."""
    names = fixture_tables()["customers"].set_index("customer_id")["name"]
    expected = [cid for cid, name in names.items() if _ascii_lower(text) in _ascii_lower(name)]
    assert run(db, "customer_search", text=text)["customer_id"].tolist() == expected
    assert crm.query(db, "SELECT COUNT(*) AS n FROM customers")["n"].item() == 4


@pytest.mark.parametrize("text", ["'; DROP TABLE customers;--", "Robert'); DROP TABLE customers;--", "' OR 1=1 --"])
def test_injection_texts_find_nothing_and_drop_nothing(db, text):
    assert run(db, "customer_search", text=text).empty
    assert crm.query(db, "SELECT COUNT(*) AS n FROM customers")["n"].item() == 4


# ---------------------------------------------------------------- order history (Customer 360)
def test_order_span_and_category_mix(db):
    assert crm.order_span(db) == (pd.Timestamp("2025-01-10"), pd.Timestamp("2025-06-30"))
    mix = crm.category_mix(db, "C1")
    assert rows(mix.reset_index()) == [("refrigerator", 1, 2, 2000.0, 400.0), ("small", 2, 15, 1200.0, 450.0)]
    assert crm.category_mix(db, "C4").empty
    with pytest.raises(TypeError, match="customer_id must be a non-empty string"):
        crm.category_mix(db, 7)
    empty = crm.connect()
    crm.create_schema(empty)
    assert crm.order_span(empty) == (None, None)


def test_order_history_of_a_customer_by_month_and_quarter(db):
    orders = crm.customer_360(db, "C1")["orders"]  # O1 10 Jan (qty 12, 2,800, 700), O2 15 Feb (5, 400, 150)
    monthly = crm.order_history(orders, "M", start="2025-01-01", end="2025-06-30")
    assert [str(p) for p in monthly.index] == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
    assert monthly["revenue"].tolist() == [2800.0, 400.0, 0, 0, 0, 0]
    assert monthly["quantity"].tolist() == [12.0, 5.0, 0, 0, 0, 0]
    assert monthly["orders"].tolist() == [1.0, 1.0, 0, 0, 0, 0]
    assert monthly["cum_margin_share"].tolist() == pytest.approx([700 / 850, 1, 1, 1, 1, 1])
    assert monthly["days"].tolist() == [31, 28, 31, 30, 31, 30]
    assert monthly["start"].iloc[1] == pd.Timestamp("2025-02-01")
    quarterly = crm.order_history(orders, "Q", start="2025-01-01", end="2025-06-30")
    assert [str(p) for p in quarterly.index] == ["2025Q1", "2025Q2"]
    assert quarterly["margin"].tolist() == [850.0, 0.0] and quarterly["days"].tolist() == [90, 91]


def test_order_history_of_a_customer_without_orders_is_a_zero_calendar(db):
    history = crm.order_history(crm.customer_360(db, "C4")["orders"], "Q", start="2025-01-01", end="2025-12-31")
    assert len(history) == 4 and (history[list(crm.HISTORY_METRICS)] == 0).all().all()
    assert (history["cum_revenue_share"] == 0).all()


@pytest.mark.parametrize("kwargs, error, match", [
    ({"freq": "W"}, ValueError, r"freq must be one of \['M', 'Q'\], got 'W'"),
    ({"start": "2025-02-01"}, ValueError, r"orders has dates outside start..end"),
    ({"start": "2025-03-01", "end": "2025-01-01"}, ValueError, r"start 2025-03-01 must not be after end"),
    ({"end": 5}, TypeError, r"end must be a date"),
])
def test_order_history_validates(db, kwargs, error, match):
    with pytest.raises(error, match=match):
        crm.order_history(crm.customer_360(db, "C1")["orders"], **kwargs)


def test_order_history_rejects_bad_frames():
    with pytest.raises(ValueError, match="missing"):
        crm.order_history(pd.DataFrame({"order_date": ["2025-01-01"]}))
    bad = pd.DataFrame({"order_date": ["2025-01-01", "someday"], "quantity": [1, 1], "revenue": [1.0, 1.0],
                        "margin": [0.0, 0.0]})
    with pytest.raises(ValueError, match="unparseable dates"):
        crm.order_history(bad)
    with pytest.raises(ValueError, match="orders is empty"):
        crm.order_history(bad.iloc[:0])


orders_strategy = st.lists(
    st.tuples(st.integers(0, 364), st.integers(1, 50), st.floats(0, 1e5, allow_nan=False),
              st.floats(-1e4, 1e4, allow_nan=False)),
    min_size=1, max_size=40)


@settings(max_examples=80, deadline=None)
@given(data=orders_strategy)
def test_order_history_invariants(data):
    orders = pd.DataFrame({"order_date": [pd.Timestamp("2025-01-01") + pd.Timedelta(days=d) for d, *_ in data],
                           "quantity": [q for _, q, _, _ in data], "revenue": [r for *_, r, _ in data],
                           "margin": [m for *_, m in data]})
    monthly = crm.order_history(orders, "M", start="2025-01-01", end="2025-12-31")
    quarterly = crm.order_history(orders, "Q", start="2025-01-01", end="2025-12-31")
    assert len(monthly) == 12 and monthly["days"].sum() == 365
    for col in crm.HISTORY_METRICS:  # nothing lost: the periods add up to the orders' totals
        total = len(orders) if col == "orders" else orders[col].sum()
        assert monthly[col].sum() == pytest.approx(total, abs=1e-6)
        assert quarterly[col].to_numpy() == pytest.approx(monthly[col].to_numpy().reshape(4, 3).sum(axis=1),
                                                          abs=1e-6)
    for col in ("orders", "quantity"):  # non-negative measures: cumulative share rises to 1
        share = monthly[f"cum_{col}_share"].to_numpy()
        assert np.all(np.diff(share) >= -1e-12) and share[-1] == pytest.approx(1.0)


def test_labels_of_the_catalogue_exist_in_both_languages():
    for key in crm.FUNCTION_QUERIES:
        assert i18n.t(f"crm.query.{key}", "en") == crm.FUNCTION_QUERIES[key].question
        assert i18n.has_label(f"crm.query.{key}")
    for function in crm.CRM_FUNCTIONS:
        assert i18n.t(f"crm.function.{function}", "zh") == crm.CRM_FUNCTIONS[function]


# ---------------------------------------------------------------- the same answers on PostgreSQL
try:  # the throw-away cluster of tests/test_crm_postgres.py (skips without psycopg or server binaries)
    from test_crm_postgres import database, server  # noqa: F401  (pytest fixtures)
except pytest.skip.Exception:  # psycopg or sqlalchemy missing: the module skips itself on import
    database = server = None


@pytest.mark.skipif(database is None, reason="psycopg/sqlalchemy not installed")
def test_every_catalogue_query_gives_the_same_answer_on_postgresql(database):
    pg = crm.connect(database)
    crm.build_database(pg, fixture_tables())
    lite = crm.connect()
    crm.build_database(lite, fixture_tables())
    for key, q in crm.FUNCTION_QUERIES.items():
        for params in (_sample(q), {**_sample(q), **({"text": "%"} if key == "customer_search" else {})}):
            a, b = crm.run_function_query(pg, key, **params), crm.run_function_query(lite, key, **params)
            pd.testing.assert_frame_equal(a, b, check_dtype=False, check_exact=False, rtol=1e-12, obj=key)
    a, b = crm.category_mix(pg, "C1"), crm.category_mix(lite, "C1")
    pd.testing.assert_frame_equal(a, b, check_dtype=False)
    assert crm.order_span(pg) == crm.order_span(lite)
    from scm_course.apps.crm import Customer360App

    app = Customer360App(pg, "C1")  # the app runs on PostgreSQL unchanged
    assert app.error is None and app.result["history"]["revenue"].sum() == pytest.approx(3200.0)
