"""``regex`` patterns, compiled once per process (``re`` patterns use ``re.compile`` directly).

``UnicodePattern`` runs a ``regex`` pattern with the standard ``re`` where that matches alike,
so a run over Latin-1 text imports ``regex`` (some 60 M instructions) only for a rule that
needs more than ``re`` can do, such as a time budget.

Both engines compile in Python: the built-in rules' patterns cost about 250 M instructions, a
fifth of checking one article (``regex`` for the TOML pattern rules above all; these compile
when a rule first runs, ``kinds.pattern``): keep big word alternations out of patterns (a
lexicon and the phrase automaton match them, see ``artlint.lexicon``), and measure start-up
with ``python -m bench speed --instructions``. Compiled programs are not saved
between runs: the user's cache folder holds nothing that is run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import regex

__all__ = ["LazyPattern", "UnicodePattern", "compile_pattern"]


Lists = tuple[tuple[str, tuple[str, ...]], ...]
"""Named lists (``\\L<name>`` in a pattern) as (name, entries) pairs."""


@cache
def compile_pattern(pattern: str, flags: int = 0, lists: Lists = ()) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags, **dict(lists))``, once per process (rule validation and
    set-up ask twice)."""
    import regex

    return regex.compile(pattern, flags, ignore_unused=True, **{name: list(entries) for name, entries in lists})



class LazyPattern:
    """A ``regex`` pattern compiled when first searched (``compile_pattern``): most articles never
    need a rule's pattern whose gate (``Rule.needs``, a hint) they fail, and one start-up compiling
    every such pattern cost some 20 M instructions. Flags go inline (``(?V1)``, ``(?i)``)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    @cached_property
    def compiled(self) -> regex.Pattern[str]:
        """The compiled pattern."""
        return compile_pattern(self.pattern)

    def search(self, string: str, *args: Any, **kwargs: Any) -> regex.Match[str] | None:
        return self.compiled.search(string, *args, **kwargs)

    def match(self, string: str, *args: Any, **kwargs: Any) -> regex.Match[str] | None:
        return self.compiled.match(string, *args, **kwargs)

    def fullmatch(self, string: str, *args: Any, **kwargs: Any) -> regex.Match[str] | None:
        return self.compiled.fullmatch(string, *args, **kwargs)

    def finditer(self, string: str, *args: Any, **kwargs: Any) -> Iterator[regex.Match[str]]:
        found: Iterator[regex.Match[str]] = self.compiled.finditer(string, *args, **kwargs)
        return found


# Where ``re`` stands in for ``regex``: on the characters of ``_LATIN`` each class below, in ``re``,
# matches what its escape matches in ``regex`` (tests/unit/test_patterns.py checks every code
# point); ``\s`` and ``\d`` match alike there as they are. Elsewhere ``regex``'s Unicode tables,
# newer than Python's, decide. Left out: ASCII controls 1C-1F (``\s`` in ``re`` only), word
# joiners and tie marks (``\w`` in ``regex`` only).
_LATIN = "\x00-\x1b\x20-\xff\u2000-\u200b\u200e-\u203e\u2041-\u2053\u2055-\u206f\u20a0-\u20cf"
"""Latin-1, general punctuation and currency signs."""
_LETTERS = "A-Za-z\xaa\xb5\xba\xc0-\xd6\xd8-\xf6\xf8-\xff"
_CLASSES = {  # an escape, and its characters in _LATIN written for re
    r"\p{L}": _LETTERS,
    r"\w": "0-9_" + _LETTERS,  # regex: letters, marks, decimal digits, connectors, joiners
    r"\p{Ll}": "a-z\xb5\xdf-\xf6\xf8-\xff",
    r"\p{Lu}": "A-Z\xc0-\xd6\xd8-\xde",
    r"\s": r"\s",
    r"\d": r"\d",
}
_ESCAPE = r"\\(?:[pN]\{[^}]*\}|.)"
_TOKEN = re.compile(rf"{_ESCAPE}|\(\?(?:<[=!]|[:=!])?|\[\^?\]?(?:[^]\\]|{_ESCAPE})*\]|[^\\\[(]+|.", re.DOTALL)
"""What a pattern is read as: an escape, the opening of a group, a class, any other characters."""
_ITEM = re.compile(rf"({_ESCAPE}|[^\\])(?:-({_ESCAPE}|[^\\]))?", re.DOTALL)
"""A class's item: an escape or a character, or a range of them."""


def _for_re(pattern: str) -> str:
    """``pattern`` written for ``re``, matching as ``pattern`` does in ``regex`` on a text of
    ``_LATIN``. Only what both engines read alike is accepted: the escapes of ``_CLASSES`` and
    of punctuation, classes, plain groups and lookarounds, no flags."""
    def in_class(item: re.Match[str]) -> str:
        if item.group(1) in _CLASSES and item.group(2) is None:
            return _CLASSES[item.group(1)]
        for escape in item.groups():
            _check_escape(pattern, escape)
        return item.group()

    parts: list[str] = []
    for token in _TOKEN.finditer(pattern):
        text = token.group()
        if text.startswith("[") and len(text) > 1:
            head = "[^" if text.startswith("[^") else "["
            text = head + _ITEM.sub(in_class, text[len(head) : -1]) + "]"
        elif text in _CLASSES:
            text = _CLASSES[text] if text in (r"\s", r"\d") else f"[{_CLASSES[text]}]"
        elif text == "(?":
            raise ValueError(f"{pattern!r}: only plain groups and lookarounds, no flags")
        else:
            _check_escape(pattern, text)
        parts.append(text)
    return "".join(parts)


def _check_escape(pattern: str, text: str | None) -> None:
    """Refuse an escape of a letter, digit or "_" not in ``_CLASSES``: ``re`` may read it otherwise."""
    if text and text.startswith("\\") and (text[1:2].isalnum() or text[1:2] == "_"):
        raise ValueError(f"{pattern!r}: {text} may match differently in re")


class UnicodePattern:
    """A ``regex`` pattern with Unicode classes (``\\p{L}``, ``\\p{Ll}``, ``\\p{Lu}``, ``\\w``) that
    ``re`` runs on a text of Latin-1, general punctuation and currency signs, where its classes
    match the same characters; on any other text ``regex`` runs it (a ``LazyPattern``), so
    matches are the same either way and ``regex`` is imported only for such a text. (The two
    differ on where an empty match may follow another: for patterns that never match empty.)"""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._source = _for_re(pattern)  # checked now, compiled when first searched
        self._full = LazyPattern(pattern)

    @cached_property
    def _plain(self) -> re.Pattern[str]:
        return re.compile(self._source)

    @cached_property
    def _other(self) -> re.Pattern[str]:
        return re.compile(f"[^{_LATIN}]")  # one class for every pattern (re's cache)

    def _for(self, string: str) -> re.Pattern[str] | LazyPattern:
        return self._full if self._other.search(string) else self._plain

    def search(self, string: str, *args: Any) -> re.Match[str] | regex.Match[str] | None:
        return self._for(string).search(string, *args)

    def match(self, string: str, *args: Any) -> re.Match[str] | regex.Match[str] | None:
        return self._for(string).match(string, *args)

    def fullmatch(self, string: str, *args: Any) -> re.Match[str] | regex.Match[str] | None:
        return self._for(string).fullmatch(string, *args)

    def finditer(self, string: str, *args: Any) -> Iterator[re.Match[str]] | Iterator[regex.Match[str]]:
        return self._for(string).finditer(string, *args)
