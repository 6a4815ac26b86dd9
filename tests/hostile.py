"""Hostile inputs built on demand, and a bounded runner for parsing them.

Every builder returns the bytes of one hostile document; they are small to
build and small on disk (bombs are compressed), but some are meant to grow
to gigabytes when read carelessly. ``run_bounded`` parses one in a child
process under RLIMIT_AS and a timeout, so a regression cannot take the
machine down; the child builds the input itself, so the test process never
holds it.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"

#: The bound every hostile case must answer within (issue 7): 45 s and 1.5 GB.
TIME_BOUND_S = 45.0
MEMORY_BOUND_MB = 1536


# --------------------------------------------------------------------- PDF ---

def pdf_file(objects: dict[int, bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF with these numbered objects (bodies without ``obj``/``endobj``) and a correct xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += b"%010d 00000 n \n" % offsets[num] if num in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, root, trailer_extra, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", filters: int = 0) -> bytes:
    """A stream object body; ``filters`` FlateDecode passes (0: uncompressed)."""
    for _ in range(filters):
        data = zlib.compress(data, 9)
    names = b"[" + b" /FlateDecode" * filters + b"]" if filters else b""
    filt = b"/Filter " + names if filters else b""
    return b"<< /Length %d %s %s >>\nstream\n" % (len(data), filt, extra) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_TEXT = b"BT /F1 12 Tf 72 720 Td (Annual report) Tj ET"


def _page(parent: int, content: int, extra: bytes = b"") -> bytes:
    return (b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 9 0 R >> %s >> >>" % (parent, content, extra))


def pdf_plain() -> bytes:
    """One page of text: the control case every other PDF builder corrupts."""
    return pdf_file({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                     3: _page(2, 4), 4: stream(_TEXT), 9: _FONT})


def pdf_alias_cycle() -> bytes:
    """``/Pages 6 0 R`` where object 6 is ``7 0 R`` and 7 is ``6 0 R``: pdfminer's
    ``resolve1`` follows the chain for ever (the 860-byte PDF that never finished)."""
    return pdf_file({1: b"<< /Type /Catalog /Pages 6 0 R >>", 6: b"7 0 R", 7: b"6 0 R",
                     3: _page(6, 4), 4: stream(_TEXT), 9: _FONT})


def pdf_kids_cycle() -> bytes:
    """A page tree whose Kids lead back to itself: 2 → 5 → 2."""
    return pdf_file({1: b"<< /Type /Catalog /Pages 2 0 R >>",
                     2: b"<< /Type /Pages /Kids [5 0 R 3 0 R] /Count 2 >>",
                     5: b"<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R /Count 1 >>",
                     3: _page(2, 4), 4: stream(_TEXT), 9: _FONT})


def pdf_self_length() -> bytes:
    """The content stream's ``/Length`` is a reference to the stream itself."""
    body = b"<< /Length 4 0 R >>\nstream\n" + _TEXT + b"\nendstream"
    return pdf_file({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                     3: _page(2, 4), 4: body, 9: _FONT})


def pdf_length_cycle() -> bytes:
    """``/Length 5 0 R``, object 5 is ``6 0 R``, object 6 is ``5 0 R``."""
    body = b"<< /Length 5 0 R >>\nstream\n" + _TEXT + b"\nendstream"
    return pdf_file({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                     3: _page(2, 4), 4: body, 5: b"6 0 R", 6: b"5 0 R", 9: _FONT})


def pdf_parent_cycle() -> bytes:
    """A page whose ``/Parent`` is itself, and a Pages node whose Parent is its child."""
    return pdf_file({1: b"<< /Type /Catalog /Pages 2 0 R >>",
                     2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 3 0 R >>",
                     3: (b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                         b"/Resources << /Font << /F1 9 0 R >> >> >>"),
                     4: stream(_TEXT), 9: _FONT})


def pdf_xobject_cycle() -> bytes:
    """Form XObjects that draw each other: X1 → X2 → X1."""
    form = b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /X %d 0 R >> >>"
    return pdf_file({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                     3: _page(2, 4, b"/XObject << /X 5 0 R >>"), 4: stream(_TEXT + b" /X Do"),
                     5: stream(_TEXT + b" /X Do", form % 6), 6: stream(_TEXT + b" /X Do", form % 5), 9: _FONT})


