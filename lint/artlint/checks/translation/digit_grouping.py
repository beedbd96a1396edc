"""MT042: a long number without the thousands commas the article uses elsewhere, or grouped wrongly."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from artlint.lexicon import Lexicons
from artlint.markup.document import Document
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope
from artlint.segment import ends_sentence

# Source text until a block with the figures they find needs them (``re`` compiles them then and
# keeps them; ``Analysis.prose_matches`` compiles a source).
_GROUPED = r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,]|\.\d)"
_GROUPED_HINT = re.compile(r"\d,\d{3}")  # in every match of _GROUPED; a text without it is not searched
_MALFORMED = r"(?<![\d.,])\d{4,}(?:,\d{3})+(?!\d)"
# Five or more digits standing alone, the first not a zero: not part of a code, a phone number,
# a price tag or a path; with the word before it, if any.
_UNGROUPED = r"(?:(?P<before>\w+)\.?\s+)?(?<![\d.,\w£$€#/:+\-])(?P<number>[1-9]\d{4,})(?![\d\w%/\-]|[.,]\d)"
_HINT = re.compile(r"\d{4}")


class DigitGrouping(Rule):
    """A long number written without the thousands separators the article uses, or grouped wrongly"""

    code = "MT042"
    name = "digit-grouping"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    defaults: ClassVar[Mapping[str, Any]] = {
        "code-words": ["number", "no", "nos", "code", "id", "ref", "reference", "registration", "account", "serial",
                       "phone", "tel", "fax", "zip", "postcode", "pin", "isbn", "issn", "order", "case", "flight"],
    }
    why = (
        "Languages group the digits of long numbers differently (12 800 000, 12.800.000, "
        "1,28,00,000), and translation systems carry the source's grouping over or lose it: an "
        "article that writes 7,830 elsewhere gives 133830, or groups a number wrongly (12800,000). "
        "Reported: a number whose group before a thousands comma has four digits or more, and, in "
        "an article that groups thousands with commas, a number of five or more digits without "
        "them, in a paragraph that ends as a sentence does. Codes (a number after one of "
        "`code-words`, such as \"registration number\", or one starting with 0), phone numbers, "
        "amounts glued to a currency sign, numbers inside words and lines that are not sentences "
        "(addresses, date stamps, tickers) are not reported."
    )
    fires = (
        "Donations reached ⟦12800,000⟧ yen.",
        "Cases rose by 7,830 on Saturday to ⟦133830⟧ in all.",
        "The toll reached 3,868 on Friday.\n\nCases rose by 3380 in a day, to ⟦133830⟧.",
    )
    silent = (
        "Cases rose by 7,830 on Saturday to 133,830 in all.",
        "Cases rose to 133830, the institute said.",
        "Call +44 20 7946 0018 or quote case A12345 and order 7,830 from 1 to 99999-1.",
        "Sales reached 7,830 units.\n\nThe maker, company registration number 2008885, quotes order no. 73311.",
        "Sales reached 7,830 units.\n\nPosted Feb 182009\n\nOffice: 10 Main Road, Springfield - 110002",
        "Sales reached 7,830 units, and batch 082009 shipped.",
    )

    def setup(self, lexicons: Lexicons) -> None:
        self._code_words = frozenset(word.lower() for word in self.params["code-words"])

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        grouped = any(re.search(_GROUPED, block.text) for block in unit.blocks if _GROUPED_HINT.search(block.text))
        blocks = [block for block in unit.blocks if _HINT.search(block.text)]
        for block in blocks:
            for match in ctx.analysis.prose_matches(_MALFORMED, block.text):
                yield ctx.report(block.start + match.start(), block.start + match.end(),
                                 f"'{match.group()}' is grouped wrongly: English puts a comma every three digits")
            if not grouped or not ends_sentence(block.text):
                continue
            for match in ctx.analysis.prose_matches(_UNGROUPED, block.text):
                if (match["before"] or "").lower() in self._code_words:
                    continue
                yield ctx.report(block.start + match.start("number"), block.start + match.end(),
                                 f"'{match['number']}' has no thousands commas, which this article uses elsewhere; "
                                 "write it with commas")
