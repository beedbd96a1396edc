"""Markup parsers: source text in, ``Document`` (plain text, blocks, offset map) out."""

from __future__ import annotations

from pathlib import PurePath

from artlint.markup.document import Block, BlockKind, Directive, DirectiveKind, Document
from artlint.source import SourceText

KINDS: tuple[str, ...] = ("text", "markdown", "html")
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}

__all__ = ["EXTENSIONS", "KINDS", "Block", "BlockKind", "Directive", "DirectiveKind", "Document", "kind_for", "parse"]


def kind_for(path: str | PurePath, default: str = "text") -> str:
    """The input kind for a file name, by extension."""
    return EXTENSIONS.get(PurePath(path).suffix.lower(), default)


def parse(source: SourceText, kind: str) -> Document:
    """Parse ``source`` as ``kind`` (one of ``KINDS``)."""
    if kind == "markdown":
        from artlint.markup.markdown import parse_markdown

        return parse_markdown(source)
    if kind == "html":
        from artlint.markup.html import parse_html

        return parse_html(source)
    if kind == "text":
        from artlint.markup.text import parse_text

        return parse_text(source)
    raise ValueError(f"unknown input kind {kind!r} (expected one of: {', '.join(KINDS)})")
