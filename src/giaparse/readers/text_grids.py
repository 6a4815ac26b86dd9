"""Tables drawn in text with rulings, as pipe rows the text reader reads as grids.

``w3m -dump`` and ``lynx -dump`` draw an HTML table with box-drawing
characters (``┌─┬─┐``, ``│``); the cell boundaries are the vertical strokes,
the ruling lines between rows are not text. ``box_lines_as_pipes`` writes
such lines as Markdown pipe rows, line for line (the line numbers of the
text stay those of the input): a stroke becomes ``|``, a line of rulings
only a separator row, a horizontal ruling inside a row (a merged cell's
lower edge) blank. Template-free: it knows the drawing characters only.
"""

from __future__ import annotations

import regex

#: Characters that draw cell boundaries (light, heavy and double box drawing).
_STROKES = "│┃║├┤┼┬┴┌┐└┘┠┨┿╂┣┫╋┳┻┏┓┗┛╠╣╬╦╩╔╗╚╝╞╡╪╤╧╒╕╘╛╟╢╫╥╨╓╖╙╜"
_RULES = "─━═"
_BOX = regex.compile(f"[{_STROKES}]")
_RULING_ONLY = regex.compile(f"^[\\s{_STROKES}{_RULES}]*[{_RULES}][\\s{_STROKES}{_RULES}]*$")
_RULE_RUN = regex.compile(f"[{_RULES}]+")


def is_box_line(line: str) -> bool:
    """A line of a box-drawn table: it starts (after indentation) with a stroke."""
    s = line.lstrip()
    return bool(s) and s[0] in _STROKES


def box_lines_as_pipes(lines: list[str]) -> list[str]:
    """``lines`` with every box-drawn table line written as a pipe row (others unchanged)."""
    out = []
    for line in lines:
        if not is_box_line(line):
            out.append(line)
        elif _RULING_ONLY.match(line):
            out.append("|---|")
        else:
            out.append(_BOX.sub("|", _RULE_RUN.sub(" ", line)))
    return out
