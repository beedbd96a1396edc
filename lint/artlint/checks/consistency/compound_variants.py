"""CN050: one term written as one word and as two ("coronavirus" and "corona virus")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from artlint.lexicon import Lexicons
from artlint.markup.document import Document
from artlint.model import Family, Severity
from artlint.patterns import UnicodePattern
from artlint.rule import Context, Report, Rule, Scope
from artlint.text.words import known_words

# A word of letters only; its length is put in at set-up (``min-part``): shorter words are never
# part of a pair, and since a word between two others keeps them from being a pair whether
# or not it is read, they need not be read at all.
_WORD = r"(?<![\w'\-])(?<!’)\p{{L}}{{{minimum},}}(?![\w'\-])(?!’)"  # "’" alone: see glued_words._TOKEN

Spans = list[tuple[int, int]]


class CompoundVariants(Rule):
    """One term written as one word and as two words in one article ("coronavirus", "corona virus")"""

    code = "CN050"
    name = "compound-variants"
    family = Family.CONSISTENCY
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    defaults: ClassVar[Mapping[str, Any]] = {
        "min-part": 3,
        "min-length": 8,
        "exceptions": "open-compounds",
        "particles": ["over", "out", "off", "down", "back", "away", "up", "in", "on"],
    }
    why = (
        "Articles merged from two sources or translated in pieces write one term both closed and "
        "open (\"coronavirus\" and \"Corona virus\", \"website\" and \"web site\"), and readers "
        "wonder whether two things are meant. Two words in a row are reported when, joined, they "
        "make a word the article also uses that is not in the CMU pronouncing dictionary (an "
        "established compound such as \"carmaker\" is a house-style choice, a new term such as "
        "\"coronavirus\" is where sources disagree), each of them has `min-part` letters or more and the "
        "joined word `min-length`; pairs whose meanings differ (\"every day\", \"everyday\") are "
        "listed in rules/lexicons/open-compounds.txt, and a verb with its particle (\"take over\", "
        "\"takeover\") is not reported. The form used less often is reported, beside "
        "the one used most."
    )
    fires = (
        "The coronavirus spread. Cases of the ⟦corona virus⟧ rose, and coronavirus tests ran short.",
        "The cyberattack hit banks; the ⟦cyber attack⟧ began on Monday, and the cyberattack spread.",
    )
    silent = (
        "He trains every day; it is an everyday habit.",
        "The carmaker grew; car makers in Europe did not.",
        "The head teacher met the headteachers' union.",
        "A takeover is near: the bank will take over its rival and set up a new setup.",
    )

    def setup(self, lexicons: Lexicons) -> None:
        self._exceptions = frozenset("".join(p.lower().split()) for p in lexicons.phrases(self.params["exceptions"]))
        self._word = UnicodePattern(_WORD.format(minimum=max(1, self.params["min-part"])))

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        exceptions = self._exceptions
        known = known_words()
        single: dict[str, Spans] = defaultdict(list)
        pairs: dict[str, Spans] = defaultdict(list)
        shown: dict[str, str] = {}
        length, particles = self.params["min-length"], self.params["particles"]
        for block in unit.blocks:
            text, base = block.text, block.start
            before_start = before_end = -2  # the previous word's span, and the word lower-cased
            before = ""
            for match in ctx.analysis.prose_matches(self._word, text):
                start, end = match.span()
                word = match.group().lower()
                if end - start >= length:  # only as long a word can be two others joined
                    single[word].append((base + start, base + end))
                if before_end + 1 == start and text[before_end] == " ":
                    joined = before + word
                    if len(joined) >= length and joined not in exceptions and word not in particles:
                        pairs[joined].append((base + before_start, base + end))
                        shown.setdefault(joined, text[before_start:end])
                before_start, before_end, before = start, end, word
        for joined, open_spans in pairs.items():
            closed = single.get(joined)
            if not closed or joined in known:
                continue
            closed_first = (-len(closed), closed[0][0]) < (-len(open_spans), open_spans[0][0])
            major, minor = (closed, open_spans) if closed_first else (open_spans, closed)
            major_text = joined if closed_first else shown[joined]
            minor_text = shown[joined] if closed_first else joined
            for start, end in minor:
                yield ctx.report(start, end,
                                 f"'{minor_text}' is written '{major_text}' elsewhere in this article "
                                 f"({len(major)}x); use one form",
                                 related=[(major[0][0], major[0][1], f"'{major_text}' is the form used most")])
