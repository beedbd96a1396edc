"""The markup parsers: plain text, blocks, directives, and the offset map back to the source."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.token import Token

from artlint.markup import BlockKind, DirectiveKind, Document, parse
from artlint.markup.directives import parse_directive
from artlint.markup.offsets import PLACEHOLDER
from artlint.source import SourceText, decode

BOM = b"\xef\xbb\xbf"


def parsed(text: str, kind: str) -> Document:
    """``text`` parsed as ``kind``, after checking the invariants every document must keep."""
    doc = parse(SourceText(text), kind)
    assert_invariants(doc)
    return doc


def assert_invariants(doc: Document) -> None:
    """Exact segments copy the source; blocks are the plain text between "\\n\\n" gaps."""
    previous_end = 0
    for seg in doc.offsets.segments:
        assert seg.plain_start >= previous_end and seg.plain_len > 0
        assert 0 <= seg.src_start <= seg.src_end <= len(doc.text)
        if seg.exact:
            assert seg.src_end - seg.src_start == seg.plain_len
            assert doc.text[seg.src_start : seg.src_start + seg.plain_len] == doc.plain[seg.plain_start : seg.plain_end]
        previous_end = seg.plain_end
    starts = [seg.src_start for seg in doc.offsets.segments]
    assert starts == sorted(starts)
    for i, block in enumerate(doc.blocks):
        assert block.index == i
        assert doc.plain[block.start : block.end] == block.text
    if doc.kind != "text":
        assert doc.plain == "\n\n".join(block.text for block in doc.blocks)


def source_of(doc: Document, phrase: str, nth: int = 0) -> str:
    """The source text that displays the ``nth`` occurrence of ``phrase`` in the plain text."""
    start = -1
    for _ in range(nth + 1):
        start = doc.plain.find(phrase, start + 1)
        assert start >= 0, f"{phrase!r} not in plain text {doc.plain!r}"
    begin, end = doc.offsets.span(start, start + len(phrase))
    return doc.text[begin:end]


def texts(doc: Document) -> list[tuple[BlockKind, str]]:
    return [(block.kind, block.text) for block in doc.blocks]


# -- directives ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "kind", "codes"),
    [
        (" artlint-disable BP001, BP002 ", DirectiveKind.DISABLE, ("BP001", "BP002")),
        ("artlint-disable", DirectiveKind.DISABLE, ()),
        (" artlint-enable bp ", DirectiveKind.ENABLE, ("BP",)),
        ("artlint-enable", DirectiveKind.ENABLE, ()),
        (" artlint-disable-next-line ST001 ST002 ", DirectiveKind.DISABLE_NEXT_LINE, ("ST001", "ST002")),
        ("\n  artlint-disable BP001,\n  ST -- syndicated copy\n", DirectiveKind.DISABLE, ("BP001", "ST")),
    ],
)
def test_directive_kinds_and_codes(body: str, kind: DirectiveKind, codes: tuple[str, ...]) -> None:
    directive = parse_directive(body, 10, 40)
    assert directive is not None
    assert (directive.kind, directive.codes, directive.start, directive.end) == (kind, codes, 10, 40)


@pytest.mark.parametrize("body", [" a plain comment ", "eslint-disable", "artlint is checked in CI"])
def test_comments_that_are_not_directives(body: str) -> None:
    assert parse_directive(body, 0, 10) is None


@pytest.mark.parametrize(
    "body", ["artlint-disabled BP001", "artlint-disable passive voice", "artlint-disable-next BP001", "artlint: disable"]
)
def test_comments_meant_as_directives_are_malformed(body: str) -> None:
    directive = parse_directive(body, 0, 10)
    assert directive is not None and (directive.kind, directive.codes) == (DirectiveKind.MALFORMED, ())


# -- plain text ---------------------------------------------------------------------------


def test_text_crlf_bom_and_emoji() -> None:
    doc = parse(decode(BOM + "First 😀 line.\r\n\r\n  Second line 𝄞 here.\r\n".encode()), "text")
    assert_invariants(doc)
    assert [b.text for b in doc.blocks] == ["First 😀 line.", "Second line 𝄞 here."]
    assert source_of(doc, "here") == "here"
    assert doc.text.index("here") == doc.plain.index("here")


# -- HTML ---------------------------------------------------------------------------------

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Headline in the title bar</title>
  <style>p { color: red; }</style>
  <script>var tracking = "<p>not prose</p>";</script>
</head>
<body>
<nav class="site-nav"><a href="/">Home</a> | <a href="/news">News</a></nav>
<main id="main">
<article class="story">
<h1>Council approves <em>record</em> budget</h1>
<p class="byline">By <a href="/staff/jane">Jane Doe</a></p>
<p>The city council voted 7&ndash;2 on Tuesday
   to approve a $1.2&nbsp;billion budget.</p>
<blockquote><p>We listened to residents.</p></blockquote>
<ul><li>Transit gets more buses.</li><li>Parks keep their hours.</li></ul>
<table><tr><th>Department</th><th>Change</th></tr><tr><td>Police</td><td>&minus;3%</td></tr></table>
<figure><img src="chamber.jpg" alt="The council chamber"><figcaption>The chamber on Tuesday.</figcaption></figure>
</article>
<aside class="related-links"><h2>Related</h2><ul><li><a href="/a">Other story</a></li></ul></aside>
</main>
<footer id="footer" class="site-footer cookie-banner"><p>&copy; 2024 The Paper</p></footer>
</body>
</html>
"""


