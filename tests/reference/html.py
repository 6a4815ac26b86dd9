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

import lxml.html
from lxml import etree

from giaparse.diagnostics import ParseWarning, WarningCode
from giaparse.document import Block, Document, Paragraph, Provenance, RawCell, RawGrid, SpanInfo
from giaparse.errors import InputError
from giaparse.formats import FORMAT_EXTENSIONS, InputFormat
from giaparse.readers.base import Reader
from giaparse.readers.positions import start_columns

from .encoding import decode_bytes

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
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, recover=True, huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except etree.ParserError:  # "Document is empty": whitespace or comments only
        return None
    except (etree.LxmlError, ValueError) as exc:
        raise InputError(source, f"the HTML cannot be parsed ({exc})") from exc
    if warnings is not None and any("Excessive depth" in e.message for e in parser.error_log):
        warnings.append(ParseWarning(WarningCode.CONTENT_TRUNCATED,
                                     "the page nests elements more than 2048 levels deep; the HTML "
                                     "parser dropped the text below that depth and everything after it"))
    _flatten_deep(root)
    return root


_TABLE_TAGS = frozenset("table caption colgroup col thead tbody tfoot tr td th".split())


def _deep_elements(root: etree._Element) -> list[etree._Element]:
    depth: dict[etree._Element, int] = {root: 0}
    deep = []
    for el in root.iterdescendants():
        depth[el] = d = depth[el.getparent()] + 1
        if d > _MAX_DEPTH:
            deep.append(el)
    return deep


def _flatten_deep(root: etree._Element) -> None:
    """Bring a tree nested deeper than ``_MAX_DEPTH`` within it, text and order kept.

    First wrappers go (an element whose only content is one child element:
    the ``<div><div><div>…`` of hostile or generated pages), then, if still
    too deep, any deep element outside tables is unwrapped, then any at all.
    """
    if not _deep_elements(root):
        return
    for el in list(root.iterdescendants()):
        if (isinstance(el.tag, str) and el.tag.lower() not in _TABLE_TAGS and len(el) == 1
                and not (el.text or "").strip() and not (el[0].tail or "").strip()):
            el.drop_tag()
    for tables_too in (False, True):  # tables nested in tables past the depth lose their structure last
        for el in _deep_elements(root):
            if not isinstance(el.tag, str):
                el.drop_tree()  # a comment or PI
            elif tables_too or el.tag.lower() not in _TABLE_TAGS:
                el.drop_tag()


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


def _has_chrome_name(el: etree._Element) -> bool:
    """id or class has a chrome word as a whole piece: "article-header" yes, "heading" no."""
    names = f"{el.get('id') or ''} {el.get('class') or ''}".lower()
    return any(tok in _CHROME_TOKENS for tok in _TOKEN_SPLIT.split(names))


def _in_data_table(el: etree._Element) -> bool:
    """A row or cell of a table without nested tables: a name must not cut it out."""
    table = next(el.iterancestors("table"), None)
    return table is not None and not table.xpath(".//table")


def _text_len(el: etree._Element) -> int:
    return len(_SPACES.sub("", "".join(el.itertext())))


def _is_article(el: etree._Element, total: int) -> bool:
    """Most of the page's text and little of it in links: the article, whatever its name."""
    own = _text_len(el)
    links = sum(_text_len(a) for a in el.iter("a"))
    return 2 * own > total and 2 * links < own


