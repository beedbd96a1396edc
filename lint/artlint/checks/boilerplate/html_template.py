"""BP101-BP109: page template in HTML input, decided with a main-content extractor and the DOM.

trafilatura (imported lazily, for HTML documents only, once per document) decides which text is
the article; its output is aligned with the document's blocks through hash lookups (its lines
and table cells, its word trigrams) and, for blocks of one or two words, a bounded search just
after the previous kept block, so the alignment is linear. Every block it leaves out is
reported under the code of the template container that holds it (the innermost ancestor whose
element name or class/id tokens the ``boilerplate-containers`` lexicon lists), or as BP109
when no container names it. Two checks guard against the extractor's misses: when it keeps less
than a share of the page's prose, it is asked again favouring recall (the answer that keeps more
prose wins), and a left-out block in no named container that sits where kept article text sits
(the same chain of ancestors) and ends like a sentence is article text too, as is a paragraph of
prose in an element whose own text was kept, and so is left-out
prose just before the first kept paragraph, or a statement right under the headline (the
standfirst, which extractors often drop with the headline). A kept heading over a section that is all template, or all links (a "More from our
site" box inside the article, which extractors keep), is template with it; so is, after the
article's last sentence, a kept paragraph mostly of link text ("Read also: ...", a source link) and
a kept heading with no section of its own right over template; anywhere, a kept short paragraph that
is a label and a linked headline ("Read this too: <linked headline>" in any language) is a teaser. Left-out list items and table
cells without links, in the element that holds the kept prose and between its first and last
paragraph, are article text (the ingredient list or the data table extractors drop). Consecutive blocks of one kind are one finding: the template region
(a whole menu, a footer), whose source span also covers the markup between its blocks. Without
trafilatura, blocks inside named containers are still reported and BP109 stays silent.
"""

import os
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from itertools import pairwise
from typing import Any, ClassVar, NamedTuple

from artlint.errors import MissingExtra
from artlint.lexicon import Lexicons
from artlint.markup.document import Block, BlockKind, Document
from artlint.model import Family
from artlint.rule import Context, Report, Rule, Scope
from artlint.text.tokens import word_count, word_texts
from artlint.text.tokens import words as tokenise

OUTSIDE = "outside"  # the kind of a left-out block that no container names
# The patterns of HTML documents stay source text until the first one comes (most runs check none):
# ``re`` compiles each then, and keeps it.
_IGNORABLE = "[\u00ad\u200b\u200c\u200d\u2060\ufeff\ufffc]"
_SPACE = r"\s+"
_TOKEN_SPLIT = r"[-_\s:]+|(?<=[a-z])(?=[A-Z])"
# The hash that CSS Modules append to a class name ("Layout_main__2pNav"): five characters after
# "__", with a digit or two capitals; its letters are no words ("2pNav" is no "nav").
_MODULE_HASH = r"__(?=[A-Za-z0-9_-]{5}$)(?=.*(?:\d|[A-Z].*[A-Z]))[A-Za-z0-9_-]{5}$"
_DESCRIPTOR = r"^([^#.]*)(?:#([^.]*))?((?:\.[^.]+)*)$"
_SENTENCE_END = r"[.!?][\"'”’“»)\]]*$"
_FIGURE = r"fig(?:ure|caption)(?![^#.])"  # the descriptor of a figure or its caption
_FORM = r"form(?![^#.])"  # the descriptor of a form
_HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
_ITEMS = frozenset({"li", "td", "th"})  # list items and table cells
_PAGE = frozenset({"html", "body"})  # elements that hold the whole page: they name no template container
_SHORT_WINDOW = 300  # how far after the last kept block a block of one or two words may be found


class HtmlAnalysis(NamedTuple):
    """The residue kind of every block reported in one HTML document, by block index."""

    kinds: dict[int, str]

    def regions(self, kind: str) -> Iterator[tuple[int, int]]:
        """Runs of consecutive blocks of ``kind``, as (first, last) block indexes."""
        run: list[int] = []
        for index in sorted(i for i, k in self.kinds.items() if k == kind):
            if run and index != run[-1] + 1:
                yield run[0], run[-1]
                run = []
            run.append(index)
        if run:
            yield run[0], run[-1]


