"""Inline suppression: ``<!-- artlint-disable ... -->`` directives become ignored source ranges.

Applied after the rules ran, like textlint's filter rules: a finding is dropped when its start
lies in a range that disables its code (or a prefix of it).
"""

from __future__ import annotations

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

    def covers(self, finding: Finding) -> bool:
        if not self.start <= finding.start < self.end:
            return False
        return not self.codes or any(finding.code.startswith(code) for code in self.codes)


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
    """Findings not covered by any range."""
    if not ranges:
        return findings
    return [f for f in findings if not any(r.covers(f) for r in ranges)]
