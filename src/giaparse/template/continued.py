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
  （六）其他处理;
* a continued fragment without a header of its own, when both it and the
  fragment before have ruling-line x positions (a PDF), takes the earlier
  header's columns: each of its columns goes to the earlier column whose x
  extent holds it (``remap_by_position``). The continued page may be ruled
  differently — an extra vertical line (8 column candidates for 7), a
  sliver between two nearly coincident lines, a line missing — so columns
  are matched by where they are on the page, never by counting them. A text
  whose column lies in no single earlier column, or two texts landing in
  one, make the row ambiguous (null with a warning), never a guess;
* where positions disagree like that, the evidence decides
  (``remap_by_evidence``): a column empty over the whole continuation is no
  value column; every order-keeping placement of the others under the
  earlier columns is tried against the table's row identities (总计 = the
  applicant columns). Exactly one placement that the arithmetic confirms on
  some row with a non-zero total, and that no row contradicts, is read, with
  a note saying so; several that read differently → the rows stay
  ambiguous, with a note naming them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import combinations

import regex

from ..core import AlignedRow, AlignedTable, Column, Segment
from ..core.cells import complete_path
from ..text.numbering import outline_level

#: Does this label path name a template row on its own?
RowMatcher = Callable[[tuple[str, ...]], bool]

#: Do a row's values, placed under these reference columns, keep the table's row
#: identities? True: they hold with a non-zero total (evidence that could have
#: failed); False: they fail; None: nothing to test (a total missing, all zero).
RowCheck = Callable[[Sequence[Column], Sequence[str | None]], bool | None]

#: The table's identities over whole rows: given the reference columns, the rows read before the
#: continuation and the continued rows under one placement, each identity that involves a continued
#: cell and could be tested, by name ("requests.balance natural_person"), and whether it held with a
#: non-zero term (True) or failed (False). One that held with zeros only is left out: 0 = 0 tells
#: nothing.
TableCheck = Callable[[Sequence[Column], Sequence[AlignedRow], Sequence[AlignedRow]], dict[str, bool]]

#: Placements tried at most (C(15, 7) for table 4 is 6435).
MAX_CANDIDATES = 10_000

#: pt: how far a continued page's column may stick out of the earlier column
#: it belongs to (ruling lines drawn per cell wobble by a point or two).
X_TOLERANCE = 3.0


def _placed(columns: list[Column]) -> bool:
    return bool(columns) and all(c.placed for c in columns)


def _home(col: Column, reference: list[Column]) -> int | None:
    """The one reference column ``col`` lies in, if there is one.

    ``col`` overlaps a reference column significantly when the overlap is
    over ``X_TOLERANCE`` and over a quarter of that column's width; exactly
    one such column is its home. None where it straddles two (a ruling line
    missing) or lies in none (a sliver between nearly coincident lines).
    """
    hits = []
    for i, ref in enumerate(reference):
        overlap = min(col.x1, ref.x1) - max(col.x0, ref.x0)  # type: ignore[type-var, operator]
        if overlap > max(X_TOLERANCE, 0.25 * (ref.x1 - ref.x0)):  # type: ignore[operator]
            hits.append(i)
    return hits[0] if len(hits) == 1 else None


def remap_by_position(reference: Segment, seg: Segment) -> Segment:
    """``seg`` (a header-less continuation) with its values moved under ``reference``'s columns.

    Both segments' columns must be ``placed``. Empty cells of columns that
    fit nowhere (a sliver across a boundary) are dropped; a text that fits
    nowhere, or a second text in one column, turns the row ambiguous.
    """
    homes = [_home(c, reference.columns) for c in seg.columns]
    rows: list[AlignedRow] = []
    for row in seg.rows:
        if row.unassigned:
            rows.append(replace(row, values=(None,) * len(reference.columns), sources=()))
            continue
        values: list[str | None] = [None] * len(reference.columns)
        sources: list = [None] * len(reference.columns)
        lost: list[str] = []
        clash = False
        for i, (home, text) in enumerate(zip(homes, row.values, strict=False)):
            if home is None:
                if text:
                    lost.append(text)
                continue
            if text and values[home]:
                clash = True
            if values[home] is None or (text and not values[home]):
                values[home], sources[home] = text, row.source_of(i)
        if lost or clash:
            found = [(t, row.source_of(i)) for i, t in enumerate(row.values) if t]
            rows.append(replace(row, values=(None,) * len(reference.columns), sources=(),
                                unassigned=tuple(t for t, _ in found), unassigned_sources=tuple(s for _, s in found)))
        else:
            rows.append(replace(row, values=tuple(values), sources=tuple(sources)))
    return Segment(list(seg.header_rows), list(reference.columns), rows)