def analyse(document: Document, containers: "Containers", params: Mapping[str, Any]) -> HtmlAnalysis:
    """Which blocks are template, and of which kind."""
    kept = main_content(document, params)
    blocks = page_blocks(document)
    kinds: dict[int, str] = {}
    named = {block.index: containers.kind(block.meta.get("tags", ())) for block in blocks}
    # Where the kept article text sits: a block in the same chain of ancestors (or a paragraph in an
    # element whose own text was kept) is article text too (``_beside``).
    article_paths = {block.meta.get("tags", ()) for block in blocks if kept is not None and block.index in kept}
    lead = _lead(blocks, kept, named, params) | _standfirsts(blocks, named, params) if kept is not None else set()
    for block in blocks:
        kind = named[block.index]
        if kept is None:
            if kind is not None:
                kinds[block.index] = kind
        elif (
            block.index not in kept
            and block.index not in lead
            and not (kind is None and _beside(block, article_paths, params))
        ):
            kinds[block.index] = kind or OUTSIDE
    if kept is not None:
        _keep_items(blocks, kept, kinds, params)
        tail = _tail(blocks, kinds, params["link-share"])
        for n, block in enumerate(blocks):
            if block.index not in kinds and (
                _teaser_line(block, params) or (n >= tail and _trailing_link(block, params))
            ):
                kinds[block.index] = "related"
        _section_headings(blocks, kinds, params["link-share"], tail)
    return HtmlAnalysis(kinds)


def _beside(block: Block, article_paths: set[tuple[str, ...]], params: Mapping[str, Any]) -> bool:
    """Whether a left-out block sits where kept article text sits: a sentence in the same chain of
    ancestors, or a paragraph (``p``) of prose in an element whose own text was kept (a post whose
    text runs straight in its ``div`` with paragraphs between; an image and its caption there sit in
    a ``div`` or ``figure`` of their own)."""
    tags = block.meta.get("tags", ())
    if tags in article_paths:
        return _sentence(block, params["link-share"])
    return block.meta.get("tag") == "p" and tags[:-1] in article_paths and _is_prose(block, params)


def _keep_items(blocks: Sequence[Block], kept: set[int], kinds: dict[int, str], params: Mapping[str, Any]) -> None:
    """Left-out list items and table cells with no link text, in no named container and no form, that
    lie in the element holding all of the article's kept prose, between its first and last paragraph of
    prose, are article text: ingredient lists, data tables and feature lists that extractors drop from
    the article. (A menu or a box of teasers is links; a form is no article.)"""
    prose = [n for n, block in enumerate(blocks) if block.index in kept and _is_prose(block, params)]
    if len(prose) < 2:
        return
    paths = [blocks[n].meta.get("tags", ())[:-1] for n in prose]
    shared = len(os.path.commonprefix(paths))  # the element that holds the kept prose, by its ancestors
    for block in blocks[prose[0] : prose[-1]]:
        tags = block.meta.get("tags", ())
        if (
            kinds.get(block.index) == OUTSIDE
            and block.meta.get("tag") in _ITEMS
            and not block.meta.get("link_chars")
            and tags[:shared] == paths[0][:shared]
            and not any(re.match(_FORM, descriptor) for descriptor in tags)
        ):
            del kinds[block.index]


def _tail(blocks: Sequence[Block], kinds: Mapping[int, str], link_share: float) -> int:
    """The position after the article's last sentence (a block not reported that ends like a sentence
    and is mostly not link text), or after the last block when there is none."""
    last = max((n for n, b in enumerate(blocks) if b.index not in kinds and _sentence(b, link_share)), default=None)
    return len(blocks) if last is None else last + 1


def _trailing_link(block: Block, params: Mapping[str, Any]) -> bool:
    """Whether a kept block after the article's last sentence is a link line ("Read also: ...",
    a source or credit link, "Full results here"): a paragraph mostly of link text, short of a sentence of
    ``prose-words`` words (the last sentence of an article may hold a long link)."""
    return (
        block.kind is BlockKind.PARAGRAPH
        and _links(block, params["link-share"])
        and not (_ends_sentence(block) and word_count(block.text) >= params["prose-words"])
    )


