"""DOCX reader: Word's XML to paragraphs and raw grids.

Part numbers (一、 （一） 1.) often come from Word auto-numbering, not the text:
they are rebuilt, or the six parts could not be found. Merged cells are read
from the XML (python-docx's ``rows[i].cells`` repeats them): a row lists only
the cells that start in it, with spans, as in the HTML reader. Only the body is
read (headers, footers, footnotes are page furniture). A soft line break splits
a body paragraph in two, as ``<br>`` does in HTML, but is joined away in centred
and heading paragraphs (a title wrapped by hand is one title); in a cell it is
``\\n``, as are paragraph ends. Empty paragraphs and page breaks leave nothing.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections import namedtuple
from dataclasses import dataclass
from typing import Any

from ..document import Block, Document, Paragraph, RawCell, RawGrid, SpanInfo, provenance
from ..errors import MissingDependency, UnsupportedFormat
from ..formats import FORMAT_EXTENSIONS, InputFormat
from . import register_reader
from .base import Reader

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W}


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


BODY, PPR, TRPR, TCPR, RPR, VANISH = map(_w, ("body", "pPr", "trPr", "tcPr", "rPr", "vanish"))
PSTYLE, OUTLINE, JC, NUMPR, NUMID, ILVL = map(_w, ("pStyle", "outlineLvl", "jc", "numPr", "numId", "ilvl"))
GRID_SPAN, GRID_BEFORE, GRID_AFTER, TEXT_DIRECTION = map(_w, ("gridSpan", "gridBefore", "gridAfter", "textDirection"))
P, TBL, TR, TC, SDT, SDT_CONTENT, CUSTOM_XML = map(_w, ("p", "tbl", "tr", "tc", "sdt", "sdtContent", "customXml"))
T, TAB, PTAB, BR, CR, R, TXBX = map(_w, ("t", "tab", "ptab", "br", "cr", "r", "txbxContent"))
# Not shown: deletions, field codes, properties, mc:AlternateContent's Fallback (its Choice is read).
_SKIP = frozenset(map(_w, ("del", "delText", "instrText", "delInstrText", "pPr", "rPr", "moveFrom")))
_SKIP |= {"{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
_HORIZONTAL = frozenset({"lrTb", "lrTbV", "lr", "lrV", "rl", "rlV"})
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$|^(?:title|标题)$", re.I)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_ASCII_BREAK = re.compile(r"(?<=[A-Za-z0-9])[ \t]*\n[ \t]*(?=[A-Za-z0-9])")  # a break between words is a space


_VAL = _w("val")
_STEPS: dict[str, tuple[str, ...]] = {}


def _child(el, tag: str):
    """``el.find(tag)`` for one Clark-notation step: a plain loop over the few children is faster."""
    for child in el:
        if child.tag == tag:
            return child
    return None


def _find(el, path: str):
    """``el.find(path, _NS)`` for a path of ``w:`` child steps ("w:pPr/w:numPr/w:numId"), as
    ElementPath reads it: the first match in document order, through any of the matching parents."""
    steps = _STEPS.get(path)
    if steps is None:
        steps = _STEPS[path] = tuple(_w(step.removeprefix("w:")) for step in path.split("/"))
    return _find_steps(el, steps, 0)


def _find_steps(el, steps: tuple[str, ...], i: int):
    tag, last = steps[i], i == len(steps) - 1
    for child in el:
        if child.tag == tag:
            if last:
                return child
            found = _find_steps(child, steps, i + 1)
            if found is not None:
                return found
    return None


_NO_PROPS: dict = {}


def _firsts(el) -> dict:
    """Each child tag's first child (what ``find`` of one step returns), for properties read several times."""
    if el is None:
        return _NO_PROPS
    first: dict = {}
    for child in el:
        if child.tag not in first:
            first[child.tag] = child
    return first


def _first_val(firsts: dict, tag: str) -> str | None:
    found = firsts.get(tag)
    return None if found is None else found.get(_VAL)


def _val(el, path: str) -> str | None:
    """The w:val of the element at ``path`` under ``el`` (None when absent)."""
    found = _find(el, path) if el is not None else None
    return None if found is None else found.get(_VAL)


def _int(text: str | None, default: int) -> int:
    return int(text) if text and text.strip().lstrip("-").isdigit() else default


