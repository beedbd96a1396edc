"""MT022: a stretch of another script (Chinese, Cyrillic, Arabic ...) inside English text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from artlint.markup.document import Block
from artlint.model import Family, Severity
from artlint.patterns import LazyPattern
from artlint.rule import Context, Report, Rule, Scope
from artlint.text.scan import FOREIGN_LETTER, FOREIGN_LETTERS, neighbours

_LETTERS = FOREIGN_LETTERS
# Foreign letters, and what may stand between them inside one stretch: spaces, punctuation, digits.
_RUN = LazyPattern(rf"(?V1){_LETTERS}+(?:[\s\p{{P}}\p{{N}}ー・]+{_LETTERS}+)*")
# A character outside the blocks that hold no foreign letter (Basic Latin to the combining marks,
# Latin Extended Additional, general punctuation, currency): every stretch starts with one, and
# the pattern compiles for the first block with one (curly quotes and accents do not count).
_HINT = re.compile(r"[^\x00-\u036f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf]")
_ENCLOSERS = {"(": ")", "[": "]", "“": "”", '"': '"', "‘": "’", "'": "'", "«": "»", "《": "》", "「": "」", "【": "】"}


class ForeignScript(Rule):
    """A stretch of another script inside English text"""

    code = "MT022"
    needs = r"[^\x00-\x7f]"  # foreign letters are outside ASCII
    name = "foreign-script"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    scope = Scope.BLOCK
    defaults: ClassVar[Mapping[str, Any]] = {"symbol-scripts": ["GREEK"], "max-symbol-letters": 2}
    why = (
        "Words the translation system could not render stay in the source script (an account "
        "name in Chinese characters, a Cyrillic word), and spammed pages swap Latin letters for "
        "look-alike Cyrillic ones. A reader of the English article cannot read them. Two uses are "
        "legitimate and left alone: the original spelling of a name given in parentheses or "
        "quotation marks right after it, and one or two Greek letters used as symbols (β-blocker, "
        "Δt)."
    )
    fires = (
        "Follow the account ⟦芳芳一人食⟧ on Douyin for more.",
        "The c⟦о⟧mpany was founded in 1990.",
        "He said ⟦спасибо большое⟧ and left the room.",
    )
    silent = (
        "President Xi Jinping (习近平) arrived on Monday.",
        "The newspaper “Коммерсантъ” reported the sale.",
        "Doctors prescribed a β-blocker to lower the rate Δt.",
    )

    def check(self, unit: Block, ctx: Context) -> Iterator[Report]:
        text = unit.text
        for match in ctx.analysis.prose_matches(_RUN, text, _HINT):
            run = match.group()
            if self._symbol(run) or _enclosed(text, match.start(), match.end()):
                continue
            script = _script(run)
            yield ctx.report(
                unit.start + match.start(),
                unit.start + match.end(),
                f"Text in {script} script inside English text ('{run}'); translate or transliterate it, "
                "or give it in parentheses after the English name",
            )

    def _symbol(self, run: str) -> bool:
        """Whether ``run`` is a letter or two of a script used for symbols (Greek)."""
        letters = [ch for ch in run if FOREIGN_LETTER.match(ch)]
        return len(letters) <= self.params["max-symbol-letters"] and all(
            _script_of(ch) in self.params["symbol-scripts"] for ch in letters
        )


def _enclosed(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the whole content of a pair of parentheses or quotation marks."""
    before, after = neighbours(text, start, end)
    return bool(before) and _ENCLOSERS.get(before) == after


def _script_of(ch: str) -> str:
    """The first word of the character's Unicode name (``CJK``, ``CYRILLIC``, ``ARABIC`` ...)."""
    return unicodedata.name(ch, "UNKNOWN").split()[0]


def _script(run: str) -> str:
    """A readable name of the script of ``run``'s first letter."""
    first = next(ch for ch in run if FOREIGN_LETTER.match(ch))
    name = _script_of(first)
    return name if name == "CJK" else name.title()
