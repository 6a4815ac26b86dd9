"""Every example in the README and the docs runs, so a snippet cannot rot.

* ```python blocks run as scripts (each in a fresh process), in a temporary
  folder that holds ``corpus`` (a link to the repository's): the examples
  name corpus files by their paths from the repository root;
* ```sh / ```bash / ```console / ```shell blocks: each line that is a
  ``giaparse`` command (``$ giaparse`` in a console block) runs in the same
  kind of folder, and must exit 0.

A block opts out only with the marker comment on the line before its fence,
``<!-- example: skip (why) -->``; ``<!-- example: exit N -->`` expects exit
status N from each command of the block instead of 0.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import APT_INSTALL, REPO

PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
_FENCE = re.compile(r"^(?P<marker><!-- example: (?P<what>[^>]*?) -->\n)?```(?P<lang>[a-z]*)\n(?P<body>.*?)^```$",
                    re.M | re.S)
_SHELL = ("sh", "bash", "console", "shell")


@dataclass
class Example:
    page: Path
    line: int
    lang: str
    body: str
    marker: str | None

    @property
    def id(self) -> str:
        return f"{self.page.relative_to(REPO)}:{self.line}"


def examples() -> list[Example]:
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for m in _FENCE.finditer(text):
            if m["lang"] == "python" or m["lang"] in _SHELL:
                line = text.count("\n", 0, m.start("lang")) + 1
                found.append(Example(page, line, m["lang"], m["body"], m["what"]))
    return found


EXAMPLES = examples()
SKIPPED = [e for e in EXAMPLES if e.marker and e.marker.startswith("skip")]


def _commands(example: Example) -> list[str]:
    """The giaparse command lines of a shell block, comments after `#` dropped."""
    out = []
    for raw in example.body.splitlines():
        line = raw.strip()
        if example.lang == "console":
            if not line.startswith("$ "):
                continue
            line = line[2:]
        if line.startswith("giaparse "):
            out.append(re.sub(r"\s+#.*$", "", line))
    return out


# Shell blocks with no giaparse command (pip install, apt-get) are set-up, not examples to run.
RUN = [e for e in EXAMPLES if e not in SKIPPED and (e.lang == "python" or _commands(e))]


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "corpus").symlink_to(REPO / "corpus", target_is_directory=True)
    return tmp_path


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_MKDOCS_2_WARNING": "1"}


@pytest.mark.parametrize("example", RUN, ids=lambda e: e.id)
def test_example_runs(example: Example, workdir: Path):
    expected = int(example.marker.split()[1]) if example.marker and example.marker.startswith("exit") else 0
    if example.lang == "python":
        script = workdir / "example.py"
        script.write_text(example.body, encoding="utf-8")
        proc = subprocess.run([sys.executable, str(script)], cwd=workdir, capture_output=True, text=True,
                              env=_env(), timeout=600)
        assert proc.returncode == expected, f"{example.id}\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
        return
    for command in _commands(example):
        argv = [sys.executable, "-m", "giaparse", *shlex.split(command)[1:]]
        proc = subprocess.run(argv, cwd=workdir, capture_output=True, text=True, env=_env(), timeout=600)
        assert proc.returncode == expected, f"{example.id}: {command}\n{proc.stderr[-3000:]}"
        assert "Traceback" not in proc.stderr


def test_few_examples_opt_out():
    assert len(SKIPPED) <= 4, [e.id for e in SKIPPED]
    assert len(EXAMPLES) >= 10


def test_the_readme_names_the_one_apt_line():
    assert APT_INSTALL in (REPO / "README.md").read_text(encoding="utf-8")


def test_the_readme_table_is_the_one_run_py_prints():
    """The README's accuracy and speed table is `python benchmarks/run.py --table`, from the saved results."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("benchmarks_run", REPO / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    table = run.markdown_table()
    assert len(table.splitlines()) >= 4
    assert table in (REPO / "README.md").read_text(encoding="utf-8")
