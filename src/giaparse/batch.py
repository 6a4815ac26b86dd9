"""Many documents: one result per input, bounded in time and memory.

``convert_many(paths)`` yields a ``ConversionResult`` per input, in input
order, in the manner of docling's ``convert_all(raises_on_error=False)``:
a bad file is a result with ``status=FAILURE`` and its error, never an
exception that stops the batch.

Where the work runs
-------------------
* ``executor=None`` (the CLI, and the default): giaparse's ``WorkerPool``,
  a few worker processes on this machine. Each worker parses one document
  at a time; the parent knows when each document started, and a worker that
  passes ``ReadOptions.timeout_s`` is killed and replaced, its document
  answered with ``LimitExceeded`` (the only reliable way to stop a parse
  stuck in C code or a pathological regex). Each worker caps its own
  address space at ``ReadOptions.max_memory_mb`` (``RLIMIT_AS``, where the
  OS has it), so an allocation past the cap raises ``MemoryError`` inside
  the worker, which answers ``LimitExceeded`` and is replaced. A page that
  goes through OCR takes seconds: each one, as it starts, gives its
  document ``ReadOptions.ocr_page_timeout_s`` more (``progress``).
  The workers fork from a fork server that has imported giaparse, its
  readers and their libraries once (``PRELOAD``), so each starts warm; the
  pool starts them side by side, once per batch. ``map`` yields in input
  order; ``map_unordered`` yields each result the moment it is done (the
  CLI with ``-o`` dispatches the largest files first and writes each result
  as it comes). ``convert_rendered`` also encodes the report's JSON in the
  worker; the CLI's ``-o`` has each worker write its files itself and send
  back only a small result (``ConversionResult.written`` and ``summary``).
* One document, no worker (``convert_here``, what the CLI does for a single
  input): the same limits from inside the process (a timer signal, an
  address-space cap), nothing to start.
* ``executor=`` any ``concurrent.futures.Executor`` — a
  ``ProcessPoolExecutor``, a ``ThreadPoolExecutor``, or Dask's
  ``Client.get_executor()`` to run on a cluster. Each input is one task,
  ``convert_one(path, options)``, submitted to it (paths must be readable
  where the tasks run). There giaparse does not kill anything: ``max_bytes``
  and ``max_pages`` still apply (they are checked inside the parse), but
  ``timeout_s`` and ``max_memory_mb`` are the engine's business (Dask:
  ``memory_limit`` per worker, which restarts a worker that passes it; a
  task lost that way comes back as a ``FAILURE`` result naming the
  engine's error). ``dask_client()`` makes a Client (of a scheduler, or of
  a new ``LocalCluster``) and says which extra to install when Dask is
  missing.

The scale-out is the executor's: giaparse only submits tasks and collects
their results in order.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from enum import Enum
from multiprocessing.connection import Connection
from multiprocessing.connection import wait as wait_ready
from typing import TYPE_CHECKING, Any

from . import progress
from .corrections import Corrections, load_corrections
from .diagnostics import Severity, WarningCode
from .errors import GiaparseError, LimitExceeded, MissingDependency
from .options import ReadOptions

if TYPE_CHECKING:  # the pipeline is imported where a document is converted: the parent of a pool needs none of it
    from .report import Report

Source = str | os.PathLike | bytes
#: What a pool takes per input: a source, ``(source, name)``, or ``(source, name, keywords for convert)``.
Item = Source | tuple[Source, str | None] | tuple[Source, str | None, dict[str, Any]]


class ConversionStatus(str, Enum):
    """What became of one input."""

    SUCCESS = "success"                  # an annual report, no warnings (notes aside), every check passed
    PARTIAL_SUCCESS = "partial_success"  # an annual report with warnings or failed checks
    NOT_A_REPORT = "not_a_report"        # read fine, but not an annual report (kind "other")
    FAILURE = "failure"                  # could not be converted: see ``error``


@dataclass(frozen=True)
class ErrorItem:
    """Why an input failed: the exception type's name and its one-line message."""

    type: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"type": self.type, "message": self.message}


