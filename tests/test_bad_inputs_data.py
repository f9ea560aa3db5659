"""Bad-input matrix: scm_course.data (see tests/bad_inputs.py)."""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest
from bad_inputs import Case, check, matrix

from scm_course.data import DISTRIBUTOR_SCHEMA, SURVEY_SCHEMA, datasets_dir, generate_distributor


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    """A relative folder name (a mutated ``folder``) resolves in a temporary folder, never in the repository."""
    monkeypatch.chdir(tmp_path)


def folder(name: str) -> str:
    return str(datasets_dir() / name)


@functools.cache
def _small_distributor() -> dict:
    return generate_distributor(7, n_products=10, n_customers=8, n_orders=200, start="2025-01-01", days=60)


def small_distributor() -> dict:
    return {name: table.copy() for name, table in _small_distributor().items()}


@functools.cache
def _raw_survey() -> pd.DataFrame:
    """The survey file as read, before its schema check (text and whole numbers)."""
    return pd.read_csv(datasets_dir() / "surveys" / "audit_survey.csv").head(60)


@functools.cache
def _out_folder() -> str:
    """A temporary folder for save_distributor's valid call, removed at exit."""
    import atexit
    import shutil
    import tempfile

    path = tempfile.mkdtemp(prefix="scm-bad-inputs-")
    atexit.register(shutil.rmtree, path, True)
    return path


# None is the default of every folder: the course's own datasets/ folder
FOLDER_DEFAULT = {"none"}

CASES = [
    Case("data.load_instance", lambda: {"name": "order_priority"}),
    Case("data.verify_checksum", lambda: {"path": folder("surveys/audit_survey.csv"), "required": True}),
    Case("data.file_sha256", lambda: {"path": folder("surveys/audit_survey.csv"),
                                      "data": (datasets_dir() / "surveys" / "audit_survey.csv").read_bytes()},
         accepts={"data": {"none"}}),  # None is the default: the file is read
    Case("data.load_survey", lambda: {"name": "audit_survey", "folder": folder("surveys")},
         accepts={"folder": FOLDER_DEFAULT}),
    Case("data.load_distributor", lambda: {"folder": folder("distributor")}, accepts={"folder": FOLDER_DEFAULT}),
    Case("data.load_fulfilment", lambda: {"folder": folder("distributor")}, accepts={"folder": FOLDER_DEFAULT}),
    Case("data.load_fulfilment_lines", lambda: {"folder": folder("distributor")}, accepts={"folder": FOLDER_DEFAULT}),
    Case("data.load_logistics", lambda: {"folder": folder("logistics")}, accepts={"folder": FOLDER_DEFAULT}),
    Case("data.load_cdnow", lambda: {"folder": folder("cdnow")}, accepts={"folder": FOLDER_DEFAULT}),
    Case("data.validate_table", lambda: {"df": _raw_survey().copy(), "schema": dict(SURVEY_SCHEMA),
                                         "name": "audit_survey"},
         accepts={"df": {"duplicate keys",  # rows are answers; the index carries no meaning
                         "negative"},  # a schema checks kinds, not ranges (load_survey checks 1-7 itself)
                  "name": {"unknown label"}},  # the table's name in messages: any text
         aliases={"df": ("audit_survey",),  # the message names the table by its name
                  "schema": ("expected",)}),  # "missing column(s) [...]; expected [<the schema's columns>]"
    Case("data.save_distributor", lambda: {"tables": {"products": _small_distributor()["products"].copy()},
                                           "folder": _out_folder(),
                                           "schemas": {"products": dict(DISTRIBUTOR_SCHEMA["products"])}},
         accepts={"folder": {"unknown label"},  # a new folder is created (documented); here under tmp_path
                  "schemas": {"none",  # None is the default: the course's schemas
                              "unknown label"}}),  # schemas of tables not written are not used
    Case("data.ratings_with_moments", lambda: {"n": 20, "mean": 5.5, "sd": 1.0, "rng": np.random.default_rng(0),
                                               "low": 1, "high": 7, "sd_decimals": 2},
         accepts={"sd_decimals": {"none"}},  # None: the sd only as close as the integer grid allows (documented)
         skip={"rng": "a numpy Generator that draws the ratings"}),
    Case("data.generate_distributor", lambda: {"seed": 7, "n_products": 10, "n_customers": 8, "n_orders": 200,
                                               "start": "2025-01-01", "days": 60}),
    Case("data.generate_fulfilment", lambda: {"distributor": small_distributor(), "seed": 3},
         # None generates the course's distributor (documented); other tables in the dict are not used
         accepts={"distributor": {"none", "unknown label"}}),
    Case("data.generate_logistics", lambda: {"seed": 3, "n_customers": 20, "duplicate_share": 0.1}),
    Case("data.generate_supplier_survey", lambda: {"seed": 8, "n_respondents": 200}),
    Case("data.generate_audit_survey", lambda: {"seed": 5, "n_respondents": 100}),
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
