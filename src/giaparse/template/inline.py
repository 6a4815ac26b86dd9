"""Statistical tables written into running text.

Web "page.txt" exports and careless copy-paste leave the tables as text:
``规章000行政规范性文件4712305…``, ``一、本年新收政府信息公开申请数量 5620000058二、上年结转…``,
table 4 as one run of digits. The template's row labels are still there, in
the template's order, so the rows are found by looking for each label after
the previous one; the text between a label and the next is the row's run of
cells. How that run splits into cells is ``solve``'s business.

A row's last digit may run into the next row's ordinal (``…30000036.属于四类
过程性信息``): the next row's own ordinal (6) is known from the template, so a
trailing ``6.`` is taken off the run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex

from ..diagnostics import CAUSE_ROW_NOT_FOUND, ParseWarning, WarningCode
from ..document import Provenance
from ..text.normalise import label_key
from ..values import Placement
from . import identities as ids
from .narrative import stated_cells
from .solve import RowText, solve
from .templates import EDITION_MARKERS, TemplateTable, compiled

# A label's pattern (written against label keys, ^…$ anchored) as a search in running text.
_ANCHORS = regex.compile(r"(?<!\\)[\^$]")
# The cells after a label: digits, spaces, a decimal point; in table 2 also 增/减 and a money unit.
_COUNT_RUN = regex.compile(r"[0-9 \t\u3000.]*")
_PROACTIVE_RUN = regex.compile(r"(?:[0-9 \t\u3000.+\-]|增|减)*(?:万元|元)?")
# A number followed by a unit or a comma is narrative (「规章3件，」), not a row of cells.
_NARRATIVE_AFTER = regex.compile(r"[件项万个条次宗人家份篇期%％，,。；;、）)]")
# A later line that starts with a figure standing alone (not the ordinal of the next row, 3.危及…).
_MORE_FIGURES = regex.compile(r"[ \t\u3000]*\r?\n[\s\u3000]*[+\-增减]?[0-9]+(?:[.．][0-9]+)?(?:万元|元)?"
                              r"(?=[ \t\u3000\r\n]|$)")
_WINDOW = 400             # a label is looked for at most this far after the previous row
_MIN_ROWS = 0.6           # share of a table's rows that must be found for it to count
# Sub-row groups of table 3, numbered 1., 2., … under their parent (（三）不予公开 …).
_SUB_GROUPS = ("denied_", "unavailable_", "not_processed_", "other_")


@dataclass(frozen=True)
class InlineRow:
    key: str
    run: str      # the cells' text, ordinal of the next row removed
    start: int    # offset of the label in the text
    end: int = 0  # offset just after the run


def _search_pattern(pattern: str) -> regex.Pattern[str]:
    return compiled(_ANCHORS.sub("", pattern))


def _ordinal(key: str, keys: Sequence[str]) -> str | None:
    """A table-3 sub-row's own number (属于四类过程性信息 is 6) from the template's row order."""
    prefix = next((p for p in _SUB_GROUPS if key.startswith(p)), None)
    if prefix is None or key == "other":
        return None
    group = [k for k in keys if k.startswith(prefix) and k != "other"]
    return str(group.index(key) + 1)


def _rows_from(text: str, start: int, specs: Sequence[tuple[str, regex.Pattern[str]]],
               run_form: regex.Pattern[str], ordinals: dict[str, str | None]) -> list[InlineRow]:
    """Labels in order from ``start``; each row's run is the value text after its label."""
    hits: list[tuple[str, int, int]] = []  # key, label start, label end
    pos = start
    for n, (key, pattern) in enumerate(specs):
        m = pattern.search(text, pos, min(len(text), pos + _WINDOW))
        if m is None:
            continue
        # The rest of the label (政府信息公开申请数量) runs to the first cell; never into the next
        # row's label (a row with no digits would take the next row's), never over a line break
        # (a number line above or below its label is not this row's run: the cell stream reads it).
        stop = min([m.end() + 80] + [later.start() for _, p in specs[n + 1:n + 3]
                                     if (later := p.search(text, m.end(), m.end() + 80)) is not None])
        end = m.end()
        while end < min(len(text), stop) and not run_form.match(text, end).group() and text[end] != "\n":
            end += 1
        if end < len(text) and text[end] == "\n":
            end = -1
        hits.append((key, m.start(), end))
        pos = max(end, m.end())
    rows = []
    for n, (key, label_start, end) in enumerate(hits):
        if end < 0:
            continue  # the label ends its line: its figures, if any, are not running text
        run = run_form.match(text, end).group()
        nxt = hits[n + 1] if n + 1 < len(hits) else None
        if nxt is not None and ordinals.get(nxt[0]):
            ordinal = ordinals[nxt[0]]
            stripped = run.rstrip()
            for mark in (".", "．"):
                if stripped.endswith(ordinal + mark):  # "N." before a label is never a decimal
                    run = stripped[: -len(ordinal + mark)]
                    break
        after = text[end + len(run_form.match(text, end).group()):][:1]
        run = run.strip()
        if _NARRATIVE_AFTER.match(after):
            continue  # 「行政许可638.1万件，」: a sentence about the figure, not a table row
        if _MORE_FIGURES.match(text, end + len(run_form.match(text, end).group())):
            continue  # figures on the next line too: nothing says the run holds all the row's cells
        if run and regex.search(r"[0-9]", run):
            rows.append(InlineRow(key, run, label_start, end + len(run_form.match(text, end).group())))
    return rows