def pdf_xobject_fanout(depth: int = 8, fan: int = 10) -> bytes:
    """Form XObjects each drawing the next one ``fan`` times: fan**depth draws of a text line."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               3: _page(2, 4, b"/XObject << /X 10 0 R >>"), 4: stream(b"/X Do"), 9: _FONT}
    for level in range(depth):
        num = 10 + level
        if level == depth - 1:
            objects[num] = stream(_TEXT, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                                         b"/Resources << /Font << /F1 9 0 R >> >>")
        else:
            objects[num] = stream(b" /X Do" * fan, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                                                   b"/Resources << /XObject << /X %d 0 R >> >>" % (num + 1))
    return pdf_file(objects)


def pdf_flate_bomb(inflated_mb: int = 1024) -> bytes:
    """A content stream, FlateDecode twice, that inflates to ``inflated_mb`` MiB of spaces."""
    once, _, _ = _deflated_member(b"", b" ", inflated_mb, zlib_format=True)
    body = zlib.compress(once, 9)
    data = b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(body) + body + b"\nendstream"
    return pdf_file({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                     3: _page(2, 4), 4: data, 9: _FONT})


def pdf_glyph_bomb(glyphs: int = 1_000_000) -> bytes:
    """One page whose content stream shows ``glyphs`` characters (compressed: a few KB)."""
    line = b"(" + b"A" * 1000 + b") Tj 0 -1 Td "
    content = b"BT /F1 1 Tf 0 790 Td " + line * (glyphs // 1000) + b"ET"
    return pdf_file({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                     3: _page(2, 4), 4: stream(content, filters=1), 9: _FONT})


def pdf_many_pages(n: int = 5000) -> bytes:
    """``n`` pages sharing one content stream."""
    kids = b" ".join(b"%d 0 R" % (100 + i) for i in range(n))
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
               4: stream(_TEXT), 9: _FONT}
    for i in range(n):
        objects[100 + i] = _page(2, 4)
    return pdf_file(objects)


def pdf_fontbbox_noise() -> bytes:
    """A page in a font without FontBBox: pdfminer logs "Could not get FontBBox"."""
    font = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Foo /FirstChar 32 /LastChar 126 "
            b"/Widths [" + b"500 " * 95 + b"] /FontDescriptor 8 0 R >>")
    return pdf_file({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                     3: _page(2, 4), 4: stream(_TEXT), 8: b"<< /Type /FontDescriptor /FontName /Foo /Flags 32 >>",
                     9: font})


# -------------------------------------------------------------------- HTML ---

def _report_html() -> str:
    return (CORPUS / "html" / "2019_county_utf8.html").read_text("utf-8")


def html_span_bomb() -> bytes:
    """A ~55 KB table of cells with rowspan/colspan 999999, before the real report."""
    row = "<tr>" + '<td rowspan="999999" colspan="999999">1</td>' * 25 + "</tr>"
    bomb = "<table>" + row * 50 + "</table>"
    page = _report_html()
    return page.replace("<body>", "<body>" + bomb, 1).encode("utf-8")


def html_wide_row(cells: int = 8000) -> bytes:
    """A table with a row of 8,000 cells (and a few rows of them), before the real report."""
    row = "<tr>" + "<td>7</td>" * cells + "</tr>"
    page = _report_html()
    return page.replace("<body>", "<body><table>" + row * 3 + "</table>", 1).encode("utf-8")


def html_big_grid(rows: int = 166, cols: int = 60) -> bytes:
    """The largest grid still taken for a table (rows × cols at the core's bounds), before the report."""
    table = "<table>" + ("<tr><td>项目</td>" + "<td>1</td>" * (cols - 1) + "</tr>") * rows + "</table>"
    return _report_html().replace("<body>", "<body>" + table, 1).encode("utf-8")


def html_unclosed_embed() -> bytes:
    """An ``<embed>`` and an ``<object>`` left open before the article."""
    page = _report_html()
    return page.replace("<body>", '<body><object data="x.swf"><embed src="x.swf">', 1).encode("utf-8")


def html_deep(depth: int = 3000) -> bytes:
    """The report buried under 3,000 nested ``<div>``s (lxml stops at 256 levels)."""
    page = _report_html()
    return page.replace("<body>", "<body><p>前言</p>" + "<div>" * depth, 1).encode("utf-8")


# -------------------------------------------------------------------- DOCX ---

def _report_docx() -> bytes:
    return (CORPUS / "docx" / "docx_2019_hard_cases.docx").read_bytes()


def _rezip(data: bytes, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, blob in (add or {}).items():
            dst.writestr(name, blob)
    return out.getvalue()


def docx_gridspan_bomb() -> bytes:
    """The report with a table of 400 cells, each ``gridSpan`` 999999 and ``vMerge`` restart/continue."""
    with zipfile.ZipFile(io.BytesIO(_report_docx())) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    cell = ('<w:tc><w:tcPr><w:gridSpan w:val="999999"/><w:vMerge w:val="%s"/></w:tcPr>'
            '<w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>')
    rows = "".join('<w:tr><w:trPr><w:gridBefore w:val="999999"/></w:trPr>'
                   + (cell % ("restart" if r == 0 else "continue")) * 20 + "</w:tr>" for r in range(20))
    table = "<w:tbl>" + rows + "</w:tbl>"
    xml = xml.replace("<w:body>", "<w:body>" + table, 1)
    return _rezip(_report_docx(), {"word/document.xml": xml.encode("utf-8")})


def _deflated_member(prefix: bytes, filler: bytes, size_mb: int, suffix: bytes = b"",
                     zlib_format: bool = False) -> tuple[bytes, int, int]:
    """Deflate of prefix + size_mb MiB of filler + suffix: (data, size, crc32).

    Built in a second, not by compressing a gigabyte: after a full flush the
    compressor starts afresh, so one compressed MiB is valid repeated. With
    ``zlib_format`` the data has a zlib header and Adler-32 (PDF FlateDecode),
    else it is raw deflate (zip); the checksum returned matches.
    """
    chunk = filler * ((1 << 20) // len(filler))
    comp = zlib.compressobj(9, zlib.DEFLATED, 15 if zlib_format else -15)
    head = comp.compress(prefix) + comp.flush(zlib.Z_FULL_FLUSH)
    body = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    tail = comp.compress(suffix) + comp.flush(zlib.Z_SYNC_FLUSH)
    check = (zlib.adler32 if zlib_format else zlib.crc32)(prefix)
    for _ in range(size_mb):
        check = (zlib.adler32 if zlib_format else zlib.crc32)(chunk, check)
    check = (zlib.adler32 if zlib_format else zlib.crc32)(suffix, check)
    final = b"\x03\x00"  # an empty final fixed-Huffman block
    data = head + body * size_mb + tail + final
    if zlib_format:
        data += check.to_bytes(4, "big")
    return data, len(prefix) + len(suffix) + size_mb * len(chunk), check


def _zip_with_raw(base: bytes, name: str, payload: bytes, size: int, crc: int, declared: int | None = None) -> bytes:
    """``base`` (a zip) with member ``name`` replaced by raw deflate ``payload``; ``declared``
    overrides the uncompressed size written in the headers (a lying header)."""
    import struct

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info.filename, src.read(info.filename))
    body = bytearray(out.getvalue())
    # Append the member by hand: local header + data, then rewrite the central directory.
    with zipfile.ZipFile(io.BytesIO(bytes(body))) as z:
        infos = z.infolist()
        cd_start = z.start_dir
    del body[cd_start:]
    usize = size if declared is None else declared
    fname = name.encode()
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(payload),
                        min(usize, 0xFFFFFFFF), len(fname), 0)
    offset = len(body)
    body += local + fname + payload
    central = bytearray()
    for info in infos:
        central += _central_entry(info.filename.encode(), info.CRC, info.compress_size, info.file_size,
                                  info.header_offset, info.compress_type)
    central += _central_entry(fname, crc, len(payload), min(usize, 0xFFFFFFFF), offset, 8)
    cd = len(body)
    body += central
    body += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(infos) + 1, len(infos) + 1, len(central), cd, 0)
    return bytes(body)