def _positions_disagree(reference: Segment, seg: Segment) -> bool:
    """Some text of ``seg`` lies in no single reference column, or two share one."""
    homes = [_home(c, reference.columns) for c in seg.columns]
    for row in seg.rows:
        if row.unassigned:
            continue
        taken: set[int] = set()
        for home, text in zip(homes, row.values, strict=False):
            if not text:
                continue
            if home is None or home in taken:
                return True
            taken.add(home)
    return False


def _placed_by(mapping: Sequence[int], used: Sequence[int], seg: Segment, width: int) -> list[AlignedRow]:
    rows = []
    for row in seg.rows:
        if row.unassigned:
            rows.append(replace(row, values=(None,) * width, sources=()))
            continue
        values: list[str | None] = [None] * width
        sources: list = [None] * width
        for target, i in zip(mapping, used, strict=False):
            values[target], sources[target] = row.values[i], row.source_of(i)
        rows.append(replace(row, values=tuple(values), sources=tuple(sources)))
    return rows


#: A cell holding several whole numbers side by side (a ruling line between two cells missing).
_NUMBERS = regex.compile(r"^\s*[0-9]+(?:\s+[0-9]+)+\s*$")


def _split_count(texts: Sequence[str]) -> int:
    """How many numbers each of ``texts`` holds, where every one holds the same number (>= 2), else 0."""
    counts = {len(t.split()) if _NUMBERS.match(t) else 0 for t in texts}
    return counts.pop() if len(counts) == 1 and texts else 0


def _split_merged_cells(seg: Segment) -> tuple[Segment, int]:
    """``seg`` with each column whose every text holds the same count of numbers (``22 0``: two cells
    under one, their line missing) split into that many columns, in reading order; and how many
    columns were split. Only the identities can then say where the parts go."""
    plan = []
    split = 0
    for i in range(len(seg.columns)):
        texts = [r.values[i] for r in seg.rows if not r.unassigned and i < len(r.values) and r.values[i]]
        k = _split_count(texts)  # type: ignore[arg-type]
        plan.append(k or 1)
        split += k > 1
    if not split:
        return seg, 0
    columns: list[Column] = []
    for col, k in zip(seg.columns, plan, strict=True):
        step = (col.x1 - col.x0) / k  # type: ignore[operator]
        columns += [replace(col, x0=col.x0 + j * step, x1=col.x0 + (j + 1) * step) for j in range(k)]  # type: ignore[operator]
    rows = []
    for row in seg.rows:
        if row.unassigned:
            rows.append(row)
            continue
        values: list[str | None] = []
        sources: list = []
        for i, k in enumerate(plan):
            text = row.values[i] if i < len(row.values) else None
            parts = text.split() if k > 1 and text else [text] + [None] * (k - 1)
            values += parts
            sources += [row.source_of(i)] * k
        rows.append(replace(row, values=tuple(values), sources=tuple(sources)))
    return Segment(list(seg.header_rows), columns, rows), split


