"""Safe fixes keep the markup whole, on generated Markdown and HTML and on real HTML pages.

Applying every safe fix of a document (one pass, as ``--fix``, ``--diff``, pre-commit and the
language server's "fix all" do) must give markup that parses to the same structure minus whole
removed elements: no tag left without its partner, no element emptied of its text, no stray
link brackets; and checking the fixed text again finds nothing new where a fix removed markup.
The real documents are this repository's Markdown (README, docs, seeds), the Markdown long
descriptions of the packages installed beside artlint (third-party Markdown that is always
there, offline), and the boilerplate corpus's 336 dev pages (skipped when the corpora are absent).
"""

from __future__ import annotations

import importlib.metadata
import re
from collections import Counter
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from artlint.config import Overrides
from artlint.fix import apply_edits, compatible, wanted
from artlint.model import Edit, Finding
from artlint.runner import Runner
from artlint.source import decode

RUNNER = Runner(Overrides(isolated=True))
PAGES = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "boilerplate" / "dev" / "pages"
VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"))
OPTIONAL_END = frozenset(("li", "p", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "colgroup",
                          "caption"))
EMPTIABLE = ("p", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "strong", "em", "span",
             "blockquote", "ul", "ol", "figcaption")
_PROLOG = re.compile(r"^\s*<\?xml[^>]*>")
_MD = MarkdownIt("commonmark").enable("table")
CONTEXTUAL = ("BP1", "BP020", "MT009")
"""Rules that judge a block by the blocks around it (the page-template classifier, the template
shape of a line by its place before or after the article's prose, a paragraph without the closing
punctuation of its neighbours): removing template blocks may change their verdict on the blocks
that stay, which is no damage done by the fix."""

SENTENCES = (
    "The council met on Monday and approved the budget for the coming year.",
    "Residents asked for more buses on the northern routes.",
    "The mayor said the  plan would cut waiting times by a third.",
    "Officials said the the new depot opens in March.",
    "Work on the bridge starts next spring, the engineers said.",
)
KEY_WORDS = ("budget", "northern", "waiting", "depot", "engineers")
"""One word of each sentence above that no fix touches."""
TEMPLATE = (
    "Leave a Reply",
    "Share this article",
    "Subscribe to our newsletter",
    "Advertisement",
    "Related Articles",
    "Tags: politics, council",
    "12 Comments",
    "Read more:",
    "See also:",
)


