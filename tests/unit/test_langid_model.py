"""MT023's language model, unpacked once into the user's cache (checks/translation/langid_model.py)."""

from __future__ import annotations

import io
import lzma
from pathlib import Path

import numpy as np
import pytest

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
    sentence = "Die Regierung hat am Montag beschlossen, die Steuern zu erhöhen"
    for _ in range(2):  # unpacking, then mapping the unpacked arrays
        assert langid_model.identifier().rank(sentence)[:5] == stock.rank(sentence)[:5]
    assert len(list(tmp_path.glob("artlint/langid-*/*.npy"))) == len(langid_model.MEMBERS)


def test_a_damaged_unpacked_copy_is_unpacked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    langid_model.identifier()
    (copy,) = tmp_path.glob("artlint/langid-*")
    (copy / "ptc.npy").write_bytes(b"truncated")
    assert langid_model.identifier().classify("Le gouvernement a décidé lundi d'augmenter les impôts")[0] == "fr"
    assert langid_model.intact(copy)  # removed and unpacked again
