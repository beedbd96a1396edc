"""MT027: an HTML tag left in the text (</p>, <br />, <span class="x">)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from artlint.lexicon import Lexicons
from artlint.markup.document import Block
from artlint.model import Family, Severity
from artlint.patterns import compile_pattern
from artlint.rule import Context, Report, Rule, Scope

if TYPE_CHECKING:
    import regex


class MarkupTag(Rule):
    """An HTML tag left in the text"""

    code = "MT027"
    needs = "<"
    name = "markup-tag"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    scope = Scope.BLOCK
    fixable = True
    defaults: ClassVar[Mapping[str, Any]] = {"lexicon": "html-tags"}
    why = (
        "Scrapers, translation tools and copy-paste between editors leave tags behind: a closing "
        "</p> at the end of a paragraph, a <br /> in mid-sentence, a <span> with its attributes. "
        "In an HTML input the parser has already turned real tags into structure, so a tag that "
        "is still visible was escaped as text. Only names of HTML elements count, so '<3' or "
        "'a<b' in a formula is not a tag. The fix removes the tag; review it, since a tag can be "
        "quoted on purpose in an article about the web."
    )
    fires = (
        "The minister resigned on Monday.⟦</p>⟧",
        "Prices rose⟦<br />⟧sharply in May.",
        'It was ⟦<span class="highlight">⟧very⟦</span>⟧ cold.',
    )
    silent = (
        "The index rose 3% as x<y held and fans sent <3 to the team.",
        "Students scored <5 marks on average.",
    )

    def setup(self, lexicons: Lexicons) -> None:
        names = sorted(lexicons.phrases(self.params["lexicon"]), key=len, reverse=True)
        self._source = rf"(?i)</?(?:{'|'.join(names)})(?=[\s/>])[^<>]{{0,300}}>"
        if self.params["lexicon"] != self.defaults["lexicon"]:  # a user's lexicon compiles (or fails) now
            self._pattern = compile_pattern(self._source)

    @cached_property
    def _pattern(self) -> regex.Pattern[str]:
        """The tag names' pattern, compiled for the first block with a "<" (3 ms; most texts have none)."""
        return compile_pattern(self._source)

    def check(self, unit: Block, ctx: Context) -> Iterator[Report]:
        text = unit.text
        for match in ctx.analysis.prose_matches(self._pattern, text):
            start, end = match.span()
            between_words = 0 < start and end < len(text) and not text[start - 1].isspace() and not text[end].isspace()
            replacement = " " if between_words else ""
            yield ctx.report(
                unit.start + start,
                unit.start + end,
                f"HTML tag '{match.group()}' left in the text; remove it",
                fix=ctx.replace(
                    unit.start + start, unit.start + end, replacement, safe=False, description="Remove the tag"
                ),
            )
