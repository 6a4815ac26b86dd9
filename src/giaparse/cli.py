"""The ``giaparse`` command line.

    giaparse convert INPUT [INPUT ...] [-o OUT] [--format json|jsonl|csv|parquet] [--jobs N]
    giaparse schema

Bad input never produces a traceback: each failing file gets one line on
standard error (and in OUT/errors.jsonl), the other files are still
converted, and the exit status says whether everything went through.
Several documents are converted by ``giaparse.batch.WorkerPool`` worker
processes, which enforce the time and memory limits from outside the parse;
a single input is converted in this process (``batch.convert_here``), with
no worker to start. Nothing here imports a reader until a document is read,
so ``--version`` and ``--help`` are quick.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

import click

from . import __version__
from .errors import GiaparseError
from .formats import FORMAT_EXTENSIONS
from .options import PdfBackend, PdfEngine, ReadOptions
from .schema import schema_text

if TYPE_CHECKING:  # imported where used: the readers stay unimported for --help and --version
    from .batch import ConversionResult, ErrorItem
    from .corrections import Corrections


class LineFile(Protocol):
    """Where JSON lines go with -o (OUT/reports.jsonl, OUT/errors.jsonl)."""

    def write(self, text: str) -> object: ...
    def flush(self) -> None: ...
    def close(self) -> None: ...

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_INTERRUPTED = 130
#: Standard output was closed by its reader (``giaparse convert dir | head``): 128 + SIGPIPE, as a
#: process stopped by the signal reports it; nothing more is converted and nothing is printed.
EXIT_BROKEN_PIPE = 141

FORMATS = ("json", "jsonl", "csv", "parquet")
_SUFFIX = {"json": ".json", "csv": ".csv", "parquet": ".parquet"}
#: The one file ``--format jsonl -o OUT`` writes (every input, failures included, one line each).
JSONL_NAME = "reports.jsonl"
ERRORS_NAME = "errors.jsonl"
#: The list of files giaparse wrote into OUT (``Manifest``).
MANIFEST_NAME = ".giaparse-outputs"
_RECOGNISED = tuple(ext for exts in FORMAT_EXTENSIONS.values() for ext in exts)
_DEFAULTS = ReadOptions()


# Files ---------------------------------------------------------------------

def _chmod_from_umask(fd: int) -> None:
    if hasattr(os, "fchmod"):  # POSIX; on Windows mkstemp's file is already an ordinary one
        os.fchmod(fd, 0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _partial(path: Path, pid: int) -> Path:
    """The temporary file a pool worker (process ``pid``) writes ``path`` through."""
    return path.parent / f".{path.name}.giaparse-{pid}.tmp"


def _write_atomic(path: Path, data: str | bytes, *, worker: bool = False) -> None:
    """Write via a temporary file in the same folder and rename, so an
    interrupted batch never leaves half a file (and never clobbers a good
    one). The file gets the mode an ordinary ``open`` would (0666 minus the
    umask), not mkstemp's 0600. ``worker``: a pool worker, which can be killed
    mid-write; its temporary file has a name the parent knows (``_partial``)
    and removes after such a kill."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if worker:
        tmp = str(_partial(path, os.getpid()))
        Path(tmp).unlink(missing_ok=True)  # left by an earlier process of the same id
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    else:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        _chmod_from_umask(fd)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data if isinstance(data, bytes) else (data + "\n").encode("utf-8"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _hidden(parts: tuple[str, ...]) -> bool:
    return any(p.startswith(".") or p.startswith("~$") for p in parts)


@dataclass
class Job:
    """One input: where it comes from, and where its output goes (with -o)."""

    source: str                 # the path as given or found, or "-"
    rel: Path                   # output path under OUT, without suffix
    target: Path | None = None  # resolved output file (None: standard output / shared file)


def expand_inputs(inputs: tuple[str, ...], out_dir: Path | None) -> list[Job]:
    """Files as given; directories walked recursively for recognised
    extensions, skipping hidden files and folders, Office lock files
    (``~$…``) and every file an earlier run wrote (the ``.giaparse-outputs``
    manifest of OUT, and of any folder walked: an earlier run's output
    folder). A directory's files keep their path under the directory's name
    (``reports/2023/a.pdf`` → ``OUT/reports/2023/a.json``); a file given by
    itself goes to the top of OUT.

    Nothing else is left out: OUT may be anywhere (an ancestor of the inputs,
    the input folder itself, inside it, beside it) and every input is
    converted. This run's own outputs are named after the inputs are listed,
    so they are never read back."""
    written = Manifest(out_dir).paths() if out_dir is not None else set()
    jobs: list[Job] = []
    for given in inputs:
        path = Path(given)
        if given != "-" and path.is_dir():
            root = path.resolve()
            base = Path(root.name or "root")
            found = []
            for p in path.rglob("*"):
                rel = p.relative_to(path)
                if _hidden(rel.parts) or not p.name.lower().endswith(_RECOGNISED) or not p.is_file():
                    continue
                found.append((rel.as_posix(), p, rel))
            outputs = written | {q for m in path.rglob(MANIFEST_NAME) for q in Manifest(m.parent).paths()}
            for _, p, rel in sorted(found):
                if outputs and p.resolve() in outputs:
                    continue
                jobs.append(Job(str(p), base / rel.parent / rel.stem))
        else:
            stem = "stdin" if given == "-" else path.stem
            jobs.append(Job(given, Path(stem)))
    return jobs


class Manifest:
    """``OUT/.giaparse-outputs``: the files giaparse wrote into OUT, one path relative to OUT a line.

    A later run whose inputs include OUT (or a folder holding it) leaves
    exactly these files out, whatever their extension (a CSV output is a
    recognised input). A line is appended as each file is written, so a run
    cut off still lists what it wrote; the file is hidden, so never an input."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.path = out_dir / MANIFEST_NAME

    def paths(self) -> set[Path]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return set()
        return {(self.out_dir / line).resolve() for line in text.splitlines() if line.strip()}

    def compact(self) -> None:
        """Drop repeated lines and files no longer there (the list grows by a line a file each run)."""
        if not self.path.exists():
            return
        kept = sorted({p.relative_to(self.out_dir.resolve()).as_posix() for p in self.paths() if p.is_file()})
        if kept:
            _write_atomic(self.path, "\n".join(kept))
        else:
            self.path.unlink()

    def record(self, written: Path) -> None:
        try:
            rel = written.resolve().relative_to(self.out_dir.resolve())
        except ValueError:
            return
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(rel.as_posix() + "\n")


def assign_targets(jobs: list[Job], out_dir: Path, suffix: str) -> None:
    """``OUT/<rel>.<suffix>``; inputs whose names clash (``a.txt`` and
    ``a.html``) keep their extension (``a.txt.json``), a remaining clash gets
    ``-2``, ``-3`` in input order. The names depend only on the input paths,
    so a resumed run finds the same names."""
    def plain(job: Job) -> Path:
        return out_dir / job.rel.with_name(job.rel.name + suffix)

    def named(job: Job) -> Path:
        return out_dir / job.rel.with_name(Path(job.source).name + suffix)

    plain_counts = Counter(plain(j) for j in jobs)
    named_counts = Counter(named(j) for j in jobs if j.source != "-")
    used: set[Path] = set()
    for job in jobs:
        target = plain(job)
        if plain_counts[target] > 1 and job.source != "-" and named_counts[named(job)] == 1:
            target = named(job)
        n, base = 2, target
        while target in used:
            target = base.with_name(f"{base.name[: -len(suffix)]}-{n}{suffix}")
            n += 1
        used.add(target)
        job.target = target


# Output of one result -------------------------------------------------------

def _record_line(result: ConversionResult) -> str:
    """One JSON Lines record: ``{"path", "status", "report"}``, or ``{"path", "status", "error"}`` for a
    failure, so two inputs of the same name in different folders can be told apart."""
    head = json.dumps({"path": result.input, "status": result.status.value}, ensure_ascii=False)[:-1]
    if result.report is None:
        error = result.error.to_dict() if result.error is not None else None
        return f'{head}, "error": {json.dumps(error, ensure_ascii=False)}}}'
    return f'{head}, "report": {result.report.to_json(indent=None)}}}'


def _rendered(result: ConversionResult, fmt: str, indent: int | None, path: str) -> str | bytes:
    from . import export

    report = result.report
    assert report is not None
    if fmt == "json":
        # encoded where the document was converted, when the pool did it
        return result.rendered if result.rendered is not None else report.to_json(indent=indent)
    if fmt == "csv":
        return export.csv_text(export.cell_rows(report, path)).rstrip("\n")
    return export.parquet_bytes(export.cell_rows(report, path))


@dataclass
class Tally:
    total: int
    converted: int = 0
    failed: int = 0
    not_reports: int = 0
    failed_checks: int = 0
    ambiguous: int = 0
    skipped: int = 0
    by_status: Counter = field(default_factory=Counter)

    def add(self, result: ConversionResult) -> None:
        from .batch import ConversionStatus

        self.by_status[result.status] += 1
        if not result.ok:
            self.failed += 1
            return
        self.converted += 1
        self.not_reports += result.status is ConversionStatus.NOT_A_REPORT
        self.failed_checks += result.failed_checks > 0
        self.ambiguous += result.ambiguous_cells > 0

    def line(self, interrupted: bool = False) -> str:
        parts = [f"{self.converted} converted", f"{self.failed} failed", f"{self.not_reports} not reports",
                 f"{self.failed_checks} with failed checks", f"{self.ambiguous} with ambiguous cells"]
        if self.skipped:
            parts.append(f"{self.skipped} skipped (output exists)")
        head = f"giaparse: {self.total} input(s): "
        tail = f"; interrupted, {self.total - self.converted - self.failed - self.skipped} not done" \
            if interrupted else ""
        return head + ", ".join(parts) + tail


def _error(message: str) -> None:
    click.echo(f"giaparse: error: {message}", err=True)


def _optional(value: float) -> float | None:
    return value if value and value > 0 else None


def _optional_int(value: int) -> int | None:
    return value if value and value > 0 else None


# Commands -------------------------------------------------------------------

@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="giaparse")
def main() -> None:
    """Turn 政府信息公开工作年度报告 (government information disclosure annual
    reports) into structured data: the three statistical tables as numbers,
    the template's own arithmetic as checks, and the six parts as text.

    \b
    Start with:
      giaparse convert report.html                 # JSON to standard output
      giaparse convert reports/ -o out/            # a folder, one JSON file per input
      giaparse convert reports/ -o out/ --format parquet   # one row per table cell
      giaparse schema > canonical.schema.json      # the output's JSON Schema
      giaparse compare 2021.pdf 2022.pdf 2023.pdf  # cross-year checks of a series
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT [INPUT ...]")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the outputs (created if missing): one file per input, mirroring the input paths.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
              help="json: canonical JSON. jsonl: one compact line per input, failures too. "
              "csv / parquet: long format, one row per table cell.")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None,
              help="Worker processes.  [default: CPU count]")
