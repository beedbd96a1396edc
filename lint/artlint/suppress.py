"""Inline suppression: ``<!-- artlint-disable ... -->`` directives become ignored source ranges.

Applied after the rules ran, like textlint's filter rules: a finding is dropped when its start
lies in a range that disables its code (or a prefix of it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from artlint.markup.document import Directive, DirectiveKind
from artlint.model import Finding
from artlint.source import LineIndex


@dataclass(frozen=True, slots=True)
class IgnoreRange:
    """Findings whose code matches ``codes`` (all when empty) starting in ``[start, end)``."""

    start: int
    end: int
    codes: tuple[str, ...]


def ignore_ranges(directives: Iterable[Directive], lines: LineIndex, text_length: int) -> list[IgnoreRange]:
    """Turn directives, in source order, into ignore ranges."""
    ranges: list[IgnoreRange] = []
    open_ranges: dict[tuple[str, ...], int] = {}
    for directive in sorted(directives, key=lambda d: d.start):
        if directive.kind is DirectiveKind.DISABLE:
            open_ranges.setdefault(directive.codes, directive.end)
        elif directive.kind is DirectiveKind.ENABLE:
            for codes in list(open_ranges):
                if not directive.codes or set(codes) <= set(directive.codes) or not codes:
                    ranges.append(IgnoreRange(open_ranges.pop(codes), directive.start, codes))
        else:
            line = lines.line_of(directive.end) + 1
            if line <= lines.line_count:
                start = lines.line_start(line)
                end = lines.line_start(line + 1) if line < lines.line_count else text_length
                ranges.append(IgnoreRange(start, end, directive.codes))
    ranges.extend(IgnoreRange(start, text_length, codes) for codes, start in open_ranges.items())
    return ranges


def apply(findings: list[Finding], ranges: list[IgnoreRange]) -> list[Finding]:
    """Findings not covered by any range, in their order.

    One sweep over range ends and findings by position, counting the codes that open ranges
    disable (``ALL`` for a range of every code), so that a finding is looked up by the prefixes
    of its code: O((ranges + findings) log), where testing every finding against every range
    took findings x ranges.
    """
    ranges = [r for r in ranges if r.start < r.end]
    if not ranges:
        return findings
    events = sorted([(r.start, 1, r.codes) for r in ranges] + [(r.end, -1, r.codes) for r in ranges],
                    key=lambda event: (event[0], event[1]))  # at one offset, ends before starts
    active: Counter[str | None] = Counter()
    covered: set[int] = set()
    next_event = 0
    for index in sorted(range(len(findings)), key=lambda i: findings[i].start):
        finding = findings[index]
        while next_event < len(events) and events[next_event][0] <= finding.start:
            _, step, codes = events[next_event]
            active.update({code: step for code in codes or (None,)})
            next_event += 1
        code = finding.code
        if active[None] > 0 or any(active[code[:length]] > 0 for length in range(1, len(code) + 1)):
            covered.add(index)
    return [f for i, f in enumerate(findings) if i not in covered]
