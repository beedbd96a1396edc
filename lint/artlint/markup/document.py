"""The document every rule reads: plain text, its blocks, and the map back to the source."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NamedTuple

from artlint.markup.offsets import OffsetMap
from artlint.source import LineIndex, SourceText

NO_META: Mapping[str, Any] = MappingProxyType({})
"""The ``meta`` of a block whose markup tells nothing (plain text): one read-only mapping shared
by all of them, instead of an empty dict per line."""


class BlockKind(enum.Enum):
    """What a block of prose is in its document."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list-item"
    QUOTE = "quote"
    TABLE_CELL = "table-cell"


@dataclass(frozen=True, slots=True)
class Block:
    """One block of prose: ``text`` is ``document.plain[start:end]``. ``end`` is worked out
    (``start + len(text)``) rather than kept: an int less per block, and a file of one
    character per line has a block a line.

    ``meta`` carries what the markup knows (HTML: enclosing tags, classes, link text share;
    Markdown and HTML: ``element``, the source span that deleting the block removes, None when
    it cannot go alone, and ``container``, the index in ``Document.containers`` of the innermost
    element that holds it with other blocks and nothing else). A parser that
    knows something gives each block a dict of its own (``written`` to add to it); the others
    share ``NO_META``.
    """

    index: int
    start: int
    kind: BlockKind
    text: str
    meta: Mapping[str, Any] = field(default_factory=lambda: NO_META, compare=False)

    @property
    def end(self) -> int:
        """Where the block ends in the plain text."""
        return self.start + len(self.text)

    @property
    def written(self) -> dict[str, Any]:
        """``meta`` for the parser to add to: the block's own dict (never the shared ``NO_META``)."""
        if not isinstance(self.meta, dict):
            raise TypeError("this block was made without a meta dict of its own")
        return self.meta


@dataclass(slots=True)
class Container:
    """An element at ``source[start:end]`` that holds blocks ``first..last`` and nothing else;
    ``parent`` is the index of the next such element around it."""

    start: int
    end: int
    first: int
    last: int
    parent: int | None = None


class Containers:
    """A document's containers as a tree, built as their elements close (innermost first): each
    block's ``meta["container"]`` is the index of the innermost one holding it. Every block and
    container is given its parent once, so deep wrappers around many blocks cost linear time."""

    def __init__(self) -> None:
        self.items: list[Container] = []
        self._roots: list[int] = []  # containers without a parent yet, in order

    def add(self, blocks: list[Block], first: int, span: tuple[int, int]) -> None:
        """Record ``span`` as the container of ``blocks[first:]``."""
        index = len(self.items)
        self.items.append(Container(*span, first, len(blocks) - 1))
        stop = len(blocks)
        while self._roots and self.items[self._roots[-1]].first >= first:
            child = self.items[self._roots.pop()]
            child.parent = index
            _claim(blocks[child.last + 1 : stop], index)
            stop = child.first
        _claim(blocks[first:stop], index)
        self._roots.append(index)


def _claim(blocks: list[Block], container: int) -> None:
    """Make ``container`` the innermost container of ``blocks`` (which no inner one holds)."""
    for block in blocks:
        block.written["container"] = container


class DirectiveKind(enum.Enum):
    """Inline suppression comments."""

    DISABLE = "disable"
    ENABLE = "enable"
    DISABLE_NEXT_LINE = "disable-next-line"
    MALFORMED = "malformed"  # meant as a directive (``artlint-...``) but not one: reported as AL910


class Directive(NamedTuple):
    """An ``<!-- artlint-... -->`` comment at ``source[start:end]``; no codes means all rules."""

    kind: DirectiveKind
    codes: tuple[str, ...]
    start: int
    end: int


@dataclass(slots=True)
class Document:
    """A parsed input: what rules see (``plain``, ``blocks``) and how to map it back."""

    source: SourceText
    kind: str
    plain: str
    offsets: OffsetMap
    blocks: list[Block]
    directives: list[Directive] = field(default_factory=list)
    containers: list[Container] = field(default_factory=list)
    _lines: LineIndex | None = None

    @property
    def text(self) -> str:
        """The decoded source text."""
        return self.source.text

    @property
    def lines(self) -> LineIndex:
        """Line index of the source text, built on first use."""
        if self._lines is None:
            self._lines = LineIndex(self.source.text)
        return self._lines
