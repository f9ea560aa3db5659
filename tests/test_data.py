"""Datasets: the committed CSVs are the generator's output, verified on load."""
import hashlib
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from scm_course import data

ROOT = Path(__file__).resolve().parent.parent


def test_committed_csv_equals_a_fresh_generation(distributor):
    fresh = data.generate_distributor()
    for name in data.DISTRIBUTOR_SCHEMA:
        assert_frame_equal(distributor[name], fresh[name], check_dtype=True)


def test_generator_is_deterministic_and_seeded():
    a = data.generate_distributor(seed=7, n_products=12, n_customers=5, n_orders=50)
    b = data.generate_distributor(seed=7, n_products=12, n_customers=5, n_orders=50)
    c = data.generate_distributor(seed=8, n_products=12, n_customers=5, n_orders=50)
    assert_frame_equal(a["order_lines"], b["order_lines"])
    assert not a["order_lines"]["revenue"].equals(c["order_lines"]["revenue"])


def test_generated_data_is_consistent(distributor):
    lines = distributor["order_lines"]
    assert (lines["margin"] - (lines["revenue"] - lines["cost"])).abs().max() < 0.011
    assert not lines.duplicated(["order_id", "product_id"]).any()
    assert set(distributor["products"]["importance"]) <= {1, 2, 3}
    assert distributor["products"]["category"].nunique() == 9
    # sales are skewed the way ABC analysis expects: about 20 % of SKUs carry 80 %
    from scm_course.priority import abc_classify, abc_summary

    summary = abc_summary(abc_classify(lines.groupby("product_id")["revenue"].sum()))
    assert 0.1 < summary.loc["A", "item_share"] < 0.3


def test_committed_fulfilment_equals_a_fresh_generation(distributor):
    fresh = data.generate_fulfilment(distributor)
    assert_frame_equal(data.load_fulfilment(), fresh["fulfilment_orders"])
    assert_frame_equal(data.load_fulfilment_lines(), fresh["fulfilment_lines"])


def test_fulfilment_is_consistent(distributor):
    orders, lines = data.load_fulfilment(), data.load_fulfilment_lines()
    stamps = ["placed_at", "received_at", "released_at", "shipped_at", "delivered_at"]
    for a, b in zip(stamps, stamps[1:]):
        assert (orders[b] >= orders[a]).all(), (a, b)
    assert (orders["delivered_date"] == orders["delivered_at"].dt.normalize()).all()
    assert (lines["qty_delivered"] <= lines["qty_ordered"]).all()
    assert (orders["error_free"] == ~(orders["invoice_error"] | orders["damaged"])).all()
    assert lines["qty_ordered"].tolist() == distributor["order_lines"]["quantity"].tolist()
    sums = lines.groupby("order_id")["qty_delivered"].sum()
    assert (orders.set_index("order_id")["qty_delivered"] == sums).all()


def test_checksums_match_the_committed_files():
    sums = (ROOT / "datasets" / "SHA256SUMS").read_text().split("\n")
    entries = [line.split("  ") for line in sums if line.strip()]
    names = list(data.DISTRIBUTOR_SCHEMA) + list(data.FULFILMENT_SCHEMA)
    expected = ({f"distributor/{n}.csv" for n in names} | {"surveys/supplier_survey.csv", "surveys/audit_survey.csv"}
                | {f"logistics/{n}.csv" for n in data.LOGISTICS_SCHEMA}
                | {"cdnow/CDNOW_sample.txt", "cdnow/cdnow_customers_summary_with_transactions.csv"})
    assert {e[1] for e in entries} == expected
    on_disk = {p.relative_to(ROOT / "datasets").as_posix() for p in (ROOT / "datasets").glob("*/*") if p.is_file()}
    assert on_disk == expected, "a data file is missing from SHA256SUMS (run tools/make_datasets.py)"
    for digest, rel in entries:
        assert hashlib.sha256((ROOT / "datasets" / rel).read_bytes()).hexdigest() == digest, rel


def test_datasets_readme_documents_every_column():
    readme = (ROOT / "datasets" / "README.md").read_text(encoding="utf-8")
    schemas = [*data.DISTRIBUTOR_SCHEMA.items(), *data.FULFILMENT_SCHEMA.items(), *data.LOGISTICS_SCHEMA.items()]
    for table, schema in schemas:
        assert f"{table}.csv" in readme
        for column in schema:
            assert f"`{column}`" in readme, (table, column)


def _copy(tmp_path, distributor, **changes):
    tables = {k: v.copy() for k, v in distributor.items()}
    for name, fn in changes.items():
        tables[name] = fn(tables[name])
    data.save_distributor(tables, tmp_path)
    return tmp_path


def test_loader_names_a_missing_column(tmp_path, distributor):
    folder = _copy(tmp_path, distributor, products=lambda d: d.drop(columns="unit_cost"))
    with pytest.raises(ValueError, match=r"products: missing column\(s\) \['unit_cost'\]"):
        data.load_distributor(folder)


def test_loader_names_a_bad_value(tmp_path, distributor):
    def corrupt(d):
        d["quantity"] = d["quantity"].astype(object)
        d.loc[3, "quantity"] = "twelve"
        return d

    folder = _copy(tmp_path, distributor, order_lines=corrupt)
    with pytest.raises(ValueError, match=r"order_lines: column 'quantity' must hold numbers; bad value 'twelve' at row 3"):
        data.load_distributor(folder)


