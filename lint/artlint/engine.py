"""Running rules on a document and turning their reports into positioned findings.

Dispatch is by scope: document rules once, block rules per block, sentence rules per
sentence. A rule that raises is reported as AL900 (AL901 for a pattern past its time budget)
and the other rules go on; a rule that needs a package of an extra that is not installed is one
AL900 per document that names the extra. A file whose encoding had to be guessed gets AL902 on its first
guessed character. Reports are mapped through the offset map to source spans.
"""

from __future__ import annotations

import hashlib
import traceback
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from artlint import suppress
from artlint.errors import MissingExtra, RuleTimeout
from artlint.lexicon import Lexicons
from artlint.markup.document import Document
from artlint.model import Edit, Finding, Fix, Location, Related, Severity
from artlint.rule import Context, Report, Rule, RuleSpec, Scope
from artlint.segment import Segmentation


@dataclass(frozen=True, slots=True)
class ActiveRule:
    """A rule instance with the severity it reports at."""

    rule: Rule
    severity: Severity

    @property
    def spec(self) -> RuleSpec:
        return self.rule.spec


class Engine:
    """Runs a fixed set of rule instances over documents."""

    def __init__(self, rules: Sequence[ActiveRule], lexicons: Lexicons, internal: Mapping[str, RuleSpec]) -> None:
        self.rules = list(rules)
        self.lexicons = lexicons
        self.internal = internal

    def lint(self, document: Document, path: str, *, enabled: Iterable[str] | None = None) -> list[Finding]:
        """Findings for ``document``, sorted and de-duplicated, suppressions applied.

        ``enabled`` limits the run to these codes (per-file ignores); None runs every rule.
        """
        codes = set(enabled) if enabled is not None else None
        self.lexicons.start_document()
        segmentation = Segmentation(document)
        ctx = Context(document, segmentation, self.lexicons)
        findings: list[Finding] = []
        for active in self.rules:
            if codes is not None and active.spec.code not in codes:
                continue
            findings.extend(self._run(active, document, ctx, path))
        if document.source.guessed:
            findings.append(self._guessed(document, path))
        ranges = suppress.ignore_ranges(document.directives, document.lines, len(document.text))
        findings = suppress.apply(findings, ranges)
        return finalize(findings)

    def _run(self, active: ActiveRule, document: Document, ctx: Context, path: str) -> Iterator[Finding]:
        rule = active.rule
        units: Iterable[Any]
        if rule.spec.scope is Scope.DOCUMENT:
            units = (document,)
        elif rule.spec.scope is Scope.BLOCK:
            units = document.blocks
        else:
            units = ctx.segmentation.sentences
        reports: list[Report] = []
        try:
            for unit in units:
                reports.extend(rule.check(unit, ctx))
            reports.extend(rule.finish(ctx))
        except RuleTimeout as exc:
            yield self._internal("AL901", str(exc), document, path)
        except MissingExtra as exc:  # one finding per document, whatever the rules that need it
            yield self._internal("AL900", str(exc), document, path)
        except Exception as exc:  # noqa: BLE001 - a broken rule must not stop the others
            where = traceback.extract_tb(exc.__traceback__)[-1]
            message = (
                f"rule {rule.spec.code} ({rule.spec.name}) crashed: {type(exc).__name__}: {exc} "
                f"at {where.filename}:{where.lineno}; other rules ran"
            )
            yield self._internal("AL900", message, document, path)
        for report in reports:
            yield to_finding(report, rule.spec, active.severity, document, path)

    def _internal(
        self, code: str, message: str, document: Document, path: str, location: Location | None = None
    ) -> Finding:
        """A finding of an internal AL code, at ``location`` (default: where the plain text starts)."""
        spec = self.internal[code]
        where = location or locate(document, 0, 0)
        excerpt = document.text[where.start : where.end]
        return Finding(spec.code, spec.name, spec.family, spec.severity, message, path, where, excerpt)

    def _guessed(self, document: Document, path: str) -> Finding:
        """AL902 on the first character whose encoding was guessed."""
        guessed = document.source.guessed
        first = guessed[0]
        message = (
            f"not valid UTF-8 and no usable charset declared: {len(guessed)} byte(s) were read as windows-1252, "
            f"a guess (the first is '{document.text[first]}' here); check the text and convert the file to UTF-8"
        )
        return self._internal("AL902", message, document, path, source_location(document, first, first + 1))


def locate(document: Document, start: int, end: int) -> Location:
    """The source location of plain ``[start, end)``."""
    return source_location(document, *document.offsets.span(start, end))


def source_location(document: Document, start: int, end: int) -> Location:
    """The location of source ``[start, end)``."""
    line, column = document.lines.position(start)
    end_line, end_column = document.lines.position(end)
    return Location(start, end, line, column, end_line, end_column)


def _map_fix(fix: Fix, document: Document) -> Fix:
    edits = tuple(Edit(*document.offsets.span(e.start, e.end), e.replacement) for e in fix.edits)
    return replace(fix, edits=edits)


def to_finding(report: Report, spec: RuleSpec, severity: Severity, document: Document, path: str) -> Finding:
    """Map a rule's report (plain offsets) to a finding (source offsets)."""
    location = locate(document, report.start, report.end)
    related = tuple(
        Related(loc, note, document.text[loc.start : loc.end])
        for loc, note in ((locate(document, s, e), note) for s, e, note in report.related)
    )
    return Finding(
        code=spec.code,
        name=spec.name,
        family=spec.family,
        severity=severity,
        message=report.message,
        path=path,
        location=location,
        excerpt=document.text[location.start : location.end],
        fix=_map_fix(report.fix, document) if report.fix else None,
        related=related,
    )


def finalize(findings: list[Finding]) -> list[Finding]:
    """Sort, drop exact duplicates, and give each finding its fingerprint.

    The fingerprint hashes the code, the whitespace-normalised excerpt and its occurrence
    number among equal (code, excerpt) pairs, so it survives edits elsewhere in the file.
    """
    unique = sorted(set(findings), key=Finding.sort_key)
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for finding in unique:
        key = (finding.code, " ".join(finding.excerpt.split()))
        seen[key] += 1
        # surrogatepass: text given through the API may hold lone surrogates
        digest = hashlib.sha1(f"{key[0]}\0{key[1]}\0{seen[key]}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
        out.append(replace(finding, fingerprint=digest))
    return out
