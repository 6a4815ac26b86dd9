"""A review site: one page per document and an index of what needs a look.

``build_site(inputs, out_dir)`` converts every input through the batch
machinery (``WorkerPool`` worker processes, with their time and memory
limits); each worker reads its document once and builds both its report and
its review page (rendering a PDF's pages is the slow part, so it runs in the
workers too). The parent writes each page as it comes back and, at the end,
``index.html``: one row per document with what needs a look — failed
checks, null cells, unconfirmed numbers, OCR'd pages, warnings — sortable by
any column and filterable, each row linking its page. ``index.json`` holds
the same rows for programs.

Everything is static and offline: no network, no external asset, so the
folder can be zipped and opened anywhere.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from ..batch import ConversionResult, WorkerPool, failure, status_of
from ..corrections import Corrections
from ..diagnostics import Severity, WarningCode
from ..options import ReadOptions
from ..pipeline import Source, read_document, report_of
from ..pipeline import load_source as _load_bytes
from ..report import Report
from .assets import INDEX_CSS, INDEX_SCRIPT
from .page import build_page
from .source import load_source

__all__ = ["DocumentRow", "ReviewResult", "SiteResult", "build_site", "document_row", "review_one"]

#: The index's columns: (key, heading, what it counts).
INDEX_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("name", "document", "the input, linking its review page"),
    ("organ", "organ 机关", "the organ the report names"),
    ("year", "year 年度", "the statistics year"),
    ("status", "status", "success, partial_success, not_a_report or failure"),
    ("failed_checks", "failed checks",
     "checks of the report's own arithmetic (and of its text against its tables) that fail"),
    ("nulls", "nulls", "cells with no value (blank in the report, or not read)"),
    ("unconfirmed", "unconfirmed", "cells with a value that nothing confirms (empty confirmed_by)"),
    ("ocr_pages", "OCR'd pages", "pages read by OCR"),
    ("warnings", "warnings", "warnings (notes such as boilerplate removed are not counted)"),
    ("corrected", "corrected", "cells a person gave or confirmed (corrections applied)"),
)


@dataclass
class ReviewResult(ConversionResult):
    """A conversion result with the document's review page (None on failure)."""

    page: str | None = field(default=None, compare=False, repr=False)


def review_one(source: Source, options: ReadOptions | dict | None = None, *, name: str | None = None,
               corrections: Corrections | None = None) -> ConversionResult:
    """Convert one input and build its review page, in this process; never raises for a bad input.

    What the site's workers run (``WorkerPool(convert=review_one)``).
    """
    opts = ReadOptions.resolve(options)
    display = name or ("<bytes>" if isinstance(source, (bytes, bytearray)) else str(source))
    start = time.perf_counter()
    try:
        data, shown = _load_bytes(source, name, opts.max_bytes)
        doc = read_document(data, shown, opts)
        report = report_of(doc, data, shown, corrections=corrections)
        page = build_page(report, load_source(data, shown, doc, opts))
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - a batch reports every failure as a result
        result: ConversionResult = failure(display, exc)
    else:
        result = ReviewResult(display, status_of(report), report, page=page)
    result.seconds = time.perf_counter() - start
    return result


@dataclass(frozen=True)
class DocumentRow:
    """One line of the index."""

    name: str
    page: str | None            # the page's path relative to the index, None on failure
    status: str
    organ: str | None = None
    year: int | None = None
    template: str | None = None
    failed_checks: int = 0
    nulls: int = 0
    unconfirmed: int = 0
    ocr_pages: int = 0
    warnings: int = 0
    corrected: int = 0
    error: str | None = None
    #: The first few messages, for the row's tooltip.
    notes: tuple[str, ...] = ()

    @property
    def needs_a_look(self) -> bool:
        """A failure, a failed check, a warning or an OCR'd page. Nulls and unconfirmed numbers are
        counted but do not decide it alone: most reports have blank cells, and table 2 has no arithmetic
        to confirm its cells (a null that was not read always comes with a warning)."""
        return bool(self.error or self.failed_checks or self.ocr_pages or self.warnings)

    def to_dict(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in ("name", "page", "status", "organ", "year", "template", "failed_checks",
                                              "nulls", "unconfirmed", "ocr_pages", "warnings", "corrected", "error")}
        out["needs_a_look"] = self.needs_a_look
        out["notes"] = list(self.notes)
        return out


