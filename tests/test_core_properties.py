"""Invariants of the reconstruction core, checked on generated grids.

* any grid: ``reconstruct`` never raises, every row has one value per column
  of its segment, a row that could not be assigned has no values, values come
  from the row's own cells, each source row is used once;
* positioned grids: a cell goes to one column only;
* a known matrix gives the same rows whether it arrives positioned or as pipe
  text, and header colspans over value + spacer cells put each value under its
  header whatever the cell count;
* flattened rows that lost cells never put a value in a wrong column;
* ``clean_cell_text`` is idempotent; ``label_key`` ignores bracket and quote styles.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from giaparse.core import AlignedTable, reconstruct
from giaparse.document import RawCell, RawGrid, SpanInfo
from giaparse.readers.text import text_to_blocks
from giaparse.text.normalise import clean_cell_text, label_key

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Texts a table cell can hold: labels of every outline level, header words,
# numbers and placeholders, blanks, vertical and wrapped text.
TEXTS = [
    "", "", " ", "0", "7", "12", "174", "增3", "减183", "-87", "1,234", "588项", "1732.63万元", "-", "/", "无",
    "三、本年度办理结果", "（三）不予公开", "(一)予以公开", "1.属于国家秘密", "2.其他法律行政法规禁止公开",
    "四、结转下年度继续办理", "规章", "行政许可", "信息内容", "申请人情况", "法人或其他组织", "自然人", "总计",
    "商\n业\n企\n业", "结果\n维持", "第二十条第(一)项", "其他",
]
LABELS = ["规章", "规范性文件", "行政许可", "行政处罚", "行政强制", "（一）予以公开", "（二）部分公开",
          "1.属于国家秘密", "2.其他法律行政法规禁止公开", "三、本年度办理结果", "四、结转下年度继续办理"]
LEAVES = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计", "结果维持", "结果纠正"]
NUMBERS = ["0", "1", "7", "12", "174", "3826", "增3", "减4", "-87", "1,234", "588项", "-", "/", "无"]

raw_cells = st.builds(
    RawCell,
    text=st.sampled_from(TEXTS),
    rowspan=st.integers(1, 3),
    colspan=st.integers(1, 3),
)
raw_grids = st.builds(
    RawGrid,
    rows=st.lists(st.lists(raw_cells, max_size=7), max_size=9),
    spans=st.sampled_from([SpanInfo.KNOWN, SpanInfo.UNKNOWN]),
)


def _rows_of(table: AlignedTable):
    return [(seg, row) for seg in table.segments for row in seg.rows]


# ------------------------------------------------------------- any grid ---

@SETTINGS
@given(raw_grids)
def test_any_grid_gives_one_value_per_column(raw):
    table = reconstruct(raw)
    assert table.spans_known is (raw.spans is SpanInfo.KNOWN)
    used: list[int] = []
    for seg, row in _rows_of(table):
        assert len(row.values) == len(seg.columns)
        assert all(label for label in row.labels)
        assert 0 <= row.source_row < raw.n_rows
        used.append(row.source_row)
        if raw.spans is SpanInfo.UNKNOWN and row.unassigned:
            assert row.values == (None,) * len(seg.columns)
        # Values (and unassigned texts) are cleaned texts of the row's own cells.
        own = [clean_cell_text(c.text) for c in raw.rows[row.source_row]]
        for text in [v for v in row.values if v is not None] + list(row.unassigned):
            assert text in own, (text, own)
    assert used == sorted(set(used)), "a source row used twice, or rows out of order"


@SETTINGS
@given(st.lists(st.lists(raw_cells, min_size=1, max_size=7), min_size=2, max_size=9))
def test_positioned_cell_goes_to_one_column_only(rows):
    raw = RawGrid(rows, SpanInfo.KNOWN)
    table = reconstruct(raw)
    for _seg, row in _rows_of(table):
        # Cells starting in this row (place_cells visits them in row order).
        own = Counter(t for t in (clean_cell_text(c.text) for c in raw.rows[row.source_row]) if t)
        placed = Counter(v for v in row.values if v) + Counter(t for t in row.unassigned if t)
        assert not placed - own, (placed, own)


# --------------------------------------------------- matrix, two shapes ---

@st.composite
def matrices(draw, blanks: bool = True):
    """(leaves, [(label, values)]): distinct leaves and labels, every row with a value."""
    n = draw(st.integers(1, 6))
    leaves = draw(st.lists(st.sampled_from(LEAVES), min_size=n, max_size=n, unique=True))
    labels = draw(st.lists(st.sampled_from(LABELS), min_size=1, max_size=6, unique=True))
    value = st.sampled_from(NUMBERS + ([""] * 3 if blanks else []))
    rows = []
    for i, label in enumerate(labels):
        if i == 0:
            # The first body row is full: a value column blank in every row is another
            # matter (see test_core.test_first_value_column_blank_in_every_row_keeps_its_header).
            values = draw(st.lists(st.sampled_from(NUMBERS), min_size=n, max_size=n))
        else:
            values = draw(st.lists(value, min_size=n, max_size=n).filter(any))
        rows.append((label, values))
    return leaves, rows


def _pipe_text(leaves, rows, padding: list[int] | None = None) -> str:
    """Markdown-style rows (``| a | b |``): the outer pipes are borders, so a
    trailing blank cell is ``|  |`` and survives the reader."""
    lines = ["| " + " | ".join(["信息内容", *leaves]) + " |"]
    for i, (label, values) in enumerate(rows):
        pad = [""] * (padding[i] if padding else 0)
        lines.append("| " + " | ".join([label, *values, *pad]) + " |")
    return "\n".join(lines)


def _flat_grid(text: str) -> RawGrid:
    grids = [b for b in text_to_blocks(text) if isinstance(b, RawGrid)]
    assert len(grids) == 1
    return grids[0]


@SETTINGS
@given(matrices())
def test_matrix_positioned_and_flattened_agree(matrix):
    leaves, rows = matrix
    positioned = RawGrid([[RawCell(t) for t in ["信息内容", *leaves]]]
                         + [[RawCell(t) for t in [label, *values]] for label, values in rows])
    flattened = _flat_grid(_pipe_text(leaves, rows))
    a, b = reconstruct(positioned), reconstruct(flattened)
    assert len(a.segments) == len(b.segments) == 1
    assert [c.path for c in a.segments[0].columns] == [c.path for c in b.segments[0].columns] == [
        (leaf,) for leaf in leaves]
    assert [(r.labels[-1], r.values) for r in a.rows] == [(r.labels[-1], r.values) for r in b.rows] == [
        (label, tuple(values)) for label, values in rows]
    assert [r.labels for r in a.rows] == [r.labels for r in b.rows]


@SETTINGS
@given(matrices(), st.data())
def test_header_colspans_over_spacer_cells_place_values_by_position(matrix, data):
    """Header leaf j spans w_j grid columns; each body row fills them with one cell of
    width w_j, or the value plus blank spacers (the spacer may come first except in the
    first column: see test_core.test_header_colspan_with_spacer_before_the_first_value)."""
    leaves, rows = matrix
    widths = data.draw(st.lists(st.integers(1, 3), min_size=len(leaves), max_size=len(leaves)))
    group = data.draw(st.booleans())  # a two-level header: one group cell over all leaves
    header = [RawCell("信息内容", rowspan=2 if group else 1)]
    grid_rows = []
    if group:
        grid_rows.append(header + [RawCell("申请人情况", colspan=sum(widths))])
        header = []
    grid_rows.append(header + [RawCell(leaf, colspan=w) for leaf, w in zip(leaves, widths, strict=False)])
    for label, values in rows:
        body = [RawCell(label)]
        for j, (value, w) in enumerate(zip(values, widths, strict=False)):
            style = data.draw(st.sampled_from(["span", "after", "before"] if j else ["span", "after"]))
            if style == "span" or w == 1:
                body.append(RawCell(value, colspan=w))
            elif style == "after":
                body += [RawCell(value)] + [RawCell("") for _ in range(w - 1)]
            else:
                body += [RawCell("") for _ in range(w - 1)] + [RawCell(value)]
        grid_rows.append(body)
    seg = reconstruct(RawGrid(grid_rows)).segments[0]
    expected_paths = [("申请人情况", leaf) if group else (leaf,) for leaf in leaves]
    assert [c.path for c in seg.columns] == expected_paths
    assert [r.values for r in seg.rows] == [tuple(values) for _, values in rows]


# ------------------------------------------------ flattened, lost cells ---

@SETTINGS
@given(matrices(blanks=False), st.data())
def test_flattened_row_that_lost_cells_is_never_misaligned(matrix, data):
    """No padding: a row with k >= 1 value cells dropped keeps none of its values in columns."""
    leaves, rows = matrix
    assume(len(leaves) >= 2)
    i = data.draw(st.integers(0, len(rows) - 1))
    label, values = rows[i]
    drop = data.draw(st.sets(st.integers(0, len(values) - 1), min_size=1, max_size=len(values) - 1))
    kept = [v for j, v in enumerate(values) if j not in drop]
    damaged = rows[:i] + [(label, kept)] + rows[i + 1:]
    table = reconstruct(_flat_grid(_pipe_text(leaves, damaged)))
    assert len(table.segments) == 1
    assert [c.path for c in table.segments[0].columns] == [(leaf,) for leaf in leaves]
    for j, row in enumerate(table.rows):
        if j == i:
            assert row.values == (None,) * len(leaves)
            assert row.unassigned == tuple(kept)
        else:
            assert row.values == tuple(rows[j][1]) and not row.unassigned


@SETTINGS
@given(matrices(), st.data())
def test_flattened_trailing_padding_is_harmless(matrix, data):
    """Rows padded with blank cells to one common width (as pipe flatteners pad
    every row to the table's width) read as unpadded, and so do the same rows
    padded to a narrower common width.

    Padding that differs from row to row is not covered on purpose: in a
    padded table, a row shorter than the others has lost cells, and its
    trailing blanks can no longer be told from padding (see
    test_flattened_lost_cell_is_not_hidden_by_padding).
    """
    leaves, rows = matrix
    extra = data.draw(st.integers(0, 3))
    padding = [extra] * len(rows)
    padded = reconstruct(_flat_grid(_pipe_text(leaves, rows, padding)))
    expected = [(label, tuple(values)) for label, values in rows]
    assert [(r.labels[-1], r.values) for r in padded.rows] == expected
    assert [c.path for c in padded.segments[0].columns] == [(leaf,) for leaf in leaves]
    fewer_pad = extra - data.draw(st.integers(0, extra))
    fewer = reconstruct(_flat_grid(_pipe_text(leaves, rows, [fewer_pad] * len(rows))))
    assert [(r.labels[-1], r.values, r.unassigned) for r in fewer.rows] == [
        (label, values, ()) for label, values in expected]


# --------------------------------------------------------- text helpers ---

_CELL_CHARS = st.sampled_from(list("商业企社会公益组织（）()一三、1.0 \u3000\t\n\r\u00a0\u2003abAZ9-“”\"‘’'《》"))


@SETTINGS
@given(st.text(_CELL_CHARS, max_size=30))
def test_clean_cell_text_is_idempotent(text):
    once = clean_cell_text(text)
    assert clean_cell_text(once) == once
    assert "\n" not in once and "\r" not in once and "\u3000" not in once
    assert once == once.strip()


@SETTINGS
@given(st.text(st.sampled_from(list("不予公开危及三安全一稳定二1.、（）()“”\"‘’'「」 \u3000")), max_size=30))
def test_label_key_ignores_bracket_width_and_quote_style(text):
    half = text.translate(str.maketrans({"（": "(", "）": ")", "“": '"', "”": '"', "‘": "'", "’": "'",
                                          "「": '"', "」": '"', "\u3000": " "}))
    full = text.translate(str.maketrans({"(": "（", ")": "）", '"': "“", "'": "‘", " ": "\u3000"}))
    assert label_key(text) == label_key(half) == label_key(full)
    assert label_key(label_key(text)) == label_key(text)