def _on(el, path: str) -> bool:
    """A toggle property (w:vanish, w:isLgl): present and not switched off."""
    found = _find(el, path) if el is not None else None
    return found is not None and (found.get(_VAL) or "1").lower() not in ("0", "false", "off")


def _children(el, tags: tuple[str, ...]):
    """Children with one of ``tags`` in order, through content controls and custom XML."""
    for child in el:
        if child.tag in tags:
            yield child
        elif child.tag == SDT and child.find(SDT_CONTENT) is not None:
            yield from _children(child.find(SDT_CONTENT), tags)
        elif child.tag == CUSTOM_XML:
            yield from _children(child, tags)


# --- styles -----------------------------------------------------------------
_NumRef = namedtuple("_NumRef", "num_id ilvl")  # a w:numPr: numId and level (None: not given)
# outline: w:outlineLvl (0-based, 9 is body text); num: the _NumRef the style gives; jc: alignment
_Style = namedtuple("_Style", "name based_on outline num jc")


class _Styles:
    """Paragraph (and list) styles by id: the heading level and numbering they pass on."""

    def __init__(self, root) -> None:
        self._by_id: dict[str, _Style] = {}
        self.default: str | None = None
        self._memo: dict[tuple[str | None, str], Any] = {}
        for st in root.iterfind("w:style", _NS) if root is not None else ():
            if (kind := st.get(_w("type"))) not in ("paragraph", "numbering"):  # numbering: numStyleLink targets
                continue
            num_id, ilvl = _val(st, "w:pPr/w:numPr/w:numId"), _val(st, "w:pPr/w:numPr/w:ilvl")
            outline = _val(st, "w:pPr/w:outlineLvl")
            num = _NumRef(num_id, ilvl and _int(ilvl, 0)) if num_id else None
            name = (_val(st, "w:name") or "").strip()
            self._by_id[st.get(_w("styleId")) or ""] = _Style(
                name, _val(st, "w:basedOn"), outline and _int(outline, 9), num, _val(st, "w:pPr/w:jc"))
            if kind == "paragraph" and (st.get(_w("default")) or "").lower() in ("1", "true", "on"):
                self.default = st.get(_w("styleId"))

    def chain(self, sid: str | None):
        """The style and those it is based on, nearest first."""
        seen: set[str] = set()
        while sid and sid in self._by_id and sid not in seen:
            seen.add(sid)
            yield self._by_id[sid]
            sid = self._by_id[sid].based_on

    def heading_level(self, sid: str | None) -> int:
        """Heading n / 标题 n → n, Title → 1, else the inherited outline level."""
        if (sid, "heading") not in self._memo:
            self._memo[(sid, "heading")] = self._heading_level(sid)
        return self._memo[(sid, "heading")]

    def _heading_level(self, sid: str | None) -> int:
        for style in self.chain(sid):
            if m := _HEADING_NAME.match(style.name):
                return int(m.group(1) or 1)
            if style.outline is not None:
                return (style.outline + 1) % 10
        return 0

    def inherited(self, sid: str | None, field: str):
        """The nearest value of ``field`` (num, jc) along the basedOn chain."""
        if (sid, field) not in self._memo:  # styles do not change once read: one lookup per style
            self._memo[(sid, field)] = self._inherited(sid, field)
        return self._memo[(sid, field)]

    def _inherited(self, sid: str | None, field: str):
        return next((getattr(s, field) for s in self.chain(sid) if getattr(s, field) is not None), None)


