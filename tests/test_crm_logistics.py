"""The logistics provider's CRM database (casebook case 5): cleaning, constraints, atomic loads, 360 view."""
from __future__ import annotations

import sqlite3

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scm_course import crm
from scm_course.data import LOGISTICS_AS_OF, load_logistics

TABLES = list(crm.LOGISTICS_TABLE_COLUMNS)


def master_fixture() -> pd.DataFrame:
    """Six records with planted problems (hand-checked below).

    K1/K2 are one company (K2 entered first: the original; same phone written differently);
    K3/K4 are one company (same e-mail in another case); K5 has a malformed e-mail; K6 is clean.
    """
    return pd.DataFrame({
        "customer_id": ["K1", "K2", "K3", "K4", "K5", "K6"],
        "name": ["HENGXIN FOODS CO LTD", "Hengxin Foods Co., Ltd.", "Blue Sea Pharma", "blue sea pharma",
                 "Anda Retail Co., Ltd.", "Jade Web Store"],
        "industry": ["food", None, "pharma", "pharma", "retail", "e_commerce"],
        "city": ["Wuxi", "Wuxi", None, "Xiamen", "Hefei", "Chengdu"],
        "contact_name": [None, "Li Na", "Chen Jun", "Zhao Lei", "Wu Tao", None],
        "phone": ["+86 100 1234 5678", "+8610012345678", None, "+86 100 2222 3333", "+86 100 4444 5555", None],
        "email": ["na.li@hengxin.example", None, "jun@bluesea.example", "JUN@BlueSea.example", "tao anda.example",
                  "info@jade.example"],
        "signup_date": pd.to_datetime(["2025-02-01", "2023-05-10", "2024-01-01", "2024-03-01", "2023-07-07",
                                       "2025-01-01"]),
        "last_updated": pd.to_datetime(["2025-09-30", "2024-01-15", "2024-02-01", "2025-04-01", "2023-08-01",
                                        "2025-01-01"]),
    })


def shipments_fixture() -> pd.DataFrame:
    return pd.DataFrame({
        "shipment_id": ["S1", "S2", "S3", "S4", "S5", "S6"],
        "customer_id": ["K2", "K1", "K1", "K3", "K4", "K5"],
        "date": pd.to_datetime(["2023-05-10", "2025-02-01", "2025-03-01", "2024-01-01", "2024-03-01",
                                "2023-07-07"]),
        "revenue": [1000.0, 500.0, 300.0, 2000.0, 800.0, 150.0],
        "direct_cost": [650.0, 330.0, 200.0, 1200.0, 480.0, 100.0],
        "service_cost": [120.0, 90.0, 110.0, 300.0, 150.0, 180.0],
    })


def counts(conn) -> dict:
    return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}


def has_schema(conn) -> bool:
    return conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'shippers'").fetchone()[0] == 1


# ---------------------------------------------------------------- cleaning
def test_clean_master_hand_checked():
    out = crm.clean_master(master_fixture(), shipments_fixture())
    assert out["nulled"][["customer_id", "field", "problem"]].values.tolist() == [["K5", "email", "no_at_sign"]]
    # K2 (earlier sign-up) is kept for K1; K3 (earlier) is kept for K4
    assert out["merged"].values.tolist() == [["K1", "K2", 1], ["K4", "K3", 2]]
    clean = out["customers"].set_index("customer_id")
    assert clean.index.tolist() == ["K2", "K3", "K5", "K6"]
    k2 = clean.loc["K2"]
    assert k2["name"] == "Hengxin Foods Co., Ltd."  # the kept record keeps its own values
    assert k2["phone"] == "+8610012345678"
    assert (k2["industry"], k2["email"]) == ("food", "na.li@hengxin.example")  # filled from K1
    assert k2["signup_date"] == pd.Timestamp("2023-05-10") and k2["last_updated"] == pd.Timestamp("2025-09-30")
    k3 = clean.loc["K3"]
    assert (k3["city"], k3["phone"], k3["contact_name"]) == ("Xiamen", "+86 100 2222 3333", "Chen Jun")
    assert k3["last_updated"] == pd.Timestamp("2025-04-01")
    assert pd.isna(clean.loc["K5", "email"])
    assert out["shipments"]["customer_id"].tolist() == ["K2", "K2", "K2", "K3", "K3", "K5"]
    # the input is not modified
    assert master_fixture().equals(master_fixture()) and shipments_fixture()["customer_id"].iloc[1] == "K1"


