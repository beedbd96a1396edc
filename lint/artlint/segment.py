"""Segmentation of a document's blocks into sentences and words, computed once per document.

Sentences come from blingfire's finite-state sentence breaker (it keeps "U.S.", "Dr.",
"2.5" and quotations together and runs at several MB/s; pure-Python segmenters measured
0.1-0.6 MB/s here, which would dominate a run). Words are regular-expression tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import blingfire

from artlint.markup.document import Block, Document

WORD = re.compile(r"\w+(?:['’.\-]\w+)*")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``document.plain[start:end]`` inside block ``block``."""

    block: Block
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Token:
    """A word: ``document.plain[start:end]``."""

    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (relative offsets, whitespace trimmed)."""
    if not text.strip():
        return []
    _, offsets = blingfire.text_to_sentences_and_offsets(text)
    spans: list[tuple[int, int]] = []
    for start, end in offsets:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def words(text: str, offset: int = 0) -> Iterator[Token]:
    """Word tokens of ``text``; ``offset`` is added to every position."""
    for match in WORD.finditer(text):
        yield Token(match.start() + offset, match.end() + offset, match.group())


class Segmentation:
    """Sentences and words of a document, each computed on first use and then kept."""

    def __init__(self, document: Document) -> None:
        self.document = document

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Every sentence of every block, in document order."""
        out: list[Sentence] = []
        for block in self.document.blocks:
            for start, end in split_sentences(block.text):
                out.append(Sentence(block, len(out), block.start + start, block.start + end, block.text[start:end]))
        return out

    @cached_property
    def sentences_by_block(self) -> dict[int, list[Sentence]]:
        """Sentences grouped by block index."""
        grouped: dict[int, list[Sentence]] = {}
        for sentence in self.sentences:
            grouped.setdefault(sentence.block.index, []).append(sentence)
        return grouped

    @cached_property
    def tokens(self) -> list[Token]:
        """Every word of every block, in document order."""
        return [tok for block in self.document.blocks for tok in words(block.text, block.start)]

    @property
    def word_count(self) -> int:
        """Number of word tokens in the document."""
        return len(self.tokens)