def _ocr_pages(report: Report) -> int:
    pages = {p for w in report.warnings if w.code is WarningCode.OCR_USED for p in w.pages}
    if pages:
        return len(pages)
    return len({cell.source.page for *_, cell in report.tables.cells()
                if cell.source is not None and cell.source.confidence is not None and cell.source.page})


def document_row(result: ConversionResult, name: str, page: str | None) -> DocumentRow:
    """The index line of one result."""
    report = result.report
    if report is None:
        return DocumentRow(name, None, result.status.value, error=result.error.message if result.error else None)
    cells = [cell for *_, cell in report.tables.cells()]
    warnings = [w for w in report.warnings if w.severity is Severity.WARNING]
    notes = [f"check {c.id} [{c.subject}] fails by {c.difference}" for c in report.failed_checks[:3]]
    notes += [f"{w.code.value}: {w.message}" for w in warnings[:3]]
    doc = report.document
    return DocumentRow(
        name, page, result.status.value, doc.organ, doc.year, doc.template,
        failed_checks=len(report.failed_checks),
        nulls=sum(1 for c in cells if c.value is None),
        unconfirmed=sum(1 for c in cells if c.value is not None and not c.confirmed_by),
        ocr_pages=_ocr_pages(report),
        warnings=len(warnings),
        corrected=sum(1 for c in cells if c.source is not None and c.source.placement == "human"),
        notes=tuple(notes))


@dataclass
class SiteResult:
    """What ``build_site`` wrote."""

    index: Path
    rows: list[DocumentRow]
    seconds: float

    @property
    def failed(self) -> list[DocumentRow]:
        return [r for r in self.rows if r.error]


