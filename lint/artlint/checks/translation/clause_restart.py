"""MT007: a capitalised clause opener in the middle of a sentence ("[on Sunday] It was")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from artlint.lexicon import Lexicons
from artlint.markup.document import Block
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope
from artlint.text.spans import Protected

_AFTER = re.compile(r"(?:['’][a-z]+)?(?:\s+[a-z]|,\s)")
_AFTER_COMMA = re.compile(r",\s+$")
_BEFORE = re.compile(r"(?:(?:^|[\s\-])[a-z][\w'’]*|[;,]|\w\s*[\[(][a-z][^\[\]()]*[\])]|[^\W\d_][”\"])\s+$")


class ClauseRestart(Rule):
    """A capitalised pronoun or determiner restarts a clause in the middle of a sentence"""

    code = "MT007"
    needs = r"\s"
    name = "clause-restart"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    scope = Scope.BLOCK
    why = (
        "When machine translation splices a clause or an editor inserts a bracketed aside, the "
        "second part often keeps its capital: \"This strike [on Sunday] It was very bad\". Words "
        "that are capitalised only at the start of a sentence (listed in "
        "rules/lexicons/clause-openers.txt) are reported after a lower-case word, a comma, a semicolon, a "
        "quotation closed after a letter or a lower-case bracketed aside when a lower-case word or a comma follows; titles (\"The National\") and names "
        "(\"He Lifeng\") are followed by capitals and are left alone. Number words (\"Four\"), "
        "which also name channels and teams, are reported only after a comma. \"He\" and \"His\" within "
        "`reverent-window` characters after a name of God (`deity-names`) are the reverent capitals of "
        "religious writing (\"God knows what He is doing\") and are left alone."
    )
    fires = (
        "This particular strike [on Sunday] ⟦It⟧ was very bad.",
        "The company said ⟦They⟧ will appeal the ruling.",
        "Prices rose; ⟦It⟧ was the third rise this year.",
        "He met the President, ⟦Four⟧ places will be visited.",
        "The minister “Jan Novak” ⟦With⟧ the new rules in force, left.",
    )
    silent = (
        "The story ran in The National on Thursday.",
        "The envoy met vice premier He Lifeng in Beijing.",
        "The show moved from the BBC to Five in January, and Five's share rose.",
        "He left. It was late.",
        "He said: It is over.",
        "They read The Times, The Guardian and “Le Monde” The Economist.",
        "The pastor said that when God looks at the city, He sees His children.",
    )
    defaults: ClassVar[Mapping[str, Any]] = {
        "lexicon": "clause-openers",
        "after-comma-only": ["Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"],
        "reverent": ["He", "His"],
        "deity-names": ["God", "Lord", "Jesus", "Christ", "Allah", "Almighty", "Creator"],
        "reverent-window": 120,
    }

    def setup(self, lexicons: Lexicons) -> None:
        self._matcher = lexicons.matcher(self.params["lexicon"], ignore_case=False)
        self._deity = r"\b(?:" + "|".join(map(re.escape, self.params["deity-names"])) + r")\b"  # compiled when needed

    def check(self, unit: Block, ctx: Context) -> Iterator[Report]:
        text = unit.text
        protected: Protected | None = None
        for match in ctx.analysis.matches(self._matcher, text):
            if not _AFTER.match(text, match.end) or not _BEFORE.search(text, max(0, match.start - 100), match.start):
                continue
            if text[match.start : match.end] in self.params["after-comma-only"] and not _AFTER_COMMA.search(
                    text, max(0, match.start - 8), match.start):
                continue
            if text[match.start : match.end] in self.params["reverent"] and re.search(
                    self._deity, text[max(0, match.start - self.params["reverent-window"]) : match.start]):
                continue
            protected = protected or ctx.analysis.protected(text)
            if protected.covers(match.start, match.end):
                continue
            word = text[match.start : match.end]
            yield ctx.report(unit.start + match.start, unit.start + match.end,
                             f"'{word}' is capitalised in the middle of a sentence, as where a clause was "
                             f"spliced in; start a new sentence here or write '{word.lower()}'")
