"""CN021: one event given two different weekdays."""

import re
from collections import defaultdict, deque
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, NamedTuple

from artlint.lexicon import Lexicons
from artlint.markup.document import Document
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope
from artlint.text.tokens import Word
from artlint.text.words import stem, stopwords

_POSSESSIVE = re.compile(r"['’]s$")
_WEEKDAY_LIKE = re.compile(r"\w+day('s)?")
_COMPARED = 16  # earlier mentions of one event a mention is compared with (keeps the rule linear)


class _Mention(NamedTuple):
    start: int
    end: int
    day: str
    sentence: int
    names: frozenset[str]
    events: frozenset[str]
    near: frozenset[str]


class ConflictingEventDays(Rule):
    """One event given two different weekdays ("Thursday's news conference" ... "the news conference on Wednesday")"""

    code = "CN021"
    preview = True  # precision on real text below 0.8: see `python -m bench precision`
    name = "conflicting-event-days"
    family = Family.CONSISTENCY
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    defaults: ClassVar[Mapping[str, Any]] = {"lexicon": "weekday-names", "ignore-events": ["day", "week", "weekend", "time", "trading", "session", "shares", "stock", "prices"], "order": "date-order", "window": 8, "min-shared": 2}
    why = (
        "An event that happens on Thursday in one paragraph and on Wednesday in another leaves "
        "readers unsure of both; rewriting pipelines change one mention and not the other. A weekday "
        "is tied to the event named next to it: \"Thursday's conference\", \"the conference on "
        "Thursday\", \"met on Thursday\" (verbs and nouns of one stem, \"met\"/\"meeting\", are one "
        "event). Without a shared event word, `min-shared` words within `window` words of both weekdays "
        "make one event; a name of several words counts once (\"Manchester United\"), words after an "
        "ordering phrase name another event (\"on Thursday ahead of the meeting\": "
        "rules/lexicons/date-order.toml), and words of things that change every day (`ignore-events`: "
        "\"shares\", \"prices\") do not count. Two different weekdays for one event are reported unless a word moves one to another "
        "week (\"last\", \"next\"), the sentences name different people or places, or the weekday is "
        "part of a name (\"Mail on Sunday\", \"Good Friday\"; rules/lexicons/weekday-names.toml)."
    )
    fires = (
        "Thursday's news conference was short. At the news conference on ⟦Wednesday⟧, he took no questions.",
        "The lawsuit was filed on Friday. The suit, filed on ⟦Monday⟧, seeks damages.",
        "Dementieva beat Henin in Belgium on Sunday. Henin lost to Dementieva in Belgium on ⟦Saturday⟧.",
    )
    silent = (
        "The vote is on Tuesday. The count starts on Wednesday.",
        "Shares fell on Monday and rose on Tuesday.",
        "He met the envoy last Monday and met the minister on Thursday.",
        "The Mail on Sunday said the deal was signed on Friday.",
        "Chelsea play Arsenal on Saturday. Liverpool play Everton on Sunday.",
        "In Leeds on Thursday, ahead of the meeting, the minister spoke. The meeting opens in Leeds on Friday.",
        "Manchester United said on Sunday it had an offer. Shares in Manchester United rose on Monday.",
    )

    def setup(self, lexicons: Lexicons) -> None:
        self._table = table = lexicons.table(self.params["lexicon"])
        self._weekdays = frozenset(table["weekdays"])
        self._names = lexicons.new_matcher(((n, n) for n in table["names"]), ignore_case=False)
        self._stop = stop = stopwords(lexicons)
        order = lexicons.table(self.params["order"])
        self._cues = frozenset(_cue_word(c, stop) for c in order["after"] + order["before"])
        self._ignore = {stem(w) for w in self.params["ignore-events"]}

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        table, weekdays, stop, cues, ignore = self._table, self._weekdays, self._stop, self._cues, self._ignore
        named: set[int] = set()
        for block in unit.blocks:
            named.update(block.start + i for m in ctx.analysis.matches(self._names, block.text) for i in range(m.start, m.end))
        earlier: dict[str, deque[_Mention]] = defaultdict(lambda: deque(maxlen=_COMPARED))
        openings = frozenset(day[:2] for day in weekdays)
        for sentence in ctx.analysis.sentences:
            words = ctx.analysis.words(sentence)
            names: frozenset[str] | None = None  # once per sentence, not per weekday in it
            for index, word in enumerate(words):
                if word.text[:2] not in openings:  # most words: no weekday, no possessive to strip
                    continue
                day = _POSSESSIVE.sub("", word.text)
                if day not in weekdays or word.start in named or ctx.analysis.in_url(sentence.block, word.start, word.end):
                    continue
                if index > 0 and words[index - 1].lower in table["other-weeks"]:
                    continue
                events = frozenset(self._events(words, index, stop, table["day-parts"])) - ignore
                near = frozenset(_near(words, index, stop, weekdays, self._reach(words, index, cues))) - ignore
                if names is None:
                    names = _names_in(words, stop)
                mention = _Mention(word.start, word.start + len(day), day, sentence.index, names, events, near)
                other = self._earlier(mention, earlier)
                if other is not None:
                    yield ctx.report(
                        mention.start,
                        mention.end,
                        f"'{mention.day}' here, but the same event is on '{other.day}' earlier in this article; "
                        "check which day is right",
                        related=[(other.start, other.end, f"'{other.day}' given here")],
                    )
                for key in events | near:
                    earlier[key].append(mention)

    def _earlier(self, mention: _Mention, earlier: dict[str, deque[_Mention]]) -> _Mention | None:
        """The latest earlier mention of the same event on another day: the same event word next to
        both weekdays, or ``min-shared`` content words near both."""
        for key in sorted(mention.events | mention.near):
            for other in reversed(earlier.get(key, ())):
                if not _conflict(other, mention):
                    continue
                if mention.events & other.events or len(mention.near & other.near) >= self.params["min-shared"]:
                    return other
        return None

    def _reach(self, words: list[Word], index: int, cues: frozenset[str]) -> tuple[int, int]:
        """The words around the weekday at ``index`` that say what happened on it: ``window`` words
        either side, ending before a word that orders another event ("on Thursday ahead of the meeting")."""
        end = min(len(words), index + self.params["window"] + 1)
        end = next((i for i in range(index + 1, end) if words[i].lower in cues), end)
        return max(0, index - self.params["window"]), end

    @staticmethod
    def _events(words: list[Word], index: int, stop: frozenset[str], parts: list[str]) -> set[str]:
        """Stems of the event words tied to the weekday at ``index``."""
        events: set[str] = set()
        after = index
        while after + 1 < len(words) and _POSSESSIVE.sub("", words[after + 1].lower) in parts:
            after += 1
        if _POSSESSIVE.search(words[after].text):
            run = [w for w in words[after + 1 : after + 4]]
            head = next((i for i, w in enumerate(run) if w.lower in stop or not w.text.islower()), len(run))
            if head:
                events.add(stem(run[head - 1].lower))
        elif index > 0 and words[index - 1].lower in ("on", "from", "until", "by"):
            for previous in reversed(words[max(0, index - 7) : index - 1]):
                if previous.lower not in stop and not previous.text[:1].isupper():
                    events.add(stem(previous.lower))
                    break
        return events


