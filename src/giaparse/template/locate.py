"""Find tables 2, 3 and 4 among a document's aligned tables.

By content first (the labels a table carries), the heading above it
second: tables are often out of order, split, or under renamed headings.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core import AlignedTable, reconstruct
from ..document import Block, Document, Paragraph
from ..text.normalise import label_key
from .fragments import read_fragments, regions
from .match import key_of
from .rows import request_orders
from .templates import EDITION_MARKERS, PARTS, TABLE_MARKERS, TABLE_ORDER, TEMPLATE_2021, compiled

_MIN_MARKERS = 2


@dataclass
class LocatedTable:
    kind: str           # "proactive" | "requests" | "review_litigation"
    table: AlignedTable


def _part_of_heading(text: str) -> int | None:
    """The part number (2–4) a short heading paragraph introduces, if any."""
    if len(text) > 60:
        return None
    key = key_of(text)
    for number, _, pattern in PARTS:
        if number in (2, 3, 4) and compiled(pattern).search(key):
            return number
    return None


def _header_with_positions(table: AlignedTable) -> bool:
    """A header alone at a page foot whose columns have x positions (a PDF): its
    rows are on the next page and will be placed under it by x."""
    return any(seg.header_rows and seg.columns and all(c.placed for c in seg.columns) for seg in table.segments)


def classify(table: AlignedTable, heading_part: int | None) -> str | None:
    """The table's kind, or None when it is none of the three."""
    text = label_key(table.text())
    scores = {kind: sum(1 for m in markers if m in text) for kind, markers in TABLE_MARKERS.items()}
    if heading_part is not None:
        scores[TABLE_ORDER[heading_part - 2]] += 2
    kind, best = max(scores.items(), key=lambda kv: kv[1])
    if best < _MIN_MARKERS or not (table.rows or _header_with_positions(table)):
        return None
    return kind


def locate_tables(doc: Document) -> list[LocatedTable]:
    """Every grid that is one of the statistical tables, in document order."""
    found: list[LocatedTable] = []
    heading_part: int | None = None
    blocks: list[Block | AlignedTable] = list(doc.blocks)
    # Table 3 as pipe fragments with its labels between them (markitdown on a WPS PDF): one table,
    # in place of its blocks (and the rest of a grid it shares with table 4, as a grid of its own).
    # The 2021 template's rows (with 2019's merged 其他处理) give the order: the edition is not known yet.
    for start, end in reversed(regions(doc.blocks)):
        read = read_fragments(doc.blocks[start:end], TEMPLATE_2021, request_orders(TEMPLATE_2021)[0])
        if read is not None:
            table, used, rest = read
            blocks[start:start + used] = [table, *rest]
    for block in blocks:
        if isinstance(block, AlignedTable):
            found.append(LocatedTable("requests", block))
            heading_part = 3
        elif isinstance(block, Paragraph):
            part = _part_of_heading(block.text)
            if part is not None:
                heading_part = part
        else:
            table = reconstruct(block)
            kind = classify(table, heading_part)
            if kind is not None:
                found.append(LocatedTable(kind, table))
    return found


def detect_edition(located: list[LocatedTable]) -> str | None:
    """"2019" or "2021" from the tables' own labels, None when they do not say."""
    text = label_key(" ".join(t.table.text() for t in located))
    scores = {ed: sum(1 for m in markers if m in text) for ed, markers in EDITION_MARKERS.items()}
    if scores["2019"] == scores["2021"]:
        return None
    return max(scores, key=lambda ed: scores[ed])