@dataclass(frozen=True)
class ReportSummary:
    """What the parent of a pool needs of a report that its worker wrote out itself
    (``ConversionResult.written``): the report stays in the worker, only these cross the pipe."""

    sha256: str
    warnings: int
    failed_checks: int
    ambiguous_cells: int

    @classmethod
    def of(cls, result: ConversionResult) -> ReportSummary:
        assert result.report is not None
        return cls(result.report.source.sha256, len(result.report.warnings), result.failed_checks,
                   result.ambiguous_cells)


@dataclass
class ConversionResult:
    """One input's outcome. ``report`` is set unless ``status`` is FAILURE."""

    input: str
    status: ConversionStatus
    report: Report | None = None
    error: ErrorItem | None = None
    #: Seconds the conversion took where it ran (None if the worker was lost).
    seconds: float | None = field(default=None, compare=False)
    #: CPU seconds the conversion used where it ran (every thread of that process: OCR runs several).
    cpu_seconds: float | None = field(default=None, compare=False)
    #: Peak resident memory (MiB) of the worker process so far, where it could be measured.
    worker_peak_mb: float | None = field(default=None, compare=False)
    #: ``report.to_json(indent)`` when the worker rendered it (``convert_rendered``): the parent of a
    #: pool then writes the text instead of encoding every report itself, one after another.
    rendered: str | None = field(default=None, compare=False, repr=False)
    #: The output file the worker that converted the input wrote itself (the CLI with ``-o``); then
    #: ``report`` is None and ``summary`` says what the parent needs of it.
    written: str | None = field(default=None, compare=False)
    summary: ReportSummary | None = field(default=None, compare=False, repr=False)

    @property
    def ok(self) -> bool:
        return self.status is not ConversionStatus.FAILURE

    @property
    def failed_checks(self) -> int:
        if self.report is None:
            return self.summary.failed_checks if self.summary is not None else 0
        return len(self.report.failed_checks)

    @property
    def ambiguous_cells(self) -> int:
        if not self.report:
            return self.summary.ambiguous_cells if self.summary is not None else 0
        return sum(sum(1 for _ in w.cells()) or w.count for w in self.report.warnings
                   if w.code is WarningCode.CELL_AMBIGUOUS)


def status_of(report: Report) -> ConversionStatus:
    """SUCCESS, or PARTIAL_SUCCESS when a check failed or a warning (not a note: ``Severity.INFO``) was raised."""
    if not report.is_annual_report:
        return ConversionStatus.NOT_A_REPORT
    if report.failed_checks or any(w.severity is Severity.WARNING for w in report.warnings):
        return ConversionStatus.PARTIAL_SUCCESS
    return ConversionStatus.SUCCESS


def _display(source: Source, name: str | None) -> str:
    if name:
        return name
    return "<bytes>" if isinstance(source, (bytes, bytearray, memoryview)) else str(source)


def failure(input: str, exc: BaseException) -> ConversionResult:
    """A FAILURE result for ``exc``; giaparse's own errors keep their message, others say they are bugs."""
    if isinstance(exc, GiaparseError):
        message = str(exc)
        if not message.startswith(f"{input}: "):  # e.g. MissingDependency, which knows no file
            message = f"{input}: {message}"
        return ConversionResult(input, ConversionStatus.FAILURE, error=ErrorItem(type(exc).__name__, message))
    return ConversionResult(input, ConversionStatus.FAILURE, error=ErrorItem(
        "InternalError", f"{input}: internal error, please report it: {type(exc).__name__}: {exc}"))


def convert_one(source: Source, options: ReadOptions | dict | None = None, *,
                name: str | None = None, corrections: Corrections | None = None) -> ConversionResult:
    """Parse one input in this process and wrap the outcome; never raises for a bad input.

    ``corrections`` (``giaparse.corrections``): the records whose sha256 is
    this input's are applied. ``MemoryError`` is re-raised: only the caller
    knows whether it was a configured cap (the worker pool turns it into
    ``LimitExceeded``).
    """
    from .pipeline import parse

    display = _display(source, name)
    start, cpu_start = time.perf_counter(), time.process_time()
    try:
        report = parse(source, name=name, options=options, corrections=corrections)
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - a batch reports every failure as a result
        result = failure(display, exc)
    else:
        result = ConversionResult(display, status_of(report), report)
    result.seconds = time.perf_counter() - start
    result.cpu_seconds = time.process_time() - cpu_start
    result.worker_peak_mb = _peak_rss_mb()  # of the process it ran in: a pool worker, an executor's worker
    return result


