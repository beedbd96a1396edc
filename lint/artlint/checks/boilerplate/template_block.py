"""BP100: the plain-text block classifier (no DOM): which lines are page template.

A scraped page dumped as text keeps menus, teasers, footers and widgets as lines around the
article. Two passes decide, both linear in the number of blocks:

1. A context pass after jusText (Pomikálek 2011): long blocks dense in function words are
   *good*, blocks poor in them *bad*, very short ones *short*, the rest *near-good*; runs of
   adjacent near-good blocks long enough are good; then short and near-good blocks take the
   class of their nearest good or bad neighbours, and heading-like lines just before good text
   are kept. Template phrases (the BP0xx lexicons) and short repeated lines count as bad.
2. A score over the signals of ``signals.SIGNALS`` (length, function words, sentence
   punctuation, title case, separators, digits, repetition, position before or after the kept
   text, runs of short lines, the neighbours, the overlap with the kept text's vocabulary, a
   template phrase between the block and the article, the first pass's decision): a boosted
   ensemble of small regression trees, so that signals can act together (a short line inside
   the article's run of prose is not a short line among link-like lines at the page's end).
   The trees are data (``rules/lexicons/boilerplate-classifier.json``), fitted by
   ``python -m bench.boilerplate --fit``; a block is flagged when its probability of being
   template reaches ``threshold``, and the finding names the signals that raised it most.

The rule only runs on documents that show the template at all (``min-template-blocks`` lines
that are template phrases), so a clean article is never second-guessed; the first line, when
kept text follows it within ``title-gap`` lines (a caption may sit between), is the title and
is never flagged, nor are the lines just before the first kept line and the first long line of
prose (a headline under the menus); template phrases are left to the BP0xx rule that names them.
"""

import enum
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, NamedTuple, TypeAlias

from artlint.checks.boilerplate.signals import (
    SIGNALS,
    Shape,
    TemplatePhrases,
    block_signals,
    choose_language,
    repeated_lines,
    runs,
)
from artlint.errors import RuleDefinitionError
from artlint.lexicon import Lexicons
from artlint.markup.document import Block, Document
from artlint.model import Applicability, Family
from artlint.rule import Context, Report, Rule, Scope
from artlint.units import block_deletion

PHRASE_LEXICONS = [
    "boilerplate-comment-form", "boilerplate-related", "boilerplate-share", "boilerplate-newsletter",
    "boilerplate-cookies", "boilerplate-advertisement", "boilerplate-legal", "boilerplate-navigation",
    "boilerplate-tags",
]  # fmt: skip


SIGNAL_COLUMN = {name: i for i, name in enumerate(SIGNALS)}


class Class(enum.Enum):
    """A block's class in the context pass."""

    GOOD = "good"
    NEAR = "near-good"
    SHORT = "short"
    BAD = "bad"


class Analysis(NamedTuple):
    """What the classifier knows about each block of a document."""

    templated: list[bool]
    kept: list[bool]
    first_good: int  # the first block the context pass first classed good (0 if none)
    signals: Iterable[tuple[float, ...]]  # a row per block, made as it is read (once)


# A node of a regression tree: a leaf's value, or (column, threshold, left, right, value) for an
# inner node, which sends a block ``left`` when its value of signal ``column`` is at most
# ``threshold``. Inner nodes keep their value (the score of the blocks that reach them) so that
# the change from a node to its child measures what the tested signal added.
Node: TypeAlias = "float | tuple[int, float, Node, Node, float]"


def _node(table: Mapping[str, Any], k: int) -> Node:
    """Node ``k`` of a tree stored as flat lists (``signal``, ``threshold``, ``left``, ``right``,
    ``value``; node 0 is the root, a leaf's signal is empty, children follow their parents)."""
    name, value = table["signal"][k], float(table["value"][k])
    if not name:
        return value
    left, right = int(table["left"][k]), int(table["right"][k])
    if not (k < left and k < right):
        raise ValueError(f"node {k}: a child does not follow its parent")
    return (SIGNAL_COLUMN[name], float(table["threshold"][k]), _node(table, left), _node(table, right), value)


