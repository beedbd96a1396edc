"""Contradiction rules (CN) on injected contradictions in real news, and on the clean originals.

    python -m bench.contradiction [--corpora ../shared/corpora] [--seed 1] [--out DIR] [--limit N]

Each clean-news dev article gives at most one copy per kind of injection, each copy holding
exactly one contradiction made by a seeded script:

- figure: of two figures that state the same fact, one is changed to a value that the other
  rules out, qualifiers included ("more than 160" is not contradicted by 170). Two figures state
  the same fact when they have the same value (digits or number words: "eleven", "11"), unit
  and counted noun (the last of the words after the figure, "two family friends", or the noun
  before "of": "a loss of 800m euros"; nouns of one group in rules/lexicons/counted-nouns.toml,
  "strikes" and "attacks", count one thing), stand in different sentences that share a content word
  within 8 words of the figures or a name, and are not given different dates or names in both
  sentences. Years, figures after a name ("Boeing 777"), parts and ranks ("another 200", "300
  of them", "top 10"), time spans and scores ("three years", "18 yards") are left alone: a
  changed one is usually another period or another game, not a contradiction;
- weekday: a weekday (outside names such as "Mail on Sunday", and not "last Monday") is
  changed to another day when it stands next to a date that falls on it in a year the article
  names ("Friday 11 March" in a 2005 article), or when the same weekday is given for the same
  event in another sentence: two shared content words within 8 words of both weekdays or names of
  both sentences ("the G7 meeting on Friday" ... "the G7 meeting taking place in London on
  Friday"), and no different names on both sides. One shared word or name is not enough: in a
  story told day by day, "Shares slipped on Monday" and "the stock slipped back during Monday
  morning", or two speakers who "said on Sunday", are often other events of the same day;
- variant: a spelling that the article uses is swapped once for its other form (a British or
  American spelling when the article has at least two words of its variety, or a term,
  abbreviation or romanisation written at least twice);
- name: a name written at least twice inside sentences gets a one-letter misspelling once;
- negation: a sentence with "not"/"n't" is repeated later in the article without the negation.

A date before an event it is said to follow (CN022) is not injected: no sentence of the dev split
gives a date with "on" next to an "after"/"before" phrase whose event the article dates, so there
is no pair of dates whose order a copy could honestly reverse (its clean findings are counted).

The weekday copies only test pairs that share wording, so weekday recall is also measured on
hand labels (``bench/data/weekday-pairs.dev.toml``): every two mentions of one weekday in the dev
split, judged "same" or "different" event by an annotator who did not read the rules. Each
mention of a labelled pair is changed to each other day in turn. Recall on "same" pairs, the
share of "different" pairs that are reported anyway (a change there is no contradiction), and
the share of the generator's weekday pairs that the annotator called "same" are printed; pairs
whose article or offsets do not match the corpus given are skipped.

A copy counts as found when a CN finding of the kind's codes, or its related location, overlaps
the injected text. The untouched originals are the negatives: every CN finding on them counts
as false (the corpus README notes that the text has a few real slips). The copies are written
to ``--out`` (a temporary folder by default, never to the repository: they derive from
third-party text) with ``manifest.jsonl``. Timing runs every CN rule on one article repeated
1, 10 and 100 times. The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import re
import statistics
import sys
import tempfile
import time
import tomllib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from artlint.engine import ActiveRule, Engine
from artlint.lexicon import Lexicons, PhraseMatcher, builtin_rules_dir
from artlint.markup import parse
from artlint.model import Family, Finding
from artlint.registry import registry_for
from artlint.source import SourceText
from artlint.text.words import stem
from bench.common import add_corpora_argument, print_table

KIND_CODES = {
    "figure": ("CN010",),
    "weekday": ("CN020", "CN021"),
    "variant": ("CN001", "CN002", "CN003", "CN004"),
    "name": ("CN005",),
    "negation": ("CN030",),
}
TARGETS = {"figure": 0.7, "weekday": 0.7, "variant": 0.7, "name": 0.7}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
CALENDAR = frozenset(WEEKDAYS) | frozenset(MONTHS)
SENTENCE = re.compile(r"(?:[^.!?\n]|\.(?=\d))+[.!?]*")
WORD = re.compile(r"[A-Za-z]+(?:['’\-][A-Za-z]+)*|[£$€]?\d+(?:[.,]\d+)*")
YEAR = re.compile(r"\b(?:19\d\d|20[0-4]\d)\b(?!\s*(?:GMT|BST))")  # not a clock time: "at 2005 GMT"
DAY = re.compile(r"(" + "|".join(WEEKDAYS) + r")(?:['’]s)?")
DATED = re.compile(
    rf",?\s+(?:the\s+)?(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{'|'.join(MONTHS)})"
    rf"|(?P<m2>{'|'.join(MONTHS)})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)\b(?:,?\s+(?P<year>\d{{4}}))?"
)
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
SCALES = {"k": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
WINDOW = 8  # words either side of a figure or weekday whose content words say what it is about
# Words or names two weekdays' sentences share to be one event: a figure's value and noun already
# tie two mentions, a weekday alone does not ("the IMF warned on Thursday" and "the minister spoke
# in London on Thursday" share a country, not an event).
EVENT_SHARED = 2
# Figures the generator leaves alone: time spans and scores (a changed one is usually another
# period or another game, not a contradiction), parts and ranks (words just before or after).
SKIPPED = frozenset(stem(w) for w in (
    "year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "time", "season",
    "point", "goal", "place", "run", "wicket", "set", "game", "match", "round", "lap", "shot", "stroke", "try",
    "seed", "note", "single", "yard",
))
PART_BEFORE = frozenset(["another", "further", "additional", "extra", "other", "each", "every", "only", "first", "last", "next", "top", "than", "per", "number", "all"])
PART_AFTER = frozenset(["of", "or", "to", "and", "out", "each", "every", "per", "more", "other", "others"])
CURRENCY_WORDS = {"euro": "euro", "euros": "euro", "dollars": "$", "pounds": "£", "yen": "yen", "rupees": "rupee", "baht": "baht", "yuan": "yuan"}
NEGATED = re.compile(r"\b(is|was|are|were|did|does|do|has|have|had|will|could|would) not\b|\b(\w+)n't\b")
CONTRACTED = {"ca": "can", "wo": "will", "sha": "shall"}
NAME = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{5,}\b")
LABELS = Path(__file__).parent / "data" / "weekday-pairs.dev.toml"


@dataclass(frozen=True)
class Injection:
    """One copy of an article with one contradiction at ``text[start:end]``."""

    kind: str
    source: str
    start: int
    end: int
    before: str
    after: str
    text: str


def replace(text: str, start: int, end: int, new: str) -> tuple[str, int, int]:
    """``text`` with ``text[start:end]`` replaced by ``new``, and the span of ``new``."""
    return text[:start] + new + text[end:], start, start + len(new)


def _repeated(matches: list[re.Match[str]], key: Callable[[re.Match[str]], str]) -> list[list[re.Match[str]]]:
    groups: dict[str, list[re.Match[str]]] = {}
    for match in matches:
        groups.setdefault(key(match), []).append(match)
    return [group for group in groups.values() if len(group) > 1]


@dataclass(frozen=True)
class _Calendar:
    """What the generator reads from rules/lexicons: function words, number words, qualifiers, day
    names, and counted nouns that name one thing (a stem to the stem of its group's first word)."""

    stop: frozenset[str]
    numbers: dict[str, float]
    qualifiers: list[tuple[str, float, float]]
    days: PhraseMatcher
    other_weeks: frozenset[str]
    synonyms: dict[str, str]

    @classmethod
    def load(cls, rules_dir: Path) -> _Calendar:
        def table(name: str) -> dict[str, Any]:
            return tomllib.loads((rules_dir / "lexicons" / f"{name}.toml").read_text(encoding="utf-8"))

        numbers, days = table("number-words"), table("weekday-names")
        lines = (rules_dir / "lexicons" / "function-words.txt").read_text(encoding="utf-8").splitlines()
        return cls(
            stop=frozenset(w for w in (line.split("#", 1)[0].strip() for line in lines) if w),
            numbers={w: float(v) for w, v in numbers["units"].items() if 1 < v <= 20 and w != "dozen"},
            qualifiers=sorted(((q, lo, hi) for q, (lo, hi) in numbers["qualifiers"].items()), key=lambda q: -len(q[0])),
            days=PhraseMatcher(((n, n) for n in days["names"]), ignore_case=False),
            other_weeks=frozenset(days["other-weeks"]),
            synonyms={stem(w): stem(group[0]) for group in table("counted-nouns")["groups"] for w in group},
        )


@dataclass(frozen=True)
class _Sentences:
    """An article cut into sentences, each a list of words (start, end, text)."""

    words: list[list[tuple[int, int, str]]]
    years: frozenset[int]

    @classmethod
    def of(cls, text: str) -> _Sentences:
        sentences = [(m.start(), m.group()) for m in SENTENCE.finditer(text) if m.group().strip()]
        words = [[(s + m.start(), s + m.end(), m.group()) for m in WORD.finditer(body)] for s, body in sentences]
        return cls(words, frozenset(int(y) for y in YEAR.findall(text)))


@dataclass(frozen=True)
class _Mention:
    """A figure or weekday with what the words around it say: ``near`` content stems, ``names``, ``dates``."""

    start: int
    end: int
    key: tuple[Any, ...]
    sentence: int
    near: frozenset[str]
    names: frozenset[str]
    dates: frozenset[str]
    low: float = 0.0
    high: float = 0.0


def _about(sentence: list[tuple[int, int, str]], index: int, cal: _Calendar, skip: str = "") -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Content stems within WINDOW words of word ``index`` (not ``skip``), the sentence's names and dates."""
    near = {
        stem(w) for _, _, w in sentence[max(0, index - WINDOW) : index + WINDOW + 1]
        if w.lower() not in cal.stop and w.lower() not in cal.numbers and w[0].isalpha() and len(w) > 2 and w not in CALENDAR
    }
    names = {w.lower() for _, _, w in sentence[1:] if w[0].isupper() and w.lower() not in cal.stop and w not in CALENDAR and not DAY.fullmatch(w)}
    dates = {w for _, _, w in sentence if w in CALENDAR or DAY.fullmatch(w) or YEAR.fullmatch(w)}
    return frozenset(near - {skip}), frozenset(names), frozenset(dates)


def _same_fact(a: _Mention, b: _Mention, shared: int) -> bool:
    """Whether two mentions plausibly state one fact: other sentences, ``shared`` words near both or
    names of both sentences (one stem counts once), and neither different dates nor different names
    on both sides."""
    if a.sentence == b.sentence or len(a.near & b.near | {stem(n) for n in a.names & b.names}) < shared:
        return False
    return not any(x and y and x.isdisjoint(y) for x, y in ((a.dates, b.dates), (a.names, b.names)))


def _pairs(mentions: list[_Mention], shared: int = 1) -> list[tuple[_Mention, _Mention]]:
    """Pairs of mentions with one key that state the same fact (an index by key, not all pairs)."""
    by_key: dict[tuple[Any, ...], list[_Mention]] = {}
    for mention in mentions:
        by_key.setdefault(mention.key, []).append(mention)
    return [(a, b) for group in by_key.values() for i, a in enumerate(group) for b in group[i + 1 :] if _same_fact(a, b, shared)]


def _interval(value: float, resolution: float, before: str, cal: _Calendar) -> tuple[float, float]:
    """The values a figure written with ``before`` in front of it allows ("more than 170": 170 to inf)."""
    low, high = value - resolution / 2, value + resolution / 2
    lowered = before.lower().rstrip()
    for phrase, below, above in cal.qualifiers:
        if re.search(r"(?<!\w)" + re.escape(phrase) + "$", lowered):
            return min(low, value * (1 - below)), max(high, value * (1 + above))
    return low, high


def _figures(text: str, sentences: _Sentences, cal: _Calendar) -> Iterator[_Mention]:
    """Figures that count or measure something named after them ("2,500 jobs", "£800m euros") or
    before "of" ("a loss of about £800m"), leaving out years, names, ranks, parts, time spans and scores."""
    spelled = "|".join(cal.numbers)
    pattern = re.compile(rf"(?<![\w.,/\-£$€])(?P<cur>[£$€])?(?P<num>{DIGITS}|\b(?:{spelled})\b)(?P<scale>bn|m|k|\s(?:million|billion))?(?P<pct>%|\sper\scent\b)?(?![\w\-:/]|[.,]\d)", re.IGNORECASE)
    for index, sentence in enumerate(sentences.words):
        if not sentence:
            continue
        body_start, body_end = sentence[0][0], sentence[-1][1]
        for match in pattern.finditer(text, body_start, body_end):
            raw = match.group("num").replace(",", "")
            if YEAR.fullmatch(raw) and not (match.group("cur") or match.group("scale") or match.group("pct")):
                continue
            value = cal.numbers[raw.lower()] if raw[0].isalpha() else float(raw)
            scale = SCALES.get((match.group("scale") or "").strip().lower(), 1.0)
            at = next(i for i, w in enumerate(sentence) if w[1] > match.start())
            after = next((i for i, w in enumerate(sentence) if w[0] >= match.end()), len(sentence))
            before = [w for _, _, w in sentence[:at]]
            head = len(before)
            while head and any(" ".join(before[head - n : head]).lower() == q for q, _, _ in cal.qualifiers for n in (len(q.split()),)):
                head -= 1
            if head and (before[head - 1].lower() in PART_BEFORE or (before[head - 1][0].isupper() and head > 1 and before[head - 1].lower() not in cal.stop)):
                continue
            if after < len(sentence) and sentence[after][2].lower() in PART_AFTER:
                continue
            unit = match.group("cur") or ("%" if match.group("pct") else "")
            run: list[str] = []  # the counted noun is the last of a run of words ("two family friends")
            for _, _, word in sentence[after : after + 4]:
                if not run and word.lower() in CURRENCY_WORDS and not unit:
                    unit = CURRENCY_WORDS[word.lower()]
                elif not run and word.lower() in cal.stop:
                    continue
                elif word.isalpha() and word.islower() and word not in cal.stop and not (run and (word.endswith(("ed", "ing", "ly")) or run[-1].endswith("s"))):
                    run.append(word)
                else:
                    break
            noun = run[-1] if run else None
            if noun is None and head > 1 and before[head - 1] == "of" and before[head - 2].islower() and before[head - 2] not in cal.stop:
                noun = before[head - 2]
            if noun is None or stem(noun) in SKIPPED:
                continue
            decimals = len(raw.split(".")[1]) if "." in raw else 0
            resolution = 10.0**-decimals * scale if scale > 1 else 0.0
            low, high = _interval(value * scale, resolution, text[body_start : match.start()], cal)
            near, names, dates = _about(sentence, at, cal, stem(noun))
            key = (unit, cal.synonyms.get(stem(noun), stem(noun)), value * scale)
            yield _Mention(match.start("num"), match.end("num"), key, index, near, names, dates, low, high)


def _changed_figure(text: str, figure: _Mention, other: _Mention, rng: random.Random, cal: _Calendar) -> str | None:
    """Another value for ``figure``, written the same way, that no reading of both figures reconciles."""
    surface = text[figure.start : figure.end]
    value = figure.key[2]
    for _ in range(40):
        if surface[0].isalpha():
            word = rng.choice(list(cal.numbers))
            new_value, new = cal.numbers[word], word.capitalize() if surface[0].isupper() else word
        else:
            digits = surface.replace(",", "")
            decimals = len(digits.split(".")[1]) if "." in digits else 0
            number = round(float(digits) * rng.choice([rng.uniform(0.4, 0.8), rng.uniform(1.25, 2.5)]), decimals)
            new_value = value * number / float(digits)
            new = f"{number:,.{decimals}f}" if "," in surface else f"{number:.{decimals}f}"
        ratio = new_value / value
        low, high = figure.low * ratio, figure.high * ratio
        if new != surface and (high < other.low or other.high < low):
            return new
    return None


def inject_figure(text: str, rng: random.Random, cal: _Calendar) -> tuple[str, int, int, str] | None:
    """Change one of two figures that state the same fact to a value the other one rules out."""
    pairs = _pairs(list(_figures(text, _Sentences.of(text), cal)))
    if not pairs:
        return None
    pair = list(rng.choice(pairs))
    rng.shuffle(pair)
    target, other = pair
    new = _changed_figure(text, target, other, rng, cal)
    if new is None:
        return None
    return *replace(text, target.start, target.end, new), text[target.start : target.end]


def _weekdays(text: str, sentences: _Sentences, cal: _Calendar) -> Iterator[tuple[_Mention, bool]]:
    """Weekdays that date something (not "Mail on Sunday", not "last Monday"), each with whether it
    stands next to a date that, in a year the article names, falls on it ("Tuesday 1 March")."""
    inside = {i for m in cal.days.find(text) for i in range(m.start, m.end)}
    for index, sentence in enumerate(sentences.words):
        for at, (start, _, word) in enumerate(sentence):
            day = DAY.fullmatch(word)
            if day is None or start in inside or (at and sentence[at - 1][2].lower() in cal.other_weeks):
                continue
            date = DATED.match(text, start + len(day.group(1)))
            month = date and (date.group("m1") or date.group("m2"))
            dated = False
            if date and month:
                number = int(date.group("d1") or date.group("d2"))
                years = {int(date.group("year"))} if date.group("year") else sentences.years
                dated = any(_weekday_of(year, MONTHS.index(month) + 1, number) == day.group(1) for year in years)
            near, names, _ = _about(sentence, at, cal)
            yield _Mention(start, start + len(day.group(1)), (day.group(1),), index, near, names, frozenset()), dated


def _weekday_of(year: int, month: int, day: int) -> str | None:
    try:
        return WEEKDAYS[datetime.date(year, month, day).weekday()]
    except ValueError:
        return None


def inject_weekday(text: str, rng: random.Random, cal: _Calendar) -> tuple[str, int, int, str] | None:
    """Change a weekday given with a matching date, or one of two weekdays given for one event."""
    found = list(_weekdays(text, _Sentences.of(text), cal))
    choices = [m for m, dated in found if dated] + [m for pair in _pairs([m for m, _ in found], EVENT_SHARED) for m in pair]
    if not choices:
        return None
    target = rng.choice(choices)
    old = text[target.start : target.end]
    return *replace(text, target.start, target.end, rng.choice([d for d in WEEKDAYS if d != old])), old


@dataclass(frozen=True)
class _Variants:
    """Matchers over the variant lexicons: groups (ignoring case, with case) and British/American pairs."""

    groups: list[list[str]]
    matchers: tuple[PhraseMatcher, PhraseMatcher]
    pairs: PhraseMatcher


def _variants(rules_dir: Path) -> _Variants:
    def table(name: str) -> dict[str, Any]:
        return tomllib.loads((rules_dir / "lexicons" / f"{name}.toml").read_text(encoding="utf-8"))

    loose = table("term-variants")["groups"] + table("transliterations")["groups"]
    strict = table("abbreviations")["groups"]
    groups = loose + strict
    def entries(offset: int, part: list[list[str]]) -> Iterator[tuple[str, tuple[int, str]]]:
        return ((form, (offset + i, form)) for i, group in enumerate(part) for form in group)

    spellings = Lexicons((rules_dir,)).pairs("spelling-us-uk")
    pairs = ((form, (i, dialect)) for i, pair in enumerate(spellings) for dialect, form in enumerate(pair))
    return _Variants(
        groups + [list(p) for p in spellings],
        (PhraseMatcher(entries(0, loose), ignore_case=True), PhraseMatcher(entries(len(loose), strict), ignore_case=False)),
        PhraseMatcher(((form, (len(groups) + i, d)) for form, (i, d) in pairs), ignore_case=False),
    )


def inject_variant(text: str, rng: random.Random, variants: _Variants) -> tuple[str, int, int, str] | None:
    """Swap one form of a group written at least twice, or one word of a variety with two or more."""
    choices: list[tuple[int, int, str]] = []
    by_form: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for matcher in variants.matchers:
        for match in matcher.find(text):
            by_form.setdefault(match.value, []).append((match.start, match.end))
    for (group, form), spans in by_form.items():
        if len(spans) > 1:
            others = [f for f in variants.groups[group] if f != form]
            choices += [(s, e, rng.choice(others)) for s, e in spans]
    marked = list(variants.pairs.find(text))
    for dialect in (0, 1):
        mine = [m for m in marked if m.value[1] == dialect]
        if len(mine) > 1:
            choices += [(m.start, m.end, variants.groups[m.value[0]][1 - dialect]) for m in mine]
    if not choices:
        return None
    start, end, new = rng.choice(choices)
    if text[start].isupper() and not new[:1].isupper():
        new = new[:1].upper() + new[1:]
    return *replace(text, start, end, new), text[start:end]


def _misspelt(name: str, rng: random.Random) -> str:
    """``name`` with one inner letter swapped, doubled or dropped."""
    i = rng.randrange(1, len(name) - 2)
    edits = [
        name[:i] + name[i + 1] + name[i] + name[i + 2 :],
        name[:i] + name[i] + name[i:],
        name[:i] + name[i + 1 :],
    ]
    return rng.choice([e for e in edits if e != name])


def inject_name(text: str, rng: random.Random) -> tuple[str, int, int, str] | None:
    names = [m for m in NAME.finditer(text) if m.group() not in CALENDAR]
    groups = _repeated(names, lambda m: m.group())
    if not groups:
        return None
    target = rng.choice(rng.choice(groups))
    return *replace(text, target.start(), target.end(), _misspelt(target.group(), rng)), target.group()


def _without_negation(match: re.Match[str]) -> str:
    """The verb of a NEGATED match without "not" or "n't" ("can't" -> "can", "Won't" -> "Will")."""
    if match.group(1):
        return match.group(1)
    verb = match.group(2)
    full = CONTRACTED.get(verb.lower(), verb.lower())
    return full.capitalize() if verb[0].isupper() else full


def inject_negation(text: str, rng: random.Random) -> tuple[str, int, int, str] | None:
    """Repeat a negated sentence, without its negation, as a paragraph further on."""
    paragraphs = [m for m in re.finditer(r"[^\n]+", text)]
    sentences = [
        (p, s) for p in paragraphs[:-1] for s in re.finditer(r"[A-Z][^.!?\"“”]{20,200}[.!?](?=\s|$)", p.group())
        if NEGATED.search(s.group())
    ]
    if not sentences:
        return None
    paragraph, sentence = rng.choice(sentences)
    flipped = NEGATED.sub(_without_negation, sentence.group(), count=1)
    later = rng.choice([p for p in paragraphs if p.start() > paragraph.start()])
    inserted = "\n\n" + flipped
    new_text = text[: later.end()] + inserted + text[later.end() :]
    start = later.end() + 2
    return new_text, start, start + len(flipped), sentence.group()


def generate(articles: list[tuple[str, str]], seed: int, rules_dir: Path) -> Iterator[Injection]:
    """The injected copies, the same for the same articles and seed."""
    variants = _variants(rules_dir)
    cal = _Calendar.load(rules_dir)
    injectors: dict[str, Callable[[str, random.Random], tuple[str, int, int, str] | None]] = {
        "figure": lambda text, rng: inject_figure(text, rng, cal),
        "weekday": lambda text, rng: inject_weekday(text, rng, cal),
        "variant": lambda text, rng: inject_variant(text, rng, variants),
        "name": inject_name,
        "negation": inject_negation,
    }
    for name, text in articles:
        for kind, inject in injectors.items():
            rng = random.Random(f"{seed}:{kind}:{name}")
            made = inject(text, rng)
            if made is not None:
                new_text, start, end, before = made
                yield Injection(kind, name, start, end, before, new_text[start:end], new_text)


def cn_engine() -> Engine:
    """Every enabled CN rule with its defaults."""
    registry = registry_for(())
    specs = sorted((s for s in registry.runnable() if s.family is Family.CONSISTENCY and s.enabled), key=lambda s: s.code)
    return Engine([ActiveRule(registry.create(s.code), s.severity) for s in specs], Lexicons(), registry.specs)


def lint(engine: Engine, text: str) -> list[Finding]:
    return engine.lint(parse(SourceText(text), "text"), "<bench>")


def _spans(finding: Finding) -> list[tuple[int, int]]:
    """Where a finding is, and where its related spans are."""
    return [(finding.start, finding.end)] + [(r.location.start, r.location.end) for r in finding.related]


def _touches(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def found(findings: list[Finding], injection: Injection, *also: tuple[int, int]) -> bool:
    """Whether a finding of the kind's codes, or its related span, overlaps the injected text
    (and, for each ``(start, end)`` in ``also``, that text as well: a finding that ties them)."""
    wanted = [(injection.start, injection.end), *also]
    return any(
        f.code in KIND_CODES[injection.kind] and all(_touches(spans, s, e) for s, e in wanted)
        for f in findings
        for spans in (_spans(f),)
    )


def labelled_weekdays(engine: Engine, articles: dict[str, str], labels: Path = LABELS) -> dict[str, Any]:
    """Weekday recall on hand-labelled pairs: every other day put in place of either mention.

    Returns, per label, the copies made and found, and how many labelled pairs the generator
    itself would inject into (``generator``) with how many of those are "same" events.
    """
    cal = _Calendar.load(builtin_rules_dir())
    copies: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    chosen: Counter[str] = Counter()
    skipped = 0
    for pair in tomllib.loads(labels.read_text(encoding="utf-8"))["pair"]:
        text, day = articles.get(pair["article"], ""), pair["day"]
        mentions = {m.start: m for m, _ in _weekdays(text, _Sentences.of(text), cal)}
        if any(at not in mentions or text[at : at + len(day)] != day for at in (pair["a"], pair["b"])):
            skipped += 1  # another split, or the article changed
            continue
        if _same_fact(mentions[pair["a"]], mentions[pair["b"]], EVENT_SHARED):
            chosen[pair["label"]] += 1
        for at in (pair["a"], pair["b"]):
            for new in (d for d in WEEKDAYS if d != day):
                copy, start, end = replace(text, at, at + len(day), new)
                injection = Injection("weekday", pair["article"], start, end, day, new, copy)
                partner = pair["b"] if at == pair["a"] else pair["a"]
                partner += (len(new) - len(day)) * (partner > at)  # where the partner is in the copy
                findings = lint(engine, copy)
                copies[pair["label"]] += 1
                # a "different" pair counts only when a finding ties its two mentions (a change can
                # make a real conflict with a third mention of the new day)
                tie = [(partner, partner + len(day))] if pair["label"] == "different" else []
                hits[pair["label"]] += found(findings, injection, *tie)
    rate = {label: round(hits[label] / copies[label], 3) for label in copies}
    generator = sum(chosen.values())
    return {
        "copies": dict(copies), "found": dict(hits), "found_share": rate, "skipped_pairs": skipped,
        "generator_pairs": generator, "generator_same": chosen["same"],
        "generator_precision": round(chosen["same"] / generator, 3) if generator else None,
    }


def timing(engine: Engine, text: str) -> dict[str, float]:
    """Seconds per run on ``text`` repeated 1, 10 and 100 times (median of 3, 1 for 100x)."""
    out: dict[str, float] = {}
    for times in (1, 10, 100):
        big = "\n\n".join([text] * times)
        runs = []
        for _ in range(3 if times < 100 else 1):
            started = time.perf_counter()
            lint(engine, big)
            runs.append(time.perf_counter() - started)
        out[f"{times}x"] = round(statistics.median(runs), 4)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_corpora_argument(parser)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None, help="folder for the copies (default: a temporary folder)")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    parser.add_argument("--misses", type=int, default=0, help="print up to N missed injections per kind")
    args = parser.parse_args(argv)

    dev = args.corpora / "clean-news" / "dev"
    paths = sorted(dev.rglob("*.txt"))
    if not paths:
        raise SystemExit(f"no articles under {dev}")
    paths = paths[: args.limit] if args.limit else paths
    articles = [(str(p.relative_to(dev)), p.read_text(encoding="utf-8")) for p in paths]
    out = args.out or Path(tempfile.mkdtemp(prefix="artlint-contradiction-"))
    out.mkdir(parents=True, exist_ok=True)
    engine = cn_engine()

    false_by_code: Counter[str] = Counter()
    for _, text in articles:
        false_by_code.update(f.code for f in lint(engine, text))
    injections = list(generate(articles, args.seed, builtin_rules_dir()))
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    misses: dict[str, list[Injection]] = {}
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as manifest:
        for number, injection in enumerate(injections):
            name = f"{number:05d}-{injection.kind}.txt"
            (out / name).write_text(injection.text, encoding="utf-8")
            record = {k: v for k, v in asdict(injection).items() if k != "text"}
            manifest.write(json.dumps({"file": name, **record}, ensure_ascii=False) + "\n")
            totals[injection.kind] += 1
            if found(lint(engine, injection.text), injection):
                hits[injection.kind] += 1
            else:
                misses.setdefault(injection.kind, []).append(injection)

    recall = {k: round(hits[k] / totals[k], 3) for k in totals}
    false_total = sum(false_by_code.values())
    rows = [[k, str(totals[k]), str(hits[k]), f"{recall[k]:.3f}", f">= {TARGETS[k]}" if k in TARGETS else "-"] for k in KIND_CODES if k in totals]
    print(f"injected copies in {out} (seed {args.seed}, {len(articles)} articles)")
    print_table(["kind", "copies", "found", "recall", "target"], rows)
    print(f"clean originals: {false_total} CN findings on {len(articles)} articles = "
          f"{false_total / len(articles):.3f} per article (target <= 0.1); by code: {dict(sorted(false_by_code.items()))}")
    for kind, missed in misses.items():
        for injection in missed[: args.misses]:
            print(f"  missed {kind} {injection.source}: {injection.before!r} -> {injection.after!r}")
    labelled = labelled_weekdays(engine, dict(articles))
    if labelled["copies"]:
        share = labelled["found_share"]
        print(f"weekday, hand-labelled pairs ({LABELS.name}): found {share.get('same', 0):.3f} of "
              f"{labelled['copies'].get('same', 0)} copies of same-event pairs (recall), {share.get('different', 0):.3f} of "
              f"{labelled['copies'].get('different', 0)} of different-event pairs (false alarms); the generator picks "
              f"{labelled['generator_pairs']} labelled pairs, {labelled['generator_same']} of them same-event; "
              f"{labelled['skipped_pairs']} pairs not in this corpus")
    else:
        print(f"weekday, hand-labelled pairs: none of {LABELS.name} is in this corpus (labels exist for the dev split)")
    sample = sorted(articles, key=lambda a: len(a[1]))[len(articles) // 2]
    times = timing(engine, sample[1])
    print(f"timing on {sample[0]} ({len(sample[1])} chars) repeated: {times} (linear: 100x is about 100 times 1x)")
    print(json.dumps({
        "seed": args.seed, "articles": len(articles), "copies": dict(totals), "found": dict(hits), "recall": recall,
        "clean_findings": false_total, "clean_findings_per_article": round(false_total / len(articles), 4),
        "clean_findings_by_code": dict(sorted(false_by_code.items())), "weekday_labelled": labelled,
        "timing_s": times, "out": str(out),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