def convert_rendered(source: Source, options: ReadOptions | dict | None = None, *, name: str | None = None,
                     corrections: Corrections | None = None, indent: int | None = 2) -> ConversionResult:
    """``convert_one``, with the report's canonical JSON rendered where it ran (``result.rendered``).

    Encoding JSON with an indent is pure Python and costs about as much as a
    small document's conversion: done in the workers it runs on every core,
    not in the one parent that writes the files.
    """
    result = convert_one(source, options, name=name, corrections=corrections)
    if result.report is not None:
        result.rendered = result.report.to_json(indent=indent)
    return result


def timeout_error(input: str, seconds: float, ocr_pages: int = 0, per_ocr_page: float | None = None) -> LimitExceeded:
    """The document passed its time: ``seconds``, plus ``per_ocr_page`` for each of ``ocr_pages``."""
    if ocr_pages and per_ocr_page:
        pages = "1 page" if ocr_pages == 1 else f"{ocr_pages} pages"
        return LimitExceeded(input, f"conversion took longer than {seconds + ocr_pages * per_ocr_page:g} s "
                                    f"({seconds:g} s, and {per_ocr_page:g} s for each of the {pages} read by OCR) "
                                    "and was stopped", limit="ocr_page_timeout_s", flag="--ocr-page-timeout")
    return LimitExceeded(input, f"conversion took longer than {seconds:g} s and was stopped",
                         limit="timeout_s", flag="--timeout")


def memory_error(input: str, mib: int) -> LimitExceeded:
    return LimitExceeded(input, f"conversion needed more than {mib} MiB of memory and was stopped",
                         limit="max_memory_mb", flag="--max-memory")


class WorkerLost(GiaparseError):
    """A worker process died while converting a document (a crash in a native library, or a kill)."""


# The worker pool ------------------------------------------------------------

def cap_memory(mib: int | None) -> bool:
    """Limit this process's address space to ``mib`` MiB (RLIMIT_AS). False where the OS cannot."""
    if not mib:
        return False
    try:
        import resource
    except ImportError:  # Windows
        return False
    limit = int(mib) * 1024 * 1024
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError, AttributeError):
        return False
    return True


def _peak_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


ConvertFn = Callable[..., ConversionResult]


def _worker_main(conn: Connection, max_memory_mb: int | None, convert: ConvertFn,
                 corrections: Corrections | None = None, convert_kwargs: dict[str, Any] | None = None) -> None:
    """A worker: receive (index, source, name, options, task keywords), answer (index, result, retiring),
    until told to stop. ``retiring`` is True when the worker quits after this answer (it ran out of memory)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # What the fork server preloaded is never collected: keep the cyclic collector off it, so it
    # neither walks those objects again nor writes to their pages (each write copies a shared page).
    gc.freeze()
    capped = cap_memory(max_memory_mb)
    extra = {"corrections": corrections} if corrections is not None else {}
    extra.update(convert_kwargs or {})
    conn.send("ready")  # the parent starts a document's clock only once its worker is up
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, source, name, options, own = task
        display = _display(source, name)
        exhausted = False
        try:
            with progress.listening(lambda: conn.send(_OCR_PAGE)):  # the parent extends the deadline
                result = convert(source, options, name=name, **extra, **own)
        except MemoryError:
            exhausted = True
            result = (failure(display, memory_error(display, max_memory_mb)) if capped and max_memory_mb
                      else failure(display, MemoryError("out of memory")))
        result.worker_peak_mb = _peak_rss_mb()
        try:
            conn.send((index, result, exhausted))
        except MemoryError:
            exhausted = True
            conn.send((index, failure(display, memory_error(display, max_memory_mb or 0)), True))
        except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be pickled
            conn.send((index, failure(display, exc), exhausted))
        if exhausted:  # the heap may be in a poor state: let the parent start a fresh worker
            return


#: What the fork server imports once, so that every worker forked from it starts warm: giaparse's
#: stages and readers and the libraries the readers import on first use (pdfplumber and PDFium for a
#: PDF, python-docx for a DOCX). A module that is not installed is left out (the fork server ignores
#: a preload it cannot import). ``giaparse.cli``: a worker re-imports the parent's ``__main__``,
#: which is the command line when it is the CLI's pool.
PRELOAD = ["giaparse.batch", "giaparse.pipeline", "giaparse.readers.pdf", "giaparse.readers.html",
           "giaparse.readers.docx", "giaparse.readers.text", "giaparse.readers.image", "giaparse.readers.legacy",
           "giaparse.cli",
           "pdfplumber", "pypdfium2", "docx", "lxml.html"]


def _context() -> Any:
    """forkserver where there is one (workers fork from a clean, preloaded server), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def start_server() -> None:
    """Start the fork server now, so that its imports (``PRELOAD``, about half a second) run while
    this process goes on with its own work (listing the inputs, ...), not after it: the command
    line calls this as soon as it knows a run may take several inputs. Harmless if it turns out
    to have none; where there is no fork server (or it cannot start) the pool starts as before."""
    if "forkserver" not in multiprocessing.get_all_start_methods() or _starting_worker():
        return
    from multiprocessing import forkserver

    _context()  # sets the preload list
    try:
        forkserver.ensure_running()
    except (OSError, ValueError):
        pass  # the pool tries again, and says what went wrong


