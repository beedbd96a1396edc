"""Inline suppression: ``<!-- artlint-disable ... -->`` directives become ignored source ranges.

Applied after the rules ran, like textlint's filter rules: a finding is dropped when its start
lies in a range that disables its code (or a prefix of it). The directives are checked too, as
ruff checks ``noqa`` comments: a malformed one (AL910), one naming no known rule (AL911) and,
when selected, one that silenced nothing (AL912, like ruff's RUF100).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
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
    directive: Directive

    def covers(self, finding: Finding) -> bool:
        if not self.start <= finding.start < self.end:
            return False
        return not self.codes or any(finding.code.startswith(code) for code in self.codes)


def ignore_ranges(directives: Iterable[Directive], lines: LineIndex, text_length: int) -> list[IgnoreRange]:
    """Turn directives, in source order, into ignore ranges."""
    ranges: list[IgnoreRange] = []
    open_ranges: dict[tuple[str, ...], tuple[int, Directive]] = {}
    for directive in sorted(directives, key=lambda d: d.start):
        if directive.kind is DirectiveKind.DISABLE:
            open_ranges.setdefault(directive.codes, (directive.end, directive))
        elif directive.kind is DirectiveKind.ENABLE:
            for codes in list(open_ranges):
                if not directive.codes or set(codes) <= set(directive.codes) or not codes:
                    start, opened = open_ranges.pop(codes)
                    ranges.append(IgnoreRange(start, directive.start, codes, opened))
        elif directive.kind is DirectiveKind.DISABLE_NEXT_LINE:
            line = lines.line_of(directive.end) + 1
            if line <= lines.line_count:
                start = lines.line_start(line)
                end = lines.line_start(line + 1) if line < lines.line_count else text_length
                ranges.append(IgnoreRange(start, end, directive.codes, directive))
    ranges.extend(IgnoreRange(start, text_length, codes, opened) for codes, (start, opened) in open_ranges.items())
    return ranges


def apply(findings: list[Finding], ranges: list[IgnoreRange]) -> tuple[list[Finding], set[Directive]]:
    """Findings not covered by any range, and the directives whose ranges covered some."""
    if not ranges:
        return findings, set()
    kept: list[Finding] = []
    used: set[Directive] = set()
    for finding in findings:
        covering = [r.directive for r in ranges if r.covers(finding)]
        used.update(covering)
        if not covering:
            kept.append(finding)
    return kept, used


def problems(directives: Iterable[Directive], used: set[Directive], known: Collection[str],
             unused: bool) -> Iterator[tuple[str, Directive, str]]:
    """``(code, directive, message)`` for each faulty directive: AL910 malformed, AL911 names a
    code that matches no rule in ``known`` (codes and their prefixes), AL912 (with ``unused``)
    disables rules but silenced no finding."""
    for directive in directives:
        if directive.kind is DirectiveKind.MALFORMED:
            yield "AL910", directive, ("not a suppression directive: expected artlint-disable, artlint-enable or "
                                       "artlint-disable-next-line, then rule codes or prefixes (or none)")
            continue
        unknown = [code for code in directive.codes if code not in known]
        if unknown:
            yield "AL911", directive, f"{', '.join(unknown)} in this suppression {'matches' if len(unknown) == 1 else 'match'} no rule"
        elif unused and directive.kind is not DirectiveKind.ENABLE and directive not in used:
            what = ", ".join(directive.codes) or "every rule"
            yield "AL912", directive, f"unused suppression: disabling {what} here silences no finding; remove it"
