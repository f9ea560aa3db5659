"""Case data files: deterministic CSV bytes, ``SHA256SUMS``, and checked reading."""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

import numpy as np
import pandas as pd

from ..data import DatasetError, file_sha256, validate_table


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as CSV bytes: dates ``YYYY-MM-DD``, ``\\n`` line ends, floats ``%.6g``."""
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    buffer = io.StringIO()
    out.to_csv(buffer, index=False, lineterminator="\n", float_format="%.6g")
    return buffer.getvalue().encode("utf-8")


def write_tables(folder, tables: dict) -> None:
    """Write each table as ``<name>.csv`` and their checksums as ``SHA256SUMS`` into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sums = []
    for name, frame in sorted(tables.items()):
        data = csv_bytes(frame)
        (folder / f"{name}.csv").write_bytes(data)
        sums.append(f"{hashlib.sha256(data).hexdigest()}  {name}.csv\n")
    (folder / "SHA256SUMS").write_text("".join(sums), encoding="utf-8")


def read_tables(folder, schema: dict, restore: str) -> dict:
    """Read ``<name>.csv`` for each table of ``schema``, checked against ``SHA256SUMS`` and the schema.

    Raises ``FileNotFoundError`` for a missing file and
    :class:`~scm_course.data.DatasetError` (a ``ValueError``) for a checksum
    mismatch (corrupted or truncated file) or a schema error, each naming the
    file and ending with ``restore`` (how to get the file back).  Each file is
    hashed once per process (:func:`~scm_course.data.file_sha256`).
    """
    folder = Path(folder)
    sums_path = folder / "SHA256SUMS"
    if not sums_path.is_file():
        raise FileNotFoundError(f"{sums_path} is missing; {restore}")
    expected = {}
    for line in sums_path.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        expected[name.strip()] = digest.strip()
    tables = {}
    for name, kinds in schema.items():
        path = folder / f"{name}.csv"
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing; {restore}")
        data = path.read_bytes()
        if file_sha256(path, data) != expected.get(f"{name}.csv"):
            raise DatasetError(f"{path} does not match its checksum in SHA256SUMS (corrupted or truncated); {restore}")
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8")
        try:
            tables[name] = validate_table(frame.replace("", np.nan), kinds, name)
        except ValueError as err:
            raise DatasetError(f"{path}: {err}; {restore}") from None
    return tables
