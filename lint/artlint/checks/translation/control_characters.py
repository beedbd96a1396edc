"""MT031: control characters (C0 and C1) inside the text."""

from __future__ import annotations

from collections.abc import Iterator

from artlint.markup.document import Block
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope
from artlint.text.scan import codepoints

_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+"  # source: compiled by prose_matches on first use
_C1 = range(0x80, 0xA0)
_UTF8_LEAD = range(0xC2, 0xF5)  # a lead byte of UTF-8 read as Latin-1: the run is mojibake (MT028)


class ControlCharacter(Rule):
    """A control character inside the text"""

    code = "MT031"
    needs = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
    name = "control-character"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    scope = Scope.BLOCK
    fixable = True
    why = (
        "Control characters have no place in article text. C0 controls (NUL, vertical tab, form "
        "feed, escape ...) are debris of converters and databases; the fix deletes them. C1 "
        "controls (U+0080-U+009F) are almost always Windows-1252 punctuation read as Latin-1: "
        "U+0092 was a curly apostrophe, U+0096 a dash; the fix writes that character, unsafe "
        "since the guess can be wrong. C1 controls right after a UTF-8 lead byte read as Latin-1 "
        "(â\\x80\\x99) are mojibake and left to MT028. Tabs and line breaks are not controls here."
    )
    fires = (
        "The report⟦\x0b⟧ was published on Monday.",
        "The minister⟦\x92⟧s office declined to comment.",
    )
    silent = (
        "The report\twas published on Monday.\nThe minister’s office declined to comment.",
        "The minister\u00e2\x80\x99s office declined to comment.",
    )

    def check(self, unit: Block, ctx: Context) -> Iterator[Report]:
        text = unit.text
        for match in ctx.analysis.prose_matches(_CONTROL, text):
            start, end = match.span()
            run = match.group()
            if ord(run[0]) in _C1 and start and ord(text[start - 1]) in _UTF8_LEAD:
                continue
            replacement = "".join(_windows_1252(ch) for ch in run)
            fix = ctx.replace(
                unit.start + start,
                unit.start + end,
                replacement,
                safe=replacement == "",
                description=f"Replace with '{replacement}'" if replacement else "Remove the characters",
            )
            yield ctx.report(
                unit.start + start,
                unit.start + end,
                f"Control character ({codepoints(run)}) in the text"
                + (f"; it was probably '{replacement}' in Windows-1252" if replacement else "; remove it"),
                fix=fix,
            )


def _windows_1252(ch: str) -> str:
    """What a C1 control stood for in Windows-1252 ("" for C0 controls and undefined bytes)."""
    if ord(ch) not in _C1:
        return ""
    try:
        return bytes([ord(ch)]).decode("cp1252")
    except UnicodeDecodeError:
        return ""
