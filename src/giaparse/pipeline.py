"""bytes → reader → Document → core → template → values → checks → Report.

``parse`` is the one public entry point; ``load_source`` and
``read_document`` are exposed for tools that want a stage on its own.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path

from .checks import run_checks
from .core.grid import oversized
from .corrections import Corrections, apply_corrections
from .diagnostics import ParseWarning, WarningCode, aggregate
from .document import Document, Paragraph, RawGrid
from .errors import EmptyDocument, FileNotReadable, LimitExceeded, UnsupportedFormat
from .evidence import confirm_tables
from .formats import detect_format
from .options import ReadOptions
from .readers import reader_for, sniff_plugins
from .report import DocumentFacts, Report, SourceInfo
from .reread import resolve_ocr
from .template.facts import find_organ, find_sections, find_title, find_year
from .template.inline import edition_from_text, inline_tables
from .template.inline_facts import inline_sections, inline_title, is_about_a_report, is_code_or_data
from .template.locate import detect_edition, locate_tables
from .template.mapping import map_tables
from .template.stream import merge_stream_tables, stream_tables
from .template.templates import TEMPLATES
from .text.boilerplate import is_boilerplate
from .text.normalise import fold_radicals
from .text_checks import text_checks

Source = str | os.PathLike | bytes

_MIN_SECTIONS_FOR_REPORT = 4


def load_source(source: Source, name: str | None = None, max_bytes: int | None = None) -> tuple[bytes, str]:
    """The bytes and a display name for ``source`` (a path or bytes).

    A file larger than ``max_bytes`` is refused before it is read.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), name or "<bytes>"
    path = Path(source)
    try:
        if max_bytes is not None and path.is_file() and path.stat().st_size > max_bytes:
            check_size(b"", name or str(path), ReadOptions(max_bytes=max_bytes), path.stat().st_size)
        data = path.read_bytes()
    except FileNotFoundError:
        raise FileNotReadable(str(path), "no such file") from None
    except IsADirectoryError:
        raise FileNotReadable(str(path), "is a directory, not a file") from None
    except OSError as exc:
        raise FileNotReadable(str(path), f"cannot be read ({exc.strerror or exc})") from None
    return data, name or str(path)


def check_size(data: bytes, name: str, options: ReadOptions | None, size: int | None = None) -> None:
    """``LimitExceeded`` when the input (``size`` bytes, else ``len(data)``) passes ``options.max_bytes``."""
    limit = (options or ReadOptions()).max_bytes
    size = len(data) if size is None else size
    if limit is not None and size > limit:
        raise LimitExceeded(name, f"the input is {size:,} bytes, more than {limit:,}",
                            limit="max_bytes", flag="--max-bytes")


def read_document(data: bytes, name: str, options: ReadOptions | None = None) -> Document:
    """Pick the reader by content and run it. Raises ``InputError`` subclasses."""
    check_size(data, name, options)
    if not data.strip():
        raise EmptyDocument(name, "the file is empty")
    fmt = sniff_plugins(data)
    if fmt is None:
        detected = detect_format(data, name)  # once: for a zip it opens the archive
        fmt = detected.value if detected is not None else None
    if fmt is None:
        raise UnsupportedFormat(name, "not a text, HTML, DOCX or PDF document (unrecognised bytes)")
    reader = reader_for(fmt, options)
    if reader is None:
        raise UnsupportedFormat(name, f"{fmt.upper()} input is recognised but no reader for it is installed")
    doc = reader.read(data, name)
    if not doc.blocks:
        raise EmptyDocument(name, "no text found in the document")
    return doc


def _folded(paragraph: Paragraph) -> Paragraph:
    text = fold_radicals(paragraph.text)
    return paragraph if text == paragraph.text else replace(paragraph, text=text)


def _drop_boilerplate(doc: Document) -> tuple[Document, list[ParseWarning]]:
    # Radical look-alikes of a browser print (⾃ for 自) read as their ideographs from here on.
    # A paragraph with nothing to fold is kept as it is (frozen: nothing downstream can change it).
    blocks = [_folded(b) if isinstance(b, Paragraph) else b for b in doc.blocks]
    kept = [b for b in blocks if not (isinstance(b, Paragraph) and is_boilerplate(b.text))]
    dropped = len(blocks) - len(kept)
    warnings = []
    for block in [b for b in kept if isinstance(b, RawGrid)]:
        if (why := oversized(block)) is not None:  # not a statistical table: never laid out
            kept = [b for b in kept if b is not block]
            warnings.append(ParseWarning(WarningCode.TABLE_TOO_LARGE,
                                         f"{block.origin or 'a table'} skipped: {why}, far larger than "
                                         "any statistical table"))
    if dropped:
        warnings.append(ParseWarning(WarningCode.BOILERPLATE_REMOVED,
                                     f"{dropped} line(s) of page furniture or spam left out of the text"))
    return Document(kept, doc.source_name, doc.format, list(doc.warnings), doc.streams, doc.rereader), warnings


def _edition_from_year(year: int | None) -> str | None:
    if year is None:
        return None
    return "2019" if year <= 2020 else "2021"


