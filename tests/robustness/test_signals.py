"""Interrupting a real ``artlint`` process (SIGINT, SIGTERM) while it fixes files or fills its cache.

Every file must be left either as it was or fully fixed, no temporary file may remain, and the
cache must hold only complete entries that a later run can use.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

SEED = SEEDS / "000_86da29c17ddbe20d.txt"
FILES = 100
FIX_FILES = 200  # enough that the signal lands mid-run on a loaded machine too (a file takes ~20 ms)
pytestmark = pytest.mark.slow


# Runs artlint's command line with Python's usual SIGINT handler, also when the suite runs as a
# background job of a shell without job control: its children start with SIGINT ignored, which
# Python keeps, so the run would finish instead of being interrupted.
_RUN = ("import runpy, signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
        "runpy.run_module('artlint.cli', run_name='__main__', alter_sys=True)")


def artlint(*args: str, cwd: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "lint")}
    return subprocess.Popen([sys.executable, "-c", _RUN, *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def articles(root: Path, count: int = FILES) -> dict[str, str]:
    """``count`` distinct copies of the seed article in project ``root``, by name.

    The runs below use the default rule set (``--isolated``): it takes long enough per file
    that the signal always lands mid-run, even on an idle machine.
    """
    seed = SEED.read_text(encoding="utf-8")
    texts = {f"a{i:03}.txt": f"{seed}\nFile {i}.\n" for i in range(count)}
    for name, text in texts.items():
        (root / name).write_text(text, encoding="utf-8")
    return texts


def interrupt_when(process: subprocess.Popen[bytes], ready: Callable[[], bool], signum: int) -> int:
    """Send ``signum`` to ``process`` as soon as ``ready()``; its exit status."""
    deadline = time.monotonic() + 60
    while not ready():
        assert process.poll() is None, "artlint finished before it could be interrupted"
        assert time.monotonic() < deadline, "artlint made no progress in 60 s"
        time.sleep(0.005)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert b"Traceback" not in err, err.decode()
    assert process.returncode != 130 or err.endswith(b"artlint: interrupted\n"), err.decode()
    return process.returncode


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.rglob("*") if p.name.endswith((".tmp", ".artlint-tmp")))


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_fix_leaves_each_file_unchanged_or_fully_fixed(tmp_path: Path, signum: int) -> None:
    reference, project = tmp_path / "reference", tmp_path / "project"
    reference.mkdir()
    project.mkdir()
    originals = articles(reference, FIX_FILES)
    articles(project, FIX_FILES)
    done = artlint("check", ".", "--fix", "--isolated", "--no-cache", "--jobs", "1", cwd=reference)
    done.communicate(timeout=120)
    assert done.returncode in (0, 1)
    fixed = {name: (reference / name).read_text(encoding="utf-8") for name in originals}
    assert all(fixed[name] != originals[name] for name in originals)

    process = artlint("check", ".", "--fix", "--isolated", "--no-cache", "--jobs", "1", cwd=project)
    first = project / "a000.txt"
    status = interrupt_when(process, lambda: first.read_text(encoding="utf-8") == fixed["a000.txt"], signum)

    assert status == 130
    states = [(project / name).read_text(encoding="utf-8") for name in originals]
    assert all(state in (originals[name], fixed[name]) for name, state in zip(originals, states, strict=True))
    assert 0 < sum(state == fixed[name] for name, state in zip(originals, states, strict=True)) < FIX_FILES
    assert leftovers(project) == []


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_cache_writes_leave_a_valid_cache(tmp_path: Path, signum: int) -> None:
    articles(tmp_path)
    cache = ("--cache-dir", str(tmp_path / "cache"))
    entries = tmp_path / "cache" / "v1"
    process = artlint("check", ".", "--isolated", "--jobs", "1", "--format", "json", *cache, cwd=tmp_path)

    status = interrupt_when(process, lambda: entries.is_dir() and any(entries.rglob("*.json")), signum)

    assert status == 130
    assert leftovers(tmp_path) == []
    stored = sorted(entries.rglob("*.json"))
    for entry in stored:
        assert json.loads(entry.read_bytes())["key"] == entry.parent.name + entry.stem
    rerun = artlint("check", ".", "--isolated", "--jobs", "1", "--format", "json", *cache, cwd=tmp_path)
    cached, _ = rerun.communicate(timeout=120)
    fresh = artlint("check", ".", "--isolated", "--jobs", "1", "--format", "json", "--no-cache", cwd=tmp_path)
    uncached, _ = fresh.communicate(timeout=120)
    assert (rerun.returncode, json.loads(cached)["findings"]) == (fresh.returncode, json.loads(uncached)["findings"])
    assert len(stored) < FILES == len(list(entries.rglob("*.json")))
