"""Running rules on a document and turning their reports into positioned findings.

Dispatch is by scope: document rules once, block rules per block, sentence rules per
sentence. A rule that raises is reported as AL900 (AL901 for a pattern past its time budget)
and the other rules go on; a rule that needs a package of an extra that is not installed is one
AL900 per document that names the extra. Faulty suppression comments are AL910-AL912 (see
``suppress``). A file whose encoding had to be guessed gets AL902 on its first
guessed character. Reports are mapped through the offset map to source spans.

Output and work stay bounded: a rule reports at most ``MAX_PER_BLOCK`` findings in one block.
Past ``MAX_PER_BLOCK - 1`` its reports there merge into one finding that counts them ("... (and
412 more like this in this paragraph)"), whose fix, when every merged report has one of the same
safety, applies them all; and no more than ``MAX_PER_UNIT`` reports of one block or sentence are
read from a rule at all (the count then says "at least"). Past ``max_per_document - 1``
findings of one rule in one document (``MAX_PER_DOCUMENT`` unless configured), the rest merge
into one that counts them ("... (and 3,412 more findings of this rule in this document)"), so
that what a document holds (and the report) stays bounded whatever the input's size. The cap
applies as reports arrive (``Collector``): a rule's reports past it are counted, not held.

A check can be cancelled: ``lint`` takes a token (a callable, such as ``threading.Event.is_set``)
that it asks before each rule and each block or sentence, and raises ``Cancelled`` once it is set.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
import itertools
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, NamedTuple

from artlint import suppress
from artlint.config import DEFAULT_MAX_FINDINGS_PER_RULE
from artlint.errors import Cancelled, MissingExtra, RuleTimeout
from artlint.lexicon import Lexicons
from artlint.markup.document import Document
from artlint.model import Edit, Finding, Fix, Location, Related, Severity
from artlint.rule import Context, Report, Rule, RuleSpec, Scope, SourceEdit
from artlint.text.analysis import Analysis
from artlint.units import whole_containers

MAX_PER_BLOCK = 10
"""Findings one rule may report in one block; the rest merge into the last of them."""
MARKUP = "<>[]*_`"
"""Characters of HTML and Markdown markup: an edit whose source holds other counts of them than
its plain text crosses markup (a tag, a link's brackets, emphasis) and would break it."""
MAX_PER_UNIT = 1000
"""Reports read from a rule for one block or sentence; the rest are not asked for."""
MAX_PER_DOCUMENT = DEFAULT_MAX_FINDINGS_PER_RULE
"""Findings one rule may report in one document by default (``max-findings-per-rule``)."""

Token = Callable[[], bool]
"""A cancellation token: true once the check should stop."""

if TYPE_CHECKING:
    from artlint.sitetemplates import TemplateModel


def _never() -> bool:
    return False


class ActiveRule(NamedTuple):
    """A rule instance with the severity it reports at."""

    rule: Rule
    severity: Severity

    @property
    def spec(self) -> RuleSpec:
        return self.rule.spec


class Engine:
    """Runs a fixed set of rule instances over documents."""

    def __init__(self, rules: Sequence[ActiveRule], lexicons: Lexicons, internal: Mapping[str, RuleSpec],
                 *, unused_suppressions: bool = False, templates: TemplateModel | None = None,
                 max_per_document: int = MAX_PER_DOCUMENT) -> None:
        """``internal`` holds the specs of every known rule (the AL ones are reported from here);
        ``unused_suppressions`` reports suppressions that silence nothing (AL912, selected);
        ``templates`` are the learned site templates BP040 reads; ``max_per_document`` bounds
        the findings of one rule in one document (the rest merge into the last)."""
        self.rules = list(rules)
        self.lexicons = lexicons
        self.internal = internal
        self.unused_suppressions = unused_suppressions
        self.templates = templates
        self.max_per_document = max(1, max_per_document)
        for active in self.rules:
            active.rule.setup(lexicons)
        lexicons.build()
        self._known = frozenset(code[:n] for code in internal for n in range(2, len(code) + 1))

    def lint(self, document: Document, path: str, *, enabled: Iterable[str] | None = None, site: str = "",
             cancelled: Token | None = None) -> list[Finding]:
        """Findings for ``document``, sorted and de-duplicated, suppressions applied.

        ``enabled`` limits the run to these codes (per-file ignores); None runs every rule.
        ``site`` is the site the document belongs to (for learned site templates).
        ``cancelled`` is asked between rules and units; once it returns true, ``Cancelled`` is raised.
        """
        codes = set(enabled) if enabled is not None else None
        ctx = Context(document, Analysis(document), self.lexicons, site=site, templates=self.templates)
        findings: list[Finding] = []
        for active in self.rules:
            if codes is not None and active.spec.code not in codes:
                continue
            findings.extend(self._run(active, document, ctx, path, cancelled or _never))
        if document.source.guessed:
            findings.append(self._guessed(document, path))
        ranges = suppress.ignore_ranges(document.directives, document.lines, len(document.text))
        findings, used = suppress.apply(findings, ranges)
        for code, directive, message in suppress.problems(document.directives, used, self._known,
                                                          self.unused_suppressions):
            findings.append(self._internal(code, message, document, path,
                                           source_location(document, directive.start, directive.end)))
        return finalize(whole_containers(document, findings))

    def _run(self, active: ActiveRule, document: Document, ctx: Context, path: str,
             cancelled: Token) -> Iterator[Finding]:
        rule = active.rule
        units: Iterable[Any]
        if rule.spec.scope is Scope.DOCUMENT:
            units = (document,)
        elif rule.spec.scope is Scope.BLOCK:
            units = ctx.analysis.gates.blocks(rule.needs)
        else:
            units = ctx.analysis.gates.sentences(rule.needs, ctx.analysis.sentences)
        reports = Collector(document, self.max_per_document)
        cut: set[int] = set()  # starts of the units whose reports were cut at MAX_PER_UNIT
        limit = None if rule.spec.scope is Scope.DOCUMENT else MAX_PER_UNIT + 1
        try:
            for unit in units:
                if cancelled():
                    raise Cancelled
                if limit is None:  # a document rule's reports are taken as they come, never all held
                    reports.extend(rule.check(unit, ctx))
                    continue
                found = list(itertools.islice(rule.check(unit, ctx), limit))
                if len(found) == limit:
                    cut.add(found.pop().start)
                if found:  # most units give none
                    reports.extend(found)
            reports.extend(rule.finish(ctx))
        except Cancelled:
            raise
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
        for report in reports.result(cut):
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


def bounded(reports: list[Report], document: Document, cut: Iterable[int] = ()) -> list[Report]:
    """``reports`` with those past ``MAX_PER_BLOCK - 1`` in one block merged into one report;
    ``cut`` holds offsets in the blocks where a rule was stopped before its last report."""
    if len(reports) <= MAX_PER_BLOCK:
        return reports
    starts = [block.start for block in document.blocks]
    cut_blocks = {bisect.bisect_right(starts, offset) for offset in cut}
    by_block: dict[int, list[Report]] = {}
    for report in reports:
        by_block.setdefault(bisect.bisect_right(starts, report.start), []).append(report)
    out: list[Report] = []
    for index, group in by_block.items():
        if len(group) <= MAX_PER_BLOCK:
            out.extend(group)
            continue
        group.sort(key=lambda r: (r.start, r.end))
        kept, merged = group[: MAX_PER_BLOCK - 1], group[MAX_PER_BLOCK - 1 :]
        out.extend(kept)
        taken = [(e.start, e.end) for r in kept if r.fix for e in r.fix.edits]
        out.append(_merge(merged, index in cut_blocks, taken))
    return out


def capped(reports: list[Report], limit: int, total: int | None = None) -> list[Report]:
    """``reports`` (of one rule in one document), those past ``limit - 1`` merged into one
    report at the first of them that counts them; a merged report has no fix. ``total`` is the
    number of reports when only the first ``limit`` or more of them (in order) are given."""
    total = len(reports) if total is None else total
    if total <= limit:
        return reports
    reports = sorted(reports, key=lambda r: (r.start, r.end))
    kept, first = reports[: limit - 1], reports[limit - 1]
    rest = total - len(kept)
    kept.append(Report(first.start, first.end, f"{first.message} (and {rest:,} more findings of this rule in this document)"))
    return kept


class Collector:
    """The reports of one rule in one document, taken one at a time, holding no more of them than
    ``capped(bounded(...))`` can keep: what ``result`` returns is what those two return on all.

    Up to ``limit`` reports are simply held. Past that, reports are grouped by block, and a block
    counts as ``min(reports, MAX_PER_BLOCK)`` (what ``bounded`` leaves of it). Reports sort by
    start, so blocks sort by their index: once the blocks before the last one held count
    ``limit`` or more, the last one's reports all fall in the merged rest and only its count
    is kept. A report for a block past the last one held is only counted."""

    def __init__(self, document: Document, limit: int) -> None:
        self.document = document
        self.limit = limit
        self.reports: list[Report] = []
        self.starts: list[int] = []  # the blocks' starts, once grouping began
        self.counts = bytearray()  # empty until grouping began; then per block (index as ``bisect_right`` of a start): min(reports, MAX_PER_BLOCK)
        self.total = 0  # the sum of counts
        self.groups: dict[int, list[Report]] = {}  # the reports of the blocks held, by block
        self.held: list[int] = []  # the held blocks' indices, negated (a heap of the last first)
        self.held_count = 0  # the sum of the held blocks' counts
        self.frontier = -1  # no block past this one is held (-1: none dropped yet)

    def extend(self, reports: Iterable[Report]) -> None:
        for report in reports:
            if self.counts:
                self._place(report)
                continue
            self.reports.append(report)
            if len(self.reports) > self.limit:
                self.starts = [block.start for block in self.document.blocks]
                self.counts = bytearray(len(self.starts) + 1)
                held, self.reports = self.reports, []
                for earlier in held:
                    self._place(earlier)

    def _place(self, report: Report) -> None:
        index = bisect.bisect_right(self.starts, report.start)
        counted = self.counts[index] < MAX_PER_BLOCK
        if counted:
            self.counts[index] += 1
            self.total += 1
        group = self.groups.get(index)
        if group is None:
            if 0 <= self.frontier < index:
                return
            group = self.groups[index] = []
            heapq.heappush(self.held, -index)
        group.append(report)
        self.held_count += counted
        while self.held_count - self.counts[-self.held[0]] >= self.limit:
            last = -heapq.heappop(self.held)
            self.held_count -= self.counts[last]
            del self.groups[last]
            self.frontier = -self.held[0]

    def result(self, cut: Iterable[int]) -> list[Report]:
        """The reports as ``capped(bounded(reports, document, cut), limit)`` of all of them."""
        if not self.counts:
            return capped(bounded(self.reports, self.document, cut), self.limit)
        held = [report for group in self.groups.values() for report in group]
        return capped(bounded(held, self.document, cut), self.limit, self.total)


def _merge(reports: list[Report], cut: bool, taken: list[tuple[int, int]]) -> Report:
    """One report standing for ``reports`` (same rule, same block), at the first of them;
    ``cut`` when the rule had more to report there. Its fix holds the edits of theirs that can
    be applied together and beside the ``taken`` ones (the rest are found again next pass)."""
    first = reports[0]
    count = f"at least {len(reports)}" if cut else str(len(reports))
    message = f"{first.message} (and {count} more like this in this paragraph)"
    fixes = [r.fix for r in reports]
    fix = None
    if all(fixes) and len({f.applicability for f in fixes if f}) == 1 and first.fix is not None:
        edits: list[Edit] = []
        reach = -1  # the end of the edits chosen so far: in start order, an edit after them starts there or later
        for edit in sorted((e for f in fixes if f for e in f.edits), key=lambda e: (e.start, e.end)):
            clear = not edits or edit.start >= reach and edit.start != edits[-1].start
            if clear and all((edit.start >= end or edit.end <= start) and edit.start != start for start, end in taken):
                edits.append(edit)
                reach = max(reach, edit.end)
        fix = Fix(tuple(edits), first.fix.applicability, f"Apply all {len(reports)} fixes") if edits else None
    return Report(first.start, first.end, message, fix)


def locate(document: Document, start: int, end: int) -> Location:
    """The source location of plain ``[start, end)``."""
    return source_location(document, *document.offsets.span(start, end))


def source_location(document: Document, start: int, end: int) -> Location:
    """The location of source ``[start, end)``."""
    line, column = document.lines.position(start)
    end_line, end_column = document.lines.position(end)
    return Location(start, end, line, column, end_line, end_column)


def _map_fix(fix: Fix, document: Document) -> Fix | None:
    """``fix`` in source offsets, or None when one of its edits would cut through markup."""
    edits = []
    for edit in fix.edits:
        if isinstance(edit, SourceEdit):
            edits.append(Edit(edit.start, edit.end, edit.replacement))
            continue
        start, end = document.offsets.span(edit.start, edit.end)
        if document.kind != "text" and _crosses_markup(document.text[start:end], document.plain[edit.start : edit.end]):
            return None
        edits.append(Edit(start, end, edit.replacement))
    return replace(fix, edits=tuple(edits))


def _crosses_markup(source: str, plain: str) -> bool:
    return any(source.count(char) != plain.count(char) for char in MARKUP)


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
