"""What the boilerplate rules measure on blocks: template phrases, function words, shape, context.

Shared by the plain-text classifier (BP100) and the benchmark that fits its weights. Every
measure is one pass over a block's text; per-document data (language, repeated lines, the
vocabulary of the kept text, windows of neighbours) is one or two passes over the blocks.
"""

import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from artlint.lexicon import Lexicons
from artlint.markup.document import Block
from artlint.rule import Context
from artlint.text.spans import has_link
from artlint.text.tokens import word_texts

# Characters that may surround a template label ("» Read more", "- Anzeige -", "Tags:").
LABEL_EDGE = " \t.:;,!?*|-–—…•·›»«<>\"“”'’()[]"
PREFIX_MARKER = "…"
SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
# Separators page templates put between menu items, breadcrumbs and a title and its section.
SEPARATOR = re.compile(r"\s[|•·›»/]\s|\s>\s|\s::\s")
DATE = re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b")
TEASER_END = ("…", "...", "»", "›", ">")
ELISION = re.compile("['’]")
BULLETS = "»›•-–>*·"
WINDOW = 4  # neighbours on each side that the window signals average over
MAX_DISTANCE = 50  # lines; farther kept text counts as this far

# The signals of a block, in the order of the tuples ``block_signals`` returns: name -> meaning.
SIGNALS: dict[str, str] = {
    "length": "ln(1 + characters)",
    "function-words": "share of the words that are function words of the document's language",
    "sentence-end": "ends with sentence punctuation",
    "capitalised": "share of the words that start with a capital",
    "separators": "' | ', ' › ', ' / ' ... separators (at most 3)",
    "digits": "share of the characters that are digits",
    "repeated": "the same line occurs elsewhere in the document",
    "date": "holds a numeric date or a time",
    "teaser-end": "ends with '…', '...', '»', '›' or '>'",
    "colon-end": "ends with ':'",
    "bullet-start": "starts with a bullet or arrow",
    "link": "holds a URL or an e-mail address",
    "no-content-words": "has no content word (4+ letters, not a function word)",
    "topic-overlap": "share of its content words that occur in the kept text",
    "position": "index / number of blocks",
    "before-article": "before the first kept block",
    "after-article": "after the last kept block",
    "kept-distance": "ln(1 + blocks to the nearest kept block), at most 50",
    "short-run": "ln(1 + length of its run of short blocks), for a short block",
    "window-short": "share of short blocks among the 4 neighbours on each side",
    "window-function-words": "mean function-word share of those neighbours",
    "window-kept": "share of kept blocks among those neighbours",
    "previous-length": "ln(1 + characters) of the previous block",
    "next-length": "ln(1 + characters) of the next block",
    "previous-sentence-end": "the previous block ends with sentence punctuation",
    "next-sentence-end": "the next block ends with sentence punctuation",
    "initially-good": "the context pass first classed it good",
    "initially-near-good": "the context pass first classed it near-good",
    "initially-short": "the context pass first classed it short",
    "main-article": "inside the largest cluster of kept blocks",
    "main-distance": "ln(1 + blocks to that cluster), at most 50",
    "words": "ln(1 + words)",
    "upper-case": "share of the letters that are upper case",
    "number-end": "ends with a number (a counter such as '(3)')",
    "run-overlap": "topic-overlap averaged over its run of short blocks (its own for a long block)",
    "phrase-between": "a template-phrase line lies between it and the largest cluster of kept blocks",
    "kept": "the context pass keeps it as article text",
    "reader-address": "share of the words that address the reader or speak for the site (you, Sie, vous, we)",
    "next-phrase": "ln(1 + blocks to the next template-phrase line), at most 50",
    "previous-phrase": "ln(1 + blocks since the previous template-phrase line), at most 50",
    "main-end": "ln(1 + blocks to the last block of the largest cluster of kept blocks), at most 50",
    "template-overlap": "share of its content words that occur in other template-phrase or repeated lines",
}


