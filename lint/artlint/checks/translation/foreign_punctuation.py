"""MT020: punctuation of another language's typesetting left in English text."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from artlint.lexicon import Lexicons
from artlint.markup.document import Block
from artlint.model import Applicability, Edit, Family, Fix, Severity
from artlint.patterns import LazyPattern, compile_pattern
from artlint.rule import Context, Report, Rule, Scope
from artlint.text.scan import is_foreign_letter, neighbours

_FULL_WIDTH_OFFSET = 0xFEE0
_TRAILING = " .,;:!?)]”’"


class ForeignPunctuation(Rule):
    """A punctuation mark of another language's typesetting in English text"""

    code = "MT020"
    name = "foreign-punctuation"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    scope = Scope.BLOCK
    fixable = True
    defaults: ClassVar[Mapping[str, Any]] = {"lexicon": "foreign-punctuation"}
    why = (
        "Machine translation and careless post-editing carry the source language's marks into the "
        "English text: guillemets and low quotation marks (« », „ “), Spanish inverted marks (¿ ¡), "
        "Chinese and Japanese full-width punctuation (， 。 ： ！) and full-width letters and "
        "digits. English typesetting has none of them. Left alone: a guillemet between spaces with "
        "no partner in the paragraph, a menu or breadcrumb separator (Home » News), and a mark "
        "next to a letter of another script, part of a foreign stretch that MT022 reports."
    )
    fires = (
        "The ministry called it ⟦«⟧a necessary step⟦»⟧ on Monday.",
        "The scheme will cost 2 billion yuan⟦，⟧ officials said⟦。⟧",
        "He asked ⟦¿⟧why now?",
        "Revenue rose ⟦３０⟧% in the year.",
    )
    silent = (
        "The ministry called it “a necessary step” on Monday.",
        "The sign read 北京欢迎你，朋友 in large letters.",
        "See https://example.com/«draft» for details.",
        "Home » Latest News » Business",
    )

    def setup(self, lexicons: Lexicons) -> None:
        self._marks: dict[str, dict[str, str]] = lexicons.table(self.params["lexicon"])["marks"]
        chars = "".join(re.escape(ch) for ch in self._marks)
        self._pattern = LazyPattern(f"(?V1)(?P<mark>[{chars}])|(?P<wide>[\\uFF01-\\uFF5E--[{chars}]]+)")
        if self.params["lexicon"] != self.defaults["lexicon"]:  # a user's marks compile (or fail) now
            compile_pattern(self._pattern.pattern)
        # A character every match holds: the pattern compiles for the first block with one.
        self._hint = re.compile(f"[{chars}\\uFF01-\\uFF5E]")

    def check(self, unit: Block, ctx: Context) -> Iterator[Report]:
        marks = self._marks
        text = unit.text
        for match in ctx.analysis.prose_matches(self._pattern, text, self._hint):
            i, end = match.span()
            if _in_foreign_stretch(text, i, end):
                continue
            found = match.group()
            start = unit.start + i
            if match.group("wide"):
                ascii_form = "".join(chr(ord(ch) - _FULL_WIDTH_OFFSET) for ch in found)
                yield ctx.report(
                    start,
                    unit.start + end,
                    f"'{found}' is written in full-width characters (Chinese or Japanese "
                    f"typesetting); use '{ascii_form}'",
                    fix=ctx.replace(start, unit.start + end, ascii_form, description=f"Replace with '{ascii_form}'"),
                )
                continue
            entry = marks[found]
            if "pair" in entry and _separator(text, i) and entry["pair"] not in text:
                continue
            use = entry["use"]
            yield ctx.report(
                start,
                start + 1,
                f"'{found}' is {entry['convention']}, not English punctuation; "
                + (f"use '{use.strip()}'" if use.strip() else "remove it"),
                fix=_fix(unit, i, use),
            )


def _in_foreign_stretch(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` touches a letter of a non-Latin script (skipping spaces)."""
    return any(ch and is_foreign_letter(ch) for ch in neighbours(text, start, end))


def _separator(text: str, i: int) -> bool:
    """Whether the mark at ``text[i]`` stands alone between spaces (or at an edge), as a separator."""
    return (i == 0 or text[i - 1].isspace()) and (i + 1 == len(text) or text[i + 1].isspace())


def _fix(block: Block, i: int, use: str) -> Fix:
    """Replace the mark; a replacement that hugs the word before also takes the spaces before it."""
    text = block.text
    start, end = i, i + 1
    if use[:1] in ",.;:!?)]":
        while start and text[start - 1] == " ":
            start -= 1
    if end == len(text) or text[end] in _TRAILING:
        use = use.rstrip()
    if not start or text[start - 1] == " ":
        use = use.lstrip()
    return Fix(
        (Edit(block.start + start, block.start + end, use),),
        Applicability.UNSAFE,
        f"Replace with '{use.strip()}'" if use.strip() else "Remove the mark",
    )
