"""Inline suppression: ``<!-- artlint-disable ... -->`` directives become ignored source ranges.

Applied after the rules ran, like textlint's filter rules: a finding is dropped when its start
lies in a range that disables its code (or a prefix of it). The directives are checked too, as
ruff checks ``noqa`` comments: a malformed one (AL910), one naming no known rule (AL911) and,
when selected, one that silenced nothing (AL912, like ruff's RUF100).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator
from typing import NamedTuple

from artlint.markup.document import Directive, DirectiveKind
from artlint.model import Finding
from artlint.source import LineIndex


class IgnoreRange(NamedTuple):
    """Findings whose code matches ``codes`` (all when empty) starting in ``[start, end)``."""

    start: int
    end: int
    codes: tuple[str, ...]
    directive: Directive


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
    """Findings not covered by any range (in their order), and the directives whose ranges covered some.

    One sweep over range ends and findings by position, counting the codes that open ranges
    disable (``None`` for a range of every code), so that a finding is looked up by the prefixes
    of its code: O((ranges + findings) log), where testing every finding against every range
    took findings x ranges. A directive is marked used once, when the first finding it covers
    is met, so the marking adds at most one step per range.
    """
    ranges = [r for r in ranges if r.start < r.end]
    if not ranges:
        return findings, set()
    events = sorted([(r.start, 1, i) for i, r in enumerate(ranges)] + [(r.end, -1, i) for i, r in enumerate(ranges)],
                    key=lambda event: (event[0], event[1]))  # at one offset, ends before starts
    active: Counter[str | None] = Counter()
    pending: defaultdict[str | None, set[int]] = defaultdict(set)  # open ranges not yet marked used, by code
    used: set[Directive] = set()
    covered: set[int] = set()
    next_event = 0
    for index in sorted(range(len(findings)), key=lambda i: findings[i].start):
        finding = findings[index]
        while next_event < len(events) and events[next_event][0] <= finding.start:
            _, step, which = events[next_event]
            for code in ranges[which].codes or (None,):
                active[code] += step
                if step > 0:
                    pending[code].add(which)
                else:
                    pending[code].discard(which)
            next_event += 1
        keys = [None, *(finding.code[:length] for length in range(1, len(finding.code) + 1))]
        hits = [key for key in keys if active[key] > 0]
        if hits:
            covered.add(index)
            for key in hits:
                used.update(ranges[which].directive for which in pending.pop(key, ()))
    return [f for i, f in enumerate(findings) if i not in covered], used


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
