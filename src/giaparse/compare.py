"""Cross-year checks over a series of one organ's reports.

A report's tables also bind the reports of the years around it:

* ``series.carry_over`` — 二、上年结转 of year y equals 四、结转下年度继续办理
  of year y−1, per applicant column (both templates);
* ``series.in_force`` — 现行有效件数 of year y equals that of year y−1 plus
  本年制发 minus 本年废止 of year y, for 规章 and 规范性文件 (2021 template:
  the 2019 table has no 现行有效件数). Written without a minus sign as
  in_force(y) + repealed(y) = in_force(y−1) + issued(y);
* ``series.change_factor`` — a table-2 count that grew or shrank by more
  than a stated factor from one year to the next: not an identity, a flag
  worth a second look (a typo, a unit change, a cell read from the wrong
  column).

Like the in-report checks, these never change a number: they say which
relations hold. Inputs are canonical dicts (``Report.to_dict()`` or the JSON
``giaparse convert`` writes), so a series can mix fresh parses and old
outputs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .checks import REQUEST_COLUMNS, compare_sides
from .errors import GiaparseError

__all__ = ["SeriesResult", "compare_reports", "compare_by_organ", "load_canonical", "read_inputs", "format_table",
           "DEFAULT_FACTOR", "SERIES_CHECK_IDS"]

SERIES_CHECK_IDS = ("series.carry_over", "series.in_force", "series.change_factor")
DEFAULT_FACTOR = 10.0

# Table-2 counts compared year on year: (item, field) pairs that mean the
# same thing in both templates or within one.
_COUNT_FIELDS = {
    "2021": [("regulations", "issued"), ("normative_documents", "issued"),
             ("administrative_licensing", "decisions"), ("administrative_penalty", "decisions"),
             ("administrative_coercion", "decisions")],
    "2019": [("regulations", "new_published"), ("normative_documents", "new_published"),
             ("administrative_licensing", "decisions"), ("other_admin_services", "decisions"),
             ("administrative_penalty", "decisions"), ("administrative_coercion", "decisions")],
}
# Below this a change by a factor is noise (0 → 3 regulations is not news).
_MIN_FOR_FACTOR = 20


@dataclass
class SeriesResult:
    """The checks between consecutive years and what was set aside."""

    organ: str | None
    years: list[int]
    sources: list[dict[str, Any]]
    checks: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[dict[str, Any]]:
        return [c for c in self.checks if c["status"] == "fail"]

    def to_dict(self) -> dict[str, Any]:
        return {"organ": self.organ, "years": self.years, "sources": self.sources,
                "checks": self.checks, "warnings": self.warnings}


def load_canonical(data: bytes) -> list[dict[str, Any]] | None:
    """The canonical documents in ``data`` if it is giaparse JSON (one document or JSON Lines), else None."""
    text = data.decode("utf-8-sig", errors="replace").strip()
    if not text.startswith("{"):
        return None
    docs = []
    for chunk in ([text] if "\n{" not in text else text.splitlines()):
        if not chunk.strip():
            continue
        try:
            obj = json.loads(chunk)
        except ValueError:
            return None
        if not (isinstance(obj, dict) and "schema_version" in obj and "tables" in obj and "document" in obj):
            return None
        docs.append(obj)
    return docs or None


#: Files a folder given to ``compare`` is searched for: every input format, and giaparse's JSON.
_FOLDER_SUFFIXES = (".json", ".jsonl")


def _files(paths: Iterable[str]) -> list[str]:
    """``paths`` with folders walked recursively (sorted; hidden files and folders left out) for
    giaparse JSON and the inputs ``convert`` recognises."""
    from .formats import FORMAT_EXTENSIONS

    suffixes = _FOLDER_SUFFIXES + tuple(ext for exts in FORMAT_EXTENSIONS.values() for ext in exts)
    out: list[str] = []
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            out.append(given)
            continue
        found = [p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(suffixes)
                 and not any(part.startswith((".", "~$")) for part in p.relative_to(path).parts)]
        out += [str(p) for p in sorted(found)]
    return out


def read_inputs(paths: Iterable[str], options: Any = None) -> tuple[list[dict[str, Any]], list[GiaparseError]]:
    """Canonical dicts for ``paths`` (files, or folders searched recursively): giaparse JSON is
    taken as it is, anything else is parsed.

    Errors come back beside the documents (one per unreadable input), so one
    bad file does not cost the series.
    """
    from .pipeline import load_source, parse

    docs: list[dict[str, Any]] = []
    errors: list[GiaparseError] = []
    for path in _files(paths):
        try:
            data, name = load_source(path)
            found = load_canonical(data)
            docs.extend(found if found is not None else [parse(data, name=name, options=options).to_dict()])
        except GiaparseError as exc:
            errors.append(exc)
    return docs, errors


def _cell(doc: Mapping, table: str, row: str, column: str) -> int | float | None:
    tables = doc.get("tables") or {}
    node = tables.get(table) or {}
    if table == "proactive":
        node = node.get("items") or {}
    value = ((node.get(row) or {}).get(column) or {}).get("value")
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _name(doc: Mapping) -> str:
    return (doc.get("source") or {}).get("name") or "<report>"


def _series(docs: Sequence[Mapping]) -> tuple[list[tuple[int, Mapping]], list[str]]:
    """Reports by year; not-reports, yearless and duplicate years set aside with a warning."""
    warnings: list[str] = []
    by_year: dict[int, Mapping] = {}
    for doc in docs:
        facts = doc.get("document") or {}
        if facts.get("kind") != "annual_report":
            warnings.append(f"{_name(doc)}: not an annual report; left out")
            continue
        year = facts.get("year")
        if not isinstance(year, int):
            warnings.append(f"{_name(doc)}: no statistics year found; left out")
            continue
        if year in by_year:
            warnings.append(f"{_name(doc)}: a second report for {year} (first: {_name(by_year[year])}); left out")
            continue
        by_year[year] = doc
    organs = sorted({(d.get("document") or {}).get("organ") or "" for d in by_year.values()} - {""})
    if len(organs) > 1:
        warnings.append(f"the reports name different organs ({', '.join(organs)}); "
                        "cross-year checks assume one organ's series")
    return sorted(by_year.items()), warnings


def _carry_over(y0: int, prev: Mapping, y1: int, cur: Mapping) -> list[dict[str, Any]]:
    out = []
    for col in REQUEST_COLUMNS:
        entry = compare_sides(
            "series.carry_over", col,
            {f"{y1}.carried_over": _cell(cur, "requests", "carried_over", col)},
            {f"{y0}.carried_forward": _cell(prev, "requests", "carried_forward", col)},
        )
        out.append({**entry, "years": [y0, y1]})
    return out


def _in_force(y0: int, prev: Mapping, y1: int, cur: Mapping) -> list[dict[str, Any]]:
    out = []
    editions = ((prev.get("document") or {}).get("template"), (cur.get("document") or {}).get("template"))
    for item in ("regulations", "normative_documents"):
        reason = None
        if editions != ("2021", "2021"):
            reason = f"{item}: 现行有效件数 needs the 2021 template in both years (have {editions[0]}, {editions[1]})"
        entry = compare_sides(
            "series.in_force", item,
            {f"{y1}.in_force": _cell(cur, "proactive", item, "in_force"),
             f"{y1}.repealed": _cell(cur, "proactive", item, "repealed")},
            {f"{y0}.in_force": _cell(prev, "proactive", item, "in_force"),
             f"{y1}.issued": _cell(cur, "proactive", item, "issued")},
            reason=reason,
        )
        out.append({**entry, "years": [y0, y1]})
    return out


def _change_factor(y0: int, prev: Mapping, y1: int, cur: Mapping, factor: float) -> list[dict[str, Any]]:
    editions = ((prev.get("document") or {}).get("template"), (cur.get("document") or {}).get("template"))
    pairs = [p for p in _COUNT_FIELDS.get(editions[1] or "", []) if p in _COUNT_FIELDS.get(editions[0] or "", [])]
    out = []
    for item, fld in pairs:
        a, b = _cell(prev, "proactive", item, fld), _cell(cur, "proactive", item, fld)
        entry: dict[str, Any] = {"id": "series.change_factor", "subject": f"{item}.{fld}", "years": [y0, y1],
                                 "left": {"terms": {f"{y1}.{fld}": b}, "sum": b},
                                 "right": {"terms": {f"{y0}.{fld}": a}, "sum": a}}
        if a is None or b is None:
            entry.update(status="skipped", difference=None, factor=None,
                         reason=f"{item}.{fld}: no value in {y0 if a is None else y1}")
        else:
            lo, hi = sorted((abs(a), abs(b)))
            ratio = hi / lo if lo else (float("inf") if hi else 1.0)
            flagged = hi >= _MIN_FOR_FACTOR and ratio > factor
            entry.update(status="fail" if flagged else "pass", difference=b - a,
                         factor=None if ratio == float("inf") else round(ratio, 3))
            if flagged:
                entry["reason"] = f"{item}.{fld} changed from {a} to {b}, more than {factor:g}×"
        out.append(entry)
    return out


def compare_reports(docs: Iterable[Mapping], *, factor: float = DEFAULT_FACTOR) -> SeriesResult:
    """Cross-year checks between consecutive years of one organ's reports.

    ``docs`` are canonical dicts in any order. A missing year breaks the
    chain there: the years either side are not compared (a skipped entry
    says so), since a carry-over across a gap proves nothing.
    """
    series, warnings = _series(list(docs))
    organs = [(d.get("document") or {}).get("organ") for _, d in series]
    result = SeriesResult(next((o for o in organs if o), None), [y for y, _ in series],
                          [{"year": y, "name": _name(d), "organ": (d.get("document") or {}).get("organ")}
                           for y, d in series], warnings=warnings)
    for (y0, prev), (y1, cur) in zip(series, series[1:], strict=False):
        if y1 != y0 + 1:
            result.checks.append({"id": "series.carry_over", "subject": None, "years": [y0, y1],
                                  "status": "skipped", "left": {"terms": {}, "sum": None},
                                  "right": {"terms": {}, "sum": None}, "difference": None,
                                  "reason": f"no report for {y0 + 1}–{y1 - 1}: {y0} and {y1} are not compared"})
            continue
        result.checks += _carry_over(y0, prev, y1, cur)
        result.checks += _in_force(y0, prev, y1, cur)
        result.checks += _change_factor(y0, prev, y1, cur, factor)
    return result


def _organ_key(doc: Mapping) -> str:
    organ = (doc.get("document") or {}).get("organ") or ""
    return "".join(organ.split())


def compare_by_organ(docs: Iterable[Mapping], *, factor: float = DEFAULT_FACTOR) -> list[SeriesResult]:
    """One series per organ in a mixed set of reports (``compare_reports`` of each), in the order
    the organs first appear. Reports that name no organ form one series of their own, last;
    documents that are not reports go with them (to be named in its warnings)."""
    groups: dict[str, list[Mapping]] = {}
    for doc in docs:
        key = _organ_key(doc) if (doc.get("document") or {}).get("kind") == "annual_report" else ""
        groups.setdefault(key, []).append(doc)
    keys = [k for k in groups if k] + ([""] if "" in groups else [])
    return [compare_reports(groups[k], factor=factor) for k in keys]


def format_table(result: SeriesResult, *, all_rows: bool = False) -> str:
    """A plain-text table of the checks (failures and skips; every row with ``all_rows``)."""
    rows = [c for c in result.checks if all_rows or c["status"] != "pass"]
    head = f"{result.organ or '(organ unknown)'}: {len(result.years)} report(s), years " \
           f"{', '.join(map(str, result.years)) or '-'}"
    counts = {s: sum(1 for c in result.checks if c["status"] == s) for s in ("pass", "fail", "skipped")}
    lines = [head, f"checks: {counts['pass']} pass, {counts['fail']} fail, {counts['skipped']} skipped"]
    if rows:
        table = [("check", "subject", "years", "status", "left", "right", "difference")]
        for c in rows:
            table.append((c["id"], c["subject"] or "-", "→".join(map(str, c["years"])), c["status"],
                          _side(c["left"]), _side(c["right"]),
                          "-" if c["difference"] is None else f"{c['difference']:g}"))
        widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
        lines.append("")
        lines += ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in table]
    lines += [f"warning: {w}" for w in result.warnings]
    return "\n".join(lines)


def _side(side: Mapping) -> str:
    terms = side.get("terms") or {}
    return " + ".join(f"{k}={'null' if v is None else f'{v:g}'}" for k, v in terms.items()) or "-"
