"""OCR'd numbers held to the template arithmetic and to a second recogniser, before the checks.

A recogniser's confidence does not tell a small serif 4 read as 1 (447 → 117,
at 0.99) from a right reading; the report's identities and a second,
independent recogniser can. For a document a reader can re-read
(``Document.rereader``, the OCR reader's), on the mapped ``tables``:

0. **Withheld rows as evidence**: a row the template layer nulled because
   its columns were taken by count and its total does not confirm them
   (``template.mapping.confirm_rows``) keeps its reading under ``WITHHELD``.
   Steps 1-5 run with those readings in place, so the identities through
   the row (the balance through 七、总计) are checked; afterwards the row is
   null again, as the template layer left it (never output), and no warning
   speaks of its cells.
1. **Suspects**: every OCR'd cell that is a term of a failing identity, and
   every OCR'd count read with a decimal point (a count never takes one:
   746 → 7.16 is never output).
2. **Re-reading**: each suspect is read again (the crop upscaled twice,
   another binarisation, Tesseract digits-only). A value is *stable* when at
   least two readings give it (the first reading counts as one).
3. **Deciding**: the assignments of stable values to the suspects are tried,
   fewest changes first. When exactly one assignment with the fewest changes
   makes every identity the suspects take part in hold (none fails, and each
   changed cell is a term of a passing identity), it is kept: the changed
   cells get the re-read value (``ocr_reread``, naming the identity and the
   readings).
4. Otherwise no re-reading explains the failure: a suspect that is a term
   of an identity holding as read stays (confirmed there: the failure lies
   in another term); any other stays as read only
   when Tesseract read the same number (two recognisers agree: the report's
   own arithmetic error, and the check fails as it should); the others are
   null with an ``ocr_recognisers_disagree`` warning naming the identity and
   the readings. A count with a decimal point is null unless a stable
   integer reading was kept in step 3.
5. **Unread**: a cell the reader left null for low confidence is filled
   from a stable re-reading when every identity it takes part in then holds,
   and only when its re-readings give one stable value (split re-readings
   leave it null).
6. **Unconfirmed**: an OCR'd number no passing identity has as a term is
   read by Tesseract; if it reads another number the cell is null with a
   warning, if the same, the cell has two readings (``confirmed_by``
   ``two_readings``).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from .checks import run_checks
from .diagnostics import ParseWarning, WarningCode
from .document import Provenance
from .evidence import CellKey, check_cells
from .template.mapping import WITHHELD

#: Tables whose every value is a count (table 2's fee is an amount, and no identity holds it).
COUNT_TABLES = ("requests", "review_litigation")
#: At most this many suspects change at once (each change needs its own stable re-reading).
MAX_CHANGES = 3
_COUNT = re.compile(r"[0-9]+")
_TESSERACT = "tesseract"
#: A null OCR'd cell whose reading was below this confidence was left blank by the reader (its threshold).
UNREAD_BELOW = 0.8


def _rows(tables: dict, table: str) -> dict:
    body = tables.get(table)
    if not isinstance(body, dict):
        return {}
    rows = body.get("items") if table == "proactive" else body
    return rows if isinstance(rows, dict) else {}


def _ocr_cells(tables: dict) -> Iterator[tuple[CellKey, dict]]:
    for table in COUNT_TABLES:
        for row, cells in _rows(tables, table).items():
            if not isinstance(cells, dict):
                continue
            for column, cell in cells.items():
                src = cell.get("source") if isinstance(cell, dict) else None
                if isinstance(src, Provenance) and src.confidence is not None and src.bbox is not None:
                    yield (table, row, column), cell


_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})


def as_count(text: str) -> int | None:
    """The count a re-read text says (digits only, thousands commas allowed), else None.

    A re-read of a lone digit cropped tight comes back as a letter (``0`` as
    ``o``): look-alikes are read as digits here, because a re-reading is only
    ever kept when another reading agrees and the identities hold with it.
    """
    t = text.strip().replace(",", "").replace("，", "").translate(_LOOKALIKE)
    return int(t) if _COUNT.fullmatch(t) else None


def _is_count(value: Any) -> bool:
    return type(value) is int


def _phrase(readings: list[tuple[str, str]]) -> str:
    return ", ".join(f"{name} {text!r}" for name, text in readings) or "no re-reading"


def _checks_of(checks: list[dict], keys: set[CellKey]) -> list[dict]:
    return [c for c in checks if keys & set(check_cells(c))]


def _name(check: dict) -> str:
    return f"{check['id']} ({check['subject']})"


def resolve_ocr(tables: dict, rereader: Any, earlier: list[ParseWarning] | None = None) -> list[ParseWarning]:
    """Re-read the OCR'd numbers that break an identity or that nothing confirms (see the module doc).

    Changes ``tables`` in place; returns the warnings. A document without a
    re-reader (not OCR'd) is left alone. With ``earlier`` (the warnings so
    far), returns those followed by the new ones, the reader's
    ``ocr_low_confidence`` notes on cells a re-reading filled saying so
    instead of "left blank".
    """
    if rereader is None:
        return list(earlier or [])
    new = _resolve_held(tables, rereader)
    if earlier is None:
        return new
    return [_amend_unread(w, tables, rereader) for w in earlier] + new


def _amend_unread(warning: ParseWarning, tables: dict, rereader: Any) -> ParseWarning:
    """An ``ocr_low_confidence`` warning with the notes on cells since filled by a re-reading rewritten."""
    note_of = getattr(rereader, "unread_note", None)
    if warning.code is not WarningCode.OCR_LOW_CONFIDENCE or note_of is None:
        return warning
    message, filled = warning.message, 0
    for _, cell in _ocr_cells(tables):
        src = cell["source"]
        note = note_of(src)
        if note is None or cell.get("value") is None or note not in message:
            continue
        done = note.removesuffix(LEFT_BLANK) + f"filled by re-reading as {cell['value']} (see ocr_reread)"
        message, filled = message.replace(note, done), filled + 1
    if not filled:
        return warning
    n = _HEAD.match(message)
    if n:
        total = int(n.group(1))
        message = (f"{total} table cell(s) read with low confidence: {total - filled} left null, {filled} filled "
                   f"by a re-reading the identities confirm: " + message[n.end():])
    return ParseWarning(warning.code, message, warning.table, rows=warning.rows, columns=warning.columns,
                        pages=warning.pages, cause=warning.cause, count=warning.count, detail=warning.detail)


#: How the OCR reader's low-confidence note on a cell ends (``readers.ocr.page.LEFT_BLANK``; not imported
#: from there, which needs numpy and OpenCV).
LEFT_BLANK = "left blank"
_HEAD = re.compile(r"(\d+) table cell\(s\) read with low confidence were left null: ")


def _resolve_held(tables: dict, rereader: Any) -> list[ParseWarning]:
    """``_resolve`` on the evidence view (step 0 of the module doc): withheld rows as read, then null again."""
    held = _withheld(tables)
    kept = {k: dict(c) for k, c in held.items()}
    for c in held.values():
        c.update(c[WITHHELD])  # the evidence view: rows nulled for want of confirmation, as read
    try:
        warnings = _resolve(tables, rereader)
    finally:
        for k, c in held.items():  # never output: back to null, as the template layer left them
            c.clear()
            c.update(kept[k])
    return [w for w in warnings if (w.table, w.row, w.column) not in held]


def _withheld(tables: dict) -> dict[CellKey, dict]:
    """The cells of rows the template layer nulled for want of confirmation that kept their reading."""
    out: dict[CellKey, dict] = {}
    for table in COUNT_TABLES:
        for row, cells in _rows(tables, table).items():
            if not isinstance(cells, dict):
                continue
            for column, cell in cells.items():
                if isinstance(cell, dict) and cell.get("value") is None and isinstance(cell.get(WITHHELD), dict) \
                        and cell[WITHHELD].get("value") is not None:
                    out[(table, row, column)] = cell
    return out


def _resolve(tables: dict, rereader: Any) -> list[ParseWarning]:
    cells = dict(_ocr_cells(tables))
    if not cells:
        return []
    warnings: list[ParseWarning] = []
    readings: dict[CellKey, list[tuple[str, str]]] = {}

    def read(key: CellKey) -> list[tuple[str, str]]:
        if key not in readings:
            readings[key] = rereader.readings(cells[key]["source"])
        return readings[key]

    checks = run_checks(tables)
    decimal = {k for k, c in cells.items() if c.get("value") is not None and not _is_count(c["value"])}
    failing = [c for c in checks if c["status"] == "fail"]
    suspects = decimal | {k for c in failing for k in check_cells(c)
                          if k in cells and cells[k].get("value") is not None}
    if suspects:
        warnings += _decide(tables, cells, sorted(suspects), decimal, read)
        checks = run_checks(tables)
    warnings += _fill_unread(tables, cells, read)
    checks = run_checks(tables)
    warnings += _unconfirmed(tables, cells, checks,
                             lambda k: readings[k] if k in readings
                             else rereader.readings(cells[k]["source"], (_TESSERACT,)))
    return warnings


def _set(cell: dict, value: Any, raw: str | None, readings: int | None) -> None:
    cell["value"] = value
    if raw is not None:
        cell["raw"] = raw
    src = cell.get("source")
    if isinstance(src, Provenance):
        cell["source"] = dataclasses.replace(src, readings=readings)


def _decide(tables: dict, cells: dict[CellKey, dict], suspects: list[CellKey], decimal: set[CellKey],
            read) -> list[ParseWarning]:
    original = {k: cells[k]["value"] for k in suspects}
    stable: dict[CellKey, list[int]] = {}
    for k in suspects:
        seen = Counter(v for v in (as_count(t) for _, t in read(k)) if v is not None)
        if k not in decimal:
            seen[original[k]] += 1  # the first reading counts as one
        stable[k] = [v for v, n in seen.most_common() if n >= 2 and v != original[k]]
    variable = [k for k in suspects if stable[k]]
    involved = set(suspects)
    solutions: list[dict[CellKey, int]] = []
    for n_changes in range(0, min(MAX_CHANGES, len(variable)) + 1):
        for changed in itertools.combinations(variable, n_changes):
            for values in itertools.product(*(stable[k] for k in changed)):
                trial = dict(zip(changed, values, strict=True))
                if any(k in decimal and k not in trial for k in suspects):
                    continue  # a count read with a decimal point is never kept as read
                if _holds(tables, cells, trial, involved):
                    solutions.append(trial)
        if solutions:
            break
    warnings: list[ParseWarning] = []
    failing = _checks_of([c for c in run_checks(tables) if c["status"] == "fail"], involved)
    if len(solutions) == 1:
        for k, v in solutions[0].items():
            support = sum(1 for _, t in read(k) if as_count(t) == v)
            _set(cells[k], v, str(v), support)
            which = ", ".join(_name(c) for c in failing if k in check_cells(c)) or "a count read with a decimal point"
            warnings.append(ParseWarning(
                WarningCode.OCR_REREAD,
                f"{'.'.join(k)}: OCR read {original[k]!r}, which breaks {which}; re-read as {v} "
                f"({_phrase(read(k))}), and every identity it takes part in holds with it",
                k[0], k[1], k[2], pages=[cells[k]["source"].page]))
        return warnings
    # No re-reading (or more than one) makes the identities hold.
    passing = {k for c in run_checks(tables) if c["status"] == "pass" for k in check_cells(c)}
    for k in suspects:
        if k in passing and k not in decimal:
            continue  # a term of an identity that holds as read: confirmed there, the failure lies elsewhere
        tess = [t for name, t in read(k) if name == _TESSERACT and t]
        agree = k not in decimal and bool(tess) and as_count(tess[0]) == original[k]
        which = ", ".join(_name(c) for c in failing if k in check_cells(c))
        if agree:
            _set(cells[k], original[k], None, 2)  # two recognisers read it: kept, the check fails as it should
            continue
        why = (f"read {cells[k].get('raw')!r}, a count with a decimal point" if k in decimal
               else f"read {original[k]!r}, a term of the failing {which}")
        amb = " (several re-readings would make it hold)" if len(solutions) > 1 else ""
        warnings.append(ParseWarning(
            WarningCode.OCR_RECOGNISERS_DISAGREE,
            f"{'.'.join(k)}: OCR {why}; no stable re-reading makes the identities hold{amb} and the second "
            f"recogniser does not confirm it ({_phrase(read(k))}); left null",
            k[0], k[1], k[2], pages=[cells[k]["source"].page]))
        _set(cells[k], None, None, None)
    return warnings


def _holds(tables: dict, cells: dict[CellKey, dict], trial: dict[CellKey, int], involved: set[CellKey]) -> bool:
    """Every identity a suspect takes part in holds (none fails) with ``trial``'s values, and each
    changed cell is a term of a passing one."""
    saved = {k: cells[k]["value"] for k in trial}
    for k, v in trial.items():
        cells[k]["value"] = v
    try:
        checks = _checks_of(run_checks(tables), involved)
    finally:
        for k, v in saved.items():
            cells[k]["value"] = v
    if any(c["status"] == "fail" for c in checks):
        return False
    passing = {k for c in checks if c["status"] == "pass" for k in check_cells(c)}
    return all(k in passing for k in trial)


def _fill_unread(tables: dict, cells: dict[CellKey, dict], read) -> list[ParseWarning]:
    """Cells the reader left null for low confidence, filled from a stable re-reading when every identity
    they take part in then holds (none fails, at least one passes with the cell as a term): evidence that
    could have failed. Repeated while cells are filled (a row with two unread cells is checked once one is)."""
    unread = [k for k, c in cells.items() if c.get("value") is None and not (c.get("raw") or "").strip()
              and (c["source"].confidence or 1.0) < UNREAD_BELOW]
    warnings: list[ParseWarning] = []
    changed = True
    while changed and unread:
        changed = False
        for k in list(unread):
            seen = Counter(v for v in (as_count(t) for _, t in read(k)) if v is not None)
            stable = [v for v, n in seen.most_common() if n >= 2]
            if len(stable) != 1:
                # The re-readings split (34, 34, 31, 31): the identity would only pick between two
                # readings of a cell that was already unreadable, and a partner cell misread the same
                # way (4 → 1 in both, huaian_2024 photographed) makes the wrong one fit. Left null.
                continue
            fits = [v for v in stable if _holds(tables, cells, {k: v}, {k})]
            if len(fits) != 1:
                continue
            v = fits[0]
            _set(cells[k], v, str(v), seen[v])
            unread.remove(k)
            changed = True
            warnings.append(ParseWarning(
                WarningCode.OCR_REREAD,
                f"{'.'.join(k)}: first read below the confidence threshold; re-read as {v} ({_phrase(read(k))}), "
                "and every identity it takes part in holds with it",
                k[0], k[1], k[2], pages=[cells[k]["source"].page]))
    return warnings


def _unconfirmed(tables: dict, cells: dict[CellKey, dict], checks: list[dict], read) -> list[ParseWarning]:
    passing = {k for c in checks if c["status"] == "pass" for k in check_cells(c)}
    warnings: list[ParseWarning] = []
    for k, cell in cells.items():
        value = cell.get("value")
        if value is None or k in passing or (cell["source"].readings or 0) >= 2:
            continue
        tess = [t for name, t in read(k) if name == _TESSERACT and t]
        if not tess:
            continue  # no second reading: nothing to disagree with
        if as_count(tess[0]) == value:
            _set(cell, value, None, 2)
            continue
        warnings.append(ParseWarning(
            WarningCode.OCR_RECOGNISERS_DISAGREE,
            f"{'.'.join(k)}: OCR read {value!r}, which no identity confirms, and the second recogniser read "
            f"{tess[0]!r} ({_phrase(read(k))}); left null",
            k[0], k[1], k[2], pages=[cell["source"].page]))
        _set(cell, None, None, None)
    return warnings
