"""tests/conftest.py: a test that needs a system package skips naming the apt package, and under
CI=true a skip fails the run (a suite that silently left tests out proves nothing)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import APT_INSTALL, REPO, SYSTEM

_TEST = '''
import pytest
from conftest import SYSTEM, need, needs

SYSTEM["nothing"] = (lambda: None, "no-such-package")


def test_in_the_body():
    need("nothing")


@needs("nothing")
def test_by_decorator():
    pass


def test_that_runs():
    assert True
'''


def _run(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess:
    shutil.copy(REPO / "tests" / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_needs.py").write_text(_TEST, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", str(tmp_path)],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)


def test_a_missing_package_skips_naming_what_to_install(tmp_path: Path):
    proc = _run(tmp_path, None)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.count("needs nothing: apt-get install no-such-package") == 2, proc.stdout
    assert "1 passed, 2 skipped" in proc.stdout


def test_under_ci_a_skip_fails_the_run(tmp_path: Path):
    proc = _run(tmp_path, "true")
    assert proc.returncode == 1, proc.stdout
    assert proc.stdout.count("CI: skipped test is a failure here") == 2, proc.stdout


def test_the_apt_line_names_every_package():
    for _, packages in SYSTEM.values():
        for package in packages.split():
            assert f" {package}" in APT_INSTALL
