"""What a conversion says while it runs, for the process that runs it.

The worker pool (``batch.WorkerPool``) stops a document at
``ReadOptions.timeout_s``. A page that goes through OCR takes seconds, where
a page with a text layer takes milliseconds, so a 20-page scan would pass
any timeout that suits text documents. Each OCR'd page announces itself
here as it starts (``ocr_page``), and the worker running the document tells
its pool, which gives that document ``ReadOptions.ocr_page_timeout_s`` more.
Outside a worker nobody listens, and announcing costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

_listeners: list[Callable[[], None]] = []


def ocr_page() -> None:
    """A page is about to go through OCR."""
    for listener in list(_listeners):
        listener()


@contextmanager
def listening(on_ocr_page: Callable[[], None]) -> Iterator[None]:
    """Call ``on_ocr_page`` for every page OCR'd inside the ``with`` block."""
    _listeners.append(on_ocr_page)
    try:
        yield
    finally:
        _listeners.remove(on_ocr_page)
