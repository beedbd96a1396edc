"""Reporters: every format rendered from hand-built results, checked value by value."""

from __future__ import annotations

import functools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from artlint.model import (
    Applicability,
    Edit,
    Family,
    FileResult,
    Finding,
    Fix,
    Location,
    Related,
    RuleInfo,
    RunResult,
    Severity,
)
from artlint.reporters import FORMATS, render
from artlint.reporters.github import escape_data, escape_property
from artlint.reporters.json_report import SCHEMA_PATH
from artlint.reporters.locations import FileView
from artlint.reporters.sarif import artifact_uri
from artlint.reporters.text import CONTEXT, MAX_SPAN, snippet
from artlint.rule import rule_url
from artlint.source import LineIndex

DATA = Path(__file__).resolve().parents[1] / "data"

LAUNCH_PATH = "news/launch.md"
LAUNCH = (
    "# Rocket’s launch 🚀 day\n"
    "The rocket 🚀 lifted off ,crowds cheered.\n"
    "Officials said it's a great day.\n"
    "\tTabbed line with  double space.\n"
)
WIRE_PATH = "news/wire copy, v2.txt"
WIRE = "First line.\r\nA  second line.\r\n"
BROKEN_PATH = "news/broken.html"
BROKEN_ERROR = "not valid UTF-8 (byte 0xff at offset 3, line 1); convert the file to UTF-8"
CLEAN_PATH = "news/clean.md"

RULES = {
    code: RuleInfo(code, name, family, severity, summary, rule_url(code))
    for code, name, family, severity, summary in (
        ("TY001", "straight-apostrophe", Family.TYPOGRAPHY, Severity.INFO, "Use curly apostrophes."),
        ("TY002", "space-before-comma", Family.TYPOGRAPHY, Severity.WARNING, "No space before a comma."),
        ("GR001", "double-space", Family.GRAMMAR, Severity.ERROR, "One space between words."),
        ("RD001", "long-sentence", Family.READABILITY, Severity.INFO, "Sentences under 40 words."),
        ("CN001", "unused-rule", Family.CONSISTENCY, Severity.WARNING, "Never reported here."),
    )
}


def loc(text: str, start: int, end: int) -> Location:
    index = LineIndex(text)
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    return Location(start, end, line, column, end_line, end_column)


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def make(
    path: str,
    text: str,
    code: str,
    where: tuple[int, int],
    message: str,
    *,
    severity: Severity | None = None,
    fix: Fix | None = None,
    related: tuple[Related, ...] = (),
) -> Finding:
    rule = RULES[code]
    start, end = where
    return Finding(
        code=code,
        name=rule.name,
        family=rule.family,
        severity=severity or rule.severity,
        message=message,
        path=path,
        location=loc(text, start, end),
        excerpt=text[start:end],
        fix=fix,
        related=related,
        fingerprint=f"fp-{code}-{start}",
    )


COMMA = span(LAUNCH, " ,")
APOSTROPHE = span(LAUNCH, "'")
CURLY = span(LAUNCH, "’")
DOUBLE = span(LAUNCH, "  ")
LONG = (LAUNCH.index("lifted"), LAUNCH.index(" said"))


def utf16(offset: int) -> int:
    """A code-point offset into LAUNCH in UTF-16 code units (what SARIF charOffset counts)."""
    return len(LAUNCH[:offset].encode("utf-16-le")) // 2
WIRE_DOUBLE = span(WIRE, "  ")


def launch_findings() -> list[Finding]:
    return [
        make(
            LAUNCH_PATH,
            LAUNCH,
            "TY002",
            COMMA,
            "Space before a comma",
            fix=Fix((Edit(*COMMA, ", "),), description="Move the space after the comma"),
        ),
        make(LAUNCH_PATH, LAUNCH, "RD001", LONG, "Long sentence (12 words)"),
        make(
            LAUNCH_PATH,
            LAUNCH,
            "TY001",
            APOSTROPHE,
            "Straight apostrophe; this article uses ’",
            related=(Related(loc(LAUNCH, *CURLY), "curly apostrophe used here", "’"),),
        ),
        make(
            LAUNCH_PATH,
            LAUNCH,
            "GR001",
            DOUBLE,
            "Two spaces between words",
            fix=Fix((Edit(*DOUBLE, " "),), Applicability.UNSAFE, "Collapse to one space"),
        ),
    ]


