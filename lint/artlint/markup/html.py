"""HTML input: the prose of a page, block by block, mapped back to the markup.

The stdlib ``HTMLParser`` tokenizes (it tolerates broken markup); this module keeps an explicit
element stack, so depth costs no recursion and every element is pushed and popped once: parsing
is linear in the input. Closing tags that HTML leaves implicit (``<p>`` before a block, ``<li>``
before the next item, table cells and rows) are closed as browsers do, so unclosed elements do not
pile up.

Only rendered prose becomes plain text: scripts, styles, code, forms, attribute values and the
head do not, except the document's ``<title>`` (the first one outside SVG and the like): the
browser shows it, so it is a heading block of its own (``tag`` "title"). An inline element that is not prose (``<code>``, ``<img>``, ``<button>`` ...)
becomes one U+FFFC so that the sentence around it keeps its shape. Whitespace runs collapse to
one space as a browser renders them; U+00A0 is text, not whitespace. A ``<br>`` is a line break
inside the block; two in a row end the block, as a paragraph break would.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from artlint.markup.directives import parse_directive
from artlint.markup.document import Block, BlockKind, Containers, Directive, Document
from artlint.markup.offsets import PLACEHOLDER, Piece, PlainBuilder
from artlint.source import SourceText, line_starts

_HTML_SPACE = " \t\n\r\f"
_LOOSE_SPACE = re.compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]")  # whitespace that is not one plain space
_LINE_BREAK = re.compile(r"\n")
_MARKUP_START = re.compile(r"<[A-Za-z/!?]")
# "&#" that HTMLParser cannot read as a character reference: Python 3.11's parser stops at it and
# hands the rest of the input over as text, so such an "&" is hidden from it (see ``_feedable``).
_AMP_HASH = re.compile(r"&#")
_CHARREF = re.compile(r"&#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]")
_MAX_TAGS = 64  # a block's "tags" keeps the outermost and innermost ancestors of a deeper one


def _names(words: str) -> frozenset[str]:
    """Tag names written as one string."""
    return frozenset(words.split())


_VOID = _names("area base br col embed hr img input link meta param source track wbr")
_HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
_BLOCK = _names(
    """html body p div li dt dd blockquote td th caption figcaption figure section article header
    footer nav aside main form table thead tbody tfoot tr ul ol dl address hr pre fieldset legend
    details summary dialog center menu hgroup search"""
) | _HEADINGS
_SKIP = _names(
    """head title script style template noscript svg math iframe object video audio canvas code
    pre kbd samp var textarea select button datalist option optgroup"""
)
_PLACEHOLDER_TAGS = _names("code kbd samp var svg math button select textarea")
_CELLS = _names("td th")
_BREAKS = _names("br hr wbr")
_OPTIONAL_END = _names("li dt dd p tr td th thead tbody tfoot caption colgroup option optgroup rb rt rp")
_NEVER_DELETED = _names("html body head title")
_KINDS: dict[str, BlockKind] = {
    **{tag: BlockKind.HEADING for tag in _HEADINGS},
    "li": BlockKind.LIST_ITEM,
    "dt": BlockKind.LIST_ITEM,
    "dd": BlockKind.LIST_ITEM,
    "blockquote": BlockKind.QUOTE,
    "td": BlockKind.TABLE_CELL,
    "th": BlockKind.TABLE_CELL,
    "title": BlockKind.HEADING,
}

# Elements whose end tag HTML may omit: group -> (members, scope boundaries, start tags closing it).
_SCOPE = _names("html table td th caption template object marquee applet")
_P_CLOSERS = _names(
    """address article aside blockquote center details dialog dir div dl dd dt fieldset figcaption
    figure footer form header hgroup hr li main menu nav ol p pre section search summary table ul
    listing plaintext xmp"""
) | _HEADINGS
_GROUPS: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {
    "p": (frozenset({"p"}), _SCOPE | {"button"}, _P_CLOSERS),
    "h": (_HEADINGS, _SCOPE, _HEADINGS),
    "li": (frozenset({"li"}), _SCOPE | {"ul", "ol"}, frozenset({"li"})),
    "dd": (frozenset({"dt", "dd"}), _SCOPE | {"dl"}, frozenset({"dt", "dd"})),
    "cell": (frozenset({"td", "th"}), frozenset({"table"}), frozenset({"td", "th", "tr", "thead", "tbody", "tfoot"})),
    "row": (frozenset({"tr"}), frozenset({"table"}), frozenset({"tr", "thead", "tbody", "tfoot"})),
    "head": (frozenset({"head"}), frozenset(), frozenset()),  # closed by anything but _HEAD_CONTENT
}
_HEAD_CONTENT = _names("head base basefont bgsound link meta noscript script style template title")
_MEMBER_OF = {tag: group for group, (members, _, _) in _GROUPS.items() for tag in members}
_BOUNDARY_OF: dict[str, tuple[str, ...]] = {}
_CLOSED_BY: dict[str, tuple[str, ...]] = {}
for _group, (_, _bounds, _closers) in _GROUPS.items():
    for _tag in _bounds:
        _BOUNDARY_OF[_tag] = (*_BOUNDARY_OF.get(_tag, ()), _group)
    for _tag in _closers:
        _CLOSED_BY[_tag] = (*_CLOSED_BY.get(_tag, ()), _group)


@dataclass(slots=True)
class _Frame:
    """An open element."""

    tag: str
    desc: str  # "div#id.class1.class2"
    kind: BlockKind  # kind of a block whose innermost block element is this one
    owner: int  # stack index of the innermost block element at or below this one, or -1
    block: bool  # starts and ends a block (never inside skipped content, the document title aside)
    skip: int  # added to the skip depth while open: 1 if its content is not prose, minus the depth for the title
    placeholder: bool  # shows as one U+FFFC in its sentence
    start: int  # source offset of its start tag
    open_groups: dict[str, int]  # group -> stack index of the open member in scope
    blocks_before: int  # blocks emitted before it opened
    alone: bool  # opened with no block under way, nor skipped content seen inside it so far
    skipped_before: int  # skipped (non-prose) elements opened before it


class _Unterminated(Exception):
    """A comment or tag left open at the end of input: like a browser, show nothing after it."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


