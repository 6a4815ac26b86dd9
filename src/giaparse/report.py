"""The result of parsing one document, and its canonical JSON form.

``Report.to_dict()`` is the canonical output described by
``schema/canonical.schema.json`` (``giaparse schema`` prints it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .diagnostics import ParseWarning
from .template.facts import Section

SCHEMA_VERSION = "1.0"


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
    tables: dict[str, Any] = field(default_factory=dict)
    checks: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)

    @property
    def is_annual_report(self) -> bool:
        return self.document.kind == "annual_report"

    @property
    def failed_checks(self) -> list[dict[str, Any]]:
        return [c for c in self.checks if c["status"] == "fail"]

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
            "tables": self.tables,
            "checks": self.checks,
            "warnings": [w.to_dict() for w in self.warnings],
        }

    def to_frame(self, path: str | None = None):
        """The tables in long format, one row per cell (a pandas DataFrame; needs giaparse[dataframes]).

        Columns: path, organ, year, template, table, row, column, value, raw,
        row_label, column_label; see ``giaparse.export``.
        """
        from .export import cell_rows, frame_of_rows

        return frame_of_rows(cell_rows(self, path))

    def to_json(self, indent: int | None = 2) -> str:
        """Canonical JSON, UTF-8 Chinese kept as is (not \\u escapes)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
