"""MT042: a long number without the thousands commas the article uses elsewhere, or grouped wrongly."""

from __future__ import annotations

import re
from collections.abc import Iterator

from artlint.markup.document import Document
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope

_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,]|\.\d)")
_MALFORMED = re.compile(r"(?<![\d.,])\d{4,}(?:,\d{3})+(?!\d)")
# Five or more digits standing alone: not part of a code, a phone number, a price tag or a path.
_UNGROUPED = re.compile(r"(?<![\d.,\w£$€#/:+\-])\d{5,}(?![\d\w%/\-]|[.,]\d)")
_HINT = re.compile(r"\d{4}")


class DigitGrouping(Rule):
    """A long number written without the thousands separators the article uses, or grouped wrongly"""

    code = "MT042"
    name = "digit-grouping"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    why = (
        "Languages group the digits of long numbers differently (12 800 000, 12.800.000, "
        "1,28,00,000), and translation systems carry the source's grouping over or lose it: an "
        "article that writes 7,830 elsewhere gives 133830, or groups a number wrongly (12800,000). "
        "Reported: a number whose group before a thousands comma has four digits or more, and, in "
        "an article that groups thousands with commas, a number of five or more digits without "
        "them. Codes, phone numbers, amounts glued to a currency sign and numbers inside words "
        "are not reported."
    )
    fires = (
        "Donations reached ⟦12800,000⟧ yen.",
        "Cases rose by 7,830 on Saturday to ⟦133830⟧ in all.",
    )
    silent = (
        "Cases rose by 7,830 on Saturday to 133,830 in all.",
        "Cases rose to 133830, the institute said.",
        "Call +44 20 7946 0018 or quote case A12345 and order 7,830 from 1 to 99999-1.",
    )

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        blocks = [block for block in unit.blocks if _HINT.search(block.text)]
        grouped = any(_GROUPED.search(block.text) for block in blocks)
        for block in blocks:
            for match in ctx.analysis.prose_matches(_MALFORMED, block.text):
                yield ctx.report(block.start + match.start(), block.start + match.end(),
                                 f"'{match.group()}' is grouped wrongly: English puts a comma every three digits")
            if not grouped:
                continue
            for match in ctx.analysis.prose_matches(_UNGROUPED, block.text):
                yield ctx.report(block.start + match.start(), block.start + match.end(),
                                 f"'{match.group()}' has no thousands commas, which this article uses elsewhere; "
                                 "write it with commas")
