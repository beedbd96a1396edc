"""CN040: one event called both confirmed and unconfirmed."""

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, NamedTuple

from artlint.lexicon import Lexicons
from artlint.markup.document import Document
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope
from artlint.text.tokens import Word
from artlint.text.words import is_function, stem, stopwords

_REACH = 4  # content words after a hedge, or around "confirmed", that name the event
_GENERIC = frozenset({"report", "claim", "news", "account", "sourc", "official"})


class _Hedge(NamedTuple):
    start: int
    end: int
    confirmed: bool
    sentence: int


class ContradictoryHedging(Rule):
    """One event called both confirmed and unconfirmed ("unconfirmed reports of an explosion" ... "confirmed the explosion")"""

    code = "CN040"
    name = "contradictory-hedging"
    family = Family.CONSISTENCY
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    defaults: ClassVar[Mapping[str, Any]] = {"lexicon": "hedges"}
    why = (
        "A claim is either confirmed or not; an article that calls the same event confirmed in one "
        "place and unconfirmed, alleged or reported in another was updated in one paragraph only. "
        "The words after a hedge (\"unconfirmed reports of a second explosion\") and around "
        "\"confirmed\" name the event; two hedges of opposite kinds sharing an event word are "
        "reported (rules/lexicons/hedges.toml)."
    )
    fires = (
        "There were unconfirmed reports of a second explosion. Police later ⟦confirmed⟧ the second explosion.",
        "The army confirmed the ceasefire. Residents spoke of an ⟦unverified⟧ ceasefire.",
    )
    silent = (
        "There were unconfirmed reports of a second explosion. Police confirmed the first blast.",
        "Police confirmed the arrest. The alleged fraud took place in 2003.",
    )

    def setup(self, lexicons: Lexicons) -> None:
        table = lexicons.table(self.params["lexicon"])
        self._sides = {w: False for w in table["unconfirmed"]} | {w: True for w in table["confirmed"]}
        self._stop = stopwords(lexicons)

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        sides, stop = self._sides, self._stop
        events: dict[str, list[_Hedge]] = defaultdict(list)
        for sentence in ctx.analysis.sentences:
            words = ctx.analysis.words(sentence)
            for index, word in enumerate(words):
                confirmed = sides.get(word.lower)
                if confirmed is None or ctx.analysis.in_url(sentence.block, word.start, word.end):
                    continue
                hedge = _Hedge(word.start, word.end, confirmed, sentence.index)
                about = _event(words, index, confirmed, stop)
                other = next((h for key in about for h in events[key][-8:] if h.confirmed != confirmed), None)
                if other is not None:
                    said = unit.plain[other.start : other.end]
                    yield ctx.report(
                        word.start,
                        word.end,
                        f"'{word.text}' here, but the same event is '{said}' earlier in this article; "
                        "say once whether it is confirmed",
                        related=[(other.start, other.end, f"called '{said}' here")],
                    )
                for key in about:
                    events[key].append(hedge)


def _event(words: list[Word], index: int, confirmed: bool, stop: frozenset[str]) -> set[str]:
    """Stems of the content words that name the hedged event."""
    after = [w for w in words[index + 1 : index + 1 + 2 * _REACH] if not is_function(w, stop)][:_REACH]
    near = after + ([w for w in words[max(0, index - 3) : index] if not is_function(w, stop)] if confirmed else [])
    return {stem(w.lower) for w in near if not w.text[:1].isupper() and not w.lower[0].isdigit()} - _GENERIC
