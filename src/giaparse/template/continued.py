"""Tables continued on the next page, joined by their row labels.

A PDF (or a Word file printed to one) splits a long table at the page
break: the second fragment may repeat the header rows or not, its merged
parent cells (三、本年度办理结果, （五）不予处理) are empty on the new page,
and a row can itself be cut in two — part of its label on one page, the rest
(and perhaps its numbers) on the next. Fragments of one statistical table are
consecutive in the document, so they are joined in order here:

* a fragment's first body row that is a *continuation* (no label of its own
  that names a template row, no outline number) is merged into the previous
  fragment's last row: labels concatenated, each value taken from whichever
  half has it;
* rows of a continued fragment get their parent labels back from the rows
  before them (``core.cells.complete_path``), so 3.其他 is still under
  （六）其他处理.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..core import AlignedRow, AlignedTable, Segment
from ..core.cells import complete_path
from ..text.numbering import outline_level

#: Does this label path name a template row on its own?
RowMatcher = Callable[[tuple[str, ...]], bool]


def _is_continuation(prev: AlignedRow, row: AlignedRow, matches: RowMatcher) -> bool:
    """``row`` (first on its page) may be the rest of ``prev`` (last on the page before).

    It has no outline number of its own, and either it names no template row
    or ``prev`` does not (a cut can leave a matching word in either half:
    5.要求行政机关确认 | 或重新出具已获取信息).
    """
    if not row.labels:
        return True
    if outline_level(row.labels[-1]) is not None:
        return False
    return not matches(row.labels) or not (prev.labels and matches(prev.labels))


def _merge_values(a: AlignedRow, b: AlignedRow) -> tuple[str | None, ...] | None:
    """Column by column, the half that has text; None when both halves do (two rows, not one)."""
    if len(a.values) != len(b.values):
        return None
    out: list[str | None] = []
    for x, y in zip(a.values, b.values):
        if x and y:
            return None
        out.append(x or y if (x or y) else (x if x is not None else y))
    return tuple(out)


def _joined_labels(a: AlignedRow, b: AlignedRow) -> tuple[str, ...]:
    extra = [label for label in b.labels if label not in a.labels]
    if not a.labels:
        return tuple(extra)
    if not extra:
        return a.labels
    return a.labels[:-1] + (a.labels[-1] + "".join(extra),)


def _join_pair(prev: Segment, nxt: Segment, matches: RowMatcher) -> None:
    """Merge ``nxt``'s first row into ``prev``'s last row when it continues it (in place)."""
    if not prev.rows or not nxt.rows:
        return
    a, b = prev.rows[-1], nxt.rows[0]
    if a.unassigned or b.unassigned or not _is_continuation(a, b, matches):
        return
    labels = _joined_labels(a, b)
    has_a = any(a.values)
    has_b = any(b.values)
    if has_a and has_b:
        values = _merge_values(a, b)
        if values is None:
            return
        prev.rows[-1] = replace(a, labels=labels, values=values)
        nxt.rows.pop(0)
    elif has_b:
        # The numbers are on the new page: the row lives on in the second fragment's columns.
        nxt.rows[0] = replace(b, labels=labels)
        prev.rows.pop()
    else:
        prev.rows[-1] = replace(a, labels=labels)
        nxt.rows.pop(0)


def _complete_from(previous: tuple[str, ...], seg: Segment) -> tuple[str, ...]:
    """Give a continued fragment's rows the parent labels of the rows before them."""
    for i, row in enumerate(seg.rows):
        path = complete_path(list(row.labels), previous)
        if path != row.labels:
            seg.rows[i] = replace(row, labels=path)
        previous = path or previous
    return previous


def join_fragments(tables: list[AlignedTable], matches: RowMatcher) -> list[Segment]:
    """All segments of one table's fragments, in order, with page breaks mended.

    ``tables`` are the fragments as found (document order). The segments
    returned are copies; the input tables are not changed.
    """
    segments: list[Segment] = []
    previous: tuple[str, ...] = ()
    for n, table in enumerate(tables):
        segs = [Segment(list(s.header_rows), list(s.columns), list(s.rows)) for s in table.segments]
        if n > 0 and segments:
            first_with_rows = next((s for s in segs if s.rows), None)
            last_with_rows = next((s for s in reversed(segments) if s.rows), None)
            if first_with_rows is not None and last_with_rows is not None:
                _join_pair(last_with_rows, first_with_rows, matches)
                if last_with_rows.rows:
                    previous = last_with_rows.rows[-1].labels or previous
            for seg in segs:
                previous = _complete_from(previous, seg)
        else:
            for seg in segs:
                if seg.rows:
                    previous = seg.rows[-1].labels or previous
        segments.extend(segs)
    return segments