def test_html_article_blocks_and_kinds() -> None:
    doc = parsed(ARTICLE_HTML, "html")
    assert texts(doc) == [
        (BlockKind.HEADING, "Headline in the title bar"),
        (BlockKind.PARAGRAPH, "Home | News"),
        (BlockKind.HEADING, "Council approves record budget"),
        (BlockKind.PARAGRAPH, "By Jane Doe"),
        (BlockKind.PARAGRAPH, "The city council voted 7–2 on Tuesday to approve a $1.2\u00a0billion budget."),
        (BlockKind.QUOTE, "We listened to residents."),
        (BlockKind.LIST_ITEM, "Transit gets more buses."),
        (BlockKind.LIST_ITEM, "Parks keep their hours."),
        (BlockKind.TABLE_CELL, "Department"),
        (BlockKind.TABLE_CELL, "Change"),
        (BlockKind.TABLE_CELL, "Police"),
        (BlockKind.TABLE_CELL, "−3%"),
        (BlockKind.PARAGRAPH, "The chamber on Tuesday."),
        (BlockKind.HEADING, "Related"),
        (BlockKind.LIST_ITEM, "Other story"),
        (BlockKind.PARAGRAPH, "© 2024 The Paper"),
    ]


def test_html_block_meta() -> None:
    doc = parsed(ARTICLE_HTML, "html")
    title, nav, byline, related, footer = doc.blocks[0], doc.blocks[1], doc.blocks[3], doc.blocks[14], doc.blocks[15]
    assert title.meta == {"tags": ("html", "head", "title"), "tag": "title", "link_chars": 0, "element": None}
    assert nav.meta == {"tags": ("html", "body", "nav.site-nav"), "tag": "nav", "link_chars": 8,
                        "element": span_of(ARTICLE_HTML, '<nav class="site-nav">', "</nav>")}
    assert byline.meta["tags"] == ("html", "body", "main#main", "article.story", "p.byline")
    assert byline.meta["link_chars"] == len("Jane Doe")
    assert related.meta["tags"] == ("html", "body", "main#main", "aside.related-links", "ul", "li")
    assert related.meta["link_chars"] == len("Other story")
    assert footer.meta == {
        "tags": ("html", "body", "footer#footer.site-footer.cookie-banner", "p"),
        "tag": "p",
        "link_chars": 0,
        "element": span_of(ARTICLE_HTML, '<footer id="footer"', "</footer>"),
    }


def span_of(text: str, first: str, last: str) -> tuple[int, int]:
    """Source span from the start of ``first`` to the end of the next ``last``."""
    start = text.index(first)
    return start, text.index(last, start) + len(last)


def test_html_block_elements_are_whole_elements_or_none() -> None:
    doc = parsed(ARTICLE_HTML, "html")
    elements = {b.text: b.meta["element"] for b in doc.blocks}
    assert elements["By Jane Doe"] == span_of(ARTICLE_HTML, '<p class="byline">', "</p>")
    assert elements["We listened to residents."] == span_of(ARTICLE_HTML, "<blockquote>", "</blockquote>")
    assert elements["Transit gets more buses."] == span_of(ARTICLE_HTML, "<li>Transit", "</li>")
    assert elements["Other story"] == span_of(ARTICLE_HTML, "<ul><li><a", "</ul>")  # the list holds only it
    assert elements["Police"] is None  # a cell of a row with another cell
    assert elements["The chamber on Tuesday."] == span_of(ARTICLE_HTML, "<figcaption>", "</figcaption>")  # not the image
    # an element closed by a later tag ends where that tag starts
    doc = parsed("<ul><li>One<li>Two</ul>", "html")
    assert [b.meta["element"] for b in doc.blocks] == [(4, 11), (11, 18)]


