"""Plain-text input: the text is its own plain text; every non-blank line is a block.

Scraped and exported articles put one paragraph on a line, so a line is the unit that a page
template inserts or a pipeline duplicates. Hard-wrapped prose should be checked as Markdown.

A line that starts with ``%% artlint-`` is a suppression directive (``%% artlint-disable-next-line
BP001``): it is no block, so no rule reads it; strip such lines before publishing
(``grep -v '^%% artlint-'``).
"""

from __future__ import annotations

import re

from artlint.markup.document import Block, BlockKind, Directive, Document
from artlint.markup.offsets import OffsetMap
from artlint.source import SourceText

_LINE = re.compile(r"[^\r\n]+")


def parse_text(source: SourceText) -> Document:
    """Split plain text into line blocks with an identity offset map."""
    text = source.text
    blocks: list[Block] = []
    directives: list[Directive] = []
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("%%"):  # a directive line, or a rare line that looks like one
            from artlint.markup.directives import directive_line

            if (directive := directive_line(line, match.start())) is not None:
                directives.append(directive)
                continue
        start = match.start() + (len(line) - len(line.lstrip()))
        blocks.append(Block(len(blocks), start, BlockKind.PARAGRAPH, stripped))
    return Document(source, "text", text, OffsetMap.identity(len(text)), blocks, directives)
