"""CN022: a date before an event it is said to follow, or after one it is said to precede."""

import datetime
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar, NamedTuple

from artlint.checks.consistency.dates import day_month, month_and_day, month_numbers
from artlint.lexicon import Lexicons
from artlint.markup.document import Document
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope
from artlint.segment import Sentence
from artlint.text.words import stem

_PHRASE = re.compile(r"[^,;:.!?]*?(?=\s(?:on|of)\s+\S+|$|[,;:.!?])")  # what a cue names: "after [the vote] on 12 March"
_ON = r"\b[Oo]n\s+(?:the\s+)?$"  # "on" just before a date (compiled by the first cue that needs it)
_WORD = re.compile(r"[A-Za-z]+")

class _Date(NamedTuple):
    start: int
    end: int
    month: int
    day: int
    year: int | None

    def days_after(self, other: "_Date", undated: int) -> int | None:
        """Days from ``other`` to this date; None when either has no year and they are ``undated`` days
        or more apart, as another year may be meant ("on 5 January after the poll on 20 June")."""
        year = self.year or other.year or 2000  # a leap year, so 29 February is a date
        try:
            mine = datetime.date(self.year or year, self.month, self.day)
            theirs = datetime.date(other.year or year, other.month, other.day)
        except ValueError:
            return None
        gap = (mine - theirs).days
        if (self.year is None or other.year is None) and abs(gap) >= undated:
            return None
        return gap


class _Patterns(NamedTuple):
    month: re.Pattern[str]  # a month name, which every date has: most sentences have none
    date: re.Pattern[str]
    cue: re.Pattern[str]
    dated_event: re.Pattern[str]
    months: Mapping[str, int]
    after: frozenset[str]
    breaks: frozenset[str]


