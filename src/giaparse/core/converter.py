"""Rows that PDF-to-Markdown converters add to a flattened table.

A converter has to give every pipe table a header row, and when the PDF's
own header is hard to read it makes one up:

* placeholder heads — ``数据1 | 数据2 | …``, ``列1``, ``Column 1``: they name
  no column, so they are blanked and the columns are left to their position;
* a row of row labels taken as column heads — ``一、本年新收… | 二、上年结转… |
  三、本年度办理结果 | …``: several labels of the *same* outline level side by
  side, no number among them. Column heads are not outline-numbered, and a
  body row has at most one label per level, so such a row is neither; it is
  blanked (kept as an empty row, so row indices still point into the
  source; the rows it repeats follow with their numbers).

Template-free: it knows outline numbering and what numbers look like.
"""

from __future__ import annotations

import regex

from ..document import RawCell, RawGrid
from ..text.normalise import clean_cell_text
from ..text.numbering import outline_level
from .cells import is_value_text

_PLACEHOLDER_HEAD = regex.compile(r"^(?:数据|列|栏|字段|column|col\.?|field)\s*[0-9０-９]{1,2}$", regex.IGNORECASE)


def is_placeholder_head(text: str) -> bool:
    """``数据3``, ``列 2``, ``Column 1``: a converter's name for a column it could not read."""
    return bool(_PLACEHOLDER_HEAD.match(clean_cell_text(text)))


def is_label_row_as_header(texts: list[str]) -> bool:
    """Two or more outline-numbered labels of one level side by side, and no number."""
    cleaned = [clean_cell_text(t) for t in texts]
    if any(is_value_text(t) for t in cleaned):
        return False
    levels = [lv for t in cleaned if t and (lv := outline_level(t)) is not None]
    return len(levels) >= 2 and len(levels) != len(set(levels))


def drop_converter_rows(raw: RawGrid) -> RawGrid:
    """``raw`` with label rows made into headers and placeholder heads blanked."""
    rows: list[list[RawCell]] = []
    for row in raw.rows:
        if is_label_row_as_header([c.text for c in row]):
            row = [RawCell("", c.rowspan, c.colspan, c.vertical, source=c.source) for c in row]
        elif any(is_placeholder_head(c.text) for c in row):
            row = [RawCell("", c.rowspan, c.colspan, c.vertical, source=c.source) if is_placeholder_head(c.text) else c
                   for c in row]
        rows.append(row)
    if all(a is b for a, b in zip(rows, raw.rows, strict=False)):
        return raw
    return RawGrid(rows, raw.spans, raw.origin)