def test_clean_master_fills_from_the_most_recently_updated_donor():
    m = pd.DataFrame({"customer_id": ["A", "B", "C"], "name": ["Da Tong Ltd", "DA TONG LTD", "Da Tong Limited"],
                      "phone": ["100 200 300", "100200300", "100-200-300"], "email": [None, "old@dt.example",
                                                                                     "new@dt.example"],
                      "signup_date": ["2023-01-01", "2023-06-01", "2024-01-01"],
                      "last_updated": ["2023-01-01", "2023-07-01", "2025-01-01"]})
    out = crm.clean_master(m)
    assert out["customers"].to_dict("records") == [{
        "customer_id": "A", "name": "Da Tong Ltd", "phone": "100 200 300", "email": "new@dt.example",
        "signup_date": "2023-01-01", "last_updated": "2025-01-01"}]
    assert out["merged"]["merged_id"].tolist() == ["B", "C"] and "shipments" not in out


def test_clean_master_ties_on_signup_keep_the_smallest_id():
    m = pd.DataFrame({"customer_id": ["K9", "K3"], "name": ["Fu An", "FU AN"], "phone": ["123 4567", "1234567"],
                      "email": [None, None], "signup_date": ["2024-01-01"] * 2, "last_updated": ["2024-01-01"] * 2})
    assert crm.clean_master(m)["merged"].values.tolist() == [["K9", "K3", 1]]


def test_clean_master_validation():
    m = master_fixture()
    with pytest.raises(ValueError, match="'signup_date'"):
        crm.clean_master(m.drop(columns="signup_date"))
    bad = m.copy()
    bad["signup_date"] = bad["signup_date"].astype(object)
    bad.loc[0, "signup_date"] = "not a date"
    with pytest.raises(ValueError, match="signup_date.*K1"):
        crm.clean_master(bad)
    ships = shipments_fixture()
    ships.loc[0, "customer_id"] = "K99"
    with pytest.raises(ValueError, match="K99"):
        crm.clean_master(m, ships)


# ---------------------------------------------------------------- constraints
def test_raw_master_is_rejected_and_nothing_is_written():
    conn = crm.connect()
    with pytest.raises(ValueError, match="shipper_same_name_phone|name_key, shippers.phone_key") as err:
        crm.build_logistics_database(conn, master_fixture(), shipments_fixture())
    assert "row 1" in str(err.value) and "'K2'" in str(err.value) and "rolled back" in str(err.value)
    assert not has_schema(conn)  # the schema was created inside the same, rolled-back transaction
    merged_only = master_fixture().drop(index=[0, 3])  # duplicates gone, the malformed e-mail still there
    with pytest.raises(ValueError, match="row 2 .*'K5'.*shipper_email_format"):
        crm.build_logistics_database(conn, merged_only)
    assert not has_schema(conn)


def test_duplicates_are_rejected_by_the_matching_keys():
    m = master_fixture()
    m.loc[m["customer_id"] == "K5", "email"] = None
    conn = crm.connect()
    with pytest.raises(ValueError, match=r"UNIQUE constraint failed: shippers.name_key, shippers.phone_key"):
        crm.build_logistics_database(conn, m)
    m2 = m[m["customer_id"] != "K1"]
    with pytest.raises(ValueError, match=r"shippers.name_key, shippers.email_key.*|K4"):
        crm.build_logistics_database(conn, m2)
    assert not has_schema(conn)
    crm.build_logistics_database(conn, m2[m2["customer_id"] != "K4"])  # one record per company loads
    assert counts(conn)["shippers"] == 4


