"""Bad-input matrix: scm_course.crm (see tests/bad_inputs.py).

The database cases get a fresh in-memory SQLite database per call, loaded with
the small fixtures of tests/test_crm_functions.py and tests/test_crm_logistics.py.
Every test runs in a temporary working directory: a bad ``target`` of
:func:`crm.connect` is a valid file name, and the file must not land in the repository.
"""
from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from bad_inputs import Case, check, matrix
from scm_course import crm
from test_crm_functions import fixture_tables
from test_crm_logistics import master_fixture, shipments_fixture


@pytest.fixture(autouse=True, scope="module")
def _in_tmp_dir(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path_factory.mktemp("crm"))
        yield


def _db():
    conn = crm.connect()
    crm.build_database(conn, fixture_tables())
    return conn


def _cleaned():
    return crm.clean_master(master_fixture(), shipments_fixture())


def _logistics_db():
    out = _cleaned()
    conn = crm.connect()
    crm.build_logistics_database(conn, out["customers"], out["shipments"], out["merged"])
    return conn


def _quality_master(*, dated=False):
    """Eight records with planted problems, as in tests/test_crm_quality.py.

    ``dated``: K8 gets an update date, so that the stale-records table has no <NA> age (documented for a
    record without a date), and an accepted bad value is checked for NaN in the result.
    """
    return pd.DataFrame({
        "customer_id": ["K1", "K2", "K3", "K4", "K5", "K6", "K7", "K8"],
        "name": ["Hengxin Electronics Co., Ltd.", "HENGXIN ELECTRONICS CO LTD", "Blue Sea Foods", "Blue Sea Foods Co.",
                 "Hengxin Electronics", "Jade Retail", None, "Star Pharma 有限公司"],
        "phone": ["+86 100 1234 5678", "+8610012345678", "+86 21 5555 0101", "+86 21 5555 0199",
                  "+86 999 0000 1111", "12-34", None, "+86 (10) 8888-7777"],
        "email": ["sales@hengxin.cn", None, "ops@bluesea.cn", "OPS@BlueSea.cn",
                  "info@hengxin-group.cn", "jade.retail.cn", "x@@y.cn", "  "],
        "last_updated": pd.to_datetime(["2025-06-01", "2022-05-01", "2024-01-01", "2023-12-31", "2025-12-31",
                                        "2021-01-15", "2023-12-30", "2019-05-05" if dated else None]),
    })


def _orders():
    """One customer's orders as customer_360 returns them (order_date, quantity, revenue, margin)."""
    return pd.DataFrame({"order_date": ["2025-01-10", "2025-02-15", "2025-03-25"], "quantity": [12, 5, 1],
                         "revenue": [2800.0, 400.0, 1000.0], "margin": [700.0, 150.0, 200.0]})


def _distributor():
    tables = fixture_tables()
    return {"customers": tables["customers"], "products": tables["products"], "order_lines": tables["order_lines"]}


def _without_open_ticket_gaps(tickets: pd.DataFrame) -> pd.DataFrame:
    """Tickets not closed have no satisfaction score (<NA>, documented): fill those cells only."""
    open_ = tickets["status"] != "closed"
    return tickets.assign(satisfaction=tickets["satisfaction"].mask(open_, 0))


@dataclasses.dataclass
class TicketsCase(Case):
    """A case whose result holds service tickets: the documented <NA> satisfaction of tickets that are not
    closed is filled before the no-NaN check; a NaN anywhere else still fails."""

    def function(self):
        func = super().function()

        def call(**kwargs):
            result = func(**kwargs)
            if isinstance(result, dict):
                return {**result, "service_tickets": _without_open_ticket_gaps(result["service_tickets"])}
            return _without_open_ticket_gaps(result)
        return call


MASTER_COLUMNS = {"id_column": "customer_id", "name": "name", "phone": "phone", "email": "email"}