def make_run() -> RunResult:
    return RunResult(
        files=[
            FileResult(LAUNCH_PATH, launch_findings(), LAUNCH),
            FileResult(
                WIRE_PATH,
                [make(WIRE_PATH, WIRE, "GR001", WIRE_DOUBLE, "Two spaces between words", severity=Severity.WARNING)],
                WIRE,
            ),
            FileResult(BROKEN_PATH, [], "", BROKEN_ERROR, "html"),
            FileResult(CLEAN_PATH, [], "All good.\n"),
        ],
        rules=RULES,
        version="0.1.0",
        elapsed=0.25,
    )


# --- registry ---------------------------------------------------------------------------


def test_formats_and_unknown_format() -> None:
    assert FORMATS == ("text", "json", "sarif", "github", "junit", "html", "rdjson", "gitlab", "concise")
    expected = r"unknown output format 'xml' \(expected one of: text, json, sarif, github, junit, html, rdjson, gitlab, concise\)"
    with pytest.raises(ValueError, match=expected):
        render("xml", make_run())


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_ends_with_newline(fmt: str) -> None:
    assert render(fmt, make_run()).endswith("\n")


# --- text -------------------------------------------------------------------------------


def test_text_exact() -> None:
    expected = [
        "news/launch.md:2:24: TY002 [warning] Space before a comma",
        "  The rocket 🚀 lifted off ,crowds cheered.",
        "  " + " " * 24 + "^^",
        "news/launch.md:2:14: RD001 [info] Long sentence (12 words)",
        "  The rocket 🚀 lifted off ,crowds cheered.",
        "  " + " " * 14 + "^" * 27,
        "news/launch.md:3:18: TY001 [info] Straight apostrophe; this article uses ’",
        "  Officials said it's a great day.",
        "  " + " " * 17 + "^",
        "  = note: news/launch.md:1:9: curly apostrophe used here",
        "news/launch.md:4:18: GR001 [error] Two spaces between words",
        "  \tTabbed line with  double space.",
        "  \t" + " " * 16 + "^^",
        "news/wire copy, v2.txt:2:2: GR001 [warning] Two spaces between words",
        "  A  second line.",
        "   ^^",
        "news/broken.html: error: " + BROKEN_ERROR,
        "",
        "Found 5 findings (1 error, 2 warnings, 2 info) in 4 files; 1 file was not checked.",
        "[*] 1 fixable with the `--fix` option.",
        "(1 hidden fix can be enabled with the `--unsafe-fixes` option.)",
    ]
    assert render("text", make_run()) == "\n".join(expected) + "\n"


def test_text_default_is_uncoloured_and_colour_is_ansi() -> None:
    run = make_run()
    assert "\x1b[" not in render("text", run)
    coloured = render("text", run, color=True)
    assert "\x1b[1;31mGR001\x1b[0m" in coloured
    assert "\x1b[33m[warning]\x1b[0m" in coloured
    assert "\x1b[1mnews/launch.md:2:24:\x1b[0m" in coloured
    assert "\x1b[1;36m= note:\x1b[0m" in coloured
    # Stripping the escapes gives the plain output back.
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == render("text", run)


def test_text_summaries() -> None:
    clean = RunResult([FileResult("a.md", [], "Fine.\n"), FileResult("b.md", [], "Also fine.\n")], {}, "0.1.0")
    assert render("text", clean) == "No findings in 2 files.\n"
    one = RunResult([FileResult(WIRE_PATH, [make(WIRE_PATH, WIRE, "TY002", WIRE_DOUBLE, "x")], WIRE)], RULES, "0.1.0")
    assert render("text", one).splitlines()[-1] == "Found 1 finding (1 warning) in 1 file."
    broken = RunResult([FileResult(BROKEN_PATH, error=BROKEN_ERROR)], {}, "0.1.0")
    assert render("text", broken).splitlines()[-1] == "No findings in 1 file; 1 file was not checked."