def test_cleaned_master_loads():
    out = crm.clean_master(master_fixture(), shipments_fixture())
    conn = crm.connect()
    got = crm.build_logistics_database(conn, out["customers"], out["shipments"], out["merged"])
    assert got == {"shippers": 4, "shipments": 6, "shipper_merges": 2} == counts(conn)
    assert conn.execute("SELECT SUM(revenue) FROM shipments").fetchone()[0] == pytest.approx(4750.0)
    assert conn.execute("SELECT ship_date FROM shipments WHERE shipment_id = 'S2'").fetchone()[0] == "2025-02-01"


@pytest.mark.parametrize("column, value, constraint", [
    ("industry", "mining", "shipper_industry_allowed"),
    ("name", "   ", "shipper_name_not_blank"),
    ("email", "a@b@c.example", "shipper_email_format"),
    ("email", "a b@c.example", "shipper_email_format"),
    ("email", "ab@c", "shipper_email_format"),
    ("last_updated", pd.Timestamp("2020-01-01"), "shipper_updated_after_signup"),
])
def test_each_shipper_constraint(column, value, constraint):
    m = crm.clean_master(master_fixture())["customers"]
    m[column] = m[column].astype(object)
    m.loc[2, column] = value
    with pytest.raises(ValueError, match=constraint):
        crm.build_logistics_database(crm.connect(), m)


@pytest.mark.parametrize("column, value, message", [
    ("revenue", 0.0, "shipment_revenue_positive"),
    ("direct_cost", -1.0, "shipment_direct_cost_non_negative"),
    ("service_cost", -0.5, "shipment_service_cost_non_negative"),
    ("customer_id", "K1", "shipments.customer_id = 'K1' is not a shippers.customer_id"),
    ("shipment_id", "S1", "UNIQUE constraint failed: shipments.shipment_id"),
])
def test_each_shipment_constraint(column, value, message):
    out = crm.clean_master(master_fixture(), shipments_fixture())
    ships = out["shipments"]
    ships.loc[3, column] = value
    conn = crm.connect()
    with pytest.raises(ValueError, match=message) as err:
        crm.build_logistics_database(conn, out["customers"], ships)
    assert "table 'shipments', row 3" in str(err.value)
    assert not has_schema(conn)


def test_merge_record_constraints():
    out = crm.clean_master(master_fixture())
    for merged, message in ((pd.DataFrame({"merged_id": ["K2"], "kept_id": ["K2"]}), "merge_not_into_itself"),
                            (pd.DataFrame({"merged_id": ["K1"], "kept_id": ["K7"]}), "kept_id = 'K7'")):
        with pytest.raises(ValueError, match=message):
            crm.build_logistics_database(crm.connect(), out["customers"], merged=merged)


def test_failed_load_leaves_an_existing_database_unchanged():
    out = crm.clean_master(master_fixture(), shipments_fixture())
    conn = crm.connect()
    crm.build_logistics_database(conn, out["customers"], out["shipments"], out["merged"])
    before = counts(conn)
    more = pd.DataFrame({"shipment_id": ["S7", "S8"], "customer_id": ["K6", "K6"],
                         "date": ["2025-05-01", "2025-05-02"], "revenue": [100.0, -5.0],
                         "direct_cost": [60.0, 1.0], "service_cost": [10.0, 1.0]})
    with pytest.raises(ValueError, match="shipment_revenue_positive"):
        crm.build_logistics_database(conn, out["customers"].iloc[:0], more)
    assert counts(conn) == before
    assert conn.isolation_level == ""  # the caller's setting is restored


