"""Datasets are verified on load: checksum (SHA256SUMS) and schema.

Each test copies the committed data to a temporary folder, damages one file (one byte
changed, the end cut off, a column dropped) and loads from the copy: the loader must
raise :class:`scm_course.data.DatasetError` (a ValueError) naming the damaged file and
how to restore it -- never return silently wrong data or fail deep inside pandas.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from scm_course import data
from scm_course.cases import appliance, grocery, industrial_audit

ROOT = Path(__file__).resolve().parent.parent

# loader -> the files it reads (relative to datasets/)
LOADERS = {
    "load_distributor": (lambda: data.load_distributor(),
                         ["distributor/products.csv", "distributor/customers.csv", "distributor/order_lines.csv"]),
    "load_fulfilment": (lambda: data.load_fulfilment(),
                        ["distributor/fulfilment_orders.csv", "distributor/fulfilment_lines.csv"]),
    "load_fulfilment_lines": (lambda: data.load_fulfilment_lines(),
                              ["distributor/fulfilment_orders.csv", "distributor/fulfilment_lines.csv"]),
    "load_survey": (lambda: data.load_survey("audit_survey"), ["surveys/audit_survey.csv"]),
    "load_survey_supplier": (lambda: data.load_survey("supplier_survey"), ["surveys/supplier_survey.csv"]),
    "load_logistics": (lambda: data.load_logistics(), ["logistics/customers.csv", "logistics/shipments.csv"]),
    "load_cdnow": (lambda: data.load_cdnow(), ["cdnow/CDNOW_sample.txt"]),
}
CASES = {"appliance": appliance, "grocery": grocery, "industrial_audit": industrial_audit}


def test_every_loader_is_covered():
    loaders = {name for name in data.__all__ if name.startswith("load_") and name != "load_instance"}
    assert loaders == {name for name in LOADERS if not name.endswith("_supplier")}
    read = {rel for _, files in LOADERS.values() for rel in files}
    listed = {line.split("  ")[1] for line in (ROOT / "datasets" / "SHA256SUMS").read_text().splitlines() if line}
    # every data file a loader reads is in SHA256SUMS (the CDNOW summary is only a test reference)
    assert read <= listed and listed - read == {"cdnow/cdnow_customers_summary_with_transactions.csv"}


@pytest.fixture
def datasets_copy(tmp_path, monkeypatch):
    """A copy of datasets/ that the loaders read (SCM_COURSE_DATA) by default."""
    copy = tmp_path / "datasets"
    shutil.copytree(ROOT / "datasets", copy)
    monkeypatch.setenv("SCM_COURSE_DATA", str(copy))
    return copy


def _touch_later(path: Path) -> None:
    """Move the modification time on, so a same-size edit cannot hide behind the hash cache."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def _flip_one_byte(path: Path) -> None:
    raw = bytearray(path.read_bytes())
    i = next(k for k in range(len(raw) // 2, len(raw)) if chr(raw[k]).isdigit())  # a digit: still a valid CSV
    raw[i] = ord("7") if raw[i] != ord("7") else ord("3")
    path.write_bytes(bytes(raw))
    _touch_later(path)


def _truncate(path: Path) -> None:
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) * 2 // 3])
    _touch_later(path)


def _drop_column(path: Path) -> None:
    if path.suffix == ".txt":  # CDNOW: whitespace-separated, no header: drop the last field
        lines = path.read_text(encoding="ascii").splitlines()
        path.write_text("\n".join(line.rsplit(None, 1)[0] for line in lines) + "\n", encoding="ascii")
    else:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame.drop(columns=frame.columns[-1]).to_csv(path, index=False, lineterminator="\n")
    _touch_later(path)


DAMAGES = {"one_byte": _flip_one_byte, "truncated": _truncate, "column_dropped": _drop_column}


def test_the_copy_loads(datasets_copy):
    for load, _ in LOADERS.values():
        assert len(load()) > 0


@pytest.mark.parametrize("damage", list(DAMAGES))
@pytest.mark.parametrize("loader", list(LOADERS))
def test_damaged_file_is_a_clear_error(datasets_copy, loader, damage):
    load, files = LOADERS[loader]
    rel = files[-1]
    DAMAGES[damage](datasets_copy / rel)
    with pytest.raises(data.DatasetError) as info:
        load()
    message = str(info.value)
    assert str(datasets_copy / rel) in message
    assert "does not match its SHA-256" in message and "corrupted, truncated or edited" in message
    assert f"git checkout -- datasets/{rel}" in message
    # synthetic files can also be regenerated; the real CDNOW data only come back from git
    assert ("tools/make_datasets.py" in message) == (not rel.startswith("cdnow/"))
    assert isinstance(info.value, ValueError)


def test_every_file_of_a_loader_is_checked(datasets_copy):
    for load, files in LOADERS.values():
        for rel in files:
            original = (datasets_copy / rel).read_bytes()
            _flip_one_byte(datasets_copy / rel)
            with pytest.raises(data.DatasetError, match="does not match its SHA-256"):
                load()
            (datasets_copy / rel).write_bytes(original)
            _touch_later(datasets_copy / rel)
        assert len(load()) > 0


def test_missing_or_broken_checksum_list(datasets_copy):
    sums = datasets_copy / "SHA256SUMS"
    text = sums.read_text()
    sums.write_text(text.replace("  distributor/products.csv", " distributor/products.csv"))
    with pytest.raises(data.DatasetError, match=r"SHA256SUMS: line \d+ is not '<sha256>  <file>'"):
        data.load_distributor()
    sums.write_text("".join(line + "\n" for line in text.splitlines() if "products.csv" not in line))
    with pytest.raises(data.DatasetError, match=r"products\.csv is not listed in .*SHA256SUMS"):
        data.load_distributor()
    sums.unlink()
    with pytest.raises(data.DatasetError, match="no SHA256SUMS in .* to check it against"):
        data.load_distributor()


def test_folder_without_checksums_is_checked_by_schema(tmp_path):
    """Your own data in a folder with no SHA256SUMS: the schema still guards the load."""
    folder = tmp_path / "mine"
    shutil.copytree(ROOT / "datasets" / "distributor", folder)
    assert len(data.load_distributor(folder)["products"]) == 60
    _drop_column(folder / "order_lines.csv")
    with pytest.raises(data.DatasetError, match=r"order_lines: missing column\(s\) \['margin'\]") as info:
        data.load_distributor(folder)
    assert str(folder) in str(info.value)


def test_a_copy_with_its_checksums_is_checked_when_passed_explicitly(tmp_path):
    copy = tmp_path / "datasets"
    shutil.copytree(ROOT / "datasets", copy)
    _truncate(copy / "logistics" / "shipments.csv")
    with pytest.raises(data.DatasetError, match="shipments.csv does not match its SHA-256"):
        data.load_logistics(copy / "logistics")


def test_each_file_is_hashed_once_per_process(datasets_copy, monkeypatch):
    calls = []
    real = hashlib.sha256

    def counting(*args):
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(data.hashlib, "sha256", counting)
    data.load_distributor()
    assert len(calls) == 3
    data.load_distributor()
    assert len(calls) == 3  # cached by path, modification time and size
    _flip_one_byte(datasets_copy / "distributor" / "products.csv")  # a new mtime: hashed again, and caught
    with pytest.raises(data.DatasetError, match="products.csv does not match"):
        data.load_distributor()
    assert len(calls) == 4


def test_verify_checksum_returns_the_digest():
    path = ROOT / "datasets" / "surveys" / "audit_survey.csv"
    assert data.verify_checksum(path) == hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(FileNotFoundError, match="restore it with `git checkout -- datasets/surveys/nope.csv`"):
        data.verify_checksum(path.with_name("nope.csv"))


# --------------------------------------------------------------------------
# the casebook's own data (each case folder has its SHA256SUMS)
# --------------------------------------------------------------------------
def test_every_case_data_file_has_a_checksum():
    for folder in sorted((ROOT / "casebook").glob("*/data")):
        csvs = sorted(p.name for p in folder.glob("*.csv"))
        if not csvs:
            continue  # cases 3 and 5 use datasets/ (cdnow, logistics)
        listed = sorted(line.split()[1] for line in (folder / "SHA256SUMS").read_text().splitlines() if line)
        assert listed == csvs, folder


def _case_copy(tmp_path, module) -> Path:
    source = ROOT / "casebook" / module.CASE_FOLDER / "data"
    copy = tmp_path / module.CASE_FOLDER
    shutil.copytree(source, copy)
    return copy


@pytest.mark.parametrize("damage", list(DAMAGES))
@pytest.mark.parametrize("case", list(CASES))
def test_damaged_case_file_is_a_clear_error(tmp_path, case, damage):
    module = CASES[case]
    folder = _case_copy(tmp_path, module)
    assert module.load(folder)
    victim = max(folder.glob("*.csv"), key=lambda p: p.stat().st_size)
    DAMAGES[damage](victim)
    with pytest.raises(data.DatasetError) as info:
        module.load(folder)
    message = str(info.value)
    assert str(victim) in message and "checksum" in message
    assert "with git" in message and f"tools/make_case_data.py {case}" in message


@pytest.mark.parametrize("case", list(CASES))
def test_case_schema_error_names_the_file(tmp_path, case):
    """A dropped column with a matching (re-made) checksum still fails, naming the file."""
    module = CASES[case]
    folder = _case_copy(tmp_path, module)
    victim = max(folder.glob("*.csv"), key=lambda p: p.stat().st_size)
    _drop_column(victim)
    sums = folder / "SHA256SUMS"
    lines = [f"{hashlib.sha256(victim.read_bytes()).hexdigest()}  {victim.name}" if line.endswith(victim.name) else line
             for line in sums.read_text().splitlines()]
    sums.write_text("\n".join(lines) + "\n")
    with pytest.raises(data.DatasetError, match="missing column") as info:
        module.load(folder)
    assert str(victim) in str(info.value)
