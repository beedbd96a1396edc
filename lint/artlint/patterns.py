"""``regex`` patterns, compiled once per process (``re`` patterns use ``re.compile`` directly).

Both engines compile in Python: the built-in rules' patterns cost about 250 M instructions, a
fifth of checking one article (``regex`` for the TOML pattern rules above all; these compile
when a rule first runs, ``kinds.pattern``): keep big word alternations out of patterns (a
lexicon and the phrase automaton match them, see ``artlint.lexicon``), and measure start-up
with ``python -m bench speed --instructions``. Compiled programs are not saved
between runs: the user's cache folder holds nothing that is run.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import regex

__all__ = ["LazyPattern", "compile_pattern"]


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
