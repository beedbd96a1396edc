"""Finding text said twice: adjacent repeated word runs, and repeated sentences or paragraphs."""

import re
from collections.abc import Iterator, Sequence
from itertools import compress, count
from operator import eq
from typing import ClassVar, NamedTuple

from artlint.lexicon import Lexicons
from artlint.markup.document import Block, BlockKind
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope
from artlint.text.analysis import Analysis
from artlint.text.spans import Protected
from artlint.text.tokens import Word, word_texts

PROSE_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM})
_SPACE = re.compile(r"\s+")
_COMMA_GAP = re.compile(r",?\s+")
_COORDINATORS = frozenset({"and", "or"})
# How a flattened social-media post ends: its picture link, or a signature line after it.
_POST_LINK = re.compile(r"pic\.twitter\.com/")
_POST_SIGNATURE = re.compile(r"[—–-]\s[^\n]{1,80}\(@\w{1,30}\)\s\w+\s\d{1,2},\s\d{4}")
_POST_LINES = 4
_QUOTE_MARKS = "\"'“”‘’«»"
_EDGE_MARKS = _QUOTE_MARKS + " "


class Repeat(NamedTuple):
    """``text[start:end]`` is a run of ``size`` words followed by the same run; ``mid`` ends the first copy."""

    start: int
    mid: int
    end: int
    size: int
    unit: str


def adjacent_repeats(text: str, analysis: Analysis, min_size: int, max_size: int, comma: bool) -> Iterator[Repeat]:
    """Runs of ``min_size``..``max_size`` words repeated at once, the shortest run first.

    The copies must be separated by whitespace only (or a comma when ``comma``) and have the
    same separators inside. Names, figures and rhetoric are skipped (``_rhetoric_or_name``).
    Overlapping repeats are reported once. Only positions whose word recurs ``n`` words later
    are examined, so the cost is one pass per run length, not per word and run length.
    ``text`` is a text of ``analysis``'s document (MT001 and MT002 read the same blocks).
    """
    lower = lower_words(text, analysis)
    sizes = _repeated_runs(lower, min_size, max_size)
    if not sizes:
        return
    toks = analysis.text_words(text)
    gaps = [_gap(text[toks[k].end : toks[k + 1].start]) for k in range(len(toks) - 1)]
    middle = _COMMA_GAP if comma else _SPACE
    resume = 0
    for i in sorted(sizes):
        if i < resume:
            continue
        found = None
        for n in sizes[i]:
            if not middle.fullmatch(text[toks[i + n - 1].end : toks[i + n].start]):
                continue
            if gaps[i : i + n - 1] == gaps[i + n : i + 2 * n - 1]:
                found = n
                break
        if found is None:
            continue
        first, second = toks[i : i + found], toks[i + found : i + 2 * found]
        plain_words = [t.text for t in first + second]
        copies = 2
        while _copy_follows(text, toks, lower, gaps, i, found, copies, middle):
            copies += 1
        if not _rhetoric_or_name(lower, i, found, plain_words):
            unit = text[first[0].start : first[-1].end]
            yield Repeat(first[0].start, first[-1].end, toks[i + copies * found - 1].end, found, unit)
        resume = i + copies * found


def lower_words(text: str, analysis: Analysis) -> list[str]:
    """The words of ``text``, lower-cased, made once per document and text (MT001, MT002 and MT003
    read every prose block's)."""
    return analysis.derived(("lower-words", text), lambda: [w.lower() for w in word_texts(text)])


def _repeated_runs(lower: list[str], min_size: int, max_size: int) -> dict[int, list[int]]:
    """For each word position ``i``, the run lengths ``n`` (ascending, ``min_size``..``max_size``)
    for which the ``n`` words from ``i`` are the same as the ``n`` after them: one pass per run
    length, and tokens with positions are only made for the few texts that have one."""
    sizes: dict[int, list[int]] = {}
    for n in range(min_size, max_size + 1):
        for i in compress(count(), map(eq, lower, lower[n:])):  # where word i is word i + n
            if lower[i : i + n] == lower[i + n : i + 2 * n]:
                sizes.setdefault(i, []).append(n)
    return sizes


def _gap(between: str) -> str:
    """The text between two words with runs of whitespace as one space (most gaps are one already)."""
    return between if between == " " else _SPACE.sub(" ", between)


def _copy_follows(text: str, toks: Sequence[Word], lower: list[str], gaps: list[str], i: int, size: int,
                  copies: int, middle: re.Pattern[str]) -> bool:
    """Whether copy number ``copies + 1`` of the ``size``-word run at token ``i`` follows its
    ``copies`` copies, so that a word said many times ("the the the") is one repeat, fixed at once."""
    j = i + copies * size
    return (j + size <= len(toks) and lower[j : j + size] == lower[i : i + size]
            and gaps[j : j + size - 1] == gaps[i : i + size - 1]
            and middle.fullmatch(text[toks[j - 1].end : toks[j].start]) is not None)


