"""Tidy (long-format) outputs: one row per table cell, for analysis.

Columns, in order (``COLUMNS``):

    path, organ, year, template, table, row, column, value, raw, confirmed, confirmed_by,
    row_label, column_label

``row``/``column`` are the canonical keys (for ``proactive``: item and
field; ``requests``: row and applicant column; ``review_litigation``: group
and result), ``row_label``/``column_label`` their Chinese labels from
``giaparse.wording``. A cell giaparse could not read keeps ``value`` null:

* rows (``cell_rows``) and CSV: null is ``None`` / an **empty field**; a
  number is never written for it (``0`` is written as ``0``). CSV cannot
  tell a null ``raw`` (cell not found) from an empty one (a blank cell):
  both are an empty field; Parquet and JSON keep the difference.
* pandas (``to_frame``): ``value`` has the nullable ``Float64`` dtype, so a
  null is ``<NA>``, not a NaN that looks like a number; text columns are
  ``string``.
* Parquet: ``value`` is a nullable ``double`` (a real Parquet null).

``confirmed`` says whether anything vouches for the value (the cell's
``confirmed_by`` is not empty: a check that passes with it as a term, the
narrative stating it, two readings agreeing, a person): ``true``/``false``
(CSV), a nullable boolean (pandas ``boolean``, Parquet ``bool``), null for a
null cell. ``confirmed_by`` is the same evidence as text, ids separated by
spaces (``requests.balance requests.row_total``), empty when nothing vouches.

pandas and pyarrow come with ``pip install "giaparse[dataframes]"``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import IO, TYPE_CHECKING, Any

from .errors import MissingDependency
from .report import Report

if TYPE_CHECKING:  # optional extras: imported on use
    import pandas
    import pyarrow
from .wording import column_label, row_label

COLUMNS = ("path", "organ", "year", "template", "table", "row", "column", "value", "raw",
           "confirmed", "confirmed_by", "row_label", "column_label")
TABLE_ORDER = ("proactive", "requests", "review_litigation")


def cell_rows(report: Report, path: str | None = None) -> Iterator[dict[str, Any]]:
    """One dict per table cell of ``report`` (keys ``COLUMNS``); ``path`` defaults to the source name."""
    doc = report.document
    base = {"path": path if path is not None else report.source.name, "organ": doc.organ, "year": doc.year,
            "template": doc.template}
    for table, row, column, cell in report.tables.cells():
        yield {**base, "table": table, "row": row, "column": column, "value": cell.value,
               "raw": cell.raw, "confirmed": cell.confirmed,
               "confirmed_by": None if cell.value is None else " ".join(cell.confirmed_by or ()),
               "row_label": row_label(table, row, doc.template),
               "column_label": column_label(table, column, doc.template)}


def _pairs(items: Iterable[Any]) -> Iterator[tuple[Report, str | None]]:
    """Reports, or conversion results (their input path is used), or (report, path) pairs."""
    for item in items:
        if isinstance(item, Report):
            yield item, None
        elif isinstance(item, tuple):
            yield item[0], item[1]
        elif getattr(item, "report", None) is not None:  # a ConversionResult that has a report
            yield item.report, str(item.input)


def rows_of(items: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """Cell rows of many reports (or ``ConversionResult``s; failed ones have no rows)."""
    for report, path in _pairs(items):
        yield from cell_rows(report, path)


# CSV ------------------------------------------------------------------------

def _csv_field(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def write_csv(rows: Iterable[dict[str, Any]], fh: IO[str], *, header: bool = True) -> int:
    """Write cell rows as CSV (UTF-8 text, null as an empty field). Returns the row count."""
    writer = csv.writer(fh, lineterminator="\n")
    if header:
        writer.writerow(COLUMNS)
    n = 0
    for row in rows:
        writer.writerow([_csv_field(row[c]) for c in COLUMNS])
        n += 1
    return n


def csv_text(rows: Iterable[dict[str, Any]], *, header: bool = True) -> str:
    buf = io.StringIO()
    write_csv(rows, buf, header=header)
    return buf.getvalue()


# pandas / pyarrow -----------------------------------------------------------

def _pandas() -> ModuleType:
    try:
        import pandas
    except ImportError:
        raise MissingDependency("to_frame (pandas DataFrames)", "dataframes", "pandas") from None
    return pandas


def _pyarrow() -> ModuleType:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise MissingDependency("Parquet output", "dataframes", "pyarrow") from None
    return pyarrow


_STRING_COLUMNS = ("path", "organ", "template", "table", "row", "column", "raw", "confirmed_by", "row_label",
                   "column_label")


def frame_of_rows(rows: Iterable[dict[str, Any]]) -> pandas.DataFrame:
    """A pandas DataFrame of cell rows with null-safe dtypes (``value`` Float64, ``year`` Int64)."""
    pd = _pandas()
    df = pd.DataFrame(list(rows), columns=list(COLUMNS))
    dtypes = {c: "string" for c in _STRING_COLUMNS}
    dtypes.update(year="Int64", value="Float64", confirmed="boolean")
    return df.astype(dtypes)


def to_frame(items: Iterable[Any] | Report) -> pandas.DataFrame:
    """Long-format DataFrame of one report, many reports, or ``convert_many`` results."""
    if isinstance(items, Report):
        items = [items]
    return frame_of_rows(rows_of(items))


def arrow_table(rows: Iterable[dict[str, Any]]) -> pyarrow.Table:
    """A pyarrow Table of cell rows: strings, ``year`` int32, ``value`` double, ``confirmed`` bool; nulls are nulls."""
    pa = _pyarrow()
    rows = list(rows)
    types = {c: pa.string() for c in _STRING_COLUMNS}
    types.update(year=pa.int32(), value=pa.float64(), confirmed=pa.bool_())
    schema = pa.schema([(c, types[c]) for c in COLUMNS])
    return pa.table({c: pa.array([r[c] for r in rows], type=types[c]) for c in COLUMNS}, schema=schema)


def parquet_bytes(rows: Iterable[dict[str, Any]]) -> bytes:
    """Cell rows as one Parquet file's bytes."""
    pa = _pyarrow()
    sink = pa.BufferOutputStream()
    pa.parquet.write_table(arrow_table(rows), sink)
    return sink.getvalue().to_pybytes()
