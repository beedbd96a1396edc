"""Markdown input: CommonMark plus tables and front matter, through markdown-it-py.

markdown-it gives block tokens with line ranges and inline tokens without positions. With the
``text_join`` rule off, every inline ``text`` token is a literal substring of the source and every
entity or backslash escape is a ``text_special`` token whose ``markup`` is its source form, so the
inline tokens of a block are located one after the other with ``str.find`` from a cursor that
never moves back. Delimiters (``*``, ``[``, link destinations) produce no plain text: the next
find steps over them, and the tail of a link or image is skipped explicitly so that a find cannot
land inside a URL or a title.

Only prose is plain text: code, images, autolinks and bare URLs become one U+FFFC each, so a
sentence keeps its shape; fenced and indented code, front matter and HTML blocks are left out.

Static-site syntax is masked before parsing, with the source's length and line breaks kept:
TOML front matter (``+++`` lines, Hugo's) and a line of shortcodes or template tags alone
(Hugo ``{{< x >}}``/``{{% x %}}``, Jekyll/Liquid ``{% x %}``/``{{ x }}``) become blank; such a
tag within a line of prose becomes U+FFFC characters, written to the plain text as one U+FFFC.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from artlint.markup.directives import parse_directive
from artlint.markup.document import Block, BlockKind, Containers, Directive, Document
from artlint.markup.offsets import PLACEHOLDER, Piece, PlainBuilder
from artlint.source import SourceText, line_starts
from artlint.text.spans import URL, url_end

_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_BRACKET = re.compile(r"\\.|[\[\]]", re.DOTALL)
_TOML_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\r?\n.*?^\+\+\+[ \t]*$", re.DOTALL | re.MULTILINE)
_TEMPLATE_TAG = re.compile(r"\{\{<[^{}]*>\}\}|\{\{%[^{}]*%\}\}|\{%[^{}]*%\}|\{\{[^{}]*\}\}")
_TAGS_ALONE = re.compile(r"^[ \t]*(?:(?:\{\{<[^{}]*>\}\}|\{\{%[^{}]*%\}\}|\{%[^{}]*%\}|\{\{[^{}]*\}\})[ \t]*)+$",
                         re.MULTILINE)
_NOT_BREAK = re.compile(r"[^\r\n]")
_NOT_PROSE = re.compile(f"(?P<url>{URL})|\ufffc+")  # bare URLs and masked template tags
_MD = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
_MD.disable(["text_join", "inline"])  # inline tokens are parsed one at a time, as they are read (_Reader.take)

_CONTAINERS = frozenset({"blockquote_close", "bullet_list_close", "ordered_list_close", "list_item_close"})
_CONTAINER_KINDS = {
    "heading_open": BlockKind.HEADING,
    "list_item_open": BlockKind.LIST_ITEM,
    "blockquote_open": BlockKind.QUOTE,
    "th_open": BlockKind.TABLE_CELL,
    "td_open": BlockKind.TABLE_CELL,
}


class _Writer:
    """Locates the inline tokens of each block in the source and writes the plain text."""

    def __init__(self, text: str, masked: str) -> None:
        self._text = text
        self._hay = masked.replace("\0", "\ufffd")  # markdown-it's own replacement, same length
        self._line_starts = line_starts(text)  # at \r\n, \r and \n, markdown-it's own line breaks
        self._cursor = 0
        self._limit = len(text)
        self._links = 0
        self._pieces: list[Piece] = []
        self.builder = PlainBuilder()
        self.blocks: list[Block] = []
        self.directives: list[Directive] = []
        self.containers = Containers()

    def _line_start(self, line: int) -> int:
        return self._line_starts[line] if line < len(self._line_starts) else len(self._text)

    def line_start(self, line: int) -> int:
        """Source offset where 0-based ``line`` starts (the text's length past the last line)."""
        return self._line_start(line)

    def blank_lines(self, first: int, end: int) -> bool:
        """Whether lines ``[first, end)`` exist and hold only whitespace."""
        if first >= end or end > len(self._line_starts) or self._line_start(first) >= len(self._text):
            return False
        return not self._text[self._line_start(first) : self._line_start(end)].strip()

    def block(self, inline: Token, kind: BlockKind, tags: tuple[str, ...]) -> None:
        """Write one block from an ``inline`` token."""
        if inline.map:
            self._cursor = max(self._cursor, self._line_start(inline.map[0]))
            self._limit = self._line_start(inline.map[1])
        else:
            self._limit = len(self._text)
        children = inline.children or []
        i = 0
        while i < len(children):
            token = children[i]
            type_ = token.type
            if type_ == "text":
                self._literal(token.content)
            elif type_ == "text_special":
                self._special(token)
            elif type_ in ("softbreak", "hardbreak"):
                self._break(" " if type_ == "softbreak" else "\n")
            elif type_ == "code_inline":
                self._code(len(token.markup))
            elif type_ == "image":
                self._image()
            elif type_ == "link_open" and token.markup == "autolink":
                self._autolink()
                while children[i].type != "link_close":
                    i += 1
            elif type_ == "link_open":
                self._links += 1
            elif type_ == "link_close":
                self._links -= 1
                self._link_close()
            elif type_ == "html_inline":
                self._html_inline(token.content)
            i += 1
        self._flush(kind, tags)

    def comments(self, block: Token) -> None:
        """Collect the directives in an HTML block."""
        if block.map:
            start, end = self._line_start(block.map[0]), self._line_start(block.map[1])
            for match in _COMMENT.finditer(self._hay, start, end):
                self._directive(match.group(1), match.start(), match.end())

    # -- inline tokens ----------------------------------------------------------------------

    def _find(self, needle: str) -> int:
        return self._hay.find(needle, self._cursor, self._limit)

    def _add(self, text: str, start: int, end: int, exact: bool) -> None:
        self._pieces.append(Piece(text, start, end, exact, self._links > 0))

    def _literal(self, content: str) -> None:
        if not content:
            return
        start = self._find(content)
        if start < 0:
            if "|" in content:
                self._table_text(content)
            return
        end = start + len(content)
        last = start
        for match in _NOT_PROSE.finditer(self._hay, start, end):
            stop = url_end(self._hay, match.start(), match.end()) if match.lastgroup else match.end()
            self._add(self._text[last : match.start()], last, match.start(), True)
            self._add(PLACEHOLDER, match.start(), stop, False)
            last = stop
        self._add(self._text[last:end], last, end, True)
        self._cursor = end

    def _table_text(self, content: str) -> None:
        """A table cell's text, where each ``|`` was written ``\\|``."""
        start = self._find(content.replace("|", "\\|"))
        if start < 0:
            return
        position = start
        for n, part in enumerate(content.split("|")):
            if n:
                self._add("|", position, position + 2, False)
                position += 2
            self._add(part, position, position + len(part), True)
            position += len(part)
        self._cursor = position

    def _special(self, token: Token) -> None:
        start = self._find(token.markup)
        if start >= 0:
            self._add(token.content, start, start + len(token.markup), False)
            self._cursor = start + len(token.markup)

    def _break(self, text: str) -> None:
        """A line break, standing for the source from the cursor to the next line.

        Spaces before it are dropped, as markdown-it drops them before a line's end (they can
        remain here when an inline HTML comment stood between them and the line's end).
        """
        line = bisect.bisect_right(self._line_starts, self._cursor)
        if self._pieces and self._pieces[-1].exact:
            last = self._pieces.pop()
            kept = last.text.rstrip(" \t")
            if kept:
                self._pieces.append(last._replace(text=kept, end=last.start + len(kept)))
        if line < len(self._line_starts):
            self._add(text, self._cursor, self._line_starts[line], False)
            self._cursor = self._line_starts[line]

    def _code(self, ticks: int) -> None:
        start = self._backtick_run(ticks, self._cursor)
        close = self._backtick_run(ticks, start + ticks) if start >= 0 else -1
        if close >= 0:
            self._placeholder(start, close + ticks)

    def _backtick_run(self, length: int, start: int) -> int:
        """Start of the next run of exactly ``length`` backticks."""
        hay, limit = self._hay, self._limit
        while True:
            run = hay.find("`", start, limit)
            if run < 0:
                return -1
            end = run + 1
            while end < limit and hay[end] == "`":
                end += 1
            if end - run == length:
                return run
            start = end

    def _image(self) -> None:
        start = self._find("![")
        close = self._bracket_end(start + 1) if start >= 0 else -1
        if close >= 0:
            self._placeholder(start, self._link_end(close))

    def _autolink(self) -> None:
        start = self._find("<")
        close = self._hay.find(">", start, self._limit) if start >= 0 else -1
        if close >= 0:
            self._placeholder(start, close + 1)

    def _link_close(self) -> None:
        close = self._find("]")
        if close >= 0:
            self._cursor = self._link_end(close)

    def _html_inline(self, content: str) -> None:
        first, _, rest = content.partition("\n")
        start = self._find(first)
        if start < 0:
            return
        end = start + len(first)
        if rest:  # markdown-it gives "\n" for the source's line breaks
            last = rest.rpartition("\n")[2]
            found = self._hay.find(last, end, self._limit)
            end = found + len(last) if found >= 0 else end
        self._cursor = end
        if content.startswith("<!--") and content.endswith("-->"):
            self._directive(self._text[start + 4 : end - 3], start, end)

    def _placeholder(self, start: int, end: int) -> None:
        self._add(PLACEHOLDER, start, end, False)
        self._cursor = end

    def _bracket_end(self, open_bracket: int) -> int:
        """Offset of the ``]`` matching the ``[`` at ``open_bracket``, or -1."""
        depth = 0
        for match in _BRACKET.finditer(self._hay, open_bracket, self._limit):
            char = match.group()
            if char == "[":
                depth += 1
            elif char == "]":
                depth -= 1
                if depth == 0:
                    return match.start()
        return -1

    def _link_end(self, close: int) -> int:
        """End of a link or image whose text ends with the ``]`` at ``close``."""
        hay, limit = self._hay, self._limit
        position = close + 1
        if hay.startswith("(", position):  # inline: (destination "title")
            position = self._skip_space(position + 1)
            destination = parseLinkDestination(hay, position, limit)
            if destination.ok:
                position = self._skip_space(destination.pos)
            title = parseLinkTitle(hay, position, limit)
            if title.ok:
                position = self._skip_space(title.pos)
            return position + 1 if position < limit and hay[position] == ")" else close + 1
        if hay.startswith("[", position):  # a full or collapsed reference, if a label follows
            end = self._bracket_end(position)
            return end + 1 if end >= 0 else close + 1
        return close + 1  # a shortcut reference

    def _skip_space(self, position: int) -> int:
        while position < self._limit and self._hay[position] in " \t\r\n":
            position += 1
        return position

    def _directive(self, body: str, start: int, end: int) -> None:
        directive = parse_directive(body, start, end)
        if directive is not None:
            self.directives.append(directive)

    # -- blocks -----------------------------------------------------------------------------

    def _flush(self, kind: BlockKind, tags: tuple[str, ...]) -> None:
        pieces = [p for p in self._pieces if p.text]
        self._pieces = []
        emitted = self.builder.block(pieces)
        if emitted is None:
            return
        start, text = emitted
        meta: dict[str, Any] = {
            "tags": tags,
            "tag": tags[-1] if tags else "",
            "link_chars": sum(len(p.text) for p in pieces if p.link),
        }
        self.blocks.append(Block(len(self.blocks), start, kind, text, meta))


def _mask(text: str) -> str:
    """``text`` with its static-site syntax masked (see the module's docstring), same length."""
    def blank(match: re.Match[str]) -> str:
        return _NOT_BREAK.sub(" ", match.group())

    def replace(match: re.Match[str]) -> str:
        return _NOT_BREAK.sub(PLACEHOLDER, match.group())

    if not text.startswith("+++") and "{" not in text:
        return text
    masked = _TOML_FRONT_MATTER.sub(blank, text)
    masked = _TAGS_ALONE.sub(blank, masked)
    return _TEMPLATE_TAG.sub(replace, masked)


class _Stream(list[Token]):
    """Where markdown-it's block rules push their tokens: each is handed to ``take`` when the next
    one arrives (a rule sets a token's fields just after pushing it; the line ranges of open
    containers, set when they close, are read once they have closed) and none is kept, so memory
    does not grow with the number of tokens. The list stays empty: the list rule's look-backs
    (marking tight paragraphs hidden, task lists) find nothing, and neither is used here."""

    def __init__(self, take: Callable[[Token], None]) -> None:
        super().__init__()
        self._take = take
        self._held: Token | None = None

    def append(self, token: Token) -> None:
        if self._held is not None:
            self._take(self._held)
        self._held = token

    def flush(self) -> None:
        """Hand on the last token."""
        if self._held is not None:
            self._take(self._held)
            self._held = None


def _block_parse(masked: str, env: dict[str, Any], take: Callable[[Token], None]) -> None:
    """Run markdown-it's core rules (normalize, block) over ``masked``, handing each block token to ``take``."""
    stream = _Stream(take)
    state = StateCore(masked, _MD, env)
    state.tokens = stream
    _MD.core.process(state)
    stream.flush()


class _Reader:
    """Turns the stream of block tokens into blocks, containers and directives, as it arrives."""

    def __init__(self, writer: _Writer, env: dict[str, Any]) -> None:
        self.writer = writer
        self._env = env
        self._open: list[tuple[Token, BlockKind, int]] = []  # with its kind and the number of blocks before it
        self._paths: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple of tags for the blocks at one path
        # blocks whose element waits for containers to close: (depth, block, first line, end line, containers)
        self._pending: list[tuple[int, Block, int, int, tuple[Token, ...]]] = []

    def take(self, token: Token) -> None:
        writer, open_ = self.writer, self._open
        if token.nesting == 1:
            inherited = open_[-1][1] if open_ else BlockKind.PARAGRAPH
            open_.append((token, _CONTAINER_KINDS.get(token.type, inherited), len(writer.blocks)))
        elif token.nesting == -1:
            opened, _, before = open_.pop()
            while self._pending and self._pending[-1][0] >= len(open_):
                _, block, first, last, containers = self._pending.pop()
                block.written["element"] = _element(writer, first, last, containers)
            if token.type in _CONTAINERS and opened.map and len(writer.blocks) - before > 1:
                writer.containers.add(writer.blocks, before, (writer.line_start(opened.map[0]), writer.line_start(opened.map[1])))
        elif token.type == "inline":
            token.children = []  # what markdown-it's core "inline" rule does for every token at once
            _MD.inline.parse(token.content, _MD, self._env, token.children)
            kind = open_[-1][1] if open_ else BlockKind.PARAGRAPH
            count = len(writer.blocks)
            tags = tuple(t.tag for t, _, _ in open_)
            writer.block(token, kind, self._paths.setdefault(tags, tags))
            if len(writer.blocks) > count:
                self._defer(writer.blocks[-1], token.map)
        elif token.type == "html_block":
            writer.comments(token)

    def _defer(self, block: Block, lines: list[int] | None) -> None:
        """Find ``block``'s element once the elements whose line ranges ``_element`` reads have
        closed: from the innermost out, each holding no range, starting on the block's first
        line, or its paragraph or heading (the next one out ends the walk by its start alone)."""
        if lines is None or any(t.type in ("th_open", "td_open") for t, _, _ in self._open):
            block.written["element"] = None
            return
        first, last = lines
        depth = len(self._open)
        while depth and _read_whole(self._open[depth - 1][0], first):
            depth -= 1
        containers = tuple(t for t, _, _ in self._open[max(0, depth - 1) :])
        self._pending.append((depth, block, first, last, containers))


def _read_whole(token: Token, first: int) -> bool:
    """Whether ``_element`` may read the end of ``token``'s lines for a block starting on line ``first``."""
    return token.map is None or token.map[0] >= first or token.type in ("paragraph_open", "heading_open")


def _element(writer: _Writer, first: int, last: int, open_tokens: Sequence[Token]) -> tuple[int, int] | None:
    """The source lines a deletion of the block on lines ``[first, last)`` removes: its paragraph
    or heading, and each container of ``open_tokens`` (its open elements, outermost first) that
    starts on its first line and holds nothing else; None when a list item holding more starts
    on that line (deleting its marker would orphan the rest)."""
    for token in reversed(open_tokens):
        if token.map is None:
            continue
        start, end = token.map
        if token.type in ("paragraph_open", "heading_open"):
            first, last = min(first, start), max(last, end)
        elif start < first:
            break  # a later child of its container: its own lines hold only it
        elif end <= last or writer.blank_lines(last, end):
            last = end
        elif token.type == "list_item_open":
            return None
        else:
            break
    if first == 0 or writer.blank_lines(first - 1, first):
        while writer.blank_lines(last, last + 1):
            last += 1
    return writer.line_start(first), writer.line_start(last)


def parse_markdown(source: SourceText) -> Document:
    """Parse Markdown into its prose blocks, with an offset map back to the source."""
    masked = _mask(source.text)
    writer = _Writer(source.text, masked)
    env: dict[str, Any] = {}  # the link reference definitions the block rules collect, for the inline rules
    if "]:" in masked:  # a definition may follow its use: collect them all before reading any block
        _block_parse(masked, env, lambda token: None)
    _block_parse(masked, env, _Reader(writer, env).take)
    plain, offsets = writer.builder.build()
    return Document(source, "markdown", plain, offsets, writer.blocks, writer.directives, writer.containers.items)
