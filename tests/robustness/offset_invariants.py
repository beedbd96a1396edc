"""The markup-to-offset invariant checked by the fuzz test and its replayed corpus."""

from __future__ import annotations

from artlint.markup import parse
from artlint.source import SourceText
from artlint.text.tokens import words

ESCAPE_STARTS = ("&", "\\")
"""How a source character that is not itself in the plain text begins: an entity or an escape."""


def offset_violations(source: str, kind: str) -> list[str]:
    """Where the mapping breaks its invariant (empty when it holds).

    Every plain span maps inside the source, in order; every word maps to a source span that
    begins with its first character and ends with its last and holds its characters in order,
    with only markup between them (or to an entity or escape that spells it).
    """
    document = parse(SourceText(source), kind)
    plain, offsets = document.plain, document.offsets
    problems: list[str] = []
    previous = 0
    for block in document.blocks:
        begin, end = offsets.span(block.start, block.end)
        if not 0 <= begin <= end <= len(source) or begin < previous:
            problems.append(f"block {block.index} maps to {begin}-{end} (previous block at {previous})")
        previous = begin
    for token in words(plain):
        begin, end = offsets.span(token.start, token.end)
        mapped = source[begin:end]
        if not 0 <= begin <= end <= len(source):
            problems.append(f"word {token.text!r} maps outside the source: {begin}-{end}")
        elif not any(mark in mapped for mark in ESCAPE_STARTS) and not (
            mapped[:1] == token.text[:1] and mapped[-1:] == token.text[-1:] and _in_order(token.text, mapped)
        ):
            problems.append(f"word {token.text!r} maps to {mapped!r}")
    return problems


def _in_order(chars: str, text: str) -> bool:
    """Whether ``chars`` occur in ``text`` in this order (as a subsequence)."""
    rest = iter(text)
    return all(ch in rest for ch in chars)
