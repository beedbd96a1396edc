"""The pre-commit hook, run by the real pre-commit against this repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_hook_fails_on_the_seed_and_passes_on_a_clean_article(tmp_path: Path) -> None:
    repo = tmp_path / "articles"
    repo.mkdir()
    git(repo, "init", "-q")
    shutil.copy(SEEDS / "000_86da29c17ddbe20d.txt", repo / "seed.txt")
    (repo / "clean.md").write_text("# Budget\n\nThe council met on Monday and approved the budget.\n", encoding="utf-8")
    git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "artlint", "--files", *files]
        return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=900, check=False)

    failing = try_repo("seed.txt")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "seed.txt:1:" in failing.stdout and "BP0" in failing.stdout
    passing = try_repo("clean.md")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout
