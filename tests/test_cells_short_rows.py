"""Cell-per-line text whose blank cells left no trace: a row with fewer figures than cells.

Zeros written blank and dropped (``styles_cells``' ``cells_no_blank_lines`` and
``cells_blanks_gone``; variants of the real ``corpus/real/hebei_jyt_2023.txt``
from ``corpus/generate/real_cells.py``) leave rows whose figures could sit in
several cells. They are placed jointly, rows and columns together under the
template's identities (``template/search.py``'s exact pass): a cell gets a
value only where every joint placement that keeps every identity gives it the
same one. Labels come from the generating data or from the real label, with
None for a cell written blank (``styles_cells.truth``).
"""

from __future__ import annotations

import itertools
import json
import random
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import giaparse
from giaparse.pipeline import read_document
from giaparse.template import identities as ids
from giaparse.template import search
from giaparse.template import stream as stream_reading
from giaparse.template.identities import Identity
from giaparse.template.readings import RowText, candidates
from giaparse.template.solve import solve
from giaparse.template.templates import TEMPLATE_2021

from .conftest import CORPUS, REPO
from .test_streams import _verdict

sys.path.insert(0, str(REPO / "corpus" / "generate"))

import real_cells  # noqa: E402
import styles_cells  # noqa: E402
from reportdata import random_report  # noqa: E402

SHORT_ROW_STYLES = ("cells_no_blank_lines", "cells_blanks_gone")


def _problems(out: dict, truth: dict) -> list[str]:
    return _verdict(out, truth)[2]


# ------------------------------------------------------------ the family --

@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), style=st.sampled_from(SHORT_ROW_STYLES), edition=st.sampled_from(["2019", "2021"]),
       zero_blank=st.sampled_from([0.3, 0.7, 1.0]), scale=st.sampled_from([3, 10, 40, 150, 900]),
       busy=st.sampled_from([0, 2, 6, 20]))
def test_short_rows_are_right_or_null_with_a_warning(seed, style, edition, zero_blank, scale, busy):
    data = random_report(seed, edition, scale=scale, busy=busy)
    layout = styles_cells.layout_for(style, seed)
    assert layout is not None
    layout = layout._replace(zero_blank=zero_blank)
    out = giaparse.parse(styles_cells.render_cells(data, layout).encode("utf-8"), name=f"{style}.txt").to_dict()
    problems = _problems(out, styles_cells.truth(data, layout))
    assert not problems, problems[:5]


def test_a_wrong_number_fails_the_verdict():
    # The property above can fail: one planted wrong number, or one null no warning names, is a problem.
    data = random_report(3, "2021")
    layout = styles_cells.layout_for("cells_no_blank_lines", 3)
    assert layout is not None
    out = giaparse.parse(styles_cells.render_cells(data, layout).encode("utf-8"), name="x.txt").to_dict()
    truth = styles_cells.truth(data, layout)
    assert not _problems(out, truth)
    cell = out["tables"]["requests"]["granted"]["total"]
    assert cell["value"] is not None
    cell["value"] += 1
    assert any("WRONG" in p for p in _problems(out, truth))
    cell["value"] = None
    out["warnings"] = [w for w in out["warnings"] if w.get("table") != "requests"]
    assert any("null without a warning" in p for p in _problems(out, truth))


# ------------------------------------------------------------ the real one --

REAL_TEXT = (CORPUS / "real" / "hebei_jyt_2023.txt").read_text(encoding="utf-8")
REAL_LABEL = json.loads((CORPUS / "real" / "hebei_jyt_2023.label.json").read_text(encoding="utf-8"))
REAL_ZEROS = real_cells.zero_count(REAL_TEXT)


def _read_real(empty_lines: bool, drop) -> tuple[int, int, list[str]]:
    text, label = real_cells.variant(REAL_TEXT, REAL_LABEL, empty_lines=empty_lines, drop=drop)
    out = giaparse.parse(text.encode("utf-8"), name="hebei_jyt_2023.txt").to_dict()
    assert out["document"]["organ"] == REAL_LABEL["document"]["organ"]
    tables = dict(label["tables"], proactive=label["tables"]["proactive"]["items"])
    return _verdict(out, tables)


