"""MT021: a space before ? ! : ; as French typesetting sets it.

French sets a (thin) no-break space before the high marks ? ! : ; and English sets none. A
no-break or thin space there is that convention for certain; an ordinary space is, when the
article does it more than once. ``spaced_marks`` finds every such space once per document;
TY002 reports the lone ordinary ones as plain typos.
"""

import re
from collections.abc import Iterator
from typing import NamedTuple

from artlint.markup.document import Document
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope

TYPESET_SPACES = "\u00a0\u202f\u2009"
SYSTEMATIC = 2  # ordinary spaces before high marks in one article that make it a convention
# Source: prose_matches compiles it when a block first passes _HINT (most runs none).
_SPACED = rf"(?<=\S)([ {TYPESET_SPACES}]+)([?!:;])(?=[\s\"”’»]|$)"
_HINT = re.compile(rf"[ {TYPESET_SPACES}][?!:;]")  # in every match; blocks without it are not scanned


class SpacedMark(NamedTuple):
    """Spaces at plain ``[start, end)`` before the mark ``mark``."""

    start: int
    end: int
    mark: str
    typeset: bool


def spaced_marks(ctx: Context) -> tuple[list[SpacedMark], list[SpacedMark]]:
    """Spaces before a high mark in the document: those that follow the French convention, and lone typos."""
    found = []
    for block in ctx.document.blocks:
        for match in ctx.analysis.prose_matches(_SPACED, block.text, _HINT):
            spaces = match.group(1)
            start = block.start + match.start(1)
            found.append(SpacedMark(start, start + len(spaces), match.group(2), spaces.strip(" ") != ""))
    if sum(not m.typeset for m in found) >= SYSTEMATIC:
        return found, []
    return [m for m in found if m.typeset], [m for m in found if not m.typeset]


class FrenchSpacing(Rule):
    """A space before ? ! : ; as French typesetting sets it"""

    code = "MT021"
    name = "french-spacing"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    fixable = True
    why = (
        "French typesetting puts a space, often a thin no-break space, before ? ! : and ; "
        "(« Pourquoi ? »). Text translated from French, or typeset by French-language software, "
        "keeps it; English sets these marks against the word. A no-break or thin space before the "
        "mark is reported every time; ordinary spaces when the article has more than one (a "
        "single one is a typo, reported by TY002)."
    )
    fires = (
        "Why now⟦\u00a0⟧? Nobody knows.",
        "The question was simple⟦ ⟧: who pays⟦ ⟧? The answer was not.",
    )
    silent = (
        "The question was simple: who pays? The answer was not.",
        "He scored twice :) in the final.",
        "One typo ? is not a habit.",
    )

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        for mark in spaced_marks(ctx)[0]:
            yield ctx.report(
                mark.start,
                mark.end,
                f"Space before '{mark.mark}', as French typesetting sets it; English sets the mark "
                "against the word: remove the space",
                fix=ctx.replace(mark.start, mark.end, "", description="Remove the space"),
            )
