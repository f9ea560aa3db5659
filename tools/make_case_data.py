"""Rewrite the data files of every casebook case from their seeded generators.

    python tools/make_case_data.py            all cases with generated data
    python tools/make_case_data.py appliance  only the named case module(s)

Each module of ``scm_course.cases`` with a ``write(folder)`` function and a
``CASE_FOLDER`` writes its CSV files and ``SHA256SUMS`` into
``casebook/<CASE_FOLDER>/data/``.  The same seed always gives the same bytes.
"""
from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import scm_course.cases as cases  # noqa: E402


def case_modules() -> dict:
    """``{module name: module}`` of every case module that writes data."""
    found = {}
    for info in pkgutil.iter_modules(cases.__path__):
        module = importlib.import_module(f"scm_course.cases.{info.name}")
        if hasattr(module, "write") and hasattr(module, "CASE_FOLDER"):
            found[info.name] = module
    return found


def main(argv=None) -> int:
    names = list(sys.argv[1:] if argv is None else argv)
    modules = case_modules()
    unknown = sorted(set(names) - set(modules))
    if unknown:
        print(f"unknown case module(s) {unknown}; choose from {sorted(modules)}", file=sys.stderr)
        return 2
    for name in names or sorted(modules):
        folder = ROOT / "casebook" / modules[name].CASE_FOLDER / "data"
        modules[name].write(folder)
        print(f"wrote {folder.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
