"""Mutation fuzzing of every reader: mutators per format and a bounded parse worker.

The invariant (issue 7): any input gives a ``Report`` or a ``GiaparseError``
(one line, no traceback, nothing on standard error) within the limits —
45 s and 1.5 GB. Parses run in one long-lived child process under RLIMIT_AS;
the parent enforces the time per input and restarts the child when it dies
or hangs, so a breaking input costs one timeout, not the test run.
"""

from __future__ import annotations

import io
import json
import os
import re
import selectors
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
REGRESSIONS = Path(__file__).resolve().parent / "fuzz_regressions"
TIME_BOUND_S = 45.0
MEMORY_BOUND_MB = 1536

FORMATS = {"text": (".txt", ".md"), "html": (".html",), "docx": (".docx",), "pdf": (".pdf",)}


def corpus_files(fmt: str) -> list[Path]:
    # Scans (corpus/scan) go to OCR, tens of seconds a page: too slow to fuzz in the CI budget.
    files = [p for p in sorted(CORPUS.glob("*/*")) if p.suffix in FORMATS[fmt] and p.parent.name != "scan"]
    return sorted(files, key=lambda p: p.stat().st_size)  # small first: hypothesis prefers low indices


# ---------------------------------------------------------------- mutators ---

# Tokens that have broken parsers before: spans, nesting, unclosed containers,
# entities, control bytes, table syntax, outline numbers.
TOKENS = [
    b"<table>", b"</table>", b"<tr>", b"<td>", b'<td rowspan="999999">', b'<td colspan="999999">',
    b'<th colspan="0">', b"<div>" * 50, b"</div>", b"<object>", b"<embed src=x>", b"<script>", b"<!--",
    b"<![CDATA[", b"<?xml version='1.0' encoding='utf-16'?>", b'<meta charset="gbk">', b"&#0;", b"&#xD800;",
    b"&nbsp;" * 20, b"\x00", b"\xff", b"\xef\xbb\xbf", b"\r", b"\t" * 30, b"|" * 40, b"| 1 | 2 |\n",
    "一、".encode(), "（二）".encode(), "总计".encode(), "９９９９９９".encode(), b"-1e308", b"\n" * 20,
    b'<w:gridSpan w:val="999999"/>', b'<w:vMerge w:val="restart"/>', b"<w:vMerge/>",
    b'<w:gridBefore w:val="999999"/>', b"<w:tbl>", b"</w:tbl>", b"<w:tr>", b"<w:tc>", b"<w:p>",
    b'<w:numPr><w:ilvl w:val="99"/><w:numId w:val="1"/></w:numPr>', b'<w:textDirection w:val="tbRl"/>',
]


def _pos(data: bytes, a: int) -> int:
    return a % (len(data) + 1)


def mutate_bytes(data: bytes, op: tuple[int, int, int]) -> bytes:
    """One byte-level change: flip, insert, delete, duplicate, truncate."""
    kind, a, b = op
    if not data:
        return bytes([a % 256])
    i = _pos(data, a)
    kind %= 5
    if kind == 0 and i < len(data):
        return data[:i] + bytes([data[i] ^ (1 << (b % 8))]) + data[i + 1:]
    if kind == 1:
        return data[:i] + bytes([b % 256]) * (1 + b % 4) + data[i:]
    if kind == 2:
        return data[:i] + data[i + 1 + b % 64:]
    if kind == 3:
        piece = data[i:i + 1 + b % 512]
        return data[:i] + piece * (2 + b % 8) + data[i:]
    return data[: max(i, 1)]


def mutate_tokens(data: bytes, op: tuple[int, int, int]) -> bytes:
    """Insert a hostile token at a tag or line boundary (or anywhere), or drop a span between two."""
    kind, a, b = op
    marks = [m.start() for m in re.finditer(rb"[<\n|]", data[:2_000_000])] or [0]
    i = marks[a % len(marks)] if kind % 3 else _pos(data, a)
    if kind % 4 == 3:
        j = marks[(a + 1 + b % 8) % len(marks)]
        i, j = sorted((i, j))
        return data[:i] + data[j:]
    return data[:i] + TOKENS[b % len(TOKENS)] + data[i:]