def _numbers_out_of_labels(reference: Segment, seg: Segment) -> Segment:
    """A continued part whose first value column's line is missing on the label side: every row's last
    label is numbers (``8.属于行政查询事项 | 22 0``), the cell of the first two value columns taken into
    the label area. Those numbers become a value column of their own, before the others (its x
    extent from the earlier header's first column to this part's first), for the evidence to place."""
    if not seg.rows or not _placed(seg.columns) or not reference.columns:
        return seg
    with_values = [r for r in seg.rows if not r.unassigned and any(r.values)]
    if not with_values or not all(r.labels and _NUMBERS.match(r.labels[-1]) for r in with_values):
        return seg
    moved = {id(r) for r in with_values}
    x0, x1 = reference.columns[0].x0, seg.columns[0].x0
    if x1 - x0 <= X_TOLERANCE:  # type: ignore[operator]
        return seg
    rows = []
    for row in seg.rows:
        if id(row) in moved:
            rows.append(replace(row, labels=row.labels[:-1], values=(row.labels[-1],) + row.values,
                                sources=(None,) + tuple(row.source_of(i) for i in range(len(row.values)))))
        else:
            rows.append(replace(row, values=(None,) + row.values,
                                sources=(None,) + tuple(row.source_of(i) for i in range(len(row.values)))))
    return Segment(list(seg.header_rows), [Column((), x0=x0, x1=x1)] + list(seg.columns), rows)


def _completed(rows: Sequence[AlignedRow], previous: tuple[str, ...]) -> list[AlignedRow]:
    """``rows`` with the parent labels of the rows before them (copies)."""
    out = []
    for row in rows:
        path = complete_path(list(row.labels), previous)
        out.append(replace(row, labels=path) if path != row.labels else row)
        previous = path or previous
    return out


def _verdicts(mapping: Sequence[int], used: Sequence[int], rows: Sequence[AlignedRow], width: int,
              check: RowCheck | None, table_check: TableCheck | None, columns: Sequence[Column],
              earlier: Sequence[AlignedRow]) -> tuple[dict[str, bool], tuple[tuple[str | None, ...], ...]]:
    """Every identity's verdict under one placement ({name: held}, untested ones left out) and the
    reading it gives (the continued rows' texts under the reference columns)."""
    verdicts: dict[str, bool] = {}
    placed = []
    for n, row in enumerate(rows):
        values: list[str | None] = [None] * width
        if not row.unassigned:
            for target, i in zip(mapping, used, strict=False):
                values[target] = row.values[i] if i < len(row.values) else None
        placed.append(tuple(values))
        if check is not None and not row.unassigned and any(values):
            verdict = check(columns, values)
            if verdict is not None:
                verdicts[f"the row total of continued row {n + 1}"] = verdict
    if table_check is not None:
        candidate = [replace(row, values=v) for row, v in zip(rows, placed, strict=True) if not row.unassigned]
        verdicts.update(table_check(columns, earlier, candidate))
    return verdicts, tuple(placed)


