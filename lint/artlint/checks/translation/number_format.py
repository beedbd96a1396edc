"""MT024: numbers written with continental separators (a decimal comma, dots between thousands)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from artlint.lexicon import Lexicons
from artlint.markup.document import Block
from artlint.model import Family, Severity
from artlint.patterns import LazyPattern
from artlint.rule import Context, Report, Rule, Scope

_SWAP = str.maketrans(".,", ",.")
_HINT = re.compile(r"\d\.\d{3}|\d,\d\d?(?!\d)")  # in every match; blocks without it are not scanned
_IPV4_PARTS = 4
_IPV4_MAX = 255


class ContinentalNumber(Rule):
    """A number written with a decimal comma or dots between thousands"""

    code = "MT024"
    needs = r"\d"
    name = "continental-number"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    scope = Scope.BLOCK
    fixable = True
    defaults: ClassVar[Mapping[str, Any]] = {
        "units": [
            "%", "percent", "per cent", "million", "millions", "billion", "billions", "trillion", "bn", "m",
            "euro", "euros", "dollars", "yuan", "roubles", "rubles", "pounds", "km", "kilometres", "kilometers",
            "kg", "tonnes", "tons", "degrees", "times",
        ],
    }  # fmt: skip
    why = (
        "German, French, Spanish, Russian and most other languages write 2,5 for two and a half "
        "and 1.000 for a thousand; English writes 2.5 and 1,000. Translation systems often copy "
        "the digits as they are, and an English reader then reads 1.000 people as one person. "
        "Reported: a comma followed by one or two digits and a unit or scale word (2,5 billion), a "
        "number of one to three digits with a comma and one or two digits before a space, a "
        "bracket or the end of a sentence (1,55; not a pair such as [1,1] or (0,0)), a number with two or more dot groups (1.234.567), a round thousand with a dot (1.000 "
        "people), and both separators together (1.234,56). Dates, versions and addresses do not "
        "take these shapes."
    )
    fires = (
        "The deal is worth ⟦2,5⟧ billion euros.",
        "About ⟦1.000⟧ people marched and ⟦1.234.567⟧ signed the petition.",
        "The bill came to ⟦1.234,56⟧ euros.",
        "The statue is ⟦1,55⟧ metres tall.",
    )
    silent = (
        "The deal is worth 2.5 billion euros and 1,000 people marched.",
        "The rupee climbed to 43.305 per US dollar; unemployment hit 4.483 million.",
        "Seeds 1,2 and 3 went through; the input [1,1] gave (0,0); she won 6-1,6-4 and the server at 192.168.100.200 failed on 12.05.2023.",
    )

    def setup(self, lexicons: Lexicons) -> None:
        units = "|".join(re.escape(u) for u in sorted(self.params["units"], key=len, reverse=True))
        self._pattern = LazyPattern(  # compiled for the first block with a hint (most articles have none)
            r"(?i)(?<![\d.,])(?:"
            r"\d{1,3}(?:\.\d{3})+,\d+"  # 1.234,56
            r"|\d{1,3}(?:\.\d{3}){2,}"  # 1.234.567
            r"|[1-9]\d{0,2}\.000"  # 1.000
            rf"|\d{{1,3}},\d{{1,2}}(?=\s?(?:{units})(?!\w))"  # 2,5 billion
            r"|(?<![\-–/[(])\d{1,3},\d{1,2}(?=[\s)\]]|[.;:]\s|$)(?!\s?[\-–]\s?\d|\s(?:and|or|&)\s)"  # (height 1,55)
            r")(?![.,]?\d)",
        )

    def check(self, unit: Block, ctx: Context) -> Iterator[Report]:
        for match in ctx.analysis.prose_matches(self._pattern, unit.text, _HINT):
            number = match.group()
            if _ip_address(number):
                continue
            english = number.translate(_SWAP)
            start, end = unit.start + match.start(), unit.start + match.end()
            yield ctx.report(
                start,
                end,
                f"'{number}' uses continental separators; in English write '{english}'",
                fix=ctx.replace(start, end, english, safe=False, description=f"Write '{english}'"),
            )


def _ip_address(number: str) -> bool:
    """Whether ``number`` has the shape of an IPv4 address (four dotted parts of at most 255)."""
    parts = number.split(".")
    return len(parts) == _IPV4_PARTS and all(p.isdigit() and int(p) <= _IPV4_MAX for p in parts)