def test_markdown_block_elements_are_whole_lines() -> None:
    text = "Intro.\n\nRead more: [Our post](https://example.org/p)\n\n- one\n- two\n\n| a | b |\n|---|---|\n| c | d |\n"
    doc = parsed(text, "markdown")
    elements = {b.text: b.meta["element"] for b in doc.blocks}
    assert text[slice(*elements["Read more: Our post"])] == "Read more: [Our post](https://example.org/p)\n\n"
    assert text[slice(*elements["two"])] == "- two\n\n"
    assert elements["c"] is None
    # a list item holding more than its first paragraph cannot lose its marker alone
    doc = parsed("1. First\n\n   more\n2. Second\n", "markdown")
    assert [b.meta["element"] is None for b in doc.blocks] == [True, False, False]


def test_html_non_prose_never_in_plain() -> None:
    html = (
        '<p title="attribute words" data-x="hidden">Run <code>rm -rf</code> then <kbd>Ctrl</kbd> and '
        '<button>Click me</button>.</p><pre>preformatted words</pre>'
        "<template><p>template words</p></template><noscript>enable javascript</noscript>"
        "<svg><text>vector words</text></svg><iframe src=x>frame words</iframe>"
        '<p>Pick <select><option>option words</option></select> or type <textarea>area words</textarea>'
        '<img src="https://example.com/a.png" alt="alt words"> <a href="https://example.com/url-words">here</a>.</p>'
        "<style>.css-words{}</style><script>script_words()</script>"
    )
    doc = parsed(html, "html")
    for hidden in ("attribute", "hidden", "rm -rf", "Ctrl", "Click", "preformatted", "template", "javascript",
                   "vector", "frame words", "option", "area words", "alt words", "url-words", "example.com",
                   "css-words", "script_words"):
        assert hidden not in doc.plain
    assert [b.text for b in doc.blocks] == [
        f"Run {PLACEHOLDER} then {PLACEHOLDER} and {PLACEHOLDER}.",
        f"Pick {PLACEHOLDER} or type {PLACEHOLDER}{PLACEHOLDER} here.",
    ]
    assert source_of(doc, PLACEHOLDER) == "<code>rm -rf</code>"
    assert source_of(doc, PLACEHOLDER, 4) == '<textarea>area words</textarea>'
    assert source_of(doc, PLACEHOLDER, 5) == '<img src="https://example.com/a.png" alt="alt words">'


def test_html_whitespace_collapses_and_nbsp_stays() -> None:
    doc = parsed("<p>  lead \n\t <b> bold</b>  a&nbsp;b &nbsp; c \r\n </p>", "html")
    assert doc.plain == "lead bold a\u00a0b \u00a0 c"
    space = doc.plain.index(" ")
    assert doc.text[slice(*doc.offsets.span(space, space + 1))] == " \n\t <b> "
    assert source_of(doc, "\u00a0", 0) == "&nbsp;"


def test_html_entities_map_to_their_source() -> None:
    doc = parsed("<p>AT&amp;T&#8217;s &#x27;q&#x27; &foo; &amp fish &copy;2024 &#32;end</p>", "html")
    assert doc.plain == "AT&T’s 'q' &foo; & fish ©2024 end"
    assert source_of(doc, "AT&T’s") == "AT&amp;T&#8217;s"
    assert source_of(doc, "'q'") == "&#x27;q&#x27;"
    assert source_of(doc, "&foo;") == "&foo;"
    assert source_of(doc, "& fish") == "&amp fish"
    assert source_of(doc, "©") == "&copy;"
    replaced = {doc.text[s.src_start : s.src_end] for s in doc.offsets.segments if not s.exact}
    assert {"&amp;", "&#8217;", "&#x27;", "&amp", "&copy;"} <= replaced


def test_html_document_title_is_a_heading_block_mapped_to_its_source() -> None:
    doc = parsed(
        "<html><head><meta charset=utf-8>\n<title>\n  Budget &amp; taxes |\tCity News </title><style>p{}</style>"
        "</head><body><svg><title>icon tooltip</title></svg><p>Text.</p><title>second title</title></body></html>",
        "html",
    )
    assert texts(doc) == [(BlockKind.HEADING, "Budget & taxes | City News"), (BlockKind.PARAGRAPH, "Text.")]
    assert source_of(doc, "Budget & taxes") == "Budget &amp; taxes"
    assert source_of(doc, "| City News") == "|\tCity News"


