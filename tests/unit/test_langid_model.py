"""MT023's language model, unpacked once into the user's cache and read without NumPy (checks/translation/langid_model.py)."""

from __future__ import annotations

import io
import lzma
import os
from pathlib import Path

import numpy as np
import pytest
from conftest import files_read

from artlint import storage
from artlint.checks.translation import langid_model


def _model(path: Path) -> Path:
    """A small archive laid out as py3langid's: the same members, xz-compressed."""
    buffer = io.BytesIO()
    arrays = {name.removesuffix(".npy"): np.arange(6, dtype=np.uint16) + i for i, name in enumerate(langid_model.MEMBERS)}
    np.savez(buffer, **arrays)
    path.write_bytes(lzma.compress(buffer.getvalue()))
    return path


def test_the_archive_is_unpacked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = _model(tmp_path / "model.npz.xz")
    folder = langid_model.unpacked(model, tmp_path / "cache" / "langid-test")
    assert folder == tmp_path / "cache" / "langid-test"
    assert np.array_equal(np.load(folder / "pc.npy"), np.arange(6, dtype=np.uint16) + 1)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("unpacked again")

    monkeypatch.setattr(lzma, "open", refuse)
    assert langid_model.unpacked(model, folder) == folder
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["langid-test"]  # no staging folder left


def test_a_damaged_archive_or_an_unwritable_cache_gives_none(tmp_path: Path) -> None:
    broken = tmp_path / "broken.npz.xz"
    broken.write_bytes(b"not xz")
    assert langid_model.unpacked(broken, tmp_path / "cache" / "langid-broken") is None
    assert list((tmp_path / "cache").iterdir()) == []
    (tmp_path / "file").write_text("a file where the cache folder should be")
    assert langid_model.unpacked(_model(tmp_path / "model.npz.xz"), tmp_path / "file" / "langid") is None


def test_the_cached_model_ranks_as_py3langid_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    stock = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    sentences = ("Die Regierung hat am Montag beschlossen, die Steuern zu erhöhen", "The board met on Monday.",
                 "NOUS NE SOMMES PAS EN GUERRE", "", "1234 5678")
    for _ in range(2):  # unpacking, then mapping the unpacked arrays
        ours = langid_model.identifier()
        assert isinstance(ours, langid_model.Identifier)
        for sentence in sentences:  # double precision here, single in py3langid
            expected = stock.rank(sentence)
            ranked = ours.rank(sentence)
            assert [code for code, _ in ranked[:5]] == [code for code, _ in expected[:5]]
            assert [p for _, p in ranked] == pytest.approx([p for _, p in expected], abs=1e-5)
    assert len(list(tmp_path.glob("artlint/langid-*/*.npy"))) == len(langid_model.MEMBERS)


def test_without_a_cache_the_archive_is_read_in_memory(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("a file where the cache folder should be")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
        ours = langid_model.identifier()
    assert isinstance(ours, langid_model.Identifier)
    assert ours.rank("Le gouvernement a décidé lundi d'augmenter les impôts")[0][0] == "fr"


def test_a_recorded_copy_is_not_read_again_until_a_file_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    sentence = "Le gouvernement a décidé lundi d'augmenter les impôts"
    langid_model.identifier()
    (copy,) = tmp_path.glob("artlint/langid-*")
    assert not (copy / langid_model.CHECKED).exists()  # just written: the files have not settled
    monkeypatch.setattr(storage, "SETTLED_NS", -10**15)  # as if they had
    langid_model.identifier()  # the sums match: recorded
    assert (copy / langid_model.CHECKED).exists()

    read = files_read(monkeypatch, langid_model, "crc32_of")
    assert langid_model.identifier().rank(sentence)[0][0] == "fr"
    assert read == []  # the record matched: no file was read whole
    pc = copy / "pc.npy"
    data = bytearray(pc.read_bytes())
    data[-4:] = bytes(4)  # the same size, one score altered
    pc.write_bytes(bytes(data))
    os.utime(pc, ns=(1, 1))  # a time of its own, whatever the clock's resolution
    assert langid_model.identifier().rank(sentence)[0][0] == "fr"
    assert read  # the sums were read again, found wrong, and the copy unpacked again
    assert langid_model.intact(copy) and pc.read_bytes() != bytes(data)


def test_a_damaged_unpacked_copy_is_unpacked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    langid_model.identifier()
    (copy,) = tmp_path.glob("artlint/langid-*")
    (copy / "ptc.npy").write_bytes(b"truncated")
    assert langid_model.identifier().rank("Le gouvernement a décidé lundi d'augmenter les impôts")[0][0] == "fr"
    assert langid_model.intact(copy)  # removed and unpacked again


def test_installs_of_the_same_model_share_one_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first, second = _model(tmp_path / "first.xz"), _model(tmp_path / "second.xz")
    os.utime(second, ns=(1, 1))  # another install: the same bytes with another time
    assert langid_model._cache_folder(first) == langid_model._cache_folder(second)
    first.write_bytes(first.read_bytes() + b"\0")
    assert langid_model._cache_folder(first) != langid_model._cache_folder(second)
