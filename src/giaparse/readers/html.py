"""HTML reader: web pages (often GBK, often CMS soup) to a ``Document``.

Annual reports published as web pages come wrapped in site chrome (menus,
breadcrumbs, footers), sometimes in table-based layouts, sometimes with
hidden SEO spam, and with text split into one-character ``<span>``s. This
reader keeps the article: paragraphs in reading order and data tables as
``RawGrid``s whose spans are exactly as the HTML gives them (the core expands
them). Inside a line, full-width spaces (U+3000) are kept for the core to
normalise; ``&nbsp;`` becomes a plain space; line edges are stripped.
"""

from __future__ import annotations

import re

from lxml import etree

from ..diagnostics import ParseWarning, WarningCode
from ..document import Block, Document, Paragraph, Provenance, RawCell, RawGrid, SpanInfo, provenance
from ..errors import InputError
from ..formats import FORMAT_EXTENSIONS, InputFormat
from . import register_reader
from .base import Reader
from .encoding import decode_bytes
from .positions import start_columns

# --- decoding ---------------------------------------------------------------

_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.I)
_XML_DECL_CHARSET = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.:\-]+)", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
# C0 controls except tab/LF/CR: libxml2 turns them into U+FFFD or refuses them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _declared_charset(data: bytes) -> str | None:
    """The charset the page names in its first 4 KB, if any.

    A UTF-16/32 declaration found by a byte regex is necessarily wrong (the
    bytes were ASCII-compatible), so it is ignored, as browsers do.
    """
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_DECL_CHARSET.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    return None if name.startswith(("utf-16", "utf-32")) else name


def _decode(data: bytes, source: str, warnings: list[ParseWarning]) -> str:
    text, _ = decode_bytes(data, source, declared=_declared_charset(data), warnings=warnings)
    # lxml refuses a str that declares an encoding.
    text = _XML_DECL.sub("", text.lstrip("\ufeff"), count=1)
    return _CONTROL.sub("", text)


#: Elements nested deeper than this are unwrapped (their text kept in place), so
#: that walking the tree never recurses too deep. libxml2 itself stops at
#: 2048 levels (huge_tree; 256 without) and drops what lies below.
_MAX_DEPTH = 200


def _parse(text: str, source: str, warnings: list[ParseWarning] | None = None) -> etree._Element | None:
    """The parsed page, or None when there is nothing to parse."""
    # lxml.html's parser with plain elements: the same tree, without a Python class lookup for
    # every element lxml hands out (the HtmlElement methods used are _drop_tree/_drop_tag below).
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, recover=True, huge_tree=True)
    try:
        root = etree.fromstring(text, parser)
    except etree.ParserError:  # "Document is empty": whitespace or comments only
        return None
    except (etree.LxmlError, ValueError) as exc:
        raise InputError(source, f"the HTML cannot be parsed ({exc})") from exc
    if root is None:  # what lxml.html.document_fromstring says of it
        return None
    if warnings is not None and any("Excessive depth" in e.message for e in parser.error_log):
        warnings.append(ParseWarning(WarningCode.CONTENT_TRUNCATED,
                                     "the page nests elements more than 2048 levels deep; the HTML "
                                     "parser dropped the text below that depth and everything after it"))
    _flatten_deep(root)
    return root


def _drop_tree(el: etree._Element) -> None:
    """lxml.html's ``drop_tree``: the element and its content go, its tail joins what came before."""
    parent = el.getparent()
    assert parent is not None
    if el.tail:
        previous = el.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + el.tail
        else:
            previous.tail = (previous.tail or "") + el.tail
    parent.remove(el)


def _drop_tag(el: etree._Element) -> None:
    """lxml.html's ``drop_tag``: the element goes, its text, children and tail stay in place."""
    parent = el.getparent()
    assert parent is not None
    previous = el.getprevious()
    if el.text and isinstance(el.tag, str):  # not a comment
        if previous is None:
            parent.text = (parent.text or "") + el.text
        else:
            previous.tail = (previous.tail or "") + el.text
    if el.tail:
        if len(el):
            last = el[-1]
            last.tail = (last.tail or "") + el.tail
        elif previous is None:
            parent.text = (parent.text or "") + el.tail
        else:
            previous.tail = (previous.tail or "") + el.tail
    index = parent.index(el)
    parent[index:index + 1] = el[:]


