"""Warnings that travel with the result instead of being logged and lost.

Every stage appends ``ParseWarning`` objects; the ``Report`` carries them all
to the output's ``warnings`` list. Codes are an enum so that callers can
filter on them without matching message text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any


class WarningCode(str, Enum):
    TABLE_MISSING = "table_missing"          # a statistical table the report should have is absent
    ROW_MISSING = "row_missing"              # a template row was not found in a found table
    CELL_MISSING = "cell_missing"            # a cell was not found at all (value and raw null)
    CELL_AMBIGUOUS = "cell_ambiguous"        # cells found but their columns cannot be told
    CELLS_SPLIT_BY_ARITHMETIC = "cells_split_by_arithmetic"  # cell boundaries lost; cells placed by the unique reading the arithmetic allows (informational)
    CELL_UNREADABLE = "cell_unreadable"      # text found but it is not a number
    UNIT_MISSING = "unit_missing"            # a money cell with no unit anywhere
    ROW_UNMATCHED = "row_unmatched"          # a table row whose label matches no template row
    COLUMN_UNMATCHED = "column_unmatched"    # a table column whose header matches no template column
    TEMPLATE_UNCERTAIN = "template_uncertain"  # 2019/2021 told from the year, not from the tables
    SECTIONS_MISSING = "sections_missing"    # part headings (一、…六、) not found
    ENCODING_GUESSED = "encoding_guessed"    # text decoded by fallback, may contain errors
    NOT_A_REPORT = "not_a_report"            # the document is not an annual report
    BOILERPLATE_REMOVED = "boilerplate_removed"  # spam / page chrome lines dropped from the text
    REPLACEMENT_CHARACTERS = "replacement_characters"  # extracted text holds U+FFFD (a font without a usable map)
    PAGES_WITHOUT_TEXT = "pages_without_text"    # some PDF pages are images only (scanned)
    PAGES_UNREADABLE = "pages_unreadable"        # some PDF pages could not be parsed (damaged file)
    LABEL_FUZZY_MATCH = "label_fuzzy_match"      # a row label off the template's wording, taken as its nearest row
    ROW_BY_POSITION = "row_by_position"          # a row of numbers without a label, taken by its place between two
    OCR_USED = "ocr_used"                        # pages were read by OCR (scanned PDF or image)
    OCR_LOW_CONFIDENCE = "ocr_low_confidence"    # OCR'd table cells below the confidence threshold, left null
    TABLE_TOO_LARGE = "table_too_large"          # a grid far larger than any statistical table, skipped
    CONTENT_TRUNCATED = "content_truncated"      # part of the input could not be read (nesting too deep, cut off)
    ENGINE_WARNINGS = "engine_warnings"          # the PDF library reported problems with the file (its log lines)


@dataclass(frozen=True)
class ParseWarning:
    """One warning: a code, a sentence for people, and where it applies."""

    code: WarningCode
    message: str
    table: str | None = None
    row: str | None = None
    column: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code.value, "message": self.message}
        for key in ("table", "row", "column"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out
