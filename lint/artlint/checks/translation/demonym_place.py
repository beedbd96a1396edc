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
        """The rule's pattern, and a pattern for what every match contains (``hint``): its literal
        start lets the engine skip ahead, so most blocks, which lack it, are passed over far faster."""
        table = lexicons.table(self.params["lexicon"])
        self._places = dict(table["places"])
        prepositions = "|".join(map(re.escape, table["prepositions"]))
        names = "|".join(map(re.escape, sorted(self._places, key=len, reverse=True)))
        self._pattern = re.compile(rf"\b(?i:{prepositions}) (the ({names}))(?=\s*(?:[,.;:!?)]|$))")
        self._hint = re.compile(rf"the (?:{names})(?=\s*(?:[,.;:!?)]|$))")

    def check(self, unit: Block, ctx: Context) -> Iterator[Report]:
        pattern, hint = self._pattern, self._hint
        if not hint.search(unit.text):
            return
        protected: Protected | None = None
        for match in pattern.finditer(unit.text):
            protected = protected or ctx.analysis.protected(unit.text)
            if protected.covers(match.start(1), match.end(1)):
                continue
            place = self._places[match.group(2)]
            start, end = unit.start + match.start(1), unit.start + match.end(1)
            fix = ctx.replace(start, end, place, safe=False, description=f"Replace with '{place}'")
            yield ctx.report(start, end, f"'{match.group(1)}' uses an adjective as a place; write '{place}', "
                                         f"or put a noun after it ('{match.group(2)} newspaper')", fix=fix)
