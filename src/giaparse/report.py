"""The result of parsing one document: typed, and its canonical JSON form.

Every part of the output is a dataclass here — ``Report``, ``Tables``,
``ProactiveTable``, ``Cell`` with its ``CellSource``, ``Check`` with its two
``Side``s — and ``to_dict()`` of each is exactly its part of the canonical
JSON described by ``schema/canonical.schema.json`` (``giaparse schema``
prints it; ``tests/test_result_types.py`` holds the two to the same fields).
``from_dict`` reads that JSON back, so a saved output is as good as a parse::

    report.tables.requests["total"]["total"].value
    report.tables.proactive.items["normative_documents"]["in_force"].source.page
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from .diagnostics import ParseWarning
from .document import Provenance
from .template.facts import Section

SCHEMA_VERSION = "1.0"

Number = int | float


# ------------------------------------------------------------------ cells --

#: Where a cell was read and, when not by its own label and header, how it got its
#: row and column (``placement``): the reader's ``Provenance`` itself, handed through.
CellSource = Provenance


@dataclass(frozen=True)
class Cell:
    """One table cell of the output: the contract's ``{"value", "raw"}``, plus ``source``."""

    value: Number | None
    raw: str | None
    source: CellSource | None = None
    #: What vouches for the value (``giaparse.evidence``): ids of checks that pass with the cell
    #: as a term, ``narrative``, ``two_readings``, ``human``; empty when nothing does. None on a null cell.
    confirmed_by: tuple[str, ...] | None = None

    @property
    def confirmed(self) -> bool | None:
        """Whether anything vouches for the value; None for a null cell."""
        return None if self.value is None else bool(self.confirmed_by)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value, "raw": self.raw}
        if self.source is not None:
            out["source"] = self.source.to_dict()
        if self.value is not None:
            out["confirmed_by"] = list(self.confirmed_by or ())
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Cell:
        """A cell from its JSON form, or from the template layer's, whose ``source`` is already typed."""
        source = data.get("source")
        if source is not None and not isinstance(source, Provenance):
            source = Provenance.from_dict(source) if source else None
        confirmed = data.get("confirmed_by")
        return cls(data.get("value"), data.get("raw"), source or None,
                   tuple(confirmed) if confirmed is not None else None)


#: A table as rows of cells: ``{row key: {column key: Cell}}`` (table 3; table 4 by group).
Grid = dict[str, dict[str, Cell]]


def _grid_from(data: Mapping[str, Any]) -> Grid:
    return {r: {c: Cell.from_dict(cell) for c, cell in cells.items()} for r, cells in data.items()}


def _grid_dict(grid: Grid) -> dict[str, Any]:
    return {r: {c: cell.to_dict() for c, cell in cells.items()} for r, cells in grid.items()}


@dataclass
class ProactiveTable:
    """二、主动公开政府信息情况: ``items[item][field]``, in the document's template."""

    template: str
    items: Grid = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"template": self.template, "items": _grid_dict(self.items)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ProactiveTable:
        return cls(data.get("template", ""), _grid_from(data.get("items") or {}))


@dataclass
class Tables:
    """The three statistical tables; a table the document does not contain is None (absent in JSON)."""

    proactive: ProactiveTable | None = None
    requests: Grid | None = None
    review_litigation: Grid | None = None

    NAMES = ("proactive", "requests", "review_litigation")

    def __iter__(self) -> Iterator[str]:
        """The names of the tables present."""
        return (name for name in self.NAMES if getattr(self, name) is not None)

    def __contains__(self, name: object) -> bool:
        return name in self.NAMES and getattr(self, str(name)) is not None

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def grid(self, name: str) -> Grid | None:
        """Rows of cells of table ``name`` (table 2's items), or None when absent."""
        table = getattr(self, name)
        return table.items if isinstance(table, ProactiveTable) else table

    def cells(self) -> Iterator[tuple[str, str, str, Cell]]:
        """(table, row, column, cell) for every cell, in output order."""
        for name in self:
            for row, cells in (self.grid(name) or {}).items():
                for column, cell in cells.items():
                    yield name, row, column, cell

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.proactive is not None:
            out["proactive"] = self.proactive.to_dict()
        for name in ("requests", "review_litigation"):
            if (grid := getattr(self, name)) is not None:
                out[name] = _grid_dict(grid)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Tables:
        return cls(
            ProactiveTable.from_dict(data["proactive"]) if data.get("proactive") is not None else None,
            _grid_from(data["requests"]) if data.get("requests") is not None else None,
            _grid_from(data["review_litigation"]) if data.get("review_litigation") is not None else None,
        )


# ----------------------------------------------------------------- checks --