def _central_entry(fname: bytes, crc: int, csize: int, usize: int, offset: int, method: int) -> bytes:
    import struct

    return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, csize, usize,
                       len(fname), 0, 0, 0, 0, 0, offset) + fname


def docx_xml_bomb(size_mb: int = 1024, declared: int | None = None) -> bytes:
    """The report with ``word/document.xml`` replaced by ``size_mb`` MiB of empty paragraphs
    (about 1 MB compressed); ``declared`` makes the headers lie about the size."""
    payload, size, crc = _deflated_member(b'<?xml version="1.0"?><w:document xmlns:w='
                                          b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>',
                                          b"<w:p/>", size_mb, b"</w:body></w:document>")
    return _zip_with_raw(_report_docx(), "word/document.xml", payload, size, crc, declared)


def docx_media_bomb(size_mb: int = 1024) -> bytes:
    """The report plus a 1 GiB ``word/media/image1.png`` of zeros."""
    payload, size, crc = _deflated_member(b"\x89PNG\r\n\x1a\n", b"\0" * 64, size_mb)
    return _zip_with_raw(_report_docx(), "word/media/image1.png", payload, size, crc)


# -------------------------------------------------------------------- text ---

def _report_text() -> bytes:
    return (CORPUS / "text" / "seed001_anning_2020_pipes.txt").read_bytes()


