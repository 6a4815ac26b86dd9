"""Third-party log records during a read, turned into one report warning.

pdfminer (and pdfplumber, camelot) report trouble through ``logging``; with
no handler configured, Python's last-resort handler prints each record to
standard error, so a batch gets stray lines ("Could not get FontBBox…")
between its own. ``captured`` adds a handler to those loggers only while a
read runs (nothing is attached at import), stops their records from
propagating meanwhile, and hands them back: known noise is dropped, the
rest becomes one ``engine_warnings`` warning.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ..diagnostics import ParseWarning, WarningCode

#: Messages that say nothing about the content (font metrics defaults and the like).
_NOISE = re.compile(r"Could not get FontBBox|Could not get FontMatrix|^Ignoring \(part of\) ToUnicode|"
                    r"^The PDF <.*> contains a metadata field", re.I)
_SHOWN = 3


class _Collector(logging.Handler):
    def __init__(self, thread: int) -> None:
        super().__init__(logging.WARNING)
        self.thread = thread
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread:
            return  # another thread's read
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a record whose arguments do not format
            message = str(record.msg)
        self.messages.append(" ".join(message.split())[:200])

    def warnings(self) -> list[ParseWarning]:
        kept = list(dict.fromkeys(m for m in self.messages if not _NOISE.search(m)))
        if not kept:
            return []
        count = sum(1 for m in self.messages if not _NOISE.search(m))
        more = f" (and {len(kept) - _SHOWN} more)" if len(kept) > _SHOWN else ""
        return [ParseWarning(WarningCode.ENGINE_WARNINGS,
                             f"the PDF library reported {count} problem(s) with the file: "
                             + "; ".join(kept[:_SHOWN]) + more)]


#: Reads in progress in this process (threads: ``convert_many`` on a thread pool) and the
#: loggers' own ``propagate`` saved by the first of them: each read saving and restoring it
#: in turn would leave it off when two reads overlap.
_LOCK = threading.Lock()
_ACTIVE = 0
_SAVED: dict[str, bool] = {}


@contextmanager
def captured(names: tuple[str, ...] = ("pdfminer", "pdfplumber", "camelot")) -> Iterator[_Collector]:
    """Collect WARNING and worse from the loggers ``names`` (and their children) while the block runs."""
    global _ACTIVE
    collector = _Collector(threading.get_ident())
    loggers = [logging.getLogger(name) for name in names]
    with _LOCK:
        if _ACTIVE == 0:
            _SAVED.clear()
        for lg in loggers:
            _SAVED.setdefault(lg.name, lg.propagate)
            lg.addHandler(collector)
            lg.propagate = False
        _ACTIVE += 1
    try:
        yield collector
    finally:
        with _LOCK:
            _ACTIVE -= 1
            for lg in loggers:
                lg.removeHandler(collector)
                if _ACTIVE == 0:
                    lg.propagate = _SAVED.get(lg.name, True)
