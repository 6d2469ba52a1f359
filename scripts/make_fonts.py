#!/usr/bin/python3
"""Builds the app's CJK fonts from Debian's font packages, as a base font and tiers fetched later.

Residents' names and places use characters far outside GB 2312, so every character of the
通用规范汉字表 (the state's list of 8,105, read from unicode-data's kTGH field) and of the CJK Unified
Ideographs block is drawn. No single free font has them all, and the whole set is 4 MB, so it is cut
into files loaded in order of need (ARCHITECTURE.md, "Fonts"):

  elder-cjk.ttf         base: ASCII, punctuation, symbols, the 3,500 常用字 (level 1 of the list), the
                        words of warnings, and every character of the project's own text
                        (assets/**/*.json). Loaded at start.
  elder-cjk-common.ttf  the rest of the 8,105 and of GB 2312 that WenQuanYi Micro Hei has.
  elder-cjk-rare.ttf    what WenQuanYi lacks, from Noto Sans CJK SC (Extension A to F, Unicode 6-12).
  elder-cjk-last.ttf    what both lack, from BabelStone Han (Unicode 13-14 additions).
  elder-cjk-rest.ttf    the rest of the CJK Unified Ideographs block, from WenQuanYi.

The apps fetch (or read) a tier when a character on screen misses; index.json says which tier holds
which code points. Fonts from other families have their vertical metrics set to WenQuanYi's
proportions, so that a merged character is as large as its neighbours (ImGui scales each source by
ascent - descent).

usage: make_fonts.py tiers OUTDIR              the four tiers and OUTDIR/tiers.json (slow, rarely)
       make_fonts.py base OUTDIR ASSETS_DIR    elder-cjk.ttf, index.json and elder-cjk.json (report)
Runs with Debian's python3 and python3-fonttools.
"""
import bz2
import json
import os
import shutil
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NOTO_FACE = "Noto Sans CJK SC"
BABELSTONE = "/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf"
UNIHAN_MAPPINGS = "/usr/share/unicode/Unihan_OtherMappings.txt.bz2"
LICENCES = {  # Debian's copyright files travel with the fonts cut from them
    "wqy-microhei": "/usr/share/doc/fonts-wqy-microhei/copyright",
    "noto-cjk": "/usr/share/doc/fonts-noto-cjk/copyright",
    "babelstone-han": "/usr/share/doc/fonts-babelstone-han/copyright",
}
URO = range(0x4E00, 0xA000)  # CJK Unified Ideographs
# Level 1 of the list, its 3,500 常用字 (kTGH serials 1..3500). The serials go by stroke count within
# a level, not by frequency: a cut inside level 1 would leave out 暴 (3234) and 警 (3453).
BASE_LEVEL_ONE = 3500
# Words of warnings that must show at once, even offline before any tier is cached: the names of
# China's meteorological warning signals and of common emergencies. 霾 is in level 3.
WARNING_WORDS = ("台风暴雨暴雪寒潮大风沙尘暴高温干旱雷电冰雹霜冻大雾霾道路结冰森林草原火险地质灾害山洪洪水泥石流"
                 "滑坡崩塌地震海啸风暴潮疫情传染病食物中毒燃气泄漏火灾停水停电交通管制疏散避险撤离转移蓝黄橙红色预警信号解除")

EXTRA_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 (degree sign, middle dot, ...)
    (0x2000, 0x206F),  # general punctuation (dashes, quotes, ellipsis)
    (0x2100, 0x214F),  # letterlike symbols (℃, №)
    (0x2190, 0x21FF),  # arrows
    (0x2460, 0x24FF),  # enclosed numbers ①
    (0x25A0, 0x25FF),  # geometric shapes ● and □, the box drawn for a character no font has
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF00, 0xFFEF),  # full-width forms
]

TIERS = [  # (file, source); each tier takes what earlier ones left
    ("elder-cjk-common.ttf", "wqy"),
    ("elder-cjk-rare.ttf", "noto"),
    ("elder-cjk-last.ttf", "babelstone"),
    ("elder-cjk-rest.ttf", "wqy"),
]