@click.option("--skip-existing", is_flag=True,
              help="Leave inputs whose output file already exists (resume an interrupted batch).")
@click.option("--timeout", type=float, default=_DEFAULTS.timeout_s, show_default=True,
              help="Seconds per document; a worker that takes longer is stopped (0: no limit).")
@click.option("--ocr-page-timeout", type=float, default=_DEFAULTS.ocr_page_timeout_s, show_default=True,
              help="Seconds added to --timeout for each page read by OCR (a scanned page takes a few seconds).")
@click.option("--max-memory", type=int, default=_DEFAULTS.max_memory_mb, show_default=True,
              help="MiB of address space per worker process (RLIMIT_AS; 0: no limit).")
@click.option("--max-bytes", type=int, default=_DEFAULTS.max_bytes, show_default=True,
              help="Largest input file in bytes (0: no limit).")
@click.option("--max-pages", type=int, default=_DEFAULTS.max_pages, show_default=True,
              help="Most PDF pages (0: no limit).")
@click.option("--pdf-password", default=None, metavar="PASSWORD",
              help="Password for encrypted PDFs (owner-password-only PDFs open without one).")
@click.option("--indent", type=click.IntRange(0, 8), default=2, show_default=True,
              help="JSON indentation; 0 writes one compact line.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on standard error (default: on for several inputs on a terminal).")
