"""A document's analysis: what several rules read of its text, computed once per document.

The engine makes one ``Analysis`` per document and gives it to every rule through
``Context.analysis``; it dies with the document. Each part (sentences, words, protected spans,
phrase scans) is computed on first use and kept for the other rules, so nothing is cached by
text across documents and no rule pays for what it does not read. What is handed out is shared:
callers must not change it.

Words are kept up to ``WORDS_KEPT`` per document, every word of any article (the longest of
clean-news and realworld dev has 4,432): five rules read every sentence's words, and a memo of all
of them held about 330 bytes per line of a one-word-per-line file (about 45 of its 150 MB per MB
of input). Past the budget the words of further sentences and texts are found again on each ask
(on 200 KB of one word per line that costs 7% more time, on one unpunctuated 200 KB line 20%).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from artlint.segment import Sentence, Sentences
from artlint.text.gates import Gates
from artlint.text.scan import Hint, Pattern
from artlint.text.spans import Protected, blank_protected
from artlint.text.tokens import Word, word_count, words
from artlint.text.words import in_protected

if TYPE_CHECKING:
    from artlint.lexicon import Match, PhraseMatcher, Scan
    from artlint.markup.document import Block, Document

T = TypeVar("T")

WORDS_KEPT = 10_000
"""Words (and word lists, one per sentence or text) the word memos of one document hold."""
_NO_ADDRESS = Protected("")
"""The protected spans of a text without web addresses."""


class Analysis:
    """Sentences, words, protected spans and phrase matches of one document, each on first use."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._protected: dict[str, Protected] = {}
        self._words: dict[int, list[Word]] = {}
        self._text_words: dict[str, list[Word]] = {}
        self._kept = 0  # words and lists in the two memos above, up to WORDS_KEPT
        self._counts: dict[str, int] = {}
        self._scans: dict[tuple[int, str], Scan] = {}
        self._derived: dict[Hashable, Any] = {}

    @cached_property
    def sentences(self) -> Sentences:
        """Every sentence of every block, in document order."""
        return Sentences(self.document.blocks)

    @cached_property
    def gates(self) -> Gates:
        """The blocks that hold each character class rules need."""
        return Gates(self.document)

    @cached_property
    def word_count(self) -> int:
        """Number of words in the document (``text.tokens``), block by block."""
        return sum(self.count_words(block.text) for block in self.document.blocks)

    def text_words(self, text: str) -> list[Word]:
        """The words of ``text`` (a block's or a sentence's; relative offsets)."""
        found = self._text_words.get(text)
        if found is None:
            found = words(text, 0, self.protected(text))
            if self._keep(found):
                self._text_words[text] = found
        return found

    def count_words(self, text: str) -> int:
        """The number of words in ``text`` (a block's or a sentence's)."""
        found = self._counts.get(text)
        if found is None:
            words_of = self._text_words.get(text)
            found = self._counts[text] = word_count(text) if words_of is None else len(words_of)
        return found

    def words(self, sentence: Sentence) -> list[Word]:
        """The words of ``sentence`` (``text.tokens``; offsets in the document's plain text)."""
        found = self._words.get(sentence.index)
        if found is None:
            found = words(sentence.text, sentence.start, None if self.may_hold_address(sentence) else _NO_ADDRESS)
            if self._keep(found):
                self._words[sentence.index] = found
        return found

    def _keep(self, found: list[Word]) -> bool:
        """Whether the word memos still have room for ``found`` (counted in when they do)."""
        if self._kept + len(found) + 1 > WORDS_KEPT:
            return False
        self._kept += len(found) + 1
        return True

    def prose_words(self, sentence: Sentence) -> list[Word]:
        """The words of ``sentence`` outside URLs and e-mail addresses."""
        found = self.words(sentence)
        block = sentence.block
        protected = self.protected(block.text)
        if not protected:
            return found
        return [w for w in found if not in_protected(protected, block, w.start, w.end)]

    def protected(self, text: str) -> Protected:
        """The URLs, e-mail addresses and domain names of ``text`` (a block's, a sentence's)."""
        found = self._protected.get(text)
        if found is None:
            found = self._protected[text] = Protected(text)
        return found

    def may_hold_address(self, sentence: Sentence) -> bool:
        """Whether ``sentence`` may hold a web address: only where its block holds one (no address
        holds a space, and sentences are split at spaces), which spares most sentences a search."""
        return bool(self.protected(sentence.block.text))

    def without_addresses(self, sentence: Sentence) -> str:
        """``sentence``'s text with its web and e-mail addresses blanked (same length), searched
        only where ``may_hold_address``."""
        return blank_protected(sentence.text) if self.may_hold_address(sentence) else sentence.text

    def in_url(self, block: Block, start: int, end: int) -> bool:
        """Whether plain ``[start, end)`` in ``block`` touches a URL or an e-mail address."""
        return in_protected(self.protected(block.text), block, start, end)

    def prose_matches(self, pattern: Pattern | str, text: str, hint: Hint | None = None) -> Iterator[Any]:
        """Matches of ``pattern`` in ``text`` that do not touch a URL or an e-mail address.

        ``hint`` finds something every match contains: a text without it is not scanned with
        ``pattern``. Starting with a literal or a character class, a hint lets the engine skip
        ahead where a pattern that opens with a lookbehind is tried at every position.
        ``pattern`` may be the source of an ``re`` pattern: compiled when a text first passes
        the hint (``re`` keeps it), so a run whose texts never do compiles nothing.
        """
        if hint is not None and not hint.search(text):
            return
        if isinstance(pattern, str):
            pattern = re.compile(pattern)
        protected = self.protected(text)
        if not protected:
            yield from pattern.finditer(text)
            return
        for match in pattern.finditer(text):
            if not protected.covers(match.start(), max(match.end(), match.start() + 1)):
                yield match

    def matches(self, matcher: PhraseMatcher, text: str, *, whole_words: bool = True,
                longest: bool = True) -> Iterator[Match]:
        """``matcher``'s phrases in ``text``: the text is scanned once for every matcher of its
        lexicon set (``lexicon.PhraseScanner``), whichever rules ask."""
        key = (id(matcher.scanner), text)
        scan = self._scans.get(key)
        if scan is None:
            scan = self._scans[key] = matcher.scanner.scan(text)
        return matcher.select(scan, text, whole_words=whole_words, longest=longest)

    def derived(self, key: Hashable, build: Callable[[], T]) -> T:
        """What ``build`` makes of this document, built on first use and kept (``key`` names it):
        for what one rule computes of a text more than once."""
        if key not in self._derived:
            self._derived[key] = build()
        value: T = self._derived[key]
        return value
