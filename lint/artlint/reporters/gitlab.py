"""The ``gitlab`` format: a GitLab Code Quality report, shown on the changed lines of a merge request.

::

    artlint check . --format gitlab -o gl-code-quality-report.json
    # .gitlab-ci.yml: artifacts: reports: codequality: gl-code-quality-report.json

A JSON array with one issue per finding: ``description`` (message and code),
``check_name`` (the code), ``fingerprint`` (unique per finding, stable across runs: the
path and the finding's own fingerprint, hashed), ``severity`` and ``location`` with the
path (relative, forward slashes) and the 1-based lines it spans. A file that could not be
checked is a ``critical`` issue on its first line.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from artlint.model import Finding, RunResult, Severity

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
ERROR_CHECK = "artlint-input-error"


def render(run: RunResult, *, color: bool = False) -> str:
    """The report as indented JSON (``color`` is ignored)."""
    return json.dumps(code_quality(run), indent=2, ensure_ascii=False) + "\n"


def code_quality(run: RunResult) -> list[dict[str, Any]]:
    """The issues as JSON-ready dicts, in file order."""
    issues: list[dict[str, Any]] = []
    for file in run.files:
        path = report_path(file.path)
        if file.error is not None:
            issues.append(_issue(file.error, ERROR_CHECK, _hash(path, ERROR_CHECK), "critical", path, 1, 1))
        issues.extend(_finding_issue(finding, path) for finding in file.findings)
    return issues


def _finding_issue(finding: Finding, path: str) -> dict[str, Any]:
    identity = finding.fingerprint or f"{finding.code}:{finding.start}:{finding.end}"
    return _issue(
        f"{finding.message} ({finding.code} {finding.name})",
        finding.code,
        _hash(path, identity),
        SEVERITIES[finding.severity],
        path,
        finding.line,
        finding.end_line,
    )


def _issue(
    description: str, check: str, fingerprint: str, severity: str, path: str, begin: int, end: int
) -> dict[str, Any]:
    return {
        "description": description,
        "check_name": check,
        "fingerprint": fingerprint,
        "severity": severity,
        "location": {"path": path, "lines": {"begin": begin, "end": max(begin, end)}},
    }


def report_path(path: str) -> str:
    """``path`` with forward slashes and no leading ``./`` (GitLab matches it to the repository)."""
    posix = path.replace("\\", "/")
    while posix.startswith("./"):
        posix = posix[2:]
    return posix


def _hash(path: str, identity: str) -> str:
    return hashlib.sha256(f"{path}\0{identity}".encode("utf-8", "surrogateescape")).hexdigest()[:32]