def test_loader_validation():
    with pytest.raises(TypeError, match="master must be a pandas DataFrame"):
        crm.build_logistics_database(crm.connect(), None)
    with pytest.raises(ValueError, match="'email'"):
        crm.build_logistics_database(crm.connect(), master_fixture().drop(columns="email"))
    ships = shipments_fixture()
    ships["date"] = ships["date"].astype(object)
    ships.loc[1, "date"] = "31/02/2025x"
    with pytest.raises(ValueError, match="shipments column 'date' has missing or unparseable dates at 'S2'"):
        crm.build_logistics_database(crm.connect(), crm.clean_master(master_fixture())["customers"], ships)


# ---------------------------------------------------------------- 360 view
def test_shipper_360_resolves_merged_ids_and_is_injection_safe():
    out = crm.clean_master(master_fixture(), shipments_fixture())
    conn = crm.connect()
    crm.build_logistics_database(conn, out["customers"], out["shipments"], out["merged"])
    view = crm.shipper_360(conn, "K1")  # an old id on an old document
    assert view["customer_id"] == "K2" and view["merged_ids"] == ["K1"]
    profile = view["profile"].iloc[0]
    assert (int(profile["shipments"]), profile["revenue"]) == (3, 1800.0)
    assert profile["profit"] == pytest.approx(1800.0 - 1180.0 - 320.0)
    assert (profile["first_shipment"], profile["last_shipment"]) == ("2023-05-10", "2025-03-01")
    assert view["shipments"]["shipment_id"].tolist() == ["S1", "S2", "S3"]
    assert crm.shipper_360(conn, "K6")["shipments"].empty
    with pytest.raises(ValueError, match="neither a shipper"):
        crm.shipper_360(conn, "K1' OR '1'='1")
    with pytest.raises(TypeError, match="customer_id"):
        crm.shipper_360(conn, 5)
    assert counts(conn)["shippers"] == 4


# ---------------------------------------------------------------- properties
_LOCAL = st.from_regex(r"[A-Za-z0-9._%+'-]{1,12}", fullmatch=True)
_LABEL = st.from_regex(r"[A-Za-z0-9-]{1,10}", fullmatch=True)
_TLD = st.from_regex(r"[A-Za-z]{2,6}", fullmatch=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(local=_LOCAL, labels=st.lists(_LABEL, min_size=1, max_size=3), tld=_TLD)
def test_every_well_formed_email_passes_the_database_check(local, labels, tld):
    email = f"{local}@{'.'.join(labels)}.{tld}"
    assert crm.EMAIL_PATTERN.fullmatch(email)
    m = master_fixture().iloc[[5]].assign(email=email)
    assert crm.build_logistics_database(crm.connect(), m) == {"shippers": 1}


@settings(max_examples=40, deadline=None)
@given(text=st.text(alphabet="ab.@ ", min_size=1, max_size=12))
def test_database_rejects_what_has_no_at_sign_or_two(text):
    m = master_fixture().iloc[[5]].assign(email=text)
    if "@" not in text or text.count("@") > 1 or " " in text:
        with pytest.raises(ValueError, match="shipper_email_format"):
            crm.build_logistics_database(crm.connect(), m)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 25))