def _teaser_line(block: Block, params: Mapping[str, Any]) -> bool:
    """Whether a kept paragraph is a teaser for another article set in the text: a label of two
    words or more, a colon, and a linked headline of three words or more that is all of the rest
    ("Read this too: <linked headline>", in any language), shorter than a sentence of prose and
    not ending like one."""
    text = block.text.rstrip()
    label, colon, headline = text.partition(": ")
    return (
        block.kind is BlockKind.PARAGRAPH
        and bool(colon)
        and block.meta.get("link_chars", 0) == len(headline)
        and word_count(label) >= 2
        and word_count(headline) >= 3
        and word_count(text) < params["prose-words"]
        and not _ends_sentence(block)
    )


def _section_headings(blocks: Sequence[Block], kinds: dict[int, str], link_share: float, tail: int) -> None:
    """A kept heading whose whole section (the blocks up to the next heading of its level or
    higher) is template or links is the title of a template box ("More from our site", "Related
    topics"): it takes the kind of the block after it when that section is all template; when
    two or more links (blocks mostly of link text) fill the rest of the section, the heading
    and its links are a related-links box. One pass from the end, so a heading over a
    sub-heading this marks is marked too; linear in the blocks (a section is scanned only when
    it is all template or links, and each block lies in at most six of those). After the article's
    last sentence (from ``tail`` on), a heading with no section of its own over template
    takes its kind too ("More on this topic:" over a teaser box), unless it ends like a sentence
    (a subtitle over a byline)."""
    after = len(blocks)  # position of the first block after the current one that is neither reported nor links
    ends = [len(blocks)] * 7  # by level: the position of the next heading of that level
    for n in range(len(blocks) - 1, -1, -1):
        block = blocks[n]
        level = _level(block)
        if level:
            end = min(ends[1 : level + 1])
            if block.index not in kinds and tail <= n and n + 1 == end < after and blocks[end].index in kinds:
                if not _ends_sentence(block):
                    kinds[block.index] = kinds[blocks[end].index]
            elif block.index not in kinds and n + 1 < end <= after:
                section = blocks[n + 1 : end]
                if all(b.index in kinds for b in section):
                    kinds[block.index] = kinds[section[0].index]
                else:
                    links = [b for b in section if b.index not in kinds]
                    if len(links) >= 2:
                        for b in (block, *links):
                            kinds[b.index] = "related"
            ends[level] = n
        if block.index not in kinds and not _links(block, link_share):
            after = n


def _links(block: Block, link_share: float) -> bool:
    """Whether ``link_share`` or more of the block's text is link text."""
    linked: int = block.meta.get("link_chars", 0)
    return linked >= link_share * len(block.text)


def _level(block: Block) -> int:
    """The level of a heading block (1 to 6), or 0."""
    tag = block.meta.get("tag", "")
    return int(tag[1]) if tag in _HEADINGS else 0


def _lead(
    blocks: Sequence[Block], kept: set[int], named: Mapping[int, str | None], params: Mapping[str, Any]
) -> set[int]:
    """The left-out prose just before the first kept paragraph of prose (at most ``lead-blocks``
    blocks before it), in no named container and no figure: the standfirst or the opening
    paragraphs, which extractors often leave out with the headline and byline around them. A
    caption is not a lead, and template notices there sit in named containers or are short."""
    first = next((n for n, block in enumerate(blocks) if block.index in kept and _is_prose(block, params)), None)
    if first is None:
        return set()
    return {
        block.index
        for block in blocks[max(0, first - params["lead-blocks"]) : first]
        if block.index not in kept
        and named[block.index] is None
        and not any(re.match(_FIGURE, descriptor) for descriptor in block.meta.get("tags", ()))
        and _is_prose(block, params)
    }


def _standfirsts(blocks: Sequence[Block], named: Mapping[int, str | None], params: Mapping[str, Any]) -> set[int]:
    """The block right under a headline (``h1``), in no named container or one named a teaser (sites
    call the standfirst so: "article-teaser"), that reads as a statement of ``standfirst-words`` words
    or more: the standfirst, however short, which extractors often leave out with the headline. A
    call to action there ends with "!" and is not one."""
    return {
        block.index
        for heading, block in pairwise(blocks)
        if heading.meta.get("tag") == "h1"
        and named[block.index] in (None, "related")
        and _sentence(block, params["link-share"])
        and not block.text.rstrip().endswith("!")
        and word_count(block.text) >= params["standfirst-words"]
    }


