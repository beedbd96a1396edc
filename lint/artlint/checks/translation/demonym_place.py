"""MT010: a demonym adjective used as the name of a place ("a newspaper from the Emirati")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from artlint.lexicon import Lexicons
from artlint.markup.document import Block
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope
from artlint.text.spans import Protected


class DemonymAsPlace(Rule):
    """A demonym adjective stands where the name of the place belongs ("from the Emirati")"""

    code = "MT010"
    needs = " "
    name = "demonym-as-place"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    scope = Scope.BLOCK
    fixable = True
    why = (
        "Translation from languages that use one word for the country and its adjective leaves "
        "\"a newspaper from the Emirati\" or \"in the Iraqi\" with no noun after the adjective. "
        "Reported after a preposition of place when punctuation follows; demonyms that also name "
        "the people as a plural (\"the Dutch\", \"the Chinese\") are not listed. The places are in "
        "rules/lexicons/demonyms.toml."
    )
    fires = (
        "A newspaper from ⟦the Emirati⟧, The National, reported the visit.",
        "Fighting continued in ⟦the Iraqi⟧.",
    )
    silent = (
        "The Iraqi parliament met in the Emirati capital.",
        "A statement from the Iraqi government followed.",
        "Talks with the Chinese, he said, went well.",
    )
    defaults: ClassVar[Mapping[str, Any]] = {"lexicon": "demonyms"}

    def setup(self, lexicons: Lexicons) -> None:
        """The demonyms, found by the shared phrase automaton (as an alternation in a pattern
        they cost start-up some 10 M instructions to compile), and what must stand before them
        (a preposition and "the") and after them (punctuation, or the end)."""
        table = lexicons.table(self.params["lexicon"])
        self._names = lexicons.new_matcher(table["places"].items(), ignore_case=False)
        prepositions = table["prepositions"]
        self._before = re.compile(rf"\b(?i:{'|'.join(map(re.escape, prepositions))}) the $")
        self._reach = max(map(len, prepositions), default=0) + len(" the ") + 1  # and a character for \b

    def check(self, unit: Block, ctx: Context) -> Iterator[Report]:
        text = unit.text
        protected: Protected | None = None
        for name in ctx.analysis.matches(self._names, text):
            the = name.start - len("the ")
            if not _FOLLOWED.match(text, name.end) or not self._before.search(text, max(0, name.start - self._reach), name.start):
                continue
            protected = protected or ctx.analysis.protected(text)
            if protected.covers(the, name.end):
                continue
            place, start, end = name.value, unit.start + the, unit.start + name.end
            fix = ctx.replace(start, end, place, safe=False, description=f"Replace with '{place}'")
            yield ctx.report(start, end, f"'{text[the : name.end]}' uses an adjective as a place; write '{place}', "
                                         f"or put a noun after it ('{name.phrase} newspaper')", fix=fix)


_FOLLOWED = re.compile(r"\s*(?:[,.;:!?)]|$)")
"""What follows a demonym used as a place: punctuation, or the end of the block."""