def _write(path: Path, text: str) -> None:
    """Whole or not at all: a temporary file in the same folder, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def build_site(jobs_and_pages: Sequence[tuple[str, Path]] | Sequence[tuple[str, Path, str]], out_dir: Path, *,
               options: ReadOptions | None = None, jobs: int | None = None, corrections: Corrections | None = None,
               on_result: Callable[[ConversionResult, DocumentRow], None] | None = None) -> SiteResult:
    """Convert each ``(input path, page file[, name shown])`` and write ``out_dir/index.html``
    (and ``index.json``).

    Page files are under ``out_dir``; the index links them relatively and
    shows each document by its name (default: the input path).
    ``on_result`` is called as each document is done (progress, errors).
    """
    start = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    opts = options or ReadOptions()
    rows: list[DocumentRow] = []
    pool = WorkerPool(min(jobs or os.cpu_count() or 1, max(1, len(jobs_and_pages))), opts, convert=review_one,
                      corrections=corrections)
    results = pool.map(job[0] for job in jobs_and_pages)
    try:
        for job, result in zip(jobs_and_pages, results, strict=False):
            source, target = str(job[0]), Path(job[1])
            shown = str(job[2]) if len(job) > 2 else source
            page = getattr(result, "page", None)
            link = None
            if page is not None:
                _write(target, page)
                link = target.relative_to(out_dir).as_posix()
            if corrections is not None and result.report is not None:
                corrections.mark_seen(result.report.source.sha256)
            row = document_row(result, shown, link)
            rows.append(row)
            if on_result is not None:
                on_result(result, row)
    finally:
        results.close()  # type: ignore[attr-defined]  # a generator: stops the workers
    index = out_dir / "index.html"
    _write(out_dir / "index.json", json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=1))
    _write(index, index_page(rows))
    return SiteResult(index, rows, time.perf_counter() - start)


# ------------------------------------------------------------------ index --

def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True).replace("://", "&#58;//")


def _number_cell(key: str, value: int) -> str:
    cls = "n" + (" hot" if value else "")
    return f'<td class="{cls}" data-k="{key}" data-v="{value}">{value}</td>'


def index_page(rows: Iterable[DocumentRow], title: str = "giaparse review") -> str:
    """The index: every document, what needs a look, sortable and filterable, each linking its page."""
    rows = list(rows)
    head = "".join(f'<th data-k="{k}" title="{_e(why)}" class="{"n" if k not in ("name", "organ", "status") else ""}">'
                   f'{_e(h)}</th>' for k, h, why in INDEX_COLUMNS)
    body = []
    for i, r in enumerate(rows):
        link = (f'<a href="{_e(r.page)}">{_e(r.name)}</a>' if r.page else f'<span class="nolink">{_e(r.name)}</span>')
        tip = "\n".join(r.notes) or (r.error or "nothing to look at")
        cells = [f'<td data-k="name" data-v="{_e(r.name)}" title="{_e(tip)}">{link}'
                 + (f'<div class="err">{_e(r.error)}</div>' if r.error else "") + "</td>",
                 f'<td data-k="organ" data-v="{_e(r.organ)}">{_e(r.organ)}</td>',
                 f'<td class="n" data-k="year" data-v="{_e(r.year)}">{_e(r.year)}</td>',
                 f'<td data-k="status" data-v="{_e(r.status)}"><span class="st {r.status}">{_e(r.status)}</span></td>']
        cells += [_number_cell(k, getattr(r, k)) for k in ("failed_checks", "nulls", "unconfirmed", "ocr_pages",
                                                             "warnings", "corrected")]
        look = "1" if r.needs_a_look else "0"
        body.append(f'<tr data-i="{i}" data-look="{look}">{"".join(cells)}</tr>')
    looks = sum(1 for r in rows if r.needs_a_look)
    filters = "".join(f'<option value="{k}">{_e(h)} &gt; 0</option>' for k, h, _ in INDEX_COLUMNS[4:])
    explain = "".join(f"<dt>{_e(h)}</dt><dd>{_e(why)}</dd>" for _, h, why in INDEX_COLUMNS)
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f'<title>{_e(title)}</title><style>{INDEX_CSS}</style></head><body>'
        f'<header><h1>{_e(title)}</h1><p class="meta">{len(rows)} document(s), <b>{looks}</b> need a look '
        f'({sum(1 for r in rows if r.error)} failed to convert). Click a heading to sort; click a document '
        'for its review page.</p>'
        '<p class="filters"><label>filter <input id="q" type="search" placeholder="name, organ, year…" size="28">'
        '</label> <label>show <select id="show"><option value="">all documents</option>'
        f'<option value="look">needs a look</option>{filters}<option value="failure">failed to convert</option>'
        '</select></label> <span id="shown"></span></p></header>'
        f'<table id="docs"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
        f'<details><summary>What the columns count</summary><dl>{explain}</dl></details>'
        f"<script>{INDEX_SCRIPT}</script></body></html>")


def summary_line(rows: Sequence[DocumentRow], seconds: float) -> str:
    looks = sum(1 for r in rows if r.needs_a_look)
    return (f"giaparse: review site: {len(rows)} document(s), {looks} need a look, "
            f"{sum(1 for r in rows if r.error)} failed; {seconds:.1f} s")


def rows_from_json(data: Iterable[Mapping[str, Any]]) -> list[DocumentRow]:
    """``index.json`` read back."""
    keys = {f for f in DocumentRow.__dataclass_fields__}
    return [DocumentRow(**{k: (tuple(v) if k == "notes" else v) for k, v in d.items() if k in keys})  # type: ignore[arg-type]
            for d in data]

