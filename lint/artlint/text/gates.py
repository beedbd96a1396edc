"""Which blocks of a document hold the characters a rule needs (``Rule.needs``), found once per
character class and document; part of the document's ``Analysis``."""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from artlint.markup.document import Block, Document
    from artlint.segment import Sentence, Sentences

_TEXT = operator.attrgetter("text")


class Gates:
    """The blocks of a document that hold a character of each of a rule's ``needs`` classes, found
    once per class (one search per block, run by ``map`` without a Python step per block), so
    that a rule is not called on the blocks it cannot report in: on a file of many short blocks
    that per-call work, not the text, was most of a run."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._holding: dict[str, bytes] = {}
        self._distinct: dict[bytes, bytes] = {}  # classes held by the same blocks share their bytes

    def holding(self, needs: str) -> bytes:
        """One byte per block: 1 where the block holds a character of ``needs``."""
        marks = self._holding.get(needs)
        if marks is None:
            found = bytes(map(bool, map(re.compile(needs).search, map(_TEXT, self.document.blocks))))
            marks = self._holding[needs] = self._distinct.setdefault(found, found)
        return marks

    def marks(self, needs: str | tuple[str, ...]) -> bytes | None:
        """One byte per block, 1 where it holds a character of ``needs`` (of each of its classes);
        None when the rule needs nothing."""
        classes = (needs,) if isinstance(needs, str) else needs
        found = [self.holding(c) for c in classes if c]
        if not found:
            return None
        return bytes(map(min, *found)) if len(found) > 1 else found[0]

    def blocks(self, needs: str | tuple[str, ...]) -> Sequence[Block]:
        """The blocks a rule that ``needs`` these characters is given (all when it needs none or
        every block holds them: no copy of the list)."""
        marks = self.marks(needs)
        if marks is None or 0 not in marks:
            return self.document.blocks
        return list(itertools.compress(self.document.blocks, marks))

    def sentences(self, needs: str | tuple[str, ...], sentences: Sentences) -> Sequence[Sentence]:
        """The sentences of the blocks that hold the characters of ``needs`` (all when it needs none)."""
        marks = self.marks(needs)
        if marks is None or 0 not in marks:
            return sentences
        return sentences.in_blocks(marks)