@click.option("--pdf-backend", type=click.Choice([b.value for b in PdfBackend]), default=PdfBackend.PDFPLUMBER.value,
              show_default=True, help="Where PDF tables come from: ruling lines via pdfplumber, or camelot's lattice "
              "parser (needs giaparse[camelot]).")
@click.option("--pdf-engine", type=click.Choice([e.value for e in PdfEngine]), default=PdfEngine.PYPDFIUM2.value,
              show_default=True, help="What reads a PDF's characters and lines: PDFium (fast) or pdfminer (pure "
              "Python, the reference); both give the same cells on the corpus.")
@click.option("--corrections", "corrections_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="FILE.jsonl", help="A person's corrections (JSON Lines, as a review page exports them): "
              "the records whose sha256 is an input's are applied to it before its checks.")
@click.option("-v", "--verbose", is_flag=True, help="One line per file on standard error.")
@click.option("-q", "--quiet", is_flag=True, help="No notes or summary; errors are still printed.")
def convert(inputs: tuple[str, ...], out_dir: Path | None, fmt: str, jobs: int | None, skip_existing: bool,
            timeout: float, ocr_page_timeout: float, max_memory: int, max_bytes: int, max_pages: int,
            pdf_password: str | None, indent: int, progress: bool | None, pdf_backend: str, pdf_engine: str,
            verbose: bool, quiet: bool, corrections_file: Path | None = None) -> None:
    """Convert annual reports (PDF, DOCX, .doc/.wps, HTML, text) to canonical JSON or tidy tables.

    \b
    INPUT is a file, a folder (searched recursively for .pdf .docx .doc
    .wps .html .htm .txt .md …; hidden files and ~$ lock files are left
    out) or "-" for standard input. The format is recognised from the
    content, not the file name.

    \b
    Where the output goes:
      no -o, one file        the JSON on standard output
      no -o, several inputs  JSON Lines, one record per input:
                             {"path", "status", "report"} or, failed,
                             {"path", "status", "error"};
                             --format csv: one CSV with one header
      -o OUT                 one file per input, mirroring the inputs:
                             a.txt -> OUT/a.json, reports/2023/b.pdf ->
                             OUT/reports/2023/b.json (.csv, .parquet);
                             --format jsonl: OUT/reports.jsonl.
                             OUT/errors.jsonl lists every failed input
                             (path, error type, message). An input is
                             never overwritten; files are written whole
                             (temporary file + rename). OUT may be
                             anywhere, even above or inside the inputs:
                             OUT/.giaparse-outputs lists what giaparse
                             wrote, and no later run reads those back.

    \b
    Limits (a document past one fails with one line naming the flag;
    the batch goes on): --max-bytes, --max-pages, --timeout (plus
    --ocr-page-timeout for each scanned page read by OCR), --max-memory.
    Null cells stay null: an empty field in CSV, a null in Parquet.

    \b
    Exit status: 0 all converted, 1 some input failed (or no input file
    found), 2 usage error, 130 interrupted (Ctrl-C; the summary is
    printed, finished files are kept, and --skip-existing resumes), 141
    standard output closed by its reader (| head). A document that is not an annual
    report is converted with "kind": "other" (not an error).

    \b
    Examples:
      giaparse convert 2023年报.txt
      giaparse convert *.html -o json/
      giaparse convert 浙江省/ -o out/ --jobs 4 -v
      giaparse convert 浙江省/ -o out/ --skip-existing      # resume
      giaparse convert 浙江省/ -o cells/ --format parquet
      giaparse convert secret.pdf --pdf-password 1234
      curl -s URL | giaparse convert - > report.json
    """
    from .batch import ConversionResult, ConversionStatus

    if fmt == "parquet" and out_dir is None:
        raise click.UsageError("--format parquet writes files: give an output folder with -o OUT")
    if skip_existing and (out_dir is None or fmt == "jsonl"):
        raise click.UsageError("--skip-existing needs -o OUT and a per-file format (json, csv, parquet)")
    if fmt == "parquet":  # fail early, in one line, if the extra is missing
        from .export import _pyarrow

        try:
            _pyarrow()
        except GiaparseError as exc:
            raise click.UsageError(str(exc)) from None
    if out_dir is not None:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            Manifest(out_dir).compact()
        except OSError as exc:
            raise click.UsageError(f"cannot create output directory {out_dir}: {exc.strerror}") from None

    if len(inputs) > 1 or Path(inputs[0]).is_dir():  # likely a pool: its fork server imports while we list
        from .batch import start_server

        start_server()
    corrections = _load_corrections(corrections_file)
    options = ReadOptions(pdf_backend=PdfBackend(pdf_backend), pdf_engine=PdfEngine(pdf_engine),
                          pdf_password=pdf_password,
                          max_bytes=_optional_int(max_bytes), max_pages=_optional_int(max_pages),
                          timeout_s=_optional(timeout), ocr_page_timeout_s=_optional(ocr_page_timeout),
                          max_memory_mb=_optional_int(max_memory))
    manifest = Manifest(out_dir) if out_dir is not None else None
    work = expand_inputs(inputs, out_dir)
    if not work:
        _error(f"no input files: {' '.join(inputs)} holds no file giaparse reads (.pdf .docx .doc .wps "
               ".html .txt .md …; hidden files and earlier outputs are left out)")
        sys.exit(EXIT_SOME_FAILED)
    single = len(inputs) == 1 and len(work) == 1 and not Path(inputs[0]).is_dir()
    lines = fmt == "jsonl" or (fmt == "json" and out_dir is None and not single)  # one record per input
    tally = Tally(len(work))
    errors_fh = shared_fh = None
    if out_dir is not None:
        if fmt in _SUFFIX:
            assign_targets(work, out_dir, _SUFFIX[fmt])
        errors_fh = _LazyFile(out_dir / ERRORS_NAME)
        if fmt == "jsonl":
            shared_fh = _AtomicLines(out_dir / JSONL_NAME)

    input_files = {Path(j.source).resolve() for j in work if j.source != "-"}
    todo: list[Job] = []
    for job in work:
        if job.target is not None and job.target.resolve() in input_files:
            _error(f"{job.source}: the output {job.target} would overwrite an input; choose another -o")
            tally.failed += 1
            _log_error(errors_fh, job.source, "OutputClash", f"{job.source}: the output {job.target} is an input")
            continue
        if skip_existing and job.target is not None and job.target.exists():
            tally.skipped += 1
            if verbose:
                click.echo(f"giaparse: skip {job.source} (exists: {job.target})", err=True)
            continue
        todo.append(job)

    show_bar = progress if progress is not None else (len(work) > 1 and sys.stderr.isatty())
    from tqdm import tqdm

    stdin = sys.stdin.buffer.read() if any(j.source == "-" for j in todo) else None
    bar = tqdm(total=len(todo), unit="file", disable=not show_bar, file=sys.stderr, dynamic_ncols=True)
    header_done = False
    interrupted = stopped = broken_pipe = False
    # JSON is encoded where the document was converted (on every core, not in this one process)
    indent_json = fmt == "json" and (out_dir is not None or single)
    results = _converted(todo, stdin, options, corrections, jobs,
                         indent=(indent or None) if indent_json else False,
                         unordered=out_dir is not None and fmt in _SUFFIX,
                         out=(out_dir, fmt, indent or None) if out_dir is not None and fmt in _SUFFIX else None)
    try:
        for job, result in results:
            bar.update(1)
            result.input = job.source if job.source != "-" else "<stdin>"
            _note_corrections(corrections, result, single)
            if result.ok and result.written is None:  # else the worker wrote it (and listed it)
                try:
                    header_done = _emit(job, result, fmt, indent, out_dir, lines, shared_fh, header_done)
                    if manifest is not None and job.target is not None:
                        manifest.record(job.target)
                except BrokenPipeError:
                    raise
                except OSError as exc:
                    result = ConversionResult(result.input, ConversionStatus.FAILURE,
                                              error=_write_error(job.target, exc))
            tally.add(result)
            if result.error is not None:
                bar.clear()
                _error(result.error.message)
                _log_error(errors_fh, result.input, result.error.type, result.error.message)
                if lines:
                    _line(shared_fh, _record_line(result))
            elif verbose:
                bar.clear()
                click.echo(_verbose_line(job, result), err=True)
            elif not quiet and result.status is ConversionStatus.NOT_A_REPORT and len(work) > 1:
                bar.clear()
                click.echo(f"giaparse: note: {result.input}: not an annual report (kind: other)", err=True)
    except KeyboardInterrupt:
        interrupted = True
    except BrokenPipeError:  # the reader of standard output is gone (| head): stop, quietly
        broken_pipe = True
    except GiaparseError as exc:  # the pool itself failed (a worker could not start): stop, in one line
        bar.clear()
        _error(str(exc))
        tally.failed = max(tally.failed, 1)
        stopped = True
    finally:
        results.close()  # stops the workers
        bar.close()
        for fh in (errors_fh, shared_fh):
            if fh is not None:
                fh.close()
    if broken_pipe:
        _silence_stdout()
        sys.exit(EXIT_BROKEN_PIPE)
    if not single and not interrupted and not stopped:
        _warn_unapplied_corrections(corrections, corrections_file)
    if interrupted or stopped or (not quiet and len(work) > 1):
        click.echo(tally.line(interrupted or stopped), err=True)
    if interrupted:
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(EXIT_SOME_FAILED if tally.failed else EXIT_OK)


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush on exit does not
    print a second broken-pipe error (the recipe of Python's signal documentation)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (a test runner's stream)
        pass