CASES = [
    # -- data quality of a customer master
    # (name first, so that the matrix's "missing column" drops a column that is asked for)
    Case("crm.completeness", lambda: {"master": _quality_master()[["name", "customer_id", "phone", "email"]],
                                      "columns": ["name", "phone", "email"]},
         accepts={"master": {"duplicate keys"},   # rows are records; the index is never looked up
                  "columns": {"none"}}),          # None = every column
    Case("crm.invalid_contacts", lambda: {"master": _quality_master(), "id_column": "customer_id", "email": "email",
                                          "phone": "phone"},
         accepts={"master": {"duplicate keys"}}),
    Case("crm.normalise_name", lambda: {"name": "Hengxin Electronics Co., Ltd."},
         accepts={"name": {"none", "empty",           # missing or blank: no key (None), as documented
                           "unknown label"}}),        # any text is a name
    Case("crm.normalise_phone", lambda: {"phone": "+86 100 1234 5678"},
         accepts={"phone": {"none", "empty",
                            "unknown label"}}),       # text without digits has no key; invalid_contacts reports it
    Case("crm.duplicate_groups", lambda: {"master": _quality_master(), **MASTER_COLUMNS},
         accepts={"master": {"duplicate keys"}}),
    Case("crm.stale_records", lambda: {"master": _quality_master(dated=True), "as_of": "2025-12-31", "id_column": "customer_id",
                                       "updated": "last_updated", "max_age_days": 730},
         accepts={"master": {"duplicate keys"},
                  "max_age_days": {"out of range"}}),  # a very long review cycle: nothing is stale
    Case("crm.quality_report", lambda: {"master": _quality_master(dated=True), "as_of": "2025-12-31", **MASTER_COLUMNS,
                                        "updated": "last_updated", "max_age_days": 730},
         accepts={"master": {"duplicate keys"}, "max_age_days": {"out of range"}}),
    # -- the CRM database of Chapter 1
    Case("crm.connect", lambda: {"target": ":memory:"},
         accepts={"target": {"unknown label"}}),      # any other text is a file name (here in a temporary folder)
    Case("crm.create_schema", lambda: {"conn": crm.connect()}),
    Case("crm.build_database", lambda: {"conn": crm.connect(), "tables": fixture_tables()},
         accepts={"tables": {"empty"}}),              # nothing to load: the schema only
    Case("crm.query", lambda: {"conn": _db(), "sql": "SELECT name, region FROM customers WHERE region = ?",
                               "params": ("West",)}),
    Case("crm.customer_360", lambda: {"conn": _db(), "customer_id": "C1"}),
    Case("crm.generate_contacts", lambda: {"customers": fixture_tables()["customers"], "seed": 3},
         accepts={"customers": {"duplicate keys"}}),
    TicketsCase("crm.generate_service_tickets", lambda: {"orders": crm.crm_tables(_distributor())["orders"], "seed": 3,
                                                  "share": 0.5},
         accepts={"orders": {"duplicate keys"}}),
    TicketsCase("crm.crm_tables", lambda: {"distributor": _distributor(), "seed": 3},
         accepts={"distributor": {"none",             # None = the course's distributor
                                  "unknown label"}}),  # other tables are not used
    # -- the CRM functions map
    Case("crm.check_query_params", lambda: {"key": "top_products_by_quantity", "start": "2025-01-01",
                                            "end": "2025-03-31", "n": 2},
         accepts={"n": {"none", "out of range"}}),    # None = the default 10; a large n lists every product
    Case("crm.run_function_query", lambda: {"conn": _db(), "key": "dormant_customers", "as_of": "2025-12-31",
                                            "days": 90},
         accepts={"days": {"none"}}),                 # None = the default 90 days
    Case("crm.function_map", lambda: {"language": "en"},
         accepts={"language": {"none"}}),             # None = the course language
    # -- order history of the customer 360 view
    Case("crm.order_span", lambda: {"conn": _db()}),
    Case("crm.order_history", lambda: {"orders": _orders(), "freq": "M", "start": "2025-01-01", "end": "2025-06-30"},
         accepts={"orders": {"duplicate keys",
                             "empty"},                   # a customer without orders: an empty calendar
                  "start": {"none"}, "end": {"none"}}),  # None = the first / last order
    Case("crm.category_mix", lambda: {"conn": _db(), "customer_id": "C1"}),
    # -- the logistics provider's CRM database
    Case("crm.clean_master", lambda: {"master": master_fixture(), "shipments": shipments_fixture(),
                                      "id_column": "customer_id", "signup": "signup_date", "updated": "last_updated"},
         accepts={"master": {"duplicate keys"},
                  # only the id column of shipments is used (re-pointed); amounts are checked by the database
                  "shipments": {"duplicate keys", "none", "missing column", "negative"}}),
    Case("crm.build_logistics_database", lambda: {"conn": crm.connect(), "master": _cleaned()["customers"],
                                                  "shipments": _cleaned()["shipments"],
                                                  "merged": _cleaned()["merged"]},
         accepts={"master": {"duplicate keys"},
                  "shipments": {"duplicate keys", "none", "empty"},  # nothing to load is allowed
                  # merged: only merged_id and kept_id are loaded; its group number is not
                  "merged": {"duplicate keys", "none", "empty", "nan", "inf", "negative"}},
         aliases={"master": ("shippers",)}),           # the master is loaded as the table 'shippers'
    Case("crm.shipper_360", lambda: {"conn": _logistics_db(), "customer_id": "K2"}),
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
