"""MT004: a paragraph that occurs twice in one article."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from artlint.checks.translation.repeats import repeated_blocks
from artlint.markup.document import Document
from artlint.model import Applicability, Family, Severity
from artlint.rule import Context, Report, Rule, Scope
from artlint.units import block_deletion


class RepeatedParagraph(Rule):
    """A paragraph occurs twice in the article"""

    code = "MT004"
    name = "repeated-paragraph"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    fixable = True
    why = (
        "A paragraph printed twice is a CMS join or an MT retry. Paragraphs shorter than "
        "`min-words` words (captions, credits) are left to the boilerplate rules."
    )
    fires = (
        ("The council approved the new budget on Tuesday evening.\n\nIt takes effect in May.\n\n"
         "⟦The council approved the new budget on Tuesday evening.⟧"),
    )
    silent = (
        "Read more\n\nThe council approved the budget.\n\nRead more",
        ("The council approved the new budget on Tuesday evening.\n\n"
         "The council rejected the new budget on Tuesday evening."),
    )
    defaults: ClassVar[Mapping[str, Any]] = {"min-words": 6}

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        for index, earlier in repeated_blocks(unit.blocks, self.params["min-words"], ctx.analysis).items():
            block = unit.blocks[index]
            fix = block_deletion(ctx, block, Applicability.UNSAFE, "Remove the repeated paragraph")
            yield ctx.report(block.start, block.end,
                             "This paragraph already occurs earlier in the article; remove one of the copies",
                             fix=fix, related=[(earlier.start, earlier.end, "first occurrence")])