_START_TIMEOUT_S = 120
#: A worker's exit status when the script that started the pool starts one again as the worker
#: imports it (no ``if __name__ == "__main__":`` guard); the parent names the guard.
_UNGUARDED_MAIN_EXIT = 78
_UNGUARDED_MAIN = (
    "the worker processes import the script that started them, and that script starts a conversion "
    "again when imported: put the code that calls convert_many (or WorkerPool) under "
    '`if __name__ == "__main__":`')


def _starting_worker() -> bool:
    """True while this process is a worker importing its parent's main script (multiprocessing's
    spawn and forkserver run the script again, as ``__mp_main__``, before the worker's function)."""
    return bool(getattr(multiprocessing.current_process(), "_inheriting", False))
#: What a worker sends as a page of its document starts OCR (``progress.ocr_page``).
_OCR_PAGE = "ocr page"


def _task(item: Any) -> tuple[Source, str | None, dict[str, Any]]:
    """A pool's input: a source, ``(source, name)``, or ``(source, name, keywords)`` whose keywords
    reach ``convert`` for this input alone (the CLI's output file for it)."""
    if not isinstance(item, tuple):
        return item, None, {}
    if len(item) == 3:
        return item[0], item[1], dict(item[2])
    return item[0], item[1], {}


@dataclass
class _Worker:
    process: Any
    conn: Any
    task: tuple[int, str] | None = None   # (index, display name) of the document in hand
    started: float = 0.0
    ocr_pages: int = 0                    # pages of that document OCR'd so far (each adds ocr_page_timeout_s)
    own: dict[str, Any] | None = None     # that document's own keywords for convert, until it is answered