class _AtomicLines:
    """OUT/reports.jsonl: lines go to a temporary file, renamed into place when the run ends
    (also on Ctrl-C), so the file is never half a line and an earlier one is replaced whole."""

    def __init__(self, path: Path) -> None:
        self.path = path
        fd, self.tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        _chmod_from_umask(fd)
        self._fh = os.fdopen(fd, "w", encoding="utf-8")

    def write(self, text: str) -> None:
        self._fh.write(text)

    def flush(self) -> None:
        self._fh.flush()

    def close(self) -> None:
        self._fh.close()
        os.replace(self.tmp, self.path)


class _LazyFile:
    """A line file made at its first line; a stale one from an earlier run is removed at once,
    so OUT/errors.jsonl exists exactly when this run had failures."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: TextIO | None = None
        path.unlink(missing_ok=True)

    def write(self, text: str) -> None:
        if self._fh is None:
            self._fh = open(self.path, "w", encoding="utf-8")
        self._fh.write(text)

    def flush(self) -> None:
        if self._fh is not None:
            self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()


def _write_error(target: Path | None, exc: OSError) -> ErrorItem:
    from .batch import ErrorItem

    return ErrorItem("OutputError", f"{target}: cannot write ({exc.strerror or exc})")


def _log_error(fh: LineFile | None, path: str, kind: str, message: str) -> None:
    if fh is not None:
        _line(fh, json.dumps({"path": path, "type": kind, "message": message}, ensure_ascii=False))


def _line(fh: LineFile | None, text: str) -> None:
    if fh is None:
        click.echo(text)
    else:
        fh.write(text + "\n")
        fh.flush()


def _emit(job: Job, result: ConversionResult, fmt: str, indent: int, out_dir: Path | None, lines: bool,
          shared_fh: LineFile | None, header_done: bool) -> bool:
    """Write one converted input where it belongs; returns whether a CSV header is out."""
    report = result.report
    assert report is not None
    if lines:
        _line(shared_fh, _record_line(result))
    elif out_dir is None:
        if fmt == "json":
            click.echo(result.rendered if result.rendered is not None else report.to_json(indent=indent or None))
        else:  # csv to standard output: one header for the whole batch
            from .export import cell_rows, csv_text

            click.echo(csv_text(cell_rows(report, job.source), header=not header_done), nl=False)
            return True
    else:
        assert job.target is not None
        _write_atomic(job.target, _rendered(result, fmt, indent or None, job.source))
    return header_done


def _converted(todo: list[Job], stdin: bytes | None, options: ReadOptions, corrections, jobs: int | None, *,
               indent: int | None | bool, unordered: bool, out: tuple[Path, str, int | None] | None = None):
    """``(job, result)`` for every job. One input: converted here, no worker to start. Several:
    a ``WorkerPool``; with one output file per input (``unordered``), the largest inputs go
    first and each result comes back the moment it is done, so it is on disk at once and no
    large file is left running alone at the end. With ``out`` (OUT, format, indent) each worker
    writes its documents' files itself (``_convert_to_file``)."""
    from .batch import WorkerPool, convert_here, convert_one, convert_rendered

    def source(job: Job):
        return (stdin, "<stdin>") if job.source == "-" else job.source

    kwargs = {} if indent is False else {"indent": indent}
    if len(todo) == 1:
        def stuck(result: ConversionResult) -> None:  # a parse stuck in native code: what a killed worker says
            _error(result.error.message)
            os._exit(EXIT_SOME_FAILED)

        item = source(todo[0])
        src, name = item if isinstance(item, tuple) else (item, None)
        yield todo[0], convert_here(src, options, name=name, corrections=corrections, on_stuck=stuck,
                                    convert=convert_one if indent is False else convert_rendered, **kwargs)
        return
    pool = WorkerPool(min(jobs or os.cpu_count() or 1, max(1, len(todo))), options, corrections=corrections,
                      convert=convert_one if indent is False else convert_rendered, convert_kwargs=kwargs)
    if not unordered:
        results = pool.map([source(j) for j in todo])
        try:
            yield from zip(todo, results, strict=True)
        finally:
            results.close()
        return
    order = sorted(range(len(todo)), key=lambda i: -_size(todo[i].source))
    if out is not None:
        out_dir, fmt, json_indent = out
        pool.convert, pool.convert_kwargs, pool.cleanup = _convert_to_file, {}, _remove_partial

        def item(job: Job) -> tuple:
            src = source(job)
            src, name = src if isinstance(src, tuple) else (src, None)
            return src, name, {"target": str(job.target), "out_dir": str(out_dir), "fmt": fmt,
                               "indent": json_indent, "path": job.source}
        pairs = pool.map_unordered([item(todo[i]) for i in order])
    else:
        pairs = pool.map_unordered([source(todo[i]) for i in order])
    try:
        for k, result in pairs:
            yield todo[order[k]], result
    finally:
        pairs.close()


