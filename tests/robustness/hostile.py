"""Hypothesis strategies for hostile article text, and the invariants every run must keep."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import strategies as st

from artlint.model import Finding

HOSTILE = [
    "\ud800", "\udfff", "\\ud83d", "&#xD800;", "&#55296;",  # unpaired surrogates, raw and escaped
    "e\u0301", "\u0301", "a\u0308\u0323", "\u200d", "\u200b", "\u2028", "\u2029", "\u0085",  # combining, invisible
    "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\u202e", "\u200f", "\u061f",  # right-to-left
    "\x00", "\x0b", "\x0c", "\x1b", "\x7f", "\ufeff", "\ufffd", "\U0001f600", "\U0001f1eb\U0001f1f7",
    "...", "!!!", "?!", "\u2014", "--", "\u201c", "\u201d", "\u00ab", "\u00bb", "'", '"', "(", ")", ";:,",
    "http://example.com/a.b?c=d", "user@example.org", "www.example.net", "U.S.", "Mr.", "3.5", "1,000",
]
WORDS = [
    "The", "council", "said", "on", "Monday", "that", "it", "would", "however", "very", "unique",
    "Subscribe", "to", "our", "newsletter", "Read", "more", "Advertisement", "Share", "this", "article",
    "the", "the", "a", "an", "in", "In", "order", "to", "utilize", "million", "percent", "%", "$5",
]
SEPARATORS = [" ", " ", " ", "  ", ". ", ", ", "\n", "\n\n", "\r\n", "\r", "\t", "\u00a0"]
MARKDOWN = ["# ", "## ", "- ", "* ", "1. ", "> ", "**", "*", "_", "`", "```\n", "[", "](http://x.y)", "|", "---\n",
            "![", "<!-- artlint-disable -->", "<!-- artlint-enable -->", "\\", "&amp;", "&nbsp;"]
HTML = ["<p>", "</p>", "<div>", "</div>", "<h1>", "</h1>", "<li>", "<ul>", "</ul>", "<b>", "</b>", "<a href='u'>",
        "</a>", "<br>", "<script>", "</script>", "<code>", "</code>", "<table><tr><td>", "&amp;", "&#8217;",
        "&nbsp;", "&foo;", "<", ">", "<!--", "-->", "<meta charset='latin-1'>", "<title>", "</title>"]
MARKUP = MARKDOWN + HTML
KINDS = ("text", "markdown", "html")


def documents(flavour: str) -> st.SearchStrategy[str]:
    """Generated documents: article-like words mixed with hostile fragments, and with markup
    fragments of both Markdown and HTML when ``flavour`` is ``"markup"`` (each parser then
    meets the other's syntax too); also very long lines and lines of only punctuation."""
    extra = MARKUP if flavour == "markup" else []
    piece = st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(SEPARATORS),
        st.sampled_from(HOSTILE + extra),
        st.text(max_size=8),
        st.text(alphabet=st.characters(categories=["Cs", "Mn", "Po", "Zs"]), max_size=4),
    )
    short = st.lists(piece, max_size=80).map("".join)
    long_line = st.tuples(st.sampled_from(WORDS + HOSTILE), st.integers(300, 1200)).map(lambda p: (p[0] + " ") * p[1])
    punctuation = st.text(alphabet=".,;:!?-\u2014\u2026'\"()[]*_#", min_size=1, max_size=300)
    return st.one_of(short, short, short, long_line, st.lists(st.one_of(short, punctuation), max_size=6).map("\n".join))


def check_invariants(text: str, findings: list[Finding], again: Callable[[], list[Finding]]) -> None:
    """Spans inside the text with matching excerpts, sorted, unique, deterministic, no crashed rule."""
    crashed = [f.message for f in findings if f.code in ("AL900", "AL901")]
    assert not crashed, crashed
    for finding in findings:
        assert 0 <= finding.start <= finding.end <= len(text), finding
        assert text[finding.start : finding.end] == finding.excerpt, finding
        for related in finding.related:
            assert 0 <= related.location.start <= related.location.end <= len(text), finding
            assert text[related.location.start : related.location.end] == related.excerpt, finding
        if finding.fix is not None:
            assert all(0 <= e.start <= e.end <= len(text) for e in finding.fix.edits), finding
    assert findings == sorted(findings, key=Finding.sort_key)
    assert len(set(findings)) == len(findings)
    assert again() == findings