class WorkerPool:
    """``jobs`` worker processes that convert documents and can be killed one by one.

    Why not ``ProcessPoolExecutor``: it cannot stop one running task, and a
    killed worker breaks the whole pool. Here each worker has its own pipe;
    the parent sends it one document at a time, so it knows which document
    each worker holds and since when, and replaces a worker that overruns
    (``timeout_s``), dies, or runs out of memory (``max_memory_mb``) —
    that document alone is answered with an error and the batch goes on.

    ``convert`` is the function workers run (default ``convert_one``); it
    must be importable by name in a fresh process (tests pass one that hangs
    or allocates to show the limits answer; the review site passes one that
    also builds the page). ``corrections``, when given, reach it as its
    ``corrections`` argument.
    """

    def __init__(self, jobs: int | None = None, options: ReadOptions | dict | None = None, *,
                 convert: ConvertFn = convert_one, window: int | None = None,
                 corrections: Corrections | None = None, convert_kwargs: dict | None = None) -> None:
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.options = ReadOptions.resolve(options)
        self.convert = convert
        self.corrections = corrections
        #: Keyword arguments every call of ``convert`` gets (``convert_rendered``'s ``indent``).
        self.convert_kwargs = dict(convert_kwargs or {})
        #: How far ahead of the next result to yield documents may be dispatched (``map``, in order).
        self.window = window or 32 * self.jobs
        #: Called as ``cleanup(keywords, pid)`` after a worker was killed (or died) holding a document
        #: given with keywords, e.g. to remove what it left half-written (the CLI's temporary files).
        self.cleanup: Callable[[dict[str, Any], int], None] | None = None
        self._ctx = _context()
        self._workers: list[_Worker] = []

    # workers
    def _launch(self) -> tuple[Any, Any]:
        if _starting_worker():  # a pool started at import time of an unguarded script: the parent explains
            os._exit(_UNGUARDED_MAIN_EXIT)
        parent, child = self._ctx.Pipe(duplex=True)
        proc = self._ctx.Process(target=_worker_main,
                                 args=(child, self.options.max_memory_mb, self.convert, self.corrections,
                                       self.convert_kwargs),
                                 daemon=True, name="giaparse-worker")
        proc.start()
        child.close()
        return proc, parent

    def _start(self, n: int = 1) -> list[_Worker]:
        """Start ``n`` workers at once and wait until every one is up, so that start-up time (the
        first fork server start imports giaparse and its readers) is never counted against a
        document's timeout, and the workers start side by side rather than one after another."""
        launched = [self._launch() for _ in range(n)]
        deadline = time.monotonic() + _START_TIMEOUT_S
        started: list[_Worker] = []
        problem: str | None = None
        for proc, parent in launched:
            ok = timed_out = False
            try:
                timed_out = not parent.poll(max(0.0, deadline - time.monotonic()))
                ok = not timed_out and parent.recv() == "ready"
            except (EOFError, OSError):  # the worker's end closed: it exited before it was up
                pass
            if ok:
                started.append(_Worker(proc, parent))
                continue
            if not timed_out:
                proc.join(timeout=5)  # its exit status says why
            proc.kill()
            proc.join()
            parent.close()
            if problem is None:
                if timed_out:
                    problem = f"a worker process did not start within {_START_TIMEOUT_S} s"
                elif proc.exitcode == _UNGUARDED_MAIN_EXIT:
                    problem = f"a worker process could not start: {_UNGUARDED_MAIN}"
                else:
                    problem = (f"a worker process exited as it started (exit status {proc.exitcode}); "
                               "its error, if any, is on standard error above")
        if problem is not None or not started:
            for worker in started:
                self._stop(worker)
            raise WorkerLost(problem or f"no worker process started within {_START_TIMEOUT_S} s")
        return started

    def _idle(self) -> _Worker | None:
        """A worker with no document; starts the missing ones (all at once) when none is idle."""
        idle = next((w for w in self._workers if w.task is None), None)
        if idle is None and len(self._workers) < self.jobs:
            self._workers.extend(self._start(self.jobs - len(self._workers)))
            idle = next((w for w in self._workers if w.task is None), None)
        return idle

    def _stop(self, worker: _Worker, *, kill: bool = False) -> None:
        if kill:
            worker.process.kill()
        else:
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                worker.process.kill()
        worker.process.join(timeout=None if kill else 5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()
        if worker.own is not None and self.cleanup is not None:  # it was stopped holding a document
            self.cleanup(worker.own, worker.process.pid)
            worker.own = None

    def close(self) -> None:
        """Stop every worker (running documents are abandoned)."""
        for worker in self._workers:
            self._stop(worker, kill=worker.task is not None)
        self._workers = []

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # the loop
    def map(self, sources: Iterable[Item]) -> Iterator[ConversionResult]:
        """One result per source, in input order. A source is a path, bytes, or (bytes, name).

        At most ``window`` documents are dispatched past the next one to yield;
        the results that finish early wait in memory for it."""
        done: dict[int, ConversionResult] = {}
        out = [0]  # the next index to yield (read by the dispatch rule as it moves)
        for index, result in self._run(sources, lambda submitted: submitted < out[0] + self.window):
            done[index] = result
            while out[0] in done:
                yield done.pop(out[0])
                out[0] += 1

    def map_unordered(self, sources: Iterable[Item]) -> Iterator[tuple[int, ConversionResult]]:
        """``(index, result)`` for each source as soon as it is done: nothing waits for a slower
        document dispatched earlier (the caller writes each result out as it comes, or ``convert``
        writes it in the worker). Give the largest documents first, so that no large one is left
        running alone at the end."""
        return self._run(sources, lambda submitted: True)

    def _run(self, sources: Iterable[Item],
             may_dispatch: Callable[[int], bool]) -> Iterator[tuple[int, ConversionResult]]:
        todo = enumerate(iter(sources))
        exhausted = False
        pending: tuple[int, Any] | None = None  # taken from the sources, not yet given to a worker
        done: dict[int, ConversionResult] = {}
        submitted = answered = 0
        timeout = self.options.timeout_s
        try:
            while True:
                # hand documents to idle workers (no worker is started before there is a document)
                while not exhausted and may_dispatch(submitted):
                    if pending is None:
                        try:
                            pending = next(todo)
                        except StopIteration:
                            exhausted = True
                            break
                    idle = self._idle()
                    if idle is None:
                        break
                    (index, item), pending = pending, None
                    source, name, own = _task(item)
                    if isinstance(source, os.PathLike):
                        source = os.fspath(source)
                    idle.task, idle.started = (index, _display(source, name)), time.monotonic()
                    idle.ocr_pages, idle.own = 0, own
                    idle.conn.send((index, source, name, self.options, own))
                    submitted += 1
                while done:
                    yield done.popitem()
                    answered += 1
                if exhausted and answered == submitted:
                    return
                self._collect(done, timeout)
        finally:
            self.close()

    def _allowed(self, worker: _Worker, timeout: float) -> float:
        """The document's time: ``timeout_s``, plus ``ocr_page_timeout_s`` per page it has OCR'd."""
        return timeout + worker.ocr_pages * (self.options.ocr_page_timeout_s or 0.0)

    def _collect(self, done: dict[int, ConversionResult], timeout: float | None) -> None:
        """Wait for a result, a death or the next deadline; record what happened."""
        busy = [w for w in self._workers if w.task is not None]
        if not busy:
            return
        wait_for = None
        if timeout is not None:
            now = time.monotonic()
            wait_for = max(0.0, min(w.started + self._allowed(w, timeout) for w in busy) - now)
        ready = set(wait_ready([w.conn for w in busy] + [w.process.sentinel for w in busy], wait_for))
        for w in busy:
            assert w.task is not None
            index, display = w.task
            if w.conn in ready or w.process.sentinel in ready:
                got = None
                try:
                    while w.conn.poll():
                        got = w.conn.recv()
                        if got != _OCR_PAGE:
                            break
                        w.ocr_pages += 1  # a page started OCR: more time for this document
                        got = None
                except (EOFError, OSError):
                    got = None
                if got is not None:
                    done[got[0]] = got[1]
                    w.task = w.own = None
                    if got[2] or not w.process.is_alive():
                        self._replace(w)
                    continue
                if w.process.sentinel not in ready and w.process.is_alive():
                    continue  # only OCR pages were announced: still at work
                # the worker died without answering
                w.process.join(timeout=1)
                code = w.process.exitcode
                what = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
                done[index] = failure(display, WorkerLost(
                    f"{display}: the worker process died while converting it ({what})"))
                self._replace(w)
            elif timeout is not None and time.monotonic() - w.started >= self._allowed(w, timeout):
                done[index] = failure(display, timeout_error(display, timeout, w.ocr_pages,
                                                             self.options.ocr_page_timeout_s))
                done[index].seconds = time.monotonic() - w.started
                self._replace(w, kill=True)

    def _replace(self, worker: _Worker, *, kill: bool = False) -> None:
        worker.task = None
        self._stop(worker, kill=kill or not worker.process.is_alive())
        self._workers.remove(worker)  # a new one starts when there is work for it


# One document here -----------------------------------------------------------

class _Deadline(BaseException):
    """The timer of ``convert_here`` went off (a BaseException: the parse's own handlers let it pass)."""


#: Seconds past a document's time after which ``convert_here`` gives up on the interpreter ever
#: getting control back (a parse stuck inside native code) and calls ``on_stuck``.
STUCK_GRACE_S = 10.0


def convert_here(source: Source, options: ReadOptions | dict | None = None, *, name: str | None = None,
                 corrections: Corrections | None = None, convert: ConvertFn = convert_rendered,
                 on_stuck: Callable[[ConversionResult], None] | None = None, **kwargs: Any) -> ConversionResult:
    """One document in this process, with no worker to start: what the command line does for a single input.

    The limits a worker pool enforces from outside are enforced from inside:
    ``timeout_s`` by a timer signal (``SIGALRM``, main thread only) that stops
    the parse wherever Python code runs, extended by ``ocr_page_timeout_s``
    for each page that starts OCR; ``max_memory_mb`` by capping this process's
    address space at what it maps already plus ``max_memory_mb`` for the
    duration (restored after). A parse stuck in native
    code never sees the signal: when ``on_stuck`` is given, a watchdog thread
    calls it with the timeout's result ``STUCK_GRACE_S`` seconds past the
    deadline (the CLI prints it and exits, as a killed worker would have).
    """
    import signal as _signal
    import threading

    opts = ReadOptions.resolve(options)
    display = _display(source, name)
    timeout = opts.timeout_s
    timed = bool(timeout) and hasattr(_signal, "setitimer") and threading.current_thread() is threading.main_thread()
    ocr_pages = 0
    started = time.monotonic()
    deadline = started + (timeout or 0)
    finished = threading.Event()

    def timed_out() -> ConversionResult:
        result = failure(display, timeout_error(display, timeout, ocr_pages, opts.ocr_page_timeout_s))
        result.seconds = time.monotonic() - started
        return result

    armed = [True]  # off as soon as the conversion returns: a late signal must not escape past the try

    def on_alarm(signum, frame):
        if armed[0]:
            raise _Deadline

    def on_ocr_page() -> None:
        nonlocal ocr_pages, deadline
        ocr_pages += 1
        deadline += opts.ocr_page_timeout_s or 0.0
        if timed:
            _signal.setitimer(_signal.ITIMER_REAL, max(0.001, deadline - time.monotonic()))

    def watch() -> None:
        while not finished.wait(0.25):
            if time.monotonic() > deadline + STUCK_GRACE_S:
                on_stuck(timed_out())
                return

    previous_handler = _signal.signal(_signal.SIGALRM, on_alarm) if timed else None
    previous_limit = _address_limit()
    # the document's allowance on top of what this process already maps (a worker's own base is
    # the modules it preloaded; here it may be a whole application's)
    capped = (cap_memory(opts.max_memory_mb + _address_space_mb())
              if previous_limit is not None and opts.max_memory_mb else False)
    if timed and on_stuck is not None:
        threading.Thread(target=watch, name="giaparse-watchdog", daemon=True).start()
    try:
        if timed:
            _signal.setitimer(_signal.ITIMER_REAL, timeout)
        with progress.listening(on_ocr_page):
            result = convert(source, opts, name=name, corrections=corrections, **kwargs)
        armed[0] = False
    except _Deadline:
        result = timed_out()
    except MemoryError:
        result = (failure(display, memory_error(display, opts.max_memory_mb)) if capped
                  else failure(display, MemoryError("out of memory")))
    finally:
        armed[0] = False
        finished.set()
        if timed:
            _signal.setitimer(_signal.ITIMER_REAL, 0)
            _signal.signal(_signal.SIGALRM, previous_handler)
        if capped:
            _restore_address_limit(previous_limit)
    return result


def _address_space_mb() -> int:
    """MiB of address space this process maps now (0 where /proc cannot say)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE") // (1024 * 1024)
    except (OSError, ValueError, IndexError, AttributeError):
        return 0


def _address_limit() -> tuple[int, int] | None:
    try:
        import resource

        return resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, AttributeError, OSError, ValueError):
        return None


def _restore_address_limit(limit: tuple[int, int] | None) -> None:
    if limit is None:
        return
    import resource

    try:
        resource.setrlimit(resource.RLIMIT_AS, limit)
    except (ValueError, OSError):
        pass


# Scale-out ------------------------------------------------------------------

def _outcome(source: Source, future: Future) -> ConversionResult:
    try:
        return future.result()
    except BaseException as exc:  # noqa: BLE001 - an engine error is this input's failure
        if isinstance(exc, KeyboardInterrupt):
            raise
        display = _display(source, None)
        if isinstance(exc, MemoryError):
            return failure(display, MemoryError("out of memory"))
        return ConversionResult(display, ConversionStatus.FAILURE, error=ErrorItem(
            type(exc).__name__, f"{display}: the executor could not run the conversion: {exc}"))


def _on_executor(executor: Executor, sources: Iterable[Source], options: ReadOptions,
                 window: int, corrections: Corrections | None = None) -> Generator[ConversionResult, None, None]:
    pending: deque[tuple[Source, Future]] = deque()
    extra: dict[str, Any] = {"corrections": corrections} if corrections is not None else {}
    try:
        for source in sources:
            if isinstance(source, os.PathLike):
                source = os.fspath(source)
            pending.append((source, executor.submit(convert_one, source, options, **extra)))
            if len(pending) >= window:
                yield _outcome(*pending.popleft())
        while pending:
            yield _outcome(*pending.popleft())
    finally:
        for _, future in pending:
            future.cancel()


def dask_client(address: str | None = None, **cluster: Any):
    """A Dask ``distributed.Client``: of the scheduler at ``address``, or of a new ``LocalCluster(**cluster)``
    (default: one worker process per core, one thread each). Its ``get_executor()`` is what
    ``convert_many(executor=...)`` takes. Needs ``giaparse[dask]``; without it, ``MissingDependency``
    saying so. Close it when done (``with dask_client() as client: ...``)."""
    try:
        from distributed import Client
    except ImportError:
        raise MissingDependency("running conversions on Dask", "dask", "dask[distributed]") from None
    if address is not None:
        return Client(address)
    settings = {"n_workers": os.cpu_count() or 1, "threads_per_worker": 1, "processes": True,
                "dashboard_address": None, **cluster}
    return Client(**settings)  # a Client without an address starts a LocalCluster, and closes it with itself


def convert_many(paths: Iterable[Source], *, executor: Executor | None = None,
                 options: ReadOptions | dict | None = None, jobs: int | None = None,
                 window: int = 256, corrections: Corrections | str | os.PathLike | None = None
                 ) -> Iterator[ConversionResult]:
    """Convert many inputs; yield one ``ConversionResult`` per input, in input order.

    ``executor=None``: a ``WorkerPool`` of ``jobs`` processes (default: CPU
    count) that enforces ``options.timeout_s`` and ``options.max_memory_mb``.
    Any ``concurrent.futures.Executor`` instead — e.g. Dask's
    ``Client.get_executor()`` — runs each input as a ``convert_one`` task
    (time and memory are then the executor's to bound; see the module doc).
    Never raises for a bad input; ``result.status`` says what happened.

    ``corrections`` — a ``giaparse.corrections.Corrections`` or the path of a
    JSON Lines file of them — are applied to the inputs whose sha256 they
    name. Pass a ``Corrections`` to ask it afterwards which records matched
    no input (``corrections.not_applied()``: every result's sha256 is marked
    seen as it is yielded).

        >>> for result in giaparse.convert_many(Path("reports").rglob("*.pdf")):
        ...     if not result.ok: print(result.error.message)
    """
    opts = ReadOptions.resolve(options)
    fixes = load_corrections(corrections)
    results: Generator[ConversionResult, None, None]
    if executor is None:
        results = WorkerPool(jobs, opts, corrections=fixes).map(paths)
    else:
        results = _on_executor(executor, paths, opts, window, fixes)
    try:
        for result in results:
            if fixes is not None and result.report is not None:
                fixes.mark_seen(result.report.source.sha256)
            yield result
    finally:
        results.close()  # stops the workers when the caller stops early