class TemplatePhrases:
    """The boilerplate phrase lexicons as one matcher, anchored the way the BP phrase rules are.

    A phrase matches a block when it is the whole block (label edges ignored), or opens it
    when the lexicon marks it with a trailing ``…``.
    """

    def __init__(self, lexicons: Lexicons, names: Iterable[str]) -> None:
        entries: list[tuple[str, bool]] = []
        for name in names:
            for phrase in lexicons.phrases(name):
                prefix = phrase.endswith(PREFIX_MARKER)
                entries.append((phrase.removesuffix(PREFIX_MARKER).rstrip() if prefix else phrase, prefix))
        self._matcher = lexicons.new_matcher(entries)

    @classmethod
    def shared(cls, lexicons: Lexicons, names: Sequence[str]) -> "TemplatePhrases":
        """The matcher of the lexicons ``names``, made once per lexicon set: the rules that name the
        same lexicons share it (each matcher made cost about 5 M instructions at start-up)."""
        return lexicons.derived((cls.__name__, *names), lambda: cls(lexicons, names))

    def matches(self, text: str, ctx: Context | None = None) -> bool:
        """Whether ``text`` is, or opens with, a template phrase (``ctx`` shares the scans of its document)."""
        lo, hi = len(text) - len(text.lstrip(LABEL_EDGE)), len(text.rstrip(LABEL_EDGE))
        found = self._matcher.find(text) if ctx is None else ctx.analysis.matches(self._matcher, text)
        first = next(found, None)
        return first is not None and first.start <= lo and (first.end >= hi or bool(first.value))


def choose_stopwords(languages: Mapping[str, Iterable[str]], blocks: Sequence[Block]) -> frozenset[str]:
    """The function words of the language whose words are most frequent in ``blocks``."""
    lang = choose_language(languages, blocks)
    return frozenset(languages[lang]) if lang else frozenset().union(*map(frozenset, languages.values()))


def choose_language(languages: Mapping[str, Iterable[str]], blocks: Sequence[Block]) -> str | None:
    """The language whose function words are most frequent in ``blocks`` (None when none occurs)."""
    index: dict[str, list[str]] = {}
    for lang, words in languages.items():
        for word in frozenset(words):
            index.setdefault(word, []).append(lang)
    frequency = Counter(word for block in blocks for word in word_texts(block.text.lower()))
    counts: Counter[str] = Counter()
    for word, count in frequency.items():
        for lang in index.get(word, ()):
            counts[lang] += count
    return counts.most_common(1)[0][0] if counts else None


class Shape(NamedTuple):
    """Measures of one block of text."""

    chars: int
    words: int
    stopwords: int
    capitalised: int
    sentence_end: bool
    separators: int
    content: tuple[str, ...]  # its content words, each once (a tuple: a frozenset of one word takes 216 bytes)
    address: int = 0

    @classmethod
    def of(cls, text: str, stopwords: frozenset[str], address: frozenset[str] = frozenset()) -> "Shape":
        """The measures of ``text``; ``address`` holds the words that address the reader (matched
        as written after the first word, so that German 'Sie' is not 'sie')."""
        tokens = word_texts(text)
        lowered = [t.lower() for t in tokens]
        return cls(
            chars=len(text),
            words=len(tokens),
            stopwords=sum(1 for t in lowered if t in stopwords),
            capitalised=sum(1 for t in tokens if t[:1].isupper()),
            sentence_end=bool(SENTENCE_END.search(text)),
            separators=len(SEPARATOR.findall(text)),
            content=tuple(dict.fromkeys(t for t in lowered if len(t) >= 4 and t not in stopwords and not t.isdigit())),
            address=sum(1 for k, t in enumerate(_elided(tokens)) if t.lower() in address or (k and t in address)),
        )

    @property
    def stop_density(self) -> float:
        """Share of the words that are function words."""
        return self.stopwords / self.words if self.words else 0.0


def _elided(tokens: Sequence[str]) -> Iterator[str]:
    """The words without an elided ending ("you're" -> "you")."""
    for token in tokens:
        yield ELISION.split(token, 1)[0]

