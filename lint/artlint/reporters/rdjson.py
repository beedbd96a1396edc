"""The ``rdjson`` format: reviewdog's Diagnostic Format, so review tools comment on changed lines.

::

    reviewdog -f=rdjson -reporter=github-pr-review < report.json

One ``DiagnosticResult`` with a ``Diagnostic`` per finding: 1-based lines, 1-based columns
counted in UTF-8 bytes as the format requires (end exclusive), the rule code with its
documentation URL, and each fix edit as a ``suggestion``. Only the fields of reviewdog's
schema are written (reviewdog reads it as protobuf JSON, which refuses unknown fields), so
related spans are left out. A file that could not be checked is an ``ERROR`` diagnostic on
the file with no range.
"""

from __future__ import annotations

import json
from typing import Any

from artlint.model import Finding, Location, RunResult, Severity
from artlint.reporters.locations import FileView
from artlint.reporters.sarif import INFORMATION_URI

SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def render(run: RunResult, *, color: bool = False) -> str:
    """The result as indented JSON (``color`` is ignored)."""
    return json.dumps(diagnostic_result(run), indent=2, ensure_ascii=False) + "\n"


def diagnostic_result(run: RunResult) -> dict[str, Any]:
    """The ``DiagnosticResult`` as a JSON-ready dict."""
    diagnostics: list[dict[str, Any]] = []
    for file in run.files:
        if file.error is not None:
            diagnostics.append({"message": file.error, "location": {"path": file.path}, "severity": "ERROR"})
        view = FileView.of(file)
        diagnostics.extend(_diagnostic(finding, view, run) for finding in file.findings)
    return {"source": {"name": "artlint", "url": INFORMATION_URI}, "diagnostics": diagnostics}


def _diagnostic(finding: Finding, view: FileView, run: RunResult) -> dict[str, Any]:
    code: dict[str, str] = {"value": finding.code}
    info = run.rules.get(finding.code)
    if info is not None and info.url:
        code["url"] = info.url
    diagnostic: dict[str, Any] = {
        "message": finding.message,
        "location": {"path": finding.path, "range": _range(view, finding.location)},
        "severity": SEVERITIES[finding.severity],
        "code": code,
    }
    if finding.fix is not None:
        diagnostic["suggestions"] = [
            {"range": _range(view, _edit_location(view, edit.start, edit.end)), "text": edit.replacement}
            for edit in finding.fix.edits
        ]
    return diagnostic


def _edit_location(view: FileView, start: int, end: int) -> Location:
    line, column = view.index.position(start)
    end_line, end_column = view.index.position(end)
    return Location(start, end, line, column, end_line, end_column)


def _range(view: FileView, location: Location) -> dict[str, Any]:
    """Start and exclusive end, columns in UTF-8 bytes (code points when the text is missing)."""
    if not view.text:
        start_column, end_column = location.column, location.end_column
    else:
        start_column, end_column = view.utf8_column(location.start), view.utf8_column(location.end)
    return {
        "start": {"line": location.line, "column": start_column},
        "end": {"line": location.end_line, "column": end_column},
    }
