"""TY001: two or more spaces between words, a no-break space next to a space included."""

from __future__ import annotations

import re
from collections.abc import Iterator

from artlint.markup.document import Block
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope

_RUN = re.compile(r"(?<=\S)[^\S\r\n\f\v]{2,}(?=\S)")
_HINT = re.compile(r"[^\S\r\n\f\v]{2}")  # in every match; blocks without it are not scanned
_NAMES = {
    " ": "space",
    "\t": "tab",
    "\u00a0": "no-break space",
    "\u202f": "narrow no-break space",
    "\u2009": "thin space",
    "\u3000": "ideographic space",
}


class DoubledSpace(Rule):
    """Two or more spaces in a row between words"""

    code = "TY001"
    needs = r"[^\S\r\n\f\v]"
    name = "doubled-space"
    family = Family.TYPOGRAPHY
    severity = Severity.WARNING
    scope = Scope.BLOCK
    fixable = True
    why = (
        "A doubled space is left by editing (a word deleted between two spaces), by the old "
        "two-spaces-after-a-full-stop habit, or by HTML conversion, where an &nbsp; next to an "
        "ordinary space becomes a no-break space plus a space that no browser collapses. It shows "
        "as a gap in the line and breaks search for the phrase. The fix keeps one space (one "
        "no-break space if the run was only no-break spaces)."
    )
    fires = (
        "See also⟦\u00a0 ⟧Biden will visit the border.",
        "The minister⟦  ⟧resigned on Monday.⟦   ⟧Nobody was surprised.",
    )
    silent = (
        "The minister resigned on Monday. Nobody was surprised.",
        "It costs 10\u00a0km of road.",
    )

    def check(self, unit: Block, ctx: Context) -> Iterator[Report]:
        for match in ctx.analysis.prose_matches(_RUN, unit.text, _HINT):
            run = match.group()
            kinds = list(dict.fromkeys(_NAMES.get(ch, f"U+{ord(ch):04X}") for ch in run))
            single = run[0] if len(set(run)) == 1 else " "
            what = f"{len(run)} {kinds[0]}s" if len(kinds) == 1 else " and ".join(f"a {k}" for k in kinds)
            start, end = unit.start + match.start(), unit.start + match.end()
            yield ctx.report(
                start,
                end,
                f"Doubled space ({what}) between words; keep one",
                fix=ctx.replace(start, end, single, description="Keep one space"),
            )
