"""MT005: a quotation mark opened and never closed (or closed and never opened) in a paragraph."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from enum import Enum
from typing import Any, ClassVar

from artlint.markup.document import Block
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope

_MARKS = re.compile(r"[\"“”»]")
_OPENERS = "\"“‘«„'"
_BEFORE_OPEN = "([{—–-/"
_AFTER_CLOSE = ".,;:!?)]}—–-…"
# Compiled by the first quotation that needs them (``re`` keeps them).
_SENTENCE_END = r"[.!?…]['’]?\s*$"
_SENTENCE_END_INSIDE = r"[.!?…]\s"


class Role(Enum):
    """What a quotation mark does where it stands."""

    OPEN = "open"
    CLOSE = "close"
    EITHER = "either"


def role(text: str, i: int) -> Role:
    """The role of the mark at ``text[i]`` from its neighbours, else from its glyph."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if (before.isspace() or before in _BEFORE_OPEN) and not after.isspace() and after not in _AFTER_CLOSE:
        return Role.OPEN
    if not before.isspace() and (after.isspace() or after in _AFTER_CLOSE):
        return Role.CLOSE
    return {"“": Role.OPEN, "”": Role.CLOSE}.get(text[i], Role.EITHER)


def opens_paragraph(block: Block) -> bool:
    """Whether ``block`` starts with a quotation mark (news style for a continued quotation)."""
    return block.text[:1] in _OPENERS


