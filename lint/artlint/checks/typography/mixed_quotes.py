"""TY004: straight and curly quotation marks (or apostrophes) mixed in one article."""

import re
from array import array
from collections.abc import Iterator
from typing import NamedTuple

from artlint.markup.document import Document
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope

_OPENING_CONTEXT = "([{—–-/"


class QuoteGroup(NamedTuple):
    """One family of marks: the straight mark and its curly opening and closing forms."""

    label: str
    straight: str
    opening: str
    closing: str

    @property
    def pattern(self) -> re.Pattern[str]:
        # A straight mark after a digit is a prime (5'10", 12" pipes), not a quotation mark.
        straight = re.escape(self.straight)  # the mark first, then the look back: scans faster
        return re.compile(rf"{straight}(?<!\d{straight})|[{self.opening}{self.closing}]")


GROUPS = (
    QuoteGroup("double quotation marks", '"', "“", "”"),
    QuoteGroup("single quotation marks and apostrophes", "'", "‘", "’"),
)


class MixedQuoteStyles(Rule):
    """Straight and curly quotation marks mixed in one article"""

    code = "TY004"
    name = "mixed-quote-styles"
    family = Family.TYPOGRAPHY
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    fixable = True
    why = (
        "An article set with curly quotation marks that also has straight ones (or the reverse) "
        "was assembled from sources that were typeset differently, or passed through a tool that "
        "converted only part of it. Double marks and single marks with apostrophes are compared "
        "separately; the style used more often is the article's (on a tie, the one used first), "
        "and each mark of the other style is reported. Straight marks after a digit are primes "
        "(5'10\", 12\" pipes). The fix writes the article's style, opening or closing by position; "
        "review it."
    )
    fires = (
        '“We will respond,” he said. “It is over,” she said. ⟦"⟧Never,⟦"⟧ they said.',
        "It’s the minister’s plan, and it’s ⟦'⟧final⟦'⟧.",
    )
    silent = (
        "“We will respond,” he said. It's the minister's plan; it's final.",
        '"We will respond," he said of the 12" pipes.',
    )

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        for group in GROUPS:
            yield from self._group(unit, ctx, group)

    def _group(self, document: Document, ctx: Context, group: QuoteGroup) -> Iterator[Report]:
        # The plain offsets of the marks (one character each), in arrays: a list of them held an
        # int and a tuple per mark, about 100 bytes a line on a file of one mark per line.
        straight, curly = array("q"), array("q")
        pattern = group.pattern
        for block in document.blocks:
            for match in ctx.analysis.prose_matches(pattern, block.text):
                (straight if match.group() == group.straight else curly).append(block.start + match.start())
        if not straight or not curly:
            return
        curly_style = len(curly) > len(straight) or (len(curly) == len(straight) and curly[0] < straight[0])
        majority, minority = (curly, straight) if curly_style else (straight, curly)
        first = majority[0]
        style = "curly" if curly_style else "straight"
        plain = document.plain
        for at in minority:
            mark = plain[at]
            replacement = _curl(plain, at, group) if curly_style else group.straight
            yield ctx.report(
                at,
                at + 1,
                f"'{mark}' in an article that uses {style} {group.label} ({len(majority)} of "
                f"{len(majority) + len(minority)}); write '{replacement}'",
                fix=ctx.replace(at, at + 1, replacement, safe=False, description=f"Write '{replacement}'"),
                related=[(first, first + 1, f"the article's {style} style")],
            )


def _curl(plain: str, at: int, group: QuoteGroup) -> str:
    """The curly form of the straight mark at ``plain[at]``: opening after a space or bracket."""
    before = plain[at - 1] if at else " "
    return group.opening if before.isspace() or before in _OPENING_CONTEXT else group.closing
