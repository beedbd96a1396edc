"""The user's cache of compiled ``regex`` patterns (artlint.patterns)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import regex

from artlint import patterns

DATE = r"(?i)^(?:published|updated)\s+\d{1,2}\s+(?:jan|feb|mar)\w*\s+\d{4}$"


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path


def _saved_store(pattern: str = DATE) -> patterns._Store:
    store = patterns._Store()
    store.compile(pattern, regex.V1)
    store.save()
    return store


def test_a_saved_program_is_loaded_without_compiling(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _saved_store()
    assert (cache_home / "artlint").is_dir()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(regex, "compile", refuse)
    loaded = patterns._Store().compile(DATE, regex.V1)
    assert loaded.fullmatch("Published 3 March 2021")
    assert not loaded.fullmatch("Published on a Monday")


def test_flags_are_part_of_the_key(cache_home: Path) -> None:
    _saved_store("abc")
    store = patterns._Store()
    assert store.compile("abc", regex.V1 | regex.IGNORECASE).search("xABCx")
    assert not store.compile("abc", regex.V1).search("xABCx")


def test_a_file_that_is_not_a_cache_is_replaced(cache_home: Path) -> None:
    path = patterns._Store().path
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    store = _saved_store()
    assert store.compile(DATE, regex.V1).fullmatch("Updated 1 Jan 2020")
    assert (DATE, regex.V1) in pickle.loads(path.read_bytes())


def test_an_altered_file_cannot_run_code(cache_home: Path, tmp_path: Path) -> None:
    sentinel = tmp_path / "ran"

    class Exploit:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (Path.touch, (str(sentinel),))

    path = patterns._Store().path
    path.parent.mkdir(parents=True)
    path.write_bytes(pickle.dumps({(DATE, regex.V1): pickle.dumps(Exploit())}))
    compiled = patterns._Store().compile(DATE, regex.V1)
    assert compiled.fullmatch("Published 3 March 2021")
    assert not sentinel.exists()
    path.write_bytes(pickle.dumps(Exploit()))
    assert patterns._Store().compile("x+", 0).fullmatch("xx")
    assert not sentinel.exists()


def test_an_unwritable_cache_folder_is_skipped(cache_home: Path) -> None:
    (cache_home / "artlint").write_text("a file where the folder should be")
    store = _saved_store()
    assert store.compile(DATE, regex.V1).fullmatch("Updated 1 Jan 2020")
    assert (cache_home / "artlint").read_text() == "a file where the folder should be"


def test_this_runs_patterns_are_kept_first_then_recent_ones(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "MAX_ENTRIES", 2)
    for old in ("a1", "a2"):
        _saved_store(old)
    _saved_store("b1")
    kept = pickle.loads(patterns._Store().path.read_bytes())
    assert list(kept) == [("b1", regex.V1), ("a2", regex.V1)]  # then the most recent run's
