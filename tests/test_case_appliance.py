"""Case 1 data (scm_course.cases.appliance): generator, files, loader, helpers."""
from __future__ import annotations

import hashlib
import shutil

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scm_course.cases import appliance as ap


@pytest.fixture(scope="module")
def tables():
    return ap.load()


def test_committed_files_are_what_the_generator_writes(tmp_path):
    ap.write(tmp_path)
    folder = ap._default_folder()
    for name in ("distributors.csv", "product_classes.csv", "weekly_demand.csv", "SHA256SUMS"):
        assert (tmp_path / name).read_bytes() == (folder / name).read_bytes(), name


def test_same_seed_same_tables_other_seed_other_demand():
    a, b, c = ap.generate(), ap.generate(), ap.generate(seed=7)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])
    assert not a["weekly_demand"]["units"].equals(c["weekly_demand"]["units"])


def test_shape_and_keys(tables):
    demand = tables["weekly_demand"]
    assert len(tables["distributors"]) == 30 and len(tables["product_classes"]) == 12
    assert len(demand) == 52 * 30 * 12
    assert not demand.duplicated(["week", "distributor_id", "class_id"]).any()
    assert (demand["week"].dt.day_of_week == 0).all() and demand["week"].dt.year.eq(2024).all()
    assert (demand["units"] >= 0).all()


def test_numbers_are_realistic(tables):
    classes = tables["product_classes"]
    margin_rate = (classes["unit_price"] - classes["unit_cost"]) / classes["unit_price"]
    assert margin_rate.between(0.12, 0.30).all() and margin_rate.is_unique  # ranks without ties
    assert classes["holding_cost_rate"].between(0.18, 0.30).all()
    assert set(classes["importance"]) == {1, 2, 3}
    stats = ap.pair_stats(tables)
    per_distributor = stats.groupby("distributor_id")["annual_units"].sum()
    assert 2e5 < per_distributor.sum() < 1e6
    top3 = per_distributor.sort_values(ascending=False).head(3).sum() / per_distributor.sum()
    assert 0.25 < top3 < 0.55  # a few large distributors carry much of the volume
    cv = stats["sd_weekly"] / stats["mean_weekly"]
    assert cv[stats["mean_weekly"] > 20].between(0.25, 1.2).all()
    ac = tables["weekly_demand"].query("class_id == 'P01'").groupby(pd.Grouper(key="week", freq="QS"))["units"].sum()
    assert ac.iloc[2] > 1.5 * ac.iloc[0]  # air conditioners sell in summer


def test_pair_stats_hand_check(tables):
    stats = ap.pair_stats(tables)
    units = tables["weekly_demand"].query("distributor_id == 'D05' and class_id == 'P03'")["units"].to_numpy()
    row = stats.loc[("D05", "P03")]
    assert row["annual_units"] == units.sum() and row["mean_weekly"] == pytest.approx(units.mean())
    assert row["sd_weekly"] == pytest.approx(np.std(units, ddof=1))
    assert row["sd_lead_time"] == pytest.approx(np.std(units, ddof=1) * np.sqrt(2))  # P03: 2 weeks
    assert row["annual_margin"] == pytest.approx(units.sum() * (1860 - 1500))
    assert row["sd_lead_time_cost"] == pytest.approx(row["sd_lead_time"] * 1500)


def test_cell_sums_keeps_the_total_and_the_class_order(tables):
    stats = ap.pair_stats(tables)
    cust = pd.Series(pd.Categorical(["big"] * 10 + ["small"] * 20, categories=["small", "big"]),
                     index=[f"D{k:02d}" for k in range(1, 31)])
    prod = pd.Series(["x"] * 6 + ["y"] * 6, index=[f"P{k:02d}" for k in range(1, 13)])
    out = ap.cell_sums(stats, cust, prod, "annual_margin")
    assert list(out.index) == ["small", "big"] and list(out.columns) == ["x", "y"]
    assert out.to_numpy().sum() == pytest.approx(stats["annual_margin"].sum())
    hand = stats.loc[(slice("D01", "D10"), slice("P01", "P06")), "annual_margin"].sum()
    assert out.loc["big", "x"] == pytest.approx(hand)


@given(st.lists(st.sampled_from("ABC"), min_size=12, max_size=12))
def test_cell_sums_column_totals_match_the_product_classes(labels):
    stats = _stats()
    prod = pd.Series(labels, index=[f"P{k:02d}" for k in range(1, 13)])
    cust = pd.Series("all", index=[f"D{k:02d}" for k in range(1, 31)])
    out = ap.cell_sums(stats, cust, prod, "annual_units")
    by_class = stats["annual_units"].groupby(stats.index.get_level_values("class_id").map(prod)).sum()
    assert out.loc["all"].to_dict() == pytest.approx(by_class.to_dict())


_CACHE = {}


def _stats():
    if "stats" not in _CACHE:
        _CACHE["stats"] = ap.pair_stats()
    return _CACHE["stats"]


def test_cell_sums_rejects_bad_input():
    stats = _stats()
    cust = pd.Series("I", index=stats.index.unique("distributor_id"))
    prod = pd.Series("A", index=stats.index.unique("class_id"))
    with pytest.raises(ValueError, match="value must be a column"):
        ap.cell_sums(stats, cust, prod, "margin")
    with pytest.raises(ValueError, match="customer_class has no class for distributor_id 'D01'"):
        ap.cell_sums(stats, cust.iloc[1:], prod, "annual_units")
    with pytest.raises(TypeError, match="product_class must be a Series"):
        ap.cell_sums(stats, cust, {"P01": "A"}, "annual_units")
    with pytest.raises(TypeError, match="stats must be the DataFrame of pair_stats"):
        ap.cell_sums(stats.reset_index(), cust, prod, "annual_units")


@pytest.fixture
def copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(ap._default_folder(), folder)
    return folder


def test_truncated_file_names_itself_and_the_fix(copy):
    path = copy / "weekly_demand.csv"
    path.write_bytes(path.read_bytes()[:5000])
    with pytest.raises(ValueError, match=r"weekly_demand\.csv does not match its checksum.*make_case_data\.py"):
        ap.load(copy)


def test_missing_file_says_how_to_restore(copy):
    (copy / "distributors.csv").unlink()
    with pytest.raises(FileNotFoundError, match=r"distributors\.csv is missing.*make_case_data\.py"):
        ap.load(copy)


def test_schema_is_checked_after_the_checksum(copy):
    path = copy / "product_classes.csv"
    text = path.read_text(encoding="utf-8").replace(",2300,", ",n/a,", 1)
    path.write_text(text, encoding="utf-8")
    sums = (copy / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    sums = [f"{digest}  product_classes.csv" if s.endswith("product_classes.csv") else s for s in sums]
    (copy / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="product_classes: column 'unit_cost' must hold numbers"):
        ap.load(copy)


def _rewrite(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    sums = [f"{digest}  {name}" if s.endswith(name) else s
            for s in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()]
    (folder / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")


def test_demand_must_name_known_distributors(copy):
    text = (copy / "weekly_demand.csv").read_text(encoding="utf-8")
    _rewrite(copy, "weekly_demand.csv", text.replace(",D30,", ",D31,", 1))
    with pytest.raises(ValueError, match="weekly_demand: unknown distributor_id 'D31'"):
        ap.load(copy)
