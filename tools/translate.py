"""Keep the Chinese edition's translation files in step with the English notebooks.

    python tools/translate.py status            every generator: translated / missing / stale cells
    python tools/translate.py update ch01       (re)write tools/translations/ch01.zh.yaml
    python tools/translate.py update all

A translation file lists, in notebook order, every English markdown cell of a
generator (``tools/build_<prefix>.py``) with its Chinese text::

    - en: |-
        ## Learning objectives (学习目标)
        ...
      zh: |-
        ## 学习目标（Learning objectives）
        ...

``update`` keeps every translation whose English text is still in the
notebook, adds the new English texts with an empty ``zh`` (the build refuses
to write the Chinese edition until they are filled) and drops the entries whose
English text is gone, printing them so a translator can reuse their Chinese.
Code cells are never translated: both editions run the same code.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import yaml

TOOLS = Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS))
from notebook_builder import ROOT, Assignment, english_markdown, translation_file  # noqa: E402

HEADER = """\
# Chinese edition (简体中文) of the notebooks written by tools/build_{prefix}.py.
# One entry per English markdown cell, in notebook order: `en` is the English
# source (do not edit it here; edit the generator), `zh` its translation.
# Refresh with: python tools/translate.py update {prefix}
"""


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper, text):
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _str)


def generators() -> dict[str, Path]:
    """``{prefix: generator path}`` for every chapter and case generator."""
    return {p.stem.removeprefix("build_"): p for p in sorted(TOOLS.glob("build_c[ha]*[0-9][0-9].py"))}


def assignment(prefix: str) -> Assignment:
    found = generators()
    if prefix not in found:
        raise SystemExit(f"prefix must be one of {sorted(found)} or 'all'; got {prefix!r}")
    spec = importlib.util.spec_from_file_location(found[prefix].stem, found[prefix])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    items = [item for item in module.notebooks() if isinstance(item, Assignment)]
    if len(items) != 1:
        raise SystemExit(f"tools/build_{prefix}.py: expected one otter-grader assignment, found {len(items)}")
    return items[0]


def read(prefix: str) -> list[dict]:
    path = translation_file(prefix)
    if not path.exists():
        return []
    return yaml.safe_load(path.read_text(encoding="utf-8")) or []


def dump(prefix: str, entries: list[dict]) -> str:
    body = yaml.dump(entries, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000)
    return HEADER.format(prefix=prefix) + body


def state(prefix: str):
    """(entries for the current English cells, stale entries)."""
    english = english_markdown(assignment(prefix).cells)
    old = {e["en"].strip("\n"): (e.get("zh") or "").strip("\n") for e in read(prefix)}
    entries = [{"en": text, "zh": old.get(text, "")} for text in english]
    stale = [{"en": en, "zh": zh} for en, zh in old.items() if en not in set(english)]
    return entries, stale


def update(prefix: str) -> None:
    entries, stale = state(prefix)
    path = translation_file(prefix)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(prefix, entries), encoding="utf-8", newline="\n")
    missing = sum(not e["zh"] for e in entries)
    print(f"wrote {path.relative_to(ROOT)}: {len(entries)} cells, {missing} to translate, {len(stale)} dropped")
    for entry in stale:
        print(f"--- dropped (English no longer in the notebook):\n{entry['en'][:300]}\n>>> {entry['zh'][:300]}")


def status() -> int:
    bad = 0
    for prefix in generators():
        entries, stale = state(prefix)
        missing = sum(not e["zh"] for e in entries)
        bad += missing + len(stale)
        print(f"{prefix:7} {len(entries) - missing:4d} translated {missing:4d} missing {len(stale):4d} stale")
    return 1 if bad else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("status", help="translated / missing / stale cells of every generator")
    up = sub.add_parser("update", help="refresh a translation file from its generator")
    up.add_argument("prefix", nargs="+", help="e.g. ch01, case03, or all")
    args = parser.parse_args(argv)
    if args.command == "status":
        return status()
    prefixes = list(generators()) if args.prefix == ["all"] else args.prefix
    for prefix in prefixes:
        update(prefix)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
