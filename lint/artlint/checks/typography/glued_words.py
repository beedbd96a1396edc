"""TY010: two words run together where a space, a link or a line break was lost."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from artlint.lexicon import Lexicons
from artlint.markup.document import Document
from artlint.model import Family, Severity
from artlint.patterns import UnicodePattern
from artlint.rule import Context, Report, Rule, Scope
from artlint.text.words import Dictionary, known_words

# A run of letters standing alone: not part of a handle, hashtag, path, domain or code name.
# ("’" has lookarounds of its own: re compiles a class that mixes it with ASCII into a bitmap of
# 65,536 characters, some 2.5 M instructions of start-up each.)
_TOKEN = UnicodePattern(r"(?<![\w@#/.'\-])(?<!’)\p{L}+(?![\w@/'\-])(?!’)")
_CAMEL = UnicodePattern(r"(\p{Ll}{2,})(\p{Lu}\p{Ll}+)")  # tried on a word with a capital after its second letter


class GluedWords(Rule):
    """Two words run together with no space between them ("andThere", "Madridthat")"""

    code = "TY010"
    name = "glued-words"
    family = Family.TYPOGRAPHY
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    fixable = True
    defaults: ClassVar[Mapping[str, Any]] = {
        "glue-words": "glue-words",
        "exceptions": "closed-compounds",
        "function-words": "function-words",
        "weekdays": "weekday-names",
        "min-part": 4,
    }
    why = (
        "Scrapers and content pipelines drop the text of a link or a line break and join the words "
        "on either side: \"the ministerSaid\", \"Madridthat\", \"theuncovered\". Readers stumble, "
        "and search misses both words. A word is reported when it is not in the CMU pronouncing "
        "dictionary and splits into two words: a lower-case function word and a capitalised "
        "dictionary word (\"andThere\", \"ofTexas\"), or a lower-case word and a weekday or month "
        "(\"virusWednesday\"); brands written that way (easyJet, teamLab) join other words; or a frequent word listed in rules/lexicons/glue-words.txt and a "
        "dictionary word of `min-part` letters or more, or a word the article uses on its own "
        "(\"Madridthat\"), unless it is listed in rules/lexicons/closed-compounds.txt. Names with inner capitals that start with a capital or with one small "
        "letter (YouTube, McDonald, iPhone, eBay), handles, hashtags and domains are not reported. "
        "The fix inserts the space; review it, since a word may also be missing."
    )
    fires = (
        "Officials said the bridge would reopen soon ⟦andThe⟧ work is nearly done.",
        "Cases of the ⟦virusMonday⟧ rose again.",
        "He scored twice against ⟦Sevillathat⟧ night, and Sevilla never recovered.",
        "The findings were published by ⟦theinstitute⟧ on Monday.",
    )
    silent = (
        "She bought an iPhone on eBay and watched YouTube at McDonald's, then flew easyJet.",
        "The company (hereinafter the Seller) agreed.",
        "Follow @newsDesk and #climateAction, or visit example.com/newsDesk.",
        "Leeds played at Elland Road; Goethe and Blythe wrote about it.",
    )

    def setup(self, lexicons: Lexicons) -> None:
        self._glue, function, self._exceptions = (
            frozenset(w.lower() for w in lexicons.phrases(self.params[key])) for key in ("glue-words", "function-words", "exceptions"))
        self._heads = function | self._glue
        self._longest_glue = max(map(len, self._glue), default=0)
        calendar = lexicons.table(self.params["weekdays"])
        self._tails = frozenset(name.lower() for name in (*calendar["weekdays"], *calendar["months"]))

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        known = known_words()
        glue, exceptions, heads, tails = self._glue, self._exceptions, self._heads, self._tails
        # One pass gathers the document's words and the unknown ones; a list of every token held
        # about 200 bytes per word until the rule ended.
        used: set[str] = set()
        unknown: list[tuple[int, re.Match[str]]] = []
        for block in unit.blocks:
            for match in ctx.analysis.prose_matches(_TOKEN, block.text):
                word = match.group()
                used.add(lower := word.lower())
                if len(word) >= 5 and lower not in known and lower not in exceptions:
                    unknown.append((block.start, match))
        for base, match in unknown:
            word = match.group()
            cut = self._split(word, known, glue, used, (heads, tails))
            if cut:
                at = base + match.start() + cut
                yield ctx.report(
                    base + match.start(), base + match.end(),
                    f"'{word}' looks like two words run together ('{word[:cut]}' and '{word[cut:]}'); insert a space",
                    fix=ctx.replace(at, at, " ", safe=False, description="Insert a space"),
                )

    def _split(self, word: str, known: Dictionary, glue: frozenset[str], used: set[str],
               camel_parts: tuple[frozenset[str], frozenset[str]]) -> int:
        """Where ``word`` splits into two words (0 if it does not)."""
        camel = None if word[2:].islower() else _CAMEL.fullmatch(word)
        if camel:
            cut = len(camel.group(1))
            head, tail = word[:cut], word[cut:].lower()
            heads, tails = camel_parts
            return cut if head in known and tail in known and (head in heads or tail in tails) else 0
        if not word[1:].islower():
            return 0
        lower = word.lower()
        minimum = self.params["min-part"]
        # one part is a glue word, so only cuts within the longest glue word of either end can split
        # (a long run of letters is not tried at every cut: that was quadratic in its length)
        reach, last = self._longest_glue, len(lower) - 3
        cuts: list[int] = sorted({*range(3, min(reach, last) + 1), *range(max(3, last + 1 - reach), last + 1)})
        for cut in cuts:
            head, tail = lower[:cut], lower[cut:]
            if tail in glue and (len(head) >= minimum and head in known or head in used):
                return cut
            if head in glue and word[0].islower() and len(tail) >= minimum and tail in known:
                return cut
        return 0