def remap_by_evidence(reference: Segment, seg: Segment, check: RowCheck | None,
                      notes: list[tuple[bool, str]] | None = None, *, table_check: TableCheck | None = None,
                      earlier: Sequence[AlignedRow] = (), previous: tuple[str, ...] = ()) -> Segment:
    """``seg`` under ``reference``'s columns where ruling positions cannot place it.

    Columns with no text in any row of ``seg`` are dropped; the rest keep
    their order and are placed under reference columns in every possible
    way. Each placement is scored by the table's identities: ``check`` on
    each continued row (a row total), ``table_check`` on the whole table
    (``earlier`` rows, read before the break, and the continued rows under the
    placement, their labels completed from ``previous``: column sums, the
    balance rows, table 4's group totals). An identity that fails under every
    one of several placements reading differently says nothing about the
    placement (the report's own arithmetic is off there) and is set aside;
    under a single reading a failure stands. A placement survives when no identity
    fails under it and one holds with a non-zero term. The survivors' readings
    all the same → that reading (and a note naming the identities that decided);
    otherwise every row with text is left ambiguous (its texts
    ``unassigned``), with a note naming the placements.
    """
    width = len(reference.columns)
    original = seg
    seg, split = _split_merged_cells(seg)
    used = [i for i in range(len(seg.columns)) if any(i < len(r.values) and r.values[i] for r in seg.rows)]
    rows = _completed(seg.rows, previous) if table_check is not None else list(seg.rows)
    scored: list[tuple[tuple[int, ...], dict[str, bool], tuple]] = []
    tried = 0
    if 0 < len(used) <= width:
        for mapping in combinations(range(width), len(used)):
            tried += 1
            if tried > MAX_CANDIDATES:
                scored = []  # not every placement tried: no reading can be shown to be the only one
                break
            verdicts, reading = _verdicts(mapping, used, rows, width, check, table_check, reference.columns, earlier)
            scored.append((mapping, verdicts, reading))
    # An identity failing under every one of several placements that read differently is the report's
    # own arithmetic, no evidence of placement. Under one placement (or placements that all read the
    # same) a failure cannot be told from a wrong reading: it stands.
    names = {name for _, v, _ in scored for name in v}
    always_fail = {name for name in names if all(v.get(name) is False for _, v, _ in scored)} \
        if len({r for _, _, r in scored}) > 1 else set()
    survivors = [(m, v, r) for m, v, r in scored
                 if not any(held is False for name, held in v.items() if name not in always_fail)
                 and any(held for name, held in v.items())]
    readings = {r for _, _, r in survivors}
    where = ", ".join(str(c.x0 and round(c.x0)) for c in seg.columns)
    if len(readings) == 1:
        mapping, verdicts, _ = survivors[0]
        if notes is not None:
            names_ = [reference.columns[t].leaf or str(t + 1) for t in mapping]
            held = sorted({_kind(n) for s in survivors for n, ok in s[1].items() if ok})
            kept = {m for m, _, _ in survivors}
            ruled_out = sorted({_kind(n) for m, v, _ in scored if m not in kept
                                for n, ok in v.items() if ok is False and n not in always_fail})
            how = f"kept by {', '.join(held)}"
            if ruled_out:
                how += f"; the others fail {', '.join(ruled_out)}"
            same = f" ({len(survivors)} placements, all reading the same)" if len(survivors) > 1 else ""
            if split:
                how += (f"; {split} column(s) holding two or more numbers a cell (a ruling line missing) "
                        "split into one column a number")
            notes.append((True, f"the continued part's columns (left edges at {where} pt) do not line up "
                          f"with the earlier header's; of {min(tried, MAX_CANDIDATES)} order-keeping placements "
                          f"only one reading keeps the table's arithmetic{same} (its text columns under "
                          f"{' | '.join(names_)}; {how}), so it is read"))
        return Segment(list(seg.header_rows), list(reference.columns), _placed_by(mapping, used, seg, width))
    if notes is not None:
        if survivors:
            shown = "; ".join("under columns " + ",".join(str(t + 1) for t in m) for m, _, _ in survivors[:4])
            notes.append((False, f"the continued part's columns (left edges at {where} pt) do not line up "
                          f"with the earlier header's, and {len(survivors)} placements keep the row totals and the "
                          f"table's sums, reading it {len(readings)} ways ({shown}); its cells are left null"))
        else:
            notes.append((False, f"the continued part's columns (left edges at {where} pt) do not line up "
                          "with the earlier header's, and no placement is confirmed by the row totals or the "
                          "table's sums; its cells are left null"))
    out = []
    for row in original.rows:  # the texts as read, a cell of two numbers still one text
        found = [(t, row.source_of(i)) for i, t in enumerate(row.values) if t]
        if row.unassigned or not found:
            out.append(replace(row, values=(None,) * width, sources=()))
        else:
            out.append(replace(row, values=(None,) * width, sources=(), unassigned=tuple(t for t, _ in found),
                               unassigned_sources=tuple(src for _, src in found)))
    return Segment(list(seg.header_rows), list(reference.columns), out)


_RULES = {"requests.row_total": "the row totals (requests.row_total)",
          "requests.total_is_sum": "the column sums 总计 = the result rows (requests.total_is_sum)",
          "requests.balance": "the balance 一+二 = 三总计+四 (requests.balance)",
          "review_litigation.total": "the group totals (review_litigation.total)"}


