"""Lines of text a reader could not grid, as a ``CellStream`` of tokens.

A token is a run of non-space characters. Each keeps what the text shows
about it: its line, its display column (wide characters count 2, so the
columns of ``pdftotext -layout`` line up), whether it starts its line, and
how many empty lines come right before its line (cell-per-line text, as
``get_text("\\n")`` of an HTML table gives it, separates cells by a few
empty lines and rows by more). Page furniture lines (``— 4 —``, ``第3页``)
are left out; the count after one is unknown (None), since the lines
around a page break say nothing about cells. A bare number on a line is a
token, never furniture: it may be a cell.

Nothing here knows a template: a token is a number or text by its own shape.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable

import regex

from giaparse.document import Block, CellStream, Paragraph, Provenance, RawGrid, StreamToken, TokenKind
from giaparse.text.boilerplate import is_page_number

# A figure as a cell holds it: a count, a decimal, a change (增3 / 减12 / +3 / -2),
# thousands commas, a money or percent unit; full-width digits too.
_NUMBER = regex.compile(r"[+\-增减]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?(?:万元|元|%|％)?")
_TOKEN = regex.compile(r"[^\s\u3000]+")


def token_kind(text: str) -> TokenKind:
    return TokenKind.NUMBER if _NUMBER.fullmatch(text) else TokenKind.TEXT


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def line_tokens(line: str, number: int, blanks_before: int | None) -> list[StreamToken]:
    """The tokens of one line (``number`` 1-based) in order."""
    out: list[StreamToken] = []
    for i, m in enumerate(_TOKEN.finditer(line)):
        text = m.group()
        out.append(StreamToken(text, token_kind(text), line=number, column=_width(line[:m.start()]),
                               first_on_line=i == 0, blanks_before=blanks_before if i == 0 else 0,
                               source=Provenance(lines=(number, number))))
    return out


def _is_furniture(line: str) -> bool:
    return is_page_number(line) and not _NUMBER.fullmatch(line)


def stream_of_lines(lines: Iterable[tuple[int, str]], origin: str = "text lines") -> CellStream:
    """A stream from ``(0-based index, line)`` pairs in order; indices not consecutive are empty lines.

    Indices that are missing between two given lines count as empty lines
    (the caller passes the non-empty lines it did not put in a grid).
    """
    tokens: list[StreamToken] = []
    previous: int | None = None
    broken = False
    for index, line in lines:
        if not line.strip():
            continue
        if _is_furniture(line.strip()):
            broken = True
            continue
        blanks = None if broken else (0 if previous is None else index - previous - 1)
        tokens.extend(line_tokens(line, index + 1, blanks))
        previous, broken = index, False
    return CellStream(tokens, origin)


#: A stream with fewer number tokens than this holds no table worth aligning.
MIN_NUMBERS = 3


def grid_text_lines(grid: RawGrid, lines: list[str]) -> list[tuple[int, str]]:
    """The lines a text grid was read from, as text again: cell boundaries (``|``) as spaces,
    Markdown separator rows left out. For a grid whose cell boundaries a converter may have
    drawn wrong (neighbouring cells merged, columns shifted), so that the stream reading
    can read the same text a second way."""
    numbers = sorted({n for row in grid.rows for c in row if c.source and c.source.lines
                      for n in range(c.source.lines[0], c.source.lines[1] + 1)})
    out = []
    for n in numbers:
        if 0 < n <= len(lines) and not _SEPARATOR.match(lines[n - 1].strip()):
            out.append((n - 1, _BREAK.sub(" ", lines[n - 1]).replace("|", " ")))
    return out


_BREAK = regex.compile(r"<br\s*/?>", regex.IGNORECASE)  # a line break inside a Markdown cell
_SEPARATOR = regex.compile(r"^\|?[\s:|-]*-[\s:|-]*$")


def streams_between_grids(blocks: list[Block], lines: list[str],
                          reread: Callable[[RawGrid], bool] | None = None) -> list[CellStream]:
    """One stream per run of paragraphs that no grid interrupts, from the text's own ``lines``
    (the paragraphs' raw lines, indentation and spacing kept). A grid for which ``reread``
    says so does not interrupt the run: its lines join it as text (``grid_text_lines``)."""
    out: list[CellStream] = []
    run: list[tuple[int, str]] = []

    def close() -> None:
        stream = stream_of_lines(run)
        if sum(1 for t in stream.tokens if t.kind is TokenKind.NUMBER) >= MIN_NUMBERS:
            out.append(stream)
        run.clear()

    for block in blocks:
        if isinstance(block, RawGrid) and reread is not None and reread(block):
            run.extend(grid_text_lines(block, lines))
            continue
        if not isinstance(block, Paragraph):
            close()
            continue
        where = block.source.lines if block.source is not None else None
        if where is not None and where[0] == where[1] and 0 < where[0] <= len(lines):
            run.append((where[0] - 1, lines[where[0] - 1]))
    close()
    return out