class _Tags(HTMLParser):
    """The start and end tags of a page, in order (void elements left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.events.append(("start", tag))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.events.append(("end", tag))


def html_tags(text: str) -> list[tuple[str, str]]:
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser.events


def empty_elements(text: str) -> tuple[int, int]:
    """Elements that hold no text and no element (lxml builds the page), and headings that hold
    a heading: lxml nests them where HTML (and artlint) closes the outer one, already empty."""
    import lxml.html  # trafilatura's dependency, so artlint's too

    root = lxml.html.fromstring(_PROLOG.sub("", text) or "<p>x</p>")
    empty = sum(1 for element in root.iter(*EMPTIABLE) if len(element) == 0 and not element.text_content().strip())
    headings = ("h1", "h2", "h3", "h4", "h5", "h6")
    nested = sum(1 for element in root.iter(*headings) if any(True for _ in element.iterdescendants(*headings)))
    return empty, nested


def is_subsequence(short: Iterable[object], long: Iterable[object]) -> bool:
    rest = iter(long)
    return all(any(item == other for other in rest) for item in short)


def markdown_shape(text: str) -> tuple[list[str], Counter[str], Counter[str]]:
    """Block token types in order, link targets, and bracket characters in the inline text."""
    tokens = _MD.parse(text)
    blocks = [t.type for t in tokens if t.type != "inline"]
    links: Counter[str] = Counter()
    brackets: Counter[str] = Counter()
    for token in tokens:
        for child in token.children or []:
            if child.type == "link_open":
                links[str(child.attrs.get("href"))] += 1
            elif child.type == "text":
                brackets.update(c for c in child.content if c in "[]")
    return blocks, links, brackets


def fix_once(text: str, kind: str) -> tuple[str, list[Finding], list[Edit]]:
    """The text with every compatible safe fix applied, its findings before, and the edits."""
    findings = RUNNER.check_text(text, kind=kind)
    edits = [edit for fix in compatible(wanted(findings, unsafe=False)) for edit in fix.edits]
    return apply_edits(text, edits), findings, edits


def moved(offset: int, edits: list[Edit]) -> int:
    """Where ``offset`` of the text lands in the fixed text (an edit's start, if inside it)."""
    shift = 0
    for edit in sorted(edits, key=lambda e: e.start):
        if edit.end <= offset and edit.start < offset:
            shift += len(edit.replacement) - (edit.end - edit.start)
        elif edit.start < offset:
            return edit.start + shift
    return offset + shift


def check_fix(text: str, kind: str) -> str:
    """Assert that the safe fixes of ``text`` keep its markup whole; return the fixed text."""
    fixed, before, edits = fix_once(text, kind)
    if kind == "html":
        old, new = html_tags(text), html_tags(fixed)
        assert is_subsequence(new, old), "the fixed page has tags the page did not have"
        counts = Counter(old)
        unbalanced = {tag for _, tag in counts if counts["start", tag] != counts["end", tag]}
        for edit in edits:
            removed = Counter(html_tags(text[edit.start : edit.end]))
            for tag in {tag for _, tag in removed}:
                starts, ends = removed[("start", tag)], removed[("end", tag)]
                # an element whose end tag HTML lets pages leave out may go without one; so may
                # a tag the page itself leaves unbalanced (removing such debris is no damage)
                assert starts == ends or tag in unbalanced or (tag in OPTIONAL_END and ends < starts), (
                    f"<{tag}> removed without its end tag (or the reverse)")
        (empty_before, nested), (empty_after, _) = empty_elements(text), empty_elements(fixed)
        assert empty_after <= empty_before + nested, "a fix emptied an element"
    else:
        old_blocks, old_links, old_brackets = markdown_shape(text)
        new_blocks, new_links, new_brackets = markdown_shape(fixed)
        assert is_subsequence(new_blocks, old_blocks), "a fix changed the block structure"
        assert not new_links - old_links and not new_brackets - old_brackets, "a fix left link debris"
        assert fixed.count("[](") <= text.count("[]("), "a fix emptied a link"
    # Debris is left where markup was cut; an edit of text alone may reveal a finding (a space
    # removed before a colon makes "Search:" a menu label) without damaging anything.
    places = [moved(edit.start, edits) for edit in edits if any(c in text[edit.start : edit.end] for c in "<>[]")]
    known = [(f.code, moved(f.start, edits), moved(f.end, edits)) for f in before]
    for finding in RUNNER.check_text(fixed, kind=kind):
        if finding.code.startswith(CONTEXTUAL):
            continue
        near = any(finding.start - 2 <= at <= finding.end + 2 for at in places)
        seen = any(code == finding.code and start <= finding.end and finding.start <= end for code, start, end in known)
        assert seen or not near, f"the fix caused {finding.code} {finding.excerpt!r}"
    return fixed


def assert_prose_kept(blocks: list[tuple[str, int, str]], fixed: str) -> None:
    """Safe fixes remove template residue and slips, never the article's sentences: the key word
    of each sentence ``build`` wrote as prose (not as the text of a "Read more:" or "See also:"
    link, styles 3 and 4, which is a teaser) is still there after the fixes."""
    expected: Counter[str] = Counter()
    for index, (text, style, container) in enumerate(blocks):
        prose = [text] if style < 3 else []
        if container in ("li", "row", "cells"):
            prose.append(SENTENCES[index % len(SENTENCES)])
        expected.update(word for sentence in prose for word in KEY_WORDS if word in sentence)
    for word, count in expected.items():
        assert fixed.count(word) >= count, f"a safe fix removed article text ({word!r})"


def _inline(kind: str, text: str, style: int) -> str:
    """``text`` as plain, bold, a whole link, or a label followed by a link."""
    if style == 0:
        return text
    if style == 1:
        head, _, tail = text.partition(" ")
        return f"**{head}** {tail}" if kind == "markdown" else f"<strong>{head}</strong> {tail}"
    if style == 2:
        return f"[{text}](https://example.invalid/a)" if kind == "markdown" else f'<a href="/a">{text}</a>'
    label = "Read more:" if style == 3 else "See also:"
    if kind == "markdown":
        return f"{label} [{text}](https://example.invalid/b)"
    return f'<strong>{label}</strong> <a href="/b">{text}</a>'


block_text = st.one_of(st.sampled_from(SENTENCES), st.sampled_from(TEMPLATE))
block = st.tuples(block_text, st.integers(0, 4), st.sampled_from(("p", "li", "h2", "quote", "div", "row", "cells")))


def build(kind: str, blocks: list[tuple[str, int, str]]) -> str:
    out: list[str] = []
    for index, (text, style, container) in enumerate(blocks):
        inner = _inline(kind, text, style)
        other = SENTENCES[index % len(SENTENCES)]
        if kind == "markdown":
            out.append({"p": inner, "li": f"- {inner}\n- {other}", "h2": f"## {inner}", "quote": f"> {inner}",
                        "div": inner, "row": f"| {inner} |\n|---|\n| {other} |",
                        "cells": f"| a | b |\n|---|---|\n| {inner} | {other} |"}[container])
        else:
            out.append({"p": f"<p>{inner}</p>", "li": f"<ul><li>{inner}</li><li>{other}</li></ul>",
                        "h2": f"<h2>{inner}</h2>", "quote": f"<blockquote><p>{inner}</p></blockquote>",
                        "div": f"<div><p>{inner}</p></div>",
                        "row": f"<table><tr><td>{inner}</td></tr><tr><td>{other}</td></tr></table>",
                        "cells": f"<table><tr><td>{inner}</td><td>{other}</td></tr></table>"}[container])
    return "\n\n".join(out) + "\n"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(block, min_size=1, max_size=8))
