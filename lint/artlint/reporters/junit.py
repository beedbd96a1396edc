"""The ``junit`` format: JUnit XML for CI systems that show test reports.

Each file is a ``<testsuite>`` holding one ``<testcase>`` named by its path. A file with
findings fails, with one ``<failure type="CODE" message="...">`` per finding whose body is the
finding as the text format prints it; a file that could not be checked has an ``<error>``.
Counts follow JUnit's meaning: ``tests``, ``failures`` and ``errors`` count test cases (files).
Characters that XML 1.0 cannot carry are dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from artlint.model import FileResult, RunResult
from artlint.reporters.locations import FileView
from artlint.reporters.text import finding_lines

_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(run: RunResult, *, color: bool = False) -> str:
    """The run as a ``<testsuites>`` document (``color`` is ignored)."""
    root = ET.Element("testsuites", name="artlint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for file in run.files:
        suite = _suite(file)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(file: FileResult) -> ET.Element:
    path = xml_text(file.path)
    failed = bool(file.findings)
    errored = file.error is not None
    suite = ET.Element(
        "testsuite",
        name=path,
        tests="1",
        failures=str(int(failed)),
        errors=str(int(errored)),
        skipped="0",
    )
    case = ET.SubElement(suite, "testcase", name=path, classname="artlint")
    if file.error is not None:
        error = ET.SubElement(case, "error", message=xml_text(file.error), type="error")
        error.text = xml_text(f"{file.path}: error: {file.error}")
    view = FileView.of(file)
    for finding in file.findings:
        failure = ET.SubElement(case, "failure", message=xml_text(finding.message), type=finding.code)
        failure.text = xml_text("\n".join(finding_lines(view, finding)))
    return suite


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (most C0 controls, lone surrogates)."""
    return _XML_ILLEGAL.sub("", text)