def _rhetoric_or_name(lower: list[str], i: int, size: int, copies: list[str]) -> bool:
    """Whether the repeat of ``size`` words at token ``i`` is wanted: a name or title (all words
    capitalised but not all in capitals, or the second copy capitalised where the first is not:
    "law lord Lord Bingham"),
    figures ("6-4 6-4", "0 degrees, 0 degrees"), a phrase said a third time ("on and on and on")
    or a coordination ("and more and more")."""
    first, second = copies[:size], copies[size:]
    shouted = all(w.isupper() and len(w) > 1 for w in copies)  # "SMAP SMAP": an acronym typed twice
    if (all(w[:1].isupper() for w in copies) and not shouted) or (second[0][:1].isupper() and not first[0][:1].isupper()):
        return True
    if any(ch.isdigit() for w in first for ch in w):
        return True
    if size > 1 and (i + 2 * size < len(lower) and lower[i + 2 * size] == lower[i]):
        return True
    return size > 1 and bool(_COORDINATORS.intersection(lower[i : i + size]))


def in_embedded_post(block: Block, blocks: Sequence[Block], plain: str) -> bool:
    """Whether ``block`` is a line of a social-media post flattened into the article: a run of
    lines (one line break apart) that ends in the post's picture link or is followed by its
    signature ("— Name (@handle) November 19, 2019"). Its words are the author's, kept verbatim."""
    for j in range(block.index, min(block.index + _POST_LINES, len(blocks))):
        line = blocks[j]
        if _POST_LINK.search(line.text):
            return True
        following = blocks[j + 1] if j + 1 < len(blocks) else None
        if following is None or plain.count("\n", line.end, following.start) > 1:
            return following is not None and _POST_SIGNATURE.match(following.text) is not None
    return False


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is exactly a quoted term or name (\"cha cha\", «Bora Bora»)."""
    return 0 < start and end < len(text) and text[start - 1] in _QUOTE_MARKS and text[end] in _QUOTE_MARKS


def normalized(text: str) -> str:
    """``text`` compared case- and spacing-insensitively, without surrounding quotation marks."""
    return " ".join(text.strip(_EDGE_MARKS).split()).lower()


def repeated_blocks(blocks: list[Block], min_words: int, analysis: Analysis) -> dict[int, Block]:
    """Prose blocks of at least ``min_words`` words whose text occurred in an earlier block, by
    index, each mapped to that earlier block."""
    first: dict[str, Block] = {}
    out: dict[int, Block] = {}
    for block in blocks:
        if block.kind not in PROSE_KINDS or len(lower_words(block.text, analysis)) < min_words:
            continue
        key = normalized(block.text)
        if key in first:
            out[block.index] = first[key]
        else:
            first[key] = block
    return out


class AdjacentRepeatRule(Rule):
    """Shared check of MT001 and MT002: a run of words repeated at once."""

    family = Family.TRANSLATION
    severity = Severity.WARNING
    scope = Scope.BLOCK
    fixable = True
    min_words: ClassVar[int] = 1
    comma: ClassVar[bool] = False
    min_comma_letters: ClassVar[int] = 0  # a repeat across a comma needs a word this long
    what: ClassVar[str] = ""
    needs = (r"\w", r"\W")  # two words and something between them

    def setup(self, lexicons: Lexicons) -> None:
        self._allowed = frozenset(p.lower() for p in lexicons.phrases(self.params["exceptions"]))

    def _listed_twice(self, text: str, rep: Repeat) -> bool:
        """Whether a repeat across a comma is an item listed twice ("permits, permits, and"):
        long enough, and followed by a comma (an apposition, "people, people with faces", is not)."""
        return len(rep.unit) >= self.min_comma_letters and text[rep.end : rep.end + 1] == ","

    def check(self, unit: Block, ctx: Context) -> Iterator[Report]:
        protected: Protected | None = None
        for rep in adjacent_repeats(unit.text, ctx.analysis, self.min_words, self.params.get("max-words", 1), self.comma):
            if rep.unit.lower() in self._allowed or _quoted(unit.text, rep.start, rep.end):
                continue
            if self.min_comma_letters and "," in unit.text[rep.mid : rep.mid + 2] and not self._listed_twice(unit.text, rep):
                continue
            protected = protected or ctx.analysis.protected(unit.text)
            if protected.covers(rep.start, rep.end) or in_embedded_post(unit, ctx.document.blocks, ctx.document.plain):
                continue
            start, mid, end = unit.start + rep.start, unit.start + rep.mid, unit.start + rep.end
            fix = ctx.replace(mid, end, "", description=f"Remove the second '{rep.unit}'")
            yield ctx.report(start, end, f"{self.what} '{rep.unit}' is repeated; remove the second one", fix=fix)
