"""Lexicons (phrase lists as data under ``rules/lexicons/``) and the multi-pattern matcher.

A lexicon is ``NAME.txt`` (one phrase per line, ``#`` comments) or ``NAME.toml`` (structured
entries, read by the rule that uses it). Each phrase list compiles into one Aho-Corasick
automaton, so matching costs one pass over the text whatever the number of phrases.
"""

from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import ahocorasick

from artlint.errors import InputError, RuleDefinitionError
from artlint.source import read_input, read_json, read_toml

T = TypeVar("T")
MAX_LEXICON_BYTES = 50_000_000
"""A lexicon file larger than this is refused."""


def builtin_rules_dir() -> Path:
    """The built-in rule definitions: the copy shipped in the wheel, else the checkout's."""
    shipped = Path(__file__).parent / "_rules"
    return shipped if shipped.is_dir() else Path(__file__).resolve().parents[2] / "rules"


def fold(text: str) -> str:
    """Lower-case ``text`` without changing its length (offsets stay valid)."""
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
Scan = dict[int, list[tuple[int, Payload]]]
"""One scan of a text: each member's phrases found there (by slot), as (end index, payload)."""


class PhraseMatcher:
    """Finds whole-word occurrences of many phrases at once.

    Its phrases live in its ``scanner``'s automaton, shared with the scanner's other members
    (``Lexicons.new_matcher``); a matcher made alone has a scanner of its own.
    """

    def __init__(self, entries: Iterable[tuple[str, Any]], *, ignore_case: bool = True,
                 scanner: "PhraseScanner | None" = None) -> None:
        self.ignore_case = ignore_case
        self.keys: dict[str, Payload] = {}
        """Each phrase's key (folded if ``ignore_case``) and payload; a repeated key keeps its last entry."""
        for phrase, value in entries:
            key = fold(phrase) if ignore_case else phrase
            if key:
                self.keys[key] = (len(key), phrase, value)
        self.scanner = scanner if scanner is not None else PhraseScanner(ignore_case)
        self._slot = self.scanner.join(self)

    def find(self, text: str, *, whole_words: bool = True, longest: bool = True) -> Iterator[Match]:
        """Matches in ``text``, left to right; overlapping shorter matches dropped if ``longest``.

        Rules ask ``Context.analysis.matches``, which scans a document's text once for every matcher."""
        return self.select(self.scanner.scan(text), text, whole_words=whole_words, longest=longest)

    def select(self, scan: Scan, text: str, *, whole_words: bool = True, longest: bool = True) -> Iterator[Match]:
        """This matcher's matches in ``scan``, a scan of ``text`` by its scanner."""
        hits = scan.get(self._slot)
        if not hits:  # most texts
            return
        found: list[Match] = []
        for end_index, (length, phrase, value) in hits:
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


class PhraseScanner:
    """Phrase matchers that scan texts together: one Aho-Corasick automaton holds the phrases of
    every member, and a text is scanned once for all of them.

    Rules match their lexicons against the same blocks: with an automaton each, every block was
    scanned once per rule. Members join as their rules are set up (``Rule.setup``), and the
    engine builds the automaton once, before the first document (``Lexicons.build``); a member
    that joins later has it rebuilt at the next scan.
    """

    def __init__(self, ignore_case: bool) -> None:
        self.ignore_case = ignore_case
        self._members: list[PhraseMatcher] = []
        self._automaton: ahocorasick.Automaton | None = None

    def join(self, matcher: PhraseMatcher) -> int:
        """Make ``matcher`` a member; its slot."""
        self._members.append(matcher)
        self._automaton = None
        return len(self._members) - 1

    def build(self) -> ahocorasick.Automaton:
        """The automaton of every member's phrases (built when members joined since the last)."""
        if self._automaton is None:
            automaton = ahocorasick.Automaton()
            owners: dict[str, list[tuple[int, Payload]]] = {}
            for slot, member in enumerate(self._members):
                for key, payload in member.keys.items():
                    owners.setdefault(key, []).append((slot, payload))
            for key, payloads in owners.items():
                automaton.add_word(key, payloads)
            if owners:
                automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def scan(self, text: str) -> Scan:
        """Every member's phrases in ``text`` (folded first if the members ignore case)."""
        automaton = self.build()
        found: Scan = {}
        if not text or not len(automaton):
            return found
        for end_index, payloads in automaton.iter(fold(text) if self.ignore_case else text):
            for owner, payload in payloads:
                found.setdefault(owner, []).append((end_index, payload))
        return found


class Lexicons:
    """Loads lexicons by name from the rule directories, once each."""

    def __init__(self, directories: Sequence[Path] = ()) -> None:
        self.directories = [builtin_rules_dir() / "lexicons", *(Path(d) / "lexicons" for d in directories)]
        self._cache: dict[Hashable, Any] = {}
        self._scanners = {True: PhraseScanner(True), False: PhraseScanner(False)}  # folded or exact texts

    def path(self, name: str) -> Path:
        """The file of lexicon ``name``; later directories (user rules) win."""
        for directory in reversed(self.directories):
            for suffix in (".txt", ".toml", ".json"):
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
        """The parsed contents of a ``.toml`` lexicon, or of a ``.json`` one (an object; for large
        numeric tables, which JSON parses many times faster)."""
        key = f"toml:{name}"
        if key not in self._cache:
            path = self.path(name)
            try:
                table = read_json(path, MAX_LEXICON_BYTES) if path.suffix == ".json" else read_toml(path, MAX_LEXICON_BYTES)
            except (OSError, InputError) as exc:
                raise RuleDefinitionError(f"{path}: cannot read lexicon: {exc}") from None
            except ValueError as exc:
                raise RuleDefinitionError(f"{path}: {exc}") from None
            if not isinstance(table, dict):
                raise RuleDefinitionError(f"{path}: not an object")
            self._cache[key] = table
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
        made here (make it in ``Rule.setup``, not per document)."""
        return PhraseMatcher(entries, ignore_case=ignore_case, scanner=self._scanners[ignore_case])

    def build(self) -> None:
        """Build the shared automata (the engine calls it once its rules are set up)."""
        for scanner in self._scanners.values():
            scanner.build()
