"""BP020: a line that has the shape of page template next to the article's prose.

Template text left in an article rarely has a fixed wording: a byline ("by Jane Doe"), a source
line ("Source: Example Wire"), a caption credit ("(Photo: City Hall)"), a widget label ("Must
read") differ from site to site. What they share is their shape next to the article's prose:
short, no sentence punctuation, before the first or after the last paragraph of prose, not
followed by prose (as a subheading is), words the article never uses, a cue at the start, a
bracketed or agency/name credit, a URL or a date; a run of short lines and lists of names or figures
(a line-up, results) is article data. In Markdown and HTML, link text counts too: a line that is
mostly a link, a line over a list of links. Each block is scored by adding the weights of
the signals it shows (``rules/lexicons/boilerplate-shape.toml``); a finding names the signals
that fired. One pass over the blocks, one over their words: linear in the document.
"""

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, NamedTuple

from artlint.checks.boilerplate.html_template import page_blocks
from artlint.checks.boilerplate.signals import DATE, SENTENCE_END, TemplatePhrases, choose_stopwords, runs
from artlint.checks.boilerplate.template_block import PHRASE_LEXICONS
from artlint.lexicon import Lexicons
from artlint.markup.document import Block, Document
from artlint.model import Applicability, Family
from artlint.patterns import LazyPattern
from artlint.rule import Context, Report, Rule, Scope
from artlint.text.spans import has_web_address
from artlint.text.tokens import word_count, word_texts
from artlint.units import block_deletion

_CREDIT_SLASH = LazyPattern(r"\b\p{Lu}[\p{L}.&-]+\s?/\s?\p{Lu}\p{L}")  # searched where a "/" is
_DATA = re.compile(r"\d|\(|,.*,")
_ITEM_SEPARATOR = re.compile(r"[,;]")
_BRACKETED = LazyPattern(r"^\s*[(\[](?!\p{Ll}).*[)\]]\s*$")  # matched where a bracket opens the text
_INNER_END = re.compile(r"\w[.!?][\"'”’»)\]]*\s+\S")
_MONTH_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4}\b",
    re.IGNORECASE,
)


class Model(NamedTuple):
    """The shape model: threshold, word limits, signal weights and cues (lower case, by kind)."""

    threshold: float
    prose_words: int
    short_words: int
    tiny_words: int
    max_words: int
    title_share: float
    teaser_chars: int
    teaser_share: float
    recurring_titles: int
    languages: dict[str, Sequence[str]]
    noun_capitalising: frozenset[frozenset[str]]
    sentence_words: int
    language_blocks: int
    list_run: int
    item_words: int
    link_share: float
    links_run: int
    weights: dict[str, float]
    cues: tuple[tuple[str, str], ...]
    caption: re.Pattern[str]  # word alternations: ``re`` compiles them in a third of ``regex``'s time
    self_reference: re.Pattern[str]

    @classmethod
    def from_table(cls, table: Mapping[str, Any], languages: dict[str, Sequence[str]]) -> "Model":
        """The model of a ``boilerplate-shape`` table, with the function words of ``languages``."""
        cues = sorted(((cue, kind) for kind, items in table["cues"].items() for cue in items), key=lambda c: -len(c[0]))
        return cls(
            float(table["threshold"]), int(table["prose-words"]), int(table["short-words"]),
            int(table["tiny-words"]), int(table["max-words"]), float(table["title-share"]), int(table["teaser-chars"]),
            float(table["teaser-share"]), int(table["recurring-titles"]),
            languages, frozenset(frozenset(languages[code]) for code in table["noun-capitalising"]),
            int(table["sentence-words"]), int(table["language-blocks"]), int(table["list-run"]), int(table["item-words"]),
            float(table["link-share"]), int(table["links-run"]),
            {name: float(weight) for name, weight in table["weights"].items()}, tuple(cues),
            re.compile(r"[(,]\s*(?:" + "|".join(map(re.escape, table["caption-words"])) + r")\s*[),]", re.IGNORECASE),
            re.compile(r"\b(?:" + "|".join(map(re.escape, table["self-reference"])) + r")\b", re.IGNORECASE),
        )  # fmt: skip

    def cue(self, text: str) -> tuple[str, str] | None:
        """The (cue, kind) that opens ``text`` (lower case) up to a word boundary, if any."""
        for cue, kind in self.cues:
            if text.startswith(cue) and (cue[-1:] in ":. ]" or not text[len(cue) : len(cue) + 1].isalnum()):
                return cue, kind
        return None