class TreeModel(NamedTuple):
    """A boosted ensemble of small regression trees over ``SIGNALS``: a block's score is ``base``
    plus the value of the leaf it reaches in every tree, its probability of being template the
    logistic of that score."""

    base: float
    trees: tuple[Node, ...]

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> "TreeModel":
        try:
            return cls(float(table["base"]), tuple(_node(tree, 0) for tree in table["tree"]))
        except (KeyError, IndexError, TypeError, ValueError, RecursionError) as exc:
            raise RuleDefinitionError(f"boilerplate classifier: malformed tree ensemble: {exc!r}") from None

    def score(self, values: Sequence[float]) -> float:
        """The log-odds that a block with these signals is page template."""
        total = self.base
        for node in self.trees:
            while isinstance(node, tuple):
                column, threshold, left, right, _ = node
                node = left if values[column] <= threshold else right
            total += node
        return total

    def probability(self, values: Sequence[float]) -> float:
        """The probability that a block with these signals is page template."""
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, self.score(values)))))

    def reasons(self, values: Sequence[float], count: int = 3) -> list[str]:
        """The names of the ``count`` signals that raise the score most (each split's change of
        value credited to the signal it tests), strongest first."""
        credit = [0.0] * len(SIGNALS)
        for node in self.trees:
            while isinstance(node, tuple):
                column, threshold, left, right, value = node
                node = left if values[column] <= threshold else right
                credit[column] += (node[4] if isinstance(node, tuple) else node) - value
        names = list(SIGNALS)
        strongest = sorted(range(len(credit)), key=lambda column: -credit[column])[:count]
        return [names[column] for column in strongest if credit[column] > 0]


