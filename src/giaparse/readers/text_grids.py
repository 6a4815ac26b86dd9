"""Tables in text that are not pipe rows: drawn with rulings, or left as raw HTML.

* **Raw HTML** — ``pandoc -t gfm`` leaves a table it cannot write as pipes
  (merged cells) as its HTML inside the Markdown: ``raw_html_table`` finds
  the block (``<table`` … ``</table>``) for the text reader to hand to the
  HTML reader's fragment entry, so each block is read by its own syntax.
* **Box drawing** — see below.

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


#: A ruling of a ``+---+---+`` grid table (pandoc ``-t rst``, ``-t plain`` of older pandocs): a separator row.
_GRID_RULING = regex.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")


def box_lines_as_pipes(lines: list[str]) -> list[str]:
    """``lines`` with every box-drawn table line written as a pipe row, and the rulings of
    ``+---+`` grid tables as separator rows (others unchanged)."""
    out = []
    for line in lines:
        if _GRID_RULING.match(line):
            out.append("|---|")
        elif not is_box_line(line):
            out.append(line)
        elif _RULING_ONLY.match(line):
            out.append("|---|")
        else:
            out.append(_BOX.sub("|", _RULE_RUN.sub(" ", line)))
    return out


_TABLE_OPEN = regex.compile(r"^\s*<table\b", regex.IGNORECASE)
_TABLE_CLOSE = regex.compile(r"</table\s*>", regex.IGNORECASE)
#: A raw table longer than this many lines is not closed where it should be: left as text.
MAX_HTML_TABLE_LINES = 5000


def raw_html_table(lines: list[str], start: int) -> int | None:
    """The index one past the line that closes the raw ``<table>`` opened on ``lines[start]``, or None.

    Nested tables count: the block ends where the depth returns to 0.
    """
    if not _TABLE_OPEN.match(lines[start]):
        return None
    depth = 0
    for i in range(start, min(len(lines), start + MAX_HTML_TABLE_LINES)):
        depth += len(regex.findall(r"<table\b", lines[i], flags=regex.IGNORECASE))
        depth -= len(_TABLE_CLOSE.findall(lines[i]))
        if depth <= 0:
            return i + 1
    return None