class UnbalancedQuotes(Rule):
    """A quotation mark is opened and never closed, or closed and never opened"""

    code = "MT005"
    needs = _MARKS.pattern
    name = "unbalanced-quotes"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    scope = Scope.BLOCK
    why = (
        "Machine translation and CMS filters drop quotation marks, so a quotation runs on into "
        "the narrative or ends where it never began. News style lets a quotation that runs over "
        "several paragraphs leave the closing mark off every paragraph but the last, each next "
        "paragraph opening with a quotation mark: such a paragraph is not reported, and neither is "
        "a quotation reopened after a full stop in the same line (a paragraph break lost in "
        "conversion), nor a quotation whose closing mark is the first mark of a later paragraph, the "
        "paragraphs between having none (a quotation laid out one sentence per paragraph). A doubled "
        "mark (\"\") counts once; a quotation opened with “ and closed with » is reported at the ». "
        "A short quotation inside an open one (\"he would \"fake\" an injury\") is nested, "
        "and straight marks after digits (12\" pipes) are inch marks."
    )
    fires = (
        "He said: ⟦“⟧We always listen to people. Let's see what they do.\n\nA newspaper reported it.",
        "The minister called it a \"temporary measure\" and a ⟦\"⟧necessary step.\n\nOthers disagreed.",
        "The plan was, he said, a good one⟦”⟧ for the city.",
        "She called the plan “a step in the right direction ⟦»⟧ and left.",
        "The mayor said: \"The bridge is safe. ⟦\"⟧Tests will go on until March. The council met on Monday.",
    )
    silent = (
        "“We are serious about this. The world is looking.\n\n“It costs money,” he added.",
        "He said \"we will see what happens. \"If they attack, we respond,\" he added.",
        "The pipes are 12\" wide and the plan is \"final\".",
        "“It is over,” she said.",
        "\"He said he would \"fake\" an injury in training,\" the manager said.",
        "She wrote: \"The talks went on all summer.\n\nThey will resume soon.\n\nWe remain hopeful.\"\n\nNobody replied.",
        "\"\"We will keep looking,\"\" an officer said.",
        "She asked: \"Is the bridge safe? \"Nobody can say yet! \"We test it again in March.\" The council met.",
    )
    defaults: ClassVar[Mapping[str, Any]] = {"inner-max-chars": 40, "run-on-paragraphs": 12}

    def check(self, unit: Block, ctx: Context) -> Iterator[Report]:
        events, open_at = self._scan(unit.text, ctx)
        for kind, i in events:
            at = unit.start + i
            if kind is _Event.UNCLOSED:
                yield self._unclosed(ctx, at)
            elif kind is _Event.MISMATCHED:
                yield ctx.report(at, at + 1, f"This quotation is closed with '{unit.text[i]}' but was opened with "
                                             "another mark; use the closing mark of the pair")
            elif not (i == _first_mark(unit.text) and self._left_open_before(unit, ctx)):
                yield ctx.report(at, at + 1,
                                 "This closing quotation mark has no opening one in the paragraph; "
                                 "add the opening mark where the quotation starts, or remove this one")
        if open_at is not None and not self._continued(unit, ctx) and not self._closed_after(unit, ctx):
            yield self._unclosed(ctx, unit.start + open_at)

    def _scan(self, text: str, ctx: Context) -> tuple[list[tuple[_Event, int]], int | None]:
        """The defects of one paragraph's quotation marks, and where a quotation is left open."""
        protected = ctx.analysis.protected(text)
        marks = [(i, role(text, i)) for i in _marks(text) if not protected.covers(i)]
        events: list[tuple[_Event, int]] = []
        open_at: int | None = None
        k = 0
        while k < len(marks):
            i, mark_role = marks[k]
            k += 1
            if text[i] == "»":
                if open_at is not None:
                    events.append((_Event.MISMATCHED, i))
                    open_at = None
                continue
            if mark_role is Role.EITHER:
                mark_role = Role.CLOSE if open_at is not None else Role.OPEN
            if mark_role is Role.OPEN:
                if open_at is not None and not re.compile(_SENTENCE_END).search(text, max(0, i - 8), i):
                    if k < len(marks) and self._inner(text, i, *marks[k]):
                        k += 1
                        continue
                    events.append((_Event.UNCLOSED, open_at))
                open_at = i
            elif open_at is not None:
                open_at = None
            elif not (text[i] == '"' and i and text[i - 1].isdigit()):
                events.append((_Event.ORPHAN, i))
        return events, open_at

    def _inner(self, text: str, start: int, end: int, end_role: Role) -> bool:
        """Whether marks at ``start`` and ``end`` enclose a short quotation inside the open one."""
        return (end_role is not Role.OPEN and end - start <= self.params["inner-max-chars"]
                and not re.compile(_SENTENCE_END_INSIDE).search(text, start, end))

    @staticmethod
    def _continued(block: Block, ctx: Context) -> bool:
        blocks = ctx.document.blocks
        return block.index + 1 < len(blocks) and opens_paragraph(blocks[block.index + 1])

    def _closed_after(self, block: Block, ctx: Context) -> bool:
        """Whether a later paragraph closes the quotation left open in ``block``: the next paragraph
        with a quotation mark starts its marks with a closing one (a quotation that runs over
        paragraphs of one sentence each, as where a layout put every sentence in its own line)."""
        blocks = ctx.document.blocks
        for later in blocks[block.index + 1 : block.index + 1 + self.params["run-on-paragraphs"]]:
            first = _first_mark(later.text)
            if first >= 0:
                return role(later.text, first) is Role.CLOSE
        return False

    def _left_open_before(self, block: Block, ctx: Context) -> bool:
        """Whether the last earlier paragraph with a quotation mark leaves a quotation open."""
        blocks = ctx.document.blocks
        for earlier in reversed(blocks[max(0, block.index - self.params["run-on-paragraphs"]) : block.index]):
            if _first_mark(earlier.text) >= 0:
                return self._scan(earlier.text, ctx)[1] is not None
        return False

    @staticmethod
    def _unclosed(ctx: Context, at: int) -> Report:
        return ctx.report(at, at + 1, "This quotation is never closed, and the next paragraph does not "
                                      "continue it; add the closing quotation mark where the quotation ends")


class _Event(Enum):
    """A defect ``UnbalancedQuotes._scan`` finds at a mark."""

    UNCLOSED = "unclosed"
    ORPHAN = "orphan"
    MISMATCHED = "mismatched"


def _marks(text: str) -> Iterator[int]:
    """Offsets of the double quotation marks of ``text``, a doubled mark ("") counted once."""
    previous = -2
    for match in _MARKS.finditer(text):
        i = match.start()
        if not (i == previous + 1 and text[i] == text[previous]):
            yield i
        previous = i


def _first_mark(text: str) -> int:
    """The offset of the first double quotation mark of ``text`` (-1 if none)."""
    match = _MARKS.search(text)
    return match.start() if match else -1