def text_wide_row(cells: int = 8000) -> bytes:
    """Three pipe rows of 8,000 cells before the report."""
    return ("|" + "7|" * cells + "\n").encode() * 3 + _report_text()


def text_utf8_bad_byte() -> bytes:
    data = _report_text()
    return data[:200] + b"\xff" + data[200:]


def text_utf8_nul() -> bytes:
    data = _report_text()
    return data[:200] + b"\x00" + data[200:]


def text_utf8_cut() -> bytes:
    data = _report_text().rstrip()
    data = data + "。".encode()
    return data[:-1]


def text_gb18030_bad_byte() -> bytes:
    data = _report_text().decode("utf-8").encode("gb18030")
    return data[:200] + b"\xff" + data[200:]


# ------------------------------------------------------------------ runner ---

_CHILD = r"""
import json, resource, sys, time
limit = int(sys.argv[2]) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
sys.path.insert(0, sys.argv[3])
import hostile, giaparse
spec = json.loads(sys.argv[1])
data = getattr(hostile, spec["builder"])(*spec.get("args", []))
start = time.monotonic()
out = {"size": len(data)}
try:
    report = giaparse.parse(data, name=spec["name"], options=spec.get("options"))
    out.update(result="report", kind=report.document.kind, tables=sorted(report.tables),
               warnings=[w.code.value for w in report.warnings], text=report.to_json()[:0])
    out["messages"] = [w.message for w in report.warnings]
except giaparse.GiaparseError as exc:
    out.update(result=type(exc).__name__, message=str(exc))
out["seconds"] = time.monotonic() - start
out["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def run_bounded(builder: str, name: str, *args, options: dict | None = None,
                timeout: float = TIME_BOUND_S, memory_mb: int = MEMORY_BOUND_MB) -> dict:
    """Parse ``builder(*args)`` in a child under RLIMIT_AS and a timeout; what it answered.

    ``result`` is "report" or the ``GiaparseError`` class name; ``seconds`` the
    parse time, ``maxrss_mb`` the child's peak memory. A child that dies,
    prints a traceback or overruns the time is reported as such.
    """
    spec = json.dumps({"builder": builder, "name": name, "args": list(args), "options": options})
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    try:
        proc = subprocess.run([sys.executable, "-c", _CHILD, spec, str(memory_mb), str(Path(__file__).parent)],
                              capture_output=True, text=True, timeout=timeout + 30, env=env)
    except subprocess.TimeoutExpired:
        return {"result": "timeout", "seconds": timeout + 30}
    if proc.returncode != 0 or not proc.stdout.strip():
        return {"result": "crashed", "returncode": proc.returncode, "stderr": proc.stderr[-3000:]}
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["stderr"] = proc.stderr
    return out