_TABLE_TAGS = frozenset("table caption colgroup col thead tbody tfoot tr td th".split())


def _deep_elements(root: etree._Element) -> list[etree._Element]:
    depth: dict[etree._Element, int] = {root: 0}
    deep = []
    for el in root.iterdescendants():
        depth[el] = d = depth[el.getparent()] + 1
        if d > _MAX_DEPTH:
            deep.append(el)
    return deep


#: True when a node (element, comment, PI) lies more than ``_MAX_DEPTH`` levels below the root:
#: the test ``_deep_elements`` makes, without a Python step per element.
_DEEPER_THAN_MAX = etree.XPath("boolean(" + "*/" * _MAX_DEPTH + "node()[not(self::text())])")


def _flatten_deep(root: etree._Element) -> None:
    """Bring a tree nested deeper than ``_MAX_DEPTH`` within it, text and order kept.

    First wrappers go (an element whose only content is one child element:
    the ``<div><div><div>…`` of hostile or generated pages), then, if still
    too deep, any deep element outside tables is unwrapped, then any at all.
    """
    if not _DEEPER_THAN_MAX(root):
        return
    for el in list(root.iterdescendants()):
        if (isinstance(el.tag, str) and el.tag.lower() not in _TABLE_TAGS and len(el) == 1
                and not (el.text or "").strip() and not (el[0].tail or "").strip()):
            _drop_tag(el)
    for tables_too in (False, True):  # tables nested in tables past the depth lose their structure last
        for el in _deep_elements(root):
            if not isinstance(el.tag, str):
                _drop_tree(el)  # a comment or PI
            elif tables_too or el.tag.lower() not in _TABLE_TAGS:
                _drop_tag(el)


# --- chrome -----------------------------------------------------------------

_JUNK_TAGS = frozenset(
    "head script style noscript template iframe frame frameset object embed applet svg math "
    "canvas audio video map select option button input textarea".split()
)
# Never closed, these swallow the rest of the page in libxml2's tree.
_EMBEDS = frozenset({"object", "embed", "applet"})
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})
_CHROME_TOKENS = frozenset(
    "nav navbar menu breadcrumb crumb crumbs footer foot header head sidebar side share "
    "toolbar copyright login search friendlink links topbar bottom".split()
)
_TABLE_PARTS = frozenset("thead tbody tfoot tr td th".split())
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_TOKEN_SPLIT = re.compile(r"[\s\-_]+")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def _is_hidden(el: etree._Element) -> bool:
    return el.get("hidden") is not None or bool(_HIDDEN_STYLE.search(el.get("style") or ""))


def _swallowed(el: etree._Element) -> bool:
    """An <embed>/<object>/<applet> holding paragraphs or tables: left open, it took the page in."""
    return next(el.iterdescendants("p", "table", "div", "h1", "h2", "h3"), None) is not None


#: A chrome word as a whole piece of a lowered id/class: what splitting at ``_TOKEN_SPLIT`` and
#: looking each piece up in ``_CHROME_TOKENS`` finds, in one search.
_CHROME_NAME = re.compile(r"(?<![^\s\-_])(?:" + "|".join(sorted(_CHROME_TOKENS, key=lambda t: (-len(t), t)))
                          + r")(?![^\s\-_])")


def _has_chrome_name(el: etree._Element) -> bool:
    """id or class has a chrome word as a whole piece: "article-header" yes, "heading" no."""
    return _CHROME_NAME.search(f"{el.get('id') or ''} {el.get('class') or ''}".lower()) is not None


def _inner_table(table: etree._Element) -> etree._Element | None:
    """The first table inside ``table`` (what ``.//table`` finds first), or None."""
    return next(table.iterdescendants("table"), None)


