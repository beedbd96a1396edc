"""Kind ``phrase``: any of a list of phrases, optionally anchored to the whole block or its start."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

from artlint.checks.boilerplate.signals import TemplatePhrases
from artlint.kinds.base import NEEDS, DeclarativeRule, Param, needs_of, needs_problem
from artlint.lexicon import Lexicons, Match
from artlint.markup.document import Block, BlockKind
from artlint.rule import Context, Report, Scope
from artlint.units import Unit, deletion_fix

_EDGE = " \t.:;,!?*|-–—…•·›»«\"“”'’()[]"


class PhraseRule(DeclarativeRule):
    """Reports occurrences of phrases from ``phrases`` and/or a ``.txt`` lexicon."""

    covered: TemplatePhrases | None = None
    default_scope = Scope.BLOCK
    scopes = (Scope.BLOCK, Scope.SENTENCE)
    schema: ClassVar[Mapping[str, Param]] = {
        "phrases": Param((list,), [], help="Phrases to find."),
        "lexicon": Param((str,), "", help="Name of a .txt lexicon in rules/lexicons/ with more phrases."),
        "ignore-case": Param((bool,), True),
        "anchor": Param((str,), "anywhere", ("anywhere", "block", "block-start", "block-end"),
                        help="block: the phrase is the whole unit; block-start/-end: it opens/closes it."),
        "prefix-marker": Param((str,), "", help="With anchor = block: a phrase ending in this marker (e.g. '…') "
                               "need only open the unit."),
        "span": Param((str,), "match", ("match", "block"), help="Report the match or the whole unit."),
        "fix": Param((str,), "none", ("none", "delete-block", "delete-match")),
        "fix-safety": Param((str,), "safe", ("safe", "unsafe")),
        "needs": NEEDS,
        "covered-by": Param((list,), [], help="Lexicons of block rules: a unit whose block is, or opens with, one of "
                            "their phrases is left to those rules, which report the whole block."),
        "heading-fix-safety": Param((str,), "", ("", "safe", "unsafe"),
                                    help="The fix's safety on a heading, which can be a section's title (default: fix-safety)."),
    }  # fmt: skip

    @classmethod
    def check_required(cls, params: Mapping[str, Any]) -> list[tuple[str, str]]:
        if not params.get("phrases") and not params.get("lexicon"):
            return [("phrases", "give `phrases` or a `lexicon`")]
        return needs_problem(params)

    def setup(self, lexicons: Lexicons) -> None:
        super().setup(lexicons)
        self.needs = needs_of(self.params)
        self.covered = TemplatePhrases.shared(lexicons, self.params["covered-by"]) if self.params["covered-by"] else None

    def entries(self, lexicons: Lexicons) -> Iterable[tuple[str, Any]]:
        """Phrases with whether each may open a longer unit (it ends in ``prefix-marker``)."""
        phrases = list(self.params["phrases"])
        if self.params["lexicon"]:
            phrases += lexicons.phrases(self.params["lexicon"])
        marker = self.params["prefix-marker"]
        return [(p.removesuffix(marker).rstrip(), True) if marker and p.endswith(marker) else (p, False)
                for p in phrases]

    def check(self, unit: Unit, ctx: Context) -> Iterator[Report]:
        matches = self._matches(unit, ctx)
        if not matches:  # most units
            return
        text = unit.text
        anchor = self.params["anchor"]
        lo, hi = len(text) - len(text.lstrip(_EDGE)), len(text.rstrip(_EDGE))
        for match in matches:
            if anchor in ("block", "block-start") and match.start > lo:
                continue
            if anchor in ("block", "block-end") and match.end < hi and not (anchor == "block" and match.value):
                continue
            if self.covered is not None and self.covered.matches((unit if isinstance(unit, Block) else unit.block).text, ctx):
                return  # the block rule reports the whole block (looked up only for a unit with a match)
            start, end = (0, len(text)) if self.params["span"] == "block" else (match.start, match.end)
            fix = deletion_fix(ctx, unit, self.params["fix"], self._safety(unit), match.start, match.end)
            yield ctx.report(unit.start + start, unit.start + end, self.message(match=text[match.start : match.end]), fix=fix)
            if anchor != "anywhere" or self.params["span"] == "block":
                break  # one report per unit

    def _matches(self, unit: Unit, ctx: Context) -> list[Match]:
        """The phrases in ``unit``'s text, from the scan of its block's whole text, which every
        phrase rule shares: a sentence's own scan cost about 1 M instructions per article."""
        if isinstance(unit, Block):
            return list(ctx.analysis.matches(self.matcher, unit.text))
        block = unit.block
        start, end = unit.start - block.start, unit.end - block.start
        return [match._replace(start=match.start - start, end=match.end - start)
                for match in ctx.analysis.matches(self.matcher, block.text) if start <= match.start and match.end <= end]

    def _safety(self, unit: Unit) -> str:
        """The fix's safety: ``heading-fix-safety`` on a heading block, if set."""
        on_heading = self.params["heading-fix-safety"]
        if on_heading and isinstance(unit, Block) and unit.kind is BlockKind.HEADING:
            return str(on_heading)
        return str(self.params["fix-safety"])
