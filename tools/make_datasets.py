#!/usr/bin/env python3
"""Regenerate the committed course datasets from their seeded generators.

    python tools/make_datasets.py

Writes ``datasets/surveys/*.csv`` (the service-audit surveys),
``datasets/distributor/*.csv`` (the appliance distributor,
``scm_course.data.generate_distributor()`` and its order fulfilment,
``generate_fulfilment()``) and ``datasets/logistics/*.csv`` (the logistics
provider, ``generate_logistics()``), all with their default seeds, and prints
each data file's SHA-256 for ``datasets/README.md`` / ``datasets/SHA256SUMS``.
``tests/test_data.py`` fails if the committed files differ from a fresh run.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from scm_course.data import (
    generate_audit_survey,
    generate_distributor,
    generate_fulfilment,
    generate_logistics,
    generate_supplier_survey,
    save_distributor,
    LOGISTICS_SCHEMA,
)

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    folder = ROOT / "datasets" / "distributor"
    distributor = generate_distributor()
    save_distributor(distributor, folder)
    save_distributor(generate_fulfilment(distributor), folder)
    save_distributor({"supplier_survey": generate_supplier_survey(), "audit_survey": generate_audit_survey()},
                     ROOT / "datasets" / "surveys")
    save_distributor(generate_logistics(), ROOT / "datasets" / "logistics", schemas=LOGISTICS_SCHEMA)
    lines = []
    # every data file, synthetic or real (datasets/cdnow/ is real data, copied verbatim)
    for path in sorted(p for p in (ROOT / "datasets").glob("*/*") if p.is_file()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(ROOT / 'datasets').as_posix()}")
    (ROOT / "datasets" / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