def _convert_to_file(source: Any, options: ReadOptions, *, name: str | None = None,
                     corrections: Corrections | None = None, target: str, out_dir: str, fmt: str,
                     indent: int | None, path: str) -> ConversionResult:
    """What a pool's worker runs with ``-o`` and a file per input: convert, and write the output
    file here, so that the parent (one process, while every core converts) neither unpickles the
    report nor encodes and writes it; it gets back a small result (``written``, ``summary``).

    The file is listed in OUT's manifest before it is renamed into place: a listed file that is
    missing is harmless, an output never listed could be read back as an input by a later run."""
    from .batch import ConversionResult, ConversionStatus, ReportSummary, convert_one

    result = convert_one(source, options, name=name, corrections=corrections)
    if result.report is None:
        return result
    try:
        data = _rendered(result, fmt, indent, path)
        Manifest(Path(out_dir)).record(Path(target))
        _write_atomic(Path(target), data, worker=True)
    except OSError as exc:
        failed = ConversionResult(result.input, ConversionStatus.FAILURE, error=_write_error(Path(target), exc))
        failed.seconds, failed.cpu_seconds = result.seconds, result.cpu_seconds
        return failed
    result.summary, result.written, result.report = ReportSummary.of(result), target, None
    return result


def _remove_partial(own: dict[str, Any], pid: int) -> None:
    """After a worker was killed holding a document (Ctrl-C, its timeout): its half-written file, if any."""
    try:
        _partial(Path(own["target"]), pid).unlink(missing_ok=True)
    except OSError:
        pass