def test_text_controls_in_source_and_message_are_made_visible() -> None:
    text = "Breaking\x1b[31m news\u2028here  now\n"
    finding = make("a.txt", text, "GR001", span(text, "  "), "Bad\nmessage\x07")
    out = render("text", RunResult([FileResult("a.txt", [finding], text)], RULES, "1"))
    lines = out.splitlines()
    assert lines[0] == "a.txt:1:24: GR001 [error] Bad␊message␇"
    assert lines[1] == "  Breaking␛[31m news\ufffdhere  now"
    assert lines[2] == "  " + " " * 23 + "^^"
    assert "\x1b" not in out


def test_text_snippet_edges() -> None:
    text = "漢字 x\nend"
    view = FileView(text)
    # Wide characters take two cells; an empty span at the end of a line gets one caret.
    assert snippet(view, loc(text, 3, 4), Severity.INFO) == ["  漢字 x", "       ^"]
    assert snippet(view, loc(text, 4, 4), Severity.INFO) == ["  漢字 x", "        ^"]
    # A span that starts on a line break still shows its line.
    assert snippet(view, loc(text, 4, 8), Severity.INFO) == ["  漢字 x", "        ^"]
    # Without text (unreadable file) there is nothing to show.
    assert snippet(FileView(""), Location(0, 1, 1, 1, 1, 2), Severity.INFO) == []


def test_text_snippet_of_a_long_line_is_a_window_around_the_span() -> None:
    text = "a" * 500 + "XY" + "b" * 500 + "\n"
    shown, carets = snippet(FileView(text), loc(text, 500, 502), Severity.INFO)
    assert shown == "  …" + "a" * CONTEXT + "XY" + "b" * CONTEXT + "…"
    assert carets == "   " + " " * CONTEXT + "^^"
    # A span longer than MAX_SPAN gets MAX_SPAN carets; the line shown stays bounded.
    shown, carets = snippet(FileView(text), loc(text, 0, 1000), Severity.INFO)
    assert carets == "  " + "^" * MAX_SPAN
    assert len(shown) == 2 + MAX_SPAN + CONTEXT + 1


def test_text_report_size_is_bounded_per_finding() -> None:
    text = "word " * 20_000 + "\n"
    findings = [make("a.txt", text, "TY002", (i * 5000, i * 5000 + 4), "x") for i in range(20)]
    out = render("text", RunResult([FileResult("a.txt", findings, text)], RULES, "1"))
    assert len(out) < 20 * (3 * (MAX_SPAN + 2 * CONTEXT) + 100)


def test_concise_is_one_line_per_finding() -> None:
    expected = [
        "news/launch.md:2:24: TY002 Space before a comma",
        "news/launch.md:2:14: RD001 Long sentence (12 words)",
        "news/launch.md:3:18: TY001 Straight apostrophe; this article uses ’",
        "news/launch.md:4:18: GR001 Two spaces between words",
        "news/wire copy, v2.txt:2:2: GR001 Two spaces between words",
        "news/broken.html: error: " + BROKEN_ERROR,
        "",
        "Found 5 findings (1 error, 2 warnings, 2 info) in 4 files; 1 file was not checked.",
        "[*] 1 fixable with the `--fix` option.",  # the hint follows the summary, as in ruff's concise output
        "(1 hidden fix can be enabled with the `--unsafe-fixes` option.)",
    ]
    assert render("concise", make_run()) == "\n".join(expected) + "\n"


# --- json -------------------------------------------------------------------------------


@functools.cache
def report_validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def load_json(run: RunResult) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render("json", run))
    report_validator().validate(data)
    return data