# --- auto-numbering ---------------------------------------------------------
def _chinese(n: int, digits: str = "零一二三四五六七八九", units: str = "十百千", teens: bool = True) -> str:
    """一 … 十 十一 … 二十一 … 一百零一, as Word writes chineseCounting below 10000."""
    if not 0 < n < 10000:
        return str(n)
    out, zero = "", False
    for pos, d in zip(range(len(str(n)) - 1, -1, -1), map(int, str(n)), strict=False):
        if d:
            out += (digits[0] if zero else "") + digits[d] + (units[pos - 1] if pos else "")
        zero = d == 0 and bool(out)
    return out[1:] if teens and 10 <= n < 20 else out


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, sym in zip((1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
                          "M CM D CD C XC L XL X IX V IV I".split(), strict=False):
        out, n = out + sym * (n // value), n % value
    return out


def _enclosed(base: int):
    return lambda n: chr(base + n - 1) if 1 <= n <= 20 else str(n)


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_FORMATS = {
    "decimal": str, "decimalZero": lambda n: f"{n:02d}",
    **dict.fromkeys(("decimalFullWidth", "decimalFullWidth2"), lambda n: str(n).translate(_FULL_WIDTH)),
    "decimalEnclosedCircle": _enclosed(0x2460), "decimalEnclosedCircleChinese": _enclosed(0x2460),
    "decimalEnclosedParen": _enclosed(0x2474), "decimalEnclosedFullstop": _enclosed(0x2488),
    "upperLetter": lambda n: chr(65 + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n),
    "lowerLetter": lambda n: chr(97 + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n),
    "upperRoman": _roman, "lowerRoman": lambda n: _roman(n).lower(),
    **dict.fromkeys(("chineseCounting", "chineseCountingThousand", "japaneseCounting",
                     "taiwaneseCounting", "taiwaneseCountingThousand"), _chinese),
    "chineseLegalSimplified": lambda n: _chinese(n, "零壹贰叁肆伍陆柒捌玖", "拾佰仟", False),
    "ideographLegalTraditional": lambda n: _chinese(n, "零壹貳參肆伍陸柒捌玖", "拾佰仟", False),
    "taiwaneseDigital": lambda n: "".join("〇一二三四五六七八九"[int(d)] for d in str(n)),
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "none": lambda n: "",
}
# A w:lvl. text: "%1、" "（%2）" "%1.%2"; restart: 0 never, n after levels 1..n, None after any higher one.
_Level = namedtuple("_Level", "start fmt text restart legal suffix")


def _level(lvl) -> _Level:
    restart = _val(lvl, "w:lvlRestart")
    return _Level(_int(_val(lvl, "w:start"), 1), _val(lvl, "w:numFmt") or "decimal", _val(lvl, "w:lvlText") or "",
                  None if restart is None else _int(restart, 0), _on(lvl, "w:isLgl"), _val(lvl, "w:suff") or "tab")


class _Numbering:
    """numbering.xml and Word's running counters. Counters belong to the abstract definition:
    w:num instances sharing one continue one sequence (as Word does, ECMA-376 §17.9); an
    instance's w:startOverride sets its level the first time the instance is used."""

    def __init__(self, root, styles: _Styles) -> None:
        self._abstract: dict[str | None, tuple[dict[int, _Level], str | None]] = {}
        self._nums: dict[str | None, tuple[str | None, dict[int, int], dict[int, _Level]]] = {}
        self._counters: dict[str | None, dict[int, int]] = {}
        self._used: set[tuple[str, int]] = set()
        self._styles = styles
        for an in root.iterfind("w:abstractNum", _NS) if root is not None else ():
            levels = {_int(lv.get(_w("ilvl")), 0): _level(lv) for lv in an.iterfind("w:lvl", _NS)}
            self._abstract[an.get(_w("abstractNumId"))] = (levels, _val(an, "w:numStyleLink"))
        for num in root.iterfind("w:num", _NS) if root is not None else ():
            overrides = [(_int(ov.get(_w("ilvl")), 0), ov) for ov in num.iterfind("w:lvlOverride", _NS)]
            starts = {i: _int(_val(ov, "w:startOverride"), 1) for i, ov in overrides
                      if ov.find("w:startOverride", _NS) is not None}
            levels = {i: _level(ov.find("w:lvl", _NS)) for i, ov in overrides if ov.find("w:lvl", _NS) is not None}
            self._nums[num.get(_w("numId"))] = (_val(num, "w:abstractNumId"), starts, levels)

    def _definition(self, num_id: str) -> tuple[str | None, dict[int, _Level]] | None:
        """(abstract id, levels) of an instance, following a numStyleLink to the list style's list."""
        if num_id not in self._nums:
            return None
        abs_id, _, overrides = self._nums[num_id]
        levels, link = self._abstract.get(abs_id, ({}, None))
        ref = self._styles.inherited(link, "num") if link and not levels else None
        if ref is not None and ref.num_id in self._nums:
            abs_id = self._nums[ref.num_id][0]
            levels = self._abstract.get(abs_id, ({}, None))[0]
        return abs_id, {**levels, **overrides}

    def label(self, ref: _NumRef | None) -> str:
        """The number shown before a paragraph ("一、", "（二）", "1.2 "), advancing the counters."""
        found = self._definition(ref.num_id) if ref is not None else None
        if found is None or ref.ilvl not in found[1]:
            return ""
        (abs_id, levels), ilvl = found, ref.ilvl
        lvl, counters, starts = levels[ilvl], self._counters.setdefault(abs_id, {}), self._nums[ref.num_id][1]
        restarting = (ref.num_id, ilvl) not in self._used and ilvl in starts
        counters[ilvl] = starts[ilvl] if restarting else counters.get(ilvl, lvl.start - 1) + 1
        self._used.add((ref.num_id, ilvl))
        for deeper in [k for k in counters if k > ilvl]:  # restart lower levels as lvlRestart allows
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or ilvl < restart:
                del counters[deeper]
        if lvl.fmt == "bullet":  # a glyph, often in a symbol font: no outline information
            return ""

        def number(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            fmt = "decimal" if lvl.legal else levels[k].fmt
            return _FORMATS.get(fmt, str)(counters.get(k, levels[k].start)) if k in levels else ""

        text = re.sub(r"%([1-9])", number, lvl.text)
        # "一、总体情况" but "1. Scope": a separator only after a Latin character.
        return text + " " if text and text[-1].isascii() and lvl.suffix != "nothing" else text


# --- the walk ---------------------------------------------------------------
def _inline_text(el, out: list[str], boxes: list) -> None:
    """Collect the shown text under ``el``; text boxes are set aside in ``boxes``."""
    for child in el:
        tag = child.tag
        if tag == T:
            out.append(child.text or "")
        elif tag in (TAB, PTAB):
            out.append(" ")
        elif tag in (BR, CR):
            out.append("\n")  # page and column breaks too: the line ends there
        elif tag == TXBX:
            boxes.append(child)
        elif tag == R:
            if not _vanished(child):
                _inline_text(child, out, boxes)
        elif isinstance(tag, str) and tag not in _SKIP:
            _inline_text(child, out, boxes)


def _vanished(run) -> bool:
    """``_on(run, "w:rPr/w:vanish")``: the first w:vanish of any w:rPr, switched on."""
    for props in run:
        if props.tag == RPR:
            for prop in props:
                if prop.tag == VANISH:
                    return (prop.get(_VAL) or "1").lower() not in ("0", "false", "off")
    return False


@dataclass
class _Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    vertical: bool = False
    #: Where it starts in the source table: (row element index, grid column).
    at: tuple[int, int] | None = None


_MERGES = {name: _w(name) for name in ("vMerge", "hMerge")}


def _merge_state(tcpr: dict, name: str) -> str | None:
    """"restart", "continue" or None for w:vMerge / w:hMerge (a bare element continues); ``tcpr``: ``_firsts``."""
    found = tcpr.get(_MERGES[name])
    return None if found is None else "restart" if found.get(_w("val")) == "restart" else "continue"


def _is_layout(tbl, rows: list[list]) -> bool:
    """Tables that place content: at most one cell per row (a frame, a column of boxes),
    or tables inside and under two rows of several cells (side-by-side boxes). Their
    cells are walked as blocks, so inner tables become grids; in a data table an
    inner table is flattened into its cell's text."""
    widths = [len(tcs) for tcs in rows]
    nested = tbl.find("w:tr//w:tbl", _NS) is not None
    return max(widths, default=0) <= 1 or (nested and sum(w >= 2 for w in widths) < 2)


class _Walker:
    """Turns body XML into blocks; numbering counters advance in document order."""

    def __init__(self, styles: _Styles, numbering: _Numbering, body=None) -> None:
        self.styles, self.numbering = styles, numbering
        self.blocks: list[Block] = []
        self.grids = 0
        # Provenance: every w:tbl and w:p of the body in document order, nested ones included.
        self.table_index = {t: i for i, t in enumerate(body.iter(TBL))} if body is not None else {}
        self.paragraph_index = {p: i for i, p in enumerate(body.iter(P))} if body is not None else {}

    def walk(self, container) -> None:
        for el in _children(container, (P, TBL)):
            if el.tag == P:
                lines, boxes, level = self._paragraph(el, body=True)
                source = provenance(paragraph=self.paragraph_index[el]) if el in self.paragraph_index else None
                self.blocks.extend(Paragraph(line, level, source) for line in lines)
                for box in boxes:
                    self.walk(box)
            else:
                self._table(el)

    def _paragraph(self, p, body: bool = False) -> tuple[list[str], list, int]:
        """The paragraph's lines (number prepended), its text boxes and heading level."""
        ppr = _child(p, PPR)
        props = _firsts(ppr)
        sid = _first_val(props, PSTYLE) or self.styles.default
        out, boxes = [], []  # type: list[str], list
        _inline_text(p, out, boxes)
        number = self.numbering.label(self._num_ref(ppr, sid, NUMPR in props))
        outline = _first_val(props, OUTLINE)
        level = self.styles.heading_level(sid) if outline is None else (_int(outline, 9) + 1) % 10
        text = "".join(out)
        if body and (level or (_first_val(props, JC) or self.styles.inherited(sid, "jc")) == "center"):
            text = _ASCII_BREAK.sub(" ", text).replace("\n", "")  # a title wrapped by hand: one line
        lines = [s for s in (_SPACES.sub(" ", line).strip() for line in text.split("\n")) if s]
        if lines:
            lines[0] = number + lines[0]
        return lines, boxes, level

    def _num_ref(self, ppr, sid: str | None, has_numpr: bool = True) -> _NumRef | None:
        """Direct w:numPr first, then the style's (level 0 when none is given); numId 0 is off."""
        num_id, ilvl = (_val(ppr, "w:numPr/w:numId"), _val(ppr, "w:numPr/w:ilvl")) if has_numpr else (None, None)
        style_ref = self.styles.inherited(sid, "num")
        if num_id is None and style_ref is not None:
            num_id = style_ref.num_id
            ilvl = ilvl if ilvl is not None or style_ref.ilvl is None else str(style_ref.ilvl)
        return None if not num_id or num_id == "0" else _NumRef(num_id, _int(ilvl, 0))

    def _cell_lines(self, container) -> list[str]:
        """A cell's text lines: paragraphs, text boxes, and inner tables flattened cell by cell."""
        lines: list[str] = []
        for el in _children(container, (P, TBL)):
            if el.tag == P:
                own, boxes, _ = self._paragraph(el)
                lines += own + [line for box in boxes for line in self._cell_lines(box)]
            else:
                for tr in _children(el, (TR,)):
                    for tc in _children(tr, (TC,)):
                        lines += self._cell_lines(tc)
        return lines

    def _table(self, tbl) -> None:
        rows = [(tr, list(_children(tr, (TC,)))) for tr in _children(tbl, (TR,))]
        if _is_layout(tbl, [tcs for _, tcs in rows]):
            for _, tcs in rows:
                for tc in tcs:
                    self.walk(tc)
            return
        self.grids += 1
        self.blocks.append(RawGrid(self._grid(rows, self.table_index.get(tbl)), SpanInfo.KNOWN, f"table {self.grids}"))

    def _grid(self, rows: list[tuple], index: int | None = None) -> list[list[RawCell]]:
        """Rows of starting cells. A vMerge continue cell is not emitted: it makes the
        cell whose merge reached the row above, at the same grid column, one row taller."""
        out: list[list[_Cell]] = []
        merging: dict[int, _Cell] = {}  # grid column -> cell whose vertical merge reached the last row
        for r, (tr, tcs) in enumerate(rows):
            trpr = _firsts(_child(tr, TRPR))
            col = before = _int(_first_val(trpr, GRID_BEFORE), 0)
            row = [_Cell("", before, at=(r, 0))] if before > 0 else []  # gridBefore: an empty cell shifts the row
            still: dict[int, _Cell] = {}
            for tc in tcs:
                tcpr = _firsts(_child(tc, TCPR))
                span = max(_int(_first_val(tcpr, GRID_SPAN), 1), 1)
                text = "\n".join(self._cell_lines(tc))  # read even when covered: counters advance
                vmerge = _merge_state(tcpr, "vMerge")
                if _merge_state(tcpr, "hMerge") == "continue" and row:
                    row[-1].colspan += span  # legacy horizontal merge
                elif vmerge == "continue" and col in merging:
                    merging[col].rowspan += 1
                    still[col] = merging[col]
                else:  # a plain cell, a merge start, or a continue with nothing above it
                    direction = _first_val(tcpr, TEXT_DIRECTION)
                    row.append(_Cell(text, span, vertical=direction not in _HORIZONTAL | {None}, at=(r, col)))
                    if vmerge is not None:
                        still[col] = row[-1]
                col += span
            if (after := _int(_first_val(trpr, GRID_AFTER), 0)) > 0 and row:
                row.append(_Cell("", after, at=(r, col)))
            merging = still
            out.append(row)
        return [[RawCell(c.text, c.rowspan, c.colspan, c.vertical,
                         source=provenance(table=index, row=c.at[0], column=c.at[1]) if c.at else None)
                 for c in row] for row in out]


# --- the package: a zip, checked before python-docx reads every member ------
#: An XML member inflating past this (a 300-page report's document.xml is
#: ~20 MB, and lxml's tree takes ~10× that), any other member (photos are a
#: few MB), all members together, members at all, and the inflation ratio a
#: member over 1 MiB may have (XML deflates ~10:1, at most ~1000:1).
MAX_XML_BYTES = 64 << 20
MAX_MEMBER_BYTES = 256 << 20
MAX_TOTAL_BYTES = 384 << 20
MAX_MEMBERS = 10_000
MAX_RATIO = 500
_CHUNK = 1 << 20


def _check_package(data: bytes, source: str) -> dict[str, bytes] | None:
    """Refuse a zip bomb: declared sizes and ratios first, then the actual sizes while inflating.

    python-docx reads every member into memory, so a 1 GiB ``document.xml``
    or image must be stopped here. A member whose data inflates past what its
    header declares, or whose checksum fails, is damage. Returns every member's
    bytes by name (a later member of the same name wins, as in ``ZipFile.read``),
    or None when the bytes are not a zip.
    """
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        return None  # python-docx says it is not a readable DOCX
    with package:
        infos = package.infolist()
        if len(infos) > MAX_MEMBERS:
            raise UnsupportedFormat(source, f"not a readable DOCX file ({len(infos):,} zip members, more than "
                                    f"{MAX_MEMBERS:,})")
        declared = 0
        for info in infos:
            ratio = info.file_size / max(info.compress_size, 1)
            cap = MAX_XML_BYTES if info.filename.endswith((".xml", ".rels")) else MAX_MEMBER_BYTES
            if info.file_size > cap or (info.file_size > _CHUNK and ratio > MAX_RATIO):
                raise UnsupportedFormat(source, f"not a readable DOCX file ({info.filename} would inflate to "
                                        f"{info.file_size:,} bytes from {info.compress_size:,}: a zip bomb)")
            declared += info.file_size
        if declared > MAX_TOTAL_BYTES:
            raise UnsupportedFormat(source, f"not a readable DOCX file (its members would inflate to "
                                    f"{declared:,} bytes, more than {MAX_TOTAL_BYTES:,}: a zip bomb)")
        members: dict[str, bytes] = {}
        for info in infos:  # the headers can lie: inflate with a bound
            actual = 0
            chunks = []
            try:
                with package.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        actual += len(chunk)
                        if actual > info.file_size:
                            break
                        chunks.append(chunk)
            except Exception as exc:  # noqa: BLE001 - BadZipFile, zlib.error, EOFError, ValueError (bad offsets)...
                raise UnsupportedFormat(source, f"not a readable DOCX file ({info.filename} is damaged: "
                                        f"{' '.join(str(exc).split()) or type(exc).__name__})") from None
            if actual != info.file_size:
                raise UnsupportedFormat(source, f"not a readable DOCX file ({info.filename} inflates to "
                                        f"{'more' if actual > info.file_size else 'less'} than its header says)")
            members[info.filename] = b"".join(chunks)
    return members


_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_CT_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
#: The parts python-docx parses as XML when it opens a package (its PartFactory.part_type_for):
#: a damaged one of these makes the file unreadable to it, so it is parsed here too.
_XML_PARTS = frozenset({"application/vnd.openxmlformats-package.core-properties+xml", _CT_MAIN,
                        *(_CT_WML + k + "+xml" for k in ("comments", "footer", "header", "numbering", "settings",
                                                          "styles"))})
_NEEDED = {_RT + "styles": _CT_WML + "styles+xml", _RT + "numbering": _CT_WML + "numbering+xml"}


def _xml(blob: bytes):
    from lxml import etree

    # python-docx's parser settings (docx.oxml.parser): the same tree, plain elements
    return etree.fromstring(blob, etree.XMLParser(remove_blank_text=True, resolve_entities=False))


def _rels(members: dict[str, bytes], partname: str) -> list:
    """The relationships of ``partname`` ("/" for the package) as python-docx reads them."""
    base, name = posixpath.split(partname)
    blob = members.get(posixpath.join(base, "_rels", f"{name}.rels")[1:])
    return [] if blob is None else [r for r in _xml(blob) if r.tag == _PR]


def _fast_parts(members: dict[str, bytes]):
    """(w:document, styles root, numbering root) read straight from the zip, or None.

    What python-docx gives for a regular package, without its object model: the
    same relationship walk (every part it would load must be there, every part it
    parses must parse), the same content types, the same XML parser. Anything it
    might read otherwise (two officeDocument relationships, a styles part of
    another content type, no content type...) is None: the caller opens the file
    with python-docx.
    """
    types = _xml(members["[Content_Types].xml"])
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(_CT + "Override")}
    defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(_CT + "Default")}
    if None in overrides or None in defaults:
        return None
    parsed: dict[str, object] = {}
    content_types: dict[str, str] = {}
    rels_of: dict[str, list] = {}
    todo = ["/"]
    while todo:  # python-docx's _walk_phys_parts, every part reachable by an internal relationship
        source = todo.pop()
        rels_of[source] = rels = _rels(members, source)
        base = posixpath.split(source)[0] if source != "/" else "/"
        for rel in rels:
            if rel.get("TargetMode", "Internal") == "External":
                continue
            target = rel.get("Target")
            if target is None:
                return None
            partname = posixpath.abspath(posixpath.join(base, target))
            rel.set("partname", partname)  # a plain tree of our own: keeps the resolved name
            if partname in content_types:
                continue
            if partname[1:] not in members:
                return None
            ext = posixpath.splitext(partname)[1]
            ctype = overrides.get(partname, defaults.get(ext[1:] if ext.startswith(".") else ext))
            if ctype is None:
                return None
            content_types[partname] = ctype
            if ctype in _XML_PARTS:
                parsed[partname] = _xml(members[partname[1:]])
            todo.append(partname)
    main = [r.get("partname") for r in rels_of["/"] if r.get("Type") == _RT + "officeDocument"
            and r.get("TargetMode", "Internal") != "External"]
    if len(main) != 1 or content_types.get(main[0]) != _CT_MAIN:
        return None
    found = {}
    for reltype, ctype in _NEEDED.items():
        targets = [r for r in rels_of[main[0]] if r.get("Type") == reltype]
        if len(targets) > 1 or any(r.get("TargetMode", "Internal") == "External" for r in targets):
            return None
        if targets:
            if content_types[targets[0].get("partname")] != ctype:
                return None
            found[reltype] = parsed[targets[0].get("partname")]
    return parsed[main[0]], found.get(_RT + "styles"), found.get(_RT + "numbering")


def _require_python_docx():
    try:
        import docx
    except ImportError as exc:
        raise MissingDependency("reading DOCX", "docx", "python-docx") from exc
    return docx


def _open(data: bytes, source: str, checked: bool = False):
    """The python-docx document, or a clear error (missing extra, unreadable file)."""
    docx = _require_python_docx()
    if not checked:
        _check_package(data, source)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - zip, KeyError, XML and ValueError all mean "unreadable"
        detail = " ".join(str(exc).split()) or type(exc).__name__  # lxml's messages hold line breaks
        raise UnsupportedFormat(source, f"not a readable DOCX file ({detail})") from exc


@register_reader
class DocxReader(Reader):
    format = "docx"
    extensions = FORMAT_EXTENSIONS[InputFormat.DOCX]

    def read(self, data: bytes, source: str) -> Document:
        _require_python_docx()  # the extra stays what DOCX reading needs, read fast or not
        members = _check_package(data, source)
        try:
            fast = _fast_parts(members) if members is not None else None
        except Exception:  # noqa: BLE001 - anything irregular: python-docx decides, and words the error
            fast = None
        if fast is not None:
            element, styles_root, numbering_root = fast
            body = element.find(BODY)
        else:
            document = _open(data, source, checked=True)
            from docx.opc.constants import RELATIONSHIP_TYPE as RT

            parts = {rel.reltype: getattr(rel.target_part, "element", None)
                     for rel in document.part.rels.values() if not rel.is_external}
            styles_root, numbering_root, body = parts.get(RT.STYLES), parts.get(RT.NUMBERING), document.element.body
        styles = _Styles(styles_root)
        walker = _Walker(styles, _Numbering(numbering_root, styles), body)
        walker.walk(body if body is not None else ())  # body-less: empty
        return Document(blocks=walker.blocks, source_name=source, format="docx")