def _kind(name: str) -> str:
    """An identity's name as a note says it: the rule, without the row or column it was tested on."""
    rule = "requests.row_total" if name.startswith("the row total") else name.split(" ")[0]
    return _RULES.get(rule, rule)


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


def _merge_values(a: AlignedRow, b: AlignedRow) -> tuple[tuple[str | None, ...], tuple] | None:
    """Column by column, the half that has text, with its source; None when both halves do
    (two rows, not one)."""
    if len(a.values) != len(b.values):
        return None
    out: list[str | None] = []
    sources: list = []
    for i, (x, y) in enumerate(zip(a.values, b.values, strict=False)):
        if x and y:
            return None
        from_b = bool(y) or (not x and x is None)
        out.append(y if from_b else x)
        sources.append(b.source_of(i) if from_b else a.source_of(i))
    return tuple(out), tuple(sources)


def _joined_labels(a: AlignedRow, b: AlignedRow) -> tuple[str, ...]:
    """The labels of a row cut by the break: ``b``'s (the rest) joined to ``a``'s. Where the rest has
    several label cells and its first is no label of its own (他处理 | 补正、…, under （六）其 |
    1.申请人…逾期不), each is the rest of the label at its level, counted from the right."""
    extra = [label for label in b.labels if label not in a.labels]
    if not a.labels:
        return tuple(extra)
    if not extra:
        return a.labels
    if 1 < len(extra) <= len(a.labels) and outline_level(extra[0]) is None:
        k = len(extra)
        return a.labels[:-k] + tuple(x + y for x, y in zip(a.labels[-k:], extra, strict=True))
    return a.labels[:-1] + (a.labels[-1] + "".join(extra),)


def _cut_row_as_header(seg: Segment) -> Segment:
    """A continued part's first segment whose one header row is the rest of a row the break cut:
    label text only, nothing over the value columns (补正、行政机关不再处理其政府信息公开申请 at the
    top of the page, its numbers left on the page before). It is a body row with empty values, so
    that the earlier header's columns stand and the cut row is joined; other segments as they are."""
    if len(seg.header_rows) != 1 or not seg.columns or any(any(c.path) for c in seg.columns):
        return seg
    labels = tuple(t for t in seg.header_rows[0] if t)
    if not labels:
        return seg
    row = AlignedRow(labels, (None,) * len(seg.columns))
    return Segment([], list(seg.columns), [row] + list(seg.rows))


def _join_pair(prev: Segment, nxt: Segment, matches: RowMatcher) -> None:
    """Merge ``nxt``'s first row into ``prev``'s last row when it continues it (in place)."""
    if not prev.rows or not nxt.rows:
        return
    a, b = prev.rows[-1], nxt.rows[0]
    if a.unassigned or b.unassigned or not _is_continuation(a, b, matches):
        return
    labels = _joined_labels(a, b)
    # the rest of a cut parent label (他处理 of （六）其他处理) names that parent on the rows after it
    renamed = {old: new for old, new in zip(b.labels[:-1], labels[-len(b.labels):-1], strict=False) if old != new}
    if renamed:
        nxt.rows[1:] = [replace(r, labels=tuple(renamed.get(x, x) for x in r.labels)) for r in nxt.rows[1:]]
    has_a = any(a.values)
    has_b = any(b.values)
    if has_a and has_b:
        merged = _merge_values(a, b)
        if merged is None:
            return
        prev.rows[-1] = replace(a, labels=labels, values=merged[0], sources=merged[1])
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


