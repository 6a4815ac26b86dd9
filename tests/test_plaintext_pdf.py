"""Plain ``pdftotext`` (no ``-layout``) and pdfminer ``extract_text()`` of ruled-table PDFs.

Those converters write a table in their own reading order: row labels in a
block, the figures in runs far from them, a block of rows sometimes column by
column. ``template/figure_runs`` reads such figures by the template's
arithmetic alone (every tiling of the rows into row- or column-major blocks,
kept only where every identity holds). Inputs: the real WPS exports'
converter texts committed in corpus/pdftext/ (``real_*_pdftotext_plain.txt``,
``real_*_pdfminer_text.txt``; labels from reading the PDFs), hand-made figure runs, and
generated documents (``corpus/generate/make_pagesplit.py``'s CID-font WPS-like
producer, through ``pdftotext`` when poppler is installed; labels from the
generating data). Every labelled cell is right, or null with a warning; a
wrong number fails.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import giaparse
from giaparse.document import StreamToken, TokenKind
from giaparse.template import identities as ids
from giaparse.template.figure_runs import read_runs, run_table
from giaparse.template.templates import TEMPLATES

from .conftest import CORPUS, REAL, need

PDFTEXT = CORPUS / "pdftext"
sys.path.insert(0, str(CORPUS / "generate"))


def _compare(out: dict, label: dict) -> tuple[int, list[str], list[str]]:
    right, nulls, wrong = 0, [], []
    for table, rows in label["tables"].items():
        rows = rows.get("items", rows) if table == "proactive" else rows
        got = out["tables"].get(table, {})
        got = got.get("items", {}) if table == "proactive" else got
        for row, cells in rows.items():
            for col, want in cells.items():
                value = got.get(row, {}).get(col, {}).get("value")
                if value == want and type(value) is type(want):
                    right += 1
                elif value is None:
                    nulls.append(f"{table}.{row}.{col}")
                else:
                    wrong.append(f"{table}.{row}.{col}: {value!r} != {want!r}")
    return right, nulls, wrong


def _assert_right_or_null_with_a_warning(report: giaparse.Report, label: dict) -> int:
    right, nulls, wrong = _compare(report.to_dict(), label)
    assert not wrong, wrong
    warned = {(w.table, row) for w in report.warnings for row in w.rows}
    warned_tables = {w.table for w in report.warnings if not w.rows}
    for name in nulls:
        table, row = name.split(".")[:2]
        # A report printing （六）其他处理 as one row (``other``) that was read as the template's three rows:
        # the warnings name those rows.
        parts = {("requests", p) for p in ("other_no_correction", "other_no_fee", "other_misc")} if row == "other" \
            else set()
        assert (table, row) in warned or table in warned_tables or parts & warned, f"{name} is null without a warning"
    return right


# ------------------------------------------------------------ real texts --

#: (converter text, cells right at least); before figure_runs: 22, 113, 17, 16.
REAL_TEXTS = [("real_hongze_2023_pdftotext_plain.txt", 169), ("real_huaian_2024_pdftotext_plain.txt", 183),
              ("real_hongze_2023_pdfminer_text.txt", 17), ("real_huaian_2024_pdfminer_text.txt", 16)]


@pytest.mark.parametrize(("name", "floor"), REAL_TEXTS, ids=[n for n, _ in REAL_TEXTS])
def test_real_converter_text_reads_its_floor_and_no_wrong_number(name, floor):
    path = PDFTEXT / name
    label = json.loads(path.with_name(path.stem + ".label.json").read_text(encoding="utf-8"))
    report = giaparse.parse(path)
    assert _assert_right_or_null_with_a_warning(report, label) >= floor


#: pdfminer ``extract_text()`` of Chromium prints (corpus/generate/pdf_text.py ``PDFMINER_SEEDS``) whose cell
#: stream once read rows of figures that were not theirs: 1003 ``0 0 0 7 0 0 0`` (its row sum fails),
#: 1004 likewise, 1006 ``0 1 0 0 0 0 1`` for ``1 0 0 0 0 0 1`` (its sum holds; most labels had no figures).
PDFMINER_TEXTS = sorted(p.name for p in PDFTEXT.glob("gen_pdfminer_text_*.txt"))


@pytest.mark.parametrize("name", PDFMINER_TEXTS)
def test_chromium_pdfminer_text_gives_no_wrong_number_and_warns_for_every_null(name):
    assert len(PDFMINER_TEXTS) == 3
    path = PDFTEXT / name
    label = json.loads(path.with_name(path.stem + ".label.json").read_text(encoding="utf-8"))
    report = giaparse.parse(path)
    _assert_right_or_null_with_a_warning(report, label)


def test_a_stream_row_whose_own_sum_fails_is_null_with_a_warning_naming_the_identity():
    """1003: the figures after 5.要求行政机关确认或重新出具已获取信息 are 0 0 0 7 0 0 0 (0 ≠ 7)."""
    report = giaparse.parse(PDFTEXT / "gen_pdfminer_text_1003_2021.txt")
    row = report.to_dict()["tables"]["requests"]["not_processed_confirmation"]
    assert all(cell["value"] is None for cell in row.values())
    assert any(w.row == "not_processed_confirmation" and "requests.row_total" in w.message
               and "0 0 0 7 0 0 0" in w.message for w in report.warnings)


def test_hongze_table_3_read_whole_from_runs_the_column_major_blocks_included():
    """hongze: 10 rows (1.属于国家秘密 … 2.没有现成信息) written column by column, 4 more rows too, and
    （六）其他处理 / （七）总计 as a column pair: all 161 cells, （六） as the one row ``other``."""
    label = json.loads((REAL / "hongze_2023.label.json").read_text(encoding="utf-8"))
    out = giaparse.parse(PDFTEXT / "real_hongze_2023_pdftotext_plain.txt").to_dict()
    requests = out["tables"]["requests"]
    assert {r: {c: v["value"] for c, v in cells.items()} for r, cells in requests.items()} \
        == label["tables"]["requests"]
    assert requests["unavailable_not_held"]["natural_person"]["source"]["placement"] == "cell_stream"


def test_report_arithmetic_failing_leaves_table_4_null_with_a_warning():
    """hongze's table 4 prints 总计 0 beside 10 + 1 (its own error): no order of its figures keeps the
    group totals, so nothing is placed from the runs, and the warning says so."""
    report = giaparse.parse(PDFTEXT / "real_hongze_2023_pdftotext_plain.txt")
    review = report.to_dict()["tables"]["review_litigation"]
    assert all(c["value"] is None for g in review.values() for c in g.values())
    assert any(w.table == "review_litigation" and "no order" in w.message for w in report.warnings)


# ------------------------------------------------------------ the reading --

def _tokens(values) -> list[StreamToken]:
    return [StreamToken(str(v), TokenKind.NUMBER, line=i + 1) for i, v in enumerate(values)]


def _table(edition: str = "2019"):
    return run_table("requests", [s.key for s in TEMPLATES[edition].request_rows])


def _consistent_rows(rows: list[str], rng) -> dict[str, list[int]]:
    """A table 3 whose every identity holds: result rows drawn, totals and balance made to fit."""
    import random

    rng = rng if isinstance(rng, random.Random) else random.Random(rng)
    out: dict[str, list[int]] = {}
    for key in ids.result_rows(rows):
        six = [rng.choice((0, 0, 0, 1, 2, 5, 13)) for _ in range(6)]
        out[key] = [*six, sum(six)]
    total = [sum(out[k][j] for k in ids.result_rows(rows)) for j in range(7)]
    forward = [rng.choice((0, 0, 1, 3)) for _ in range(6)]
    carried = [rng.choice((0, 0, 1, 2)) for _ in range(6)]
    new = [t + f - c for t, f, c in zip(total[:6], forward, carried, strict=True)]
    if min(new) < 0:
        new = [max(x, 0) for x in new]
        carried = [t + f - n for t, f, n in zip(total[:6], forward, new, strict=True)]
    out.update({"total": total, "carried_forward": [*forward, sum(forward)],
                "carried_over": [*carried, sum(carried)], "new_received": [*new, sum(new)]})
    return {k: out[k] for k in rows}


def _runs(rows: list[str], table: dict[str, list[int]], cuts: list[int], by_column: list[bool],
          order: list[int] | None = None) -> list[int]:
    """The figures as blocks of rows ``[cuts[i], cuts[i+1])``, each row- or column-major; a column-major
    block writes its column runs in ``order`` (a converter's own order of text boxes)."""
    out: list[int] = []
    for (a, b), col in zip(zip(cuts, cuts[1:], strict=False), by_column, strict=False):
        block = [table[k] for k in rows[a:b]]
        runs = order if order and b - a > 1 else list(range(7))  # a row alone is read across, in order
        out += [block[i][j] for j in runs for i in range(b - a)] if col else [x for r in block for x in r]
    return out


def test_a_column_major_block_is_read_back():
    t = _table()
    table = _consistent_rows(list(t.rows), 7)
    figures = _runs(list(t.rows), table, [0, 4, 14, 20, len(t.rows)], [False, True, False, True])
    reading = read_runs(t, _tokens(figures), "text")
    assert reading is not None
    for key, row in table.items():
        for col, want in zip(t.columns, row, strict=True):
            value = reading.cells[(key, col)].value
            assert value is None or value == want


def test_applicant_runs_in_another_order_on_every_block_are_never_placed_by_that_order():
    """pdfminer wrote 社会公益组织's run before 科研机构's on both pages of a column-major table: the
    row totals and column rules hold either way, so those columns are null, never swapped."""
    t = _table()
    rows = list(t.rows)
    table = _consistent_rows(rows, 5)
    table["new_received"] = [4, 0, 3, 1, 0, 0, 8]
    table["total"] = [table["total"][0] + 1, 0, 3, 1, 0, 0, 0]
    table["total"][6] = sum(table["total"][:6])
    table = _consistent_rows(rows, 5) if False else table
    figures = _runs(rows, table, [0, 12, len(rows)], [True, True], [0, 1, 3, 2, 4, 5, 6])
    reading = read_runs(t, _tokens(figures), "text")
    if reading is None:
        return
    for key, row in table.items():
        for col, want in zip(t.columns, row, strict=True):
            value = reading.cells[(key, col)].value
            assert value is None or value == want, (key, col, value, want)


def test_a_figure_too_many_or_too_few_or_not_a_count_is_not_read():
    t = _table()
    figures = [x for r in _consistent_rows(list(t.rows), 3).values() for x in r]
    assert read_runs(t, _tokens(figures + [0]), "text") is None
    assert read_runs(t, _tokens(figures[:-1]), "text") is None
    assert read_runs(t, _tokens(["1.5", *figures[1:]]), "text") is None


def test_all_zero_figures_prove_nothing_and_are_not_read():
    t = _table()
    assert read_runs(t, _tokens([0] * (7 * len(t.rows))), "text") is None


def test_a_displaced_figure_breaks_every_order_and_nothing_is_placed():
    """Chromium's plain text once moved one row's 总计 cell seven rows down: no tiling keeps the arithmetic."""
    t = _table()
    table = _consistent_rows(list(t.rows), 11)
    table["carried_over"] = [3, 5, 0, 0, 0, 0, 8]
    table["new_received"] = [n + 3 for n in table["new_received"][:1]] + table["new_received"][1:]
    figures = [x for r in _consistent_rows(list(t.rows), 11).values() for x in r]
    moved = figures[:13] + figures[14:40] + [figures[13]] + figures[40:]
    if moved == figures:
        return
    reading = read_runs(t, _tokens(moved), "text")
    assert reading is None or all(v.value is None or v.value == figures[i]
                                  for i, v in enumerate(reading.cells.values()))


def _refit(rows: list[str], table: dict[str, list[int]]) -> dict[str, list[int]]:
    """``table`` with its 总计 row and 本年新收 row made to fit its result rows again (carried rows kept)."""
    total = [sum(table[k][j] for k in ids.result_rows(rows)) for j in range(7)]
    new = [t + f - c for t, f, c in zip(total, table["carried_forward"], table["carried_over"], strict=True)]
    assert min(new) >= 0
    return {**table, "total": total, "new_received": new}


def test_column_runs_that_read_alike_two_ways_are_null_with_a_warning_naming_both():
    """Two rows written column by column whose 科研机构 and 社会公益组织 runs are 1 0 and 0 1: either order
    keeps every rule (the row totals, the column sums), so those cells are null, the warning naming both
    readings; the rest of the table is placed."""
    t = _table()
    rows = list(t.rows)
    table = _consistent_rows(rows, 9)
    table["denied_state_secret"] = [2, 0, 1, 0, 0, 0, 3]
    table["denied_prohibited_by_law"] = [1, 0, 0, 1, 0, 0, 2]
    table = _refit(rows, table)
    at = rows.index("denied_state_secret")
    reading = read_runs(t, _tokens(_runs(rows, table, [0, at, at + 2, len(rows)], [False, True, False])), "text")
    assert reading is not None
    assert reading.cells[("denied_state_secret", "research")].value is None
    assert reading.cells[("denied_state_secret", "natural_person")].value == 2
    assert any(w.row == "denied_state_secret" and "2 0 1 0 0 0 3" in w.message and "2 0 0 1 0 0 3" in w.message
               for w in reading.warnings)
    assert reading.cells[("total", "total")].value == table["total"][6]


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), edition=st.sampled_from(["2019", "2021"]), data=st.data())
def test_property_any_tiling_is_read_right_or_null(seed, edition, data):
    """Any consistent table × any tiling into row- or column-major blocks: every placed cell is the
    table's own; a wrong number fails."""
    t = _table(edition)
    rows = list(t.rows)
    table = _consistent_rows(rows, seed)
    cuts = sorted(set(data.draw(st.lists(st.integers(1, len(rows) - 1), max_size=8))))
    cuts = [0, *cuts, len(rows)]
    by_column = data.draw(st.lists(st.booleans(), min_size=len(cuts) - 1, max_size=len(cuts) - 1))
    order = [*data.draw(st.permutations(range(6))), 6] if data.draw(st.booleans()) else None
    reading = read_runs(t, _tokens(_runs(rows, table, cuts, by_column, order)), "text")
    if reading is None:
        return
    for key, row in table.items():
        for col, want in zip(t.columns, row, strict=True):
            value = reading.cells[(key, col)].value
            assert value is None or value == want, (key, col, value, want)
    nulls = {k for (k, _), v in reading.cells.items() if v.value is None}
    warned = {r for w in reading.warnings for r in w.rows} | ({None} if any(not w.rows for w in reading.warnings)
                                                              else set())
    assert nulls <= warned or None in warned


