"""OCR look-alikes in numbers: O/o → 0, l/I/| → 1, S → 5 — only where unambiguous.

A cell is changed only when every character of it is a digit, a
separator or one of those look-alikes and at least one real digit is
there (``1O2`` → ``102``, ``S0`` → ``50``; a speck read as a trailing ``.`` is
dropped: ``0.`` → ``0``). A cell that is only look-alikes
(``O``, ``l``) or that mixes them with other letters is left as read: it
is not a number, the value stays null with a warning, and nothing is
guessed. Whatever is changed is still checked by the template arithmetic.
"""

from __future__ import annotations

import regex

_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1", "S": "5"})
_CANDIDATE = regex.compile(r"[0-9OolI|S,.]+")
_DIGIT = regex.compile(r"[0-9]")


def fix_digits(text: str) -> str:
    """``text`` with look-alike letters read as digits, per line, where the line is otherwise a number."""
    return "\n".join(_fix_line(line) for line in text.split("\n"))


def _fix_line(line: str) -> str:
    s = line.strip()
    if not s or not _CANDIDATE.fullmatch(s) or not _DIGIT.search(s) or s.isdigit():
        return line
    # A trailing separator after the digits is a speck, not part of the number.
    return s.translate(_LOOKALIKE).rstrip(".,")