def test_json_validates_and_has_values() -> None:
    data = load_json(make_run())
    assert data["version"] == 1
    assert data["tool"] == {"name": "artlint", "version": "0.1.0"}
    assert data["errors"] == [{"path": BROKEN_PATH, "message": BROKEN_ERROR}]
    assert data["summary"] == {
        "files": 4,
        "findings": 5,
        "by_severity": {"error": 1, "warning": 2, "info": 2},
        "file_errors": 1,
    }
    assert [f["code"] for f in data["findings"]] == ["TY002", "RD001", "TY001", "GR001", "GR001"]
    comma = data["findings"][0]
    assert comma == {
        "code": "TY002",
        "name": "space-before-comma",
        "family": "typography",
        "severity": "warning",
        "message": "Space before a comma",
        "path": LAUNCH_PATH,
        "start": COMMA[0],
        "end": COMMA[1],
        "line": 2,
        "column": 24,
        "end_line": 2,
        "end_column": 26,
        "excerpt": " ,",
        "fix": {
            "applicability": "safe",
            "description": "Move the space after the comma",
            "edits": [{"start": COMMA[0], "end": COMMA[1], "replacement": ", "}],
        },
        "related": [],
        "fingerprint": f"fp-TY002-{COMMA[0]}",
    }
    apostrophe = data["findings"][2]
    assert apostrophe["fix"] is None
    assert apostrophe["related"] == [
        {
            "start": CURLY[0],
            "end": CURLY[1],
            "line": 1,
            "column": 9,
            "end_line": 1,
            "end_column": 10,
            "message": "curly apostrophe used here",
            "excerpt": "’",
        }
    ]
    assert data["findings"][3]["fix"]["applicability"] == "unsafe"
    long = data["findings"][1]
    assert (long["line"], long["column"], long["end_line"], long["end_column"]) == (2, 14, 3, 10)
    crlf = data["findings"][4]
    assert (crlf["path"], crlf["line"], crlf["column"], crlf["start"]) == (WIRE_PATH, 2, 2, 14)


def test_json_schema_enums_match_model() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    finding = schema["definitions"]["finding"]["properties"]
    assert finding["family"]["enum"] == [f.label for f in Family]
    assert sorted(schema["definitions"]["severity"]["enum"]) == sorted(s.label for s in Severity)
    assert sorted(finding) == sorted(schema["definitions"]["finding"]["required"])


def test_json_schema_rejects_drift() -> None:
    data = json.loads(render("json", make_run()))
    data["findings"][0]["severity"] = "fatal"
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema, cls=jsonschema.Draft7Validator)


def test_json_empty_run() -> None:
    data = load_json(RunResult([], {}, "0.1.0"))
    assert data["findings"] == [] and data["errors"] == []
    assert data["summary"]["files"] == 0


# --- sarif ------------------------------------------------------------------------------


