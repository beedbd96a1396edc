"""``regex`` patterns, compiled once per process (``re`` patterns use ``re.compile`` directly).

Both engines compile in Python: the built-in rules' patterns cost about 250 M instructions, a
fifth of checking one article (``regex`` for the TOML pattern rules above all; these compile
when a rule first runs, ``kinds.pattern``): keep big word alternations out of patterns (a
lexicon and the phrase automaton match them, see ``artlint.lexicon``), and measure start-up
with ``python -m bench speed --instructions``. Compiled programs are not saved
between runs: the user's cache folder holds nothing that is run.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex

__all__ = ["compile_pattern"]


Lists = tuple[tuple[str, tuple[str, ...]], ...]
"""Named lists (``\\L<name>`` in a pattern) as (name, entries) pairs."""


@cache
def compile_pattern(pattern: str, flags: int = 0, lists: Lists = ()) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags, **dict(lists))``, once per process (rule validation and
    set-up ask twice)."""
    import regex

    return regex.compile(pattern, flags, ignore_unused=True, **{name: list(entries) for name, entries in lists})

