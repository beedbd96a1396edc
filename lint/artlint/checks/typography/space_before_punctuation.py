"""TY002: a space before a comma, full stop or (once in an article) ? ! : ;."""

from __future__ import annotations

import re
from collections.abc import Iterator

from artlint.checks.translation.french_spacing import spaced_marks
from artlint.markup.document import Document
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope

# Spaces before "," or "." that ends a word group; not a spaced ellipsis (". . .") or ".NET", ",5".
_LOW = r"(?<=[^\s.])( +)([,.])(?! \.)(?=\s|$|[\"”’)\]])"
_HINT = re.compile(r" [,.]")  # in every _LOW match; blocks without it are not scanned (nor is _LOW compiled)


class SpaceBeforePunctuation(Rule):
    """A space before a comma, full stop, question or exclamation mark, colon or semicolon"""

    code = "TY002"
    name = "space-before-punctuation"
    family = Family.TYPOGRAPHY
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    fixable = True
    why = (
        "English sets punctuation against the word before it. A space there is a typo, or the "
        "seam of two fragments that a pipeline joined, and it lets a line break strand the mark at "
        "the start of a line. Spaced ellipses (. . .) and marks that start a token (.NET, ,5) are "
        "not reported; a space before ? ! : ; that recurs in the article, or is a no-break space, "
        "is French typesetting and reported by MT021 instead."
    )
    fires = (
        "However⟦ ⟧, according to NASA⟦ ⟧, the images are new⟦ ⟧.",
        "Is that a society left to debate⟦ ⟧?",
    )
    silent = (
        "However, according to NASA, the images are new.",
        "It was a strange match . . . momentum swings, he said; Microsoft .NET and .22 rifles too.",
        "Why now ? Who pays ? Nobody knows.",
    )

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        spans = [(m.start, m.end, m.mark) for m in spaced_marks(ctx)[1]]
        for block in unit.blocks:
            spans += [
                (block.start + m.start(1), block.start + m.end(1), m.group(2)) for m in ctx.analysis.prose_matches(_LOW, block.text, _HINT)
            ]
        for start, end, mark in sorted(spans):
            yield ctx.report(
                start,
                end,
                f"Space before '{mark}'; set the mark against the word before it",
                fix=ctx.replace(start, end, "", description="Remove the space"),
            )
