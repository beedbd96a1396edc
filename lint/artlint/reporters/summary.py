"""Counts over a run: files, findings per severity and family, unreadable files."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple, TypedDict

from artlint.model import Applicability, Family, RunResult, Severity


class Counts(NamedTuple):
    """How many files, findings (per severity) and unreadable files a run has."""

    files: int
    findings: int
    by_severity: dict[Severity, int]
    file_errors: int

    @classmethod
    def of(cls, run: RunResult) -> Counts:
        by_severity = dict.fromkeys(sorted(Severity, reverse=True), 0)
        for finding in run.findings:
            by_severity[finding.severity] += 1
        errors = sum(1 for result in run.files if result.error is not None)
        return cls(len(run.files), sum(by_severity.values()), by_severity, errors)

    def sentence(self) -> str:
        """``Found 3 findings (1 error, 2 warnings) in 2 files.`` or ``No findings in 2 files.``"""
        where = plural(self.files, "file")
        if self.findings:
            parts = ", ".join(
                plural(n, sev.label) if sev is not Severity.INFO else f"{n} info"
                for sev, n in self.by_severity.items()
                if n
            )
            text = f"Found {plural(self.findings, 'finding')} ({parts}) in {where}"
        else:
            text = f"No findings in {where}"
        if self.file_errors:
            verb = "was" if self.file_errors == 1 else "were"
            text += f"; {plural(self.file_errors, 'file')} {verb} not checked"
        return text + "."


def plural(n: int, noun: str) -> str:
    """``1 file``, ``2 files``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def fixable_hint(run: RunResult) -> list[str]:
    """ruff's hint lines: ``[*] 2 fixable with the `--fix` option.`` and the unsafe fixes it would skip."""
    kinds = Counter(f.fix.applicability for f in run.findings if f.fix is not None)
    safe, unsafe = kinds[Applicability.SAFE], kinds[Applicability.UNSAFE]
    lines = [f"[*] {safe} fixable with the `--fix` option."] if safe else []
    if unsafe:
        fixes = "fix" if unsafe == 1 else "fixes"
        lines.append(f"({unsafe} hidden {fixes} can be enabled with the `--unsafe-fixes` option.)")
    return lines


class RuleCount(TypedDict):
    """One row of ``--statistics``: how often a rule fired, and how many of its findings ``--fix`` fixes."""

    code: str
    name: str
    count: int
    fixable: int


def rule_counts(run: RunResult) -> list[RuleCount]:
    """Findings per rule, most frequent first (then by code)."""
    counts = Counter(f.code for f in run.findings)
    fixable = Counter(f.code for f in run.findings if f.fix is not None and f.fix.applicability is Applicability.SAFE)
    names = {f.code: f.name for f in run.findings}
    order = sorted(counts, key=lambda code: (-counts[code], code))
    return [RuleCount(code=code, name=names[code], count=counts[code], fixable=fixable[code]) for code in order]


def statistics_text(run: RunResult) -> str:
    """``--statistics`` as ruff prints it: count, code, ``[*]`` when some are fixable, rule name."""
    rows = rule_counts(run)
    width = max((len(str(row["count"])) for row in rows), default=1)
    return "".join(f"{row['count']:>{width}}\t{row['code']}\t{'[*]' if row['fixable'] else '[ ]'} {row['name']}\n" for row in rows)



def ci_line(run: RunResult, elapsed: float, fixed: int | None = None) -> str:
    """One line for CI logs: files, findings per family and per severity, fixes, time taken.

    ``artlint: 2 files, 3 findings (boilerplate 1, typography 2; warning 2, info 1), 0.41 s``
    """
    counts = Counts.of(run)
    families = Counter(f.family for f in run.findings)
    parts = [plural(counts.files, "file"), plural(counts.findings, "finding")]
    if counts.findings:
        by_family = ", ".join(f"{fam.label} {families[fam]}" for fam in Family if families[fam])
        by_severity = ", ".join(f"{sev.label} {n}" for sev, n in counts.by_severity.items() if n)
        parts[-1] += f" ({by_family}; {by_severity})"
    if fixed is not None:
        parts.append(f"{fixed} fixed")
    if counts.file_errors:
        parts.append(f"{plural(counts.file_errors, 'file')} not checked")
    return f"artlint: {', '.join(parts)}, {elapsed:.2f} s"
