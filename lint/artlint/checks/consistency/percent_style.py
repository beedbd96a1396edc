"""CN006: percentages written with the sign and in words in one article ("0.35%" and "2 per cent")."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from artlint.markup.document import BlockKind, Document
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope
from artlint.segment import ends_sentence

# A number and its percent: group 1 is the sign, with the space before it if any; otherwise the
# number is followed by "per cent" or "percent".
_PERCENT = r"(?i)(?<![\w.,])\d+(?:[.,]\d+)*(?:(\s?%)|\s+(?:per\s?cent|percent)\b)"  # compiled by the first text with a percentage
_QUOTES = frozenset("\"“”„«»")
_PROSE = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM})
FORMS = ("with '%'", "in words")


class PercentStyle(Rule):
    """Percentages written both with "%" and in words in one article ("0.35%", "2 per cent")"""

    code = "CN006"
    name = "percent-style"
    family = Family.CONSISTENCY
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    defaults: ClassVar[Mapping[str, Any]] = {"min-majority": 2}
    why = (
        "House styles write percentages one way in running text: \"5%\" or \"5 per cent\" "
        "(\"percent\" in American English). An article with both was assembled from sources with "
        "different styles, or edited in pieces. The form used most in the article's prose is its "
        "style if it is used at least `min-majority` times; each percentage in the other form is "
        "reported. Headlines, table cells, quotations (whose words are the speaker's) and lines "
        "that are not finished sentences (tickers, captions, data rows) do not count, since "
        "professional copy often writes \"%\" there and words in the text. Whether one is spelt "
        "\"percent\" or \"per cent\" is CN001's concern."
    )
    fires = (
        "Exports rose 4 per cent in May. Imports fell 2 per cent, and the shares closed up ⟦0.35%⟧.",
        "Prices rose 3% in May.\n\nWages rose 2% and rents ⟦5 percent⟧ over the year.",
    )
    silent = (
        "Exports rose 4 per cent in May. Imports fell 2 per cent and the shares closed up 0.35 per cent.",
        "Exports rose 4%, and imports 2%. \"We expect growth of 2 percent,\" the minister said.",
        "Growth at 1.2%\n\nGrowth was 1.2 per cent in May, and 0.9 per cent in April.",
        "Prices rose 3% in May, against 2 per cent in April.",
    )

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        found: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], [])
        for block in unit.blocks:
            text = block.text
            if block.kind not in _PROSE or not ("%" in text or "cent" in text or "CENT" in text) or not ends_sentence(text):
                continue
            for sentence in ctx.analysis.sentences.of_block(block.index):
                if _QUOTES.intersection(sentence.text):
                    continue
                for match in ctx.analysis.prose_matches(_PERCENT, sentence.text):
                    start = sentence.start + match.start()
                    found[match.group(1) is None].append((start, sentence.start + match.end()))
        signs, words = found
        if not signs or not words or len(signs) == len(words):
            return
        major, minor = (signs, words) if len(signs) > len(words) else (words, signs)
        if len(major) < self.params["min-majority"]:
            return
        major_form, minor_form = (FORMS[0], FORMS[1]) if major is signs else (FORMS[1], FORMS[0])
        text = unit.plain
        for start, end in minor:
            yield ctx.report(start, end,
                             f"'{text[start:end]}' is written {minor_form}; this article writes percentages "
                             f"{major_form} elsewhere ({len(major)}x); use one form",
                             related=[(*major[0], f"a percentage written {major_form}")])
