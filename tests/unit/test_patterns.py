"""The user's cache of compiled ``regex`` and ``re`` patterns (artlint.patterns)."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
import regex

from artlint import patterns

DATE = r"(?i)^(?:published|updated)\s+\d{1,2}\s+(?:jan|feb|mar)\w*\s+\d{4}$"


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path


def _saved_store(pattern: str = DATE) -> patterns._Store[regex.Pattern[str]]:
    store = patterns._regex_store()
    store.compile(pattern, regex.V1)
    store.save()
    return store


def test_a_saved_program_is_loaded_without_compiling(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _saved_store()
    assert (cache_home / "artlint").is_dir()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(regex, "compile", refuse)
    loaded = patterns._regex_store().compile(DATE, regex.V1)
    assert loaded.fullmatch("Published 3 March 2021")
    assert not loaded.fullmatch("Published on a Monday")


def test_flags_are_part_of_the_key(cache_home: Path) -> None:
    _saved_store("abc")
    store = patterns._regex_store()
    assert store.compile("abc", regex.V1 | regex.IGNORECASE).search("xABCx")
    assert not store.compile("abc", regex.V1).search("xABCx")


def test_a_file_that_is_not_a_cache_is_replaced(cache_home: Path) -> None:
    path = patterns._regex_store().path
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

    path = patterns._regex_store().path
    path.parent.mkdir(parents=True)
    path.write_bytes(pickle.dumps({(DATE, regex.V1): pickle.dumps(Exploit())}))
    compiled = patterns._regex_store().compile(DATE, regex.V1)
    assert compiled.fullmatch("Published 3 March 2021")
    assert not sentinel.exists()
    path.write_bytes(pickle.dumps(Exploit()))
    assert patterns._regex_store().compile("x+", 0).fullmatch("xx")
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
    kept = pickle.loads(patterns._regex_store().path.read_bytes())
    assert list(kept) == [("b1", regex.V1), ("a2", regex.V1)]  # then the most recent run's


RE_SAMPLES = (
    (r"(?P<day>\d{1,2}) (?P<month>[A-Z][a-z]+)", 0),
    (r"(?i)\bcease-?fire\b", 0),
    (r"^\s*(?:see also|read more)\b", re.IGNORECASE | re.MULTILINE),
    (rb"<meta[^>]{0,200}?charset=([\w-]+)", re.IGNORECASE),
)


def test_a_saved_re_program_is_the_pattern_re_compiles(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = patterns._re_store()
    for pattern, flags in RE_SAMPLES:
        first.compile(pattern, flags)
    first.save()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(patterns, "_re_compile", refuse)
    later = patterns._re_store()
    for pattern, flags in RE_SAMPLES:
        loaded, fresh = later.compile(pattern, flags), re.compile(pattern, flags)
        assert (loaded.pattern, loaded.flags, loaded.groups, loaded.groupindex) == (
            fresh.pattern, fresh.flags, fresh.groups, fresh.groupindex)
    assert later.compile(*RE_SAMPLES[0]).search("on 25 November").groupdict() == {"day": "25", "month": "November"}
    assert later.compile(*RE_SAMPLES[1]).findall("A Ceasefire, a cease-fire") == ["Ceasefire", "cease-fire"]
    assert later.compile(*RE_SAMPLES[3]).search(b"<META charset=utf-8>").group(1) == b"utf-8"


def test_every_built_in_re_pattern_loads_as_re_compiles_it(cache_home: Path) -> None:
    """The programs saved by a check with every rule: each must match as ``re.compile``'s does."""
    import subprocess
    import sys

    seed = Path(__file__).resolve().parents[2] / "seeds" / "000_86da29c17ddbe20d.txt"
    subprocess.run([sys.executable, "-m", "artlint.cli", "check", str(seed), "--isolated", "--no-cache"],
                   capture_output=True, check=False)
    store = patterns._re_store()
    saved = pickle.loads(store.path.read_bytes())
    assert len(saved) > 50
    text = seed.read_text(encoding="utf-8")
    for pattern, flags in saved:
        loaded, fresh = store.compile(pattern, flags), re.compile(pattern, flags)
        sample: str | bytes = text.encode() if isinstance(pattern, bytes) else text
        assert [m.span() for m in loaded.finditer(sample)] == [m.span() for m in fresh.finditer(sample)], pattern


def test_a_damaged_re_program_is_compiled_again(cache_home: Path) -> None:
    store = patterns._re_store()
    store.path.parent.mkdir(parents=True)
    pattern, flags = RE_SAMPLES[1]
    program = (pattern, flags | re.UNICODE, [9999, 1, 2], 0, {}, (None,))
    store.path.write_bytes(pickle.dumps({(pattern, flags): program}))
    assert store.compile(pattern, flags).search("no CEASEFIRE")
    store.save()
    assert pickle.loads(store.path.read_bytes())[(pattern, flags)] != program


def test_an_altered_re_file_cannot_run_code(cache_home: Path, tmp_path: Path) -> None:
    sentinel = tmp_path / "ran"

    class Exploit:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (Path.touch, (str(sentinel),))

    store = patterns._re_store()
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(pickle.dumps({("x+", 0): Exploit()}))
    assert store.compile("x+", 0).fullmatch("xx")
    assert not sentinel.exists()


def test_a_python_with_other_re_internals_compiles_as_usual_and_keeps_nothing(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def other_python(pattern: str, flags: int) -> None:
        raise AttributeError("module 're._compiler' has no attribute '_code'")

    monkeypatch.setattr(patterns, "_re_program", other_python)
    store = patterns._re_store()
    assert store.compile(*RE_SAMPLES[1]).findall("a ceasefire") == ["ceasefire"]
    store.save()
    assert not store.path.exists()