def parse(source: Source, *, name: str | None = None, options: ReadOptions | dict | None = None,
          corrections: Corrections | None = None) -> Report:
    """Parse one report. ``source`` is a path or the file's bytes.

    Raises ``giaparse.InputError`` (a ``GiaparseError``) when the input cannot
    be read as a document; anything about the report itself — missing tables,
    unreadable cells, failed arithmetic — is in the result's ``warnings`` and
    ``checks`` instead. ``options`` (a ``ReadOptions`` or a dict of its
    fields) chooses e.g. the PDF table backend; ``corrections``
    (``giaparse.corrections``) are a person's values for cells of this input,
    applied before the checks.
    """
    options = ReadOptions.resolve(options)
    data, name = load_source(source, name, options.max_bytes)
    return report_of(read_document(data, name, options), data, name, corrections=corrections)


def _finish(source_info: SourceInfo, facts: DocumentFacts, sections: list, tables: dict,
            warnings: list[ParseWarning], corrections: Corrections | None, edition: str | None = None,
            paragraphs: list[Paragraph] | None = None, rereader=None) -> Report:
    """The report stage after mapping: a person's corrections, the checks on the values as they
    then are, the evidence on every number, and one warning per cause and region."""
    if facts.kind == "annual_report" and rereader is not None:
        warnings = resolve_ocr(tables, rereader, warnings)  # OCR'd numbers held to the identities first
    records = corrections.for_document(source_info.sha256) if corrections is not None else []
    corrected, not_applied = apply_corrections(tables, records)
    checks: list[dict] = []
    if facts.kind == "annual_report":
        checks = run_checks(tables) + text_checks([p.text for p in paragraphs or []], tables, facts.year,
                                                  edition)  # 文本与表格一致性
        confirm_tables(tables, checks)
    return Report(source_info, facts, sections, tables, checks,
                  aggregate(warnings + not_applied, resolved=corrected))


def report_of(document: Document, data: bytes, name: str | None = None, *,
              corrections: Corrections | None = None) -> Report:
    """The report of a ``Document`` a reader made from ``data`` (the stages after reading).

    For tools that need the document as well (the review page): read once,
    then ``report_of(doc, data)`` gives what ``parse`` would.
    """
    name = name or document.source_name
    doc, warnings = _drop_boilerplate(document)
    warnings = list(doc.warnings) + warnings
    source_info = SourceInfo(Path(name).name if name != "<bytes>" else name, doc.format,
                             hashlib.sha256(data).hexdigest(), len(data))

    paragraphs = doc.paragraphs
    located = locate_tables(doc)
    title = find_title(paragraphs) or inline_title(paragraphs)
    sections = find_sections(paragraphs)
    if len(sections) < _MIN_SECTIONS_FOR_REPORT:
        # A one-line page: the part headings are inside one paragraph.
        sections = max(sections, inline_sections(paragraphs), key=len)
    if is_code_or_data(paragraphs) or is_about_a_report(paragraphs, title):
        warnings.append(ParseWarning(WarningCode.NOT_A_REPORT,
                                     "the document is code, data, an explainer or a list that mentions a report, "
                                     "not a report"))
        return _finish(source_info, DocumentFacts("other"), [], {}, warnings, corrections)
    if not (title or located or len(sections) >= _MIN_SECTIONS_FOR_REPORT):
        warnings.append(ParseWarning(WarningCode.NOT_A_REPORT,
                                     "no annual-report title, statistical table or part headings found"))
        return _finish(source_info, DocumentFacts("other"), [], {}, warnings, corrections)

    year = find_year(title, paragraphs)
    edition, basis = detect_edition(located) or edition_from_text(doc.text()), "tables"
    if edition is None:
        edition, basis = _edition_from_year(year), "year"
        if edition is not None:
            warnings.append(ParseWarning(WarningCode.TEMPLATE_UNCERTAIN,
                                         f"template {edition} inferred from the year {year}, not from the tables"))
        else:
            basis = None
    if len(sections) < 6:
        missing = sorted({1, 2, 3, 4, 5, 6} - {s.part for s in sections})
        warnings.append(ParseWarning(WarningCode.SECTIONS_MISSING,
                                     f"part heading(s) not found: {', '.join(map(str, missing))}"))
    tables, table_warnings = map_tables(located, TEMPLATES[edition or "2021"])
    missing = [k for k in ("proactive", "requests", "review_litigation") if k not in tables]
    if missing:
        # Tables written into running text (label + run of cells): issue 6.
        found, inline_warnings = inline_tables(doc.text(), TEMPLATES[edition or "2021"], missing,
                                               where=doc.source_of_text)
        if found:
            tables = {k: tables.get(k, found.get(k)) for k in ("proactive", "requests", "review_litigation")
                      if k in tables or k in found}
            table_warnings = [w for w in table_warnings
                              if not (w.code is WarningCode.TABLE_MISSING and w.table in found)] + inline_warnings
    if doc.streams:
        # Regions a reader could not grid, aligned with the template (cell-per-line text, PDF dumps).
        readings = stream_tables(doc.streams, TEMPLATES[edition or "2021"], doc.text())
        tables, table_warnings = merge_stream_tables(tables, table_warnings, readings, TEMPLATES[edition or "2021"])
    facts = DocumentFacts("annual_report", title, find_organ(title, paragraphs), year, edition, basis)
    return _finish(source_info, facts, sections, tables, warnings + table_warnings, corrections, edition, paragraphs,
                   doc.rereader)