def test_safe_fixes_keep_generated_markdown_whole(blocks: list[tuple[str, int, str]]) -> None:
    assert_prose_kept(blocks, check_fix(build("markdown", blocks), "markdown"))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(block, min_size=1, max_size=8))
def test_safe_fixes_keep_generated_html_whole(blocks: list[tuple[str, int, str]]) -> None:
    assert_prose_kept(blocks, check_fix("<html><body>\n" + build("html", blocks) + "</body></html>\n", "html"))


def test_the_damage_of_the_issue_is_gone() -> None:
    text = "Intro line of the story here.\n\nRead more: [Our previous post](https://example.invalid/p)\n"
    assert fix_once(text, "markdown")[0] == "Intro line of the story here.\n\n"
    page = '<p>Intro line of the story here.</p>\n<p><strong>See also:</strong> <a href="/bus">Bus news</a></p>\n'
    assert fix_once(page, "html")[0] == "<p>Intro line of the story here.</p>\n"


def test_a_container_whose_blocks_all_go_goes_whole() -> None:
    page = "<p>Intro line of the story here.</p>\n<ul><li>Share this article</li><li>Leave a Reply</li></ul>\n<p>End.</p>\n"
    assert fix_once(page, "html")[0] == "<p>Intro line of the story here.</p>\n<p>End.</p>\n"
    text = "Intro line of the story here.\n\n> Share this article\n>\n> Leave a Reply\n\nEnd.\n"
    assert fix_once(text, "markdown")[0] == "Intro line of the story here.\n\nEnd.\n"


