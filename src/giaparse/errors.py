"""The exception tree: one root, bad input kept apart from bugs.

``GiaparseError`` is what callers catch. Everything raised because of the
*input* derives from ``InputError`` and names the file it is about, so a batch
can report one line per bad file and carry on.
"""

from __future__ import annotations


class GiaparseError(Exception):
    """Root of every error giaparse raises on purpose."""


class InputError(GiaparseError):
    """The input cannot be turned into a document. Carries the source name."""

    def __init__(self, source: str | None, problem: str) -> None:
        self.source = source
        self.problem = problem = " ".join(problem.split())  # one line, whatever a library's message holds
        super().__init__(f"{source}: {problem}" if source else problem)


class FileNotReadable(InputError):
    """The path does not exist or cannot be opened."""


class EmptyDocument(InputError):
    """The input holds no bytes, or no text after decoding."""


class UnsupportedFormat(InputError):
    """No registered reader recognises the bytes."""


class DecodeFailure(InputError):
    """Text bytes that decode under none of the supported encodings."""


class NoTextLayer(InputError):
    """A PDF whose pages carry no text (a scan): OCR is needed first."""


class EncryptedPdf(InputError):
    """A PDF that needs a password to open."""


class DamagedPdf(InputError):
    """A PDF whose structure cannot be parsed."""


class ConversionFailed(InputError):
    """An external converter (LibreOffice for .doc/.wps) failed or is missing."""


class LimitExceeded(InputError):
    """A document passed one of the configured limits (size, pages, time, memory).

    ``limit`` names the ``ReadOptions`` field, ``flag`` the CLI option that raises it.
    """

    def __init__(self, source: str | None, problem: str, *, limit: str, flag: str) -> None:
        self.limit, self.flag = limit, flag
        super().__init__(source, f"{problem} (limit {limit}; raise it with {flag})")


class MissingDependency(GiaparseError):
    """An optional extra is needed for this input (e.g. ``giaparse[pdf]``)."""

    def __init__(self, feature: str, extra: str, package: str) -> None:
        self.feature, self.extra, self.package = feature, extra, package
        super().__init__(
            f"{feature} needs the optional package {package!r}; "
            f'install it with: pip install "giaparse[{extra}]"'
        )