def _in_data_table(el: etree._Element, nested: dict[etree._Element, bool] | None = None) -> bool:
    """A row or cell of a table without nested tables: a name must not cut it out."""
    table = next(el.iterancestors("table"), None)
    if table is None:
        return False
    if nested is None:
        return _inner_table(table) is None
    if table not in nested:
        nested[table] = _inner_table(table) is not None
    return not nested[table]


def _text_len(el: etree._Element) -> int:
    return len(_SPACES.sub("", _STRING(el)))  # the text itertext() gives, joined in C


def _is_article(el: etree._Element, total: int) -> bool:
    """Most of the page's text and little of it in links: the article, whatever its name."""
    own = _text_len(el)
    if 2 * own <= total:  # the links need not be measured
        return False
    links = sum(_text_len(a) for a in el.iter("a"))
    return 2 * links < own


# The elements with a hidden or style attribute, and those with an id or class or a chrome tag, in
# document order: found from the attributes (``//@style/..``), not by testing a predicate on every
# element (``//*[@style]``), which libxml2 does a few times slower.
_HIDDEN_CANDIDATES = etree.XPath("(//@hidden | //@style)/..")
_CHROME_CANDIDATES = etree.XPath("(//@id | //@class)/.. | " + " | ".join(f"//{t}" for t in sorted(_CHROME_TAGS)))


def _drop_chrome(root: etree._Element) -> None:
    """Remove junk, hidden elements, then page chrome, keeping tails.

    Junk and hidden elements always go (hidden text is usually spam). Chrome
    found by tag or name is spared when it looks like the article (most of
    the page's text, few links): then the name was misleading. Rows and
    cells of data tables are never dropped by name ("head" rows are data).
    """
    def drop(el: etree._Element) -> None:
        if el.getparent() is not None:
            _drop_tree(el)

    # Candidates only (lxml finds them in C), each decided as a walk over every element would.
    # The first pass's drops do not depend on their order; the second's do (an element's text
    # is measured with what is inside it still there): document order, as XPath returns it.
    seen: set[etree._Element] = set()
    for el in [*root.iter(*_JUNK_TAGS, etree.Comment, etree.ProcessingInstruction), *_HIDDEN_CANDIDATES(root)]:
        if el in seen:
            continue
        seen.add(el)
        if not isinstance(el.tag, str):
            drop(el)  # comments/PIs the parser kept
        elif el.tag.lower() in _EMBEDS and _swallowed(el):
            _drop_tag(el)  # an unclosed <embed>/<object> swallowed the page: keep what it swallowed
        elif el.tag.lower() in _JUNK_TAGS or _is_hidden(el):
            drop(el)
    total = _text_len(root)
    nested: dict[etree._Element, bool] = {}
    for el in _CHROME_CANDIDATES(root):
        if not isinstance(el.tag, str) or el.tag in ("html", "body") or el.getparent() is None:
            continue
        tag = el.tag.lower()
        named = _has_chrome_name(el) and not (tag in _TABLE_PARTS and _in_data_table(el, nested))
        if (tag in _CHROME_TAGS or named) and not _is_article(el, total):
            drop(el)


# --- positions --------------------------------------------------------------

class _Where:
    """Each element's XPath and each table's index, taken from the page as parsed.

    Recorded before page chrome is dropped (dropping shifts sibling indices),
    so a cell's ``xpath`` finds it in ``lxml.html.document_fromstring`` of the
    same text. One pass, every step indexed (``td[3]``), linear in the page.
    """

    def __init__(self, root: etree._Element) -> None:
        self.paths: dict[etree._Element, str] = {root: f"/{root.tag}"}
        parents = [root]
        while parents:  # parent by parent: each child's step counted among its siblings of the same tag
            parent = parents.pop()
            base = self.paths[parent]
            counts: dict[str, int] = {}
            for el in parent.iterchildren(etree.Element):
                tag = el.tag
                n = counts[tag] = counts.get(tag, 0) + 1
                self.paths[el] = f"{base}/{tag}[{n}]"
                if len(el):
                    parents.append(el)
        self.tables = {t: i for i, t in enumerate(root.iter("table"))}

    def of(self, el: etree._Element | None) -> Provenance | None:
        path = self.paths.get(el) if el is not None else None
        return provenance(xpath=path) if path else None