def test_the_real_report_without_blank_lines_is_read_whole():
    assert _read_real(False, ()) == (200, 0, [])


def test_the_real_report_with_every_zero_dropped_is_right_or_null():
    # Every zero written blank: the figures left are the two applicant columns 自然人 / 商业企业 and
    # the totals; with four applicant columns blank throughout, 自然人 and 商业企业 can shift right into
    # them in every row at once, keeping every identity: those cells are null, the totals are read.
    for empty_lines in (True, False):
        right, null, problems = _read_real(empty_lines, None)
        assert not problems, problems[:5]
        assert right >= 182, (empty_lines, right, null)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drop=st.sets(st.integers(0, REAL_ZEROS - 1)), empty_lines=st.booleans())
def test_the_real_report_with_some_zeros_dropped_is_right_or_null(drop, empty_lines):
    _, _, problems = _read_real(empty_lines, drop)
    assert not problems, problems[:5]


def test_real_variant_drops_cells_the_way_the_generator_does():
    text, label = real_cells.variant(REAL_TEXT, REAL_LABEL, empty_lines=True, drop=None)
    lines = text.split("\n")
    # 规章 0 0 0: all three dropped, the row's label stands alone before the next row (row gap 4).
    at = lines.index("规章")
    assert lines[at + 1:at + 6] == ["", "", "", "", "行政规范性文件"]
    assert label["tables"]["proactive"]["items"]["regulations"] == {"issued": None, "repealed": None,
                                                                    "in_force": None}
    assert label["tables"]["requests"]["new_received"]["total"] == 19


# ------------------------------------------------------------ the solve --

def _rows(pieces: dict[str, tuple[str, ...]]) -> list[RowText]:
    return [RowText(tuple((r, c) for c in ids.REQUEST_COLUMNS), p, True, whole=True) for r, p in pieces.items()]


SMALL_TABLE = ["new_received", "carried_over", "granted", "total", "carried_forward"]
BLANK_ROWS = {(r, c): 0.0 for r in ("carried_over", "carried_forward") for c in ids.REQUEST_COLUMNS}


def test_placements_every_identity_allows_alike_are_no_evidence():
    # One applicant column holds every figure: any of the six keeps every identity (the whole column
    # moves), so no applicant cell is placed; the totals, the same in every placement, are read.
    rows = _rows({"new_received": ("5", "5"), "granted": ("5", "5"), "total": ("5", "5")})
    out = solve("requests", rows, ids.request_identities(SMALL_TABLE), BLANK_ROWS)
    for row in ("new_received", "granted", "total"):
        assert out.cells[(row, "total")].value == 5
        assert all(out.cells[(row, c)].value is None for c in ids.APPLICANT_COLUMNS)
    named = [w for w in out.warnings if w.row == "granted" and w.column == "natural_person"]
    assert named and "5 / (empty)" in named[0].message


def test_a_placement_the_identities_could_have_refuted_is_read():
    # The 总计 row written whole pins the column: 新收 and 予以公开 can only be 自然人 (every other
    # placement breaks 一+二 = 三总计+四 or 总计 = the result rows).
    rows = _rows({"new_received": ("5", "5"), "granted": ("5", "5"),
                  "total": ("5", "0", "0", "0", "0", "0", "5")})
    out = solve("requests", rows, ids.request_identities(SMALL_TABLE), BLANK_ROWS)
    for row in ("new_received", "granted"):
        assert out.cells[(row, "natural_person")].value == 5
        assert all(out.cells[(row, c)].value is None for c in ids.APPLICANT_COLUMNS[1:])
        assert out.cells[(row, "total")].value == 5


_COLS = ("a", "b", "c", "t")
_MINI_ROWS = ("r0", "r1", "r2", "s")


def _mini_identities() -> tuple[list[Identity], list[Identity]]:
    """A small table with table 3's shape: t = a + b + c per row, s = r0 + r1 + r2 per column."""
    local = [Identity("row", r, (("t", r, "t"),), tuple((c, r, c) for c in _COLS[:3])) for r in _MINI_ROWS]
    cross = [Identity("col", c, (("s", "s", c),), tuple((r, r, c) for r in _MINI_ROWS[:3])) for c in _COLS]
    return local, cross


