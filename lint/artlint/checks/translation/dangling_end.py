"""MT008: a sentence that ends on a word that cannot end one ("... and the.")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from artlint.lexicon import Lexicons
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope
from artlint.segment import Sentence

_LAST_WORD = re.compile(r"(?:^|[\s\"“])([a-z]+)[.!]?['\"’”)]*$")


class DanglingEnd(Rule):
    """A sentence ends on an article, a conjunction or a preposition that needs a complement"""

    code = "MT008"
    needs = "[a-z]"
    name = "dangling-sentence-end"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    scope = Scope.SENTENCE
    why = (
        "A sentence that stops on \"the\", \"and\" or \"because\" lost its end: a segment the "
        "translation dropped or a line the CMS cut. Only words that cannot end an English sentence "
        "are listed (rules/lexicons/dangling-endings.txt); prepositions that English strands "
        "(\"what it is about.\") are not."
    )
    fires = (
        "Officials said the attack targeted ⟦the⟧.",
        "The ministry will review the rules ⟦and⟧.",
    )
    silent = (
        "That is what the talks are about.",
        "They cost five pounds each.",
        "It was Plan A.",
        "The meeting starts at 9 a.m.",
    )
    defaults: ClassVar[Mapping[str, Any]] = {"lexicon": "dangling-endings", "min-words": 3}

    def setup(self, lexicons: Lexicons) -> None:
        self._endings = frozenset(lexicons.phrases(self.params["lexicon"]))

    def check(self, unit: Sentence, ctx: Context) -> Iterator[Report]:
        match = _LAST_WORD.search(unit.text, max(0, len(unit.text) - 40))
        if match is None or len(unit.text.split()) < self.params["min-words"]:
            return
        word = match.group(1)
        if word not in self._endings or ctx.analysis.protected(unit.text).covers(match.start(1), match.end(1)):
            return
        yield ctx.report(unit.start + match.start(1), unit.start + match.end(1),
                         f"The sentence ends on '{word}', which needs something after it; "
                         "restore the missing words or remove it")
