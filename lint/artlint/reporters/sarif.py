"""The ``sarif`` format: a SARIF 2.1.0 log for code-scanning services (GitHub, Azure DevOps).

Columns are 1-based UTF-16 code units (``columnKind: utf16CodeUnits``), as those services
count them; ``charOffset``/``charLength`` (in regions and in fixes) use the same unit, so a
character outside the Basic Multilingual Plane (an emoji) counts as two. Only the rules that appear in results are listed.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from artlint import REPOSITORY_URL
from artlint.model import Finding, Fix, Location, RuleInfo, RunResult, Severity
from artlint.reporters.locations import FileView

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = REPOSITORY_URL
FINGERPRINT_KEY = "artlint/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")


def render(run: RunResult, *, color: bool = False) -> str:
    """The log as indented JSON (``color`` is ignored)."""
    return json.dumps(sarif_log(run), indent=2, ensure_ascii=False) + "\n"


def sarif_log(run: RunResult) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict with a single run."""
    rules = _used_rules(run)
    rule_index = {rule.code: i for i, rule in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for file in run.files:
        view = FileView.of(file)
        uri = artifact_uri(file.path)
        results.extend(_result(finding, view, uri, rule_index[finding.code]) for finding in file.findings)
    driver = {
        "name": "artlint",
        "version": run.version,
        "informationUri": INFORMATION_URI,
        "rules": [_descriptor(rule) for rule in rules],
    }
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [_invocation(run)],
                "columnKind": "utf16CodeUnits",
                "results": results,
            }
        ],
    }


def artifact_uri(path: str) -> str:
    """A URI reference for ``path``: relative paths stay relative, with forward slashes."""
    posix = path.replace("\\", "/")
    if _WINDOWS_DRIVE.match(posix):
        return "file:///" + _quote(posix, "/:")
    if posix.startswith("/"):
        return "file://" + _quote(posix, "/")
    while posix.startswith("./"):
        posix = posix[2:]
    return _quote(posix, "/")


def _quote(path: str, safe: str) -> str:
    """``path`` percent-encoded; a file name that is not UTF-8 keeps its bytes."""
    return quote(path.encode("utf-8", "surrogateescape"), safe=safe)


def _used_rules(run: RunResult) -> list[RuleInfo]:
    """Rule metadata for every code in the findings, sorted by code."""
    used: dict[str, RuleInfo] = {}
    for finding in run.findings:
        if finding.code not in used:
            used[finding.code] = run.rules.get(finding.code) or RuleInfo(
                finding.code, finding.name, finding.family, finding.severity, finding.name, ""
            )
    return sorted(used.values(), key=lambda rule: rule.code)


def _descriptor(rule: RuleInfo) -> dict[str, Any]:
    """The rule as code scanning shows it: descriptions, help (text and the rule's page) and its link."""
    summary = rule.summary or rule.name
    full = f"{summary.rstrip('.')}. {rule.why}" if rule.why else summary
    help_text = full + (f" See {rule.url}" if rule.url else "")
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "help": {"text": help_text, "markdown": rule.help or help_text},
    }
    if rule.url:
        descriptor["helpUri"] = rule.url
    descriptor["defaultConfiguration"] = {"level": LEVELS[rule.severity]}
    descriptor["properties"] = {"family": rule.family.label}
    return descriptor


def _result(finding: Finding, view: FileView, uri: str, rule_index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": _physical(view, uri, finding.location, finding.excerpt)}],
    }
    if finding.related:
        result["relatedLocations"] = [
            {
                "id": i,
                "physicalLocation": _physical(view, uri, related.location, related.excerpt),
                "message": {"text": related.message},
            }
            for i, related in enumerate(finding.related, start=1)
        ]
    if finding.fingerprint:
        result["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    if finding.fix is not None:
        result["fixes"] = [_fix(finding.fix, uri, view)]
    return result


def _physical(view: FileView, uri: str, location: Location, excerpt: str) -> dict[str, Any]:
    start_column, end_column = view.utf16_columns(location)
    region = {
        "startLine": location.line,
        "startColumn": start_column,
        "endLine": location.end_line,
        "endColumn": end_column,
        "charOffset": view.utf16_offset(location.start),
        "charLength": view.utf16_offset(location.end) - view.utf16_offset(location.start),
        "snippet": {"text": view.span_text(location.start, location.end, excerpt)},
    }
    return {"artifactLocation": {"uri": uri}, "region": region}


def _fix(fix: Fix, uri: str, view: FileView) -> dict[str, Any]:
    replacements = [
        {
            "deletedRegion": {
                "charOffset": view.utf16_offset(edit.start),
                "charLength": view.utf16_offset(edit.end) - view.utf16_offset(edit.start),
            },
            "insertedContent": {"text": edit.replacement},
        }
        for edit in fix.edits
    ]
    sarif_fix: dict[str, Any] = {}
    if fix.description:
        sarif_fix["description"] = {"text": fix.description}
    sarif_fix["artifactChanges"] = [{"artifactLocation": {"uri": uri}, "replacements": replacements}]
    sarif_fix["properties"] = {"applicability": fix.applicability.value}
    return sarif_fix


def _invocation(run: RunResult) -> dict[str, Any]:
    """Whether every file was checked; files that could not be are error notifications."""
    notifications = [
        {
            "level": "error",
            "message": {"text": file.error},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(file.path)}}}],
        }
        for file in run.files
        if file.error is not None
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation
