"""MT028: mojibake, UTF-8 text decoded as Windows-1252 (â€™ for ’, Ã© for é)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from artlint.lexicon import Lexicons
from artlint.markup.document import Block
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope
from artlint.text.spans import Protected


class Mojibake(Rule):
    """Mojibake: UTF-8 text decoded with the wrong encoding"""

    code = "MT028"
    needs = r"[^\x00-\x7f]"  # every sequence of the table holds a character past ASCII
    name = "mojibake"
    family = Family.TRANSLATION
    severity = Severity.ERROR
    scope = Scope.BLOCK
    fixable = True
    defaults: ClassVar[Mapping[str, Any]] = {"lexicon": "mojibake"}
    why = (
        "When a pipeline reads UTF-8 bytes as Windows-1252 (or Latin-1), every accented letter and "
        "curly quotation mark turns into two or three wrong characters: â€™ for ’, Ã© for é, "
        "Â£ for £; done twice, Ã¢â‚¬â„¢. The sequences come from a generated table of every such "
        "decoding and cannot occur in correct text, so the fix, the character they stand for, is "
        "safe. A sequence whose last byte was lost (â€ alone) is reported with an unsafe guess."
    )
    fires = (
        "The minister⟦â€™⟧s office said it was an ⟦Ã©⟧lite unit.",
        "Tickets cost ⟦Â£⟧20 at the ⟦â€œ⟧door⟦â€⟧.",
    )
    silent = (
        "The minister’s office said it was an élite unit.",
        "Tickets cost £20 in SÃO PAULO.",
    )

    def setup(self, lexicons: Lexicons) -> None:
        table = lexicons.table(self.params["lexicon"])
        entries = [(seq, (char, True)) for seq, char in table["certain"].items()]
        entries += [(seq, (char, False)) for seq, char in table["likely"].items()]
        self._matcher = lexicons.new_matcher(entries, ignore_case=False)

    def check(self, unit: Block, ctx: Context) -> Iterator[Report]:
        text = unit.text
        protected: Protected | None = None
        for match in ctx.analysis.matches(self._matcher, text, whole_words=False):
            protected = protected or ctx.analysis.protected(text)
            if protected.covers(match.start, match.end):
                continue
            char, certain = match.value
            start, end = unit.start + match.start, unit.start + match.end
            guess = "" if certain else "probably "
            yield ctx.report(
                start,
                end,
                f"Mojibake: '{match.phrase}' is {guess}'{char}' decoded with the wrong encoding; "
                f"write '{char}' (and check how the text was converted)",
                fix=ctx.replace(start, end, char, safe=certain, description=f"Replace with '{char}'"),
            )