def _size(path: str) -> int:
    try:
        return os.path.getsize(path) if path != "-" else 0
    except OSError:
        return 0


def _load_corrections(path: Path | None) -> Corrections | None:
    """The corrections file of ``--corrections``, or None; a bad file is a usage error in one line."""
    if path is None:
        return None
    from .corrections import load_corrections

    try:
        return load_corrections(path)
    except GiaparseError as exc:
        raise click.UsageError(f"--corrections: {exc}") from None


def _note_corrections(corrections: Corrections | None, result: ConversionResult, single: bool) -> None:
    """Mark the input's sha256 as seen; with one input, records for any other file are named in
    its output (``correction_not_applied``), since no other input of the run can take them."""
    if corrections is None:
        return
    if result.report is None:  # written by its worker: only the summary came back
        if result.summary is not None:
            corrections.mark_seen(result.summary.sha256)
        return
    corrections.mark_seen(result.report.source.sha256)
    if single and (others := corrections.not_applied()):
        from .batch import status_of
        from .corrections import not_applied_warning
        from .diagnostics import aggregate

        result.report.warnings = aggregate([*result.report.warnings, not_applied_warning(others)])
        result.status = status_of(result.report)
        result.rendered = None  # rendered before this warning was added


def _warn_unapplied_corrections(corrections: Corrections | None, path: Path | None) -> None:
    """After a batch: one line for each correction whose sha256 matched no input."""
    for record in corrections.not_applied() if corrections is not None else []:
        click.echo(f"giaparse: warning: correction_not_applied: {record.origin or path}: {record.cell} is for "
                   f"sha256 {record.sha256[:16]}…, which matches no input; not applied", err=True)


