#!/usr/bin/python3
"""
Daftar's Noto Naskh Arabic: the same letters, shaped and drawn the same to the pixel, but every
glyph that shaping puts on the page maps back to exactly the letter it came from.

Why: Chromium's PDF writer names each glyph's text in the PDF's ToUnicode map. For a glyph the font
encodes it takes the font's own code point: the contextual forms are encoded as Arabic presentation
forms (U+FE70–U+FEFF), which readers must normalise and which pdf.js does not reorder as Arabic.
For a ligature it writes all its letters as one string, and poppler (pdftotext, copy-paste, search)
reverses that string inside right-to-left text: "عبد الله" read back as "عبد اهلل".

So, two changes, nothing else:
1. The presentation-form code points map to copies of their glyphs. Text typed in presentation
   forms still draws, but the glyphs shaping chooses have no code point of their own, and
   Chromium names each by the very letter of the text it was shaped from.
2. Each default ligature (the Allah ligature لله, the lam-alef forms لا لأ لإ لآ) becomes one glyph
   per letter, each at its own position. The glyph of the last letter (leftmost on the page) carries
   the ligature's whole outline; the others are blank. Their advances add up to the ligature's, and
   marks attach to each letter where they attached to the ligature, so the page looks the same.

Run with Debian's python3-fonttools (see resources/fonts/README.md):
  /usr/bin/python3 scripts/fonts/split-ligatures.py SOURCE.ttf TARGET.ttf
"""
import copy
import sys

from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import otTables as ot
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

# Features HarfBuzz applies to Arabic by default that may hold ligatures.
DEFAULT_FEATURES = ('rlig', 'liga', 'clig', 'calt')
PRESENTATION_FORMS = (range(0xFB50, 0xFE00), range(0xFE70, 0xFF00))


def coverage(glyphs):
    c = ot.Coverage()
    c.glyphs = list(glyphs)
    return c


def anchor(x, y):
    a = ot.Anchor()
    a.Format = 1
    a.XCoordinate, a.YCoordinate = x, y
    return a


def lookup(kind, flag, subtables):
    lk = ot.Lookup()
    lk.LookupType, lk.LookupFlag = kind, flag
    lk.SubTable, lk.SubTableCount = subtables, len(subtables)
    return lk


class FontEdit:
    def __init__(self, font):
        self.font = font
        self.glyf, self.hmtx = font['glyf'], font['hmtx']
        self.classes = font['GDEF'].table.GlyphClassDef.classDefs
        self.order = list(font.getGlyphOrder())
        self.added = []

    def add_glyph(self, name, glyph, metrics, glyph_class):
        self.glyf[name] = glyph
        self.hmtx[name] = metrics
        self.classes[name] = glyph_class
        self.added.append(name)

    def save(self, target):
        self.font.setGlyphOrder(self.order + self.added)
        self.glyf.glyphOrder = self.font.getGlyphOrder()
        for table in ('hdmx', 'LTSH', 'VDMX'):  # per-glyph device metrics would now be short
            if table in self.font:
                del self.font[table]
        for rec in self.font['name'].names:
            if rec.nameID == 5:
                rec.string = f'{rec.toUnicode()}; Daftar: one glyph per letter'
        self.font.save(target)


def encode_presentation_forms_apart(edit):
    """Point each presentation-form code point at a copy of its glyph (a one-component composite)."""
    copies = {}
    for table in edit.font['cmap'].tables:
        if not table.isUnicode():
            continue
        for code, name in list(table.cmap.items()):
            if any(code in r for r in PRESENTATION_FORMS):
                if name not in copies:
                    copies[name] = f'{name}.typed'
                    part = GlyphComponent()
                    part.glyphName, part.x, part.y, part.flags = name, 0, 0, 0x204  # round to grid, use its metrics
                    glyph = Glyph()
                    glyph.numberOfContours, glyph.components = -1, [part]
                    edit.add_glyph(copies[name], glyph, edit.hmtx[name], edit.classes.get(name, 1))
                table.cmap[code] = copies[name]
    return len(copies)


def ligature_lookups(font):
    """(lookup index, [(components, ligature glyph)]) for each default ligature lookup none of
    whose outputs has a code point: the glyphs PDF readers cannot map back letter by letter."""
    encoded = set(font.getBestCmap().values())
    gsub = font['GSUB'].table
    indices = sorted({i for fr in gsub.FeatureList.FeatureRecord if fr.FeatureTag in DEFAULT_FEATURES
                      for i in fr.Feature.LookupListIndex})
    for i in indices:
        lk = gsub.LookupList.Lookup[i]
        if lk.LookupType != 4:
            continue
        rules = [([first] + lig.Component, lig.LigGlyph)
                 for st in lk.SubTable for first, ligs in st.ligatures.items() for lig in ligs]
        if rules and not any(out in encoded for _, out in rules):
            yield i, rules


