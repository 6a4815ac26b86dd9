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
import re
import zipfile
from collections import namedtuple
from dataclasses import dataclass

from giaparse.document import Block, Document, Paragraph, Provenance, RawCell, RawGrid, SpanInfo
from giaparse.errors import MissingDependency, UnsupportedFormat
from giaparse.formats import FORMAT_EXTENSIONS, InputFormat
from giaparse.readers.base import Reader

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W}


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


P, TBL, TR, TC, SDT, SDT_CONTENT, CUSTOM_XML = map(_w, ("p", "tbl", "tr", "tc", "sdt", "sdtContent", "customXml"))
T, TAB, PTAB, BR, CR, R, TXBX = map(_w, ("t", "tab", "ptab", "br", "cr", "r", "txbxContent"))
# Not shown: deletions, field codes, properties, mc:AlternateContent's Fallback (its Choice is read).
_SKIP = frozenset(map(_w, ("del", "delText", "instrText", "delInstrText", "pPr", "rPr", "moveFrom")))
_SKIP |= {"{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
_HORIZONTAL = frozenset({"lrTb", "lrTbV", "lr", "lrV", "rl", "rlV"})
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$|^(?:title|标题)$", re.I)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_ASCII_BREAK = re.compile(r"(?<=[A-Za-z0-9])[ \t]*\n[ \t]*(?=[A-Za-z0-9])")  # a break between words is a space


def _val(el, path: str) -> str | None:
    """The w:val of the element at ``path`` under ``el`` (None when absent)."""
    found = el.find(path, _NS) if el is not None else None
    return None if found is None else found.get(_w("val"))


def _int(text: str | None, default: int) -> int:
    return int(text) if text and text.strip().lstrip("-").isdigit() else default


def _on(el, path: str) -> bool:
    """A toggle property (w:vanish, w:isLgl): present and not switched off."""
    found = el.find(path, _NS) if el is not None else None
    return found is not None and (found.get(_w("val")) or "1").lower() not in ("0", "false", "off")


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
        for style in self.chain(sid):
            if m := _HEADING_NAME.match(style.name):
                return int(m.group(1) or 1)
            if style.outline is not None:
                return (style.outline + 1) % 10
        return 0

    def inherited(self, sid: str | None, field: str):
        """The nearest value of ``field`` (num, jc) along the basedOn chain."""
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
        elif isinstance(tag, str) and tag not in _SKIP and not (tag == R and _on(child, "w:rPr/w:vanish")):
            _inline_text(child, out, boxes)


@dataclass
class _Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    vertical: bool = False
    #: Where it starts in the source table: (row element index, grid column).
    at: tuple[int, int] | None = None


def _merge_state(tcpr, name: str) -> str | None:
    """"restart", "continue" or None for w:vMerge / w:hMerge (a bare element continues)."""
    found = tcpr.find(_w(name)) if tcpr is not None else None
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
                source = Provenance(paragraph=self.paragraph_index[el]) if el in self.paragraph_index else None
                self.blocks.extend(Paragraph(line, level, source) for line in lines)
                for box in boxes:
                    self.walk(box)
            else:
                self._table(el)

    def _paragraph(self, p, body: bool = False) -> tuple[list[str], list, int]:
        """The paragraph's lines (number prepended), its text boxes and heading level."""
        ppr = p.find(_w("pPr"))
        sid = _val(ppr, "w:pStyle") or self.styles.default
        out, boxes = [], []  # type: list[str], list
        _inline_text(p, out, boxes)
        number = self.numbering.label(self._num_ref(ppr, sid))
        outline = _val(ppr, "w:outlineLvl")
        level = self.styles.heading_level(sid) if outline is None else (_int(outline, 9) + 1) % 10
        text = "".join(out)
        if body and (level or (_val(ppr, "w:jc") or self.styles.inherited(sid, "jc")) == "center"):
            text = _ASCII_BREAK.sub(" ", text).replace("\n", "")  # a title wrapped by hand: one line
        lines = [s for s in (_SPACES.sub(" ", line).strip() for line in text.split("\n")) if s]
        if lines:
            lines[0] = number + lines[0]
        return lines, boxes, level

    def _num_ref(self, ppr, sid: str | None) -> _NumRef | None:
        """Direct w:numPr first, then the style's (level 0 when none is given); numId 0 is off."""
        num_id, ilvl = _val(ppr, "w:numPr/w:numId"), _val(ppr, "w:numPr/w:ilvl")
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
            trpr = tr.find(_w("trPr"))
            col = before = _int(_val(trpr, "w:gridBefore"), 0)
            row = [_Cell("", before, at=(r, 0))] if before > 0 else []  # gridBefore: an empty cell shifts the row
            still: dict[int, _Cell] = {}
            for tc in tcs:
                tcpr = tc.find(_w("tcPr"))
                span = max(_int(_val(tcpr, "w:gridSpan"), 1), 1)
                text = "\n".join(self._cell_lines(tc))  # read even when covered: counters advance
                vmerge = _merge_state(tcpr, "vMerge")
                if _merge_state(tcpr, "hMerge") == "continue" and row:
                    row[-1].colspan += span  # legacy horizontal merge
                elif vmerge == "continue" and col in merging:
                    merging[col].rowspan += 1
                    still[col] = merging[col]
                else:  # a plain cell, a merge start, or a continue with nothing above it
                    direction = _val(tcpr, "w:textDirection")
                    row.append(_Cell(text, span, vertical=direction not in _HORIZONTAL | {None}, at=(r, col)))
                    if vmerge is not None:
                        still[col] = row[-1]
                col += span
            if (after := _int(_val(trpr, "w:gridAfter"), 0)) > 0 and row:
                row.append(_Cell("", after, at=(r, col)))
            merging = still
            out.append(row)
        return [[RawCell(c.text, c.rowspan, c.colspan, c.vertical,
                         source=Provenance(table=index, row=c.at[0], column=c.at[1]) if c.at else None)
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


def _check_package(data: bytes, source: str) -> None:
    """Refuse a zip bomb: declared sizes and ratios first, then the actual sizes while inflating.

    python-docx reads every member into memory, so a 1 GiB ``document.xml``
    or image must be stopped here. A member whose data inflates past what its
    header declares, or whose checksum fails, is damage.
    """
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # python-docx says it is not a readable DOCX
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
        for info in infos:  # the headers can lie: inflate with a bound, never keeping the data
            actual = 0
            try:
                with package.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        actual += len(chunk)
                        if actual > info.file_size:
                            break
            except Exception as exc:  # noqa: BLE001 - BadZipFile, zlib.error, EOFError, ValueError (bad offsets)...
                raise UnsupportedFormat(source, f"not a readable DOCX file ({info.filename} is damaged: "
                                        f"{' '.join(str(exc).split()) or type(exc).__name__})") from None
            if actual != info.file_size:
                raise UnsupportedFormat(source, f"not a readable DOCX file ({info.filename} inflates to "
                                        f"{'more' if actual > info.file_size else 'less'} than its header says)")


def _open(data: bytes, source: str):
    """The python-docx document, or a clear error (missing extra, unreadable file)."""
    try:
        import docx
    except ImportError as exc:
        raise MissingDependency("reading DOCX", "docx", "python-docx") from exc
    _check_package(data, source)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - zip, KeyError, XML and ValueError all mean "unreadable"
        detail = " ".join(str(exc).split()) or type(exc).__name__  # lxml's messages hold line breaks
        raise UnsupportedFormat(source, f"not a readable DOCX file ({detail})") from exc


class DocxReader(Reader):
    format = "docx"
    extensions = FORMAT_EXTENSIONS[InputFormat.DOCX]

    def read(self, data: bytes, source: str) -> Document:
        document = _open(data, source)
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        parts = {rel.reltype: getattr(rel.target_part, "element", None)
                 for rel in document.part.rels.values() if not rel.is_external}
        styles = _Styles(parts.get(RT.STYLES))
        walker = _Walker(styles, _Numbering(parts.get(RT.NUMBERING), styles), document.element.body)
        walker.walk(document.element.body if document.element.body is not None else ())  # body-less: empty
        return Document(blocks=walker.blocks, source_name=source, format="docx")
