"""GR004: punctuation errors."""

from __future__ import annotations

from artlint.checks.grammar.base import GrammarRule


class Punctuation(GrammarRule):
    """A punctuation error (a missing apostrophe, "its" for "it's")"""

    code = "GR004"
    name = "punctuation"
    category = "punctuation"
    why = (
        "Punctuation errors change or blur the meaning of a sentence; spacing and quotation-mark "
        "style are left to the typography (TY) rules."
    )
    fires = (
        "The minister said ⟦its⟧ a good day for the country.",
    )
    silent = (
        "The minister said it's a good day for the country.",
    )