def _verbose_line(job: Job, result: ConversionResult) -> str:
    where = f" -> {job.target}" if job.target is not None else ""
    notes = []
    warnings = (len(result.report.warnings) if result.report is not None
                else result.summary.warnings if result.summary is not None else 0)
    if warnings:
        notes.append(f"{warnings} warning(s)")
    if result.failed_checks:
        notes.append(f"{result.failed_checks} failed check(s)")
    if result.ambiguous_cells:
        notes.append(f"{result.ambiguous_cells} ambiguous cell(s)")
    detail = f" ({', '.join(notes)})" if notes else ""
    secs = f" {result.seconds:.2f}s" if result.seconds is not None else ""
    return f"giaparse: {result.status.value} {result.input}{where}{detail}{secs}"


@main.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of the canonical output."""
    click.echo(schema_text(), nl=False)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="REPORT [REPORT ...]")
@click.option("-o", "--output", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the checks as JSON to this file (written atomically).")
@click.option("--factor", type=click.FloatRange(min=1.0, min_open=True), default=10.0, show_default=True,
              help="Flag a table-2 count that changed by more than this factor from one year to the next.")
@click.option("--all", "all_rows", is_flag=True, help="List passing checks too, not only failures and skips.")
def compare(inputs: tuple[str, ...], out_file: Path | None, factor: float, all_rows: bool) -> None:
    """Cross-year checks over organs' reports (any inputs, giaparse JSON, or folders of them).

    \b
    A mixed folder is grouped by organ: one series per organ, each checked
    on its own (-o: one series' object, or {"series": [...]} for several).

    \b
    For each pair of consecutive years y-1, y:
      series.carry_over     二、上年结转 (y) = 四、结转下年度继续办理 (y-1), per column
      series.in_force       现行有效件数 (y) = 现行有效件数 (y-1) + 本年制发 - 本年废止
                            (规章, 规范性文件; 2021 template)
      series.change_factor  a table-2 count that changed by more than --factor
    A failed check is data about the reports, never repaired. Exit status:
    0 when every input was read, 1 when one could not be (the rest are still
    compared), 2 for a usage error.

    \b
    Examples:
      giaparse compare 2021.pdf 2022.pdf 2023.html
      giaparse compare out/*.json -o series.json --all
    """
    from .compare import read_inputs

    docs, errors = read_inputs(inputs)
    for exc in errors:
        _error(str(exc))
    _compare_series(docs, out_file, factor, all_rows)
    sys.exit(EXIT_SOME_FAILED if errors else EXIT_OK)


def _compare_series(docs: list, out_file: Path | None, factor: float, all_rows: bool) -> None:
    """One series per organ: a table each; the JSON is the series' object when there is one organ,
    ``{"series": [...]}`` when there are several."""
    import json

    from .compare import compare_by_organ, format_table

    results = compare_by_organ(docs, factor=factor) or []
    if not results:
        from .compare import compare_reports

        results = [compare_reports([], factor=factor)]
    click.echo("\n\n".join(format_table(r, all_rows=all_rows) for r in results))
    if out_file is not None:
        data = results[0].to_dict() if len(results) == 1 else {"series": [r.to_dict() for r in results]}
        try:
            _write_atomic(out_file, json.dumps(data, ensure_ascii=False, indent=2))
        except OSError as exc:
            raise click.ClickException(f"{out_file}: cannot write ({exc.strerror})") from None



@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT [INPUT ...]")
@click.option("-o", "--output", "out_path", type=click.Path(path_type=Path), required=True,
              help="One input: the HTML file to write. A folder or several inputs: the site's folder "
              "(index.html and a page per document).")
@click.option("--pdf-backend", type=click.Choice([b.value for b in PdfBackend]), default=PdfBackend.PDFPLUMBER.value,
              show_default=True, help="Where PDF tables come from, as for convert.")
@click.option("--corrections", "corrections_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="FILE.jsonl", help="Corrections to show applied (as convert --corrections).")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None,
              help="Worker processes for a site.  [default: CPU count]")
@click.option("--timeout", type=float, default=_DEFAULTS.timeout_s, show_default=True,
              help="Seconds per document in a site (0: no limit), as for convert.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
def review(inputs: tuple[str, ...], out_path: Path, pdf_backend: str, corrections_file: Path | None = None,
           jobs: int | None = None, timeout: float = 40.0, quiet: bool = False) -> None:
    """Write a review page, or a review site for a folder of reports.

    \b
    One input: one static HTML file, no network and no external asset: the
    three tables in the template's layout with Chinese labels; cells of
    failed checks and cells named by warnings highlighted, unconfirmed
    values underlined; beside them the source (PDF pages rendered, with the
    table regions drawn; HTML/DOCX source grids; text lines numbered).
    Click a cell to see its source and its evidence, to confirm it or to
    enter its right value; the page exports the corrections as JSON Lines
    for convert --corrections.

    \b
    A folder (or several inputs): a site in OUT: a page per document under
    OUT/pages/ (mirroring the input paths) and OUT/index.html listing every
    document with what needs a look — failed checks, nulls, unconfirmed
    numbers, OCR'd pages, warnings — sortable and filterable.

    \b
    Examples:
      giaparse review 2023年报.pdf -o 2023年报.html
      giaparse review 浙江省/ -o site/ --jobs 4
    """
    corrections = _load_corrections(corrections_file)
    options = ReadOptions(pdf_backend=PdfBackend(pdf_backend), timeout_s=_optional(timeout))
    if len(inputs) > 1 or Path(inputs[0]).is_dir():
        sys.exit(_review_site(inputs, out_path, options, jobs, corrections, quiet))
    _review_one_page(inputs[0], out_path, options, corrections)


def _review_one_page(input_path: str, out_file: Path, options: ReadOptions, corrections: Corrections | None) -> None:
    from .review import review_page

    try:
        data = sys.stdin.buffer.read() if input_path == "-" else None
        page = review_page(data if data is not None else input_path, name="<stdin>" if data is not None else None,
                           options=options, corrections=corrections)
    except GiaparseError as exc:
        _error(str(exc))
        sys.exit(EXIT_SOME_FAILED)
    except Exception as exc:  # a bug in giaparse: one line, not a traceback
        _error(f"{input_path}: internal error, please report it: {type(exc).__name__}: {exc}")
        sys.exit(EXIT_SOME_FAILED)
    try:
        _write_atomic(out_file, page)
    except OSError as exc:
        _error(f"{out_file}: cannot write ({exc.strerror})")
        sys.exit(EXIT_SOME_FAILED)


def _review_site(inputs: tuple[str, ...], out_dir: Path, options: ReadOptions, jobs: int | None,
                 corrections: Corrections | None, quiet: bool) -> int:
    """``giaparse review DIR -o SITE``: pages mirror the inputs under SITE/pages, as convert -o does."""
    from .review.site import build_site, summary_line

    if out_dir.exists() and not out_dir.is_dir():
        raise click.UsageError(f"{out_dir} is a file; a site needs a folder (-o SITE)")
    work = expand_inputs(inputs, out_dir)
    assign_targets(work, out_dir / "pages", ".html")
    if not work:
        _error("no recognised input files found")
        return EXIT_SOME_FAILED

    def each(result: ConversionResult, row: Any) -> None:
        if row.error:
            _error(row.error)

    try:
        site = build_site([(j.source, j.target, (j.rel.parent / Path(j.source).name).as_posix())
                           for j in work if j.target is not None], out_dir, options=options,
                          jobs=jobs, corrections=corrections, on_result=each)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except OSError as exc:
        _error(f"{out_dir}: cannot write ({exc.strerror or exc})")
        return EXIT_SOME_FAILED
    manifest = Manifest(out_dir)
    for written in [*(j.target for j in work if j.target is not None), Path(site.index)]:
        if written.is_file():
            manifest.record(written)
    _warn_unapplied_corrections(corrections, None)
    if not quiet:
        click.echo(summary_line(site.rows, site.seconds) + f" -> {site.index}", err=True)
    return EXIT_SOME_FAILED if site.failed else EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    main()