def test_html_title_outside_the_head_counts_only_when_it_is_the_first() -> None:
    assert texts(parsed("<body><p>Text.</p><title>Late title</title>", "html")) == [
        (BlockKind.PARAGRAPH, "Text."),
        (BlockKind.HEADING, "Late title"),
    ]
    assert texts(parsed("<svg><title>tooltip</title></svg><p>Text.</p>", "html")) == [(BlockKind.PARAGRAPH, "Text.")]


def test_html_emphasis_inside_a_phrase() -> None:
    doc = parsed("<p>a <em>very</em> bad day</p>", "html")
    assert doc.plain == "a very bad day"
    assert source_of(doc, "very bad") == "very</em> bad"
    assert source_of(doc, "a very") == "a <em>very"


def test_html_line_breaks() -> None:
    doc = parsed("<p><br>one <br> two<br>\n<br>three<br></p>", "html")
    assert [b.text for b in doc.blocks] == ["one\ntwo", "three"]
    assert source_of(doc, "\n") == "<br>"


def test_html_directives_with_codes_and_offsets() -> None:
    html = (
        "<p>a</p>\n<!-- artlint-disable BP001, BP002 -->\n<p>b <!--artlint-disable-next-line ST--> c</p>"
        "<!-- artlint-enable --><!-- an ordinary comment --><!-- artlint-disable typo here -->"
    )
    doc = parsed(html, "html")
    assert [(d.kind, d.codes) for d in doc.directives] == [
        (DirectiveKind.DISABLE, ("BP001", "BP002")),
        (DirectiveKind.DISABLE_NEXT_LINE, ("ST",)),
        (DirectiveKind.ENABLE, ()),
        (DirectiveKind.MALFORMED, ()),
    ]
    assert [html[d.start : d.end] for d in doc.directives] == [
        "<!-- artlint-disable BP001, BP002 -->",
        "<!--artlint-disable-next-line ST-->",
        "<!-- artlint-enable -->",
        "<!-- artlint-disable typo here -->",
    ]
    assert doc.plain == "a\n\nb c"


def test_html_crlf_offsets() -> None:
    html = "<p>first\r\nline</p>\r\n<p>second &amp;\r\n  <i>target</i> word</p>\r\n"
    doc = parsed(html, "html")
    assert doc.plain == "first line\n\nsecond & target word"
    assert source_of(doc, "first line") == "first\r\nline"
    assert source_of(doc, "target word") == "target</i> word"
    begin, _ = doc.offsets.span(doc.plain.index("word"), doc.plain.index("word") + 4)
    assert begin == html.index("word")


def test_html_bom_and_emoji() -> None:
    source = decode(BOM + "<p>😀 Smile 𝄞 <b>then</b> this</p>".encode(), markup="html")
    doc = parse(source, "html")
    assert_invariants(doc)
    assert not doc.text.startswith("\ufeff")
    assert doc.plain == "😀 Smile 𝄞 then this"
    assert source_of(doc, "then this") == "then</b> this"
    assert doc.offsets.span(doc.plain.index("this"), len(doc.plain))[0] == doc.text.index("this")


def test_html_implied_end_tags() -> None:
    doc = parsed("<ul><li>one<li>two</ul><p>first<p>second<div>third</div><dl><dt>t<dd>d</dl>", "html")
    assert [b.text for b in doc.blocks] == ["one", "two", "first", "second", "third", "t", "d"]
    assert [b.meta["tags"] for b in doc.blocks] == [
        ("ul", "li"), ("ul", "li"), ("p",), ("p",), ("div",), ("dl", "dt"), ("dl", "dd"),
    ]
    nested = parsed("<ul><li>outer<ul><li>inner</ul>after</ul>", "html")
    assert [b.meta["tags"] for b in nested.blocks] == [("ul", "li"), ("ul", "li", "ul", "li"), ("ul", "li")]


@pytest.mark.parametrize(
    ("html", "plain"),
    [
        ("<div><p>unclosed paragraph<p>another</div>", "unclosed paragraph\n\nanother"),
        ("</div></span><p>stray end tags</p></p></li>", "stray end tags"),
        ("<p>kept <!-- never closed <p>hidden</p>", "kept"),
        ("<p>kept</p><p class='x", "kept"),
        ("<p>a < b, 3 <4 &#z; &# &#123abc", "a < b, 3 <4 &#z; &# &#123abc"),
        ("<p>one</b></i> <b><i>two</p>three", "one two\n\nthree"),
        ("<table><td>cell<td>next</table>after", "cell\n\nnext\n\nafter"),
        ("<html><head><title>t</title><body><p>no closing head", "t\n\nno closing head"),
        ("<head><title>t</title><meta x><p>head closed by a paragraph", "t\n\nhead closed by a paragraph"),
        ("<head><style>s</style>text closes the head <b>too</b>", "text closes the head too"),
        ("", ""),
    ],
)
def test_html_broken_markup(html: str, plain: str) -> None:
    assert parsed(html, "html").plain == plain


