"""Scanning prose, for rules of every family (translation, typography).

``Pattern`` and ``Hint`` are what ``Analysis.prose_matches`` runs over a block (matches that
touch a URL, an e-mail address or a domain name are dropped there); ``FOREIGN_LETTER`` is a
letter of a script other than Latin (``FOREIGN_LETTERS`` its class).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from artlint.patterns import LazyPattern

FOREIGN_LETTERS = r"[[\p{L}\p{M}]--[\p{Latin}\p{Common}\p{Inherited}]]"
"""The class of ``FOREIGN_LETTER`` (a ``regex`` version 1 set difference)."""
FOREIGN_LETTER = LazyPattern("(?V1)" + FOREIGN_LETTERS)


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