class DateOutOfOrder(Rule):
    """A date before an event it is said to follow ("met on 10 March after the election on 12 March")"""

    code = "CN022"
    name = "date-out-of-order"
    family = Family.CONSISTENCY
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    defaults: ClassVar[Mapping[str, Any]] = {"lexicon": "date-order", "calendar": "weekday-names", "reach": 8, "object": 6, "undated-gap": 92}
    why = (
        "When a sentence says something happened on 10 March after an event of 12 March, one of the "
        "dates is wrong; rewriting pipelines re-date one mention and not the other. A date that the "
        "sentence gives with \"on\" is compared with the date of the event that an \"after\", "
        "\"following\", \"before\" or \"ahead of\" phrase names (rules/lexicons/date-order.toml): the "
        "event's own date (\"after the vote on 12 March\") or, when the phrase gives none, the one "
        "date the article gives that event elsewhere (\"the vote on 12 March\"). The dated words and "
        "the phrase must be within `reach` words with no clause word between (\"and\", \"which\", "
        "\"said\"). Dates without a year are compared only when they are less than `undated-gap` days "
        "apart, since a later year may be meant."
    )
    fires = (
        "Parliament met on ⟦10 March⟧ after the election on 12 March.",
        "The election was held on 12 March. The new parliament first met on ⟦10 March⟧, days after the election.",
        "The deal was signed on ⟦20 May 2005⟧, ahead of the summit on 18 May 2005.",
    )
    silent = (
        "Parliament met on 14 March after the election on 12 March.",
        "The count began on 10 March, and the result came after the election on 12 March.",
        "Shops reopened on 3 January after the holiday on 25 December.",
        "The election was held on 12 March. The old parliament last met on 10 March, before the election.",
    )

    def setup(self, lexicons: Lexicons) -> None:
        table, calendar = lexicons.table(self.params["lexicon"]), lexicons.table(self.params["calendar"])
        date = rf"{day_month(calendar['months'])}(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
        cues = sorted(table["after"] + table["before"], key=len, reverse=True)
        self._patterns = _Patterns(
            month=re.compile("|".join(calendar["months"])),
            date=re.compile(date),
            cue=re.compile(rf"\b(?:{'|'.join(map(re.escape, cues))})\b", re.IGNORECASE),
            dated_event=re.compile(rf"\b[Tt]he\s+(?P<event>[a-z]+)\s+(?:(?:was|were|is|are|will\s+be)\s+(?:held\s+)?)?(?:on|of)\s+(?:{date})"),
            months=month_numbers(calendar["months"]),
            after=frozenset(table["after"]),
            breaks=frozenset(table["breaks"]),
        )

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        patterns = self._patterns
        sentences = ctx.analysis.sentences
        events: dict[str, _Date] | None = None  # read when a sentence with a date has a cue
        for sentence in sentences:
            if not patterns.month.search(sentence.text):
                continue
            dates = [_date(m, sentence.start, patterns) for m in patterns.date.finditer(sentence.text)]
            if not dates:  # no date to report
                continue
            for cue in patterns.cue.finditer(sentence.text):
                if events is None:
                    events = _event_dates(sentences, patterns)
                found = self._cue(sentence, cue, dates, events, patterns)
                if found is None:
                    continue
                said, event = found
                if ctx.analysis.in_url(sentence.block, said.start, said.end):
                    continue
                text, when = unit.plain[said.start : said.end], unit.plain[event.start : event.end]
                order = "after" if cue.group().lower() in patterns.after else "before"
                yield ctx.report(
                    said.start,
                    said.end,
                    f"'{text}' is said to come {order} an event of '{when}'; check the dates",
                    related=[(event.start, event.end, f"the event's date, '{when}'")],
                )

    def _cue(
        self, sentence: Sentence, cue: re.Match[str], dates: list[_Date], events: Mapping[str, _Date], patterns: _Patterns
    ) -> tuple[_Date, _Date] | None:
        """The date of the clause around ``cue`` and the date of the event the cue names, when out of order."""
        text, base = sentence.text, sentence.start
        tail = _PHRASE.match(text, cue.end())
        phrase = tail.group() if tail else ""
        own = next((d for d in dates if 0 <= d.start - base - cue.end() <= len(phrase) + 5), None)
        words = [w for w in _WORD.findall(phrase) if w.islower()]
        if len(words) > self.params["object"]:
            return None
        event = own or (events.get(stem(words[-1])) if words else None)
        if event is None:
            return None
        said = next((d for d in dates if d is not own and self._clause(text, base, d, cue, patterns)), None)
        if said is None:
            return None
        gap = said.days_after(event, self.params["undated-gap"])
        if gap is None:
            return None
        late = cue.group().lower() in patterns.after
        return (said, event) if (gap < 0 if late else gap > 0) else None

    def _clause(self, text: str, base: int, date: _Date, cue: re.Match[str], patterns: _Patterns) -> bool:
        """Whether ``date`` is given with "on" and stands in the clause the cue phrase belongs to."""
        if not re.compile(_ON).search(text, 0, date.start - base):
            return False
        if date.end - base <= cue.start():
            between = text[date.end - base : cue.start()]
        else:
            between = text[cue.end() : date.start - base]
            if "," not in between:
                return False  # the date is inside the cue phrase
            between = between[between.find(",") + 1 :]
        words = _WORD.findall(between)
        return ";" not in between and len(words) <= self.params["reach"] and not patterns.breaks.intersection(w.lower() for w in words)


def _date(match: re.Match[str], base: int, patterns: _Patterns) -> _Date:
    """The date a match of the date pattern (alone or at the end of a longer one) gives, at ``base`` + its offsets."""
    month, day = month_and_day(match, patterns.months)
    year = int(match.group("year")) if match.group("year") else None
    start = match.start("d1") if match.group("d1") else match.start("m2")
    return _Date(base + start, base + match.end(), month, day, year)


def _event_dates(sentences: Iterable[Sentence], patterns: _Patterns) -> dict[str, _Date]:
    """Events the article dates once ("the election on 12 March"), by stem; an event given two dates is left out."""
    found: dict[str, _Date] = {}
    twice: set[str] = set()
    for sentence in sentences:
        for match in patterns.dated_event.finditer(sentence.text):
            key = stem(match.group("event"))
            date = _date(match, sentence.start, patterns)
            known = found.setdefault(key, date)
            if (known.month, known.day, known.year) != (date.month, date.day, date.year):
                twice.add(key)
    return {k: v for k, v in found.items() if k not in twice}
