"""CN004: British and American spellings mixed in one article."""

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, NamedTuple

from artlint.lexicon import Lexicons
from artlint.markup.document import Document
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope

DIALECTS = ("British", "American")


class _Hit(NamedTuple):
    start: int
    end: int
    dialect: int
    pair: int


class MixedSpellingDialect(Rule):
    """British and American spellings mixed in one article ("defence" and "organization")"""

    code = "CN004"
    name = "mixed-spelling-dialect"
    family = Family.CONSISTENCY
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    fixable = True
    defaults: ClassVar[Mapping[str, Any]] = {"lexicon": "spelling-us-uk", "min-majority": 1}
    why = (
        "An article is written in one variety of English. A British article with one American "
        "spelling (or the reverse) was edited in pieces, or passed through a tool set to the other "
        "variety. The variety with more marked words (rules/lexicons/spelling-us-uk.txt) is the "
        "article's, if it has at least `min-majority` of them; on a tie, the variety used first. Each "
        "word of the other variety is reported, pointing at the same word in the article's variety "
        "where it occurs, else at the first marked word. Only lower-case words count, so names such as "
        "\"World Health Organization\" or \"Defense Department\" are left alone."
    )
    fires = (
        "The defence ministry said the organisation had been told. The ⟦defense⟧ budget will grow.",
        "Its colour changed, the centre said, and the ⟦color⟧ faded in the ⟦center⟧ of the city.",
    )
    silent = (
        "The defence ministry said the organisation had been told.",
        "The World Health Organization and the Defense Department met at the centre of the defence zone.",
        "The defense secretary said the organization would respond.",
    )

    def setup(self, lexicons: Lexicons) -> None:
        self._pairs = lexicons.pairs(self.params["lexicon"])
        entries = ((form, (dialect, i)) for i, pair in enumerate(self._pairs) for dialect, form in enumerate(pair))
        self._matcher = lexicons.new_matcher(entries, ignore_case=False)

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        hits: list[_Hit] = []
        for block in unit.blocks:
            for match in ctx.analysis.matches(self._matcher, block.text):
                start, end = block.start + match.start, block.start + match.end
                if not ctx.analysis.in_url(block, start, end):
                    hits.append(_Hit(start, end, *match.value))
        counts = [sum(1 for h in hits if h.dialect == d) for d in (0, 1)]
        if not all(counts):
            return
        majority = 0 if counts[0] > counts[1] else 1 if counts[1] > counts[0] else hits[0].dialect
        if counts[majority] < self.params["min-majority"]:
            return
        ours = [h for h in hits if h.dialect == majority]
        same_word = {h.pair: h for h in reversed(ours)}
        for hit in hits:
            if hit.dialect == majority:
                continue
            word = self._pairs[hit.pair][hit.dialect]
            wanted = self._pairs[hit.pair][majority]
            anchor = same_word.get(hit.pair, ours[0])
            shown = unit.plain[anchor.start : anchor.end]
            yield ctx.report(
                hit.start,
                hit.end,
                f"'{word}' is {DIALECTS[hit.dialect]} spelling in an article that otherwise uses "
                f"{DIALECTS[majority]} spelling ({counts[majority]} words, e.g. '{shown}'); write '{wanted}'",
                fix=ctx.replace(hit.start, hit.end, wanted, safe=False, description=f"Use '{wanted}'"),
                related=[(anchor.start, anchor.end, f"{DIALECTS[majority]} spelling used here")],
            )