def tgh_serials():
    """Code point -> serial number in the 通用规范汉字表 (1..8105)."""
    out = {}
    with bz2.open(UNIHAN_MAPPINGS, "rt", encoding="utf-8") as f:
        for line in f:
            parts = line.split("\t")
            if len(parts) == 3 and parts[1] == "kTGH":
                out[int(parts[0][2:], 16)] = int(parts[2].strip().split(":")[1])
    if len(out) != 8105:
        sys.exit(f"{UNIHAN_MAPPINGS}: expected 8,105 kTGH entries, found {len(out)}")
    return out


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


def base_candidates(tgh):
    points = {p for p, serial in tgh.items() if serial <= BASE_LEVEL_ONE} | {ord(c) for c in WARNING_WORDS}
    for lo, hi in EXTRA_RANGES:
        points.update(range(lo, hi + 1))
    return points


def open_source(name):
    if name == "wqy":
        return TTCollection(WQY).fonts[0]
    if name == "noto":
        for face in TTCollection(NOTO).fonts:
            if face["name"].getDebugName(1) == NOTO_FACE:
                return face
        sys.exit(f"{NOTO}: no face named {NOTO_FACE}")
    return TTFont(BABELSTONE)


def match_metrics(font, reference):
    """Gives `font` the reference's ascent and descent in proportion to its units per em."""
    scale = font["head"].unitsPerEm / reference["head"].unitsPerEm
    ascent = round(reference["hhea"].ascent * scale)
    descent = round(reference["hhea"].descent * scale)
    font["hhea"].ascent, font["hhea"].descent, font["hhea"].lineGap = ascent, descent, 0
    os2 = font["OS/2"]
    os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = ascent, descent, 0
    os2.usWinAscent, os2.usWinDescent = ascent, -descent


def cut(font, points, output):
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["FFTM", "VORG", "vhea", "vmtx"]  # no vertical text, no FontForge stamps
    options.hinting = False  # ImGui's rasteriser ignores hints; dropping them saves a third of the file
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(points))
    subsetter.subset(font)
    tmp = output + ".tmp"
    font.save(tmp)
    os.replace(tmp, output)


MISSING_BOX = 0x7F  # DEL: a control character text never draws, so the box can live there


def add_missing_box(font):
    """Gives the base font an empty full-width box, the size of a hanzi, at U+007F and U+FFFD:
    what the apps draw for a character no font has (WenQuanYi's □ is half as wide as a hanzi, easy
    to miss in a name). ImGui sizes each baked size's glyph index to the largest code point it
    looks up, and it looks up the box at every size: at U+FFFD that index would cost 0.4 MB per
    size, at U+007F nothing, so the apps use U+007F. U+FFFD (text that came in broken) draws the same."""
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    em = font["head"].unitsPerEm  # 2048 for WenQuanYi
    left, right, bottom, top, stroke = em * 0.11, em * 0.89, em * -0.06, em * 0.72, em * 0.055
    pen = TTGlyphPen(None)
    for x0, y0, x1, y1, outer in ((left, bottom, right, top, True),
                                  (left + stroke, bottom + stroke, right - stroke, top - stroke, False)):
        corners = [(x0, y0), (x0, y1), (x1, y1), (x1, y0)]  # clockwise: ink; the inner one reversed: a hole
        if not outer:
            corners.reverse()
        pen.moveTo(tuple(map(round, corners[0])))
        for c in corners[1:]:
            pen.lineTo(tuple(map(round, c)))
        pen.closePath()
    name = "uniFFFD"
    font["glyf"].glyphs[name] = pen.glyph()
    font.setGlyphOrder(font.getGlyphOrder() + [name])
    font["glyf"].glyphOrder = font.getGlyphOrder()
    font["hmtx"].metrics[name] = (em, round(left))
    font["maxp"].numGlyphs = len(font.getGlyphOrder())
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[0xFFFD] = name
            table.cmap[MISSING_BOX] = name


