"""The pre-commit hook, run by the real pre-commit: from this working tree (``try-repo``) and
as the README tells users to install it, from the release tag of a clone of this repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SEEDS

from artlint import REPOSITORY_URL, __version__

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")]
CLEAN = "# Budget\n\nThe council met on Monday and approved the budget.\n"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "pre_commit", *args]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=900, check=False)


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """A git repository of articles: the seed (with findings), a clean one, and an excluded archive."""
    repo = tmp_path / "articles"
    (repo / "archive").mkdir(parents=True)
    git(repo, "init", "-q")
    shutil.copy(SEEDS / "000_86da29c17ddbe20d.txt", repo / "seed.txt")
    shutil.copy(SEEDS / "000_86da29c17ddbe20d.txt", repo / "archive" / "old.txt")
    (repo / "clean.md").write_text(CLEAN, encoding="utf-8")
    (repo / "artlint.toml").write_text('exclude = ["archive/**"]\n', encoding="utf-8")
    git(repo, "add", ".")
    return repo


def test_hook_definition() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "artlint" and hook["entry"] == "artlint check" and hook["language"] == "python"
    assert hook["types_or"] == ["plain-text", "markdown", "html"] and "files" not in hook
    assert hook["args"] == ["--force-exclude"]


def test_hook_fails_on_the_seed_passes_on_a_clean_article_and_skips_excluded_files(articles: Path) -> None:
    home = articles.parent / "cache"

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        return pre_commit(articles, home, "try-repo", str(ROOT), "artlint", "--files", *files)

    failing = try_repo("seed.txt", "archive/old.txt", "clean.md")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "seed.txt:1:" in failing.stdout and "BP0" in failing.stdout and "archive/old.txt" not in failing.stdout
    passing = try_repo("archive/old.txt", "clean.md")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout


def readme_config() -> dict[str, object]:
    """The pre-commit configuration the README shows."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Pre-commit\n", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert block is not None
    config: dict[str, object] = yaml.safe_load(block.group(1))
    return config


def test_readme_snippet_names_this_release() -> None:
    (repo,) = readme_config()["repos"]  # type: ignore[misc]
    assert repo["repo"] == REPOSITORY_URL
    assert repo["rev"] == f"v{__version__}"
    assert [hook["id"] for hook in repo["hooks"]] == ["artlint"]


def test_readme_snippet_installs_the_tagged_release(articles: Path, tmp_path: Path) -> None:
    """The README's configuration, verbatim but for the repository's address (a clone of this one)."""
    tag = f"v{__version__}"
    if not (ROOT / ".git").exists() or subprocess.run(
        ["git", "rev-parse", "-q", "--verify", f"refs/tags/{tag}"], cwd=ROOT, capture_output=True, check=False
    ).returncode:
        pytest.skip(f"no tag {tag} in this checkout: tag the release commit (`git tag {tag}`)")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, capture_output=True)
    config = readme_config()
    config["repos"][0]["repo"] = str(clone)  # type: ignore[index]
    (articles / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    git(articles, "add", ".pre-commit-config.yaml")
    run = pre_commit(articles, tmp_path / "cache", "run", "--files", "seed.txt", "clean.md", "archive/old.txt")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "seed.txt:1:" in run.stdout and "archive/old.txt" not in run.stdout
