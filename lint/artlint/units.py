"""Helpers for rules that work on any unit (a block or a sentence), and their deletion fixes.

A deletion never leaves broken markup behind. Deleting a block deletes the source element that
holds it, with its markup: the line of a plain-text paragraph; the lines of a Markdown paragraph,
heading or list item (the list item when it holds only this block); the HTML element (``<p>``,
``<li>``, heading, table row, the link or container around them when they hold only this
block). The parsers record that element in ``Block.meta["element"]``; a block whose element
cannot go alone (a table cell, a line of a longer element) gets no fix. When safe fixes delete
every block of a list, table, quotation or other container, they delete the container instead
(``whole_containers``), so no empty element stays. Deleting a match inside a block is offered
only when its source is plain text, not the whole content of an element.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from artlint.markup.document import Block, Container, Document
from artlint.model import Applicability, Edit, Finding, Fix
from artlint.rule import Context, SourceEdit
from artlint.segment import Sentence

Unit = Block | Sentence
_SPACE = " \t"
_OPENERS = ">[*_`"  # a source character before a match that ends an element's start
_CLOSERS = "<]*_`"  # ... and after it, one that starts its end


def block_deletion(ctx: Context, block: Block, applicability: Applicability, description: str) -> Fix | None:
    """A fix deleting ``block`` with the element that holds it, or None when that cannot be done."""
    document = ctx.document
    if document.kind == "text":
        return Fix((_text_block_edit(ctx, block),), applicability, description)
    element = block.meta.get("element")
    if element is None:
        return None
    start, end = _with_line(document.text, *element)
    return Fix((SourceEdit(start, end, ""),), applicability, description)


def _text_block_edit(ctx: Context, block: Block) -> Edit:
    """A plain-text block and the separator that follows it (or precedes it, if last)."""
    blocks = ctx.document.blocks
    if block.index + 1 < len(blocks):
        return Edit(block.start, blocks[block.index + 1].start, "")
    if block.index > 0:
        return Edit(blocks[block.index - 1].end, block.end, "")
    return Edit(block.start, block.end, "")


def _with_line(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` with the spaces after it up to a line break and that break, and the
    indentation before it when it then fills its lines."""
    stop = end
    while stop < len(text) and text[stop] in _SPACE:
        stop += 1
    if text.startswith("\r\n", stop):
        stop += 2
    elif stop < len(text) and text[stop] in "\r\n":
        stop += 1
    else:
        return start, end
    begin = start
    while begin > 0 and text[begin - 1] in _SPACE:
        begin -= 1
    return (begin if begin == 0 or text[begin - 1] in "\r\n" else start), stop


def whole_containers(document: Document, findings: list[Finding]) -> list[Finding]:
    """``findings`` where the safe fixes that delete every block of a container (the outermost
    such) delete the container itself, each of them, so that applying them leaves no empty list,
    row or quotation (identical fixes are applied once)."""
    if document.kind == "text":
        return findings
    text = document.text
    deletions = {_with_line(text, *b.meta["element"]): b.index for b in document.blocks if b.meta.get("element")}
    covered: dict[int, list[int]] = {}
    for position, finding in enumerate(findings):
        fix = finding.fix
        if fix is not None and fix.applicability is Applicability.SAFE and len(fix.edits) == 1:
            block = deletions.get((fix.edits[0].start, fix.edits[0].end))
            if block is not None and not fix.edits[0].replacement:
                covered.setdefault(block, []).append(position)
    if not covered or not document.containers:
        return findings  # most documents: no safe block deletion, or no element holding several blocks
    out = list(findings)
    outermost = _Outermost(document.containers, covered, len(document.blocks))
    for index, positions in covered.items():
        container = outermost.of(document.blocks[index].meta.get("container"))
        if container is not None:
            edit = Edit(*_with_line(text, container.start, container.end), "")
            for position in positions:
                fix = out[position].fix
                out[position] = replace(out[position], fix=replace(fix, edits=(edit,)) if fix else None)
    return out


class _Outermost:
    """The outermost container, around a block, whose blocks are all ``covered``; each container is
    looked at once (a container is whole only if those inside it are)."""

    def __init__(self, containers: list[Container], covered: Collection[int], blocks: int) -> None:
        self._containers = containers
        self._counts = [0]  # covered blocks before each block
        for index in range(blocks):
            self._counts.append(self._counts[-1] + (index in covered))
        self._top: dict[int, int] = {}

    def _whole(self, container: Container) -> bool:
        held = self._counts[container.last + 1] - self._counts[container.first]
        return held == container.last - container.first + 1

    def of(self, innermost: int | None) -> Container | None:
        """The outermost whole container around the block whose innermost one is ``innermost``."""
        if innermost is None or not self._whole(self._containers[innermost]):
            return None
        chain: list[int] = []
        node = innermost
        while node not in self._top:
            chain.append(node)
            parent = self._containers[node].parent
            if parent is None or not self._whole(self._containers[parent]):
                self._top[node] = node
                break
            node = parent
        top = self._top[node]
        for node in chain:
            self._top[node] = top
        return self._containers[top]


def match_deletion(ctx: Context, start: int, end: int, applicability: Applicability) -> Fix | None:
    """A fix deleting plain ``[start, end)``, or None when its source is not plain text or is an
    element's whole content (removing it would leave markup that holds nothing)."""
    document = ctx.document
    if document.kind == "text":
        return Fix((Edit(start, end, ""),), applicability, "Remove the text")
    source_start, source_end = document.offsets.span(start, end)
    source = document.text
    if source[source_start:source_end] != document.plain[start:end]:
        return None
    before, after = source[source_start - 1 : source_start], source[source_end : source_end + 1]
    if before and after and before in _OPENERS and after in _CLOSERS:
        return None
    return Fix((SourceEdit(source_start, source_end, ""),), applicability, "Remove the text")


def deletion_fix(ctx: Context, unit: Unit, mode: str, safety: str, start: int, end: int) -> Fix | None:
    """The fix named by a rule's ``fix`` parameter, for a match at unit-relative ``[start, end)``."""
    applicability = Applicability(safety)
    if mode == "delete-block":
        block = unit if isinstance(unit, Block) else unit.block
        return block_deletion(ctx, block, applicability, "Remove the block")
    if mode == "delete-match":
        return match_deletion(ctx, unit.start + start, unit.start + end, applicability)
    return None
