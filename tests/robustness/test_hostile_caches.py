"""Hostile caches: an entry anyone could have written (CI cache restore, shared runner, another
user) is a hint. Every generated alteration of a real entry either leaves the report exactly as
a fresh check gives it or is rejected and the file checked again; ``--fix`` never takes an
edit from the cache; a cache folder others may write is not used; an altered language-model
copy is found and unpacked again."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from artlint.cache import CachedRunner, ResultCache
from artlint.cli import app
from artlint.config import Overrides
from artlint.model import FileResult

TEXT = "The the council met on Monday.\nIt it was late.\n"


def _runner(directory: Path, *, read: bool = True) -> CachedRunner:
    return CachedRunner(Overrides(isolated=True), cache=ResultCache(directory, read=read))


def _check(runner: CachedRunner, text: str = TEXT) -> FileResult:
    return runner.check_bytes(text.encode(), "story.txt", runner.resolver.for_directory(Path.cwd()), "text")


def _entry(directory: Path) -> Path:
    (entry,) = directory.glob("v1/*/*.json")
    return entry


SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=True), st.text(max_size=8),
                   st.just(""), st.just("MT001"), st.just("XX999"), st.just(10**9), st.just(-1), st.just([]), st.just({}))
FIELDS = ["code", "name", "family", "severity", "message", "start", "end", "line", "column", "end_line", "end_column",
          "excerpt", "fix", "related", "fingerprint"]


@st.composite
def alterations(draw: st.DrawFn) -> tuple[str, Any]:
    """An attacker's change to a finding record (a field set, dropped, nested, a fix swapped in)."""
    field = draw(st.sampled_from(FIELDS))
    how = draw(st.sampled_from(["set", "drop", "nest", "whole-text fix", "shift", "bool"]))
    if how == "set":
        return field, draw(SCALAR)
    if how == "nest":  # built in the test: hypothesis cannot print a value nested this deep
        return field, ("nest", draw(st.sampled_from([1, 2, 10, 5_000, 50_000])))
    if how == "whole-text fix":
        return "fix", {"applicability": "safe", "description": "x", "edits": [
            {"start": 0, "end": draw(st.integers(0, len(TEXT) + 5)), "replacement": "OWNED"}]}
    if how == "shift":
        return field, draw(st.integers(-3, 3))
    return field, True if how == "bool" else None


@pytest.fixture
def seeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, Any]]:
    monkeypatch.chdir(tmp_path)
    _check(_runner(tmp_path / "cache"))
    entry = json.loads(_entry(tmp_path / "cache").read_text())
    assert [f["code"] for f in entry["findings"]] == ["MT001", "MT001"]
    return tmp_path / "cache", entry


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(change=alterations(), which=st.integers(0, 1))
def test_an_altered_entry_is_rejected_or_harmless(seeded: tuple[Path, dict[str, Any]], change: tuple[str, Any],
                                                  which: int) -> None:
    directory, entry = seeded
    fresh = _check(_runner(directory, read=False)).findings
    record = json.loads(json.dumps(entry))
    field, value = change
    nested = "[" * value[1] + "0" + "]" * value[1] if isinstance(value, tuple) else None
    value = "NESTED" if nested else value
    finding = record["findings"][which]
    if value is None and field != "fix":
        finding.pop(field, None)
    elif isinstance(value, int) and not isinstance(value, bool) and field in finding and type(finding[field]) is int:
        finding[field] += value
    else:
        finding[field] = value
    _entry(directory).write_text(json.dumps(record).replace('"NESTED"', nested or '"NESTED"'))
    runner = _runner(directory)
    result = _check(runner)
    if runner.cache.hits:  # accepted: then it says what a fresh check says, where it can be verified
        assert [(f.code, f.name, f.location, f.excerpt) for f in result.findings] == \
               [(f.code, f.name, f.location, f.excerpt) for f in fresh]
        assert all(TEXT[f.start:f.end] == f.excerpt for f in result.findings)
    else:
        assert result.findings == fresh


@pytest.mark.parametrize("payload", [
    "[" * 200_000 + "]" * 200_000,  # deep nesting: RecursionError in the JSON parser
    '{"key": 1, "findings": {}}', '{"findings": 5}', "null", "\ufeff{", '{"key": "', "\x00" * 10,
])
def test_a_malformed_entry_is_a_miss(seeded: tuple[Path, dict[str, Any]], payload: str) -> None:
    directory, _ = seeded
    _entry(directory).write_text(payload)
    runner = _runner(directory)
    assert [f.code for f in _check(runner).findings] == ["MT001", "MT001"]
    assert (runner.cache.hits, runner.cache.misses) == (0, 1)


def test_fix_takes_no_edit_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.txt").write_text(TEXT)
    assert CliRunner().invoke(app, ["check", "story.txt", "--isolated", "--cache-dir", "c"]).exit_code == 1
    entry_path = _entry(tmp_path / "c")
    entry = json.loads(entry_path.read_text())
    for finding in entry["findings"]:  # a consistent span, but a fix that replaces the article
        finding["fix"] = {"applicability": "safe", "description": "x",
                          "edits": [{"start": 0, "end": len(TEXT), "replacement": "OWNED\n"}]}
    entry_path.write_text(json.dumps(entry))
    result = CliRunner().invoke(app, ["check", "story.txt", "--isolated", "--cache-dir", "c", "--fix"])
    assert "OWNED" not in (tmp_path / "story.txt").read_text()
    assert (tmp_path / "story.txt").read_text() == "The council met on Monday.\nIt was late.\n", result.stderr


def test_a_cache_folder_others_can_write_is_not_used(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    runner = _runner(shared)
    _check(runner)
    assert not list(shared.iterdir())  # nothing written
    assert (runner.cache.hits, runner.cache.misses) == (0, 1)
    mine = tmp_path / "mine" / "deeper"
    _check(_runner(mine))
    assert stat.S_IMODE(mine.stat().st_mode) == 0o700
    assert all(not p.stat().st_mode & stat.S_IWOTH for p in mine.rglob("*"))
    link = tmp_path / "link"
    link.symlink_to(mine)
    assert not _runner(link).cache.trusted()


def test_an_altered_or_misshapen_model_copy_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    from artlint.checks.translation import langid_model

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    sentence = "Le gouvernement a décidé lundi d'augmenter les impôts"
    assert langid_model.identifier().rank(sentence)[0][0] == "fr"
    (copy,) = tmp_path.glob("artlint/langid-*")
    pc = np.load(copy / "pc.npy")
    np.save(copy / "pc.npy", np.zeros_like(pc))  # valid, same shape, altered: would turn MT023 off
    assert langid_model.identifier().rank(sentence)[0][0] == "fr"
    assert langid_model.intact(copy)
    np.save(copy / "ptc.npy", np.zeros((3, 2), dtype=np.uint16))  # wrong shape
    assert langid_model.identifier().rank(sentence)[0][0] == "fr"
    assert langid_model.intact(copy)
    os.remove(copy / langid_model.SUMS)
    assert langid_model.identifier().rank(sentence)[0][0] == "fr"
    assert langid_model.intact(copy)
