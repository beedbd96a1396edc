"""Baseline files: accepted findings, hidden so that CI reports only new ones.

An entry records a finding by what survives edits elsewhere in the file: its rule, its context
(a digest of the excerpt and of the two words on each side of it on its line) and its column, its position
relative to the start of its line (a paragraph of a plain-text article; a block's line in
Markdown and HTML). A finding is hidden when an entry of its file has the same rule and context;
among several such entries, the one at the nearest column is used up first. So text inserted or
deleted above, below or beside an accepted finding neither hides a new finding (its context
differs) nor brings the accepted one back; editing the words next to a finding makes it new.

Version 1 files (fingerprints of code, excerpt and occurrence number) are still read.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from artlint.errors import ArtlintError, InputError
from artlint.model import FileResult, Finding, RunResult
from artlint.source import read_json

FORMAT_VERSION = 2
MAX_BASELINE_BYTES = 200_000_000
"""A larger baseline file is not read (it is named in the configuration, which others may write)."""
CONTEXT_WORDS = 2
"""Words taken on each side of a finding, within its line."""
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Entry:
    """One accepted finding: rule, context digest, column within its line (0-based)."""

    code: str
    context: str
    column: int


def entry(finding: Finding, text: str) -> Entry:
    """The baseline entry of ``finding`` in the file whose decoded text is ``text``."""
    line_start = text.rfind("\n", 0, finding.start) + 1
    line_end = text.find("\n", finding.end)
    before = _WORD.findall(text, line_start, finding.start)[-CONTEXT_WORDS:]
    after = _WORD.findall(text, finding.end, len(text) if line_end < 0 else line_end)[:CONTEXT_WORDS]
    # The excerpt counts as it is (a doubled space is all space); around it only words count,
    # in any case (a sentence that gets a new start or end keeps its finding).
    key = "\0".join((finding.code, " ".join(before).casefold(), finding.excerpt, " ".join(after).casefold()))
    digest = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return Entry(finding.code, digest, finding.start - line_start)


@dataclass(slots=True)
class Baseline:
    """Accepted findings per path (``Path.as_posix``); ``legacy`` holds version 1 fingerprints."""

    entries: dict[str, list[Entry]] = field(default_factory=dict)
    legacy: dict[str, Counter[str]] = field(default_factory=dict)

    @classmethod
    def from_run(cls, run: RunResult) -> Baseline:
        """The baseline accepting every finding of ``run``."""
        entries: dict[str, list[Entry]] = {}
        for result in run.files:
            if result.findings:
                key = Path(result.path).as_posix()
                entries.setdefault(key, []).extend(entry(f, result.text) for f in result.findings)
        return cls(entries)

    @classmethod
    def read(cls, path: Path) -> Baseline:
        """Load a baseline; ``ArtlintError`` names the file when it is missing or malformed."""
        try:
            data = read_json(path, MAX_BASELINE_BYTES)
        except InputError as exc:
            raise ArtlintError(f"{path}: cannot read baseline: {exc}") from None
        except OSError as exc:
            raise ArtlintError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
        except ValueError as exc:
            raise ArtlintError(f"{path}: baseline is not valid JSON: {exc}") from None
        if not isinstance(data, dict) or data.get("version") not in (1, FORMAT_VERSION) or not isinstance(data.get("findings"), dict):
            raise ArtlintError(f"{path}: not an artlint baseline (version {FORMAT_VERSION})")
        if data["version"] == 1:
            return cls(legacy={p: Counter(fps) for p, fps in data["findings"].items() if isinstance(fps, list)})
        try:
            entries = {p: [_entry(item) for item in items] for p, items in data["findings"].items()}
        except (KeyError, TypeError, ValueError):
            raise ArtlintError(f"{path}: malformed baseline entry (expected code, context and column)") from None
        return cls(entries)

    def write(self, path: Path) -> None:
        """Save the baseline as JSON (sorted, so it diffs well)."""
        findings = {
            p: [{"code": e.code, "context": e.context, "column": e.column} for e in sorted(items, key=_order)]
            for p, items in sorted(self.entries.items())
        }
        path.write_text(json.dumps({"version": FORMAT_VERSION, "findings": findings}, indent=2) + "\n", encoding="utf-8")

    def filter(self, run: RunResult) -> RunResult:
        """The run without the findings this baseline accepts."""
        for result in run.files:
            key = Path(result.path).as_posix()
            if key in self.legacy:
                result.findings = _legacy_filter(result.findings, Counter(self.legacy[key]))
            else:
                result.findings = self._kept(result, self.entries.get(key, []))
        return run

    @staticmethod
    def _kept(result: FileResult, accepted: Iterable[Entry]) -> list[Finding]:
        pool: dict[tuple[str, str], list[int]] = {}
        for item in accepted:
            pool.setdefault((item.code, item.context), []).append(item.column)
        kept = []
        for finding in result.findings:
            current = entry(finding, result.text)
            columns = pool.get((current.code, current.context))
            if columns:
                columns.remove(min(columns, key=lambda c: abs(c - current.column)))
            else:
                kept.append(finding)
        return kept


def _order(item: Entry) -> tuple[str, int, str]:
    return item.code, item.column, item.context


def _entry(item: Any) -> Entry:
    code, context, column = item["code"], item["context"], item["column"]
    if not (isinstance(code, str) and isinstance(context, str) and isinstance(column, int)):
        raise TypeError(item)
    return Entry(code, context, column)


def _legacy_filter(findings: list[Finding], known: Counter[str]) -> list[Finding]:
    """Version 1: hide findings by fingerprint, each as many times as it was recorded."""
    kept = []
    for finding in findings:
        if known[finding.fingerprint] > 0:
            known[finding.fingerprint] -= 1
        else:
            kept.append(finding)
    return kept