def ranges_of(points, earlier):
    """[[first, last], ...] covering `points`: what index.json lists for a tier. A range may span
    code points of earlier tiers (the apps ask the tiers in order), which keeps the list short."""
    out = []
    for p in sorted(points):
        if out and all(q in earlier for q in range(out[-1][1] + 1, p)):
            out[-1][1] = p
        else:
            out.append([p, p])
    return out


def build_tiers(outdir):
    tgh = tgh_serials()
    wanted = (set(tgh) | gb2312_code_points() | set(URO)) - base_candidates(tgh)
    reference = open_source("wqy")
    in_wqy = set(reference.getBestCmap())
    pools = {  # WenQuanYi first; the other families only for what it lacks
        "elder-cjk-common.ttf": (set(tgh) | gb2312_code_points()) - base_candidates(tgh),
        "elder-cjk-rare.ttf": wanted - in_wqy,
        "elder-cjk-last.ttf": wanted - in_wqy,
        "elder-cjk-rest.ttf": wanted,
    }
    taken, listed = set(), []
    earlier = base_candidates(tgh) & in_wqy  # in the base font: never missed, so never asked for
    for file, source in TIERS:
        font = open_source(source)  # a fresh copy: cutting a subset changes the font in place
        points = (pools[file] & set(font.getBestCmap())) - taken
        if source != "wqy":
            match_metrics(font, reference)
        cut(font, points, os.path.join(outdir, file))
        listed.append({"file": file, "source": source, "code_points": len(points), "ranges": ranges_of(points, earlier | taken)})
        taken |= points
    for name, path in LICENCES.items():
        shutil.copyfile(path, os.path.join(outdir, f"LICENSE-{name}.txt"))
    with open(os.path.join(outdir, "tiers.json"), "w", encoding="utf-8") as f:
        json.dump({"tiers": listed}, f)


def build_base(outdir, assets_dir):
    tgh = tgh_serials()
    wqy = open_source("wqy")
    available = set(wqy.getBestCmap())
    own = asset_code_points(assets_dir)
    if own - available:
        sys.exit("assets use characters the base font lacks: " + "".join(sorted(map(chr, own - available))))
    points = (base_candidates(tgh) | own) & available
    output = os.path.join(outdir, "elder-cjk.ttf")
    cut(wqy, points, output)
    base = TTFont(output)
    add_missing_box(base)
    base.save(output + ".tmp")
    os.replace(output + ".tmp", output)
    with open(os.path.join(outdir, "tiers.json"), encoding="utf-8") as f:
        tiers = json.load(f)["tiers"]
    index = {"base": "elder-cjk.ttf", "tiers": [dict(file=t["file"], ranges=t["ranges"], **file_check(os.path.join(outdir, t["file"])))
                                                for t in tiers]}
    with open(os.path.join(outdir, "index.json"), "w", encoding="utf-8") as f:
        json.dump(index, f, separators=(",", ":"))
    write_report(outdir, tgh, points, tiers)


def file_check(path):
    """What the apps check a downloaded tier against before the rasteriser sees it: the size and
    the FNV-1a 64 hash (shared/core/font_index.hpp)."""
    with open(path, "rb") as f:
        data = f.read()
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return {"bytes": len(data), "fnv1a64": f"{h:016x}"}


def write_report(outdir, tgh, base, tiers):
    drawn = set(base)
    for t in tiers:
        for lo, hi in t["ranges"]:
            drawn.update(range(lo, hi + 1))
    report = {
        "base_code_points": len(base),
        "base_bytes": os.path.getsize(os.path.join(outdir, "elder-cjk.ttf")),
        "tiers": [{"file": t["file"], "source": t["source"], "code_points": t["code_points"],
                   "bytes": os.path.getsize(os.path.join(outdir, t["file"]))} for t in tiers],
        "tgh_missing": "".join(chr(p) for p in sorted(set(tgh) - drawn)),
        "uro_missing": "".join(chr(p) for p in URO if p not in drawn),
    }
    with open(os.path.join(outdir, "elder-cjk.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=1)
    if report["tgh_missing"] or report["uro_missing"]:
        sys.exit(f"characters no font has: {report['tgh_missing']} {report['uro_missing']}")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "tiers":
        build_tiers(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "base":
        build_base(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
