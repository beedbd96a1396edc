"""Splitting text into sentences (a document's are in ``text.analysis.Analysis``; words: ``text.tokens``).

Sentences are split in pure Python, alike on every platform: a full stop, "?" or "!" before a
capital ends a sentence unless it ends an abbreviation, an initial or a dotted form ("U.S.").
On the 5,161 blocks of clean-news dev and the realworld documents it draws 11,044 of the
11,055 boundaries blingfire's finite-state breaker draws, and 12 others (99.6% of blocks split
alike), with identical findings on clean-news dev, realworld dev and the seeds; blingfire (99 MB
of libraries, x86-64 only) was artlint's splitter before and is the reference of ``python -m
bench segmentation``. pysbd (0.09 MB/s; 9,801 agreed, 383 others) and sentencex (9,981 agreed,
718 others: it splits at abbreviations) were measured and not taken.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import overload

from artlint.markup.document import Block


@dataclass(slots=True)
class Sentence:
    """One sentence: ``document.plain[start:end]`` inside block ``block``, the ``index``-th of
    its document.

    Made each time it is read from ``Sentences``, so two reads of a sentence give equal
    objects, not the same one (compared and hashed by index, offsets and text), and a change to
    one is seen by nothing else.
    """

    block: Block = field(compare=False)
    index: int
    start: int
    end: int
    text: str

    def __hash__(self) -> int:
        return hash((self.index, self.start, self.end, self.text))


class Sentences(Sequence[Sentence]):
    """The sentences of ``blocks`` (a document's, in order) kept as columns: block index, start
    and text take 24 bytes a sentence (its end is ``start + len(text)``), where a ``Sentence`` and
    its list entry took 88, and a file of one character per line has a sentence a line. Each
    ``Sentence`` is made when read."""

    def __init__(self, blocks: Sequence[Block]) -> None:
        self._blocks = blocks
        self._block_indexes = array("q")
        self._starts = array("q")
        self._texts: list[str] = []
        for block in blocks:
            for start, end in split_sentences(block.text):
                self._block_indexes.append(block.index)
                self._starts.append(block.start + start)
                self._texts.append(block.text[start:end])

    def __len__(self) -> int:
        return len(self._texts)

    @overload
    def __getitem__(self, index: int) -> Sentence: ...

    @overload
    def __getitem__(self, index: slice) -> list[Sentence]: ...

    def __getitem__(self, index: int | slice) -> Sentence | list[Sentence]:
        if isinstance(index, slice):
            return [self._make(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("sentence index out of range")
        return self._make(index)

    def _make(self, index: int) -> Sentence:
        start, text = self._starts[index], self._texts[index]
        return Sentence(self._blocks[self._block_indexes[index]], index, start, start + len(text), text)

    def __iter__(self) -> Iterator[Sentence]:
        ends = map(operator.add, self._starts, map(len, self._texts))
        return map(Sentence, map(self._blocks.__getitem__, self._block_indexes), itertools.count(), self._starts,
                   ends, self._texts)

    def of_block(self, index: int) -> list[Sentence]:
        """The sentences of block ``index``."""
        first = bisect.bisect_left(self._block_indexes, index)
        return self[first : bisect.bisect_right(self._block_indexes, index, first)]

    def in_blocks(self, marks: bytes) -> list[Sentence]:
        """The sentences of the blocks marked (one byte per block, as ``Gates.marks`` gives)."""
        chosen = itertools.compress(range(len(self)), map(marks.__getitem__, self._block_indexes))
        return [self._make(index) for index in chosen]  # no Sentence made for the others


# A candidate end: terminal marks and closing quotes or brackets, then a space and a capital
# (after an opening quote or bracket); or "?" / "!" closed by a quote, before any space.
_CANDIDATE_END = re.compile(
    r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]*[^\W\d_a-z])|[!?][\"'”’»)\]]+(?=\s)"
)
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")  # "J", "U.S" (the last full stop excluded)
_OPENING = "\"'“‘«(["


@cache
def _abbreviations() -> frozenset[str]:
    from artlint.lexicon import builtin_rules_dir

    lines = (builtin_rules_dir() / "lexicons" / "sentence-abbreviations.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


_TERMINAL_MARKS = (".", "!", "?", "…")
_CLOSING = "\"'”’»)]"


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends as a sentence does: a terminal mark, then only closing quotes or
    brackets and spaces (a paragraph that does not is a headline, a caption, a data row)."""
    return text.rstrip().rstrip(_CLOSING)[-1:] in _TERMINAL_MARKS


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (untrimmed, relative offsets): a full stop,
    "?" or "!" before a capital ends a sentence, unless the word it ends is an abbreviation,
    an initial or a dotted form like "U.S."."""
    abbreviations = _abbreviations()
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CANDIDATE_END.finditer(text):
        end = begin = match.start()
        if text[end] == ".":
            while begin and not text[begin - 1].isspace():  # back to the word's start (a search
                begin -= 1  # for r"\S+$" would try every position from the block's start)
            before = text[begin:end].lstrip(_OPENING).lower()
            if before in abbreviations or _INITIALS.fullmatch(before):
                continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (relative offsets, whitespace trimmed)."""
    return trimmed(text, sentence_spans(text)) if text.strip() else []


def trimmed(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` of ``text`` without the whitespace at their ends; spans of whitespace alone go."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out

