"""The map from the plain text that rules read back to the original source.

A markup parser emits the plain text piece by piece through ``PlainBuilder``. Each piece is
either *exact* (the plain characters are the source characters, one for one) or *replaced*
(an entity, a collapsed whitespace run, a placeholder for inline code: any plain offset inside
it maps to the whole source span). Lookups are a binary search over the pieces.
"""

import bisect
from array import array
from collections.abc import Iterable, Sequence
from typing import NamedTuple

PLACEHOLDER = "\ufffc"
"""Stands in the plain text for non-prose inline content (code, images, URLs)."""


class Piece(NamedTuple):
    """A stretch of a block's plain text and the source it comes from (``link``: inside a link)."""

    text: str
    start: int
    end: int
    exact: bool
    link: bool


class Segment(NamedTuple):
    """``plain[plain_start:plain_start+plain_len]`` comes from ``source[src_start:src_end]``."""

    plain_start: int
    plain_len: int
    src_start: int
    src_end: int
    exact: bool

    @property
    def plain_end(self) -> int:
        return self.plain_start + self.plain_len


class OffsetMap:
    """Maps plain-text offsets to source offsets.

    The segments are kept column by column in arrays, 33 bytes each (a ``Segment`` object and
    its ints take about 200): an HTML block of one word per line has two segments a word.
    """

    def __init__(self, segments: Iterable[Segment] = ()) -> None:
        self._plain_starts = array("q")
        self._plain_lens = array("q")
        self._src_starts = array("q")
        self._src_ends = array("q")
        self._exact = bytearray()
        for segment in segments:
            self.append(segment.plain_start, segment.plain_len, segment.src_start, segment.src_end, segment.exact)

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        """The map of a text that is its own plain text."""
        return cls([Segment(0, length, 0, length, True)] if length else [])

    @property
    def segments(self) -> list[Segment]:
        """The segments in plain-text order (made on each call)."""
        return [Segment(*row) for row in zip(self._plain_starts, self._plain_lens, self._src_starts, self._src_ends,
                                             map(bool, self._exact))]

    def append(self, plain_start: int, plain_len: int, src_start: int, src_end: int, exact: bool) -> None:
        """Add a segment after the others; an exact one that continues the last exact segment in
        both texts extends it."""
        if (exact and self._exact and self._exact[-1] and self._src_ends[-1] == src_start
                and self._plain_starts[-1] + self._plain_lens[-1] == plain_start):
            self._plain_lens[-1] += plain_len
            self._src_ends[-1] = src_end
            return
        self._plain_starts.append(plain_start)
        self._plain_lens.append(plain_len)
        self._src_starts.append(src_start)
        self._src_ends.append(src_end)
        self._exact.append(exact)

    def _index_at(self, offset: int) -> int:
        """Index of the last segment starting at or before ``offset`` (-1 if none)."""
        return bisect.bisect_right(self._plain_starts, offset) - 1

    def start(self, offset: int) -> int:
        """Source offset where a span starting at plain ``offset`` starts."""
        i = self._index_at(offset)
        if i < 0:
            return self._src_starts[0] if self._exact else 0
        plain_start = self._plain_starts[i]
        if offset >= plain_start + self._plain_lens[i]:  # in a gap between pieces: snap to the next piece
            return self._src_starts[i + 1] if i + 1 < len(self._exact) else self._src_ends[i]
        return self._src_starts[i] + (offset - plain_start) if self._exact[i] else self._src_starts[i]

    def end(self, offset: int) -> int:
        """Source offset where a span ending at plain ``offset`` (exclusive) ends."""
        i = self._index_at(offset - 1) if offset > 0 else -1
        if i < 0:
            return self.start(offset)
        plain_start = self._plain_starts[i]
        if offset - 1 >= plain_start + self._plain_lens[i]:
            return self._src_ends[i]
        return self._src_starts[i] + (offset - plain_start) if self._exact[i] else self._src_ends[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source span of plain ``[start, end)``; an empty span stays empty."""
        s = self.start(start)
        return (s, s) if end <= start else (s, max(s, self.end(end)))


class PlainBuilder:
    """Accumulates plain text and its segments in source order."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._map = OffsetMap()
        self._len = 0

    @property
    def length(self) -> int:
        """Length of the plain text built so far."""
        return self._len

    def exact(self, text: str, src_start: int) -> None:
        """Append source text that is copied unchanged."""
        if text:
            self._add(text, src_start, src_start + len(text), True)

    def replaced(self, text: str, src_start: int, src_end: int) -> None:
        """Append ``text`` standing for ``source[src_start:src_end]`` as a whole."""
        if text:
            self._add(text, src_start, src_end, False)

    def gap(self, text: str) -> None:
        """Append text with no source (a block separator)."""
        self._parts.append(text)
        self._len += len(text)

    def _add(self, text: str, src_start: int, src_end: int, exact: bool) -> None:
        self._map.append(self._len, len(text), src_start, src_end, exact)
        self._parts.append(text)
        self._len += len(text)

    def block(self, pieces: Sequence[Piece]) -> tuple[int, str] | None:
        """Append one block made of ``pieces``; return its plain start and text, or None if no prose."""
        text = "".join(p.text for p in pieces)
        if not text.replace(PLACEHOLDER, "").strip():
            return None
        if self._len:
            self.gap("\n\n")
        start = self._len
        for piece in pieces:
            if piece.exact:
                self.exact(piece.text, piece.start)
            else:
                self.replaced(piece.text, piece.start, piece.end)
        return start, text

    def build(self) -> tuple[str, OffsetMap]:
        """Return the plain text and its offset map."""
        return "".join(self._parts), self._map