# --- text -------------------------------------------------------------------

_CJK = r"\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
# A source line break between two CJK characters renders as nothing (CSS Text 3).
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\n\f]*[\r\n][ \t\r\n\f]*(?=[{_CJK}])")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_BREADCRUMB = re.compile(r"^(您)?(当前|现在|所在)的?位置")


# What _clean acts on besides the line's edges; a line without any is only stripped.
_CLEANED = re.compile(r"[\u00a0\u200b-\u200d\u2060\ufeff\t\r\n\f\v]|  ")


def _clean(text: str) -> str:
    if not _CLEANED.search(text):
        return text.strip()
    text = _ZERO_WIDTH.sub("", text.replace("\u00a0", " "))
    return _SPACES.sub(" ", _CJK_BREAK.sub("", text)).strip()


_HEADING_LEVEL = {f"h{i}": i for i in range(1, 7)}
_BLOCK_TAGS = frozenset(
    "html body div p li ul ol dl dt dd section article main blockquote pre center table caption "
    "thead tbody tfoot tr td th address figure figcaption hr form fieldset legend details "
    "summary h1 h2 h3 h4 h5 h6".split()
)  # anything else (span, font, b, a, Word's o:p...) is inline


class _Blocks:
    """Collects text into lines split at block edges and ``<br>``.

    ``flat`` mode is for table cells: the lines become the cell's text and
    nested tables are flattened instead of emitted.
    """

    def __init__(self, flat: bool = False, where: _Where | None = None) -> None:
        self.flat = flat
        self.where = where
        self.blocks: list[Block] = []
        self.level = 0
        self.pre = 0
        self.grids = 0
        self._buf: list[str] = []
        #: Block elements open around the text being read, innermost last (for paragraph xpaths).
        self.open: list[etree._Element] = []
        self._start: etree._Element | None = None

    def text(self, piece: str) -> None:
        if not self._buf and self.open:
            self._start = self.open[-1]
        if self.pre:  # <pre> keeps its line breaks as lines
            first, *rest = piece.split("\n")
            self._buf.append(first)
            for line in rest:
                self.brk()
                self._buf.append(line)
        else:
            self._buf.append(piece)

    def brk(self) -> None:
        text, self._buf = _clean("".join(self._buf)), []
        if not text:
            return
        if not self.flat and len(text) <= 100 and _BREADCRUMB.match(text):
            return
        source = self.where.of(self._start) if self.where is not None else None
        self.blocks.append(Paragraph(text, self.level, source))

    def add(self, block: Block) -> None:
        self.brk()
        self.blocks.append(block)

    def lines(self) -> list[str]:
        self.brk()
        return [b.text for b in self.blocks if isinstance(b, Paragraph)]


def _walk(el: etree._Element, out: _Blocks) -> None:
    """Feed ``el``'s content (not ``el`` itself) to ``out`` in document order."""
    if el.text:
        out.text(el.text)
    for child in el:
        if isinstance(child.tag, str):
            _visit(child, out)
        if child.tail:
            out.text(child.tail)


def _visit(el: etree._Element, out: _Blocks) -> None:
    tag = el.tag.lower()
    if tag == "br":
        out.brk()
    elif tag == "table" and not out.flat:
        _table(el, out)
    elif tag in _HEADING_LEVEL:
        out.brk()
        saved, out.level = out.level, (0 if out.flat else _HEADING_LEVEL[tag])
        out.open.append(el)
        _walk(el, out)
        out.brk()
        out.open.pop()
        out.level = saved
    elif tag == "pre":
        out.brk()
        out.pre += 1
        _walk(el, out)
        out.pre -= 1
        out.brk()
    elif tag in _BLOCK_TAGS:
        out.brk()
        out.open.append(el)
        _walk(el, out)
        out.brk()
        out.open.pop()
    else:
        _walk(el, out)


