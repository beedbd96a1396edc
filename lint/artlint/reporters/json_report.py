"""The ``json`` format: a versioned document described by ``artlint-report.schema.json``.

``version`` changes only when a field is removed or changes meaning; new fields are added to
the schema together with the code that writes them. Offsets are 0-based code points into the
decoded file, lines and columns are 1-based code points, ends are exclusive.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from artlint.model import Finding, Fix, Location, Related, RunResult
from artlint.reporters.summary import Counts

FORMAT_VERSION = 1
SCHEMA_PATH = Path(__file__).with_name("artlint-report.schema.json")


def render(run: RunResult, *, color: bool = False) -> str:
    """The report as indented JSON (``color`` is ignored)."""
    return json.dumps(report(run), indent=2, ensure_ascii=False) + "\n"


def report(run: RunResult) -> dict[str, Any]:
    """The report as a JSON-ready dict."""
    counts = Counts.of(run)
    return {
        "version": FORMAT_VERSION,
        "tool": {"name": "artlint", "version": run.version},
        "findings": [finding_json(f) for f in run.findings],
        "errors": [{"path": r.path, "message": r.error} for r in run.files if r.error is not None],
        "summary": {
            "files": counts.files,
            "findings": counts.findings,
            "by_severity": {sev.label: n for sev, n in counts.by_severity.items()},
            "file_errors": counts.file_errors,
        },
    }


def _span(location: Location) -> dict[str, int]:
    return {
        "start": location.start,
        "end": location.end,
        "line": location.line,
        "column": location.column,
        "end_line": location.end_line,
        "end_column": location.end_column,
    }


def finding_json(finding: Finding) -> dict[str, Any]:
    """One finding as the report writes it (also the ``scan`` and cache record format)."""
    return {
        "code": finding.code,
        "name": finding.name,
        "family": finding.family.label,
        "severity": finding.severity.label,
        "message": finding.message,
        "path": finding.path,
        **_span(finding.location),
        "excerpt": finding.excerpt,
        "fix": _fix(finding.fix),
        "related": [_related(r) for r in finding.related],
        "fingerprint": finding.fingerprint,
    }


def _fix(fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "applicability": fix.applicability.value,
        "description": fix.description,
        "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in fix.edits],
    }


def _related(related: Related) -> dict[str, Any]:
    return {**_span(related.location), "message": related.message, "excerpt": related.excerpt}