def block_signals(
    blocks: Sequence[Block],
    shapes: Sequence[Shape],
    kept: Sequence[bool],
    initial: Sequence[str],
    phrases: Sequence[bool],
    repeated: Sequence[bool],
    short_chars: int,
) -> Iterator[tuple[float, ...]]:
    """The values of ``SIGNALS`` for every block, a row at a time (none is kept: a file of many
    short lines has as many blocks, and its per-block measures are kept in arrays).

    ``kept`` says which blocks the context pass keeps as article text, ``initial`` gives each
    block's context-free class ("good", "near-good", "short" or "bad"), ``phrases`` which blocks
    are template phrases, ``repeated`` which lines occur more than once (``repeated_lines``).
    """
    n = len(blocks)
    vocabulary: Counter[str] = Counter()
    for shape, keep in zip(shapes, kept):
        if keep:
            vocabulary.update(shape.content)
    template_vocabulary: Counter[str] = Counter()
    for shape, phrase, repeat in zip(shapes, phrases, repeated):
        if phrase or repeat:
            template_vocabulary.update(shape.content)
    kept_at = [i for i, keep in enumerate(kept) if keep]
    first_kept, last_kept = (kept_at[0], kept_at[-1]) if kept_at else (n, -1)
    del kept_at
    distance = _distance_to_kept(kept)
    short = bytes(s.chars < short_chars for s in shapes)
    run_length = _run_lengths(short)
    main_lo, main_hi = _main_cluster(kept, shapes)
    overlaps = array("d", (
        sum(1 for w in shape.content if vocabulary[w] > keep) / len(shape.content) if shape.content else 0.0
        for shape, keep in zip(shapes, kept)
    ))  # fmt: skip
    run_overlap = _run_means(short, overlaps)
    phrases_before = array("q", [0])  # template-phrase blocks before each position
    for phrase in phrases:
        phrases_before.append(phrases_before[-1] + phrase)
    window_short = _window_means([float(f) for f in short])
    window_density = _window_means([s.stop_density for s in shapes])
    window_kept = _window_means([float(k) for k in kept])
    next_phrase = _distance_to(phrases, range(n - 1, -1, -1))
    previous_phrase = _distance_to(phrases, range(n))
    for i, (block, shape) in enumerate(zip(blocks, shapes)):
        text = block.text.strip()
        prev_shape = shapes[i - 1] if i > 0 else None
        next_shape = shapes[i + 1] if i + 1 < n else None
        yield (
            math.log1p(shape.chars),
            shape.stop_density,
            float(shape.sentence_end),
            shape.capitalised / shape.words if shape.words else 0.0,
            float(min(shape.separators, 3)),
            sum(map(str.isdigit, text)) / len(text) if text else 0.0,
            float(repeated[i]),
            float(bool(DATE.search(text))),
            float(text.endswith(TEASER_END)),
            float(text.endswith(":")),
            float(text[:1] in BULLETS),
            float(has_link(text)),
            float(not shape.content),
            overlaps[i],
            i / n,
            float(i < first_kept),
            float(i > last_kept),
            math.log1p(min(distance[i], MAX_DISTANCE)),
            math.log1p(run_length[i]) if short[i] else 0.0,
            window_short[i],
            window_density[i],
            window_kept[i],
            math.log1p(prev_shape.chars) if prev_shape else 0.0,
            math.log1p(next_shape.chars) if next_shape else 0.0,
            float(prev_shape.sentence_end) if prev_shape else 0.0,
            float(next_shape.sentence_end) if next_shape else 0.0,
            float(initial[i] == "good"),
            float(initial[i] == "near-good"),
            float(initial[i] == "short"),
            float(main_lo <= i <= main_hi),
            math.log1p(min(MAX_DISTANCE, main_lo - i if i < main_lo else i - main_hi if i > main_hi else 0)),
            math.log1p(shape.words),
            sum(map(str.isupper, text)) / max(1, sum(map(str.isalpha, text))),
            float(text[-1:].isdigit() or text.endswith(")") and text[-2:-1].isdigit()),
            run_overlap[i] if short[i] else overlaps[i],
            float(
                phrases_before[main_lo] > phrases_before[i + 1] if i < main_lo
                else phrases_before[i] > phrases_before[main_hi + 1] if i > main_hi
                else False
            ),
            float(kept[i]),
            shape.address / shape.words if shape.words else 0.0,
            math.log1p(next_phrase[i]),
            math.log1p(previous_phrase[i]),
            math.log1p(min(MAX_DISTANCE, abs(main_hi - i))),
            sum(1 for w in shape.content if template_vocabulary[w] > (phrases[i] or repeated[i])) / len(shape.content)
            if shape.content else 0.0,
        )  # fmt: skip


