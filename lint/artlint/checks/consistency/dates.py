"""Dates as articles write them, shared by the day-and-date rules (CN020, CN022).

A date is a day and a month in either order ("12 March", "March 12th"); month names come from
the rules' calendar lexicon (``weekday-names``), matched as written there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence


def day_month(months: Sequence[str]) -> str:
    """Regular-expression source of a day and a month in either order, ending at a word boundary.

    Groups: ``d1`` and ``m1`` ("12 March") or ``m2`` and ``d2`` ("March 12th"); read them with
    ``month_and_day``. Callers add what may precede or follow (a weekday, a year).
    """
    month = "|".join(months)
    return rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{month})|(?P<m2>{month})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)\b"


def month_numbers(months: Sequence[str]) -> dict[str, int]:
    """Each month name (in calendar order) with its number, January = 1."""
    return {name: number for number, name in enumerate(months, start=1)}


def month_and_day(match: re.Match[str], numbers: Mapping[str, int]) -> tuple[int, int]:
    """The month number and the day of a match of a ``day_month`` pattern."""
    return numbers[match.group("m1") or match.group("m2")], int(match.group("d1") or match.group("d2"))
