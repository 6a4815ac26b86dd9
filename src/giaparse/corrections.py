"""A person's corrections, kept in a file and applied on every later run.

The review page exports them as JSON Lines, one record a cell::

    {"sha256": "<sha256 of the input file's bytes>", "cell": "requests.total.total",
     "value": 227, "by": "王芳", "at": "2026-12-07", "note": "表三总计栏印错"}

``cell`` is the cell's dotted path, ``table.row.column`` with the output's
keys (table 2 without ``items``: ``proactive.regulations.issued``);
``value`` is the right number, or null for a cell that is really empty. A
record that confirms a value gives the value the cell already has.

``giaparse convert FILE --corrections FILE.jsonl`` and ``convert_many(...,
corrections=...)`` apply to each input the records whose ``sha256`` is the
sha256 of its bytes — so a correction never lands on another version of a
report. They are applied by the template stage, after the tables are mapped
and before the checks, which then run on the corrected values: the cell
takes the value, its ``raw`` stays the text that was read, and its
``source`` keeps where the cell was read and gets ``placement: "human"``
with ``by``, ``at`` and ``note``. Records for one cell apply in file order
(the last one wins). A record whose cell is not in the report's tables is
not applied, and the report warns ``correction_not_applied``; records whose
sha256 matches no input are listed by ``Corrections.not_applied`` (and the
CLI warns about them).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .diagnostics import ParseWarning, WarningCode
from .document import Provenance
from .errors import InputError
from .values import Placement

__all__ = ["Correction", "Corrections", "CorrectionsInvalid", "apply_corrections", "cell_path", "load_corrections"]

_FIELDS = ("sha256", "cell", "value", "by", "at", "note")
_TABLES = ("proactive", "requests", "review_litigation")


class CorrectionsInvalid(InputError):
    """A corrections file that cannot be read: not JSON Lines, or a record without its fields."""


def cell_path(table: str, row: str, column: str) -> str:
    """The dotted path of a cell, as a correction names it."""
    return f"{table}.{row}.{column}"


@dataclass(frozen=True)
class Correction:
    """One record: the right ``value`` of ``cell`` in the document whose bytes hash to ``sha256``."""

    sha256: str
    cell: str
    value: int | float | None
    by: str | None = None
    at: str | None = None
    note: str | None = None
    #: Where the record was read ("corrections.jsonl:3"), for messages.
    origin: str | None = field(default=None, compare=False)

    @property
    def key(self) -> tuple[str, str, str]:
        table, row, column = self.cell.split(".", 2)
        return table, row, column

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _FIELDS}

    @classmethod
    def from_dict(cls, data: Any, origin: str | None = None) -> Correction:
        where = origin or "correction"
        if not isinstance(data, Mapping):
            raise CorrectionsInvalid(where, "a record must be a JSON object")
        sha, cell, value = data.get("sha256"), data.get("cell"), data.get("value", "missing")
        if not isinstance(sha, str) or len(sha) != 64 or any(ch not in "0123456789abcdef" for ch in sha.lower()):
            raise CorrectionsInvalid(where, "sha256 must be the 64 hex digits of the input file's sha256")
        if not isinstance(cell, str) or cell.count(".") != 2 or cell.split(".", 1)[0] not in _TABLES:
            raise CorrectionsInvalid(where, f"cell must be a dotted path table.row.column (e.g. requests.total.total), "
                                            f"not {cell!r}")
        if value == "missing" or isinstance(value, bool) or not (value is None or isinstance(value, (int, float))):
            raise CorrectionsInvalid(where, f"value must be a number or null, not {value!r}")
        if isinstance(value, float) and value != value:
            raise CorrectionsInvalid(where, "value must be a number or null, not NaN")
        texts = {}
        for name in ("by", "at", "note"):
            text = data.get(name)
            if text is not None and not isinstance(text, str):
                raise CorrectionsInvalid(where, f"{name} must be text")
            texts[name] = text or None
        return cls(sha.lower(), cell, value, origin=origin, **texts)


class Corrections:
    """Correction records by document (sha256), in file order.

    ``seen`` collects the sha256 of every input a batch converted, so that
    ``not_applied()`` afterwards lists the records meant for no input of it.
    """

    def __init__(self, records: Iterable[Correction] = ()) -> None:
        self.records: list[Correction] = list(records)
        self._by_sha: dict[str, list[Correction]] = {}
        for record in self.records:
            self._by_sha.setdefault(record.sha256, []).append(record)
        self.seen: set[str] = set()

    def __len__(self) -> int:
        return len(self.records)

    def for_document(self, sha256: str) -> list[Correction]:
        return list(self._by_sha.get(sha256, ()))

    def mark_seen(self, sha256: str) -> None:
        self.seen.add(sha256)

    def not_applied(self, seen: Iterable[str] | None = None) -> list[Correction]:
        """Records whose sha256 is none of the inputs' (``seen``, default: the ones marked seen)."""
        inputs = set(seen) if seen is not None else self.seen
        return [r for r in self.records if r.sha256 not in inputs]

    def __reduce__(self) -> tuple[type[Corrections], tuple[list[Correction]]]:
        # pickled to worker processes: the records are enough
        return (Corrections, (self.records,))

    @classmethod
    def from_text(cls, text: str, origin: str = "corrections") -> Corrections:
        records = []
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorrectionsInvalid(f"{origin}:{n}", f"not a JSON object ({exc.msg})") from None
            records.append(Correction.from_dict(data, f"{origin}:{n}"))
        return cls(records)


