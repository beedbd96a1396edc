"""Helpers for rules that work on any unit (a block or a sentence)."""

from __future__ import annotations

from artlint.markup.document import Block
from artlint.model import Applicability, Edit, Fix
from artlint.rule import Context
from artlint.segment import Sentence

Unit = Block | Sentence


def block_deletion(ctx: Context, block: Block, applicability: Applicability, description: str) -> Fix:
    """A fix deleting ``block`` and the separator that follows it (or precedes it, if last)."""
    blocks = ctx.document.blocks
    if block.index + 1 < len(blocks):
        edit = Edit(block.start, blocks[block.index + 1].start, "")
    elif block.index > 0:
        edit = Edit(blocks[block.index - 1].end, block.end, "")
    else:
        edit = Edit(block.start, block.end, "")
    return Fix((edit,), applicability, description)


def deletion_fix(ctx: Context, unit: Unit, mode: str, safety: str, start: int, end: int) -> Fix | None:
    """The fix named by a rule's ``fix`` parameter, for a match at unit-relative ``[start, end)``."""
    applicability = Applicability(safety)
    if mode == "delete-block":
        block = unit if isinstance(unit, Block) else unit.block
        return block_deletion(ctx, block, applicability, "Remove the block")
    if mode == "delete-match":
        return Fix((Edit(unit.start + start, unit.start + end, ""),), applicability, "Remove the text")
    return None