@st.composite
def _mini_table(draw):
    values = {r: [draw(st.sampled_from([0, 0, 0, 1, 2, 3])) for _ in range(3)] for r in _MINI_ROWS[:3]}
    values["s"] = [sum(values[r][k] for r in _MINI_ROWS[:3]) for k in range(3)]
    rows = []
    for r in _MINI_ROWS:
        cells = values[r] + [sum(values[r])]
        kept = [str(v) for v in cells if v != 0 or not draw(st.booleans())]  # some zeros dropped
        rows.append(RowText(tuple((r, c) for c in _COLS), tuple(kept) or ("0",), True, whole=True))
    return rows


@settings(max_examples=60, deadline=None)
@given(rows=_mini_table())
def test_the_exact_pass_keeps_exactly_the_candidates_some_joint_solution_uses(rows):
    local, cross = _mini_identities()
    domains = [candidates(row, local) or [] for row in rows]
    if not all(domains):
        return
    where = {cell: (k, i) for k, row in enumerate(rows) for i, cell in enumerate(row.cells)}

    def holds(choice) -> bool:
        def value(cell):
            k, i = where[cell]
            text = choice[k][i]
            return int(text) if text is not None else 0
        return all(sum(value((r, c)) for _, r, c in ident.left) == sum(value((r, c)) for _, r, c in ident.right)
                   for ident in cross)

    used = [set() for _ in rows]
    for choice in itertools.product(*domains):
        if holds(choice):
            for k, cand in enumerate(choice):
                used[k].add(cand)
    exact = search._Search(list(rows), [list(d) for d in domains], cross, {})
    found = exact.exact()
    assert found == bool(used[0])
    if found:
        assert [set(d) for d in exact.domains] == used


def test_past_its_bound_the_exact_pass_gives_way_and_nothing_is_invented(monkeypatch):
    monkeypatch.setattr(search, "QUICK_NODES", 10)
    monkeypatch.setattr(search, "MAX_STEPS", 0)
    monkeypatch.setattr(search, "MAX_NODES", 50)
    for seed in (0, 2, 13):
        data = random_report(seed)
        text = styles_cells.STYLES["cells_no_blank_lines"](data, random.Random(seed))
        out = giaparse.parse(text.encode("utf-8"), name="x.txt").to_dict()
        problems = _problems(out, styles_cells.style_truth("cells_no_blank_lines", data, random.Random(seed)))
        assert not problems, (seed, problems[:5])


# ------------------------------------------------------------ the stream --

def test_one_figure_rows_in_cell_order_are_their_labels():
    # Every token on a line of its own: the table's own cell order, a row's label first.
    text = ("规章\n0\n0\n0\n行政规范性文件\n3\n5\n156\n第二十条第（五）项\n信息内容\n本年处理决定数量\n行政许可\n7417\n"
            "第二十条第（六）项\n信息内容\n本年处理决定数量\n行政处罚\n1\n行政强制\n0\n第二十条第（八）项\n信息内容\n"
            "本年收费金额（单位：万元）\n行政事业性收费\n397.619\n")
    doc = read_document(text.encode(), "x.txt")
    cells = stream_reading.stream_tables(doc.streams, TEMPLATE_2021, doc.text(), ("proactive",))["proactive"].cells
    assert cells[("administrative_penalty", "decisions")].value == 1
    assert cells[("administrative_coercion", "decisions")].value == 0
    assert cells[("administrative_licensing", "decisions")].value == 7417


def test_a_label_broken_by_a_page_number_line_is_joined_back():
    data = random_report(58)
    text = styles_cells.STYLES["cells_no_blank_lines"](data, random.Random(58))
    assert "5.要求行政机关确认或重新\r\n— 2 —\r\n出具已获取信息" in text  # this report's page break (CRLF)
    out = giaparse.parse(text.encode("utf-8"), name="x.txt").to_dict()
    row = out["tables"]["requests"]["not_processed_confirmation"]
    assert {c: v["value"] for c, v in row.items()} == {c: 0 for c in ids.REQUEST_COLUMNS}
