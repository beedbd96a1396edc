"""CN010: one fact given two different figures in one article."""

import bisect
import re
from collections import defaultdict, deque
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, NamedTuple

from artlint.lexicon import Lexicons
from artlint.markup.document import Document
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope
from artlint.segment import Sentence
from artlint.text.analysis import Analysis
from artlint.text.tokens import Word
from artlint.text.words import is_function, stem, stopwords

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
# Compiled by the first figure that needs them (``re`` keeps them).
_CLOCK = r"(?i)\s*(?:gmt|bst|am|pm|a\.m\.|p\.m\.|est|cet)\b"
_OWNER = re.compile(r"['’]s?$")  # "Labour's four words": a possessive name owns the figure, it is not a model number
_NOT_HEAD = ("ed", "ing", "ly")  # endings that close a noun phrase: "two men believed", "cash machines running"
_RANGE = r"(?i)\s*(?:and|to|or|-|–)\s*$"  # "200 and 300 people", "200-300 people"
_QUALIFIER_REACH = 200  # characters before a figure searched for a qualifier ("about", "more than")
_WINDOW = 8  # words either side of a figure that describe it
_COMPARED = 32  # earlier figures of one key a figure is compared with (keeps the rule linear)


class Figure(NamedTuple):
    """A number in the text with what it counts and what surrounds it."""

    start: int
    end: int
    phrase_end: int  # end of the counted noun, for messages
    low: float
    high: float
    unit: str
    noun: str
    sentence: int
    context: frozenset[str]
    dates: frozenset[str]
    entities: frozenset[str]
    needed: int  # words the sentences must share to be about one fact


class _Lexicon(NamedTuple):
    pattern: re.Pattern[str]
    words: Mapping[str, float]
    scales: Mapping[str, float]
    currencies: Mapping[str, str]
    qualifiers: list[tuple[str, float, float]]
    parts: frozenset[str]
    parts_after: frozenset[str]
    ratios: list[list[str]]
    ratio_tops: frozenset[str]
    moments_before: frozenset[str]
    moments_after: frozenset[str]
    rates: frozenset[str]
    durations: frozenset[str]
    changing: frozenset[str]
    dates: frozenset[str]
    synonyms: Mapping[str, str]


def _pattern(words: Mapping[str, Any], scales: Mapping[str, Any]) -> re.Pattern[str]:
    tens = [w for w, v in words.items() if v >= 20 and v % 10 == 0]
    units = [w for w, v in words.items() if 0 < v < 10]
    spelled = rf"(?:{'|'.join(tens)})(?:-(?:{'|'.join(units)}))?|{'|'.join(sorted(words, key=len, reverse=True))}"
    scale = "|".join(sorted(scales, key=len, reverse=True))
    initials = re.escape("".join(sorted({w[0] for w in words})))  # most words are ruled out by their first letter
    return re.compile(
        rf"(?<![\w.,/\-])(?:(?P<cur>[£$€])\s?)?(?P<num>{_DIGITS}|\b(?=[{initials}])(?:{spelled})\b)"
        rf"(?:\s?(?P<scale>{scale})\b)?(?P<pct>%|\s?per\s?cent\b|\s?percent\b)?(?![\w\-:/]|\.\d)",
        re.IGNORECASE,
    )


