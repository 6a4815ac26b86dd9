"""Every input the fuzzer (test_fuzz.py) found breaking the invariant, kept small.

Each is parsed in the bounded worker and must answer with a Report or a
one-line GiaparseError within 45 s and 1.5 GB, with nothing on stderr.
What each one broke is in ``tests/fuzz_regressions/README.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import fuzzing  # noqa: E402

INPUTS = sorted(p for p in fuzzing.REGRESSIONS.glob("*") if p.is_file() and p.suffix != ".md"
                and not p.name.endswith(".json"))


@pytest.fixture(scope="module")
def worker():
    w = fuzzing.Worker()
    yield w
    w.stop()


def test_regressions_are_kept():
    assert INPUTS, "tests/fuzz_regressions/ holds the inputs that broke the fuzz invariant"
    assert all(p.stat().st_size < 300_000 for p in INPUTS)


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_fuzz_regression_answers(path, worker):
    answer = worker.parse(path.read_bytes(), path.name)
    assert not answer.get("bug") and answer["result"] not in ("bug", "timeout", "crashed"), answer
    assert answer["seconds"] < fuzzing.TIME_BOUND_S
