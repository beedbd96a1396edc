"""Lexicons (phrase lists as data under ``rules/lexicons/``) and the multi-pattern matcher.

A lexicon is ``NAME.txt`` (one phrase per line, ``#`` comments) or ``NAME.toml`` (structured
entries, read by the rule that uses it). Each phrase list compiles into one Aho-Corasick
automaton, so matching costs one pass over the text whatever the number of phrases.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import ahocorasick
import tomli

from artlint.errors import RuleDefinitionError

T = TypeVar("T")


def builtin_rules_dir() -> Path:
    """The built-in rule definitions: the copy shipped in the wheel, else the checkout's."""
    shipped = Path(__file__).parent / "_rules"
    return shipped if shipped.is_dir() else Path(__file__).resolve().parents[2] / "rules"


@lru_cache(maxsize=1024)
def fold(text: str) -> str:
    """Lower-case ``text`` without changing its length (offsets stay valid); cached, as every
    phrase rule folds the same blocks."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class Match(NamedTuple):
    """A phrase found at ``text[start:end]``; ``value`` is the entry's payload."""

    start: int
    end: int
    phrase: str
    value: Any


class PhraseMatcher:
    """Finds whole-word occurrences of many phrases at once."""

    def __init__(self, entries: Iterable[tuple[str, Any]], *, ignore_case: bool = True) -> None:
        self.ignore_case = ignore_case
        self._automaton = ahocorasick.Automaton()
        self.longest = 0
        """The length of the longest phrase."""
        for phrase, value in entries:
            key = fold.__wrapped__(phrase) if ignore_case else phrase  # uncached: the cache is for texts
            if key:
                self._automaton.add_word(key, (len(key), phrase, value))
                self.longest = max(self.longest, len(key))
        self._empty = self.longest == 0
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str, *, whole_words: bool = True, longest: bool = True) -> Iterator[Match]:
        """Matches in ``text``, left to right; overlapping shorter matches dropped if ``longest``."""
        if self._empty or not text:
            return
        haystack = fold(text) if self.ignore_case else text
        found: list[Match] = []
        for end_index, (length, phrase, value) in self._automaton.iter(haystack):
            start, end = end_index + 1 - length, end_index + 1
            if whole_words and not self._bounded(text, start, end):
                continue
            found.append(Match(start, end, phrase, value))
        if not longest:
            yield from sorted(found, key=lambda m: (m.start, m.end))
            return
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        last_end = -1
        for match in found:
            if match.start >= last_end:
                yield match
                last_end = match.end

    @staticmethod
    def _bounded(text: str, start: int, end: int) -> bool:
        before_ok = start == 0 or not _is_word_char(text[start - 1]) or not _is_word_char(text[start])
        after_ok = end == len(text) or not _is_word_char(text[end]) or not _is_word_char(text[end - 1])
        return before_ok and after_ok


class Lexicons:
    """Loads lexicons by name from the rule directories, once each."""

    def __init__(self, directories: Sequence[Path] = ()) -> None:
        self.directories = [builtin_rules_dir() / "lexicons", *(Path(d) / "lexicons" for d in directories)]
        self._cache: dict[Hashable, Any] = {}

    def path(self, name: str) -> Path:
        """The file of lexicon ``name``; later directories (user rules) win."""
        for directory in reversed(self.directories):
            for suffix in (".txt", ".toml"):
                candidate = directory / f"{name}{suffix}"
                if candidate.is_file():
                    return candidate
        raise RuleDefinitionError(f"lexicon {name!r} not found in {', '.join(map(str, self.directories))}")

    def phrases(self, name: str) -> list[str]:
        """The phrases of a ``.txt`` lexicon."""
        key = f"txt:{name}"
        if key not in self._cache:
            path = self.path(name)
            lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
            self._cache[key] = [line for line in lines if line]
        return list(self._cache[key])

    def pairs(self, name: str) -> list[tuple[str, str]]:
        """The entries of a ``.txt`` lexicon of pairs: two words per line ("colour color")."""
        key = f"pairs:{name}"
        if key not in self._cache:
            found: list[tuple[str, str]] = []
            for phrase in self.phrases(name):
                words = phrase.split()
                if len(words) != 2:
                    raise RuleDefinitionError(f"{self.path(name)}: {phrase!r} is not a pair of two words")
                found.append((words[0], words[1]))
            self._cache[key] = found
        return list(self._cache[key])

    def table(self, name: str) -> dict[str, Any]:
        """The parsed contents of a ``.toml`` lexicon."""
        key = f"toml:{name}"
        if key not in self._cache:
            path = self.path(name)
            try:
                self._cache[key] = tomli.loads(path.read_text(encoding="utf-8"))
            except tomli.TOMLDecodeError as exc:
                raise RuleDefinitionError(f"{path}: invalid TOML: {exc}") from None
        return dict(self._cache[key])

    def derived(self, key: Hashable, build: Callable[[], T]) -> T:
        """What ``build`` makes from these lexicons, built on first use and kept (``key`` names it).

        Rules derive word sets and tables from lexicons once per lexicon set this way, not
        once per document.
        """
        cache_key = ("derived", key)
        if cache_key not in self._cache:
            self._cache[cache_key] = build()
        value: T = self._cache[cache_key]
        return value

    def matcher(self, name: str, *, ignore_case: bool = True) -> PhraseMatcher:
        """One compiled matcher for a ``.txt`` lexicon (cached)."""
        key = f"matcher:{name}:{ignore_case}"
        if key not in self._cache:
            self._cache[key] = PhraseMatcher(((p, p) for p in self.phrases(name)), ignore_case=ignore_case)
        matcher: PhraseMatcher = self._cache[key]
        return matcher
