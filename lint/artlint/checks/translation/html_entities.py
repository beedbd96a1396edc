"""MT026: an HTML character reference (&amp;, &nbsp;, &#8217;) visible in the text."""

from __future__ import annotations

import html
from collections.abc import Iterator
from html.entities import html5

from artlint.markup.document import Block
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope

# Source, compiled by prose_matches when a block first holds "&" (most runs none)
_REFERENCE = r"&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|([A-Za-z][A-Za-z0-9]{1,31});?)"
_OPENING_ONLY = frozenset("¿¡")
"""Marks that only open a sentence: one between two letters stands in for a character a conversion
lost (an apostrophe, mostly: "the minister&#191;s office"), so writing it would not mend the text."""


class HtmlEntity(Rule):
    """An HTML entity visible in the text"""

    code = "MT026"
    needs = "&"
    name = "html-entity"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    scope = Scope.BLOCK
    fixable = True
    why = (
        "An entity such as &amp;, &nbsp; or &#8217; in what the reader sees means the text was "
        "escaped twice on its way through a pipeline (in an HTML or Markdown input, artlint has "
        "already decoded one level) or pasted from markup as plain text. The fix writes the "
        "character the entity stands for. Names without the closing semicolon are reported only "
        "where browsers would read them too (&amp, &nbsp, &lt ...); URLs are not checked. An "
        "inverted question or exclamation mark between two letters stood in for a lost character "
        "(mostly an apostrophe), so that finding has no fix."
    )
    fires = (
        "Procter ⟦&amp;⟧ Gamble said⟦&nbsp;⟧it would cut jobs.",
        "The minister⟦&#8217;⟧s office declined to comment.",
    )
    silent = (
        "Procter & Gamble and AT&T said it would cut jobs.",
        "See https://example.com/?a=1&amp;b=2 for the list.",
    )

    def check(self, unit: Block, ctx: Context) -> Iterator[Report]:
        for match in ctx.analysis.prose_matches(_REFERENCE, unit.text):
            reference = match.group()
            if match.group(1) is not None and reference[1:] not in html5:
                continue
            character = html.unescape(reference)
            if character == reference:
                continue
            start, end = unit.start + match.start(), unit.start + match.end()
            shown = character if character.isprintable() and not character.isspace() else f"U+{ord(character[0]):04X}"
            if character in _OPENING_ONLY and _between_letters(unit.text, match.start(), match.end()):
                yield ctx.report(
                    start,
                    end,
                    f"HTML entity '{reference}' ({shown}) inside a word: a character lost in a conversion, "
                    "mostly an apostrophe; write the character meant",
                )
                continue
            yield ctx.report(
                start,
                end,
                f"HTML entity '{reference}' in the text (escaped twice, or markup pasted as text); "
                f"write the character it stands for ({shown})",
                fix=ctx.replace(start, end, character, description=f"Replace with {shown}"),
            )


def _between_letters(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has a letter right before and right after it."""
    return start > 0 and end < len(text) and text[start - 1].isalpha() and text[end].isalpha()