def test_clean_master_invariants(seed, n):
    """Random masters with planted duplicates: after cleaning there is nothing to merge, every shipment
    keeps its revenue and points at a kept record, and the cleaned master loads."""
    rng = np.random.default_rng(seed)
    companies = rng.integers(0, max(2, n // 2), size=n)  # several records per company
    phones = [f"+86 100 {c:04d} {int(rng.integers(0, 2)):04d}" for c in companies]
    m = pd.DataFrame({
        "customer_id": [f"K{i:03d}" for i in range(n)],
        "name": [f"Firm {chr(65 + c)} Co., Ltd." if rng.random() < 0.5 else f"FIRM {chr(65 + c)} CO LTD"
                 for c in companies],
        "industry": rng.choice(["food", None], size=n), "city": None, "contact_name": None,
        "phone": phones,
        "email": [f"ops{c}@firm.example" if rng.random() < 0.5 else "bad.example" for c in companies],
        "signup_date": pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 500, size=n), unit="D"),
    })
    m["last_updated"] = m["signup_date"] + pd.to_timedelta(rng.integers(0, 300, size=n), unit="D")
    ships = pd.DataFrame({"shipment_id": [f"S{i}" for i in range(3 * n)],
                          "customer_id": rng.choice(m["customer_id"], size=3 * n),
                          "date": "2025-01-01", "revenue": rng.uniform(100, 900, size=3 * n),
                          "direct_cost": 50.0, "service_cost": 20.0})
    out = crm.clean_master(m, ships)
    clean = out["customers"]
    assert crm.duplicate_groups(clean).empty and crm.invalid_contacts(clean).empty
    assert len(clean) + len(out["merged"]) == n
    assert set(out["shipments"]["customer_id"]) <= set(clean["customer_id"])
    assert out["shipments"]["revenue"].sum() == pytest.approx(ships["revenue"].sum())
    kept = clean.set_index("customer_id")
    for merged_id, kept_id in out["merged"][["merged_id", "kept_id"]].values:
        assert kept.loc[kept_id, "signup_date"] <= m.set_index("customer_id").loc[merged_id, "signup_date"]
    conn = crm.connect()
    crm.build_logistics_database(conn, clean, out["shipments"], out["merged"])
    assert counts(conn) == {"shippers": len(clean), "shipments": 3 * n, "shipper_merges": len(out["merged"])}


# ---------------------------------------------------------------- the course's 3PL data
@pytest.fixture(scope="module")
def logistics():
    return load_logistics()


def test_industries_match_the_dataset(logistics):
    assert set(logistics["customers"]["industry"].dropna()) == set(crm.LOGISTICS_INDUSTRIES)


def test_course_master_rejected_then_cleaned_and_loaded(logistics):
    customers, shipments = logistics["customers"], logistics["shipments"]
    conn = crm.connect()
    with pytest.raises(ValueError, match="K0021.*shipper_email_format"):
        crm.build_logistics_database(conn, customers, shipments)
    bad = crm.invalid_contacts(customers)["customer_id"]
    no_bad_email = customers.assign(email=customers["email"].where(~customers["customer_id"].isin(bad)))
    with pytest.raises(ValueError, match="UNIQUE constraint failed: shippers.name_key"):
        crm.build_logistics_database(conn, no_bad_email, shipments)
    assert not has_schema(conn)
    out = crm.clean_master(customers, shipments)
    got = crm.build_logistics_database(conn, out["customers"], out["shipments"], out["merged"])
    assert got == {"shippers": 1504 - 41, "shipments": 17570, "shipper_merges": 41}
    report = crm.quality_report(out["customers"], LOGISTICS_AS_OF)["summary"]["records"]
    assert report[["malformed_email", "malformed_phone", "duplicate_records"]].tolist() == [0, 0, 0]
    total = conn.execute("SELECT SUM(revenue) FROM shipments").fetchone()[0]
    assert total == pytest.approx(shipments["revenue"].sum())
    view = crm.shipper_360(conn, "K0011")  # the upper-case second entry of Yuanfeng Online Trading
    assert view["customer_id"] == "K0959" and view["merged_ids"] == ["K0011"]
    assert int(view["profile"].loc[0, "shipments"]) == int(shipments["customer_id"].isin(["K0011", "K0959"]).sum())


def test_sqlite_file_database_round_trip(tmp_path):
    out = crm.clean_master(master_fixture(), shipments_fixture())
    path = tmp_path / "3pl.db"
    conn = crm.connect(path)
    crm.build_logistics_database(conn, out["customers"], out["shipments"], out["merged"])
    conn.close()
    again = sqlite3.connect(path)
    assert again.execute("SELECT COUNT(*) FROM shippers").fetchone()[0] == 4
    again.close()