def split_ligatures(edit):
    gsub = edit.font['GSUB'].table
    parts = {}    # (ligature, k, component glyph) -> letter glyph
    offsets = {}  # letter glyph -> its origin's distance from the ligature's origin
    singles = {}  # (ligature, k) -> {component glyph: letter glyph}

    def letter_glyph(lig, k, n, comp):
        if (lig, k, comp) in parts:
            return parts[(lig, k, comp)]
        name = f'{lig}.{k}.{comp}'
        width, lsb = edit.hmtx[lig]
        share = width // n
        last = width - share * (n - 1)
        # In right-to-left text the last letter is leftmost: it sits at the ligature's origin and
        # carries the outline; each letter before it sits one share further right.
        if k == n - 1:
            offsets[name] = 0
            edit.add_glyph(name, copy.deepcopy(edit.glyf[lig]), (last, lsb), 1)
        else:
            offsets[name] = last + (n - 2 - k) * share
            blank = Glyph()
            blank.numberOfContours = 0
            edit.add_glyph(name, blank, (share, 0), 1)
        parts[(lig, k, comp)] = name
        return name

    for index, rules in list(ligature_lookups(edit.font)):
        old = gsub.LookupList.Lookup[index]
        contexts = []
        for components, lig in rules:
            records = []
            for k, comp in enumerate(components):
                singles.setdefault((lig, k), {})[comp] = letter_glyph(lig, k, len(components), comp)
                rec = ot.SubstLookupRecord()
                rec.SequenceIndex, rec.LookupListIndex = k, (lig, k)  # an index once the lookups exist
                records.append(rec)
            st = ot.ContextSubst()
            st.Format = 3
            st.GlyphCount, st.Coverage = len(components), [coverage([c]) for c in components]
            st.SubstCount, st.SubstLookupRecord = len(records), records
            contexts.append(st)
        new = lookup(5, old.LookupFlag, contexts)
        if hasattr(old, 'MarkFilteringSet'):
            new.MarkFilteringSet = old.MarkFilteringSet
        # The same place in the list, so it runs exactly when the ligature did.
        gsub.LookupList.Lookup[index] = new

    single_index = {}
    for key, mapping in singles.items():
        st = ot.SingleSubst()
        st.Format, st.mapping = 2, mapping
        single_index[key] = len(gsub.LookupList.Lookup)
        gsub.LookupList.Lookup.append(lookup(1, 0, [st]))
    gsub.LookupList.LookupCount = len(gsub.LookupList.Lookup)
    for lk in gsub.LookupList.Lookup:
        for st in lk.SubTable if lk.LookupType == 5 else []:
            for rec in getattr(st, 'SubstLookupRecord', None) or []:
                if isinstance(rec.LookupListIndex, tuple):
                    rec.LookupListIndex = single_index[rec.LookupListIndex]

    attach_marks(edit, parts, offsets)
    return len(parts), len(singles)


def attach_marks(edit, parts, offsets):
    """Marks land on each letter glyph where they landed on the ligature: a mark-to-ligature
    anchor goes to its component's letter, a mark-to-base anchor to every letter."""
    gpos = edit.font['GPOS'].table
    added = []
    for index, lk in enumerate(list(gpos.LookupList.Lookup)):
        for st in lk.SubTable:
            if lk.LookupType == 5:
                covered = st.LigatureCoverage.glyphs
                # A ligature with fewer anchor sets than letters: the last set serves the rest, as in HarfBuzz.
                def anchors(lig, k, st=st, covered=covered):
                    records = st.LigatureArray.LigatureAttach[covered.index(lig)].ComponentRecord
                    return records[min(k, len(records) - 1)].LigatureAnchor
            elif lk.LookupType == 4:
                covered = st.BaseCoverage.glyphs
                def anchors(lig, k, st=st, covered=covered):
                    return st.BaseArray.BaseRecord[covered.index(lig)].BaseAnchor
            else:
                continue
            names, records = [], []
            for (lig, k, _), name in parts.items():
                if lig in covered:
                    record = ot.BaseRecord()
                    record.BaseAnchor = [None if a is None else anchor(a.XCoordinate - offsets[name], a.YCoordinate)
                                         for a in anchors(lig, k)]
                    names.append(name)
                    records.append(record)
            if names:
                mb = ot.MarkBasePos()
                mb.Format, mb.ClassCount = 1, st.ClassCount
                mb.MarkCoverage, mb.MarkArray = st.MarkCoverage, st.MarkArray
                mb.BaseCoverage = coverage(names)
                mb.BaseArray = ot.BaseArray()
                mb.BaseArray.BaseRecord, mb.BaseArray.BaseCount = records, len(records)
                added.append((index, lookup(4, lk.LookupFlag, [mb])))
    for index, lk in added:
        gpos.LookupList.Lookup.append(lk)
        new_index = len(gpos.LookupList.Lookup) - 1
        for fr in gpos.FeatureList.FeatureRecord:
            if index in fr.Feature.LookupListIndex:
                fr.Feature.LookupListIndex.append(new_index)
                fr.Feature.LookupCount = len(fr.Feature.LookupListIndex)
    gpos.LookupList.LookupCount = len(gpos.LookupList.Lookup)