class ConflictingFigures(Rule):
    """One fact given two different figures ("Three soldiers were killed" ... "two soldiers were killed")"""

    code = "CN010"
    preview = True  # precision on real text below 0.8: see `python -m bench precision`
    name = "conflicting-figures"
    family = Family.CONSISTENCY
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    defaults: ClassVar[Mapping[str, Any]] = {"numbers": "number-words", "cues": "figure-cues", "synonyms": "counted-nouns", "min-shared": 1, "min-shared-duration": 2}
    why = (
        "When an article gives one fact two figures, readers cannot tell which is right and stop "
        "trusting both; rewriting and translation pipelines change figures in one place and not "
        "the other. Figures are compared when they count the same thing (the first content word "
        "after them) in the same unit, written in digits or words (\"three\", \"3\"), and the words "
        "around them share at least `min-shared` words (the verb, the place, the date), or "
        "`min-shared-duration` for durations (\"three years\"). Qualifiers make a range (\"about\", \"more than\", \"nearly\", "
        "\"up to\": rules/lexicons/number-words.toml), so does a pair (\"between 200 and 300\"), and rounding is allowed (\"$1bn\", \"$1.13bn\"). "
        "Figures that may differ legitimately are not compared: parts and further amounts "
        "(\"another 200\", \"35% of women\"), ratios (\"one in six cars\"), moments given as durations "
        "(\"on 50 minutes\"), prices per unit (\"$50 a barrel\"), scores, and figures dated or attributed "
        "differently (rules/lexicons/figure-cues.toml). The later figure is reported, pointing at "
        "the earlier one."
    )
    fires = (
        "Three US soldiers were killed in a drone attack on Sunday. Officials said ⟦two⟧ soldiers were killed.",
        "Austin said there had been 160 strikes on US bases. He said the bases had faced more than ⟦170⟧ strikes.",
        "Marsh cuts 2,500 jobs. The insurance broker Marsh said ⟦3,000⟧ jobs would go.",
        "There have been 160 strikes on US bases. Austin said the bases had faced more than ⟦170⟧ attacks.",
    )
    silent = (
        "Three soldiers were killed on Sunday. Another two soldiers were killed on Monday.",
        "About 160 strikes hit US bases. Officials counted 170 strikes on the bases.",
        "Sales at Ford fell 3% in February. Sales at GM fell 9% in February.",
        "Profits were $1.13bn in the quarter. Profits of $1bn in the quarter beat forecasts.",
        "The firm employs 2,000 people in Wales. It employs 300 people in Scotland.",
        "There have been 160 strikes on US bases. Austin said there had been 170 attacks on ships.",
    )

    def setup(self, lexicons: Lexicons) -> None:
        self._stop = stopwords(lexicons)
        numbers = lexicons.table(self.params["numbers"])
        cues = lexicons.table(self.params["cues"])
        words = {w: float(v) for w, v in numbers["units"].items()}
        scales = {w: float(v) for w, v in numbers["scales"].items()}
        self._lexicon = _Lexicon(
            pattern=_pattern(words, scales),
            words=words,
            scales=scales,
            currencies=dict(numbers["currencies"]),
            qualifiers=sorted(((q, lo, hi) for q, (lo, hi) in numbers["qualifiers"].items()), key=lambda q: -len(q[0])),
            parts=frozenset(cues["parts"]),
            parts_after=frozenset(cues["parts-after"]),
            ratios=[phrase.split() for phrase in cues["ratios"]],
            ratio_tops=frozenset(cues["ratio-tops"]),
            moments_before=frozenset(cues["moments-before"]),
            moments_after=frozenset(cues["moments-after"]),
            rates=frozenset(cues["rates"]),
            durations=frozenset(stem(w) for w in cues["durations"]),
            changing=frozenset(cues["changing"]),
            dates=frozenset(cues["dates"]),
            synonyms={stem(w): stem(group[0]) for group in lexicons.table(self.params["synonyms"])["groups"] for w in group},
        )

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        lexicon, stop = self._lexicon, self._stop
        earlier: dict[tuple[str, str], deque[Figure]] = defaultdict(lambda: deque(maxlen=_COMPARED))
        names = _names(ctx.analysis, stop)
        for sentence in ctx.analysis.sentences:
            for figure in self._figures(sentence, ctx.analysis, lexicon, stop, names):
                bucket = earlier[(figure.unit, figure.noun)]
                other = next((old for old in bucket if self._conflict(old, figure)), None)
                if other is not None:
                    yield self._report(ctx, unit, figure, other)
                bucket.append(figure)

    def _report(self, ctx: Context, document: Document, figure: Figure, other: Figure) -> Report:
        said = document.plain[other.start : other.phrase_end]
        here = document.plain[figure.start : figure.phrase_end]
        return ctx.report(
            figure.start,
            figure.end,
            f"'{here}' conflicts with '{said}' earlier in this article; check which figure is right",
            related=[(other.start, other.end, f"the article said '{said}' here")],
        )

    def _conflict(self, a: Figure, b: Figure) -> bool:
        if a.sentence == b.sentence or not (a.high < b.low or b.high < a.low):
            return False
        if a.dates and b.dates and a.dates.isdisjoint(b.dates):
            return False
        if a.entities and b.entities and a.entities.isdisjoint(b.entities):
            return False
        shared = len(a.context & b.context) + (1 if a.dates & b.dates else 0)
        return shared >= max(a.needed, b.needed)

    def _figures(
        self, sentence: Sentence, analysis: Analysis, lexicon: _Lexicon, stop: frozenset[str], names: set[str]
    ) -> Iterator[Figure]:
        words = analysis.words(sentence)
        starts = [w.start for w in words]
        index_of = {w.start: i for i, w in enumerate(words)}
        text = sentence.text
        last: tuple[int, float] = (-1, 0.0)  # where the previous figure ended, and its value
        dates: frozenset[str] | None = None  # the sentence's, computed once for all its figures
        entities: frozenset[str] = frozenset()
        for match in lexicon.pattern.finditer(text):
            at, end = sentence.start + match.start(), sentence.start + match.end()
            if analysis.in_url(sentence.block, at, end) or re.compile(_CLOCK).match(text, match.end()):
                continue
            parsed = self._value(match, lexicon)
            if parsed is None:
                continue
            value, resolution = parsed
            bottom = last[1] if last[0] >= 0 and re.compile(_RANGE).fullmatch(text, last[0], match.start()) else None
            last = (match.end(), value)
            first = bisect.bisect_left(starts, at)  # the word holding ``at`` or the next one
            if first > 0 and words[first - 1].end > at:
                first -= 1
            after = bisect.bisect_left(starts, end)
            previous = words[first - 1] if first > 0 else None
            if previous and previous.text[:1].isupper() and not is_function(previous, stop) and not match.group("cur") and not _OWNER.search(previous.text):
                continue  # a model or section number: "Boeing 777", "Chapter 11"
            reach = max(0, match.start() - _QUALIFIER_REACH)  # a bounded look back: linear on long sentences
            qualifier = self._qualifier(text[reach : match.start()], lexicon, whole=reach == 0)
            low, high = value - resolution / 2, value + resolution / 2
            if bottom is not None:  # the top of a range: "between 200 and 300 people"
                low = min(low, bottom)
            skip_before = 0
            if qualifier is not None:
                phrase, below, above = qualifier
                low, high = min(low, value * (1 - below)), max(high, value * (1 + above))
                skip_before = len(phrase.split())
            unit = match.group("cur") or ("%" if match.group("pct") else "")
            counted, unit = self._noun(words, after, unit, lexicon, stop)
            if counted is None or counted.lower in lexicon.changing or counted.lower in lexicon.dates:
                continue
            noun = lexicon.synonyms.get(stem(counted.lower), stem(counted.lower))
            beyond = index_of[counted.start] + 1
            near_before = [w.lower for w in words[max(0, first - skip_before - 2) : first - skip_before]]
            near_after = [w.lower for w in words[after:beyond + 2]]
            if lexicon.parts.intersection(near_before + near_after[:1]) or lexicon.parts_after.intersection(near_after):
                continue
            if self._incidental(words, first, after, beyond, noun, unit, lexicon):
                continue
            window = words[max(0, first - _WINDOW) : first] + words[beyond : beyond + _WINDOW]
            if dates is None:
                dates = frozenset(_dates(words, lexicon.dates))
                entities = frozenset(_entities(words, words[0], names, stop, lexicon.dates))
            yield Figure(
                start=at,
                end=end,
                phrase_end=counted.end,
                low=low,
                high=high,
                unit=unit,
                noun=noun,
                sentence=sentence.index,
                context=frozenset(_stems(window, stop, lexicon.dates)),
                dates=dates,
                entities=entities,
                needed=self.params["min-shared-duration" if noun in lexicon.durations else "min-shared"],
            )

    @staticmethod
    def _incidental(
        words: list[Word], first: int, after: int, beyond: int, noun: str, unit: str, lexicon: _Lexicon
    ) -> bool:
        """Whether the figure is not the size of a fact: a ratio ("one in six cars"), a moment given
        as a duration ("on 50 minutes", "two minutes into extra time") or a price per unit ("$50 a
        barrel"), all of which differ legitimately within one story."""
        for phrase in lexicon.ratios:
            start = first - len(phrase)
            if start < 1 or [w.lower for w in words[start:first]] != phrase:
                continue
            top = words[start - 1].lower
            if _is_number(top, lexicon) or top in lexicon.ratio_tops:
                return True
        if noun in lexicon.durations:
            before = words[first - 1].lower if first > 0 else ""
            following = words[beyond].lower if beyond < len(words) else ""
            if before in lexicon.moments_before or following in lexicon.moments_after:
                return True
        currency = unit not in ("", "%")
        return currency and after < len(words) and words[after].lower in lexicon.rates

    @staticmethod
    def _value(match: re.Match[str], lexicon: _Lexicon) -> tuple[float, float] | None:
        """The figure's value and the rounding it was written with; None for years."""
        raw = match.group("num").lower()
        if raw[0].isdigit():
            digits = raw.replace(",", "")
            if _YEAR.match(digits) and not (match.group("cur") or match.group("scale") or match.group("pct")):
                return None
            value = float(digits)
            decimals = len(digits.split(".")[1]) if "." in digits else 0
        else:
            parts = raw.split("-")
            value = sum(lexicon.words[p] for p in parts)
            decimals = 0
        scale = lexicon.scales[match.group("scale").lower()] if match.group("scale") else 1.0
        resolution = 10.0**-decimals * scale if match.group("scale") else 0.0
        return value * scale, resolution

    @staticmethod
    def _qualifier(before: str, lexicon: _Lexicon, *, whole: bool) -> tuple[str, float, float] | None:
        """The qualifier phrase that ``before`` ends with ("about"); ``whole``: ``before`` is all the
        sentence before the figure, else its last characters (a phrase filling them is not taken)."""
        lowered = before.lower().rstrip()
        for phrase, below, above in lexicon.qualifiers:
            if lowered.endswith(phrase) and (
                    len(lowered) > len(phrase) and not lowered[-len(phrase) - 1].isalnum()
                    or len(lowered) == len(phrase) and whole):
                return phrase, below, above
        return None

    @staticmethod
    def _noun(words: list[Word], after: int, unit: str, lexicon: _Lexicon, stop: frozenset[str]) -> tuple[Word | None, str]:
        """What the figure counts: the last of the lower-case content words among the four words that
        follow it ("soldiers" in "three US soldiers", "friends" in "two family friends", "comedy" in
        "£6m in developing new comedy"), and the unit, taking a currency
        word after the figure ("800m euros")."""
        if after < len(words) and words[after].lower in lexicon.currencies and not unit:
            unit = lexicon.currencies[words[after].lower]
            after += 1
        run: list[Word] = []
        for word in words[after : after + 4]:
            if word.lower[0].isdigit():
                break
            if is_function(word, stop) or word.text[:1].isupper():
                if run:
                    break
                continue
            if run and (word.lower.endswith(_NOT_HEAD) or run[-1].lower.endswith("s")):
                break
            run.append(word)
        return (run[-1] if run else None), unit