class TemplateBlock(Rule):
    """Line that the structural classifier takes for page template, not article text"""

    code = "BP100"
    name = "template-block"
    family = Family.BOILERPLATE
    scope = Scope.DOCUMENT
    fixable = True
    why = (
        "Text dumps of web pages keep the whole page: menus, teasers, widgets and footers sit around "
        "the article as lines without sentences. Extractors tell them apart by length, the share of "
        "function words, sentence punctuation, separators, runs of short lines, position and their "
        "neighbours; this rule does the same on plain text, where no DOM is left. It runs only on "
        "documents that contain template phrases, never flags the title line, and leaves the "
        "template phrases to the BP0xx rules that name them. It is a statistical decision, so its "
        "fix (removing the line) is unsafe."
    )
    fires = (
        (
            "Skip to content\nHome\n⟦News⟧\n⟦Sport⟧\n⟦Weather⟧\n⟦Culture⟧\nLocal elections 2024\n"
            "The council approved the new budget on Tuesday after a debate that lasted for most of the day, "
            "and the mayor said that the money would be spent on schools and roads over the next two years.\n"
            "Opposition members said the plan was too vague, but they did not vote against it in the end, "
            "because they wanted the repairs to the bridge to start before the winter.\n"
            "Privacy Policy\n⟦Jobs at the Gazette⟧\n⟦Gazette Media Group Ltd⟧\n⟦12 High Street, Springfield⟧"
        ),
    )
    silent = (
        (
            "Council approves budget\n"
            "The council approved the new budget on Tuesday after a debate that lasted for most of the day, "
            "and the mayor said that the money would be spent on schools and roads over the next two years.\n"
            "Opposition members said the plan was too vague, but they did not vote against it in the end.\n"
            "Leave a Reply\nYour email address will not be published. Required fields are marked *"
        ),
    )
    defaults: ClassVar[Mapping[str, Any]] = {
        "kinds": ["text", "markdown"],
        "lexicons": PHRASE_LEXICONS,
        "stopwords": "boilerplate-stopwords",
        "model": "boilerplate-classifier",
        "threshold": 0.45,
        "min-template-blocks": 1,
        "title-gap": 1,
        "length-low": 70,
        "length-high": 200,
        "stopwords-low": 0.30,
        "stopwords-high": 0.32,
        "sentence-words": 8,
        "short-sentence-words": 5,
        "run-chars": 400,
        "heading-distance": 200,
    }

    def setup(self, lexicons: Lexicons) -> None:
        self._phrases = TemplatePhrases.shared(lexicons, self.params["lexicons"])
        table = lexicons.table(self.params["stopwords"])
        self._stopwords = {lang: frozenset(words) for lang, words in table["languages"].items()}
        self._address = {lang: frozenset(words) for lang, words in table["address"].items()}
        self._model = TreeModel.from_table(lexicons.table(self.params["model"]))

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        if unit.kind not in self.params["kinds"] or not unit.blocks:
            return
        templated = self.templated(unit.blocks, ctx)
        if sum(templated) < self.params["min-template-blocks"]:
            return  # no template in sight: a clean article is not second-guessed
        analysis = self.analyse(unit.blocks, templated)
        titles = self.titles(analysis)
        for block, phrase, values in zip(unit.blocks, analysis.templated, analysis.signals):
            if phrase or block.index in titles:
                continue
            if self._model.probability(values) >= self.params["threshold"]:
                fired = ", ".join(self._model.reasons(values))
                yield ctx.report(
                    block.start,
                    block.end,
                    "Line looks like page template (menu, teaser, widget or footer), not article text"
                    + (f" (signals: {fired})" if fired else "")
                    + "; remove it if it is not part of the article.",
                    fix=block_deletion(ctx, block, Applicability.UNSAFE, "Remove the line"),
                )

    def titles(self, analysis: Analysis) -> set[int]:
        """The blocks taken for the title: the first line when kept text follows it within
        ``title-gap`` lines, and the lines just before the first kept block and before the first
        long line dense in function words (a headline under the menus)."""
        titles = {0} if any(analysis.kept[1 : 1 + self.params["title-gap"] + 1]) else set()
        for first in (next((i for i, keep in enumerate(analysis.kept) if keep), 0), analysis.first_good):
            titles |= {first - 1} if first else set()
        return titles

    def templated(self, blocks: Sequence[Block], ctx: Context | None = None) -> list[bool]:
        """Which blocks are template phrases (of the BP0xx lexicons); ``ctx`` shares the scans of its document."""
        return [self._phrases.matches(b.text, ctx) for b in blocks]

    def analyse(self, blocks: Sequence[Block], templated: Sequence[bool]) -> Analysis:
        """The context pass and the signals of every block (``templated``: from ``templated``)."""
        lang = choose_language(self._stopwords, blocks)
        stopwords = self._stopwords[lang] if lang else frozenset().union(*self._stopwords.values())
        address = self._address.get(lang or "", frozenset())
        shapes = [Shape.of(b.text, stopwords, address) for b in blocks]
        repeated = repeated_lines(blocks)
        initial = [self.initial(shape) for shape in shapes]
        first = [
            Class.BAD if phrase or (repeat and shape.chars < self.params["length-high"]) else cls
            for cls, shape, repeat, phrase in zip(initial, shapes, repeated, templated)
        ]
        promote_runs(blocks, first, self.params["run-chars"])
        final = self.revise(blocks, first, [not s.sentence_end for s in shapes])
        kept = [c is Class.GOOD for c in final]
        if not any(kept):
            kept = _fallback_article(initial, shapes)
        first_good = next((i for i, c in enumerate(initial) if c is Class.GOOD), 0)
        signals = block_signals(
            blocks, shapes, kept, [c.value for c in initial], templated, repeated, self.params["length-low"]
        )
        return Analysis(list(templated), kept, first_good, signals)

    def initial(self, shape: Shape) -> Class:
        """The context-free class of a block."""
        p = self.params
        if shape.separators >= 2:
            return Class.BAD
        if shape.chars < p["length-low"]:
            prose = (
                shape.sentence_end
                and shape.words >= p["short-sentence-words"]
                and shape.stop_density >= p["stopwords-high"]
            )
            return Class.NEAR if prose else Class.SHORT
        if shape.stop_density >= p["stopwords-high"]:
            return Class.GOOD if shape.chars > p["length-high"] else Class.NEAR
        if shape.stop_density >= p["stopwords-low"]:
            return Class.NEAR
        return Class.NEAR if shape.sentence_end and shape.words >= p["sentence-words"] else Class.BAD

    def revise(self, blocks: Sequence[Block], first: list[Class], heading: list[bool]) -> list[Class]:
        """Context-sensitive pass: short and near-good blocks follow their neighbours."""
        n = len(blocks)
        classes = list(first)
        distance = self.params["heading-distance"]
        good_ahead = _good_within(blocks, classes, distance)
        for i in range(n):
            if classes[i] is Class.SHORT and heading[i] and good_ahead[i]:
                classes[i] = Class.NEAR
        prev_strict, prev_any = _neighbours(classes, range(n))
        next_strict, next_any = _neighbours(classes, range(n - 1, -1, -1))
        revised = list(classes)
        for i in range(n):
            if classes[i] is not Class.SHORT:
                continue
            before, after = prev_strict[i], next_strict[i]
            if before is after:
                revised[i] = before
            elif (before is Class.BAD and prev_any[i] is Class.NEAR) or (
                after is Class.BAD and next_any[i] is Class.NEAR
            ):
                revised[i] = Class.GOOD
            else:
                revised[i] = Class.BAD
        for i in range(n):
            if revised[i] is Class.NEAR:
                revised[i] = Class.BAD if prev_strict[i] is Class.BAD and next_strict[i] is Class.BAD else Class.GOOD
        good_ahead = _good_within(blocks, revised, distance)
        for i in range(n):
            if revised[i] is Class.BAD and first[i] is not Class.BAD and heading[i] and good_ahead[i]:
                revised[i] = Class.GOOD
        return revised


