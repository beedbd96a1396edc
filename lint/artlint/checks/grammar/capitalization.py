"""GR005: capitalisation errors."""

from __future__ import annotations

from artlint.checks.grammar.base import GrammarRule


class Capitalization(GrammarRule):
    """A capitalisation error in a name or title ("north America")"""

    code = "GR005"
    name = "capitalization"
    category = "capitalization"
    why = (
        "A name with a wrong capital is a typing slip or the trace of a pipeline that changed case. "
        "Lower-case words are not capitalised by guesswork: sentence starts after abbreviations and "
        "titles (\"Co. said\") made that check wrong more often than right on edited news."
    )
    fires = (
        "Sales grew in ⟦north America⟧ last year.",
    )
    silent = (
        "Sales grew in North America and northern Europe last year.",
    )
