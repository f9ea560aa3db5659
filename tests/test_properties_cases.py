"""Property tests for the casebook's data modules (issue 10): scm_course.cases.appliance,
.grocery and .industrial_audit.

Invariants, for any seed: the generated tables keep the case's design (a complete distributor x
week x class grid of non-negative units; two different categories per shopper and twenty shelf
checks per store and category inside the audit window); writing them and loading them back
gives the same tables (the same seed gives the same bytes); and any one changed byte in any
file is caught by the checksum, with an error naming the file.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scm_course.cases import appliance, grocery, industrial_audit

seeds = st.integers(0, 2**32 - 1)


def _same_tables(loaded: dict, generated: dict):
    assert set(loaded) == set(generated)
    for name, frame in generated.items():
        pd.testing.assert_frame_equal(loaded[name][list(frame.columns)].reset_index(drop=True),
                                      frame.reset_index(drop=True), check_dtype=False, rtol=1e-6,
                                      obj=f"table {name!r}")


def _corrupt_one_byte(folder: Path, data) -> Path:
    files = sorted(folder.glob("*.csv"))
    path = files[data.draw(st.integers(0, len(files) - 1), label="file")]
    raw = bytearray(path.read_bytes())
    i = data.draw(st.integers(0, len(raw) - 1), label="position")
    raw[i] = raw[i] ^ data.draw(st.integers(1, 255), label="xor")  # always a different byte
    path.write_bytes(bytes(raw))
    return path


@settings(max_examples=8)
@given(seeds, st.data())
def test_appliance_grid_round_trip_and_corruption(seed, data):
    tables = appliance.generate(seed)
    demand = tables["weekly_demand"]
    n_dist, n_class = len(tables["distributors"]), len(tables["product_classes"])
    assert len(demand) == n_dist * appliance.WEEKS * n_class
    assert not demand.duplicated(["week", "distributor_id", "class_id"]).any()
    assert (demand["units"] >= 0).all() and tables["distributors"]["channel"].isin(appliance.CHANNELS).all()
    assert (tables["product_classes"]["unit_price"] > tables["product_classes"]["unit_cost"]).all()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        appliance.write(folder, seed)
        _same_tables(appliance.load(folder), tables)
        bad = _corrupt_one_byte(folder, data)
        with pytest.raises(ValueError, match=bad.name):
            appliance.load(folder)


@settings(max_examples=5)
@given(seeds, st.data())
def test_grocery_design_round_trip_and_corruption(seed, data):
    tables = grocery.generate(seed)
    survey, shelf = tables["survey"], tables["shelf_checks"]
    per_shopper = survey.groupby("respondent_id")["category"]
    assert (per_shopper.size() == 2).all() and (per_shopper.nunique() == 2).all()
    assert survey["reaction"].isin(grocery.REACTIONS).all()
    per_cell = shelf.groupby(["store_id", "category"]).size()
    assert len(per_cell) == grocery.N_STORES * len(tables["categories"]) and (per_cell == 20).all()
    assert shelf["date"].min() >= pd.Timestamp(grocery._AUDIT_START)
    assert (shelf["date"] - pd.Timestamp(grocery._AUDIT_START)).dt.days.max() < grocery._AUDIT_DAYS
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        grocery.write(folder, seed)
        _same_tables(grocery.load(folder), tables)
        bad = _corrupt_one_byte(folder, data)
        with pytest.raises(ValueError, match=bad.name):
            grocery.load(folder)


@settings(max_examples=6)
@given(seeds, st.data())
def test_industrial_audit_round_trip_and_corruption(seed, data):
    tables = industrial_audit.generate(seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        industrial_audit.write(folder, tables)
        _same_tables(industrial_audit.load(folder), tables)
        bad = _corrupt_one_byte(folder, data)
        with pytest.raises(ValueError, match=bad.name):
            industrial_audit.load(folder)
