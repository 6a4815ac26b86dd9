"""Plain-text reader: narrative text and tables flattened to text.

Three flattened table forms are recognised, each becoming a ``RawGrid``
with ``SpanInfo.UNKNOWN`` (the positions of merged cells were lost, the core
infers them):

* **pipes** — ``a | b | |`` one row per line, as copy-paste tools and
  PDF-to-Markdown converters write them; Markdown's leading/trailing pipes and
  ``|---|`` separator rows are accepted, a row label left floating on its own
  line above its numbers is put back, and page footers (``— 4 —``) inside a
  table are dropped.
* **tab cells** — one cell per line, each starting with a tab, a blank line
  between rows; a line without a tab continues the previous cell (vertical
  header text ``商/业/企/业``).
* **TSV** — one row per line, cells separated by tabs.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from ..diagnostics import ParseWarning, WarningCode
from ..document import Block, Document, Paragraph, Provenance, RawCell, RawGrid, SpanInfo
from ..text.boilerplate import is_page_number
from . import register_reader
from .base import Reader
from .encoding import decode_bytes
from .stream import streams_between_grids
from .text_grids import box_lines_as_pipes, raw_html_table

_MD_SEPARATOR = regex.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
# GFM also allows one hyphen (|-|-|); only trusted as the table's second line,
# where a row of "-" placeholders cannot be.
_MD_SEPARATOR_LOOSE = regex.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$")
# A cell's content a converter moved out of the table: a number, perhaps with a
# unit and a note (15 / （其中修订 9 件） written as one line above the row).
_FLOATED_VALUE = regex.compile(
    r"^[+\-增减]?[0-9０-９][0-9０-９,，.．]*\s*(?:万元|元|件|项|个|条|次)?\s*(?:[（(][^）)|]{1,30}[）)])?$")
_MD_HEADING = regex.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_MD_EMPHASIS = regex.compile(r"(\*\*|__)(.+?)\1")


def _is_pipe_row(line: str) -> bool:
    s = line.strip()
    if "|" not in s:
        return False
    # "a | b" or "|a|b|": at least one pipe with text, or a leading/trailing pipe.
    return s.startswith("|") or s.endswith("|") or " | " in s or s.count("|") >= 2


def _split_pipe_row(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [_MD_EMPHASIS.sub(r"\2", cell).strip() for cell in s.split("|")]


def _on_lines(first: int, last: int | None = None) -> Provenance:
    """Provenance of text on 0-based lines ``first``..``last`` (written 1-based)."""
    return Provenance(lines=(first + 1, (first if last is None else last) + 1))


def _read_pipe_block(lines: list[tuple[int, str]], moved: dict[int, int] | None = None) -> RawGrid:
    """Rows from consecutive pipe lines (with their line indices), with floating labels put back."""
    rows: list[list[RawCell]] = []
    pending_label: list[str] = []
    label_from: int | None = None
    for i, (n, line) in enumerate(lines):
        s = line.strip()
        if _MD_SEPARATOR.match(s) or (i == 1 and "|" in s and _MD_SEPARATOR_LOOSE.match(s)):
            continue
        if not _is_pipe_row(s):
            # A label that a converter moved onto its own line, above its row.
            pending_label.append(s)
            label_from = n if label_from is None else label_from
            continue
        where = _on_lines(min(n, (moved or {}).get(n, n)), n)
        cells = [RawCell(c, source=where) for c in _split_pipe_row(s)]
        if pending_label:
            label = RawCell("".join(pending_label), source=_on_lines(label_from if label_from is not None else n, n))
            pending_label, label_from = [], None
            if cells and not cells[0].text:
                cells[0] = label
            else:
                cells.insert(0, label)
        rows.append(cells)
    return RawGrid(rows, spans=SpanInfo.UNKNOWN, origin="pipe table")


class _Lines:
    """The decoded text as lines with a cursor, for the block scanner."""

    def __init__(self, text: str) -> None:
        # Box-drawn tables (w3m/lynx dumps) as the pipe rows they are, line for line.
        self.lines = box_lines_as_pipes(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        self.i = 0
        #: {line index: the earlier line a lost cell's value was moved from} (provenance).
        self.moved: dict[int, int] = {}

    def peek(self, k: int = 0) -> str | None:
        j = self.i + k
        return self.lines[j] if j < len(self.lines) else None


def _next_pipe_row(cur: _Lines, k: int, max_label_lines: int = 0) -> int | None:
    """Offset of the next pipe row from ``cur.i + k``, skipping blank lines,
    page footers and up to ``max_label_lines`` short floating-label lines."""
    labels = 0
    while (line := cur.peek(k)) is not None:
        s = line.strip()
        if _is_pipe_row(s):
            return k
        if not s or is_page_number(s):
            k += 1
            continue
        if labels < max_label_lines and len(s) <= 60:
            labels += 1
            k += 1
            continue
        return None
    return None


def _scan_pipe_table(cur: _Lines) -> RawGrid:
    """Consume pipe rows. Blank lines and page footers (— 4 —) between two
    pipe rows stay inside the table; so does a short label a converter moved
    onto its own line(s) above a row whose first cell is empty."""
    block: list[tuple[int, str]] = []
    while (line := cur.peek()) is not None:
        s = line.strip()
        if _is_pipe_row(s) or _MD_SEPARATOR.match(s):
            block.append((cur.i, line))
            cur.i += 1
            continue
        if not s or is_page_number(s):
            k = _next_pipe_row(cur, 1)
            if k is None:
                break
            cur.i += k
            continue
        k = _next_pipe_row(cur, 1)
        if k is not None and _FLOATED_VALUE.match(s):
            filled = _fill_lost_cell(cur.peek(k) or "", s)
            if filled is not None:
                cur.moved[cur.i + k] = cur.i  # the row's line now holds a value from this one
                cur.i += k
                cur.lines[cur.i] = filled
                continue
            break
        k = _next_pipe_row(cur, 1, max_label_lines=2)
        if len(s) <= 60 and k is not None and _first_cell_empty(cur.peek(k) or ""):
            # Floating row label: keep its lines (not the blanks/footers among them).
            for j in range(k):
                t = (cur.peek(j) or "").strip()
                if t and not is_page_number(t):
                    block.append((cur.i + j, t))
            cur.i += k
            continue
        break
    return _read_pipe_block(block, cur.moved)


def _fill_lost_cell(line: str, text: str) -> str | None:
    """``line`` with ``text`` put into its one empty value cell; None unless exactly one.

    Value cells are those after the row's last label (the last non-empty cell
    before its first number); a row with two or more empty ones does not say
    which lost the text.
    """
    cells = _split_pipe_row(line)
    first_value = next((i for i, c in enumerate(cells) if c and _FLOATED_VALUE.match(c)), None)
    if first_value is None:
        return None
    last_label = max((i for i in range(first_value) if cells[i]), default=-1)
    empty = [i for i in range(last_label + 1, len(cells)) if not cells[i]]
    if len(empty) != 1:
        return None
    cells[empty[0]] = text
    return "| " + " | ".join(cells) + " |"


def _first_cell_empty(line: str) -> bool:
    cells = _split_pipe_row(line)
    return bool(cells) and not cells[0]


def _scan_tab_table(cur: _Lines) -> RawGrid:
    """Consume tab-led cells (one per line) or TSV rows until the table ends."""
    rows: list[list[RawCell]] = []
    row: list[RawCell] = []
    blank_run = 0
    while (line := cur.peek()) is not None:
        if line.startswith("\t"):
            if blank_run and row:
                rows.append(row)
                row = []
            blank_run = 0
            body = line[1:]
            if "\t" in body.rstrip("\t") and not row:
                # TSV: a whole row on one line.
                rows.append([RawCell(c, source=_on_lines(cur.i)) for c in body.split("\t")])
            else:
                row.append(RawCell(body, source=_on_lines(cur.i)))
            cur.i += 1
        elif not line.strip():
            blank_run += 1
            cur.i += 1
            if blank_run >= 2 and (nxt := cur.peek()) is not None and not nxt.startswith("\t"):
                break
        elif blank_run == 0 and row:
            last = row[-1]  # continuation: vertical or wrapped cell text
            first = last.source.lines[0] - 1 if last.source and last.source.lines else cur.i
            row[-1] = RawCell(last.text + "\n" + line, source=_on_lines(first, cur.i))
            cur.i += 1
        else:
            break
    if row:
        rows.append(row)
    return RawGrid(rows, spans=SpanInfo.UNKNOWN, origin="tab table")


def _is_tsv_row(line: str) -> bool:
    return "\t" in line.strip("\t ") and not line.startswith("\t")


def _scan_tsv_table(cur: _Lines) -> RawGrid:
    """Rows of tab-separated cells, one row per line (spreadsheets, .tsv)."""
    rows: list[list[RawCell]] = []
    while (line := cur.peek()) is not None and _is_tsv_row(line):
        rows.append([RawCell(c, source=_on_lines(cur.i)) for c in line.rstrip("\r").split("\t")])
        cur.i += 1
    return RawGrid(rows, spans=SpanInfo.UNKNOWN, origin="tsv table")


def _starts_tab_table(cur: _Lines) -> bool:
    """A tab-led line, or a bare tab (an empty first cell) followed by one."""
    line = cur.peek() or ""
    if not line.startswith("\t"):
        return False
    if line.strip():
        return True
    nxt = cur.peek(1)
    return nxt is not None and nxt.startswith("\t")


def text_to_blocks(text: str) -> list[Block]:
    """Split decoded text into paragraphs and flattened tables."""
    cur = _Lines(text)
    blocks: list[Block] = []
    while (line := cur.peek()) is not None:
        s = line.strip()
        if _is_tsv_row(line) and (nxt := cur.peek(1)) is not None and _is_tsv_row(nxt):
            blocks.append(_scan_tsv_table(cur))
            continue
        if _starts_tab_table(cur):
            grid = _scan_tab_table(cur)
            if grid.rows:
                blocks.append(grid)
            continue
        if s.startswith("<") and (end := raw_html_table(cur.lines, cur.i)) is not None:
            blocks.extend(_html_blocks(cur.lines, cur.i, end))
            cur.i = end
            continue
        if s and _is_pipe_row(s):
            grid = _scan_pipe_table(cur)
            if grid.rows:
                blocks.append(grid)
            continue
        cur.i += 1
        if not s:
            continue
        m = _MD_HEADING.match(s)
        where = _on_lines(cur.i - 1)
        if m:
            blocks.append(Paragraph(_MD_EMPHASIS.sub(r"\2", m.group(2)), heading_level=len(m.group(1)), source=where))
        else:
            blocks.append(Paragraph(_MD_EMPHASIS.sub(r"\2", s), source=where))
    return _number_tables(blocks)


def _html_blocks(lines: list[str], start: int, end: int) -> list[Block]:
    """A raw HTML table block inside the text, read by the HTML reader, placed on its lines."""
    from .html import read_fragment  # the HTML reader reads HTML; here only where it lies

    where = _on_lines(start, end - 1)
    out: list[Block] = []
    for block in read_fragment("\n".join(lines[start:end])):
        if isinstance(block, RawGrid):
            block.rows = [[replace(c, source=replace(c.source or Provenance(), lines=where.lines, xpath=None))
                           for c in row] for row in block.rows]
            block.origin = "html table in text"
        elif isinstance(block, Paragraph):
            block = replace(block, source=where)
        out.append(block)
    return out


def _number_tables(blocks: list[Block]) -> list[Block]:
    """Each table cell's place in its table: table index, row, cell index in the row."""
    k = 0
    for block in blocks:
        if isinstance(block, RawGrid):
            # dataclasses.replace, without its per-field Python loop (every field is an init field)
            block.rows = [[RawCell(**{**c.__dict__, "source": Provenance(**{
                              **(c.source.__dict__ if c.source is not None else {}),
                              "table": k, "row": r, "column": i})})
                           for i, c in enumerate(row)] for r, row in enumerate(block.rows)]
            k += 1
    return blocks


