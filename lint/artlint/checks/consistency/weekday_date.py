"""CN020: a weekday that does not match the date it is given with."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from artlint.checks.consistency.words import in_url
from artlint.markup.document import Block, Document
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope


class WeekdayDateMismatch(Rule):
    """A weekday that does not fall on the date it is given with ("Tuesday 4 January 2005")"""

    code = "CN020"
    name = "weekday-date-mismatch"
    family = Family.CONSISTENCY
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    fixable = True
    defaults: ClassVar[Mapping[str, Any]] = {"lexicon": "weekday-names"}
    why = (
        "A weekday next to a full date is a check on the date; when they disagree one of them is "
        "wrong, often because an article was updated or re-dated by a pipeline. Dates are read as "
        "\"Tuesday 4 January 2005\", \"Tuesday, 4th January, 2005\" or \"Tuesday, January 4, 2005\"; "
        "a date without a year is not checked."
    )
    fires = (
        "The talks opened on ⟦Tuesday⟧ 3 January 2005 in Geneva.",
        "Polls close on ⟦Friday⟧, May 5, 2005, at 2200.",
    )
    silent = (
        "The talks opened on Monday 3 January 2005 in Geneva.",
        "Polls close on Friday, May 6, 2005, at 2200.",
        "The talks open on Tuesday 3 January.",
    )

    def setup(self) -> None:
        self._pattern: re.Pattern[str] | None = None
        self._months: dict[str, int] = {}
        self._weekdays: list[str] = []

    def _compile(self, ctx: Context) -> re.Pattern[str]:
        if self._pattern is None:
            table = ctx.lexicons.table(self.params["lexicon"])
            self._weekdays = list(table["weekdays"])
            self._months = {m.lower(): i + 1 for i, m in enumerate(table["months"])}
            day, month = "|".join(self._weekdays), "|".join(table["months"])
            self._pattern = re.compile(
                rf"\b(?P<weekday>{day}),?\s+(?:the\s+)?(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{month})"
                rf"|(?P<m2>{month})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?),?\s+(?P<year>\d{{4}})\b"
            )
        return self._pattern

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        pattern = self._compile(ctx)
        for block in unit.blocks:
            yield from self._check_block(block, pattern, ctx)

    def _check_block(self, unit: Block, pattern: re.Pattern[str], ctx: Context) -> Iterator[Report]:
        for match in pattern.finditer(unit.text):
            start, end = unit.start + match.start("weekday"), unit.start + match.end("weekday")
            if in_url(unit, start, unit.start + match.end()):
                continue
            month = self._months[(match.group("m1") or match.group("m2")).lower()]
            try:
                date = datetime.date(int(match.group("year")), month, int(match.group("d1") or match.group("d2")))
            except ValueError:
                continue
            actual = self._weekdays[date.weekday()]
            if actual != match.group("weekday"):
                when = match.group()[match.end("weekday") - match.start() :].strip(" ,")
                yield ctx.report(
                    start,
                    end,
                    f"{when} was a {actual}, not a {match.group('weekday')}; correct the day or the date",
                    fix=ctx.replace(start, end, actual, safe=False, description=f"Use '{actual}'"),
                    related=[(end, unit.start + match.end(), "the date")],
                )
