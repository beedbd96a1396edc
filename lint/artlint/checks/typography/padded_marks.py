"""TY005: a space just inside brackets or quotation marks ("( text )", "“ text ”")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from artlint.checks.translation.quotes import Role, role
from artlint.markup.document import Block
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope

# Spaces after an opening mark or before a closing one; not ": )" or "; )" (emoticons), not "( )".
_PADDED = r"(?P<open>[(\[{“‘])(?P<after> +)(?=[^\s)\]}”])|(?<=[^\s:;(\[{“])(?P<before> +)(?P<close>[)\]}”])"
_STRAIGHT = re.compile(r'"(?<!\d")')
# Every match of _PADDED has a mark with a space inside it; texts without one are not scanned,
# and _PADDED (source) is compiled by prose_matches only when a text first has one.
_HINT = re.compile(r"[(\[{“‘] | [)\]}”]")


class PaddedMarks(Rule):
    """A space just inside brackets or quotation marks"""

    code = "TY005"
    needs = (r"""[(\[{“‘)\]}”"]""", " ")
    name = "padded-brackets-quotes"
    family = Family.TYPOGRAPHY
    severity = Severity.WARNING
    scope = Scope.BLOCK
    fixable = True
    why = (
        "English sets brackets and quotation marks against the words they enclose. A space "
        'inside them, "( text )" or "“ text ”", is left by translation systems that treat '
        "the mark as a separate token, and by careless editing. A straight double quotation mark "
        "with a space on both sides is opening or closing by its place among the paragraph's "
        "marks; its fix is unsafe for that reason, the others are safe."
    )
    fires = (
        "He studied at the Central Party School (⟦ ⟧National School of Administration⟦ ⟧).",
        "“⟦ ⟧We will respond⟦ ⟧” he said.",
        'Darwin said, "⟦ ⟧I guess something evolved with it.⟦ ⟧"',
    )
    silent = (
        "He studied at the school (National School of Administration) and said “We will respond”.",
        'He scored twice :) and left ( ) empty; he said "yes" and "no" to 12" pipes.',
    )

    def check(self, unit: Block, ctx: Context) -> Iterator[Report]:
        text = unit.text
        for match in ctx.analysis.prose_matches(_PADDED, text, _HINT):
            group = "after" if match.group("after") else "before"
            mark = match.group("open") or match.group("close")
            yield self._report(ctx, unit, match.start(group), match.end(group), mark, safe=True)
        is_open = False
        for match in ctx.analysis.prose_matches(_STRAIGHT, text):
            i = match.start()
            mark_role = role(text, i)
            if mark_role is Role.EITHER:
                start, end = _spaces(text, i, before=is_open)
                if end > start:
                    yield self._report(ctx, unit, start, end, '"', safe=False)
                mark_role = Role.CLOSE if is_open else Role.OPEN
            is_open = mark_role is Role.OPEN

    @staticmethod
    def _report(ctx: Context, block: Block, start: int, end: int, mark: str, *, safe: bool) -> Report:
        return ctx.report(
            block.start + start,
            block.start + end,
            f"Space just inside '{mark}'; set the mark against the words it encloses",
            fix=ctx.replace(block.start + start, block.start + end, "", safe=safe, description="Remove the space"),
        )


def _spaces(text: str, i: int, *, before: bool) -> tuple[int, int]:
    """The run of spaces before (a closing mark) or after (an opening mark) ``text[i]``."""
    if before:
        start = i
        while start and text[start - 1] == " ":
            start -= 1
        return (start, i) if start else (i, i)
    end = i + 1
    while end < len(text) and text[end] == " ":
        end += 1
    return (i + 1, end) if end < len(text) else (i + 1, i + 1)
