"""Inline suppression comments shared by the HTML and Markdown parsers.

``<!-- artlint-disable BP001, BP -->``, ``<!-- artlint-enable -->`` and
``<!-- artlint-disable-next-line BP001 -->``: codes are rule codes (``BP001``) or code prefixes
(``BP``, ``BP00``) in either case, separated by commas or spaces; none means every rule. Text
after `` -- `` is a reason and is ignored. A comment that names the directive but has anything
else in place of codes is not a directive, so a typo never silences every rule.
"""

from __future__ import annotations

import re

from artlint.markup.document import Directive, DirectiveKind
from artlint.patterns import compile_re

_DIRECTIVE = compile_re(r"artlint-(disable-next-line|disable|enable)(?![\w-])(.*)", re.DOTALL)
_CODE = compile_re(r"[A-Z]{2}[0-9]{0,3}")  # as rule selectors in the configuration
_SEPARATORS = compile_re(r"[\s,]+")


def parse_directive(comment_body: str, start: int, end: int) -> Directive | None:
    """The directive in a comment's body (the text between ``<!--`` and ``-->``), if any.

    ``start``/``end`` are the source offsets of the whole comment.
    """
    match = _DIRECTIVE.fullmatch(comment_body.strip())
    if match is None:
        return None
    rest = match.group(2).split("--", 1)[0]
    codes = tuple(code.upper() for code in _SEPARATORS.split(rest) if code)
    if not all(_CODE.fullmatch(code) for code in codes):
        return None
    return Directive(DirectiveKind(match.group(1)), codes, start, end)
