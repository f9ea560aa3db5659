"""Case 4 data (scm_course.cases.grocery): deterministic files, checked loading, the reaction tree."""
from __future__ import annotations

import hashlib
import shutil

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scm_course import service
from scm_course.cases import grocery
from scm_course.data import validate_table

ZERO = {r: {"lost_sale": 0.0, "cost": 0.0} for r in grocery.REACTIONS}


def test_written_files_are_the_committed_ones(tmp_path):
    grocery.write(tmp_path)
    committed = grocery._default_folder()
    for name in [*(f"{t}.csv" for t in grocery.SCHEMA), "SHA256SUMS"]:
        assert (tmp_path / name).read_bytes() == (committed / name).read_bytes(), name


def test_same_seed_same_tables_other_seed_other_survey():
    a, b, c = grocery.generate(), grocery.generate(grocery.SEED), grocery.generate(7)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])
    assert not a["survey"]["reaction"].equals(c["survey"]["reaction"])
    pd.testing.assert_frame_equal(a["categories"], c["categories"])  # planning data do not depend on the seed


def test_generated_tables_fit_their_schema():
    tables = grocery.generate()
    for name, schema in grocery.SCHEMA.items():
        assert list(tables[name].columns) == list(schema)
        validate_table(tables[name], schema, name)
    assert tables["survey"].groupby("respondent_id")["category"].nunique().eq(2).all()


def test_load_returns_checked_tables():
    tables = grocery.load()
    assert tables["shelf_checks"]["date"].dtype.kind == "M" and tables["shelf_checks"]["out_of_stock"].dtype == bool
    assert len(tables["categories"]) == 8 and tables["categories"]["perishable"].sum() == 3


def test_numbers_are_in_the_published_range():
    """Reaction shares near Gruen, Corsten & Bharadwaj (2002); out-of-stock near their 8.3 % average."""
    tables = grocery.load()
    shares = tables["survey"]["reaction"].value_counts(normalize=True)
    published = {"other_store": 0.31, "other_brand": 0.26, "other_size": 0.19, "delay": 0.15, "dont_buy": 0.09}
    for reaction, share in published.items():
        assert abs(shares[reaction] - share) < 0.03, reaction
    assert 0.06 < tables["shelf_checks"]["out_of_stock"].mean() < 0.11
    cats = tables["categories"]
    assert (cats["price"] > cats["unit_cost"]).all() and (cats["holding_cost"] < cats["price"] - cats["unit_cost"]).all()
    # hand check: bread = 5 x (0.25 x 1 / 365 + 0.30) + 0.05
    assert cats.set_index("category").loc["bread", "holding_cost"] == pytest.approx(5 * (0.25 / 365 + 0.30) + 0.05,
                                                                                    abs=5e-4)


@pytest.fixture
def copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(grocery._default_folder(), folder)
    return folder


def test_truncated_file_is_named_with_the_fix(copy):
    path = copy / "survey.csv"
    path.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(ValueError, match=r"survey\.csv does not match its checksum.*make_case_data\.py"):
        grocery.load(copy)


def test_missing_file_is_named_with_the_fix(copy):
    (copy / "categories.csv").unlink()
    with pytest.raises(FileNotFoundError, match=r"categories\.csv is missing.*make_case_data\.py"):
        grocery.load(copy)
    (copy / "SHA256SUMS").unlink()
    with pytest.raises(FileNotFoundError, match="SHA256SUMS is missing"):
        grocery.load(copy)


def test_schema_is_checked_even_with_a_matching_checksum(copy):
    frame = pd.read_csv(copy / "categories.csv", dtype=str)
    frame.loc[0, "demand_sd"] = "n/a"
    frame.to_csv(copy / "categories.csv", index=False)

    sums = (copy / "SHA256SUMS").read_text().splitlines()
    digest = hashlib.sha256((copy / "categories.csv").read_bytes()).hexdigest()
    (copy / "SHA256SUMS").write_text("\n".join(f"{digest}  categories.csv" if s.endswith(" categories.csv") else s
                                               for s in sums) + "\n")
    with pytest.raises(ValueError, match="categories: column 'demand_sd' must hold numbers"):
        grocery.load(copy)


def test_reaction_tree_hand_computed():
    tree = grocery.reaction_tree({"other_store": 0.31, "other_brand": 0.26, "other_size": 0.19, "delay": 0.15,
                                  "dont_buy": 0.09})
    assert tree["stockout"] == {"other_store": 0.31, "stay": pytest.approx(0.69)}
    assert tree["stay"]["substitute"] == pytest.approx(0.45 / 0.69)
    assert tree["substitute"]["other_brand"] == pytest.approx(0.26 / 0.45)
    assert tree["no_substitute"]["dont_buy"] == pytest.approx(0.09 / 0.24)
    # expected margin lost per unit short with the case's effects and a margin of 10:
    # 10 x (0.31 + 0.26 x 0.1 + 0.19 x 0.15 + 0.15 x 0.2 + 0.09) = 4.845
    effects = grocery.load()["reaction_effects"].set_index("reaction")
    outcomes = pd.DataFrame({"lost_sale": effects["lost_sale"], "cost": 10 * effects["margin_lost"]})
    assert service.stockout_reactions(tree, outcomes)["expected_cost"] == pytest.approx(4.845)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 100), min_size=5, max_size=5).filter(lambda w: sum(w) > 0))
def test_reaction_tree_gives_back_the_shares(weights):
    shares = {r: w / sum(weights) for r, w in zip(grocery.REACTIONS, weights)}
    leaves = service.stockout_reactions(grocery.reaction_tree(shares), ZERO)["leaves"]["probability"]
    for reaction, share in shares.items():
        assert leaves[reaction] == pytest.approx(share, abs=1e-9)


@pytest.mark.parametrize("shares, error, message", [
    ([0.2] * 5, TypeError, "shares must be a mapping"),
    ({"other_store": 1.0}, ValueError, "shares must give exactly"),
    (dict(zip(grocery.REACTIONS, [0.5, 0.5, 0.5, 0, 0])), ValueError, "shares must sum to 1"),
    (dict(zip(grocery.REACTIONS, [1.2, -0.2, 0, 0, 0])), ValueError, r"shares\['other_store'\] must be a number in"),
    (dict(zip(grocery.REACTIONS, [True, 0, 0, 0, 0])), ValueError, "must be a number"),
])
def test_reaction_tree_rejects_bad_shares(shares, error, message):
    with pytest.raises(error, match=message):
        grocery.reaction_tree(shares)


def test_generate_rejects_a_bad_seed():
    with pytest.raises(TypeError, match="seed must be an int"):
        grocery.generate("1")