def _best_rows(text: str, specs, run_form, ordinals) -> list[InlineRow]:
    """Try every occurrence of the first label; keep the start that finds the most rows."""
    best: list[InlineRow] = []
    for _key, first in specs[:1]:
        for m in first.finditer(text):
            rows = _rows_from(text, m.start(), specs, run_form, ordinals)
            if len(rows) > len(best):
                best = rows
    return best if len(best) >= max(1, round(_MIN_ROWS * len(specs))) else []


def _pieces(run: str) -> tuple[str, ...]:
    return tuple(run.split())


def _requests(text: str, template: TemplateTable):
    keys = [s.key for s in template.request_rows]
    specs = [(s.key, _search_pattern(s.pattern)) for s in template.request_rows]
    rows = _best_rows(text, specs, _COUNT_RUN, {k: _ordinal(k, keys) for k in keys})
    if not rows:
        return None, [], 0, {}
    evidence = [RowText(tuple((r.key, c) for c in ids.REQUEST_COLUMNS), _pieces(r.run), len(_pieces(r.run)) > 1)
                for r in rows]
    solved = solve("requests", evidence, ids.request_identities(keys), stated=stated_cells(text, "requests"))
    found = {r.key for r in rows}
    table, warnings = {}, list(solved.warnings)
    for key in keys:
        if key not in found:
            warnings.append(ParseWarning(WarningCode.ROW_MISSING, f"requests.{key}: row not found; its cells are null",
                                         "requests", key, cause=CAUSE_ROW_NOT_FOUND))
        table[key] = {c: solved.cells.get((key, c)) for c in ids.REQUEST_COLUMNS}
    return table, warnings, rows[-1].start, {r.key: (r.start, r.end) for r in rows}


def _review(text: str, start: int):
    cells = tuple((g, r) for g in ids.REVIEW_GROUPS for r in (*ids.REVIEW_RESULTS, "total"))
    for m in regex.finditer(r"复议后起诉", text, pos=start):
        head = regex.match(r"[^0-9]{0,80}?(?=[0-9])", text[m.end():])
        if head is None:
            continue
        run = _COUNT_RUN.match(text, m.end() + head.end()).group().strip()
        pieces = _pieces(run)
        if sum(len(p) for p in pieces) < 5:
            continue
        solved = solve("review_litigation", [RowText(cells, pieces, len(pieces) > 1)], ids.review_total())
        table = {g: {r: solved.cells.get((g, r)) for r in (*ids.REVIEW_RESULTS, "total")} for g in ids.REVIEW_GROUPS}
        span = (m.start(), m.end() + head.end() + len(run))
        return table, solved.warnings, {g: span for g in ids.REVIEW_GROUPS}
    return None, [], {}


