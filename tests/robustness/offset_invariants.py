"""The markup-to-offset invariant checked by the fuzz test and its replayed corpus."""

from __future__ import annotations

from artlint.markup import parse
from artlint.segment import words
from artlint.source import SourceText

ESCAPE_STARTS = ("&", "\\")
"""How a source character that is not itself in the plain text begins: an entity or an escape."""


def check_offsets(source: str, kind: str) -> None:
    """Every plain span maps inside the source, in order; every word maps to a source span that
    begins with its first character and ends with its last and holds its characters in order,
    with only markup between them (or to an entity or escape that spells it)."""
    document = parse(SourceText(source), kind)
    plain, offsets = document.plain, document.offsets
    previous = 0
    for block in document.blocks:
        begin, end = offsets.span(block.start, block.end)
        assert 0 <= begin <= end <= len(source), (block, begin, end)
        assert begin >= previous, (block, begin, previous)
        previous = begin
    for token in words(plain):
        begin, end = offsets.span(token.start, token.end)
        assert 0 <= begin <= end <= len(source), (token, begin, end)
        mapped = source[begin:end]
        if not any(mark in mapped for mark in ESCAPE_STARTS):
            assert mapped[:1] == token.text[:1] and mapped[-1:] == token.text[-1:], (token, mapped)
            assert _in_order(token.text, mapped), (token, mapped)


def _in_order(chars: str, text: str) -> bool:
    """Whether ``chars`` occur in ``text`` in this order (as a subsequence)."""
    rest = iter(text)
    return all(ch in rest for ch in chars)
