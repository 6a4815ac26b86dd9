"""A cheap pre-scan that refuses hostile PDFs before any page is parsed.

Whatever engine then reads the pages, these shapes are answered here, on
purpose, in time linear in the file:

* **reference cycles** — an object that is only a reference to another
  (``6 0 obj 7 0 R endobj``) whose chain comes back to itself, or a stream
  whose ``/Length`` needs the stream itself: pdfminer's ``resolve1``
  follows such a chain for ever (an 860-byte PDF never finished). These
  edges are found on the bytes (object streams inflated with a bound) and
  searched for a cycle; what the scan itself resolves goes through a
  document that notices cycles. Page-tree cycles (Kids back to an ancestor, cyclic
  ``/Parent``) are walked with a visited set, as the engines do.
* **too many pages** — the page tree is counted (without building pages);
  past ``ReadOptions.max_pages`` the answer is ``LimitExceeded``.
* **decompression bombs** — every non-image stream the pages draw is inflated
  with a bound (FlateDecode chains included), never in full: a stream past
  ``MAX_STREAM_BYTES`` or pages past ``MAX_INFLATED_BYTES`` in all refuse the file.
* **glyph bombs** — the characters a page shows are estimated from the string
  operands of its content, Form XObjects counted as often as they are drawn
  (a fan-out of forms drawing forms multiplies); a page past
  ``MAX_GLYPHS_PER_PAGE`` refuses the file.

The scan works on pdfminer's parser only (objects, not pages), so it holds
whichever engine reads the pages afterwards.
"""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass
from typing import Any

from ...errors import DamagedPdf, LimitExceeded

#: One stream inflated past this is a bomb: real content streams, fonts and
#: ToUnicode maps are well under it (images are not inflated here).
MAX_STREAM_BYTES = 64 << 20
#: All streams of the pages together.
MAX_INFLATED_BYTES = 512 << 20
#: A dense report page shows about 3,000 characters.
MAX_GLYPHS_PER_PAGE = 200_000
#: Form XObjects inside Form XObjects followed per page.
_MAX_FORM_DEPTH = 32

