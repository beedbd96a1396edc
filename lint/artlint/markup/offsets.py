"""The map from the plain text that rules read back to the original source.

A markup parser emits the plain text piece by piece through ``PlainBuilder``. Each piece is
either *exact* (the plain characters are the source characters, one for one) or *replaced*
(an entity, a collapsed whitespace run, a placeholder for inline code: any plain offset inside
it maps to the whole source span). Lookups are a binary search over the pieces.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class Segment:
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
    """Maps plain-text offsets to source offsets."""

    def __init__(self, segments: list[Segment]) -> None:
        self.segments = segments
        self._starts = [s.plain_start for s in segments]

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text that is its own plain text."""
        return cls([Segment(0, length, 0, length, True)] if length else [])

    def _index_at(self, offset: int) -> int:
        """Index of the last segment starting at or before ``offset`` (-1 if none)."""
        return bisect.bisect_right(self._starts, offset) - 1

    def start(self, offset: int) -> int:
        """Source offset where a span starting at plain ``offset`` starts."""
        i = self._index_at(offset)
        if i < 0:
            return self.segments[0].src_start if self.segments else 0
        seg = self.segments[i]
        if offset >= seg.plain_end:  # in a gap between pieces: snap to the next piece
            return self.segments[i + 1].src_start if i + 1 < len(self.segments) else seg.src_end
        return seg.src_start + (offset - seg.plain_start) if seg.exact else seg.src_start

    def end(self, offset: int) -> int:
        """Source offset where a span ending at plain ``offset`` (exclusive) ends."""
        i = self._index_at(offset - 1) if offset > 0 else -1
        if i < 0:
            return self.start(offset)
        seg = self.segments[i]
        if offset - 1 >= seg.plain_end:
            return seg.src_end
        return seg.src_start + (offset - seg.plain_start) if seg.exact else seg.src_end

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source span of plain ``[start, end)``; an empty span stays empty."""
        s = self.start(start)
        return (s, s) if end <= start else (s, max(s, self.end(end)))


class PlainBuilder:
    """Accumulates plain text and its segments in source order."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._segments: list[Segment] = []
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
        last = self._segments[-1] if self._segments else None
        if exact and last and last.exact and last.plain_end == self._len and last.src_end == src_start:
            grown = last.plain_len + len(text)
            self._segments[-1] = Segment(last.plain_start, grown, last.src_start, src_start + len(text), True)
        else:
            self._segments.append(Segment(self._len, len(text), src_start, src_end, exact))
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
        return "".join(self._parts), OffsetMap(self._segments)
