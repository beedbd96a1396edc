"""TY003: no space after sentence punctuation or a comma between two words."""

from __future__ import annotations

from collections.abc import Iterator

from artlint.markup.document import Block
from artlint.model import Family, Severity
from artlint.patterns import compile_pattern
from artlint.rule import Context, Report, Rule, Scope
from artlint.text.scan import prose_matches

# A mark between a word of two or more lower-case letters and the next word: ".T", ",d", ":t".
_JOINED = compile_pattern(r"(?<=\p{Ll}{2})(?:[.!?]”?(?=\p{Lu}\p{Ll})|[,;:](?=\p{L}{2}))")


class MissingSpaceAfterPunctuation(Rule):
    """No space after a full stop, question or exclamation mark, comma, colon or semicolon"""

    code = "TY003"
    name = "missing-space-after-punctuation"
    family = Family.TYPOGRAPHY
    severity = Severity.WARNING
    scope = Scope.BLOCK
    fixable = True
    why = (
        'Sentences glued together ("the process.This is") come from pipelines that join lines '
        "or segments without a separator, and from careless editing. Search engines and "
        "screen readers then see one word. Reported when the mark follows a word of two or more "
        "lower-case letters and a word follows it directly (a capitalised one after . ! ?), so "
        "abbreviations (e.g., U.S.), decimals, times and ratios are not; neither are URLs, "
        "e-mail addresses and domain names. The fix inserts a space; review it, since a product "
        "name can be written this way on purpose."
    )
    fires = (
        "Bees do this process⟦.⟧This is smarter than it looks.",
        "The head of research at analyst firm Gartner⟦,⟧downloaded the program.",
        "That's where it's clever⟦.⟧It's called obsidian⟦;⟧nobody knew.",
    )
    silent = (
        "The U.S. and the e.g. abbreviation, 10:30 and 1,000 and 3.5 are fine.",
        "Write to news@example.com or visit www.example.com/News.Today for more.",
    )

    def check(self, unit: Block, ctx: Context) -> Iterator[Report]:
        for match in prose_matches(_JOINED, unit.text):
            start, end = unit.start + match.start(), unit.start + match.end()
            mark = match.group()
            yield ctx.report(
                start,
                end,
                f"No space after '{mark}' before the next word; insert one",
                fix=ctx.replace(end, end, " ", safe=False, description="Insert a space"),
            )