def test_html_ten_thousand_nested_divs() -> None:
    depth = 10_000
    doc = parsed("<div class='d'>x" * depth + "</div>" * depth, "html")
    assert len(doc.blocks) == depth
    assert len(doc.blocks[-1].meta["tags"]) == 64
    assert doc.blocks[-1].meta["tags"][0] == "div.d"


def test_html_containers_form_a_tree() -> None:
    html = "<div><section><p>a</p><p>b</p></section><p>c</p></div><ul><li>d<li>e</ul>"
    doc = parsed(html, "html")
    spans = [(html[c.start : c.end], c.first, c.last) for c in doc.containers]
    assert spans == [
        ("<section><p>a</p><p>b</p></section>", 0, 1),
        ("<div><section><p>a</p><p>b</p></section><p>c</p></div>", 0, 2),
        ("<ul><li>d<li>e</ul>", 3, 4),
    ]
    assert [c.parent for c in doc.containers] == [1, None, None]
    assert [b.meta["container"] for b in doc.blocks] == [0, 0, 1, 2, 2]


def test_html_deep_wrappers_around_many_blocks_give_each_block_one_container() -> None:
    depth = 2_000  # each wrapper holds every block: recorded on every block, this was depth x blocks entries
    doc = parsed("<div>" * depth + "<p>x</p>" * depth + "</div>" * depth, "html")
    assert len(doc.containers) == depth
    assert {b.meta["container"] for b in doc.blocks} == {0}
    assert [c.parent for c in doc.containers] == [*range(1, depth), None]


def test_markdown_containers_form_a_tree() -> None:
    doc = parsed("> one\n>\n> - two\n> - three\n", "markdown")
    assert [(c.first, c.last, c.parent) for c in doc.containers] == [(1, 2, 1), (0, 2, None)]
    assert [b.meta["container"] for b in doc.blocks] == [1, 0, 0]


