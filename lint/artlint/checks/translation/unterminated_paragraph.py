"""MT009: a paragraph without final punctuation between paragraphs that have it."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from artlint.checks.translation.repeats import PROSE_KINDS
from artlint.markup.document import Block, Document
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope
from artlint.text.tokens import word_texts
from artlint.text.words import stem, stopwords

_TERMINATED = re.compile(r"[.!?…:;]['\"’”)\]]*$|['\"’”)\]]$")
_LAST_WORD = re.compile(r"(\w[\w'’\-]*)\W*$")
_TAIL = re.compile(r"[.!?]['\"’”)\]]*\s+([^.!?]+)$")
"""What follows a paragraph's last sentence end: in capitals, a subheading run into it."""
_ATTRIBUTION = (  # compiled on first use (re's cache): most articles never need it
    r"(?:[.!?…]['\"’”»)\]]*|['\"’”»])(?:\s*[—–]|\s+-)\s*\S[^\n]{0,79}$"  # "…” — Jane Doe, 1998"
    r"|[—–]\s*[^—–\n]{1,60}\(@\w{1,15}\)\s+\w+\s+\d{1,2},\s+\d{4}$"  # an embedded post: "— Jane Doe (@jd) May 2, 2017"
)
"""A quotation's attribution after a dash, or the signature line of an embedded social-media post."""


class UnterminatedParagraph(Rule):
    """A paragraph ends without sentence punctuation where its neighbours have it"""

    code = "MT009"
    name = "unterminated-paragraph"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    why = (
        "A paragraph of running text that stops without a full stop, between paragraphs that "
        "have one, was cut short by the translation or the CMS, or is a stray line from the page. "
        "Headings, captions and short lines (fewer than `min-words` words) are not paragraphs of "
        "running text and are ignored, and so is a paragraph whose last sentence is followed by a "
        "run in capitals: a subheading that lost its line break, which no heading ends with a stop. A "
        "paragraph in title case (every word of `title-letters` letters or more capitalised) that shares a "
        "content word with the paragraph after it is a subheading, however long; one that shares none "
        "is more likely the headline of another story left in the body, and is still reported. A quotation "
        "or a sentence followed by a dash and its short attribution (an epigraph's author, the name, handle "
        "and date that sign an embedded post) is finished too."
    )
    fires = (
        ("The council met on Monday.\n\nIt approved the budget for next year after a long debate in "
         "the ⟦chamber⟧\n\nThe mayor welcomed the vote."),
    )
    silent = (
        "Council approves budget\n\nThe council met on Monday to approve the budget for next year.",
        ("The council met on Monday.\n\nIt approved the budget for next year after a long debate: "
         "\n\nThe mayor welcomed the vote."),
        ("The council met on Monday.\n\nIt approved the budget for next year after a long debate in "
         "the chamber\n\nThe mayor welcomed the vote"),
        ("The council met on Monday.\n\nIt approved the budget for next year after a long debate in "
         "the chamber. WHAT COMES NEXT\n\nThe mayor welcomed the vote."),
        ("The council met on Monday.\n\nWhy the City Council Chose to Spend More on Schools and "
         "Roads\n\nThe mayor said the schools would get most of the money."),
        ("The council met on Monday.\n\n“A budget is a moral document, not a spreadsheet of "
         "figures.” — a former mayor of the city\n\nThe mayor welcomed the vote."),
    )
    defaults: ClassVar[Mapping[str, Any]] = {"min-words": 8, "title-letters": 4}

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        blocks = [b for b in unit.blocks if b.kind in PROSE_KINDS]
        for before, block, after in zip(blocks, blocks[1:], blocks[2:]):
            if self._terminated(block) or not (self._terminated(before) and self._terminated(after)):
                continue
            match = _LAST_WORD.search(block.text, max(0, len(block.text) - 60))
            if (match is None or ctx.analysis.count_words(block.text) < self.params["min-words"]
                    or _run_in_heading(block.text) or _attributed(block.text[-120:])
                    or self._subheading(block.text, after.text, ctx)):
                continue
            yield ctx.report(block.start + match.start(1), block.start + match.end(1),
                             "This paragraph ends without sentence punctuation while the paragraphs around it "
                             "have it; finish the sentence or remove the line")

    def _subheading(self, text: str, following: str, ctx: Context) -> bool:
        """Whether ``text`` is in title case (every word of ``title-letters`` letters or more capitalised,
        short function words may stay lower case) and shares a content word with ``following``."""
        long_words = [w for w in word_texts(text) if len(w) >= self.params["title-letters"]]
        if not long_words or not all(w[0].isupper() or w[0].isdigit() for w in long_words):
            return False
        stop = stopwords(ctx.lexicons)
        heading = {stem(w) for w in long_words if w.lower() not in stop}
        return any(stem(w) in heading for w in word_texts(following) if len(w) >= self.params["title-letters"])

    @staticmethod
    def _terminated(block: Block) -> bool:
        return bool(_TERMINATED.search(block.text, max(0, len(block.text) - 8)))


def _attributed(tail: str) -> bool:
    """Whether ``tail`` (a paragraph's end) ends in an attribution after a dash (the pattern compiles
    only for a paragraph that has a dash near its end)."""
    return ("—" in tail or "–" in tail or " -" in tail) and re.search(_ATTRIBUTION, tail) is not None


def _run_in_heading(text: str) -> bool:
    """Whether ``text`` ends with a run in capitals after its last sentence: a subheading."""
    tail = _TAIL.search(text, max(0, len(text) - 80))
    return tail is not None and tail.group(1).isupper()