@dataclass(frozen=True)
class Side:
    """One side of a check: the cells summed (``terms``, by name) and their ``sum``."""

    terms: dict[str, Number | None]
    sum: Number | None

    def to_dict(self) -> dict[str, Any]:
        return {"terms": dict(self.terms), "sum": self.sum}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Side:
        return cls(dict(data.get("terms") or {}), data.get("sum"))


@dataclass(frozen=True)
class Check:
    """One rule evaluated for one subject: pass, fail or skipped (never a repair).

    ``difference`` is left sum − right sum; ``reason`` says why a check was
    skipped; ``sentence`` is the narrative sentence a ``text_vs_table``
    check compared.
    """

    id: str
    subject: str | None
    status: str
    left: Side
    right: Side
    difference: Number | None
    reason: str | None = None
    sentence: str | None = None

    @property
    def failed(self) -> bool:
        return self.status == "fail"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "subject": self.subject, "status": self.status,
                               "left": self.left.to_dict(), "right": self.right.to_dict(),
                               "difference": self.difference}
        for name in ("reason", "sentence"):
            if (value := getattr(self, name)) is not None:
                out[name] = value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Check:
        return cls(data["id"], data.get("subject"), data["status"], Side.from_dict(data.get("left") or {}),
                   Side.from_dict(data.get("right") or {}), data.get("difference"), data.get("reason"),
                   data.get("sentence"))


@dataclass(frozen=True)
class SourceInfo:
    name: str
    format: str
    sha256: str
    size: int


@dataclass(frozen=True)
class DocumentFacts:
    kind: str                    # "annual_report" | "other"
    title: str | None = None
    organ: str | None = None
    year: int | None = None      # the statistics year
    template: str | None = None  # "2019" | "2021"
    #: How ``template`` was decided: "tables" (their labels) or "year".
    template_basis: str | None = None


@dataclass
class Report:
    source: SourceInfo
    document: DocumentFacts
    sections: list[Section] = field(default_factory=list)
    tables: Tables = field(default_factory=Tables)
    checks: list[Check] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)

    def __post_init__(self) -> None:
        # The pipeline's stages speak the canonical dict form; the result is typed.
        if isinstance(self.tables, Mapping):
            self.tables = Tables.from_dict(self.tables)
        self.checks = [c if isinstance(c, Check) else Check.from_dict(c) for c in self.checks]

    @property
    def is_annual_report(self) -> bool:
        return self.document.kind == "annual_report"

    @property
    def failed_checks(self) -> list[Check]:
        return [c for c in self.checks if c.failed]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Report:
        """A report from its canonical JSON (``to_dict``'s output, e.g. a saved ``giaparse convert`` file)."""
        src, doc = data.get("source") or {}, data.get("document") or {}
        return cls(
            SourceInfo(src.get("name", "<bytes>"), src.get("format", ""), src.get("sha256", ""), src.get("size", 0)),
            DocumentFacts(**({f.name: doc.get(f.name) for f in fields(DocumentFacts)}  # type: ignore[arg-type]
                             | {"kind": doc.get("kind", "other")})),
            [Section(s["part"], s["key"], s["heading"], s["text"]) for s in data.get("sections") or []],
            Tables.from_dict(data.get("tables") or {}),
            [Check.from_dict(c) for c in data.get("checks") or []],
            [ParseWarning.from_dict(w) for w in data.get("warnings") or []],
        )

    def to_dict(self) -> dict[str, Any]:
        from . import __version__

        return {
            "schema_version": SCHEMA_VERSION,
            "generator": f"giaparse {__version__}",
            "source": {
                "name": self.source.name,
                "format": self.source.format,
                "sha256": self.source.sha256,
                "size": self.source.size,
            },
            "document": {
                "kind": self.document.kind,
                "title": self.document.title,
                "organ": self.document.organ,
                "year": self.document.year,
                "template": self.document.template,
                "template_basis": self.document.template_basis,
            },
            "sections": [s.to_dict() for s in self.sections],
            "tables": self.tables.to_dict(),
            "checks": [c.to_dict() for c in self.checks],
            "warnings": [w.to_dict() for w in self.warnings],
        }

    def to_frame(self, path: str | None = None):
        """The tables in long format, one row per cell (a pandas DataFrame; needs giaparse[dataframes]).

        Columns: path, organ, year, template, table, row, column, value, raw,
        confirmed, confirmed_by, row_label, column_label; see ``giaparse.export``.
        """
        from .export import cell_rows, frame_of_rows

        return frame_of_rows(cell_rows(self, path))

    def to_json(self, indent: int | None = 2) -> str:
        """Canonical JSON, UTF-8 Chinese kept as is (not \\u escapes)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
