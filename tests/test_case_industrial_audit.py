"""Case 2 data (Hengtong's service audit): generator, committed files, checksums, design values."""
from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scm_course import audit as au
from scm_course.cases import industrial_audit as ia


@pytest.fixture(scope="module")
def tables():
    return ia.load()


@pytest.fixture()
def copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(ia.data_folder(), folder)
    return folder


def test_committed_files_are_what_the_generator_writes(tmp_path):
    ia.write(tmp_path)
    for name in [*(f"{t}.csv" for t in ia.TABLES), "SHA256SUMS"]:
        assert (tmp_path / name).read_bytes() == (ia.data_folder() / name).read_bytes(), name


def test_same_seed_same_tables_other_seed_other_survey():
    a, b, c = ia.generate(), ia.generate(), ia.generate(seed=1)
    for name in ia.TABLES:
        pd.testing.assert_frame_equal(a[name], b[name])
    assert not a["survey"]["score"].equals(c["survey"]["score"])


def test_row_counts_and_raters(tables):
    assert len(tables["respondents"]) == ia.N_RESPONDENTS == 160
    assert len(tables["attributes"]) == 12 and list(tables["attributes"]["attribute"]) == list(ia.ATTRIBUTES)
    n = tables["survey"].groupby("rater")["respondent"].nunique()
    resp = tables["respondents"]
    assert n["importance"] == n["Hengtong"] == 160
    assert n["Dacheng"] == resp["buys_from_dacheng"].sum() == 113
    assert n["PartsHub"] == resp["buys_from_partshub"].sum() == 75
    assert len(tables["survey"]) == 12 * (160 + 160 + 113 + 75)
    assert list(tables["kpi_monthly"]["month"]) == list(pd.date_range("2025-01-01", periods=12, freq="MS"))
    assert set(tables["kpi_standards"]["measure"]) == set(ia.MEASURES)


def test_means_and_sds_are_the_design_values(tables):
    summary = au.survey_summary(tables["survey"])
    for row in ia._ATTRIBUTE_DESIGN:
        for r, rater in enumerate(ia.RATERS):
            mean, sd = row[5 + r]
            got = summary.loc[(row[0], rater)]
            assert abs(got["mean"] - mean) <= 0.5 / got["n"] + 1e-9, (row[0], rater)  # sum = round(n * mean)
            assert abs(got["sd"] - sd) <= 0.05 + 1e-9, (row[0], rater)


def test_hand_computed_difference_and_welch_mark(tables):
    s = tables["survey"]
    sel = s[s["attribute"] == "stock_availability"]
    h, d = sel[sel["rater"] == "Hengtong"]["score"], sel[sel["rater"] == "Dacheng"]["score"]
    assert h.mean() == pytest.approx(776 / 160)  # 4.85 exactly: the sum is round(160 * 4.85)
    rp = au.relative_performance(s, "Hengtong", "Dacheng")
    assert rp.loc["stock_availability", "difference"] == pytest.approx(h.mean() - d.mean())
    assert rp.loc["stock_availability", "mark"] == "**"
    assert rp.loc["order_accuracy", "mark"] == "" and rp.loc["technical_support", "mark"] == "*"


def test_importance_follows_customer_type(tables):
    imp = tables["survey"].query("rater == 'importance'").merge(tables["respondents"], on="respondent")
    means = imp.pivot_table(index="customer_type", columns="attribute", values="score")
    assert means.loc["contractor", "online_ordering"] > means.loc["oem_production", "online_ordering"] + 1
    assert means.loc["plant_maintenance", "emergency_orders"] > means.loc["oem_production", "emergency_orders"]
    assert means.loc["oem_production", "vmi_service"] > means.loc["contractor", "vmi_service"] + 0.5


def test_internal_audit_story(tables):
    from scm_course import service

    monthly = tables["kpi_monthly"].set_index("month")
    status = {}
    for _, s in tables["kpi_standards"].iterrows():
        report = service.control_report(monthly[s["measure"]], s["standard"], tolerance=s["tolerance"],
                                        higher_is_better=bool(s["higher_is_better"]))
        status[s["measure"]] = report["status"]
    assert (status["on_time_dispatch"] == "meets").all()  # looks fine inside, customers disagree
    assert (status["complaints_closed_5d"] == "below_standard").all()
    assert (status["line_fill_rate"] != "meets").all()


@pytest.mark.parametrize("damage", ["edit", "truncate"])
def test_damaged_file_names_the_file_and_the_fix(copy, damage):
    path = copy / "survey.csv"
    text = path.read_text("utf-8")
    path.write_text(text.replace("C001,stock_availability,importance,7", "C001,stock_availability,importance,6", 1)
                    if damage == "edit" else text[: len(text) // 2], "utf-8")
    with pytest.raises(ValueError, match=r"survey\.csv does not match its SHA-256.*make_case_data\.py industrial_audit"):
        ia.load(copy)


def test_missing_files_are_clear_errors(copy):
    (copy / "respondents.csv").unlink()
    with pytest.raises(FileNotFoundError, match=r"respondents\.csv is missing.*make_case_data"):
        ia.load(copy)
    (copy / "SHA256SUMS").unlink()
    with pytest.raises(FileNotFoundError, match=r"SHA256SUMS is missing"):
        ia.load(copy)


def test_schema_and_consistency_are_checked_after_the_checksum(copy):
    tables = ia.load(copy)
    bad = dict(tables)
    bad["survey"] = tables["survey"].assign(score=tables["survey"]["score"].where(tables["survey"].index != 5, 9))
    ia.write(copy, bad)  # consistent checksums, inconsistent content: write validates the schema only
    with pytest.raises(ValueError, match="score' must be 1-7; got 9 at row 5"):
        ia.load(copy)
    bad["survey"] = tables["survey"].assign(rater=tables["survey"]["rater"].replace("Dacheng", "Dachen"))
    ia.write(copy, bad)
    with pytest.raises(ValueError, match=r"survey rater has unknown value\(s\) \['Dachen'\]"):
        ia.load(copy)
    bad["respondents"] = tables["respondents"].drop(columns="region")
    with pytest.raises(ValueError, match=r"respondents: missing column\(s\) \['region'\]"):
        ia.write(copy, bad)


@pytest.mark.parametrize("kwargs, match", [({"seed": -1}, "seed must be"), ({"seed": 1.5}, "seed must be"),
                                           ({"n_respondents": 10}, "n_respondents must be")])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        ia.generate(**kwargs)


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_any_seed_gives_a_valid_survey_with_the_design_means(seed):
    tables = ia.generate(seed=seed)
    s = tables["survey"]
    assert s["score"].between(1, 7).all() and not s.duplicated(["respondent", "attribute", "rater"]).any()
    firm = s[s["rater"] == "Hengtong"].groupby("attribute", sort=False)["score"].mean()
    design = np.array([row[6][0] for row in ia._ATTRIBUTE_DESIGN])
    assert np.abs(firm.to_numpy() - design).max() <= 0.5 / 160 + 1e-9
    for name in ia.TABLES:
        ia.validate_table(tables[name], ia.SCHEMA[name], name)
