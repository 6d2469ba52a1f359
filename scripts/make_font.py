#!/usr/bin/python3
"""Builds the app's CJK font from Debian's fonts-wqy-microhei.

The font keeps every character of GB 2312 (the 6,763 hanzi that cover everyday Simplified Chinese
text plus its symbols), ASCII, Latin-1 and the punctuation blocks. See ARCHITECTURE.md for why a
subset and not the whole 5 MB font.

Every character used in the project's own text (assets/**/*.json) is kept as well, so that a rare
character in a name or a place in the catalogues or demo content is never a missing-glyph box.

usage: make_font.py SOURCE.ttc OUTPUT.ttf ASSETS_DIR [--report FILE.json]
Runs with Debian's python3 and python3-fonttools.
"""
import json
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

EXTRA_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 (degree sign, middle dot, ...)
    (0x2000, 0x206F),  # general punctuation (dashes, quotes, ellipsis)
    (0x2100, 0x214F),  # letterlike symbols (℃, №)
    (0x2190, 0x21FF),  # arrows
    (0x2460, 0x24FF),  # enclosed numbers ①
    (0x25A0, 0x25FF),  # geometric shapes ●
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF00, 0xFFEF),  # full-width forms
]


def gb2312_code_points():
    points = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                points.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return points


def asset_code_points(assets_dir):
    points = set()
    for folder, _, files in os.walk(assets_dir):
        for name in files:
            if name.endswith(".json"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    points.update(ord(c) for c in f.read() if ord(c) >= 0x80)
    return points


def wanted_code_points(assets_dir):
    points = gb2312_code_points() | asset_code_points(assets_dir)
    for lo, hi in EXTRA_RANGES:
        points.update(range(lo, hi + 1))
    return points


def main():
    if len(sys.argv) not in (4, 6):
        sys.exit(__doc__)
    source, output, assets_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    font = TTCollection(source).fonts[0] if source.endswith(".ttc") else TTFont(source)
    available = set(font.getBestCmap())
    wanted = wanted_code_points(assets_dir)
    keep = sorted(wanted & available)

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["FFTM"]  # FontForge timestamps: not needed, and unsupported by the subsetter
    options.hinting = False  # ImGui's rasterizer ignores hints; dropping them saves a third of the file
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    tmp = output + ".tmp"
    font.save(tmp)
    os.replace(tmp, output)

    if len(sys.argv) == 6 and sys.argv[4] == "--report":
        hanzi = [p for p in wanted if 0x4E00 <= p <= 0x9FFF]
        report = {
            "source": source,
            "code_points": len(keep),
            "hanzi_wanted": len(hanzi),
            "hanzi_missing": [chr(p) for p in sorted(set(hanzi) - available)],
            "bytes": os.path.getsize(output),
        }
        with open(sys.argv[5], "w", encoding="utf-8") as f:
            json.dump(report, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