def _under_earlier_headers(earlier: list[Segment], segs: list[Segment], check: RowCheck | None,
                           notes: list[tuple[bool, str]] | None, table_check: TableCheck | None = None,
                           previous: tuple[str, ...] = ()) -> list[Segment]:
    """A continued fragment's header-less segments moved under the last earlier
    header's columns, by x position, where both sides have positions; by the
    table's identities (``check`` per row, ``table_check`` over the whole table,
    with the rows read so far under those columns) where the positions disagree."""
    reference = next((s for s in reversed(earlier) if s.header_rows and _placed(s.columns)), None)
    if reference is None:
        return segs
    paths = [c.path for c in reference.columns]
    before = [r for s in earlier if [c.path for c in s.columns] == paths for r in s.rows]
    out: list[Segment] = []
    for seg in segs:
        if seg.header_rows:
            return out + segs[len(out):]  # a header of its own: its columns stand from here on
        if not _placed(seg.columns):
            out.append(seg)
        elif (check is not None or table_check is not None) and _positions_disagree(
                reference, seg := _numbers_out_of_labels(reference, seg)):
            out.append(remap_by_evidence(reference, seg, check, notes, table_check=table_check,
                                         earlier=before + [r for s in out for r in s.rows], previous=previous))
        else:
            out.append(remap_by_position(reference, seg))
    return out


def _within(col: Column, ref: Column) -> bool:
    return col.x0 >= ref.x0 - X_TOLERANCE and col.x1 <= ref.x1 + X_TOLERANCE  # type: ignore[operator]


def merge_split_header(head: Segment, seg: Segment) -> Segment | None:
    """``head`` (header rows at the foot of a page, no body) and ``seg`` (the next page's first
    segment, opening with header rows of its own) as one segment, where the page break ran
    through the header.

    Each of ``seg``'s columns lies within one of ``head``'s (by x, within ``X_TOLERANCE``). An
    earlier column holding several continued ones is their parent (行政诉讼 over 未经复议直接起诉
    …): its path goes in front of theirs. An earlier column holding exactly one is the same
    column, its header text wrapped over the break (处理决定数 | 量): the continued text is
    appended to its leaf. None where a column lies in no single earlier one, or where the
    continued header repeats the earlier one (a repeated header, not a cut one).
    """
    if seg.rows and not seg.header_rows or not (_placed(head.columns) and _placed(seg.columns)):
        return None
    homes = []
    for col in seg.columns:
        hits = [i for i, ref in enumerate(head.columns) if _within(col, ref)]
        if len(hits) != 1:
            return None
        homes.append(hits[0])
    columns = []
    for col, home in zip(seg.columns, homes, strict=True):
        ref = head.columns[home]
        if homes.count(home) > 1:
            columns.append(replace(col, path=ref.path + col.path))
            continue
        tail = "".join(col.path)
        if tail and ref.leaf and (tail == ref.leaf or ref.leaf.endswith(tail)):
            return None  # the header repeated on the new page
        path = ref.path[:-1] + (ref.leaf + tail,) if ref.path else col.path
        columns.append(replace(col, path=path))
    return Segment(list(head.header_rows) + list(seg.header_rows), columns, list(seg.rows))


def join_fragments(tables: list[AlignedTable], matches: RowMatcher, check: RowCheck | None = None,
                   notes: list[tuple[bool, str]] | None = None, table_check: TableCheck | None = None
                   ) -> list[Segment]:
    """All segments of one table's fragments, in order, with page breaks mended.

    ``tables`` are the fragments as found (document order). The segments
    returned are copies; the input tables are not changed. ``check`` (the
    table's row identities) and ``table_check`` (its identities over rows: column
    sums, balance rows, group totals) decide continued columns that positions
    cannot; what they decided (True) or could not (False) is appended to ``notes``.
    """
    segments: list[Segment] = []
    previous: tuple[str, ...] = ()
    for n, table in enumerate(tables):
        segs = [Segment(list(s.header_rows), list(s.columns), list(s.rows)) for s in table.segments]
        if n > 0 and segs and any(s.rows for s in segments):
            segs[0] = _cut_row_as_header(segs[0])
        if n > 0 and segments and segs and not segments[-1].rows and segments[-1].header_rows:
            merged = merge_split_header(segments[-1], segs[0])
            if merged is not None:
                segments.pop()  # the header cut by the page break, joined to its rest
                segs[0] = merged
        if n > 0 and segments:
            segs = _under_earlier_headers(segments, segs, check, notes, table_check, previous)
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