def _is_prose(block: Block, params: Mapping[str, Any]) -> bool:
    """A sentence of ``prose-words`` words or more, mostly not link text."""
    return _sentence(block, params["link-share"]) and word_count(block.text) >= params["prose-words"]


def _sentence(block: Block, link_share: float) -> bool:
    """Whether ``block`` ends like a sentence and less than ``link_share`` of its text is link text."""
    return _ends_sentence(block) and not _links(block, link_share)


def _ends_sentence(block: Block) -> bool:
    """Whether ``block`` ends like a sentence."""
    return bool(re.search(_SENTENCE_END, block.text.rstrip()))


def _prose(blocks: Sequence[Block], params: Mapping[str, Any]) -> dict[int, int]:
    """The prose blocks among ``blocks`` (sentences of ``prose-words`` words or more, mostly not link
    text): their characters by block index."""
    return {block.index: len(block.text) for block in blocks if _is_prose(block, params)}


def _chars(prose: Mapping[int, int], kept: set[int]) -> int:
    """The characters of the prose blocks in ``kept``."""
    return sum(chars for index, chars in prose.items() if index in kept)


def normalise(text: str) -> str:
    """Whitespace collapsed, invisible characters and placeholders dropped, NFC."""
    return unicodedata.normalize("NFC", re.sub(_SPACE, " ", re.sub(_IGNORABLE, "", text)).strip())


def page_blocks(document: Document) -> list[Block]:
    """The blocks of the page body: the document title is the page's, never the extractor's article
    text (plain text, whose blocks have no tags, gives its list of blocks, not a copy)."""
    if document.kind == "text":
        return document.blocks
    return [block for block in document.blocks if block.meta.get("tag") != "title"]


def main_content(document: Document, params: Mapping[str, Any]) -> set[int] | None:
    """Indexes of the blocks the extractor keeps as the article; None when it extracts nothing.

    When what it keeps holds less than ``retry-share`` of the page's prose (it took a tagline or
    a warning for the article), it is asked once more, favouring recall, and the answer that keeps
    more prose is used. ``trigram-share``: the part of a block's word trigrams that must be in the
    output (see ``align``). trafilatura comes with the ``html`` extra: without it the HTML rules do
    not go quiet, each HTML document gets one AL900 that names the extra.
    """
    try:
        import trafilatura
    except ImportError:
        raise MissingExtra("the HTML template rules BP101-BP109", "trafilatura", "html") from None

    blocks = page_blocks(document)
    options = {"include_comments": params["comments-are-content"], "include_tables": True, "deduplicate": False}
    extracted = trafilatura.extract(document.text, **options)
    kept = align(blocks, extracted, params["trigram-share"]) if extracted else None
    prose = _prose(blocks, params)  # found once, summed over each answer's blocks
    total = sum(prose.values())
    if total and (kept is None or _chars(prose, kept) < params["retry-share"] * total):
        again = trafilatura.extract(document.text, favor_recall=True, **options)
        if again:
            recalled = align(blocks, again, params["trigram-share"])
            if kept is None or _chars(prose, recalled) > _chars(prose, kept):
                kept = recalled
    return kept


def align(blocks: Sequence[Block], extracted: str, share: float) -> set[int]:
    """Blocks whose text the extractor kept: a line or table cell of its output, at least ``share`` of
    their word trigrams found in it, or (one or two words) found shortly after the previous kept block.

    A teaser for a related story repeats some of the article's words, so half of its trigrams
    can be found in the article by chance; text the extractor kept has nearly all of them."""
    pieces: set[str] = set()
    for line in extracted.splitlines():
        text = normalise(line)
        pieces.add(text)
        pieces.update(cell.strip() for cell in text.split(" | "))
    whole = normalise(extracted)
    words = [(w.lower, w.end) for w in tokenise(whole)]
    trigrams: dict[tuple[str, str, str], int] = {}
    for (a, _), (b, _), (c, end) in zip(words, words[1:], words[2:]):
        trigrams.setdefault((a, b, c), end)
    kept: set[int] = set()
    position = 0
    for block in blocks:
        text = normalise(block.text)
        if not text:
            continue
        tokens = [w.lower() for w in word_texts(text)]
        if text in pieces:
            kept.add(block.index)
        elif len(tokens) >= 3:
            hits = [trigrams.get(gram) for gram in zip(tokens, tokens[1:], tokens[2:])]
            found = [h for h in hits if h is not None]
            if len(found) >= share * len(hits):
                kept.add(block.index)
                position = max(position, max(found))
        else:
            at = whole.find(text, position, position + len(text) + _SHORT_WINDOW)
            if at >= 0:
                kept.add(block.index)
                position = at + len(text)
    return kept


