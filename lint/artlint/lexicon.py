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

from artlint.errors import InputError, RuleDefinitionError
from artlint.source import read_input, read_toml

T = TypeVar("T")
MAX_LEXICON_BYTES = 50_000_000
"""A lexicon file larger than this is refused."""


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


Payload = tuple[int, str, Any]
"""What an automaton holds for a phrase: the length of its key, the phrase, the entry's value."""


class PhraseMatcher:
    """Finds whole-word occurrences of many phrases at once.

    A matcher given a ``scanner`` (as ``Lexicons.new_matcher`` and ``Lexicons.matcher`` do)
    shares its scans with the scanner's other members, which all have its ``ignore_case``; it
    finds the same matches.
    """

    def __init__(self, entries: Iterable[tuple[str, Any]], *, ignore_case: bool = True,
                 scanner: PhraseScanner | None = None) -> None:
        self.ignore_case = ignore_case
        self.keys: dict[str, Payload] = {}
        """Each phrase's key (folded if ``ignore_case``) and payload; a repeated key keeps its last entry."""
        for phrase, value in entries:
            key = fold.__wrapped__(phrase) if ignore_case else phrase  # uncached: the cache is for texts
            if key:
                self.keys[key] = (len(key), phrase, value)
        self._automaton = ahocorasick.Automaton()
        for key, payload in self.keys.items():
            self._automaton.add_word(key, payload)
        if self.keys:
            self._automaton.make_automaton()
        self._scanner = scanner if self.keys else None
        self._slot = -1 if self._scanner is None else self._scanner.join(self)

    def find(self, text: str, *, whole_words: bool = True, longest: bool = True) -> Iterator[Match]:
        """Matches in ``text``, left to right; overlapping shorter matches dropped if ``longest``."""
        if not self.keys or not text:
            return
        haystack = fold(text) if self.ignore_case else text
        shared = None if self._scanner is None else self._scanner.hits(self._slot, haystack)
        found: list[Match] = []
        for end_index, (length, phrase, value) in self._automaton.iter(haystack) if shared is None else shared:
            start, end = end_index + 1 - length, end_index + 1
            if whole_words and not self._bounded(text, start, end):
                continue
            found.append(Match(start, end, phrase, value))
        if not found:  # most texts
            return
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


class PhraseScanner:
    """Phrase matchers that scan texts together: one Aho-Corasick automaton holds the phrases of
    every member, and a document's text is scanned once for all of them.

    Rules match their lexicons against the same blocks: with an automaton each, every block was
    scanned once per rule. Members join as their rules build them, during a document, and scan
    alone there; ``start_document`` builds the shared automaton with every member (only when
    some have joined since) and forgets the previous document's scans. A one-document run
    never builds it.
    """

    def __init__(self) -> None:
        self._members: list[PhraseMatcher] = []
        # (automaton, members it holds, scans by text): replaced as a whole, so a scan read
        # from it always matches its automaton
        self._generation: tuple[ahocorasick.Automaton | None, int, dict[str, dict[int, list[tuple[int, Payload]]]]]
        self._generation = (None, 0, {})

    def join(self, matcher: PhraseMatcher) -> int:
        """Make ``matcher`` a member (from the next document on, it reads the shared scans); its slot."""
        self._members.append(matcher)
        return len(self._members) - 1

    def start_document(self) -> None:
        """Forget the scans of the last document; take the members that joined since into the automaton."""
        automaton, size, _ = self._generation
        if len(self._members) > size:
            size = len(self._members)
            automaton = ahocorasick.Automaton()
            owners: dict[str, list[tuple[int, Payload]]] = {}
            for slot, member in enumerate(self._members):
                for key, payload in member.keys.items():
                    owners.setdefault(key, []).append((slot, payload))
            for key, payloads in owners.items():
                automaton.add_word(key, payloads)
            automaton.make_automaton()
        self._generation = (automaton, size, {})

    def hits(self, slot: int, haystack: str) -> Sequence[tuple[int, Payload]] | None:
        """Member ``slot``'s phrases in ``haystack`` as (end index, payload), from one scan per
        text; None for a member not yet in the automaton."""
        automaton, size, scans = self._generation
        if automaton is None or slot >= size:
            return None
        found = scans.get(haystack)
        if found is None:
            found = scans[haystack] = {}
            for end_index, payloads in automaton.iter(haystack):
                for owner, payload in payloads:
                    found.setdefault(owner, []).append((end_index, payload))
        return found.get(slot, ())


class Lexicons:
    """Loads lexicons by name from the rule directories, once each."""

    def __init__(self, directories: Sequence[Path] = ()) -> None:
        self.directories = [builtin_rules_dir() / "lexicons", *(Path(d) / "lexicons" for d in directories)]
        self._cache: dict[Hashable, Any] = {}
        self._scanners = {True: PhraseScanner(), False: PhraseScanner()}  # by ignore_case: folded or exact texts

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
            try:
                text = read_input(path, MAX_LEXICON_BYTES).decode("utf-8")
            except (OSError, InputError, UnicodeDecodeError) as exc:
                raise RuleDefinitionError(f"{path}: cannot read lexicon: {exc}") from None
            lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
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
                self._cache[key] = read_toml(path, MAX_LEXICON_BYTES)
            except (OSError, InputError) as exc:
                raise RuleDefinitionError(f"{path}: cannot read lexicon: {exc}") from None
            except ValueError as exc:
                raise RuleDefinitionError(f"{path}: {exc}") from None
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
            self._cache[key] = self.new_matcher(((p, p) for p in self.phrases(name)), ignore_case=ignore_case)
        matcher: PhraseMatcher = self._cache[key]
        return matcher

    def new_matcher(self, entries: Iterable[tuple[str, Any]], *, ignore_case: bool = True) -> PhraseMatcher:
        """A matcher over (phrase, value) ``entries`` that shares its scans with the other matchers
        made here (build it once per rule, not per document)."""
        return PhraseMatcher(entries, ignore_case=ignore_case, scanner=self._scanners[ignore_case])

    def start_document(self) -> None:
        """Called by the engine before each document: see ``PhraseScanner``."""
        for scanner in self._scanners.values():
            scanner.start_document()
