"""The code stays clean: ruff on the whole tree, mypy --strict on the package (pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT


@pytest.mark.parametrize("command", [["ruff", "check", "lint", "tests", "bench"], ["mypy"]], ids=["ruff", "mypy"])
def test_static_check_passes(command: list[str]) -> None:
    done = subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
