"""GR003: a word confused with a similar one."""

from __future__ import annotations

from artlint.checks.grammar.base import GrammarRule


class WordChoice(GrammarRule):
    """A word confused with a similar one ("could of", "then" for "than")"""

    code = "GR003"
    name = "word-choice"
    category = "word-choice"
    why = (
        "Homophones and near-misses (\"loose\" for \"lose\", \"could of\") pass a spell checker because "
        "each word exists; only the context shows the slip."
    )
    fires = (
        "The company ⟦could of⟧ sold the unit last year.",
    )
    silent = (
        "The company could have sold the unit last year.",
    )