def load_corrections(source: Corrections | str | os.PathLike | Iterable[Correction | Mapping] | None
                     ) -> Corrections | None:
    """A ``Corrections`` from a JSON Lines file's path, records, or one already loaded (returned as is)."""
    if source is None or isinstance(source, Corrections):
        return source
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CorrectionsInvalid(str(path), "no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise CorrectionsInvalid(str(path), f"cannot be read ({exc})") from None
        return Corrections.from_text(text, str(path))
    return Corrections(r if isinstance(r, Correction) else Correction.from_dict(r) for r in source)


def _rows(tables: Mapping[str, Any], table: str) -> Any:
    body = tables.get(table)
    return body.get("items") if table == "proactive" and isinstance(body, Mapping) else body


def apply_corrections(tables: dict[str, Any], records: Iterable[Correction]
                      ) -> tuple[list[tuple[str, str, str]], list[ParseWarning]]:
    """Give each record's cell its value in ``tables`` (the template stage's dict form, changed in place).

    Returns the cells corrected and a ``correction_not_applied`` warning for
    every record whose cell the tables do not have.
    """
    done: dict[tuple[str, str, str], None] = {}
    warnings = []
    for record in records:
        table, row, column = record.key
        rows = _rows(tables, table)
        cells = rows.get(row) if isinstance(rows, Mapping) else None
        if not isinstance(cells, dict) or column not in cells:
            what = "table" if rows is None else ("row" if cells is None else "column")
            warnings.append(ParseWarning(
                WarningCode.CORRECTION_NOT_APPLIED,
                f"{record.origin or 'a correction'}: {record.cell} is not a cell of this report (no such {what} "
                "in its tables); the correction was not applied", table if rows is not None else None,
                row if cells is not None else None, cause="corrections naming a cell this report does not have"))
            continue
        cell = cells[column] if isinstance(cells[column], Mapping) else {}
        source = cell.get("source")
        if isinstance(source, Mapping):
            source = Provenance.from_dict(source)
        human = replace(source or Provenance(), placement=Placement.HUMAN, by=record.by, at=record.at,
                        note=record.note)
        cells[column] = {"value": record.value, "raw": cell.get("raw"), "source": human}
        done[record.key] = None
    return list(done), warnings


def not_applied_warning(records: list[Correction]) -> ParseWarning:
    """The warning for records that match no input (by sha256)."""
    shas = sorted({r.sha256 for r in records})
    where = ", ".join(dict.fromkeys(r.origin.rsplit(":", 1)[0] for r in records if r.origin)) or "the corrections"
    return ParseWarning(
        WarningCode.CORRECTION_NOT_APPLIED,
        f"{len(records)} correction(s) in {where} are for a file whose sha256 is not this input's "
        f"({', '.join(s[:12] + '…' for s in shas[:3])}{' …' if len(shas) > 3 else ''}): not applied "
        "(a revised file has another sha256; check the corrections against it and record them again)",
        cause="corrections for another file (sha256) than this input")