def test_loader_rejects_duplicate_ids_and_unknown_keys(tmp_path, distributor):
    folder = _copy(tmp_path, distributor, products=lambda d: pd.concat([d, d.iloc[[0]]]))
    with pytest.raises(ValueError, match="products: duplicate product_id 'P001'"):
        data.load_distributor(folder)
    folder2 = tmp_path / "b"
    _copy(folder2, distributor, customers=lambda d: d.iloc[1:])
    with pytest.raises(ValueError, match="order_lines: customer_id .* is not in customers"):
        data.load_distributor(folder2)


def test_loader_names_a_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="products.csv is missing"):
        data.load_distributor(tmp_path)


def test_load_instance_lists_valid_names():
    assert "order_priority" in data.instance_names()
    with pytest.raises(ValueError, match="name must be one of .*'order_priority'"):
        data.load_instance("nope")
    a = data.load_instance("order_priority")
    a["priority"][0] = 99
    assert data.load_instance("order_priority")["priority"][0] == 1  # callers get copies


@pytest.mark.parametrize("kw", [{"n_products": 3}, {"n_orders": 0}, {"n_customers": 1.5}])
def test_generator_rejects_bad_sizes(kw):
    with pytest.raises(ValueError, match="must be a whole number"):
        data.generate_distributor(**kw)


# --------------------------------------------------------------------------
# the logistics provider (Chapters 6-7) and CDNOW
# --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def logistics():
    return data.load_logistics()


def test_committed_logistics_equals_a_fresh_generation(logistics):
    fresh = data.generate_logistics()
    for name in data.LOGISTICS_SCHEMA:
        assert_frame_equal(logistics[name], fresh[name], check_dtype=False)


def test_logistics_has_the_documented_shape_and_problems(logistics):
    customers, shipments = logistics["customers"], logistics["shipments"]
    assert (len(customers), len(shipments)) == (1504, 17570)
    assert shipments["date"].between(data.LOGISTICS_START, data.LOGISTICS_AS_OF).all()
    assert customers["customer_id"].is_unique and shipments["shipment_id"].is_unique
    # the deliberate data-quality problems of the README are there
    assert customers["phone"].isna().sum() == 50 and customers["email"].isna().sum() == 112
    stale = (data.LOGISTICS_AS_OF - customers["last_updated"]).dt.days > 730
    assert stale.sum() == 187
    assert (customers["last_updated"] >= customers["signup_date"]).all()
    key = customers["name"].str.upper().str.replace(r"[^A-Z]", "", regex=True).str.replace("COLTD$|LTD$", "", regex=True)
    assert key.duplicated().sum() == 44
    profit = (shipments["revenue"] - shipments["direct_cost"] - shipments["service_cost"]).groupby(shipments["customer_id"]).sum()
    whale = profit.sort_values(ascending=False).cumsum() / profit.sum()
    assert 1.2 < whale.max() < 1.3 and 0.2 < (profit < 0).mean() < 0.25


def test_logistics_loader_names_bad_rows(tmp_path, logistics):
    tables = {k: v.copy() for k, v in logistics.items()}
    tables["shipments"].loc[5, "customer_id"] = "K9999"
    data.save_distributor(tables, tmp_path, schemas=data.LOGISTICS_SCHEMA)
    with pytest.raises(ValueError, match="shipments: customer_id 'K9999' is not in customers"):
        data.load_logistics(tmp_path)
    tables["shipments"] = logistics["shipments"].copy()
    tables["shipments"].loc[7, "revenue"] = -3.0
    data.save_distributor(tables, tmp_path, schemas=data.LOGISTICS_SCHEMA)
    with pytest.raises(ValueError, match="column 'revenue' must be > 0"):
        data.load_logistics(tmp_path)


def test_generate_logistics_rejects_bad_sizes():
    with pytest.raises(ValueError, match="n_customers must be a whole number >= 10"):
        data.generate_logistics(n_customers=5)
    with pytest.raises(ValueError, match="duplicate_share must lie in"):
        data.generate_logistics(duplicate_share=0.9)


def test_load_cdnow_reads_the_published_sample():
    log = data.load_cdnow()
    assert len(log) == 6919 and log["customer_id"].nunique() == 2357
    assert log["date"].min() == pd.Timestamp("1997-01-01") and log["date"].max() == data.CDNOW_OBSERVATION_END
    assert round(log["amount"].sum(), 2) == 244091.94
    # every customer's first purchase is in the first quarter of 1997 (one cohort)
    assert log.groupby("customer_id")["date"].min().max() < pd.Timestamp("1997-04-01")


def test_load_cdnow_names_a_broken_line(tmp_path):
    lines = (ROOT / "datasets" / "cdnow" / "CDNOW_sample.txt").read_text().splitlines()
    lines[10] = lines[10].rsplit(" ", 1)[0]
    (tmp_path / "CDNOW_sample.txt").write_text("\n".join(lines))
    with pytest.raises(ValueError, match="line 11 does not have the 5 fields"):
        data.load_cdnow(tmp_path)
    with pytest.raises(FileNotFoundError, match="restore it with git"):
        data.load_cdnow(tmp_path / "nowhere")