class Line(NamedTuple):
    """Measures of one block."""

    words: int
    capitalised: int
    # Lower-case words of four characters or more, kept only when a sentence ends the line (as
    # every prose line's does), else found again if the line is scored: a set for every line of
    # a one-word-per-line file held about 300 bytes a line.
    content: frozenset[str] | None
    sentence_end: bool
    inner_end: bool  # a sentence ends inside the block (followed by more words)

    @classmethod
    def of(cls, text: str) -> "Line":
        tokens = word_texts(text)
        ends = _ends(text)
        return cls(
            len(tokens),
            sum(1 for t in tokens if t[0].isupper() or t[0].isdigit()),
            _content(tokens) if ends else None,
            ends,
            bool(_INNER_END.search(text)),
        )


def _content(tokens: list[str]) -> frozenset[str]:
    return frozenset({t.lower() for t in tokens if len(t) >= 4 and not t.isdigit()})


def _ends(text: str) -> bool:
    stripped = text.rstrip()
    return bool(SENTENCE_END.search(stripped)) and not stripped.endswith((":", ";", "...", "…"))


class Scored(NamedTuple):
    """A block's score, the signals that fired and the kind of template it looks like."""

    score: float
    signals: tuple[str, ...]
    kind: str


def score_blocks(
    blocks: Sequence[Block], model: Model, is_phrase: Callable[[str], bool] = lambda text: False
) -> list[Scored | None]:
    """The score of every block that can be template (None for the headline, prose and long blocks).

    A sentence that is a template phrase (``is_phrase``: "Read more: <headline>.") is no article
    prose, so removing it does not move the article's bounds.

    HTML and Markdown blocks say how much of their text is link text (``link_chars``); plain text
    has no links, so the link signals stay off there."""
    shared: dict[Line, Line] = {}  # equal measures held once (lines of one word or none repeat them)
    lines = [shared.setdefault(line, line) for line in (Line.of(b.text) for b in blocks)]
    del shared

    def content(i: int) -> frozenset[str]:
        kept = lines[i].content
        return _content(word_texts(blocks[i].text)) if kept is None else kept

    linked = [b.meta.get("link_chars", 0) >= model.link_share * len(b.text.strip()) > 0 for b in blocks]
    links_after = _links_after(lines, linked, model.links_run)
    prose = [
        line.sentence_end and line.words >= model.prose_words and not is_phrase(b.text) for b, line in zip(blocks, lines)
    ]
    at = [i for i, p in enumerate(prose) if p]
    if not at:
        return [None] * len(blocks)
    first, last = at[0], at[-1]
    vocabulary = frozenset().union(*map(content, at))
    # Title case stands out only in languages that do not capitalise every noun (as German does);
    # the language is told by the function words of the first prose blocks, when a line needs it.
    cased = any(_title_case(line, model, 3) for p, line in zip(prose, lines) if not p) and (
        choose_stopwords(model.languages, [blocks[i] for i in at[: model.language_blocks]])
        not in model.noun_capitalising
    )
    titles = [
        cased and first < i < last and not prose[i] and not line.sentence_end and _title_case(line, model, 4)
        for i, line in enumerate(lines)
    ]
    recurring = sum(titles) >= model.recurring_titles
    # A heading is followed by a sentence; a paragraph of prose counts even when its end is cut or
    # runs into the next subheading (a lost paragraph break), as long as a sentence ends inside it.
    sentence = [
        (line.sentence_end or (line.inner_end and line.words >= model.prose_words)) and line.words >= model.sentence_words
        for line in lines
    ]
    after = _next_with_words(lines)
    items = [_is_list(b.text, model.item_words) for b in blocks]
    listed = _data_runs(
        [n or (not p and 0 < line.words <= model.short_words) for p, line, n in zip(prose, lines, items)],
        [n or bool(_DATA.search(b.text)) for b, n in zip(blocks, items)],
        model.list_run,
    )
    w = model.weights
    out: list[Scored | None] = []
    for i, (block, line) in enumerate(zip(blocks, lines)):
        if prose[i] or not line.words or line.words > model.max_words:
            out.append(None)
            continue
        text = block.text.strip()
        following = after[i]
        cue = model.cue(text.lower())
        bracketed = text.startswith(("(", "[")) and bool(_BRACKETED.match(text))
        credit_slash = "/" in text and bool(_CREDIT_SLASH.search(text))
        credit = bracketed or credit_slash
        if i == 0 and cue is None and not (
            line.words <= model.tiny_words
            and following is not None
            and not lines[following].sentence_end
            and _title_case(lines[following], model, 4)
        ):
            out.append(None)  # the headline: only a cue, or a label above another headline, is scored
            continue
        words = content(i)
        teaser = text.endswith(("...", "…")) and len(text) >= model.teaser_chars and any(
            _share(words, content(j)) >= model.teaser_share for j in {0, following or 0} - {i}
        )
        strong = cue is not None or credit or teaser
        fired = {
            "short": line.words <= model.short_words,
            "tiny": line.words <= model.tiny_words,
            "no-sentence-end": not line.sentence_end,
            "title-case": cased and _title_case(line, model, 3),
            "recurring-titles": recurring and titles[i],
            "outside-article": i < first or i > last,
            "no-prose-after": following is None or not sentence[following],
            "before-prose": following is not None and sentence[following] and not strong,
            "in-list": listed[i] and not strong,
            "unrelated": bool(words) and not (words & vocabulary),
            "cue": cue is not None,
            "bracketed": bracketed,
            "credit-slash": credit_slash,
            "caption-words": bool(model.caption.search(text)),
            "self-reference": bool(model.self_reference.search(text)),
            "teaser": teaser,
            "link": has_web_address(text),
            "link-text": linked[i],
            "links-after": links_after[i] and not linked[i],
            "date": bool(DATE.search(text) or _MONTH_DATE.search(text)),
        }
        names = tuple(name for name, on in fired.items() if on)
        kind = cue[1] if cue else "credit" if credit or fired["caption-words"] else "teaser" if fired["teaser"] else "label"
        out.append(Scored(sum(w.get(name, 0.0) for name in names), names, kind))
    return out