@functools.cache
def sarif_validator() -> jsonschema.Draft4Validator:
    """The official SARIF 2.1.0 schema (draft-04; its $refs are all local, so no network)."""
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def load_sarif(run: RunResult) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(render("sarif", run))
    errors = sorted(sarif_validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    return log


def test_sarif_validates_against_official_schema() -> None:
    log = load_sarif(make_run())
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert len(log["runs"]) == 1


def test_sarif_driver_lists_used_rules_only() -> None:
    run = load_sarif(make_run())["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("artlint", "0.1.0")
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == ["GR001", "RD001", "TY001", "TY002"]
    assert driver["rules"][0] == {
        "id": "GR001",
        "name": "double-space",
        "shortDescription": {"text": "One space between words."},
        "fullDescription": {"text": "One space between words."},
        "help": {"text": f"One space between words. See {rule_url('GR001')}",
                 "markdown": f"One space between words. See {rule_url('GR001')}"},
        "helpUri": rule_url("GR001"),
        "defaultConfiguration": {"level": "error"},
        "properties": {"family": "grammar"},
    }
    assert driver["rules"][2]["defaultConfiguration"] == {"level": "note"}
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_results_utf16_columns() -> None:
    run = load_sarif(make_run())["runs"][0]
    assert run["columnKind"] == "utf16CodeUnits"
    results = run["results"]
    assert [r["level"] for r in results] == ["warning", "note", "note", "error", "warning"]
    comma = results[0]
    assert comma["message"] == {"text": "Space before a comma"}
    location = comma["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "news/launch.md"}
    # One astral emoji before the span on line 2: code-point column 24, UTF-16 column 25.
    assert location["region"] == {
        "startLine": 2,
        "startColumn": 25,
        "endLine": 2,
        "endColumn": 27,
        "charOffset": utf16(COMMA[0]),
        "charLength": 2,
        "snippet": {"text": " ,"},
    }
    assert comma["partialFingerprints"] == {"artlint/v1": f"fp-TY002-{COMMA[0]}"}
    # Multi-line span: starts after the emoji (UTF-16 column 15), ends on line 3 before the emoji-free text.
    region = results[1]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (2, 15, 3, 10)
    # Line 3 has no astral characters: UTF-16 and code-point columns agree.
    region = results[2]["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"]) == (18, 19)
    # CRLF file: columns count from the line start after "\r\n".
    wire = results[4]["locations"][0]["physicalLocation"]
    assert wire["artifactLocation"] == {"uri": "news/wire%20copy%2C%20v2.txt"}
    assert wire["region"]["startLine"] == 2 and wire["region"]["startColumn"] == 2
    assert wire["region"]["charOffset"] == 14


def test_sarif_related_locations_and_fixes() -> None:
    results = load_sarif(make_run())["runs"][0]["results"]
    related = results[2]["relatedLocations"]
    assert related == [
        {
            "id": 1,
            "physicalLocation": {
                "artifactLocation": {"uri": "news/launch.md"},
                "region": {
                    "startLine": 1,
                    "startColumn": 9,
                    "endLine": 1,
                    "endColumn": 10,
                    "charOffset": utf16(CURLY[0]),
                    "charLength": 1,
                    "snippet": {"text": "’"},
                },
            },
            "message": {"text": "curly apostrophe used here"},
        }
    ]
    assert results[0]["fixes"] == [
        {
            "description": {"text": "Move the space after the comma"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": "news/launch.md"},
                    "replacements": [
                        {"deletedRegion": {"charOffset": utf16(COMMA[0]), "charLength": 2}, "insertedContent": {"text": ", "}}
                    ],
                }
            ],
            "properties": {"applicability": "safe"},
        }
    ]
    assert results[3]["fixes"][0]["properties"] == {"applicability": "unsafe"}
    assert "fixes" not in results[1] and "relatedLocations" not in results[0]


def test_sarif_file_errors_are_notifications() -> None:
    invocation = load_sarif(make_run())["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {
            "level": "error",
            "message": {"text": BROKEN_ERROR},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "news/broken.html"}}}],
        }
    ]
    clean = load_sarif(RunResult([FileResult(CLEAN_PATH, [], "ok\n")], RULES, "0.1.0"))["runs"][0]
    assert clean["invocations"] == [{"executionSuccessful": True}]
    assert clean["results"] == [] and clean["tool"]["driver"]["rules"] == []


def test_sarif_unknown_rule_gets_a_descriptor() -> None:
    finding = make(CLEAN_PATH, "ok\n", "TY002", (0, 2), "x")
    log = load_sarif(RunResult([FileResult(CLEAN_PATH, [finding], "ok\n")], {}, "0.1.0"))
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["id"] == "TY002"


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("news/a.md", "news/a.md"),
        ("./news/a.md", "news/a.md"),
        ("news\\sub\\a.md", "news/sub/a.md"),
        ("news/café #1.md", "news/caf%C3%A9%20%231.md"),
        ("/srv/news/a.md", "file:///srv/news/a.md"),
        ("C:\\news\\a.md", "file:///C:/news/a.md"),
    ],
)
def test_sarif_artifact_uri(path: str, uri: str) -> None:
    assert artifact_uri(path) == uri


# --- github -----------------------------------------------------------------------------


def test_github_commands() -> None:
    lines = render("github", make_run()).splitlines()
    launch = "file=news/launch.md,"
    assert lines == [
        f"::warning {launch}line=2,col=24,endLine=2,endColumn=26,title=TY002 space-before-comma::Space before a comma",
        f"::notice {launch}line=2,col=14,endLine=3,endColumn=10,title=RD001 long-sentence::Long sentence (12 words)",
        (f"::notice {launch}line=3,col=18,endLine=3,endColumn=19,title=TY001 straight-apostrophe::"
         "Straight apostrophe; this article uses ’"),
        f"::error {launch}line=4,col=18,endLine=4,endColumn=20,title=GR001 double-space::Two spaces between words",
        ("::warning file=news/wire copy%2C v2.txt,line=2,col=2,endLine=2,endColumn=4,title=GR001 double-space::"
         "Two spaces between words"),
        "::error file=news/broken.html,title=artlint::" + BROKEN_ERROR,
    ]