# --- tables -----------------------------------------------------------------

_LONG_CELL = 100  # characters: more than this in a cell is prose, not a value


_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})


def _rows(table: etree._Element) -> list[list[etree._Element]]:
    """The table's own rows (thead/tbody/tfoot in document order) and their cells: what
    ``./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr`` and each row's ``./td | ./th`` give."""
    rows: list[etree._Element] = []
    for child in table.iterchildren("tr", *_ROW_GROUPS):
        if child.tag == "tr":
            rows.append(child)
        else:
            rows.extend(child.iterchildren("tr"))
    return [list(row.iterchildren("td", "th")) for row in rows]


_SPAN = re.compile(r"\s*(\d+)")


def _span(cell: etree._Element, name: str) -> int:
    value = cell.get(name)
    if value is None:
        return 1
    if value.isdecimal():  # what \d+ matches whole: the common case without the regex
        return min(max(int(value), 1), 1000)
    match = _SPAN.match(value)
    return min(max(int(match.group(1)), 1), 1000) if match else 1


def _cell_text_walked(cell: etree._Element) -> str:
    out = _Blocks(flat=True)
    _walk(cell, out)
    return "\n".join(out.lines())


_STRING = etree.XPath("string()")  # an element's text, tails inside it included, comments' text not
#: The elements that end a line in a cell's text (block edges, ``<br>``) and ``<pre>`` (its own
#: line breaks are lines: such a cell takes ``_Blocks``), found in one pass over a table.
_BREAKERS = tuple(sorted(_BLOCK_TAGS | {"br", "pre"}))


class _CellLines:
    """Cell texts of one table as ``_walk`` into a flat ``_Blocks`` gives them, without its per-node work.

    Only elements holding a line break are visited child by child; any other
    subtree is one XPath ``string()``. Each cell is read once.
    """

    def __init__(self, table: etree._Element) -> None:
        self.breakers: set[etree._Element] = set()
        self.holders: set[etree._Element] = set()  # elements with a breaker inside
        self.pre: set[etree._Element] = set()  # elements with a <pre> inside
        for el in table.iter(*_BREAKERS):  # one C-level pass with lxml's tag matcher
            if el is table:
                continue
            self.breakers.add(el)
            into = self.pre if el.tag == "pre" else self.holders
            for anc in el.iterancestors():
                if anc is table or anc in into:
                    break
                into.add(anc)
        self.texts: dict[etree._Element, str] = {}

    def text(self, cell: etree._Element) -> str:
        if cell in self.texts:
            return self.texts[cell]
        if cell in self.pre:
            text = _cell_text_walked(cell)
        else:
            buf: list[str] = []
            lines: list[str] = []
            self._lines(cell, buf, lines)
            if buf:
                _flush(buf, lines)
            text = "\n".join(lines)
        self.texts[cell] = text
        return text

    def _lines(self, el: etree._Element, buf: list[str], lines: list[str]) -> None:
        if el.text:
            buf.append(el.text)
        for child in el:
            if child in self.breakers:
                if child.tag != "br":  # a block: its own line(s)
                    if buf:
                        _flush(buf, lines)
                    if child in self.holders:
                        self._lines(child, buf, lines)
                    else:
                        buf.append(_STRING(child))
                if buf:
                    _flush(buf, lines)
            elif child in self.holders:  # inline, a block inside
                self._lines(child, buf, lines)
            elif isinstance(child.tag, str):
                buf.append(_STRING(child))
            if child.tail:
                buf.append(child.tail)


def _flush(buf: list[str], lines: list[str]) -> None:
    text = "".join(buf)
    buf.clear()
    if not text.isspace():  # all white space cleans to nothing (str.strip takes U+3000 and the rest)
        text = _clean(text)
        if text:
            lines.append(text)


def _cell_text(cell: etree._Element) -> str:
    """The cell's lines joined by ``\n``."""
    return _CellLines(cell).text(cell)


