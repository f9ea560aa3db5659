"""Bad-input matrix: scm_course.cases.* -- the case data generators, writers and loaders (see tests/bad_inputs.py).

Every test runs in a temporary working directory and writes only into temporary
folders: a bad ``folder`` such as ``"no-such-option"`` is a valid new folder, and
``industrial_audit.write(folder=None)`` would write into the course's casebook,
so during that call its default folder is a temporary one.
"""
from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

import pandas as pd
import pytest

from bad_inputs import Case, check, matrix
from scm_course.cases import appliance, grocery, industrial_audit


@pytest.fixture(autouse=True)
def _in_tmp_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a fresh folder per test: a folder written by one test is not read by another


@dataclasses.dataclass
class DefaultFolderCase(Case):
    """industrial_audit.write: its default folder (``folder=None``) is the committed casebook data; during
    the call it is a temporary folder, so the test never writes into the course."""

    def function(self):
        func = super().function()

        def call(**kwargs):
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(industrial_audit, "data_folder", lambda: Path("default-data").resolve())
                return func(**kwargs)
        return call


@functools.lru_cache(maxsize=1)
def _appliance_tables():
    return appliance.load()


def _tables():
    return {name: frame.copy() for name, frame in _appliance_tables().items()}


@functools.lru_cache(maxsize=1)
def _stats():
    return appliance.pair_stats(_appliance_tables())


def _classes():
    stats = _stats()
    customers = stats.index.unique("distributor_id")
    products = stats.index.unique("class_id")
    # first third of the distributors and classes: I, the rest: II
    return (pd.Series(["I" if i < len(customers) // 3 else "II" for i in range(len(customers))], index=customers),
            pd.Series(["A" if i < len(products) // 3 else "B" for i in range(len(products))], index=products))


@functools.lru_cache(maxsize=1)
def _audit_tables():
    return industrial_audit.generate()


def _audit_copy():
    return {name: frame.copy() for name, frame in _audit_tables().items()}


def _folder(name):
    """A new folder name under the temporary working directory (relative, so the case is readable)."""
    return f"out-{name}"


SHARES = {"other_store": 0.31, "other_brand": 0.26, "other_size": 0.19, "delay": 0.15, "dont_buy": 0.09}

CASES = [
    # -- Case 1: appliance distributors
    Case("cases.appliance.generate", lambda: {"seed": 20240101}),
    Case("cases.appliance.write", lambda: {"folder": _folder("appliance"), "seed": 20240101},
         accepts={"folder": {"unknown label"}}),     # any new folder name is a place to write to
    Case("cases.appliance.load", lambda: {"folder": str(appliance._default_folder())},
         accepts={"folder": {"none"}}),               # None = the committed case data
    Case("cases.appliance.pair_stats", lambda: {"tables": _tables()},
         accepts={"tables": {"none",                  # None = the committed case data
                             "unknown label"}}),      # other tables are not used
    # (the summed column first, so that the matrix's column mutations hit it)
    Case("cases.appliance.cell_sums", lambda: {"stats": _stats()[["annual_units", *_stats().columns.drop("annual_units")]],
                                               "customer_class": _classes()[0], "product_class": _classes()[1],
                                               "value": "annual_units"},
         accepts={"stats": {"negative"}}),            # any finite amounts are summed (a margin may be a loss)
    # -- Case 4: grocery stockouts
    Case("cases.grocery.generate", lambda: {"seed": 2026}),
    Case("cases.grocery.write", lambda: {"folder": _folder("grocery"), "seed": 2026},
         accepts={"folder": {"unknown label"}}),
    Case("cases.grocery.load", lambda: {"folder": str(grocery._default_folder())},
         accepts={"folder": {"none"}}),
    Case("cases.grocery.reaction_tree", lambda: {"shares": dict(SHARES)}),
    # -- Case 2: industrial audit
    Case("cases.industrial_audit.generate", lambda: {"seed": 2702, "n_respondents": 160}),
    DefaultFolderCase("cases.industrial_audit.write", lambda: {"folder": _folder("audit"), "tables": _audit_copy()},
         accepts={"folder": {"unknown label",
                             "none"},                 # None = the default folder (a temporary one here)
                  "tables": {"none"}}),              # None = generate()
    Case("cases.industrial_audit.load", lambda: {"folder": str(industrial_audit.data_folder())},
         accepts={"folder": {"none"}}),
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