def test_html_one_megabyte() -> None:
    unit = (
        '<div class="story"><p>The <b>quick</b> brown fox &amp; the &#8220;lazy&#8221; dog '
        '<a href="https://example.com/x?y=1&amp;z=2">jumped</a> over it.</p>\n'
        "<ul><li>one<li>two</ul><script>var a = '<p>';</script></div>\n"
    )
    html = unit * (1_000_000 // len(unit) + 1)
    doc = parse(SourceText(html), "html")
    assert len(doc.blocks) == 3 * (1_000_000 // len(unit) + 1)
    last = doc.blocks[-3]
    assert last.text == "The quick brown fox & the “lazy” dog jumped over it."
    begin, end = doc.offsets.span(last.start, last.end)
    assert html[begin:end].startswith("The <b>quick") and html[begin:end].endswith("over it.")


# -- Markdown -----------------------------------------------------------------------------

ARTICLE_MD = """---
title: "Council approves budget"
tags: [local, budget]
---

# Council approves *record* budget

By **Jane Doe** &mdash; 12 March 2024

The city council voted 7&ndash;2 on Tuesday to approve a $1.2&nbsp;billion budget,
the largest in its history. "It's a *responsible* plan," said Mayor
[Ana López](https://example.org/people/ana-lopez "Ana López, mayor") of the city.

Critics, including the [Taxpayers' Union][tu], said the plan \\*ignores\\* rising debt.
Read the full text at <https://example.org/budget.pdf> or see
https://example.org/summary.

![Council chamber](https://example.org/img/chamber.jpg "The chamber")

## What changes

- Transit gets **$40&#x202F;million** for new buses.
- Parks: see [the plan] and `parks.csv` for details.
- Libraries keep their hours  
  through 2025.

> "We listened to residents," said council member Ben Ng.
> "This budget reflects that."

| Department | Change |
|------------|--------|
| Transit \\| buses | +12% |
| Police | &minus;3% |

```python
print("fenced code words")
```

    indented code words

<div class="related">
<!-- artlint-disable BP -->
</div>

[tu]: https://example.org/tu "Taxpayers"
[the plan]: https://example.org/plan
"""


def test_markdown_article_every_token_found() -> None:
    """Realistic Markdown: every inline token is located, so no prose goes missing."""
    doc = parsed(ARTICLE_MD, "markdown")
    P = PLACEHOLDER
    assert texts(doc) == [
        (BlockKind.HEADING, "Council approves record budget"),
        (BlockKind.PARAGRAPH, "By Jane Doe — 12 March 2024"),
        (BlockKind.PARAGRAPH, (
            "The city council voted 7–2 on Tuesday to approve a $1.2\u00a0billion budget, the largest in its "
            "history. \"It's a responsible plan,\" said Mayor Ana López of the city."
        )),
        (BlockKind.PARAGRAPH, (
            "Critics, including the Taxpayers' Union, said the plan *ignores* rising debt. "
            f"Read the full text at {P} or see {P}."
        )),
        (BlockKind.HEADING, "What changes"),
        (BlockKind.LIST_ITEM, "Transit gets $40\u202fmillion for new buses."),
        (BlockKind.LIST_ITEM, f"Parks: see the plan and {P} for details."),
        (BlockKind.LIST_ITEM, "Libraries keep their hours\nthrough 2025."),
        (BlockKind.QUOTE, '"We listened to residents," said council member Ben Ng. "This budget reflects that."'),
        (BlockKind.TABLE_CELL, "Department"),
        (BlockKind.TABLE_CELL, "Change"),
        (BlockKind.TABLE_CELL, "Transit | buses"),
        (BlockKind.TABLE_CELL, "+12%"),
        (BlockKind.TABLE_CELL, "Police"),
        (BlockKind.TABLE_CELL, "−3%"),
    ]
    assert doc.blocks[2].meta["tags"] == ("p",) and doc.blocks[2].meta["link_chars"] == len("Ana López")
    assert doc.blocks[5].meta["tags"] == ("ul", "li", "p")
    assert [(d.kind, d.codes) for d in doc.directives] == [(DirectiveKind.DISABLE, ("BP",))]


def test_markdown_article_spans() -> None:
    doc = parsed(ARTICLE_MD, "markdown")
    assert source_of(doc, "record budget") == "record* budget"
    assert source_of(doc, "budget, the") == "budget,\nthe"
    assert source_of(doc, "Ana López of") == 'Ana López](https://example.org/people/ana-lopez "Ana López, mayor") of'
    assert source_of(doc, "Union, said") == "Union][tu], said"
    assert source_of(doc, "*ignores*") == "\\*ignores\\*"
    assert source_of(doc, "$1.2\u00a0billion") == "$1.2&nbsp;billion"
    assert source_of(doc, "hours\nthrough") == "hours  \n  through"
    assert source_of(doc, "Transit | buses") == "Transit \\| buses"
    assert source_of(doc, PLACEHOLDER) == "<https://example.org/budget.pdf>"
    assert source_of(doc, PLACEHOLDER, 1) == "https://example.org/summary"
    assert source_of(doc, PLACEHOLDER, 2) == "`parks.csv`"
    assert source_of(doc, "see the plan") == "see [the plan"


def test_markdown_non_prose_never_in_plain() -> None:
    doc = parsed(ARTICLE_MD, "markdown")
    for hidden in ("title:", "Council chamber", "chamber.jpg", "example.org", "parks.csv", "fenced code",
                   "indented code", "Taxpayers\"", "related", "artlint", "mayor"):
        assert hidden not in doc.plain


def test_markdown_emphasis_inside_a_phrase() -> None:
    doc = parsed("a *very* bad day", "markdown")
    assert doc.plain == "a very bad day"
    assert source_of(doc, "very bad") == "very* bad"
    assert source_of(doc, "a very") == "a *very"


def test_markdown_link_tail_is_skipped() -> None:
    doc = parsed('See [the report](http://example.com/a.b "a title. a") a. And ![x](y.png "z").', "markdown")
    assert doc.plain == f"See the report a. And {PLACEHOLDER}."
    assert source_of(doc, " a.") == " a."
    start = doc.plain.index(" a.")
    assert doc.offsets.span(start, start + 3)[0] == doc.text.index(") a.") + 1
    assert source_of(doc, PLACEHOLDER + ".") == '![x](y.png "z").'


def test_markdown_reference_links() -> None:
    doc = parsed("See [ref][x [y] end, [ref][] and [ref][ref].\n\n[ref]: http://r.s/ref", "markdown")
    assert doc.plain == "See ref[x [y] end, ref and ref."
    assert source_of(doc, "ref[x") == "ref][x"
    assert source_of(doc, "ref and ref.") == "ref][] and [ref][ref]."


def test_markdown_code_spans() -> None:
    doc = parsed("Use ``a ` b`` and `x`, not ```y```. Then `\nmulti\nline` ends.", "markdown")
    assert doc.plain == f"Use {PLACEHOLDER} and {PLACEHOLDER}, not {PLACEHOLDER}. Then {PLACEHOLDER} ends."
    assert [source_of(doc, PLACEHOLDER, n) for n in range(4)] == ["``a ` b``", "`x`", "```y```", "`\nmulti\nline`"]


def test_markdown_entities_and_escapes() -> None:
    doc = parsed("Fish &amp; chips &#8217; &#x27;q&#x27; &foo; a&nbsp;b \\_x\\_ \\\\", "markdown")
    assert doc.plain == "Fish & chips ’ 'q' &foo; a\u00a0b _x_ \\"
    assert source_of(doc, "&") == "&amp;"
    assert source_of(doc, "’") == "&#8217;"
    assert source_of(doc, "'q'") == "&#x27;q&#x27;"
    assert source_of(doc, "&foo;") == "&foo;"
    assert source_of(doc, "_x_") == "\\_x\\_"


def test_markdown_breaks_and_inline_html() -> None:
    doc = parsed("one <span class='x'>two</span> <!-- c -->\nthree\\\nfour", "markdown")
    assert doc.plain == "one two three\nfour"
    assert source_of(doc, "two three") == "two</span> <!-- c -->\nthree"
    assert source_of(doc, "three\nfour") == "three\\\nfour"


def test_markdown_directives_with_codes_and_offsets() -> None:
    md = (
        "<!-- artlint-disable BP001, BP002 -->\n\nText <!-- artlint-disable-next-line ST --> here.\n\n"
        "```\n<!-- artlint-enable -->\n```\n\n> <!-- artlint-enable -->\n"
    )
    doc = parsed(md, "markdown")
    assert [(d.kind, d.codes) for d in doc.directives] == [
        (DirectiveKind.DISABLE, ("BP001", "BP002")),
        (DirectiveKind.DISABLE_NEXT_LINE, ("ST",)),
        (DirectiveKind.ENABLE, ()),
    ]
    assert [md[d.start : d.end] for d in doc.directives] == [
        "<!-- artlint-disable BP001, BP002 -->",
        "<!-- artlint-disable-next-line ST -->",
        "<!-- artlint-enable -->",
    ]
    assert doc.directives[2].start == md.rindex("<!--")


def test_markdown_crlf_offsets() -> None:
    md = "# Title\r\n\r\nFirst *line*\r\nsecond &amp; line.\r\n\r\n- item\r\n  more\r\n"
    doc = parsed(md, "markdown")
    assert doc.plain == "Title\n\nFirst line second & line.\n\nitem more"
    assert source_of(doc, "line second") == "line*\r\nsecond"
    assert source_of(doc, "item more") == "item\r\n  more"
    start = doc.plain.index("line.")
    assert doc.offsets.span(start, start + 5) == (md.index("line."), md.index("line.") + 5)


def test_markdown_bom_and_emoji() -> None:
    source = decode(BOM + "# 😀 Title\n\n𝄞 music *and* 🎉 target here.\n".encode())
    doc = parse(source, "markdown")
    assert_invariants(doc)
    assert doc.plain == "😀 Title\n\n𝄞 music and 🎉 target here."
    start = doc.plain.index("target")
    assert doc.offsets.span(start, start + 6) == (doc.text.index("target"), doc.text.index("target") + 6)
    assert source_of(doc, "and 🎉") == "and* 🎉"


def test_markdown_not_prose_blocks() -> None:
    md = "---\na: front matter\n---\n\n<div>\nhtml block\n</div>\n\n![only an image](x.png)\n\n#\n\nreal"
    doc = parsed(md, "markdown")
    assert texts(doc) == [(BlockKind.PARAGRAPH, "real")]


def test_markdown_nested_containers() -> None:
    doc = parsed("> - quoted item\n>\n>   > inner quote\n\n1. # heading item\n", "markdown")
    assert texts(doc) == [
        (BlockKind.LIST_ITEM, "quoted item"),
        (BlockKind.QUOTE, "inner quote"),
        (BlockKind.HEADING, "heading item"),
    ]
    assert doc.blocks[1].meta["tags"] == ("blockquote", "ul", "li", "blockquote", "p")


@pytest.mark.parametrize("kind", ["text", "markdown", "html"])
def test_word_span_maps_to_the_same_word(kind: str) -> None:
    body = "Le café «déjà» vu 😀 naïve—word; tab\there."
    text = {"text": body, "markdown": f"Intro.\n\n{body}\n", "html": f"<p>Intro.</p><p>{body}</p>"}[kind]
    doc = parsed(text, kind)
    for word in ("café", "déjà", "naïve", "word", "here", "😀"):
        start = doc.plain.find(word)
        begin, end = doc.offsets.span(start, start + len(word))
        assert text[begin:end] == word


FRAGMENTS = {
    "text": ["word", " ", "\n", "\r\n", "\t", "😀", "é", "&amp;"],
    "markdown": [
        "word", " ", ".", "\n", "\r\n", "\n\n", "*", "**", "_", "`", "``", "[", "]", "(", ")", "![", "<", ">",
        "&amp;", "&#123;", "&foo;", "\\", "\\*", "# ", "- ", "> ", "1. ", "|", "---", "  \n", "\t", "😀",
        "http://x.y/z", "<http://a.b>", "<!-- artlint-disable BP -->", "<span>", "</span>", "```", '"t"',
        '[a](http://x.y/a.b "a title")', "[r][ref]", "[ref]", '\n[ref]: http://r.s "t"\n', "[![i](p.png)](u)",
    ],
    "html": [
        "word", " ", ".", "\n", "\r\n", "\x0c", "<p>", "</p>", "<div class='a b'>", "</div>", "<b>", "</b>",
        "<a href='x'>", "</a>", "<br>", "<br/>", "<li>", "<ul>", "</ul>", "<td>", "<tr>", "<table>", "</table>",
        "&amp;", "&#8217;", "&nbsp;", "&foo;", "&#", "&", "<", ">", "<!--", "-->", "<!-- artlint-enable -->",
        "<script>", "</script>", "<code>", "</code>", "<pre>", "</pre>", "<img src=x>", "<h1>", "</h1>",
        "<head>", "<body>", "😀", "<!x>", "</ x>", "<?pi?>", "<![CDATA[x]]>", "<textarea>", "<svg>", "<hr>",
    ],
}


@pytest.mark.parametrize("kind", ["text", "markdown", "html"])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_any_fragment_soup_keeps_the_invariants(kind: str, data: st.DataObject) -> None:
    text = "".join(data.draw(st.lists(st.sampled_from(FRAGMENTS[kind]), max_size=50)))
    doc = parsed(text, kind)
    for block in doc.blocks:
        begin, end = doc.offsets.span(block.start, block.end)
        assert 0 <= begin < end <= len(text)


@pytest.mark.parametrize(
    ("html", "plain"),
    [
        ("<p>One <![# x> two.</p>", "One two."),
        ("<p>One\n<![#\n x> two.</p>", "One two."),
        ("<p>Hello</p><![# never closed", "Hello"),
        ("<p>x<![if mso]>y<![endif]>z</p>", "xyz"),
    ],
)
def test_html_malformed_marked_section_is_a_bogus_comment(html: str, plain: str) -> None:
    """As browsers read it; the standard library's parser raised AssertionError on the first three."""
    doc = parse(SourceText(html), "html")
    assert doc.plain == plain
    letters = [i for i, ch in enumerate(doc.plain) if not ch.isspace()]
    assert [doc.text[slice(*doc.offsets.span(i, i + 1))] for i in letters] == [doc.plain[i] for i in letters]


_MARKDOWN_PIECES = [
    "# Title\n", "Some prose here.\n", "- one\n", "- two\n  continued\n", "1. first\n", "   2. second\n",
    "> quoted\n", "> > deeper\n", "| a | b |\n|---|---|\n| c | d |\n", "[ref]: https://example.com\n",
    "See [ref].\n", "```\ncode\n```\n", "<div>\nhtml\n</div>\n", "Setext\n---\n", "* * *\n", "\n", "- [ ] task\n",
    "    indented code\n", "<!-- artlint-disable MT001 -->\n", "---\ntitle: front\n---\n",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_MARKDOWN_PIECES), min_size=1, max_size=25))
def test_markdown_block_stream_hands_on_the_tokens_a_whole_parse_makes(pieces: list[str]) -> None:
    """The reader sees markdown-it's block tokens one at a time without keeping them
    (``markdown._block_parse``): it must see the same tokens, fields and line ranges as a whole
    parse with the same rules, whichever markdown-it version is installed."""
    from artlint.markup import markdown

    text = "".join(pieces)
    masked = markdown._mask(text)

    def fields(token: Token) -> tuple[object, ...]:
        return token.type, token.tag, token.nesting, token.map, token.content, token.markup, token.info, token.level

    whole = [fields(token) for token in markdown._MD.parse(masked, {})]
    streamed: list[Token] = []  # kept here only to compare the line ranges set when containers close
    env: dict[str, object] = {}
    if "]:" in masked:
        markdown._block_parse(masked, env, lambda token: None)
    markdown._block_parse(masked, env, streamed.append)
    assert [fields(token) for token in streamed] == whole
