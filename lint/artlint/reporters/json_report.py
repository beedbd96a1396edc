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


_PLACEHOLDER = "\0findings\0"


def render(run: RunResult, *, color: bool = False) -> str:
    """The report as indented JSON (``color`` is ignored).

    The findings are encoded one at a time into the indented report: encoding the whole report
    at once held a dict per finding and a string per token of the output (about 1 GB per MB of
    a text that draws a finding per line).
    """
    skeleton = report(run, findings=[_PLACEHOLDER] if run.findings else [])
    text = json.dumps(skeleton, indent=2, ensure_ascii=False)
    if not run.findings:
        return text + "\n"
    head, tail = text.split(f"    {json.dumps(_PLACEHOLDER)}", 1)
    items = ",\n".join("    " + json.dumps(finding_json(f), indent=2, ensure_ascii=False).replace("\n", "\n    ")
                       for f in run.findings)
    return f"{head}{items}{tail}\n"


def report(run: RunResult, findings: list[Any] | None = None) -> dict[str, Any]:
    """The report as a JSON-ready dict (``findings``: in place of those of ``run``)."""
    counts = Counts.of(run)
    return {
        "version": FORMAT_VERSION,
        "tool": {"name": "artlint", "version": run.version},
        "findings": [finding_json(f) for f in run.findings] if findings is None else findings,
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
