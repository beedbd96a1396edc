"""GR002: grammar errors (agreement, verb forms, articles)."""

from __future__ import annotations

from artlint.checks.grammar.base import GrammarRule


class GrammarError(GrammarRule):
    """A grammar error: agreement, verb form or article ("a apple", "he go")"""

    code = "GR002"
    name = "grammar"
    category = "grammar"
    why = (
        "Broken agreement, a wrong verb form or the wrong article are what machine translation and "
        "hurried editing leave behind, and they make a news article read as untrustworthy."
    )
    fires = (
        "The minister signed ⟦a⟧ agreement on Monday.",
    )
    silent = (
        "The minister signed an agreement on Monday.",
    )
