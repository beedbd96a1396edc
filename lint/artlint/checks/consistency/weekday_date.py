"""CN020: a weekday that does not match the date it is given with."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from artlint.checks.consistency.dates import day_month, month_and_day, month_numbers
from artlint.lexicon import Lexicons
from artlint.markup.document import Block, Document
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope

_YEAR = re.compile(r"\b(?:19|20)\d\d\b(?!\s*(?:GMT|BST|[ap]\.?m\b))")  # not a clock time: "1945 GMT"


class WeekdayDateMismatch(Rule):
    """A weekday that does not fall on the date it is given with ("Tuesday 4 January 2005")"""

    code = "CN020"
    preview = True  # precision on real text below 0.8: see `python -m bench precision`
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
        "a date without a year is checked against the years its paragraph names and the year after the "
        "latest (\"Friday 11 March\" next to \"2005\"), and not checked when the paragraph names none."
    )
    fires = (
        "The talks opened on ⟦Tuesday⟧ 3 January 2005 in Geneva.",
        "Polls close on ⟦Friday⟧, May 5, 2005, at 2200.",
        "The 2005 festival opens on ⟦Tuesday⟧ 11 March.",
    )
    silent = (
        "The talks opened on Monday 3 January 2005 in Geneva.",
        "Polls close on Friday, May 6, 2005, at 2200.",
        "The talks open on Tuesday 3 January.",
        "The 2005 festival opens on Friday 11 March.",
    )

    def setup(self, lexicons: Lexicons) -> None:
        table = lexicons.table(self.params["lexicon"])
        self._weekdays: list[str] = list(table["weekdays"])
        self._months = month_numbers(table["months"])
        day = "|".join(self._weekdays)
        self._pattern = re.compile(
            rf"\b(?P<weekday>{day}),?\s+(?:the\s+)?{day_month(table['months'])}"
            rf"(?:,?\s+(?P<year>\d{{4}})\b(?!\s*(?:GMT|BST)))?"
        )

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        pattern = self._pattern
        for block in unit.blocks:
            yield from self._check_block(block, pattern, ctx)

    def _check_block(self, unit: Block, pattern: re.Pattern[str], ctx: Context) -> Iterator[Report]:
        named = {int(y) for y in _YEAR.findall(unit.text)}
        years = sorted(named | {max(named) + 1}) if named else []  # the year after the latest: a coming event
        for match in pattern.finditer(unit.text):
            start, end = unit.start + match.start("weekday"), unit.start + match.end("weekday")
            if ctx.analysis.in_url(unit, start, unit.start + match.end()):
                continue
            month, day = month_and_day(match, self._months)
            actual = [self._weekday(year, month, day) for year in ([int(match.group("year"))] if match.group("year") else years)]
            if not actual or None in actual or match.group("weekday") in actual:
                continue
            when = match.group()[match.end("weekday") - match.start() :].strip(" ,")
            if match.group("year"):
                message, fix = f"{when} was a {actual[0]}, not a {match.group('weekday')}", actual[0]
            else:
                message, fix = f"{when} was not a {match.group('weekday')} in {' or '.join(map(str, years))}", None
            yield ctx.report(
                start,
                end,
                f"{message}; correct the day or the date",
                fix=ctx.replace(start, end, fix, safe=False, description=f"Use '{fix}'") if fix else None,
                related=[(end, unit.start + match.end(), "the date")],
            )

    def _weekday(self, year: int, month: int, day: int) -> str | None:
        try:
            return self._weekdays[datetime.date(year, month, day).weekday()]
        except ValueError:
            return None