class Containers:
    """Template containers by kind: element names and class/id tokens (a ``boilerplate-containers`` table);
    the page's ``<html>`` and ``<body>`` are never one."""

    def __init__(self, table: Mapping[str, Any]) -> None:
        self._tags = {tag: kind for kind, entry in table.items() for tag in entry.get("tags", [])}
        self._tokens: dict[str, str] = {}
        for kind, entry in table.items():
            for token in entry.get("tokens", []):
                self._tokens.setdefault(token, kind)
        self._cache: dict[str, str | None] = {}

    def kind(self, descriptors: Sequence[str]) -> str | None:
        """The kind named by the innermost matching ancestor (``tag#id.class`` descriptors, outermost first)."""
        for descriptor in reversed(descriptors):
            if descriptor not in self._cache:
                self._cache[descriptor] = self._match(descriptor)
            if self._cache[descriptor] is not None:
                return self._cache[descriptor]
        return None

    def _match(self, descriptor: str) -> str | None:
        parsed = re.match(_DESCRIPTOR, descriptor)
        if parsed is None:
            return None
        tag, element_id, classes = parsed.group(1), parsed.group(2) or "", parsed.group(3)
        if tag in _PAGE:
            return None  # its classes describe the page ("has-sidebar", "cookie-banner-open"), not a block
        if tag in self._tags:
            return self._tags[tag]
        for name in (element_id, *classes.split(".")):
            for token in re.split(_TOKEN_SPLIT, re.sub(_MODULE_HASH, "", name)):
                kind = self._tokens.get(token.lower())
                if kind is not None:
                    return kind
        return None


class HtmlTemplate(Rule):
    """Base of the HTML rules: reports the left-out blocks of one residue kind"""

    residue: ClassVar[str] = ""
    family = Family.BOILERPLATE
    scope = Scope.DOCUMENT
    example_kind = "html"
    defaults: ClassVar[Mapping[str, Any]] = {
        "containers": "boilerplate-containers",
        "comments-are-content": False,
        "trigram-share": 0.67,
        "prose-words": 20,
        "retry-share": 0.5,
        "link-share": 0.5,
        "lead-blocks": 8,
        "standfirst-words": 10,
    }
    message: ClassVar[str] = ""

    def setup(self, lexicons: Lexicons) -> None:
        self._containers = Containers(lexicons.table(self.params["containers"]))

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        if unit.kind != "html":
            return
        # The rules of one run share the analysis of a document (and of the parameters it depends on).
        key = ("html-template", *(str(self.params[name]) for name in sorted(HtmlTemplate.defaults)))
        found = ctx.analysis.derived(key, lambda: analyse(unit, self._containers, self.params))
        for first, last in found.regions(self.residue):
            yield ctx.report(unit.blocks[first].start, unit.blocks[last].end, self.message)


_ARTICLE = (
    "<article><h1>Council approves the budget</h1>"
    "<p>The council approved the new budget on Tuesday after a debate that lasted for most of the day, and the "
    "mayor said that the money would be spent on schools, libraries and roads over the next two years.</p>"
    "<p>Opposition members said the plan was too vague, but they did not vote against it in the end, because "
    "they wanted the repairs to the old bridge to start before the winter and the first snow.</p>"
    "<p>The budget will be published in full on the city's website next week, a spokeswoman said.</p></article>"
)


def _page(before: str, after: str = "") -> str:
    return f"<html><body>{before}{_ARTICLE}{after}</body></html>"


class Kind(NamedTuple):
    """One HTML rule: its code, name, residue kind, summary, message, rationale and example."""

    code: str
    name: str
    residue: str
    summary: str
    message: str
    why: str
    fires: str