def _next_with_words(lines: Sequence[Line]) -> list[int | None]:
    """For each block, the index of the next block that has words (None if there is none)."""
    out: list[int | None] = [None] * len(lines)
    nearest: int | None = None
    for i in range(len(lines) - 1, -1, -1):
        out[i] = nearest
        if lines[i].words:
            nearest = i
    return out


def _links_after(lines: Sequence[Line], linked: Sequence[bool], length: int) -> list[bool]:
    """For each block, whether the next ``length`` blocks that have words are all link text (a heading
    over a list of links to other pages)."""
    out = [False] * len(lines)
    run = 0  # link-text blocks with words right after the current one, skipping blocks without words
    for i in range(len(lines) - 1, -1, -1):
        out[i] = run >= length
        if lines[i].words:
            run = run + 1 if linked[i] else 0
    return out


def _data_runs(short: Sequence[bool], data: Sequence[bool], length: int) -> list[bool]:
    """Which blocks are in a run of at least ``length`` adjacent short blocks of which at least half
    hold data (a number, a parenthesis or a list of names): a table or a list, not template lines."""
    out = [False] * len(short)
    for start, end in runs(short):
        if short[start] and end - start >= length and 2 * sum(data[start:end]) >= end - start:
            out[start:end] = [True] * (end - start)
    return out


def _is_list(text: str, item_words: int) -> bool:
    """Whether ``text`` lists two or more items of at most ``item_words`` words, separated by commas
    or semicolons ("Doe, Roe (Poe 61); Moe"): names or figures (a line-up), not a sentence."""
    items = _ITEM_SEPARATOR.split(text)
    return len(items) >= 2 and all(0 < word_count(item) <= item_words for item in items)


def _title_case(line: Line, model: Model, min_words: int) -> bool:
    """At least ``min_words`` words, and most of them capitalised."""
    return line.words >= min_words and line.capitalised >= model.title_share * line.words


def _share(words: frozenset[str], other: frozenset[str]) -> float:
    """The share of ``words`` found in ``other`` (0 when there are none)."""
    return len(words & other) / len(words) if words else 0.0


_KIND_NAMES = {
    "source": "source or syndication line",
    "credit": "image caption or credit",
    "byline": "byline",
    "date": "date line",
    "prompt": "reader prompt or sales link",
    "ticker": "news ticker",
    "teaser": "teaser",
    "label": "widget label or field",
}