def promote_runs(blocks: Sequence[Block], classes: list[Class], min_chars: int) -> None:
    """Near-good blocks in a run of adjacent near-good/good blocks of ``min_chars`` or more become good."""
    prose = [c in (Class.NEAR, Class.GOOD) for c in classes]
    for start, end in runs(prose):
        if prose[start] and end - start > 1 and sum(len(blocks[i].text) for i in range(start, end)) >= min_chars:
            classes[start:end] = [Class.GOOD] * (end - start)


def _fallback_article(initial: Sequence[Class], shapes: Sequence[Shape]) -> list[bool]:
    """When the context pass keeps nothing: the run of adjacent near-good or good blocks with the
    most characters (or the longest block ending like a sentence) is the article."""
    kept = [False] * len(initial)
    prose = [c in (Class.NEAR, Class.GOOD) for c in initial]
    spans = [(start, end) for start, end in runs(prose) if prose[start]]
    if spans:
        start, end = max(spans, key=lambda span: sum(shapes[i].chars for i in range(*span)))
    else:
        sentences = [i for i, s in enumerate(shapes) if s.sentence_end]
        if not sentences:
            return kept
        start = max(sentences, key=lambda i: shapes[i].chars)
        end = start + 1
    kept[start:end] = [True] * (end - start)
    return kept


def _good_within(blocks: Sequence[Block], classes: Sequence[Class], distance: int) -> list[bool]:
    """For each block, whether a good block follows within ``distance`` characters."""
    out = [False] * len(blocks)
    nearest = -1
    for i in range(len(blocks) - 1, -1, -1):
        out[i] = nearest != -1 and blocks[nearest].start - blocks[i].end <= distance
        if classes[i] is Class.GOOD:
            nearest = i
    return out


def _neighbours(classes: Sequence[Class], order: range) -> tuple[list[Class], list[Class]]:
    """For each block, the nearest good or bad block in ``order`` before it, skipping short and
    near-good blocks (first list) or only short ones (second list); the document edge is bad."""
    strict = [Class.BAD] * len(classes)
    loose = [Class.BAD] * len(classes)
    last_strict, last_loose = Class.BAD, Class.BAD
    for i in order:
        strict[i], loose[i] = last_strict, last_loose
        if classes[i] in (Class.GOOD, Class.BAD):
            last_strict = classes[i]
        if classes[i] is not Class.SHORT:
            last_loose = classes[i]
    return strict, loose
