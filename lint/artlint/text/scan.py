"""Scanning prose, for rules of every family (translation, typography): patterns outside URLs.

``prose_matches`` runs a pattern over a block and drops matches that touch a URL, an e-mail
address or a domain name; ``FOREIGN_LETTER`` is a letter of a script other than Latin.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

import regex

from artlint.patterns import compile_pattern
from artlint.text.spans import protected_spans

FOREIGN_LETTER = compile_pattern(r"[[\p{L}\p{M}]--[\p{Latin}\p{Common}\p{Inherited}]]", regex.V1)


class Pattern(Protocol):
    """A compiled ``re`` or ``regex`` pattern."""

    def finditer(self, string: str) -> Iterator[Any]: ...

    def search(self, string: str) -> Any: ...


class Hint(Protocol):
    """Something every match of a pattern contains: a compiled pattern, or ``NON_ASCII``."""

    def search(self, string: str) -> Any: ...


class _NonAscii:
    """The hint of a pattern whose every match holds a character outside ASCII: ``str.isascii``
    tells in constant time that a text has none (most blocks of English news)."""

    @staticmethod
    def search(string: str) -> bool:
        return not string.isascii()


NON_ASCII = _NonAscii()


def non_ascii_hint(characters: str) -> Hint | None:
    """``NON_ASCII`` when none of ``characters`` is ASCII (a match of a class of them holds one)."""
    return NON_ASCII if characters and not any(ch.isascii() for ch in characters) else None


def prose_matches(pattern: Pattern, text: str, hint: Hint | None = None) -> Iterator[Any]:
    """Matches of ``pattern`` in ``text`` that do not touch a URL or an e-mail address.

    ``hint`` finds something every match contains: a text without it is not scanned with
    ``pattern``. Starting with a literal or a character class, a hint lets the engine skip ahead
    where a pattern that opens with a lookbehind is tried at every position.
    """
    if hint is not None and not hint.search(text):
        return
    protected = protected_spans(text)
    if not protected:
        yield from pattern.finditer(text)
        return
    for match in pattern.finditer(text):
        if not protected.covers(match.start(), max(match.end(), match.start() + 1)):
            yield match


def is_foreign_letter(ch: str) -> bool:
    """Whether ``ch`` is a letter of a script other than Latin (Han, Cyrillic, Arabic ...)."""
    return bool(FOREIGN_LETTER.match(ch))


def neighbours(text: str, start: int, end: int) -> tuple[str, str]:
    """The nearest non-space characters before ``start`` and from ``end`` ("" at either edge)."""
    before, after = start - 1, end
    while before >= 0 and text[before].isspace():
        before -= 1
    while after < len(text) and text[after].isspace():
        after += 1
    return (text[before] if before >= 0 else ""), (text[after] if after < len(text) else "")


def codepoints(text: str) -> str:
    """``text`` as ``U+XXXX`` code points, distinct and in order (for messages about invisible characters)."""
    return ", ".join(dict.fromkeys(f"U+{ord(ch):04X}" for ch in text))
