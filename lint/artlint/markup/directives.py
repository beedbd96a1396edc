"""Inline suppression comments shared by the HTML and Markdown parsers.

``<!-- artlint-disable BP001, BP -->``, ``<!-- artlint-enable -->`` and
``<!-- artlint-disable-next-line BP001 -->``: codes are rule codes (``BP001``) or code prefixes
(``BP``, ``BP00``) in either case, separated by commas or spaces; none means every rule. Text
after `` -- `` is a reason and is ignored. A comment that starts like a directive
(``artlint-``, ``artlint:``) but is not one, say a misspelt name or a word in place of codes,
silences nothing, so a typo never silences every rule: it is a ``MALFORMED`` directive, which
the engine reports (AL910).

Plain text has no comments: there a directive is a line of its own that starts with ``%%``
(``%% artlint-disable-next-line BP001``), a form no article uses; ``directive_line`` reads it.
"""

from __future__ import annotations

import re

from artlint.markup.document import Directive, DirectiveKind

_DIRECTIVE = re.compile(r"artlint-(disable-next-line|disable|enable)(?![\w-])(.*)", re.DOTALL)
_INTENT = re.compile(r"artlint[-_:]", re.IGNORECASE)
_TEXT_LINE = re.compile(r"[ \t]*%%[ \t]*(artlint.*)")
_CODE = re.compile(r"[A-Z]{2}[0-9]{0,3}")  # as rule selectors in the configuration
_SEPARATORS = re.compile(r"[\s,]+")


def parse_directive(comment_body: str, start: int, end: int) -> Directive | None:
    """The directive in a comment's body (the text between ``<!--`` and ``-->``), if any.

    ``start``/``end`` are the source offsets of the whole comment.
    """
    body = comment_body.strip()
    match = _DIRECTIVE.fullmatch(body)
    if match is None:
        return Directive(DirectiveKind.MALFORMED, (), start, end) if _INTENT.match(body) else None
    rest = match.group(2).split("--", 1)[0]
    codes = tuple(code.upper() for code in _SEPARATORS.split(rest) if code)
    if not all(_CODE.fullmatch(code) for code in codes):
        return Directive(DirectiveKind.MALFORMED, (), start, end)
    return Directive(DirectiveKind(match.group(1)), codes, start, end)


def directive_line(line: str, start: int) -> Directive | None:
    """The directive of a plain-text line at ``source[start:start + len(line)]``, if it is one."""
    match = _TEXT_LINE.fullmatch(line)
    return None if match is None else parse_directive(match.group(1), start, start + len(line))