KINDS: tuple[Kind, ...] = (
    Kind(
        "BP101", "html-navigation", "navigation", "Menu, breadcrumb or pagination text outside the article (HTML)",
        "Navigation (menu, breadcrumb or pagination) outside the article; remove it from the article text.",
        "Menus, breadcrumbs and pagination are the site's navigation; a `nav` element or a class such as `menu` or "
        "`breadcrumb` marks them.",
        _page('<nav><ul><li><a href="/">⟦Front page</a></li><li><a href="/w">World affairs⟧</a></li></ul></nav>'),
    ),
    Kind(
        "BP102", "html-related", "related", "Related-article teasers outside the article (HTML)",
        "Related-article teaser outside the article; remove it from the article text.",
        "Teasers for other articles sit in containers named `related`, `recommended`, `teaser` or `popular`; they "
        "are not part of this article.",
        _page("", '<div class="related-posts"><a href="/x">⟦Bridge repairs delayed again⟧</a></div>'),
    ),
    Kind(
        "BP103", "html-comments", "comments", "Comment section text outside the article (HTML)",
        "Comment-section text outside the article; remove it from the article text.",
        "Comment sections (`comments`, `respond`, `disqus` containers) hold forms and readers' posts, not the "
        "article.",
        _page("", '<div id="comments"><h3>⟦Join the conversation⟧</h3></div>'),
    ),
    Kind(
        "BP104", "html-share", "share", "Share or follow buttons outside the article (HTML)",
        "Share or follow buttons outside the article; remove them from the article text.",
        "Share bars and follow buttons (`share`, `social`, `shariff` containers) are page furniture.",
        _page('<div class="social-share"><a href="/s">⟦Send to a friend⟧</a></div>'),
    ),
    Kind(
        "BP105", "html-notice", "notice", "Cookie, newsletter, login or paywall notice outside the article (HTML)",
        "Cookie, newsletter, login or paywall notice outside the article; remove it from the article text.",
        "Consent banners, newsletter boxes, login prompts and paywall overlays (`cookie`, `consent`, `newsletter`, "
        "`paywall`, `modal` containers) are injected into every page.",
        _page('<div class="newsletter-box"><p>⟦Get the morning briefing in your inbox⟧</p></div>'),
    ),
    Kind(
        "BP106", "html-footer", "footer", "Footer text outside the article (HTML)",
        "Footer text outside the article; remove it from the article text.",
        "The site footer (`footer` element, `footer`, `copyright` or `legal` containers) repeats on every page.",
        _page("", "<footer><p>⟦Gazette Media Group, 12 High Street, Springfield⟧</p></footer>"),
    ),
    Kind(
        "BP107", "html-sidebar", "sidebar", "Sidebar or widget text outside the article (HTML)",
        "Sidebar or widget text outside the article; remove it from the article text.",
        "Sidebars and widgets (`aside` element, `sidebar` or `widget` containers) belong to the page, not the "
        "article.",
        _page("", "<aside><p>⟦Weather in Springfield: sunny, 21 degrees⟧</p></aside>"),
    ),
    Kind(
        "BP108", "html-advertisement", "advertisement", "Advertisement or sponsored block outside the article (HTML)",
        "Advertisement or sponsored content outside the article; remove it from the article text.",
        "Ad slots and sponsored boxes (`ad`, `advert`, `sponsor`, `promo` containers) are not article text.",
        _page('<div class="ad-slot"><p>⟦Cheap flights to Rome from 19 euros⟧</p></div>'),
    ),
    Kind(
        "BP109", "html-outside-article", OUTSIDE,
        "Text the main-content extractor leaves out of the article, in no named container (HTML)",
        "Text outside the article's main content (page template); remove it from the article text.",
        "trafilatura, the main-content extractor that does best on the standard benchmarks, leaves this block out "
        "of the article, and no template container names it. It is a statistical decision.",
        _page('<div class="top"><p>⟦Springfield Gazette, your town since 1881⟧</p></div>'),
    ),
)  # fmt: skip


def _rule(kind: Kind) -> type[HtmlTemplate]:
    """The rule class of one kind (a subclass of ``HtmlTemplate`` named after its code)."""
    attributes = {
        "__doc__": kind.summary, "__module__": __name__, "__qualname__": f"HtmlTemplate{kind.code}",
        "code": kind.code, "name": kind.name, "residue": kind.residue, "message": kind.message, "why": kind.why,
        "fires": (kind.fires,), "silent": (_page(""),),
    }  # fmt: skip
    return type(f"HtmlTemplate{kind.code}", (HtmlTemplate,), attributes)


HTML_RULES: tuple[type[HtmlTemplate], ...] = tuple(_rule(kind) for kind in KINDS)