# --------------------------------------------------- generated PDFs, plain --

@pytest.fixture(scope="module")
def render_wps(tmp_path_factory):
    pytest.importorskip("reportlab")
    import make_pagesplit

    if not Path(make_pagesplit.FONT_FILE).exists():
        need("wqy-zenhei")
    if shutil.which("pdftotext") is None:
        need("poppler-utils")
    out = tmp_path_factory.mktemp("wps_plain")
    cache: dict[tuple[str, str, int, str], tuple[str, dict]] = {}

    def _render(producer: str, variant: str, seed: int, flags: str) -> tuple[str, dict]:
        key = (producer, variant, seed, flags)
        if key not in cache:
            pdf = make_pagesplit.render(producer, variant, seed, out)
            text = subprocess.run(["pdftotext", *flags.split(), "-enc", "UTF-8", str(pdf), "-"], check=True,
                                  capture_output=True, timeout=60).stdout.decode("utf-8")
            cache[key] = text, json.loads(pdf.with_suffix(".label.json").read_text(encoding="utf-8"))
        return cache[key]

    return _render


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(variant=st.sampled_from(["t2", "t3", "t4", "t3head", "t4head"]), seed=st.integers(0, 40),
       flags=st.sampled_from(["", "-nopgbrk"]))
def test_property_wps_pdf_through_plain_pdftotext_right_or_null_with_a_warning(render_wps, variant, seed, flags):
    """Generated data × table broken over a page (the seed walks the break) × pdftotext flags: every
    labelled cell right, or null with a warning covering its row; a wrong number fails."""
    text, label = render_wps("wps", variant, 7000 + seed, flags)
    report = giaparse.parse(text.encode("utf-8"), name="plain.txt")
    _assert_right_or_null_with_a_warning(report, label)


def test_seed_2002_wps_trap_gives_no_wrong_number(render_wps, tmp_path):
    """The reportlab WPS-like seed 2002 once gave a wrong number through pdfplumber/markitdown text;
    none of its texts may (plain pdftotext with and without page breaks, pdfplumber, markitdown, pdfminer)."""
    import make_pagesplit

    texts = []
    for flags in ("", "-nopgbrk"):
        text, label = render_wps("reportlab", "wps", 2002, flags)
        texts.append(text)
    pdf = make_pagesplit.render("reportlab", "wps", 2002, tmp_path)
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(pdf) as doc:
        texts.append("\n".join(page.extract_text() or "" for page in doc.pages) + "\n")
    from pdfminer.high_level import extract_text

    texts.append(extract_text(str(pdf)))
    markitdown = pytest.importorskip("markitdown")
    texts.append(markitdown.MarkItDown().convert(str(pdf)).text_content)
    label = {**label, "tables": {k: v for k, v in label["tables"].items() if k != "proactive"}}
    for text in texts:
        _assert_right_or_null_with_a_warning(giaparse.parse(text.encode("utf-8"), name="plain.txt"), label)
