"""Mutation fuzzing over the corpus, every reader (issue 7, point 7).

Each example takes a corpus document of one format and applies 1–4
mutations for that format (bytes; tokens for text and HTML; zip members
for DOCX; streams, references and the xref table for PDF), then parses it
in a bounded worker (``fuzzing.Worker``: RLIMIT_AS 1.5 GiB, 45 s). It must
answer with a Report or a one-line GiaparseError and write nothing to
standard error. An input that breaks this is saved under
``tests/fuzz_regressions/new/`` and the test fails naming it; move it up
one folder (small) and ``test_fuzz_regressions.py`` parses it for ever.

Budgets: the default profile runs about a minute in all (CI);
``GIAPARSE_FUZZ=long`` runs 50 times as many examples per format, and
``GIAPARSE_FUZZ_SEED`` varies the inputs (hypothesis is derandomised in CI
so a run is reproducible).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import fuzzing  # noqa: E402

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

pytest.importorskip("pdfplumber")
pytest.importorskip("docx")

LONG = os.environ.get("GIAPARSE_FUZZ", "").lower() == "long"
#: Examples per format in the CI profile (the PDF reader is the slowest per input).
EXAMPLES = {"text": 60, "html": 50, "docx": 30, "pdf": 20}
SCALE = 50 if LONG else 1

settings.register_profile(
    "giaparse-fuzz", deadline=None, derandomize=not LONG and "GIAPARSE_FUZZ_SEED" not in os.environ,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], database=None,
)

OPS = st.lists(st.tuples(st.integers(0, 255), st.integers(0, 2**31), st.integers(0, 2**31)), min_size=1, max_size=4)


@pytest.fixture(scope="module")
def worker():
    w = fuzzing.Worker()
    yield w
    w.stop()


def _check(worker: fuzzing.Worker, fmt: str, index: int, ops: list) -> None:
    files = fuzzing.corpus_files(fmt)
    source = files[index % len(files)]
    data = source.read_bytes()
    for op in ops:
        data = fuzzing.MUTATORS[fmt](data, op)
    answer = worker.parse(data, "fuzzed" + source.suffix)
    if answer.get("bug") or answer["result"] in ("bug", "timeout", "crashed") \
            or answer.get("seconds", 0) > fuzzing.TIME_BOUND_S:
        kept = fuzzing.keep_failure(data, fmt, answer)
        pytest.fail(f"{source.name} with {ops}: {answer.get('bug') or answer['result']} (input kept: {kept})")


def _fuzz_test(fmt: str):
    @settings(settings.get_profile("giaparse-fuzz"), max_examples=EXAMPLES[fmt] * SCALE)
    @given(index=st.integers(0, 50), ops=OPS)
    def test(worker, index, ops):
        _check(worker, fmt, index, ops)

    if "GIAPARSE_FUZZ_SEED" in os.environ:
        test = hypothesis.seed(int(os.environ["GIAPARSE_FUZZ_SEED"]))(test)

    test.__name__ = f"test_fuzz_{fmt}"
    return test


test_fuzz_text = _fuzz_test("text")
test_fuzz_html = _fuzz_test("html")
test_fuzz_docx = _fuzz_test("docx")
test_fuzz_pdf = _fuzz_test("pdf")


def test_mutators_change_their_input():
    """Each format's mutator really changes a corpus document (a fuzzer that does not mutate cannot fail)."""
    for fmt in fuzzing.FORMATS:
        data = fuzzing.corpus_files(fmt)[0].read_bytes()
        changed = sum(fuzzing.MUTATORS[fmt](data, (k, 7919 * k, 104729 * k)) != data for k in range(20))
        assert changed >= 15, fmt


def test_the_worker_reports_a_hang_and_recovers():
    """The time bound is enforced: a parse that does not answer is a failure, and the next one runs."""
    import hostile

    w = fuzzing.Worker(timeout=0.0001)  # no parse (not even the child's start) answers this fast
    try:
        answer = w.parse(hostile.pdf_plain(), "x.pdf")
        assert answer["result"] == "timeout" and answer["bug"]
        w.timeout = 30.0
        assert w.parse(hostile.pdf_plain(), "x.pdf")["result"] == "report"
        assert w.parse(b"\x00\x01\x02" * 100, "x.bin")["result"] == "UnsupportedFormat"
    finally:
        w.stop()