def _names_in(words: list[Word], stop: frozenset[str]) -> frozenset[str]:
    """Capitalised words inside the sentence of ``words`` (people, places), without weekdays' own capitals."""
    return frozenset(
        stem(w.lower) for w in words[1:] if w.text[:1].isupper() and w.lower not in stop and not _WEEKDAY_LIKE.fullmatch(w.lower)
    )


def _near(words: list[Word], index: int, stop: frozenset[str], weekdays: frozenset[str], reach: tuple[int, int]) -> Iterator[str]:
    """Stems of the content words from ``reach[0]`` to ``reach[1]`` around the weekday at ``index``; a
    run of capitalised words is one name, given by its last word ("Manchester United": "united"), and a
    capitalised word that opens a sentence is read as any other ("Creditors agreed": "creditor")."""
    part = words[reach[0] : reach[1]]
    for i, word in enumerate(part):
        if word.lower in stop or len(word.lower) < 3 or word.lower[0].isdigit() or _POSSESSIVE.sub("", word.text) in weekdays:
            continue
        following = part[i + 1] if i + 1 < len(part) else None
        if word.text[:1].isupper() and following and following.text[:1].isupper() and following.lower not in stop and not _POSSESSIVE.search(word.text):
            continue  # not the last word of a name ("Manchester" in "Manchester United", not "Lusaka's" in "Lusaka's Independence stadium")
        yield stem(word.lower)


def _cue_word(cue: str, stop: frozenset[str]) -> str:
    """The word that marks an ordering phrase: the phrase itself ("after") or its first content word ("ahead of")."""
    words = cue.split()
    return next((w for w in words if w not in stop), words[0]) if len(words) > 1 else cue


def _conflict(a: _Mention, b: _Mention) -> bool:
    if a.day == b.day or a.sentence == b.sentence:
        return False
    return not (a.names and b.names and a.names.isdisjoint(b.names))
