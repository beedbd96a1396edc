"""GR006: wordy or redundant phrasing (off by default)."""

from __future__ import annotations

from artlint.checks.grammar.base import GrammarRule
from artlint.model import Severity


class Style(GrammarRule):
    """Wordy or redundant phrasing ("and also", "all of the")"""

    code = "GR006"
    name = "grammar-style"
    category = "style"
    severity = Severity.INFO
    enabled = False
    why = (
        "Style advice (redundancy, wordiness, a comma house style) is a matter of taste that edited "
        "news often overrules, so it is off by default; select GR006 to see it."
    )
    fires = (
        "The firm makes cars ⟦and also⟧ trucks.",
    )
    silent = (
        "The firm makes cars and trucks.",
    )