def widen_zero_width_letters(edit):
    """Noto draws lam-alef (لا لأ لإ لآ) as a lam glyph and an alef glyph of zero width that overlaps
    it. pdf.js reads a zero-width letter as a line of its own. Give each such alef a share of its
    lam's width and move the lam's outline back by the same amount: nothing moves on the page."""
    gsub, gpos = edit.font['GSUB'].table, edit.font['GPOS'].table
    lookups = gsub.LookupList.Lookup
    pairs = []  # ({lam glyphs}, {zero-width alef glyphs})
    for lk in lookups:
        for st in lk.SubTable if lk.LookupType == 6 else []:
            if st.Format != 3 or len(st.InputCoverage) != 2 or len(st.SubstLookupRecord) != 2:
                continue
            outputs = []
            for rec in sorted(st.SubstLookupRecord, key=lambda r: r.SequenceIndex):
                single = lookups[rec.LookupListIndex]
                mapping = {k: v for sub in single.SubTable for k, v in sub.mapping.items()}
                outputs.append({mapping[g] for g in st.InputCoverage[rec.SequenceIndex].glyphs if g in mapping})
            lams, alefs = outputs
            if alefs and all(edit.hmtx[g][0] == 0 and edit.glyf[g].numberOfContours != 0 for g in alefs):
                pairs.append((lams, alefs))
    if not pairs:
        return 0
    lams = set().union(*(p[0] for p in pairs))
    alefs = set().union(*(p[1] for p in pairs))
    share = min(edit.hmtx[g][0] for g in lams) // 3
    for name in sorted(alefs):
        edit.hmtx[name] = (share, edit.hmtx[name][1])
    for name in sorted(lams):
        glyph = edit.glyf[name]
        if glyph.isComposite():
            # A lam built from another lam moves with it; its dots and marks move here.
            for component in glyph.components:
                if component.glyphName not in lams:
                    component.x -= share
        elif glyph.numberOfContours > 0:
            glyph.coordinates.translate((-share, 0))
    for name in sorted(lams):  # bounds once every outline has moved
        glyph = edit.glyf[name]
        glyph.recalcBounds(edit.glyf)
        width, _ = edit.hmtx[name]
        edit.hmtx[name] = (width - share, getattr(glyph, 'xMin', 0))
    for lk in gpos.LookupList.Lookup:
        for st in lk.SubTable:
            if lk.LookupType == 4:
                for name, record in zip(st.BaseCoverage.glyphs, st.BaseArray.BaseRecord):
                    if name in lams:
                        for a in record.BaseAnchor:
                            if a is not None:
                                a.XCoordinate -= share
            elif lk.LookupType == 5:
                for name, attach in zip(st.LigatureCoverage.glyphs, st.LigatureArray.LigatureAttach):
                    if name in lams:
                        for rec in attach.ComponentRecord:
                            for a in rec.LigatureAnchor:
                                if a is not None:
                                    a.XCoordinate -= share
    return len(alefs)


def main(source, target):
    edit = FontEdit(TTFont(source, recalcTimestamp=False))  # the same bytes from the same source
    typed = encode_presentation_forms_apart(edit)
    letters, positions = split_ligatures(edit)
    widened = widen_zero_width_letters(edit)
    edit.save(target)
    print(f'{target}: {typed} presentation forms encoded apart; {letters} letter glyphs at {positions} '
          f'ligature positions; {widened} zero-width letters widened')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