def repeated_lines(blocks: Sequence[Block]) -> list[bool]:
    """Whether each block's line (lower case, spaces collapsed) occurs more than once."""
    keys = [" ".join(b.text.lower().split()) for b in blocks]
    repeats = Counter(keys)
    return [repeats[key] > 1 for key in keys]


def _window_means(values: Sequence[float]) -> "array[float]":
    """For each position, the mean of ``values`` over its ``WINDOW`` neighbours on each side (itself excluded)."""
    n = len(values)
    prefix = array("d", [0.0])
    for value in values:
        prefix.append(prefix[-1] + value)
    out = array("d")
    for i in range(n):
        lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        out.append((prefix[hi] - prefix[lo] - values[i]) / max(1, hi - lo - 1))
    return out


def _main_cluster(kept: Sequence[bool], shapes: Sequence[Shape], gap: int = 3) -> tuple[int, int]:
    """First and last index of the kept blocks, no more than ``gap`` apart, with the most characters."""
    best, best_size = (len(kept), -1), 0
    start, last, size = -1, -1, 0
    for i, keep in enumerate(kept):
        if not keep:
            continue
        if start < 0 or i - last > gap + 1:
            start, size = i, 0
        last = i
        size += shapes[i].chars
        if size > best_size:
            best, best_size = (start, i), size
    return best


def _run_means(flags: Sequence[int], values: Sequence[float]) -> "array[float]":
    """For each position, the mean of ``values`` over the run of equal flags it belongs to."""
    out = array("d", bytes(8 * len(flags)))
    for start, end in runs(flags):
        out[start:end] = array("d", [sum(values[start:end]) / (end - start)]) * (end - start)
    return out


def _distance_to_kept(kept: Sequence[bool]) -> "array[int]":
    """For each block, how many blocks away the nearest kept block is (a large number if none)."""
    n = len(kept)
    far = MAX_DISTANCE * 10
    distance = array("q", [far]) * n
    last = -far
    for i in range(n):
        if kept[i]:
            last = i
        distance[i] = i - last
    last = n + far
    for i in range(n - 1, -1, -1):
        if kept[i]:
            last = i
        distance[i] = min(distance[i], last - i)
    return distance


def _distance_to(flags: Sequence[bool], order: range) -> "array[int]":
    """For each position, how many steps along ``order`` the nearest flagged position lies
    (itself excluded; ``MAX_DISTANCE`` when none is nearer)."""
    out = array("q", [MAX_DISTANCE]) * len(flags)
    last = None
    for step, i in enumerate(order):
        if last is not None:
            out[i] = min(MAX_DISTANCE, step - last)
        if flags[i]:
            last = step
    return out


def _run_lengths(flags: Sequence[int]) -> "array[int]":
    """For each position, the length of the run of equal flags it belongs to."""
    out = array("q", [0]) * len(flags)
    for start, end in runs(flags):
        out[start:end] = array("q", [end - start]) * (end - start)
    return out


def runs(flags: Sequence[int]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every maximal run of equal values, in order."""
    start = 0
    for i in range(1, len(flags) + 1):
        if i == len(flags) or flags[i] != flags[start]:
            yield start, i
            start = i