class _Reader(HTMLParser):
    """Turns HTMLParser events into plain text, blocks and directives."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self._src = text
        self._line_starts = line_starts(text, _LINE_BREAK)  # as getpos() counts
        self._stack: list[_Frame] = []
        self._open: dict[str, int] = {}  # tag -> number of open elements
        self._skip = 0
        self._titled = False  # the document title has been seen
        self._pieces: list[Piece] = []
        self._space: tuple[int, int, bool] | None = None  # pending whitespace run: start, end, in a link
        self._block_info: tuple[BlockKind, dict[str, Any]] = (BlockKind.PARAGRAPH, {})
        self._paths: dict[tuple[str, ...], tuple[str, ...]] = {}  # one "tags" tuple for the blocks at one path
        self._skipped = 0  # skipped (non-prose) elements opened so far
        self._inline: tuple[int, int, int] | None = None  # an inline element holding the pending block: start, end, pieces
        self.builder = PlainBuilder()
        self.blocks: list[Block] = []
        self.directives: list[Directive] = []
        self.containers = Containers()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """A ``<![`` that is not a CDATA or MS Office section is a bogus comment up to the next
        ``>``, as browsers read it (the standard library's parser raises AssertionError there)."""
        position = self.lineno, self.offset
        try:
            return int(super().parse_marked_section(i, report))
        except AssertionError:
            self.lineno, self.offset = position  # it moved them before raising
            end = self.rawdata.find(">", i + 3)
            return -1 if end < 0 else end + 1

    # -- HTMLParser events ------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        end = start + len(self.get_starttag_text() or "")
        self._close_implied(tag, start)
        if tag in _VOID:
            if self._skip:
                return
            self._skipped += tag not in _BREAKS
            if tag == "br":
                self._line_break(start, end)
            elif tag == "hr":
                self._flush()
            elif tag == "img":
                self._content(PLACEHOLDER, start, end, exact=False)
            return
        self._push(tag, attrs, start)

    def handle_endtag(self, tag: str) -> None:
        if not self._open.get(tag):
            return  # stray end tag
        start = self._offset()
        gt = self._src.find(">", start)
        index = len(self._stack) - 1
        while self._stack[index].tag != tag:
            index -= 1
        self._pop_to(index, gt + 1 if gt >= 0 else len(self._src), start)

    def handle_data(self, data: str) -> None:
        if self.cdata_elem is not None:
            return  # script or style content
        start = self._offset()
        if data[0] == "<" and (len(data) > 1 or _MARKUP_START.match(self._src, start)):
            # markup HTMLParser could not finish; a lone "<" means it runs to the end of input
            if len(data) == 1 or data.startswith("<!--"):
                raise _Unterminated(start)
            return
        if self._skip and self._stack[-1].tag == "head" and data.strip(_HTML_SPACE):
            self._pop_to(len(self._stack) - 1, start)  # text in <head> starts the body
        if self._skip:
            return
        text = self._src[start : start + len(data)]
        body = text.lstrip(_HTML_SPACE)
        lead = start + len(text) - len(body)
        if lead > start:
            self._whitespace(start, lead)
        body = body.rstrip(_HTML_SPACE)
        if not body:
            return
        last = 0  # one plain space stays in the text; other runs collapse
        for match in _LOOSE_SPACE.finditer(body):
            self._content(body[last : match.start()], lead + last, lead + match.start(), exact=True)
            self._whitespace(lead + match.start(), lead + match.end())
            last = match.end()
        self._content(body[last:], lead + last, lead + len(body), exact=True)
        if lead + len(body) < start + len(text):
            self._whitespace(lead + len(body), start + len(text))

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        if not self._src.startswith("<!--", start):
            return  # a bogus comment such as "<!x>" or "</ x>"
        body_end = start + 4 + len(data)
        end = self._src.find(">", body_end) + 1
        directive = parse_directive(self._src[start + 4 : body_end], start, end)
        if directive is not None:
            self.directives.append(directive)

    # -- element stack ----------------------------------------------------------------------

    def _push(self, tag: str, attrs: list[tuple[str, str | None]], start: int) -> None:
        parent = self._stack[-1] if self._stack else None
        title = tag == "title" and not self._titled and all(f.tag == "head" for f in self._stack if f.skip)
        self._titled = self._titled or title
        inert = self._skip > 0 and not title
        block = (tag in _BLOCK or title) and not inert
        if block:
            self._flush()
        index = len(self._stack)
        groups = parent.open_groups if parent else {}
        bounded = [g for g in _BOUNDARY_OF.get(tag, ()) if g in groups]
        member = _MEMBER_OF.get(tag)
        if bounded or member:
            groups = {g: i for g, i in groups.items() if g not in bounded}
            if member:
                groups[member] = index
        frame = _Frame(
            tag=tag,
            desc=_descriptor(tag, attrs),
            kind=_KINDS.get(tag, parent.kind if parent else BlockKind.PARAGRAPH),
            owner=index if block else (parent.owner if parent else -1),
            block=block,
            skip=-self._skip if title else int(tag in _SKIP),
            placeholder=tag in _PLACEHOLDER_TAGS and not inert,
            start=start,
            open_groups=groups,
            blocks_before=len(self.blocks),
            alone=not self._pieces,
            skipped_before=self._skipped,
        )
        self._skipped += frame.skip > 0
        self._stack.append(frame)
        self._open[tag] = self._open.get(tag, 0) + 1
        self._skip += frame.skip

    def _pop_to(self, index: int, end: int, inner_end: int | None = None) -> None:
        """Close the elements at ``index`` and above; ``end`` is where the last of them ends,
        ``inner_end`` where those above it end (their end tags were left out; default ``end``)."""
        while len(self._stack) > index:
            frame = self._stack.pop()
            target = len(self._stack) == index
            frame_end = end if target or inner_end is None else inner_end
            self._open[frame.tag] -= 1
            self._skip -= frame.skip
            if frame.placeholder:
                self._content(PLACEHOLDER, frame.start, frame_end, exact=False)
            if frame.block:
                self._flush()
            elif (frame.alone and self._pieces and len(self.blocks) == frame.blocks_before
                  and self._skipped == frame.skipped_before + (frame.skip > 0)):
                self._inline = (frame.start, frame_end, len(self._pieces))  # holds the block so far
            if (target and inner_end is not None) or frame.tag in _OPTIONAL_END:
                self._enclose(frame, frame_end)  # its end tag, or one HTML lets a page leave out

    def _enclose(self, frame: _Frame, end: int) -> None:
        """Make the closed ``frame`` the element of the one block it holds, or a container of
        the blocks it holds, if it holds nothing else: a table cell cannot go alone (its row
        can), the document's body never goes."""
        held = len(self.blocks) - frame.blocks_before
        if (not held or not frame.alone or self._pieces or frame.tag in _NEVER_DELETED
                or self._skipped != frame.skipped_before + (frame.skip > 0)):
            return
        if held == 1:
            self.blocks[-1].written["element"] = None if frame.tag in _CELLS else (frame.start, end)
        elif frame.tag not in _CELLS:
            self.containers.add(self.blocks, frame.blocks_before, (frame.start, end))

    def _close_implied(self, tag: str, offset: int) -> None:
        if not self._stack:
            return
        open_groups = self._stack[-1].open_groups
        indexes = [open_groups[g] for g in _CLOSED_BY.get(tag, ()) if g in open_groups]
        if "head" in open_groups and tag not in _HEAD_CONTENT:
            indexes.append(open_groups["head"])
        if indexes:
            self._pop_to(min(indexes), offset)

    # -- plain text -------------------------------------------------------------------------

    def _reference(self, raw: str) -> None:
        if self._skip:
            return
        start = self._offset()
        end = start + len(raw) + self._src.startswith(";", start + len(raw))
        raw = self._src[start:end]
        text = html.unescape(raw)
        if not text.strip(_HTML_SPACE):
            self._whitespace(start, end)
        else:
            self._content(text, start, end, exact=text == raw)

    def _whitespace(self, start: int, end: int) -> None:
        if not self._pieces:
            return  # leading whitespace of a block is dropped
        if self._space:
            self._space = (self._space[0], end, self._space[2])
        else:
            self._space = (start, end, self._open.get("a", 0) > 0)

    def _content(self, text: str, start: int, end: int, *, exact: bool) -> None:
        if not self._pieces:
            self._begin_block()
        elif self._space is not None and self._pieces[-1].text != "\n":
            space_start, space_end, space_link = self._space
            plain = space_end - space_start == 1 and self._src[space_start] == " "
            self._pieces.append(Piece(" ", space_start, space_end, plain, space_link))
        self._space = None
        self._pieces.append(Piece(text, start, end, exact, self._open.get("a", 0) > 0))

    def _line_break(self, start: int, end: int) -> None:
        if not self._pieces:
            return
        self._space = None
        if self._pieces[-1].text == "\n":
            self._pieces.pop()
            self._flush()
        else:
            self._pieces.append(Piece("\n", start, end, False, self._open.get("a", 0) > 0))

    def _begin_block(self) -> None:
        owner = self._stack[-1].owner if self._stack else -1
        if owner < 0:
            self._block_info = (BlockKind.PARAGRAPH, {"tags": (), "tag": ""})
            return
        depth = owner + 1
        half = _MAX_TAGS // 2
        frames = self._stack[:depth] if depth <= _MAX_TAGS else self._stack[:half] + self._stack[depth - half : depth]
        element = self._stack[owner]
        tags = tuple(f.desc for f in frames)
        self._block_info = (element.kind, {"tags": self._paths.setdefault(tags, tags), "tag": element.tag})

    def _bare(self, start: int, end: int) -> tuple[int, int] | None:
        """Until an element that holds only the block closes, the block's own source is what a
        deletion removes, if no tag lies inside it and it is not an element's whole content."""
        src = self._src
        before = src[:start].rstrip(_HTML_SPACE)[-1:]
        after = src[end:].lstrip(_HTML_SPACE)[:1]
        if "<" in src[start:end] or (before == ">" and after == "<"):
            return None
        return start, end

    def _flush(self) -> None:
        """Emit the block being built, without trailing line breaks, if it has any prose."""
        pieces = self._pieces
        if not pieces:
            return
        inline, self._inline = self._inline, None
        self._pieces = []
        self._space = None
        if inline is not None and inline[2] != len(pieces):
            inline = None  # more text followed the inline element in the block
        while pieces and pieces[-1].text == "\n":
            pieces.pop()
        emitted = self.builder.block(pieces)
        if emitted is None:
            return
        start, text = emitted
        kind, meta = self._block_info
        meta = {**meta, "link_chars": sum(len(p.text) for p in pieces if p.link),
                "element": inline[:2] if inline else self._bare(pieces[0].start, pieces[-1].end)}
        self.blocks.append(Block(len(self.blocks), start, kind, text, meta))

    def finish(self, end: int) -> None:
        """Close what is still open at ``end`` and emit the last block."""
        self._pop_to(0, end)
        self._flush()


def _descriptor(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    """``tag#id.class1.class2`` of a start tag."""
    element_id = ""
    classes: list[str] = []
    for name, value in attrs:
        if name == "id" and value:
            element_id = "#" + value.strip()
        elif name == "class" and value:
            classes = value.split()
    return tag + element_id + "".join("." + c for c in classes)


def _feedable(text: str) -> str:
    """``text`` with the same length, where HTMLParser cannot stall on a stray ``&#``."""
    bad = [m.start() for m in _AMP_HASH.finditer(text) if not _CHARREF.match(text, m.start())]
    if not bad:
        return text
    chars = list(text)
    for offset in bad:
        chars[offset] = "\ufffd"
    return "".join(chars)


def parse_html(source: SourceText) -> Document:
    """Parse HTML into its prose blocks, with an offset map back to the markup."""
    reader = _Reader(source.text)
    end = len(source.text)
    try:
        reader.feed(_feedable(source.text))
        reader.close()
    except _Unterminated as stop:
        end = stop.offset
    reader.finish(end)
    plain, offsets = reader.builder.build()
    return Document(source, "html", plain, offsets, reader.blocks, reader.directives, reader.containers.items)