@register_reader
class TextReader(Reader):
    """Plain text in UTF-8 (with or without BOM), UTF-16 or GB18030/GBK."""

    format = "text"
    extensions = (".txt", ".text", ".md", ".markdown", ".tsv")

    def read(self, data: bytes, source: str) -> Document:
        warnings: list[ParseWarning] = []
        text, encoding = decode_bytes(data, source, warnings=warnings)
        blocks = text_to_blocks(text)
        dropped = [p.source.lines[0] for p in blocks if isinstance(p, Paragraph) and p.text == "[TABLE]" and p.source
                   and p.source.lines]
        if dropped:
            # pandoc -t plain writes a table it cannot lay out as the word [TABLE]: its cells are gone.
            warnings.append(ParseWarning(
                WarningCode.CONTENT_TRUNCATED,
                f"{len(dropped)} table(s) were dropped by the converter that made this text (written as [TABLE] "
                f"on line(s) {', '.join(map(str, dropped))}); their cells are not in the text",
                cause="tables dropped by the converter that made the text ([TABLE]); their cells are not in it"))
        # The lines no grid took, also as a token stream (cell-per-line tables, PDF text dumps).
        # Pipe tables are read a second way too, as text: converters draw their cell boundaries wrong
        # (markitdown and pymupdf4llm on PDF: neighbouring cells merged, columns shifted).
        streams = streams_between_grids(blocks, _Lines(text).lines, reread=lambda g: g.origin == "pipe table")
        return Document(blocks, source_name=source, format=f"text ({encoding})", warnings=warnings, streams=streams)
