#!/usr/bin/python3
"""Builds NotoSansJP-Kosaku.otf, the Japanese font pkg/plot embeds.

Source: Noto Sans CJK JP Regular, face 0 of Debian's fonts-noto-cjk
(/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc), SIL OFL 1.1.
Kept: ASCII, Latin-1, Greek, punctuation, sub/superscripts, arrows, math
operators, geometric shapes, every JIS X 0208 character (kana, symbols,
level 1 and level 2 kanji), the fullwidth forms, and every character used in
the series' text and Kosaku's lessons. GSUB/GPOS and vertical metrics are
dropped (gonum/plot lays text out glyph by glyph, horizontally).

Run with Debian's python and python3-fonttools:
    apt-get install fonts-noto-cjk python3-fonttools
    /usr/bin/python3 pkg/plot/assets/subset_font.py
"""
import glob, os, sys
from fontTools import subset
from fontTools.ttLib import TTCollection

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
SRC = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
OUT = os.path.join(HERE, 'NotoSansJP-Kosaku.otf')

def ranges(*rs):
    for lo, hi in rs:
        yield from range(lo, hi + 1)

cps = set(ranges(
    (0x20, 0x7E), (0xA0, 0xFF), (0x370, 0x3FF), (0x2000, 0x206F), (0x2070, 0x209F),
    (0x2100, 0x214F), (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF), (0x2500, 0x257F),
    (0x25A0, 0x25FF), (0x2600, 0x26FF), (0x3000, 0x303F), (0x3040, 0x309F), (0x30A0, 0x30FF),
    (0x31F0, 0x31FF), (0xFF00, 0xFFEF)))
# JIS X 0208: every row, decoded through EUC-JP.
for row in range(0xA1, 0xF5):
    for cell in range(0xA1, 0xFF):
        try:
            cps.update(ord(ch) for ch in bytes([row, cell]).decode('euc_jp'))
        except UnicodeDecodeError:
            pass
# Every character of the series and the lessons.
texts = glob.glob('/work/shared/seed/*.txt') + [os.path.join(ROOT, '..', 'shared', 'LESSONS.md')]
texts += glob.glob(os.path.join(ROOT, 'lessons', '*.ipynb'))
for path in texts:
    if os.path.exists(path):
        cps.update(ord(ch) for ch in open(path, encoding='utf-8', errors='ignore').read() if ord(ch) >= 0x20)

font = TTCollection(SRC).fonts[0]
assert font['name'].getDebugName(4) == 'Noto Sans CJK JP', font['name'].getDebugName(4)
opts = subset.Options()
opts.layout_features = []
opts.drop_tables += ['GSUB', 'GPOS', 'GDEF', 'BASE', 'VORG', 'vhea', 'vmtx', 'DSIG']
opts.hinting = False
opts.name_IDs = ['*']
opts.notdef_outline = True
s = subset.Subsetter(opts)
s.populate(unicodes=sorted(cps))
s.subset(font)
font.save(OUT)
cmap = font.getBestCmap()
print(f'{OUT}: {os.path.getsize(OUT)} bytes, {len(cmap)} characters, {len(font.getGlyphOrder())} glyphs')