_LITERAL = re.compile(rb"\((?:[^()\\]|\\.)*\)", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")
_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")


class _Cycle(Exception):
    def __init__(self, chain: list[int]) -> None:
        self.chain = chain
        super().__init__(" → ".join(f"{n} 0 R" for n in chain))


@dataclass
class PdfScan:
    """What the pre-scan found: page count, and the estimate per page."""

    pages: int = 0
    inflated_bytes: int = 0
    max_page_glyphs: int = 0


def _document_class() -> type:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdftypes import PDFObjRef

    class GuardedDocument(PDFDocument):
        """A PDFDocument whose ``getobj`` refuses to go round a cycle."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self._resolving: list[int] = []
            self._aliases_checked: set[int] = set()
            super().__init__(*args, **kwargs)

        def getobj(self, objid: int) -> object:
            if objid in self._resolving:  # e.g. a stream whose /Length is the stream itself
                raise _Cycle(self._resolving[self._resolving.index(objid):] + [objid])
            self._resolving.append(objid)
            try:
                obj = super().getobj(objid)
            finally:
                self._resolving.pop()
            if isinstance(obj, PDFObjRef) and objid not in self._aliases_checked:
                chain, x = [objid], obj
                while isinstance(x, PDFObjRef):  # an object that is only a reference: follow it once
                    if x.objid in chain:
                        raise _Cycle(chain[chain.index(x.objid):] + [x.objid])
                    if x.objid in self._aliases_checked:
                        break
                    chain.append(x.objid)
                    try:
                        x = super().getobj(x.objid)
                    except Exception:  # noqa: BLE001 - a dangling reference is the reader's business
                        break
                self._aliases_checked.update(chain)
            return obj

    return GuardedDocument


def _inflate(data: bytes, limit: int) -> bytes | None:
    """``data`` inflated, or None past ``limit`` bytes. A damaged stream gives what inflated."""
    d = zlib.decompressobj()
    out = bytearray()
    try:
        while data:
            out += d.decompress(data, limit + 1 - len(out))
            if len(out) > limit:
                return None
            data = d.unconsumed_tail
            if d.eof:
                break
    except zlib.error:
        pass
    return bytes(out)


def _decoded(stream: Any, limit: int) -> bytes | None:
    """The stream's data through its FlateDecode filters (others end the decoding), or None past ``limit``."""
    from pdfminer.psparser import LIT

    flate = (LIT("FlateDecode"), LIT("Fl"))
    data = stream.rawdata if stream.rawdata is not None else stream.data
    if data is None:
        return b""
    if getattr(stream, "decipher", None) and stream.objid is not None:
        try:
            data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
        except Exception:  # noqa: BLE001
            return b""
    try:
        filters = stream.get_filters()
    except Exception:  # noqa: BLE001
        return data
    for f, _params in filters:
        if f not in flate:
            break
        data = _inflate(data, limit)
        if data is None:
            return None
    return data


_WHITESPACE = b" \t\n\r\x0b\x0c"  # what ``\s`` matches in a bytes pattern


def _glyphs(content: bytes) -> int:
    """Upper estimate of the characters a content stream shows: bytes of its string operands."""
    n = sum(len(m) - 2 for m in _LITERAL.findall(content))
    return n + sum(len(m.translate(None, _WHITESPACE)) // 2 for m in _HEX.findall(content))


_WORD = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")  # ``\w`` in bytes
_SPACE, _DIGIT = frozenset(_WHITESPACE), frozenset(b"0123456789")


def _run_start(data: bytes, end: int, chars: frozenset[int]) -> int:
    """Where the run of ``chars`` that ends just before ``end`` starts (``end`` if none)."""
    while end and data[end - 1] in chars:
        end -= 1
    return end


def _object_headers(data: bytes) -> list[tuple[int, int, int]]:
    """Every ``N G obj`` in the bytes as (start, N, end): the matches of
    ``(?<![0-9])(\\d{1,10})\\s+\\d{1,5}\\s+obj\\b``, found from each literal
    ``obj`` backwards (a regular expression that starts with a class tries
    every byte of the file, fonts and images included; ``bytes.find`` skips
    to the next ``obj``). Each backward walk stops at the first byte that is
    neither a digit nor whitespace, so the whole search is linear."""
    out = []
    find, size = data.find, len(data)
    k = find(b"obj")
    while k != -1:
        end = k + 3
        if end == size or data[end] not in _WORD:
            gen_end = _run_start(data, k, _SPACE)
            gen = _run_start(data, gen_end, _DIGIT)
            num_end = _run_start(data, gen, _SPACE)
            num = _run_start(data, num_end, _DIGIT)
            if gen_end < k and 1 <= gen_end - gen <= 5 and num_end < gen and 1 <= num_end - num <= 10:
                out.append((num, int(data[num:num_end]), end))
        k = find(b"obj", end)
    return out


_ALIAS = re.compile(rb"\s*(\d{1,10})\s+\d{1,5}\s+R\s*(?:endobj|$)")
_LENGTH_REF = re.compile(rb"/Length\s+(\d{1,10})\s+\d{1,5}\s+R")


def _reference_cycle(data: bytes, doc: Any) -> list[int] | None:
    """A cycle among the references an engine follows without a visited set, or None.

    Edges: an object that is only a reference (``6 0 obj 7 0 R endobj``, or the
    same inside an object stream) points to its target; a stream whose
    ``/Length`` is a reference points to that. Found on the bytes with regular
    expressions (object streams inflated with a bound), so the cost is linear
    in the file, not in pdfminer's per-object parsing.
    """
    import bisect

    edges: dict[int, set[int]] = {}
    starts: list[int] = []
    owners: list[int] = []
    for start, num, end in _object_headers(data):
        starts.append(start)
        owners.append(num)
        if alias := _ALIAS.match(data, end):
            edges.setdefault(num, set()).add(int(alias.group(1)))
    for m in _LENGTH_REF.finditer(data):
        k = bisect.bisect_right(starts, m.start()) - 1
        if k >= 0:
            edges.setdefault(owners[k], set()).add(int(m.group(1)))
    for strmid, members in _object_streams(doc).items():
        try:
            stream = doc.getobj(strmid)
            body = _decoded(stream, MAX_STREAM_BYTES) or b""
            first = int(stream.get("First", 0))
            head = [int(t) for t in body[:first].split()]
        except _Cycle:
            raise
        except Exception:  # noqa: BLE001 - a broken object stream is the reader's business
            continue
        pairs = list(zip(head[0::2], head[1::2], strict=False))
        for i, (num, off) in enumerate(pairs):
            if num not in members:
                continue
            end = first + pairs[i + 1][1] if i + 1 < len(pairs) else len(body)
            if alias := _ALIAS.match(body[first + off:end].rstrip()):
                edges.setdefault(num, set()).add(int(alias.group(1)))
    # Iterative depth-first search for a cycle.
    state: dict[int, int] = {}  # 1 on the path, 2 done
    for start in list(edges):
        if state.get(start):
            continue
        path, stack = [start], [iter(edges.get(start, ()))]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(edges.get(nxt, ())))
    return None


def _object_streams(doc: Any) -> dict[int, set[int]]:
    """Object stream id → the object numbers the cross-reference table places in it."""
    out: dict[int, set[int]] = {}
    for xref in doc.xrefs:
        try:
            for objid in xref.get_objids():
                strmid, _index, _gen = xref.get_pos(objid)
                if strmid is not None:
                    out.setdefault(strmid, set()).add(objid)
        except Exception:  # noqa: BLE001
            continue
    return out


class _Scanner:
    def __init__(self, doc: Any, source: str) -> None:
        self.doc, self.source = doc, source
        self.inflated = 0
        self.forms: dict[int, int] = {}  # objid -> glyphs one drawing of the form shows

    def bomb(self, what: str) -> DamagedPdf:
        return DamagedPdf(self.source, f"{what}: a decompression bomb or a broken file; not read")

    def stream_data(self, stream: Any, where: str) -> bytes:
        data = _decoded(stream, MAX_STREAM_BYTES)
        if data is None:
            raise self.bomb(f"a stream of {where} inflates past {MAX_STREAM_BYTES >> 20} MiB")
        self.inflated += len(data)
        if self.inflated > MAX_INFLATED_BYTES:
            raise self.bomb(f"the page streams inflate past {MAX_INFLATED_BYTES >> 20} MiB in all")
        return data

    def content_glyphs(self, streams: list[Any], resources: Any, where: str, stack: tuple[int, ...]) -> int:
        from pdfminer.pdftypes import PDFStream, dict_value, resolve1

        content = b"".join(self.stream_data(s, where) + b"\n" for s in streams if isinstance(s, PDFStream))
        total = _glyphs(content)
        draws: dict[bytes, int] = {}
        for name in _DO.findall(content):
            draws[name] = draws.get(name, 0) + 1
        if not draws:
            return total
        xobjects = dict_value(resolve1(dict_value(resources).get("XObject")))
        for name, count in draws.items():
            xobj = resolve1(xobjects.get(name.decode("latin-1")))
            if not isinstance(xobj, PDFStream) or xobj.objid is None:
                continue
            if getattr(resolve1(xobj.attrs.get("Subtype")), "name", None) != "Form":
                continue
            if xobj.objid in stack or len(stack) >= _MAX_FORM_DEPTH:
                continue  # a form drawing itself: the engines refuse the cycle
            if xobj.objid not in self.forms:
                own = resolve1(xobj.attrs.get("Resources")) or resources
                self.forms[xobj.objid] = self.content_glyphs([xobj], own, where, stack + (xobj.objid,))
            total += count * self.forms[xobj.objid]
            if total > MAX_GLYPHS_PER_PAGE:
                break
        return total


def _pages(doc: Any, source: str, max_pages: int | None) -> list[dict]:
    """Page dictionaries in order (inherited Resources filled in), counted against ``max_pages``."""
    from pdfminer.pdftypes import dict_value, list_value, resolve1

    pages: list[dict] = []
    seen: set[int] = set()
    todo: list[tuple[Any, dict]] = [(doc.catalog.get("Pages"), {})]
    while todo:
        ref, inherited = todo.pop()
        objid = getattr(ref, "objid", None)
        if objid is not None:
            if objid in seen:
                continue  # a Kids entry back to an ancestor
            seen.add(objid)
        node = dict_value(resolve1(ref))
        attrs = {**inherited, **{k: v for k, v in node.items() if k in ("Resources",)}}
        kind = getattr(resolve1(node.get("Type")), "name", None)
        if "Kids" in node and kind != "Page":
            kids = list_value(resolve1(node["Kids"]))
            todo.extend((kid, attrs) for kid in reversed(kids))
        elif kind == "Page" or "Contents" in node:
            pages.append({**node, **attrs})
            if max_pages is not None and len(pages) > max_pages:
                raise LimitExceeded(source, f"the PDF has more than {max_pages} pages",
                                    limit="max_pages", flag="--max-pages")
    return pages


def prescan(data: bytes, source: str, max_pages: int | None = None, password: str = "") -> PdfScan:
    """Refuse a hostile PDF (``DamagedPdf``, ``LimitExceeded``) before its pages are parsed.

    A file the pre-scan cannot open at all, or an encrypted one it has no
    password for, passes: the reader gives the right error for those. So
    does everything when pdfminer is not installed.
    """
    try:
        from pdfminer.pdfparser import PDFParser
        from pdfminer.pdftypes import PDFStream, list_value, resolve1
    except ImportError:  # an engine without pdfminer: the scan needs its parser
        return PdfScan()
    try:
        doc = _document_class()(PDFParser(io.BytesIO(data)), password=password or "")
    except _Cycle as exc:
        raise DamagedPdf(source, f"the PDF has a reference cycle ({exc}); not read") from None
    except RecursionError:
        raise DamagedPdf(source, "the PDF's objects refer to each other without end; not read") from None
    except Exception:  # noqa: BLE001 - damaged or encrypted: the reader says which
        return PdfScan()
    scan = PdfScan()
    try:
        pages = _pages(doc, source, max_pages)
        scan.pages = len(pages)
        cycle = _reference_cycle(data, doc)
        if cycle:
            raise _Cycle(cycle)
        scanner = _Scanner(doc, source)
        for number, page in enumerate(pages, start=1):
            contents = resolve1(page.get("Contents"))
            streams = [resolve1(s) for s in list_value(contents)] if isinstance(contents, list) else [contents]
            glyphs = scanner.content_glyphs([s for s in streams if isinstance(s, PDFStream)],
                                            page.get("Resources") or {}, f"page {number}", ())
            scan.max_page_glyphs = max(scan.max_page_glyphs, glyphs)
            if glyphs > MAX_GLYPHS_PER_PAGE:
                raise DamagedPdf(source, f"page {number} draws about {glyphs:,} characters, more than "
                                 f"{MAX_GLYPHS_PER_PAGE:,} (no report page holds that many); not read")
        scan.inflated_bytes = scanner.inflated
    except _Cycle as exc:
        raise DamagedPdf(source, f"the PDF has a reference cycle ({exc}); not read") from None
    except RecursionError:
        raise DamagedPdf(source, "the PDF's objects refer to each other without end; not read") from None
    except (DamagedPdf, LimitExceeded):
        raise
    except Exception:  # noqa: BLE001 - anything else odd: the reader will meet it and say so
        return scan
    return scan
