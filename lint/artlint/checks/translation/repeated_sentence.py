"""MT003: a sentence that occurs twice in one article."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from artlint.checks.translation.repeats import PROSE_KINDS, normalized, repeated_blocks
from artlint.markup.document import Document
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope


class RepeatedSentence(Rule):
    """A sentence occurs twice in the article"""

    code = "MT003"
    name = "repeated-sentence"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    fixable = True
    why = (
        "Content pipelines join fragments and machine translation retries segments, and both "
        "leave a sentence twice in the article. Short sentences (fewer than `min-words` words) "
        "repeat legitimately and are ignored; a whole repeated paragraph is MT004's."
    )
    fires = (
        ("Officials met on Monday to discuss the budget. They agreed on nothing.\n\n"
         "Later, a spokesman spoke. ⟦Officials met on Monday to discuss the budget.⟧"),
    )
    silent = (
        "Officials met on Monday. They agreed on nothing.\n\nOfficials met on Monday.",
        "The talks will resume next week in Geneva.\n\nThe talks will resume next month in Vienna.",
    )
    defaults: ClassVar[Mapping[str, Any]] = {"min-words": 6}

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        minimum = self.params["min-words"]
        whole = repeated_blocks(unit.blocks, minimum, ctx.analysis)
        first: dict[str, tuple[int, int]] = {}
        for sentence in ctx.analysis.sentences:
            if sentence.block.kind not in PROSE_KINDS or sentence.block.index in whole:
                continue
            if len(ctx.analysis.words(sentence)) < minimum:  # the sentence's words, which other rules read too
                continue
            key = normalized(sentence.text)
            earlier = first.setdefault(key, (sentence.start, sentence.end))
            if earlier[0] == sentence.start:
                continue
            cut = sentence.end
            while cut < sentence.block.end and unit.plain[cut].isspace():
                cut += 1
            fix = ctx.replace(sentence.start, cut, "", safe=False, description="Remove the repeated sentence")
            yield ctx.report(sentence.start, sentence.end,
                             "This sentence already occurs earlier in the article; remove one of the copies",
                             fix=fix, related=[(*earlier, "first occurrence")])
