"""BP012: a site or section name that the page template appends to the article's title."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from artlint.markup.document import Block
from artlint.model import Family
from artlint.rule import Context, Report, Rule, Scope
from artlint.text.tokens import word_texts

# A separator between title and suffix: pipes always, dashes and the rest only before a name.
_SEPARATOR = re.compile(r"(?<!\s)\s+(\||[-–—]|::|·|•|»)\s+")  # tried once per run of spaces: linear
_DOMAIN = re.compile(r"\w\.[a-z]{2,}\b", re.IGNORECASE)
_LOWER_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "for",
        "in",
        "on",
        "at",
        "to",
        "&",
        "de",
        "del",
        "des",
        "der",
        "die",
        "das",
        "du",
        "la",
        "le",
        "les",
        "y",
        "et",
        "und",
        "of",
        "i",
        "w",
    ]
)


class TitleSuffix(Rule):
    """Site or section name appended to the article's title by the page template"""

    code = "BP012"
    name = "title-suffix"
    family = Family.BOILERPLATE
    scope = Scope.BLOCK
    fixable = True
    why = (
        'Page templates append the site or section to the title ("… | Middle East and North Africa", '
        '"… - Example News"), and scrapers keep it as part of the headline. Only the first block is '
        "checked (in HTML the document's `<title>`, when it has one), and only when it reads as a title "
        "(no sentence end, a few words). A pipe always starts "
        "such a suffix; a dash only when a multi-word capitalised name or a domain follows, so an "
        'attribution like "- Kennedy" stays.'
    )
    fires = (
        (
            "US orders retaliatory strikes against Iran-backed militia⟦ | Middle East and North Africa⟧\n"
            "US Defense Secretary Lloyd Austin has ordered strikes."
        ),
        "Council approves the new city budget⟦ - Example Evening News⟧\nThe council met on Tuesday.",
        "Council approves the new city budget⟦ - Example!ニュース⟧\nThe council met on Tuesday.",
    )
    silent = (
        "Choose hope over fear - Kennedy\nThe party leader spoke on Monday.",
        "The council met on Tuesday | and approved the budget.\nIt was a long day.",
    )
    defaults: ClassVar[Mapping[str, Any]] = {"max-title-words": 25, "max-suffix-words": 7, "min-head-words": 3}

    def check(self, unit: Block, ctx: Context) -> Iterator[Report]:
        if unit.index != 0:
            return
        text = unit.text
        if text.rstrip().endswith((".", "!", "?", ";", ",")) or ctx.analysis.count_words(text) > self.params["max-title-words"]:
            return
        words = ctx.analysis.text_words(text)  # a few: counted per separator by bisection
        ends, starts = [w.end for w in words], [w.start for w in words]
        for match in _SEPARATOR.finditer(text):
            suffix = text[match.end() :]
            head_words = bisect.bisect_right(ends, match.start())
            suffix_words = len(words) - bisect.bisect_left(starts, match.end())
            if head_words < self.params["min-head-words"] or suffix_words > self.params["max-suffix-words"]:
                continue
            if match.group(1) == "|" or _is_name(suffix):
                start = unit.start + match.start()
                yield ctx.report(
                    start,
                    unit.end,
                    f"Site or section name appended to the title by the page template ('{text[match.start() :].strip()}'); "
                    "remove it from the headline.",
                    fix=ctx.replace(start, unit.end, "", safe=False, description="Remove the title suffix"),
                )
                return


def _is_name(suffix: str) -> bool:
    """A domain, or two or more words none of which starts lower case (short function words aside):
    capitalised, numbers, or words of a script without case ("Example!ニュース")."""
    if _DOMAIN.search(suffix):
        return True
    words = word_texts(suffix)
    return len(words) >= 2 and all(not w[:1].islower() or w.lower() in _LOWER_WORDS for w in words)
