"""The speed benchmark's instruction counts (bench/speed.py)."""

from __future__ import annotations

import shutil
import sys

import pytest
from bench import speed


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")
def test_instruction_counts_repeat_exactly() -> None:
    command = [sys.executable, "-c", "import json; json.dumps({'a': 1})"]
    first = speed.callgrind(command)
    assert first > 1_000_000
    assert speed.callgrind(command) == first


def test_without_valgrind_the_figure_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert speed.instructions([]) == {"error": "valgrind is not installed"}