def _proactive(text: str, template: TemplateTable, stated=None):
    specs = [(i.key, _search_pattern(i.pattern)) for i in template.proactive_items]
    rows = _best_rows(text, specs, _PROACTIVE_RUN, {})
    if not rows:
        return None, [], {}
    fields = {i.key: i.fields for i in template.proactive_items}
    kinds = {"change": "change", "amount": "money"}
    evidence = []
    for r in rows:
        pieces = _pieces(r.run)
        evidence.append(RowText(tuple((r.key, f) for f in fields[r.key]), pieces, len(pieces) > 1,
                                tuple(kinds.get(f, "count") for f in fields[r.key])))
    solved = solve("proactive", evidence, (), stated=stated)
    found = {r.key for r in rows}
    items, warnings = {}, list(solved.warnings)
    for item in template.proactive_items:
        if item.key not in found:
            warnings.append(ParseWarning(WarningCode.ROW_MISSING,
                                         f"proactive.{item.key}: row not found; its cells are null",
                                         "proactive", item.key, cause=CAUSE_ROW_NOT_FOUND))
        items[item.key] = {f: solved.cells.get((item.key, f)) for f in item.fields}
    return {"template": template.edition, "items": items}, warnings, {r.key: (r.start, r.end) for r in rows}


def edition_from_text(text: str) -> str | None:
    """"2019" or "2021" from the template's column words written in the text, if they say."""
    key = label_key(text)
    scores = {ed: sum(1 for m in markers if m in key) for ed, markers in EDITION_MARKERS.items()}
    if abs(scores["2019"] - scores["2021"]) < 2:
        return None
    return max(scores, key=lambda ed: scores[ed])


def inline_tables(text: str, template: TemplateTable, wanted: Sequence[str], stated=None,
                  where: Callable[[int, int], Provenance | None] | None = None) -> tuple[dict, list[ParseWarning]]:
    """The tables among ``wanted`` found as label + run text in ``text``; cells are ``CellValue``s.

    ``where(start, end)`` names the source of ``text[start:end]`` (a row's label
    and run); every cell read gets its row's, with placement ``running_text``.
    """
    from .mapping import _dump  # the one place CellValue trees become output dicts

    def located(rows: dict, spans: dict[str, tuple[int, int]]) -> dict:
        for key, cells in rows.items():
            source = where(*spans[key]) if where is not None and key in spans else None
            for col, value in cells.items():
                if value is not None:
                    cells[col] = value.located(source, Placement.RUNNING_TEXT)
        return rows

    tables: dict = {}
    warnings: list[ParseWarning] = []
    end_of_requests = 0
    if "proactive" in wanted:
        table, w, spans = _proactive(text, template, stated_cells(text, "proactive") if stated is None else stated)
        if table is not None:
            located(table["items"], spans)
            tables["proactive"], warnings = _dump(_fill(table)), warnings + w
    if "requests" in wanted:
        table, w, end, spans = _requests(text, template)
        if table is not None:
            tables["requests"], warnings, end_of_requests = _dump(_fill(located(table, spans))), warnings + w, end
    if "review_litigation" in wanted:
        table, w, spans = _review(text, end_of_requests)
        if table is not None:
            tables["review_litigation"], warnings = _dump(_fill(located(table, spans))), warnings + w
    return tables, warnings


def _fill(tree):
    """Cells never reached (a row not found) are missing: null value, null raw."""
    from ..values import CellValue

    if isinstance(tree, dict):
        return {k: (_fill(v) if v is not None else CellValue(None, None)) for k, v in tree.items()}
    return tree
