"""Property tests for scm_course.crm (issue 10): data quality of a customer master, the CRM
database and its views, the seeded generators, the query catalogue and the 3PL's shipper view.

Invariants: a normalised phone or name is blind to spacing, case, punctuation and legal forms,
and normalising twice changes nothing; completeness counts partition the records; a record is
stale exactly when it is older than the limit, and a longer limit never finds more; the quality
summary counts what its four checks found; the database holds exactly what was loaded, a load
is all-or-nothing, and every view (Customer 360, category mix, order span, shipper 360) adds up
to the rows behind it; generated tickets respect the database's rules and a larger share only
adds tickets; validated query parameters are a fixed point of the validation.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scm_course import crm

DAY0 = pd.Timestamp("2025-01-01")


# ---------------------------------------------------------------- normalising phones and names
@given(st.lists(st.integers(0, 9), min_size=1, max_size=15), st.booleans(),
       st.lists(st.sampled_from(["", " ", "-", "(", ")", ".", "  "]), min_size=16, max_size=16))
def test_a_phone_number_is_its_digits_whatever_the_spacing(digits, plus, separators):
    text = ("+" if plus else "") + "".join(sep + str(d) for sep, d in zip(separators, digits)) + separators[-1]
    key = crm.normalise_phone(text)
    assert key == ("+" if plus else "") + "".join(map(str, digits))
    assert crm.normalise_phone(key) == key  # a fixed point
    assert crm.normalise_phone(" " + text + " ") == key


words = st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,7}", fullmatch=True).filter(
    lambda w: w.casefold() not in crm.LEGAL_SUFFIXES and w.casefold() != "and")


@given(st.lists(words, min_size=1, max_size=4), st.sampled_from(["", " Co., Ltd.", " CO LTD", " Inc.", " 有限公司",
                                                                 " Group Corp"]),
       st.sampled_from([" ", "  ", " - ", ", "]))
def test_a_company_name_key_ignores_case_punctuation_spacing_and_legal_form(parts, suffix, sep):
    plain = " ".join(parts)
    key = crm.normalise_name(plain)
    assert key == "".join(parts).casefold()
    assert crm.normalise_name(sep.join(parts) + suffix) == key
    assert crm.normalise_name(plain.upper()) == key and crm.normalise_name(plain.lower()) == key
    assert crm.normalise_name(key) == key  # a fixed point


# ---------------------------------------------------------------- the quality of a customer master
@st.composite
def masters(draw):
    n = draw(st.integers(1, 15))
    text = st.one_of(st.none(), st.just(""), st.just("  "), st.sampled_from(["Jade Home", "Sunrise Co", "Harbour"]))
    phones = st.one_of(st.none(), st.sampled_from(["+86 100 1234 5678", "010-1234567", "12-34", "+86 (10) 9", "abc",
                                                   "1234567890123456"]))
    emails = st.one_of(st.none(), st.sampled_from(["li@jade.example", "LI@JADE.EXAMPLE", "jade.example", "a@@b.cn",
                                                   "x@y"]))
    updated = st.one_of(st.none(), st.integers(0, 3000).map(lambda d: DAY0 - pd.Timedelta(days=d)))
    rows = draw(st.lists(st.tuples(text, phones, emails, updated), min_size=n, max_size=n))
    return pd.DataFrame({"customer_id": [f"K{i:02d}" for i in range(n)],
                         "name": [r[0] for r in rows], "phone": [r[1] for r in rows], "email": [r[2] for r in rows],
                         "last_updated": [r[3] for r in rows]})


@settings(max_examples=50)
@given(masters(), st.data())
def test_completeness_partitions_the_records(master, data):
    comp = crm.completeness(master)
    assert list(comp.index) == list(master.columns)
    assert (comp["filled"] + comp["missing"] == len(master)).all()
    np.testing.assert_allclose(comp["completeness"], comp["filled"] / len(master))
    some = data.draw(st.lists(st.sampled_from(list(master.columns)), min_size=1, max_size=3, unique=True))
    pd.testing.assert_frame_equal(crm.completeness(master, some), comp.loc[some])
    blank = master["name"].map(lambda v: not isinstance(v, str) or not v.strip())
    assert comp.loc["name", "missing"] == blank.sum()


@settings(max_examples=50)
@given(masters(), st.integers(0, 3000), st.integers(0, 3000))
def test_a_record_is_stale_exactly_when_older_than_the_limit(master, a, b):
    short, long = sorted((a, b))
    stale = crm.stale_records(master, DAY0, max_age_days=short)
    age = (DAY0 - pd.to_datetime(master["last_updated"])).dt.days
    expected = master.loc[age.isna() | (age > short), "customer_id"]
    assert sorted(stale["customer_id"]) == sorted(expected)
    assert ((stale["reason"] == "no_update_date") == stale["age_days"].isna()).all()
    ages = stale["age_days"].dropna().to_numpy()
    assert (np.diff(ages) <= 0).all()  # oldest first
    assert set(crm.stale_records(master, DAY0, max_age_days=long)["customer_id"]) <= set(stale["customer_id"])


@settings(max_examples=50)
@given(masters())
def test_quality_summary_counts_what_the_checks_found(master):
    report = crm.quality_report(master, DAY0)
    s = report["summary"]["records"]
    invalid, dups = report["invalid_contacts"], report["duplicates"]
    assert s["malformed_email"] == invalid.loc[invalid["field"] == "email", "customer_id"].nunique()
    assert s["malformed_phone"] == invalid.loc[invalid["field"] == "phone", "customer_id"].nunique()
    assert s["duplicate_records"] == len(dups) and s["stale_records"] == len(report["stale"])
    assert s["surplus_duplicates"] == len(dups) - dups["group"].nunique() if len(dups) else s["surplus_duplicates"] == 0
    assert len(dups) == 0 or (dups.groupby("group").size() >= 2).all()
    assert s["incomplete_records"] >= report["completeness"]["missing"].max()
    assert ((report["summary"]["share"] >= 0) & (report["summary"]["share"] <= 1)).all()
    np.testing.assert_allclose(report["summary"]["share"], s / len(master))


# ---------------------------------------------------------------- the CRM database and its views
@st.composite
def distributors(draw):
    n_customers = draw(st.integers(1, 5))
    n_products = draw(st.integers(1, 4))
    customers = pd.DataFrame({
        "customer_id": [f"C{i}" for i in range(n_customers)],
        "name": draw(st.lists(st.sampled_from(["Jade Home", "Sunrise Trading", "Harbour 100%_Trading", "北方家电"]),
                              min_size=n_customers, max_size=n_customers)),
        "region": draw(st.lists(st.sampled_from(crm.REGIONS), min_size=n_customers, max_size=n_customers)),
        "channel": draw(st.lists(st.sampled_from(crm.CHANNELS), min_size=n_customers, max_size=n_customers))})
    price = draw(st.lists(st.integers(10, 2000), min_size=n_products, max_size=n_products))
    products = pd.DataFrame({
        "product_id": [f"P{i}" for i in range(n_products)], "name": [f"Item {i}" for i in range(n_products)],
        "category": draw(st.lists(st.sampled_from(["fridge", "tv", "small"]), min_size=n_products,
                                  max_size=n_products)),
        "unit_cost": [0.7 * p for p in price], "unit_price": [float(p) for p in price]})
    lines = []
    for o in range(draw(st.integers(1, 12))):  # crm_tables needs order lines
        customer = draw(st.integers(0, n_customers - 1))
        day = DAY0 + pd.Timedelta(days=draw(st.integers(0, 200)))
        for p in draw(st.lists(st.integers(0, n_products - 1), min_size=1, max_size=3, unique=True)):
            q = draw(st.integers(1, 20))
            lines.append((f"O{o:03d}", day, f"C{customer}", f"P{p}", q, q * price[p], q * price[p] * 0.7))
    order_lines = pd.DataFrame(lines, columns=["order_id", "order_date", "customer_id", "product_id", "quantity",
                                               "revenue", "cost"])
    return {"customers": customers, "products": products, "order_lines": order_lines}


def _count(conn, table):
    return int(crm.query(conn, f"SELECT COUNT(*) AS n FROM {table}")["n"].item())


@settings(max_examples=40)
@given(distributors(), st.integers(0, 10_000))
def test_the_database_holds_what_was_loaded_and_every_view_adds_up(dist, seed):
    tables = crm.crm_tables(dist, seed=seed)
    conn = crm.connect()
    counts = crm.build_database(conn, tables)
    assert counts == {name: len(frame) for name, frame in tables.items()}
    crm.create_schema(conn)  # idempotent: the tables exist and keep their rows
    assert {name: _count(conn, name) for name in counts} == counts
    lines = dist["order_lines"]
    assert crm.order_span(conn) == (lines["order_date"].min(), lines["order_date"].max())
    tickets = tables["service_tickets"]
    category = dist["products"].set_index("product_id")["category"]
    for cid in dist["customers"]["customer_id"]:
        view = crm.customer_360(conn, cid)
        own = lines[lines["customer_id"] == cid]
        profile = view["profile"].iloc[0]
        assert profile["orders"] == own["order_id"].nunique() == len(view["orders"])
        assert profile["revenue"] == pytest.approx(own["revenue"].sum())
        assert view["orders"]["revenue"].sum() == pytest.approx(own["revenue"].sum())
        assert view["orders"]["quantity"].sum() == own["quantity"].sum()
        assert len(view["contacts"]) == (tables["contacts"]["customer_id"] == cid).sum()
        assert sorted(view["open_tickets"]["ticket_id"]) == sorted(
            tickets.loc[(tickets["customer_id"] == cid) & (tickets["status"] != "closed"), "ticket_id"])
        mix = crm.category_mix(conn, cid)
        assert list(mix.index) == sorted(own["product_id"].map(category).unique())
        assert mix["revenue"].sum() == pytest.approx(own["revenue"].sum())
        assert (mix["orders"] <= profile["orders"]).all()


@settings(max_examples=20)
@given(distributors())
def test_a_load_is_all_or_nothing(dist):
    conn = crm.connect()
    tables = crm.crm_tables(dist, seed=1)
    crm.build_database(conn, tables)
    before = {name: _count(conn, name) for name in tables}
    # a valid new customer, then a contact whose id is already taken: the whole batch is refused
    batch = {"customers": pd.DataFrame({"customer_id": ["CNEW"], "name": ["New Co"], "region": ["East"],
                                        "channel": ["dealer"]}),
             "contacts": tables["contacts"].iloc[[0]]}
    with pytest.raises(ValueError, match="rolled back"):
        crm.build_database(conn, batch)
    assert {name: _count(conn, name) for name in tables} == before
    assert crm.query(conn, "SELECT * FROM customers WHERE customer_id = ?", ("CNEW",)).empty


@settings(max_examples=40)
@given(distributors(), st.integers(0, 10_000), st.floats(0, 1), st.floats(0, 1))
def test_generated_contacts_and_tickets_follow_the_schema_rules(dist, seed, s1, s2):
    contacts = crm.generate_contacts(dist["customers"], seed)
    per = contacts.groupby("customer_id")["role"]
    assert set(per.size().index) == set(dist["customers"]["customer_id"]) and per.size().between(1, 3).all()
    assert (per.nunique() == per.size()).all() and contacts["role"].isin(crm.CONTACT_ROLES).all()
    assert contacts["contact_id"].is_unique and contacts["email"].str.contains("@").all()
    pd.testing.assert_frame_equal(crm.generate_contacts(dist["customers"], seed), contacts)  # seeded
    lines = dist["order_lines"]
    orders = lines[["order_id", "customer_id", "order_date"]].drop_duplicates()
    low, high = sorted((s1, s2))
    few = crm.generate_service_tickets(orders, seed, share=low)
    many = crm.generate_service_tickets(orders, seed, share=high)
    assert set(few["order_id"]) <= set(many["order_id"])  # a larger share only adds tickets
    assert crm.generate_service_tickets(orders, seed, share=0.0).empty
    everything = crm.generate_service_tickets(orders, seed, share=1.0)
    assert sorted(everything["order_id"]) == sorted(orders["order_id"])
    t = everything.merge(orders, on="order_id", suffixes=("", "_order"))
    assert (t["customer_id"] == t["customer_id_order"]).all()
    assert ((t["opened"] - t["order_date"]).dt.days.between(1, 20)).all()
    closed = t["status"] == "closed"
    assert (t["closed"].notna() == closed).all() and (t["satisfaction"].notna() == closed).all()
    assert ((t.loc[closed, "closed"] - t.loc[closed, "opened"]).dt.days.between(0, 14)).all()
    assert t.loc[closed, "satisfaction"].between(1, 5).all()
    assert t["category"].isin(crm.TICKET_CATEGORIES).all()


def test_regression_tables_without_a_service_ticket_load():
    # found by the property above: crm_tables of a one-order log raised no ticket, and
    # build_database refused the empty service_tickets table although the schema allows none
    dist = {"customers": pd.DataFrame({"customer_id": ["C0"], "name": ["Jade Home"], "region": ["North"],
                                       "channel": ["dealer"]}),
            "products": pd.DataFrame({"product_id": ["P0"], "name": ["Item 0"], "category": ["fridge"],
                                      "unit_cost": [7.0], "unit_price": [10.0]}),
            "order_lines": pd.DataFrame({"order_id": ["O000"], "order_date": [DAY0], "customer_id": ["C0"],
                                         "product_id": ["P0"], "quantity": [1], "revenue": [10.0], "cost": [7.0]})}
    tables = crm.crm_tables(dist, seed=0)
    assert tables["service_tickets"].empty
    assert crm.build_database(crm.connect(), tables)["service_tickets"] == 0
    with pytest.raises(ValueError, match=r"tables\['service_tickets'\] is missing column"):
        crm.build_database(crm.connect(), {**tables, "service_tickets": tables["service_tickets"].iloc[:, :3]})


# ---------------------------------------------------------------- the query catalogue's parameters
def _value(kind):
    return {
        "date": st.integers(0, 700).map(lambda d: str((DAY0 + pd.Timedelta(days=d)).date())),
        "days": st.integers(1, 36_500),
        "count": st.integers(1, 1000),
        "region": st.sampled_from(crm.REGIONS),
        "channel": st.sampled_from(crm.CHANNELS),
        "role": st.sampled_from(crm.CONTACT_ROLES),
        "text": st.text(min_size=1, max_size=10).filter(lambda s: s.strip()),
    }[kind]


@st.composite
def query_params(draw):
    key = draw(st.sampled_from(list(crm.FUNCTION_QUERIES)))
    params = {}
    for name, kind, default in crm.FUNCTION_QUERIES[key].params:
        if default is None or draw(st.booleans()):
            params[name] = draw(_value(kind))
    if "start" in params and "end" in params and params["start"] > params["end"]:
        params["start"], params["end"] = params["end"], params["start"]
    return key, params


@given(query_params())
def test_validated_parameters_are_complete_typed_and_a_fixed_point(data):
    key, params = data
    values = crm.check_query_params(key, **params)
    spec = crm.FUNCTION_QUERIES[key].params
    assert list(values) == [name for name, _, _ in spec]
    for name, kind, default in spec:
        if name not in params:
            assert values[name] == default
        elif kind == "date":
            assert values[name] == pd.Timestamp(params[name])
        else:
            assert values[name] == params[name]
    assert crm.check_query_params(key, **values) == values
    if "start" in values and values["start"] < values["end"]:
        with pytest.raises(ValueError, match="must not be after"):
            crm.check_query_params(key, **{**values, "start": values["end"], "end": values["start"]})


# ---------------------------------------------------------------- the 3PL's shipper 360
@st.composite
def logistics(draw):
    n = draw(st.integers(1, 6))
    master = pd.DataFrame({
        "customer_id": [f"K{i}" for i in range(n)], "name": [f"Firm {chr(65 + i)} Co., Ltd." for i in range(n)],
        "industry": draw(st.lists(st.one_of(st.none(), st.sampled_from(crm.LOGISTICS_INDUSTRIES)), min_size=n,
                                  max_size=n)),
        "city": None, "contact_name": None, "phone": [f"+86 100 {i:04d} 0000" for i in range(n)],
        "email": [f"ops{i}@firm{i}.example" for i in range(n)], "signup_date": "2024-01-01",
        "last_updated": "2024-06-01"})
    rows = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, 300), st.floats(1, 1e4),
                                   st.floats(0, 0.8), st.floats(0, 0.3)), max_size=30))
    shipments = pd.DataFrame({
        "shipment_id": [f"S{i:03d}" for i in range(len(rows))], "customer_id": [f"K{c}" for c, *_ in rows],
        "date": [str((DAY0 + pd.Timedelta(days=d)).date()) for _, d, *_ in rows],
        "revenue": [r for _, _, r, _, _ in rows], "direct_cost": [r * a for _, _, r, a, _ in rows],
        "service_cost": [r * b for _, _, r, _, b in rows]},
        columns=["shipment_id", "customer_id", "date", "revenue", "direct_cost", "service_cost"])
    kept = draw(st.lists(st.integers(0, n - 1), max_size=4))
    merged = pd.DataFrame({"merged_id": [f"M{i}" for i in range(len(kept))], "kept_id": [f"K{k}" for k in kept]},
                          columns=["merged_id", "kept_id"])
    return master, shipments, merged


@settings(max_examples=40)
@given(logistics())
def test_shipper_360_adds_up_and_old_ids_find_the_kept_record(data):
    master, shipments, merged = data
    conn = crm.connect()
    crm.build_logistics_database(conn, master, shipments, merged)
    for cid in master["customer_id"]:
        view = crm.shipper_360(conn, cid)
        own = shipments[shipments["customer_id"] == cid]
        profile = view["profile"].iloc[0]
        assert view["customer_id"] == cid
        assert profile["shipments"] == len(own) == len(view["shipments"])
        assert profile["revenue"] == pytest.approx(own["revenue"].sum())
        assert profile["profit"] == pytest.approx((own["revenue"] - own["direct_cost"] - own["service_cost"]).sum(),
                                                  abs=1e-6)
        assert list(view["shipments"]["ship_date"]) == sorted(view["shipments"]["ship_date"])
        assert view["merged_ids"] == sorted(merged.loc[merged["kept_id"] == cid, "merged_id"])
    for old, new in zip(merged["merged_id"], merged["kept_id"]):
        via_old = crm.shipper_360(conn, old)
        assert via_old["customer_id"] == new
        pd.testing.assert_frame_equal(via_old["profile"], crm.shipper_360(conn, new)["profile"])