def test_a_table_cell_is_not_deleted_alone() -> None:
    page = "<table><tr><td>Share this article</td><td>Prices rose by a third in May.</td></tr></table>\n"
    findings = RUNNER.check_text(page, kind="html")
    assert any(f.code == "BP003" for f in findings) and wanted(findings, unsafe=False) == []


def test_content_like_template_lines_get_unsafe_fixes_only() -> None:
    text = "The vote was held on Sunday.\n\nBy Jane Doe, Reporter | Updated 5 May 2024\n\n© 2024 Example Media Group\n"
    findings = RUNNER.check_text(text, kind="markdown")
    assert {f.code for f in findings if f.fix} >= {"BP013"}
    assert wanted(findings, unsafe=False) == []


def test_safe_fixes_keep_real_markdown_whole() -> None:
    repo = Path(__file__).resolve().parents[2]
    documents = [repo / "README.md", *sorted((repo / "docs").glob("*.md")), *sorted((repo / "seeds").glob("*.md"))]
    assert len(documents) >= 3
    for path in documents:
        text = path.read_text(encoding="utf-8")
        headings = [line for line in text.splitlines() if line.startswith("#")]
        fixed_lines = check_fix(text, "markdown").splitlines()
        assert [line for line in fixed_lines if line.startswith("#")] == headings, f"a safe fix changed a heading of {path.name}"


MAX_DESCRIPTIONS = 60
MAX_DESCRIPTION_CHARS = 50_000


def _field(meta: importlib.metadata.PackageMetadata, key: str) -> str:
    """The first value of ``key`` in a package's metadata, "" without one (importlib_metadata's
    metadata, which replaces the standard library's once imported, raises KeyError for it)."""
    values = meta.get_all(key) or []
    return str(values[0]) if values else ""


def package_descriptions() -> list[tuple[str, str]]:
    """(name, text) of the Markdown long descriptions of installed packages other than artlint,
    by name, at most ``MAX_DESCRIPTIONS`` of them and none longer than ``MAX_DESCRIPTION_CHARS``."""
    found: dict[str, str] = {}
    for dist in importlib.metadata.distributions():
        meta = dist.metadata
        name = _field(meta, "Name")
        text = meta.get_payload() or _field(meta, "Description")  # type: ignore[attr-defined]
        markdown = "markdown" in _field(meta, "Description-Content-Type").lower()
        if markdown and name.lower() != "artlint" and text.strip() and len(text) <= MAX_DESCRIPTION_CHARS:
            found.setdefault(name.lower(), text)
    return sorted(found.items())[:MAX_DESCRIPTIONS]


def test_safe_fixes_keep_third_party_markdown_whole() -> None:
    documents = package_descriptions()
    assert len(documents) >= 10, "the test environment has fewer Markdown package descriptions than expected"
    for name, text in documents:
        headings = [line for line in text.splitlines() if line.startswith("#")]
        fixed_lines = check_fix(text, "markdown").splitlines()
        assert [line for line in fixed_lines if line.startswith("#")] == headings, f"a safe fix changed a heading of {name}"


@pytest.mark.skipif(not PAGES.is_dir(), reason="the boilerplate corpus is not here")
def test_safe_fixes_keep_real_pages_whole() -> None:
    pages = sorted(PAGES.glob("*.html"))
    assert len(pages) > 300
    for path in pages:
        text = decode(path.read_bytes(), markup="html").text
        check_fix(text, "html")


def test_a_menu_label_as_a_heading_gets_an_unsafe_fix_only() -> None:
    text = "## FAQ\n\nThe family returned home on Sunday.\n\nHome\n"
    findings = [f for f in RUNNER.check_text(text, kind="markdown") if f.code == "BP008"]
    assert [f.excerpt for f in findings] == ["FAQ", "Home"]
    heading, paragraph = findings
    assert wanted([heading], unsafe=False) == [] and len(wanted([paragraph], unsafe=False)) == 1