def test_github_escaping() -> None:
    assert escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    text = "Up 5%,\nnow\n"
    finding = make("odd:name.md", text, "TY002", (4, 6), "Say 'per cent', not %\nhere")
    out = render("github", RunResult([FileResult("odd:name.md", [finding], text)], RULES, "1"))
    assert out == (
        "::warning file=odd%3Aname.md,line=1,col=5,endLine=1,endColumn=7,"
        "title=TY002 space-before-comma::Say 'per cent', not %25%0Ahere\n"
    )


def test_github_no_findings_is_empty() -> None:
    assert render("github", RunResult([FileResult(CLEAN_PATH, [], "ok\n")], {}, "1")) == ""


# --- junit ------------------------------------------------------------------------------


def test_junit_structure_and_counts() -> None:
    out = render("junit", make_run())
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "2", "1")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [LAUNCH_PATH, WIRE_PATH, BROKEN_PATH, CLEAN_PATH]
    assert [(s.get("tests"), s.get("failures"), s.get("errors")) for s in suites] == [
        ("1", "1", "0"),
        ("1", "1", "0"),
        ("1", "0", "1"),
        ("1", "0", "0"),
    ]
    cases = [s.findall("testcase") for s in suites]
    assert all(len(c) == 1 for c in cases)
    assert [c[0].get("name") for c in cases] == [LAUNCH_PATH, WIRE_PATH, BROKEN_PATH, CLEAN_PATH]
    launch = cases[0][0].findall("failure")
    assert [(f.get("type"), f.get("message")) for f in launch] == [
        ("TY002", "Space before a comma"),
        ("RD001", "Long sentence (12 words)"),
        ("TY001", "Straight apostrophe; this article uses ’"),
        ("GR001", "Two spaces between words"),
    ]
    assert launch[0].text == (
        "news/launch.md:2:24: TY002 [warning] Space before a comma\n"
        "  The rocket 🚀 lifted off ,crowds cheered.\n"
        "  " + " " * 24 + "^^"
    )
    assert launch[2].text is not None
    assert launch[2].text.endswith("  = note: news/launch.md:1:9: curly apostrophe used here")
    error = cases[2][0].find("error")
    assert error is not None and error.get("message") == BROKEN_ERROR
    assert list(cases[3][0]) == []


def test_junit_is_well_formed_with_any_characters() -> None:
    text = "Bad\x00 \x1b bytes\x0b and \ufffe  here\n"
    message = "Control \x01\x02 chars\r\nand <tags> & \"quotes\" \ud800"
    finding = make("x<&>.txt", text, "GR001", span(text, "  "), message)
    run = RunResult([FileResult("x<&>.txt", [finding], text), FileResult("e.txt", error="bad \x00 byte")], RULES, "1")
    root = ET.fromstring(render("junit", run).encode("utf-8"))
    suite = root.findall("testsuite")
    assert suite[0].get("name") == "x<&>.txt"
    failure = suite[0].find("testcase/failure")
    assert failure is not None
    assert failure.get("message") == "Control  chars\r\nand <tags> & \"quotes\" "
    assert failure.text is not None and "\x00" not in failure.text
    error = suite[1].find("testcase/error")
    assert error is not None and error.get("message") == "bad  byte"


# --- any text ---------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(text=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40), data=st.data())
def test_any_text_renders_in_every_format(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    finding = make("any.txt", text, "GR001", (start, end), text[start:end] or "empty")
    run = RunResult([FileResult("any.txt", [finding], text)], RULES, "1")
    region = load_sarif(run)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    line_start = LineIndex(text).line_start(finding.line)
    assert region["startColumn"] == len(text[line_start:start].encode("utf-16-le")) // 2 + 1
    load_json(run)
    ET.fromstring(render("junit", run).encode("utf-8"))
    out = render("text", run)
    assert out.count("\n") == 5 and "\r" not in out
    assert render("github", run).count("\n") == 1