def _is_layout_table(table: etree._Element, rows: list[list[etree._Element]],
                     cells_text: _CellLines | None = None) -> bool:
    """True for tables that position content instead of holding data.

    A table holding a table is layout, unless it looks like a data table of
    its own (two or more rows of several cells) and the inner tables are
    small (a few rows, no deeper tables): then the inner text is flattened
    into the cell. Single-cell tables are layout too, and so are tables whose
    text is mostly long prose cells, unless those are a few notes among many
    short value cells.
    """
    cells = [c for row in rows for c in row]
    if len(cells) <= 1:
        return True
    inner = list(table.iterdescendants("table"))
    if inner:
        multi_rows = sum(1 for row in rows if len(row) >= 2)
        small = all(sum(1 for _ in t.iterdescendants("tr")) <= 3 and _inner_table(t) is None for t in inner)
        if multi_rows < 2 or not small:
            return True
    read = (cells_text or _CellLines(table)).text
    lengths = [n for n in (len(read(c)) for c in cells) if n]
    long = [n for n in lengths if n > _LONG_CELL]
    return 2 * sum(long) > sum(lengths) and 4 * len(long) >= len(lengths)


def _table_to_grid(rows: list[list[etree._Element]], origin: str, index: int | None = None,
                   where: _Where | None = None, cells_text: _CellLines | None = None) -> RawGrid:
    read = cells_text.text if cells_text is not None else _cell_text
    spans = [[(_span(c, "rowspan"), _span(c, "colspan")) for c in row] for row in rows]
    columns = start_columns(spans)
    grid = []
    for r, row in enumerate(rows):
        if not row:
            continue
        grid.append([
            RawCell(read(c), rs, cs, source=provenance(
                table=index, row=r, column=col, xpath=where.paths.get(c) if where is not None else None))
            for c, (rs, cs), col in zip(row, spans[r], columns[r], strict=False)
        ])
    return RawGrid(grid, spans=SpanInfo.KNOWN, origin=origin)


def _table(table: etree._Element, out: _Blocks) -> None:
    rows = _rows(table)
    cells_text = _CellLines(table)  # each cell read once, for the layout test and the grid
    if _is_layout_table(table, rows, cells_text):
        out.brk()
        _walk(table, out)  # cells are blocks; inner tables come back here
        out.brk()
        return
    for caption in table.iterchildren("caption"):
        _visit(caption, out)
    if any(rows):
        out.grids += 1
        where = out.where
        out.add(_table_to_grid(rows, f"table {out.grids}", where.tables.get(table) if where else None, where,
                               cells_text))


# --- reader -----------------------------------------------------------------


def _title(root: etree._Element) -> str:
    title = root.find(".//title")
    return _clean(_STRING(title)) if title is not None else ""


@register_reader
class HtmlReader(Reader):
    format = "html"
    extensions = FORMAT_EXTENSIONS[InputFormat.HTML]

    def read(self, data: bytes, source: str) -> Document:
        doc = Document(blocks=[], source_name=source, format="html")
        root = _parse(_decode(data, source, doc.warnings), source, doc.warnings)
        if root is None:
            return doc
        title = _title(root)
        where = _Where(root)
        _drop_chrome(root)
        body = root.find("body")
        out = _Blocks(where=where)
        _walk(body if body is not None else root, out)
        out.brk()
        has_h1 = any(isinstance(b, Paragraph) and b.heading_level == 1 for b in out.blocks)
        if title and not has_h1:
            out.blocks.insert(0, Paragraph(title, 1))
        doc.blocks = out.blocks
        return doc


def read_fragment(text: str, source: str = "<fragment>") -> list[Block]:
    """The blocks of an HTML fragment (a raw ``<table>`` a Markdown converter left in its output),
    read as a page's body is: paragraphs, and each table as a grid with its spans."""
    root = _parse(f"<html><body>{text}</body></html>", source)
    if root is None:
        return []
    body = root.find("body")
    out = _Blocks(where=_Where(root))
    _walk(body if body is not None else root, out)
    out.brk()
    return out.blocks
