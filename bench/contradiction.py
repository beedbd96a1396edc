"""Contradiction rules (CN) on injected contradictions in real news, and on the clean originals.

    python -m bench.contradiction [--corpora ../shared/corpora] [--seed 1] [--out DIR] [--limit N]

Each clean-news dev article gives at most one copy per kind of injection, each copy holding
exactly one contradiction made by a seeded script:

- figure: a figure written at least twice (same digits or number word) before the same word
  (function words skipped: "2,500 jobs", "2,500 of the jobs") is changed once;
- weekday: a weekday named at least twice (outside names such as "Mail on Sunday") is changed
  once to another day;
- variant: a spelling that the article uses is swapped once for its other form (a British or
  American spelling when the article has at least two words of its variety, or a term,
  abbreviation or romanisation written at least twice);
- name: a name written at least twice inside sentences gets a one-letter misspelling once;
- negation: a sentence with "not"/"n't" is repeated later in the article without the negation.

A copy counts as found when a CN finding of the kind's codes, or its related location, overlaps
the injected text. The untouched originals are the negatives: every CN finding on them counts
as false (the corpus README notes that the text has a few real slips). The copies are written
to ``--out`` (a temporary folder by default, never to the repository: they derive from
third-party text) with ``manifest.jsonl``. Timing runs every CN rule on one article repeated
1, 10 and 100 times. The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
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
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty")
FIGURE = re.compile(r"(?<![\w.,/\-])[£$€]?\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:bn|m)?%?(?![\w\-:/]|\.\d)")
SPELLED = re.compile(r"\b(?:" + "|".join(NUMBER_WORDS) + r")\b(?!-)", re.IGNORECASE)
WEEKDAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b")
NEGATED = re.compile(r"\b(is|was|are|were|did|does|do|has|have|had|will|could|would) not\b|\b(\w+)n't\b")
FUNCTION = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "from", "with", "and", "or", "but", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "its", "their", "his", "her", "this", "that", "these", "those", "it", "per", "cent", "percent", "than", "more", "up", "down", "about", "over"]
)
CALENDAR = frozenset(WEEKDAYS) | {
    "January", "February", "March", "April", "June", "July", "August", "September", "October", "November", "December",
}
CONTRACTED = {"ca": "can", "wo": "will", "sha": "shall"}
NAME = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{5,}\b")


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


def _changed_figure(surface: str, rng: random.Random) -> str:
    """Another plausible value written like ``surface`` (same currency, scale, decimals)."""
    if surface.lower() in NUMBER_WORDS:
        new = rng.choice([w for w in NUMBER_WORDS if w != surface.lower()])
        return new.capitalize() if surface[0].isupper() else new
    match = re.match(r"([£$€]?)([\d,]+(?:\.\d+)?)(.*)", surface)
    assert match is not None
    prefix, digits, suffix = match.groups()
    value = float(digits.replace(",", ""))
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    while True:
        factor = rng.choice([rng.uniform(0.4, 0.8), rng.uniform(1.25, 2.5)])
        new_value = round(value * factor, decimals)
        if new_value != value and new_value > 0:
            break
    body = f"{new_value:,.{decimals}f}" if "," in digits else f"{new_value:.{decimals}f}"
    return prefix + body + suffix


def _counted(text: str, match: re.Match[str]) -> str:
    """The figure and the first word after it that is not a function word ("2,500 jobs"); empty
    for a figure in a name or a rank ("Hot 100", "Two Ronnies", "number three")."""
    following = [w for w in re.findall(r"[A-Za-z]+", text[match.end() : match.end() + 40]) if w.lower() not in FUNCTION]
    before = re.findall(r"[A-Za-z]+", text[max(0, match.start() - 20) : match.start()])
    named = before and (before[-1][0].isupper() and text[match.start() - 2 : match.start()].strip() or before[-1] == "number")
    if not following or following[0][0].isupper() or named:
        return ""
    return f"{match.group().lower()} {following[0].lower().rstrip('s')}"


def inject_figure(text: str, rng: random.Random) -> tuple[str, int, int, str] | None:
    """Change one of two figures that count the same thing ("2,500 jobs" ... "2,500 of the jobs")."""
    matches = [m for m in FIGURE.finditer(text) if not re.fullmatch(r"(19|20)\d\d", m.group())]
    matches += list(SPELLED.finditer(text))
    groups = [g for g in _repeated(matches, lambda m: _counted(text, m)) if _counted(text, g[0])]
    if not groups:
        return None
    target = rng.choice(rng.choice(groups))
    new = _changed_figure(target.group(), rng)
    return *replace(text, target.start(), target.end(), new), target.group()


def inject_weekday(text: str, rng: random.Random, names: PhraseMatcher) -> tuple[str, int, int, str] | None:
    """Change one of two mentions of a weekday (not in a name such as "Mail on Sunday")."""
    inside = {i for m in names.find(text) for i in range(m.start, m.end)}
    groups = _repeated([m for m in WEEKDAY.finditer(text) if m.start() not in inside], lambda m: m.group())
    if not groups:
        return None
    target = rng.choice(rng.choice(groups))
    new = rng.choice([d for d in WEEKDAYS if d != target.group()])
    return *replace(text, target.start(), target.end(), new), target.group()


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

    pairs = ((form, (i, dialect)) for i, pair in enumerate(table("spelling-us-uk")["pairs"]) for dialect, form in enumerate(pair))
    return _Variants(
        groups + [list(p) for p in table("spelling-us-uk")["pairs"]],
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
    flipped = NEGATED.sub(lambda m: m.group(1) or CONTRACTED.get(m.group(2), m.group(2)), sentence.group(), count=1)
    later = rng.choice([p for p in paragraphs if p.start() > paragraph.start()])
    inserted = "\n\n" + flipped
    new_text = text[: later.end()] + inserted + text[later.end() :]
    start = later.end() + 2
    return new_text, start, start + len(flipped), sentence.group()


def generate(articles: list[tuple[str, str]], seed: int, rules_dir: Path) -> Iterator[Injection]:
    """The injected copies, the same for the same articles and seed."""
    variants = _variants(rules_dir)
    calendar = tomllib.loads((rules_dir / "lexicons" / "weekday-names.toml").read_text(encoding="utf-8"))
    day_names = PhraseMatcher(((n, n) for n in calendar["names"]), ignore_case=False)
    injectors: dict[str, Callable[[str, random.Random], tuple[str, int, int, str] | None]] = {
        "figure": inject_figure,
        "weekday": lambda text, rng: inject_weekday(text, rng, day_names),
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


def found(findings: list[Finding], injection: Injection) -> bool:
    """Whether a finding of the kind's codes, or its related span, overlaps the injected text."""
    for finding in findings:
        if finding.code not in KIND_CODES[injection.kind]:
            continue
        spans = [(finding.start, finding.end)] + [(r.location.start, r.location.end) for r in finding.related]
        if any(s < injection.end and injection.start < e for s, e in spans):
            return True
    return False


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
    sample = sorted(articles, key=lambda a: len(a[1]))[len(articles) // 2]
    times = timing(engine, sample[1])
    print(f"timing on {sample[0]} ({len(sample[1])} chars) repeated: {times} (linear: 100x is about 100 times 1x)")
    print(json.dumps({
        "seed": args.seed, "articles": len(articles), "copies": dict(totals), "found": dict(hits), "recall": recall,
        "clean_findings": false_total, "clean_findings_per_article": round(false_total / len(articles), 4),
        "clean_findings_by_code": dict(sorted(false_by_code.items())), "timing_s": times, "out": str(out),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
