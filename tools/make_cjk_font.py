#!/usr/bin/env python3
"""Build the bundled Simplified-Chinese font ``scm_course/fonts/SCMCourseSansSC-Regular.otf``.

Why this exists
---------------
matplotlib ships no CJK font, and a fresh Linux machine (or a CI runner) often has
none installed either, so Chinese titles and labels come out as empty boxes. The
course therefore bundles a *small* subset of Noto Sans SC instead of depending on
a system font or on a large font package.

What it does
------------
1. Downloads the PyPI wheel ``pylopdf-fonts-zh-cn==0.1.1`` into a temporary
   directory with ``python -m pip download --no-deps`` and extracts
   ``NotoSansSC-Regular.otf`` (Noto Sans SC 2.004, SIL Open Font License 1.1).
   The extracted file is checked against a pinned SHA-256.
2. Subsets it with :mod:`fontTools.subset` to the character set described in
   :func:`character_set` (ASCII, Latin-1, all of GB2312 -- i.e. GB2312 symbol
   rows, full-width forms and the 6,763 level-1 + level-2 hanzi -- plus CJK
   punctuation, half/full-width forms and a few maths/typographic symbols).
   Hinting is dropped (matplotlib auto-hints anyway); the default OpenType
   layout features are kept.
3. Renames the family to ``SCM Course Sans SC``: a Modified Version of an OFL
   font must not use the Reserved Font Name, so the ``name`` table and the
   CFF font names are rewritten.
4. Pins the ``head`` timestamps so that the output is byte-for-byte
   reproducible: running the script twice gives the same SHA-256.

Usage (from the repository root)::

    pip install fonttools          # the only extra requirement
    python tools/make_cjk_font.py  # writes scm_course/fonts/SCMCourseSansSC-Regular.otf

Options: ``--source PATH`` uses an already downloaded ``NotoSansSC-Regular.otf``
(or the wheel) instead of downloading; ``--output PATH`` writes elsewhere;
``--gb2312-level1`` builds a smaller font with only GB2312 level-1 hanzi.

The licence text and provenance notes live next to the font, in
``scm_course/fonts/OFL.txt`` and ``scm_course/fonts/README.md``. After a
rebuild that changes the file, update the size and SHA-256 quoted in that README.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "scm_course" / "fonts" / "SCMCourseSansSC-Regular.otf"

# Where the upstream font comes from.
WHEEL_REQUIREMENT = "pylopdf-fonts-zh-cn==0.1.1"
WHEEL_MEMBER = "pylopdf_fonts_zh_cn/NotoSansSC-Regular.otf"
# SHA-256 of NotoSansSC-Regular.otf inside that wheel (also listed in the wheel's METADATA).
SOURCE_SHA256 = "faa6c9df652116dde789d351359f3d7e5d2285a2b2a1f04a2d7244df706d5ea9"

# New names. None of them contains a Reserved Font Name ("Source") nor "Noto".
FAMILY = "SCM Course Sans SC"
SUBFAMILY = "Regular"
FULL_NAME = f"{FAMILY} {SUBFAMILY}"
POSTSCRIPT_NAME = "SCMCourseSansSC-Regular"
VENDOR_TAG = "SCMCourse"

# Windows platform, Unicode BMP encoding, US English: the only records kept.
WIN_PLATFORM, WIN_UNICODE_BMP, WIN_EN_US = 3, 1, 0x409


def gb2312_characters(level1_only: bool = False) -> set[int]:
    """Return the code points of every character encoded in GB2312.

    GB2312 is a 94 x 94 table: first byte 0xA1-0xF7, second byte 0xA1-0xFE.
    Rows 0xA1-0xA9 are symbols, Greek/Cyrillic, kana, pinyin, box drawing and
    full-width forms; rows 0xB0-0xD7 are the 3,755 level-1 hanzi; rows
    0xD8-0xF7 are the 3,008 level-2 hanzi. Unassigned codes fail to decode
    and are skipped.

    With ``level1_only`` the level-2 hanzi (and the unassigned rows) are left out.
    """
    code_points: set[int] = set()
    for hi in range(0xA1, 0xF8):
        if level1_only and not (hi <= 0xA9 or 0xB0 <= hi <= 0xD7):
            continue
        for lo in range(0xA1, 0xFF):
            try:
                text = bytes([hi, lo]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            code_points.update(ord(ch) for ch in text)
    return code_points


def character_set(level1_only: bool = False) -> set[int]:
    """Return the code points the bundled font should cover."""
    wanted: set[int] = set()
    wanted.update(range(0x20, 0x7F))  # printable ASCII
    wanted.update(range(0xA0, 0x100))  # printable Latin-1 supplement
    wanted.update(gb2312_characters(level1_only))
    wanted.update(range(0x3000, 0x3040))  # CJK Symbols and Punctuation
    wanted.update(range(0xFF00, 0xFFF0))  # Halfwidth and Fullwidth Forms
    wanted.update(range(0x2010, 0x2028))  # General Punctuation: dashes, quotes, bullets
    wanted.update(range(0x2030, 0x203B))  # General Punctuation: per mille, primes, guillemets
    wanted.update(
        {
            0x2212,  # MINUS SIGN (matplotlib uses it for negative tick labels)
            0x00D7,  # MULTIPLICATION SIGN
            0x00F7,  # DIVISION SIGN
            0x2190,  # LEFTWARDS ARROW
            0x2191,  # UPWARDS ARROW
            0x2192,  # RIGHTWARDS ARROW
            0x2193,  # DOWNWARDS ARROW
            0x2264,  # LESS-THAN OR EQUAL TO
            0x2265,  # GREATER-THAN OR EQUAL TO
            0x2248,  # ALMOST EQUAL TO
            0x2260,  # NOT EQUAL TO
            0x221E,  # INFINITY
            0x00B7,  # MIDDLE DOT
            0x2022,  # BULLET
            0x2026,  # HORIZONTAL ELLIPSIS
            0x20AC,  # EURO SIGN
            0x00A5,  # YEN / YUAN SIGN
        }
    )
    return wanted


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def download_source_font() -> bytes:
    """Download the wheel with pip into a temporary directory; return the OTF bytes."""
    with tempfile.TemporaryDirectory(prefix="scm-cjk-font-") as tmp:
        cmd = [
            sys.executable, "-m", "pip", "download",
            "--no-deps", "--disable-pip-version-check", "--quiet",
            "--dest", tmp, WHEEL_REQUIREMENT,
        ]  # fmt: skip
        print("running:", " ".join(cmd), file=sys.stderr)
        subprocess.run(cmd, check=True)
        wheels = sorted(Path(tmp).glob("*.whl"))
        if len(wheels) != 1:
            raise SystemExit(f"expected exactly one wheel in {tmp}, found {wheels}")
        return read_from_wheel(wheels[0])


def read_from_wheel(wheel: Path) -> bytes:
    with zipfile.ZipFile(wheel) as zf:
        return zf.read(WHEEL_MEMBER)


def load_source(source: Path | None) -> bytes:
    """Return the upstream OTF bytes (downloaded, or from ``source``) after a hash check."""
    if source is None:
        data = download_source_font()
    elif source.suffix == ".whl":
        data = read_from_wheel(source)
    else:
        data = source.read_bytes()
    digest = sha256_bytes(data)
    if digest != SOURCE_SHA256:
        raise SystemExit(
            f"unexpected NotoSansSC-Regular.otf (sha256 {digest}, expected {SOURCE_SHA256})"
        )
    return data


def rename_family(font) -> None:
    """Rewrite the name table and the CFF names to the new family name.

    The copyright (ID 0), trademark (7), manufacturer (8), designer (9),
    description (10), URLs (11, 12) and licence (13, 14) records are kept
    as they are, as the OFL requires the copyright notice and licence to stay.
    """
    name = font["name"]
    version = f"{font['head'].fontRevision:.3f}"  # "2.004"
    old_version_string = name.getDebugName(5) or f"Version {version}"
    new_records = {
        1: FAMILY,
        2: SUBFAMILY,
        3: f"{version};{VENDOR_TAG};{POSTSCRIPT_NAME}",
        4: FULL_NAME,
        5: f"{old_version_string.split(';')[0]}; subset of Noto Sans SC (tools/make_cjk_font.py)",
        6: POSTSCRIPT_NAME,
        16: FAMILY,
        17: SUBFAMILY,
    }
    # Drop every record we rewrite (in any platform/language, e.g. the
    # zh-CN "Noto Sans SC" entries) and then add the new English ones.
    name.names = [rec for rec in name.names if rec.nameID not in new_records]
    for name_id, text in new_records.items():
        name.setName(text, name_id, WIN_PLATFORM, WIN_UNICODE_BMP, WIN_EN_US)
    name.names.sort(key=lambda r: (r.platformID, r.platEncID, r.langID, r.nameID))

    if "CFF " in font:
        cff = font["CFF "].cff
        old_ps_name = cff.fontNames[0]
        cff.fontNames = [POSTSCRIPT_NAME]
        top = cff.topDictIndex[0]
        top.FullName = FULL_NAME
        top.FamilyName = FAMILY
        # CID-keyed fonts also name each Font DICT, e.g. "NotoSansSC-Regular-Ideographs".
        for fd in getattr(top, "FDArray", None) or []:
            fd_name = getattr(fd, "FontName", None)
            if fd_name and fd_name.startswith(old_ps_name):
                fd.FontName = POSTSCRIPT_NAME + fd_name[len(old_ps_name) :]


def build_font(source_bytes: bytes, level1_only: bool = False) -> tuple[bytes, int, int]:
    """Subset and rename the font; return (otf bytes, glyph count, mapped characters)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(source_bytes), recalcTimestamp=False)
    fixed_created = font["head"].created
    fixed_modified = font["head"].modified

    options = subset.Options()
    options.hinting = False  # drop CFF hints: about 15% smaller, matplotlib auto-hints
    options.desubroutinize = False  # keep (subsetted) subroutines: smaller file
    options.name_IDs = ["*"]  # keep copyright/licence records, not just IDs 0-6
    options.name_languages = [WIN_EN_US]
    options.notdef_outline = True  # keep the .notdef box glyph
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(character_set(level1_only)))
    subsetter.subset(font)

    rename_family(font)

    # Reproducible output: keep the upstream timestamps rather than "now".
    font["head"].created = fixed_created
    font["head"].modified = fixed_modified

    out = io.BytesIO()
    font.save(out, reorderTables=True)
    n_glyphs = len(font.getGlyphOrder())
    n_chars = len(font.getBestCmap())
    return out.getvalue(), n_glyphs, n_chars


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Build scm_course/fonts/SCMCourseSansSC-Regular.otf, a renamed subset of Noto Sans SC."
    )
    parser.add_argument(
        "--source", type=Path, default=None,
        help="local NotoSansSC-Regular.otf or the pylopdf-fonts-zh-cn wheel (default: download)",
    )  # fmt: skip
    parser.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT,
        help=f"where to write the font (default: {DEFAULT_OUTPUT.relative_to(REPO_ROOT)})",
    )  # fmt: skip
    parser.add_argument(
        "--gb2312-level1", action="store_true",
        help="only GB2312 symbol rows and level-1 hanzi (smaller font)",
    )  # fmt: skip
    args = parser.parse_args(argv)

    try:
        import fontTools  # noqa: F401
    except ImportError:
        raise SystemExit("fontTools is required: pip install fonttools") from None

    source_bytes = load_source(args.source)
    data, n_glyphs, n_chars = build_font(source_bytes, level1_only=args.gb2312_level1)

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"wrote {args.output}")
    print(f"  family:     {FAMILY}")
    print(f"  size:       {len(data)} bytes")
    print(f"  glyphs:     {n_glyphs}")
    print(f"  characters: {n_chars} mapped (of {len(character_set(args.gb2312_level1))} requested)")
    print(f"  sha256:     {sha256_bytes(data)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