def mutate_text(data: bytes, op: tuple[int, int, int]) -> bytes:
    return (mutate_tokens if op[0] % 2 else mutate_bytes)(data, (op[0] // 2, op[1], op[2]))


def mutate_docx(data: bytes, op: tuple[int, int, int]) -> bytes:
    """Corrupt one zip member (its XML by tokens, or its bytes), or the zip's own bytes."""
    kind, a, b = op
    if kind % 4 == 0:
        return mutate_bytes(data, (b, a, b >> 3))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = [(i, z.read(i.filename)) for i in z.infolist()]
    except Exception:  # noqa: BLE001 - already broken: mutate the bytes
        return mutate_bytes(data, (b, a, b >> 3))
    weights = [i for i, (info, _) in enumerate(members) if info.filename.endswith(".xml")] or [0]
    k = weights[a % len(weights)] if kind % 4 != 3 else a % len(members)
    info, blob = members[k]
    mutate = mutate_tokens if kind % 4 in (1, 3) else mutate_bytes
    members[k] = (info, mutate(blob, (b, a >> 4, b >> 4)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, blob in members:
            z.writestr(info.filename, blob)
    return out.getvalue()


_STREAM = re.compile(rb"stream\r?\n")
_REF = re.compile(rb"(?<![0-9])(\d{1,6}) 0 R")
_OBJ = re.compile(rb"(?<![0-9])(\d{1,6}) 0 obj")


def mutate_pdf(data: bytes, op: tuple[int, int, int]) -> bytes:
    """Corrupt a stream's data (raw or inflated), the xref table, a reference (to make cycles), or bytes."""
    kind, a, b = op
    kind %= 5
    if kind == 0:  # a reference retargeted: cycles, dangling and self references
        refs = list(_REF.finditer(data))
        objs = [m.group(1) for m in _OBJ.finditer(data)]
        if refs and objs:
            m = refs[a % len(refs)]
            return data[:m.start(1)] + objs[b % len(objs)] + data[m.end(1):]
    if kind in (1, 2):  # inside a stream: the inflated content changed and deflated again, or raw bytes
        starts = [m.end() for m in _STREAM.finditer(data)]
        if starts:
            s = starts[a % len(starts)]
            e = data.find(b"endstream", s)
            if e > s:
                raw = data[s:e].rstrip(b"\r\n")
                if kind == 1:
                    try:
                        inner = zlib.decompress(raw)
                        new = zlib.compress(mutate_tokens(inner, (b, a >> 3, b >> 3)) if b % 2 else
                                            mutate_bytes(inner, (b >> 1, a >> 3, b >> 3)))
                        return data[:s] + new + data[s + len(raw):]  # /Length now lies: as in the wild
                    except zlib.error:
                        pass
                return data[:s] + mutate_bytes(raw, (b, a >> 3, b >> 3)) + data[s + len(raw):]
    if kind == 3:  # the cross-reference table or trailer
        x = data.rfind(b"xref")
        if x >= 0:
            i = x + a % max(len(data) - x, 1)
            return data[:i] + bytes([48 + b % 10]) + data[i + 1:]
    return mutate_bytes(data, (b, a, b >> 3))


MUTATORS = {"text": mutate_text, "html": mutate_text, "docx": mutate_docx, "pdf": mutate_pdf}


# ------------------------------------------------------------------ worker ---

_CHILD = r"""
import json, resource, struct, sys, time, traceback
limit = int(sys.argv[1]) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
import giaparse
inp, out = sys.stdin.buffer, sys.stdout
while True:
    head = inp.read(8)
    if len(head) < 8:
        break
    n, m = struct.unpack("<II", head)
    name = inp.read(m).decode()
    data = inp.read(n)
    start = time.monotonic()
    try:
        giaparse.parse(data, name=name)
        answer = {"result": "report"}
    except giaparse.GiaparseError as exc:
        message = str(exc)
        ok = "\n" not in message and (message.startswith(name + ": ") or not isinstance(exc, giaparse.InputError))
        answer = {"result": type(exc).__name__, "message": message, "bug": None if ok else "badly worded error"}
    except BaseException as exc:  # noqa: BLE001 - the invariant broke: say how
        answer = {"result": "bug", "bug": traceback.format_exc()[-3000:]}
    answer["seconds"] = time.monotonic() - start
    out.write(json.dumps(answer) + "\n")
    out.flush()
"""


class Worker:
    """One child that parses inputs sent to it; restarted after a hang or a crash."""

    def __init__(self, memory_mb: int = MEMORY_BOUND_MB, timeout: float = TIME_BOUND_S) -> None:
        self.memory_mb, self.timeout = memory_mb, timeout
        self.proc: subprocess.Popen | None = None
        self.stderr = tempfile.TemporaryFile()

    def _start(self) -> None:
        env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
        self.proc = subprocess.Popen([sys.executable, "-c", _CHILD, str(self.memory_mb)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.stderr, env=env)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None

    def parse(self, data: bytes, name: str) -> dict:
        """The child's answer; a hang, a death or a line on stderr is an answer with ``bug`` set."""
        if self.proc is None or self.proc.poll() is not None:
            self._start()
        assert self.proc is not None and self.proc.stdin is not None and self.proc.stdout is not None
        err_before = self.stderr.seek(0, 2)
        try:
            self.proc.stdin.write(struct.pack("<II", len(data), len(name.encode())) + name.encode() + data)
            self.proc.stdin.flush()
        except BrokenPipeError:
            self.stop()
            return {"result": "crashed", "bug": "the worker died"}
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        ready = sel.select(self.timeout)
        sel.close()
        if not ready:
            self.stop()
            return {"result": "timeout", "bug": f"no answer within {self.timeout} s"}
        line = self.proc.stdout.readline()
        if not line:
            code = self.proc.wait()
            self.proc = None
            self.stderr.seek(err_before)
            return {"result": "crashed", "bug": f"the worker died (status {code}): "
                    + self.stderr.read()[-2000:].decode("utf-8", "replace")}
        answer = json.loads(line)
        self.stderr.seek(err_before)
        stray = self.stderr.read()
        if stray and not answer.get("bug"):
            answer["bug"] = "stderr: " + stray[-2000:].decode("utf-8", "replace")
        return answer


def keep_failure(data: bytes, fmt: str, answer: dict) -> Path:
    """Save an input that broke the invariant (tests/fuzz_regressions/new/), for a regression test."""
    import hashlib

    folder = REGRESSIONS / "new"
    folder.mkdir(parents=True, exist_ok=True)
    ext = {"text": ".txt", "html": ".html", "docx": ".docx", "pdf": ".pdf"}[fmt]
    path = folder / (hashlib.sha256(data).hexdigest()[:16] + ext)
    path.write_bytes(data)
    path.with_suffix(ext + ".answer.json").write_text(json.dumps(answer, indent=1))
    return path
