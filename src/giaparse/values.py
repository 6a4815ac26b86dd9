"""Cell text to number: the contract's "Value form".

Reports write the same number in many ways (full-width digits, ``增3``,
``588项``, ``202529227.9元``). This module reads them all into one form and,
where it cannot, says why instead of guessing: a cell it cannot read keeps
its text in ``raw`` and gets a ``problem`` code, so the caller can turn it
into a warning. It never raises, because one odd cell must not cost a
whole report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext
from typing import Any

from .diagnostics import WarningCode
from .document import Provenance

__all__ = ["CellValue", "Placement", "normalise_value"]


class Placement:
    """How a cell got its row and column, when not by its own label and header (``source.placement``)."""

    #: The value columns had no usable headers: taken in the template's column order.
    COLUMN_ORDER = "column_order"
    #: The row had no label: taken by its place between two labelled rows.
    ROW_POSITION = "row_position"
    #: Cells lost their boundaries or columns; the template's arithmetic allowed one placement.
    ARITHMETIC = "arithmetic"
    #: The table was written as running text; the row was found by its label in the text.
    RUNNING_TEXT = "running_text"
    #: The table came as a cell stream (one cell per line, a PDF text dump); the cell was
    #: placed by aligning the stream with the template (labels, layout, arithmetic).
    CELL_STREAM = "cell_stream"
    #: A person gave the value (``giaparse.corrections``); ``by``/``at``/``note`` say who, when and why.
    HUMAN = "human"

    ALL = (COLUMN_ORDER, ROW_POSITION, ARITHMETIC, RUNNING_TEXT, CELL_STREAM, HUMAN)


def _with_placement(where: Provenance, placement: str) -> Provenance:
    """``dataclasses.replace(where, placement=placement)`` without its per-field Python loop (a cell's
    provenance is re-placed once per mapped cell; ``Provenance`` is frozen and has no ``__post_init__``)."""
    new = object.__new__(Provenance)
    new.__dict__.update(where.__dict__)
    object.__setattr__(new, "placement", placement)
    return new


@dataclass(frozen=True)
class CellValue:
    """One table cell: the number, the text it came from, and any problem.

    ``problem`` and ``detail`` are for the caller's warnings; they are not
    part of the output cell, which is ``{"value", "raw"}`` plus, where known,
    ``source``: the reader's ``Provenance``, with the ``placement`` in it
    when the template layer placed the cell by something other than its
    label and header.
    """

    value: int | float | None
    raw: str | None
    problem: WarningCode | None = None
    detail: str = ""
    source: Provenance | None = None

    def located(self, source: Provenance | None, placement: str | None = None) -> CellValue:
        """This value with where it was read and how it was placed; a cell never
        found stays without a source."""
        if self.raw is None or (source is None and placement is None):
            return self
        placement = placement or (self.source.placement if self.source is not None else None)
        where = source or self.source
        if placement is not None and (where is None or where.placement != placement):
            where = Provenance(placement=placement) if where is None else _with_placement(where, placement)
        # ``dataclasses.replace`` spelt out (it looks the fields up on every call).
        return CellValue(self.value, self.raw, self.problem, self.detail, where)

    def to_dict(self) -> dict[str, Any]:
        """The template layer's cell: the output's ``value`` and ``raw``, and ``source``
        as the typed ``Provenance`` (``report.Cell`` takes it as it is; its ``to_dict``
        writes the JSON)."""
        out: dict[str, Any] = {"value": self.value, "raw": self.raw}
        if self.source is not None:
            out["source"] = self.source
        return out


# Full-width ASCII (U+FF01..U+FF5E: ０-９ ． ， ＋ － （ ） ／ …) to ASCII, the
# ideographic space to a space, and the typographic minus to a hyphen.
# Done by table rather than NFKC, which would also turn ① or ² into digits.
_TO_ASCII: dict[int, int | str] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_TO_ASCII.update({0x3000: " ", 0x2212: "-"})

# Whitespace anywhere (reports break cells over lines, pad with NBSP or
# full-width spaces), plus zero-width characters that copy-paste leaves.
_SPACE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")

# "Nothing here" markers: blank is data (the organ had nothing to report), not
# an error, and it is not 0 either. Dashes of every width, slashes, 无, N/A.
_NULL = re.compile(r"(?:[-\u2010-\u2015\u2500/\\]+|无|n/a)", re.IGNORECASE)

# sign, number (thousands groups of exactly three digits, or plain), suffix.
# [0-9] rather than \d: \d would accept Arabic-Indic and other digits.
_NUMBER = re.compile(
    r"(?P<sign>增加|增|减少|减|[+-])?"
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    r"(?P<suffix>.*)",
    re.DOTALL,
)

# The suffix: an optional multiplier and an optional unit (``万元`` is 万 + 元).
_COUNT_UNITS = "人次|项|件|个|条|次|宗|人|家|份|篇|期"
_SUFFIX = re.compile(rf"(?P<mult>[千万亿])?(?P<unit>元|{_COUNT_UNITS})?")

# A note after the number, 15（其中修订 9 件）: about the number, not part of it.
_NOTE = re.compile(r"\((?:其中|含|包括)[^()]*\)$")

_MULT = {None: Decimal(1), "千": Decimal(1000), "万": Decimal(10000), "亿": Decimal(100000000)}
# A column header's money unit, as the number of yuan in one of it.
_HEADER_YUAN = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}
_WAN = Decimal(10000)
# No real cell has this many digits; longer "numbers" are junk (and ints past
# 4300 digits cannot even be written to JSON by Python).
_MAX_DIGITS = 100


def _number(d: Decimal) -> int | float:
    """int when the result is whole (so ``5万元`` gives 5, not 5.0), else float.

    float(Decimal) rounds correctly, so ``20252.92279`` is exactly the float
    Python reads from that text.
    """
    if d == d.to_integral_value():
        return int(d)
    return float(d)


def normalise_value(raw: str | None, *, money: bool = False, header_unit: str | None = None) -> CellValue:
    """Read one cell's text.

    ``money=True`` marks an ``amount`` field: the result is in 万元, taken from
    the unit written in the cell, else from ``header_unit`` (the column
    header's unit, e.g. ``"万元"``), else as written with ``UNIT_MISSING``.
    Outside money fields a written money unit is just dropped (the number
    is kept as written); a bare multiplier (``1.9万``) is applied.
    """
    if raw is None:
        return CellValue(None, None, WarningCode.CELL_MISSING, "cell not found")
    try:
        return _normalise(raw.strip(), money, header_unit)
    except Exception as exc:  # last resort: never lose a report to one cell
        text = raw.strip() if isinstance(raw, str) else None
        return CellValue(None, text, WarningCode.CELL_UNREADABLE, f"cell text {text!r} could not be read ({exc})")


def _normalise(text: str, money: bool, header_unit: str | None) -> CellValue:
    compact = _SPACE.sub("", text.translate(_TO_ASCII))
    if not compact or _NULL.fullmatch(compact):
        return CellValue(None, text)
    if not money and len(compact) <= _MAX_DIGITS and compact.isascii() and compact.isdigit():
        # Most cells: a plain count, which the general path below reads as this int.
        return CellValue(int(compact), text)

    unreadable = CellValue(None, text, WarningCode.CELL_UNREADABLE, f"cell text {text!r} is not a number")
    m = _NUMBER.fullmatch(compact)
    if not m:
        return unreadable
    suffix = _NOTE.sub("", m["suffix"])
    if len(suffix) > 2 and suffix[0] == "(" and suffix[-1] == ")":  # 3（件）
        suffix = suffix[1:-1]
    s = _SUFFIX.fullmatch(suffix)
    if not s:
        return unreadable

    digits = m["num"].replace(",", "")
    if len(digits) > _MAX_DIGITS:
        return CellValue(None, text, WarningCode.CELL_UNREADABLE,
                         f"cell text of {len(text)} characters is too long for a number")
    negative = m["sign"] in ("-", "减", "减少")
    # Enough precision that no digit of the text is ever rounded away.
    with localcontext(Context(prec=len(digits) + 30)):
        n = Decimal(digits)
        if negative:
            n = -n
        mult, unit = _MULT[s["mult"]], s["unit"]

        if not money:
            # 万元 in a count field is a unit, not a multiplier on a count.
            return CellValue(_number(n if unit == "元" else n * mult), text)

        if unit == "元" or s["mult"]:
            # Unit written in the cell (5万 means 5万元 in a money column).
            return CellValue(_number(n * mult / _WAN), text)
        if header_unit is None:
            return CellValue(
                _number(n), text, WarningCode.UNIT_MISSING,
                f"money cell {text!r} has no unit and its column header gives none; taken as written",
            )
        key = _SPACE.sub("", header_unit.translate(_TO_ASCII)).strip("()")
        if key not in _HEADER_YUAN:
            return CellValue(
                _number(n), text, WarningCode.UNIT_MISSING,
                f"money cell {text!r} has no unit and the header unit {header_unit!r} is not known; taken as written",
            )
        return CellValue(_number(n * _HEADER_YUAN[key] / _WAN), text)