def _drop_chrome(root: etree._Element) -> None:
    """Remove junk, hidden elements, then page chrome, keeping tails.

    Junk and hidden elements always go (hidden text is usually spam). Chrome
    found by tag or name is spared when it looks like the article (most of
    the page's text, few links): then the name was misleading. Rows and
    cells of data tables are never dropped by name ("head" rows are data).
    """
    def drop(el: etree._Element) -> None:
        if el.getparent() is not None:
            el.drop_tree()

    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            drop(el)  # comments/PIs the parser kept
        elif el.tag.lower() in _EMBEDS and _swallowed(el):
            el.drop_tag()  # an unclosed <embed>/<object> swallowed the page: keep what it swallowed
        elif el.tag.lower() in _JUNK_TAGS or _is_hidden(el):
            drop(el)
    total = _text_len(root)
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.tag in ("html", "body") or el.getparent() is None:
            continue
        tag = el.tag.lower()
        named = _has_chrome_name(el) and not (tag in _TABLE_PARTS and _in_data_table(el))
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
        self.paths: dict[etree._Element, str] = {}
        counts: dict[tuple[etree._Element | None, str], int] = {}
        for el in root.iter(tag=etree.Element):
            parent = el.getparent()
            tag = el.tag if isinstance(el.tag, str) else "*"
            n = counts[(parent, tag)] = counts.get((parent, tag), 0) + 1
            base = self.paths.get(parent, "") if parent is not None else ""
            self.paths[el] = f"{base}/{tag}[{n}]" if parent is not None else f"/{tag}"
        self.tables = {t: i for i, t in enumerate(root.iter("table"))}

    def of(self, el: etree._Element | None) -> Provenance | None:
        path = self.paths.get(el) if el is not None else None
        return Provenance(xpath=path) if path else None


# --- text -------------------------------------------------------------------

_CJK = r"\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
# A source line break between two CJK characters renders as nothing (CSS Text 3).
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\n\f]*[\r\n][ \t\r\n\f]*(?=[{_CJK}])")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_BREADCRUMB = re.compile(r"^(您)?(当前|现在|所在)的?位置")


def _clean(text: str) -> str:
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


def _rows(table: etree._Element) -> list[list[etree._Element]]:
    """The table's own rows (thead/tbody/tfoot in document order) and their cells."""
    rows = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
    return [row.xpath("./td | ./th") for row in rows]


def _span(cell: etree._Element, name: str) -> int:
    match = re.match(r"\s*(\d+)", cell.get(name) or "")
    return min(max(int(match.group(1)), 1), 1000) if match else 1


def _cell_text(cell: etree._Element) -> str:
    out = _Blocks(flat=True)
    _walk(cell, out)
    return "\n".join(out.lines())


def _is_layout_table(table: etree._Element, rows: list[list[etree._Element]]) -> bool:
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
    inner = table.xpath(".//table")
    if inner:
        multi_rows = sum(1 for row in rows if len(row) >= 2)
        small = all(len(t.xpath(".//tr")) <= 3 and not t.xpath(".//table") for t in inner)
        if multi_rows < 2 or not small:
            return True
    lengths = [n for n in (len(_cell_text(c)) for c in cells) if n]
    long = [n for n in lengths if n > _LONG_CELL]
    return 2 * sum(long) > sum(lengths) and 4 * len(long) >= len(lengths)


def _table_to_grid(rows: list[list[etree._Element]], origin: str, index: int | None = None,
                   where: _Where | None = None) -> RawGrid:
    spans = [[(_span(c, "rowspan"), _span(c, "colspan")) for c in row] for row in rows]
    columns = start_columns(spans)
    grid = []
    for r, row in enumerate(rows):
        if not row:
            continue
        grid.append([
            RawCell(_cell_text(c), rs, cs, source=Provenance(
                table=index, row=r, column=col, xpath=where.paths.get(c) if where is not None else None))
            for c, (rs, cs), col in zip(row, spans[r], columns[r])
        ])
    return RawGrid(grid, spans=SpanInfo.KNOWN, origin=origin)


def _table(table: etree._Element, out: _Blocks) -> None:
    rows = _rows(table)
    if _is_layout_table(table, rows):
        out.brk()
        _walk(table, out)  # cells are blocks; inner tables come back here
        out.brk()
        return
    for caption in table.xpath("./caption"):
        _visit(caption, out)
    if any(rows):
        out.grids += 1
        where = out.where
        out.add(_table_to_grid(rows, f"table {out.grids}", where.tables.get(table) if where else None, where))


# --- reader -----------------------------------------------------------------


def _title(root: etree._Element) -> str:
    title = root.find(".//title")
    return _clean(title.text_content()) if title is not None else ""


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
