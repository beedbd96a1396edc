"""GR001: a word that is not in the dictionary."""

from __future__ import annotations

from artlint.checks.grammar.base import GrammarRule


class Spelling(GrammarRule):
    """A common word is misspelt ("goverment")"""

    code = "GR001"
    name = "spelling"
    category = "spelling"
    why = (
        "A misspelt word is the slip readers notice first. Only lower-case words are checked: in news "
        "most words a dictionary lacks are names (\"Khodorkovsky\"), transliterations and brands, and "
        "flagging them buries the real typos. Parts of hyphenated words and words glued to numbers "
        "(\"sci-fi\", \"$5bn\") are skipped, and so are words of CMUdict, a 134,000-word dictionary of "
        "English words and names. British and American spellings are both accepted whatever "
        "grammar.language says; CN004 reports an article that mixes them."
    )
    fires = (
        "The ⟦goverment⟧ said the budget would pass.",
        "Officials ⟦recieved⟧ the report on Monday and ⟦beleive⟧ it.",
    )
    silent = (
        "The government said the organisation's programme would pass.",
        "Mikhail Khodorkovsky said the sci-fi studio raised $5bn.",
        "See https://example.com/goverment for details.",
    )