def _is_number(word: str, lexicon: _Lexicon) -> bool:
    """Whether ``word`` is a figure in digits or words."""
    return word[:1].isdigit() or word in lexicon.words


def _stems(words: list[Word], stop: frozenset[str], dates: frozenset[str]) -> Iterator[str]:
    for word in words:
        if word.lower not in stop and word.lower not in dates and not word.lower[0].isdigit() and len(word.lower) > 2:
            yield stem(word.lower)


def _dates(words: list[Word], dates: frozenset[str]) -> Iterator[str]:
    for word in words:
        if word.lower in dates or _YEAR.match(word.text):
            yield word.lower



def _names(analysis: Analysis, stop: frozenset[str]) -> set[str]:
    """Words the document capitalises inside sentences (names), lower-cased."""
    found: set[str] = set()
    for sentence in analysis.sentences:
        found.update(w.lower for w in analysis.words(sentence)[1:] if w.text[:1].isupper() and not is_function(w, stop))
    return found


def _entities(
    words: list[Word], opening: Word, names: set[str], stop: frozenset[str], dates: frozenset[str]
) -> Iterator[str]:
    """Names of who or where among ``words``; a sentence's first word only if it is a known name."""
    for word in words:
        capital = word.text[:1].isupper() and not is_function(word, stop) and word.lower not in dates
        if capital and (word is not opening or word.lower in names or word.text.isupper()):
            yield stem(word.lower)
