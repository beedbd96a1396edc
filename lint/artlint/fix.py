"""Applying fixes to a text: choosing compatible ones, applying them, re-linting until stable.

Pure functions over strings and findings: nothing here reads or writes files (``writer`` does).
A pass applies every chosen fix at once, edits from the end of the text backwards, so no
edit shifts another; fixes that conflict with one already chosen wait for the next pass,
where they are re-computed on the new text. Passes repeat until no fix applies, the text
stops changing, or ``MAX_PASSES`` is reached.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from artlint.model import Applicability, Edit, Finding, Fix

MAX_PASSES = 4
_BARE_LF = re.compile(r"(?<!\r)\n")

Linter = Callable[[str], list[Finding]]
"""Lints a whole text (same path, kind and configuration each time)."""


@dataclass(frozen=True, slots=True)
class FixOutcome:
    """The fixed text, the findings that remain in it, and how many fixes were applied."""

    text: str
    findings: list[Finding]
    applied: int
    passes: int


def wanted(findings: Iterable[Finding], *, unsafe: bool) -> list[Fix]:
    """The fixes of ``findings`` that may be applied (safe ones; unsafe ones only if ``unsafe``)."""
    return [f.fix for f in findings if f.fix is not None and (unsafe or f.fix.applicability is Applicability.SAFE)]


def compatible(fixes: Iterable[Fix]) -> list[Fix]:
    """Fixes that can be applied together, taken in text order; duplicates are dropped.

    A fix is taken whole or not at all: when one of its edits touches an edit already taken
    (overlaps it, or starts at the same offset, which would make the order of two insertions
    ambiguous), the whole fix is left for the next pass. A fix whose own edits conflict, or
    that has none, is never taken.
    """
    taken: list[Fix] = []
    seen: set[tuple[Edit, ...]] = set()
    spans: list[tuple[int, int]] = []
    keyed = [(tuple(sorted(fix.edits, key=_position)), fix) for fix in fixes]
    usable = sorted(((k, f) for k, f in keyed if k and _disjoint(k)), key=lambda kf: (kf[0][0].start, kf[0][-1].end))
    for key, fix in usable:
        if key in seen or any(_conflicts(spans, e.start, e.end) for e in key):
            continue
        seen.add(key)
        taken.append(fix)
        for edit in key:
            bisect.insort(spans, (edit.start, edit.end))
    return taken


def _position(edit: Edit) -> tuple[int, int]:
    return edit.start, edit.end


def _disjoint(edits: Sequence[Edit]) -> bool:
    """Whether sorted ``edits`` can be applied together (no overlap, no two at one offset)."""
    return all(b.start >= a.end and b.start != a.start for a, b in itertools.pairwise(edits))


def _conflicts(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` conflicts with a span of the sorted, disjoint ``spans``."""
    index = bisect.bisect_left(spans, (start, end))
    before = spans[index - 1] if index > 0 else None
    after = spans[index] if index < len(spans) else None
    if before is not None and (start < before[1] or start == before[0]):
        return True
    return after is not None and (after[0] < end or after[0] == start)


def apply_edits(text: str, edits: Iterable[Edit], newline: str = "\n") -> str:
    """``text`` with ``edits`` applied; raises ``ValueError`` if two edits conflict.

    Line breaks in replacements are written as ``newline``, so a CRLF file stays CRLF.
    """
    ordered = sorted(edits, key=_position)
    if not _disjoint(ordered):
        raise ValueError("two edits overlap or start at the same offset")
    if any(not 0 <= e.start <= e.end <= len(text) for e in ordered):
        raise ValueError(f"an edit lies outside the text (length {len(text)})")
    parts: list[str] = []
    pos = 0
    for edit in ordered:
        parts.append(text[pos : edit.start])
        parts.append(_BARE_LF.sub(newline, edit.replacement) if newline != "\n" else edit.replacement)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def fix_text(
    text: str,
    findings: list[Finding],
    lint: Linter,
    *,
    unsafe: bool = False,
    newline: str = "\n",
    max_passes: int = MAX_PASSES,
) -> FixOutcome:
    """Apply the fixes of ``findings`` (the findings of ``text``) and of the findings after.

    ``lint`` re-checks the text after each pass, so later passes fix what earlier fixes
    uncovered or what conflicted with them. Stops when nothing is left to apply, when a pass
    leaves the text unchanged or returns to an earlier text, or after ``max_passes``.
    """
    applied = 0
    passes = 0
    seen = {text}
    while passes < max_passes:
        chosen = compatible(wanted(findings, unsafe=unsafe))
        if not chosen:
            break
        fixed = apply_edits(text, (edit for fix in chosen for edit in fix.edits), newline)
        if fixed in seen:
            break
        passes += 1
        applied += len(chosen)
        seen.add(fixed)
        text = fixed
        findings = lint(text)
    return FixOutcome(text, findings, applied, passes)