class TemplateShape(Rule):
    """Line shaped like page template next to the article: byline, source line, credit, widget label"""

    code = "BP020"
    name = "template-shape"
    family = Family.BOILERPLATE
    scope = Scope.DOCUMENT
    fixable = True
    why = (
        "Bylines, source lines, image credits and widget labels have no fixed wording, but they have a "
        "shape: short, no sentence punctuation, before the first or after the last paragraph of prose, not "
        "followed by prose the way a subheading is, words the article never uses, a cue at the start "
        "('Source:', 'Photo by', 'Posted on'), a bracketed or agency/name credit, a URL or a date, and in "
        "Markdown or HTML a line that is mostly link text or sits over a list of links. Each line "
        "is scored by the weights of the signals it shows (`rules/lexicons/boilerplate-shape.toml`), and the "
        "message names the signals that fired. A run of short lines and lists of names or figures (a line-up, "
        "the scorers, the attendance) is article data, and a bracketed note that opens in lower case is no "
        "credit. The first line (the headline), an HTML page's <title> and prose are never flagged, and "
        "template phrases are left to the BP0xx rules that name them. On HTML it runs only when `kinds` lists "
        "\"html\": there the main-content rules BP101-BP109 decide, and on the boilerplate dev pages BP020 added "
        "more false findings than it found template lines beside them. "
        "A byline or a credit may belong to the article, so removing the line is an unsafe fix."
    )
    fires = (
        (
            "Council approves the budget\n"
            "The council approved the new budget on Tuesday after a debate that lasted most of the day.\n"
            "The mayor said that the money would be spent on schools and roads over the next two years.\n"
            "⟦Source: Springfield Wire⟧"
        ),
        (
            "Council approves the budget\n⟦(Photo: City Hall)⟧\n"
            "The council approved the new budget on Tuesday after a debate that lasted most of the day.\n"
            "The mayor said that the money would be spent on schools and roads over the next two years.\n"
            "⟦Most talked about⟧"
        ),
    )
    silent = (
        (
            "Council approves the budget\n"
            "The council approved the new budget on Tuesday after a debate that lasted most of the day.\n"
            "What happens next\n"
            "The mayor said that the money would be spent on schools and roads over the next two years."
        ),
        "Source: the figures come from the national statistics office, which revised them in May.",
        (
            "City 2-1 Rovers\n(after extra time - 1-1 at 90 minutes)\n"
            "City came from behind to beat Rovers on Saturday, with two goals in the last ten minutes.\n"
            "The visitors had led at the break after their striker headed in a corner in the first half.\n"
            "Lane, Ford, Hill (Price 70), Moss, Reed, Shaw, Cole, Dunn, Webb (Gray 81), Park, Nash.\n"
            "Price, Gray.\nMoss, Dunn.\nWebb 81, Hill 88.\n12,340\nJ Marsh"
        ),
    )
    defaults: ClassVar[Mapping[str, Any]] = {
        "kinds": ["text", "markdown"],
        "model": "boilerplate-shape",
        "stopwords": "boilerplate-stopwords",
    }

    def setup(self, lexicons: Lexicons) -> None:
        languages = lexicons.table(self.params["stopwords"])["languages"]
        self._model = Model.from_table(lexicons.table(self.params["model"]), languages)
        self._phrases = TemplatePhrases.shared(lexicons, PHRASE_LEXICONS)

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        blocks = page_blocks(unit)  # an HTML page's <title> is the page's, not a line of the article
        if unit.kind not in self.params["kinds"] or len(blocks) < 2:
            return
        model = self._model

        def is_phrase(text: str) -> bool:
            return self._phrases.matches(text, ctx)

        for block, scored in zip(blocks, score_blocks(blocks, model, is_phrase)):
            if scored is None or scored.score < model.threshold or is_phrase(block.text):
                continue  # template phrases are left to the BP0xx rule that names them
            yield ctx.report(
                block.start,
                block.end,
                f"Line looks like a {_KIND_NAMES[scored.kind]} of the page template, not article text "
                f"(signals: {', '.join(scored.signals)}); remove it if it is not part of the article.",
                fix=block_deletion(ctx, block, Applicability.UNSAFE, "Remove the line"),
            )
