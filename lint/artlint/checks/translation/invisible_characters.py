"""MT030: zero-width and other invisible format characters inside the text."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from artlint.lexicon import Lexicons
from artlint.markup.document import Block
from artlint.model import Family, Severity
from artlint.patterns import LazyPattern, compile_pattern
from artlint.rule import Context, Report, Rule, Scope
from artlint.text.scan import codepoints, is_foreign_letter, non_ascii_hint

_JOINERS = "\u200c\u200d"
_BIDI = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_SOFT_HYPHEN = "\u00ad"
_RTL = LazyPattern(r"[\p{Arabic}\p{Hebrew}\p{Syriac}\p{Thaana}\p{Nko}]")


class InvisibleCharacter(Rule):
    """A zero-width or other invisible character inside the text"""

    code = "MT030"
    name = "invisible-character"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    scope = Scope.BLOCK
    fixable = True
    defaults: ClassVar[Mapping[str, Any]] = {
        "characters": "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2061\u2062\u2063\u2064" + _BIDI,
    }
    why = (
        "Zero-width spaces and joiners, byte-order marks, soft hyphens and bidirectional controls "
        "come along when text is copied out of web pages, PDFs and word processors. Nobody sees "
        "them, but they split words for search, spell-checking and word counts, and a stray "
        "direction mark can reorder a line. The fix deletes them, which changes nothing visible. "
        "Left alone: joiners between letters of scripts that need them or inside emoji, direction "
        "marks in a paragraph with right-to-left script, soft hyphens in HTML (hyphenation hints)."
    )
    fires = (
        "The govern⟦\u200b⟧ment said⟦\u2060\ufeff⟧ on Monday it would act.",
        "Prices rose in ⟦\u200e⟧May.",
    )
    silent = (
        "The family emoji 👨\u200d👩\u200d👧 and the Persian word می\u200cخواهم were shared.",
        "The sign read שלום\u200f and nothing else.",
    )

    def setup(self, lexicons: Lexicons) -> None:
        self._pattern = LazyPattern(f"[{re.escape(self.params['characters'])}]+")
        if self.params["characters"] != self.defaults["characters"]:  # a user's characters compile (or fail) now
            compile_pattern(self._pattern.pattern)
        self._hint = non_ascii_hint(self.params["characters"])
        self.needs = f"[{re.escape(self.params['characters'])}]" if self.params["characters"] else ""

    def check(self, unit: Block, ctx: Context) -> Iterator[Report]:
        text = unit.text
        rtl: bool | None = None  # whether the block has right-to-left script: read when a run needs it
        for match in ctx.analysis.prose_matches(self._pattern, text, self._hint):
            start, end = match.span()
            run = match.group()
            if any(ch in _BIDI for ch in run):
                rtl = bool(_RTL.search(text)) if rtl is None else rtl
                if rtl:
                    continue
            if _joins_script(text, start, end, run):
                continue
            if ctx.document.kind == "html" and run == _SOFT_HYPHEN:
                continue
            yield ctx.report(
                unit.start + start,
                unit.start + end,
                f"Invisible character ({codepoints(run)}) in the text; remove it",
                fix=ctx.replace(
                    unit.start + start, unit.start + end, "", description="Remove the invisible characters"
                ),
            )


def _joins_script(text: str, start: int, end: int, run: str) -> bool:
    """Whether a joiner run sits against a non-Latin letter or a symbol (emoji), where it is needed."""
    if not set(run) <= set(_JOINERS):
        return False
    neighbours = (text[start - 1] if start else "", text[end] if end < len(text) else "")
    return any(ch and (is_foreign_letter(ch) or not ch.isascii() and not ch.isalpha()) for ch in neighbours)
