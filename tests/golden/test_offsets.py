"""Every finding points at its text in the ORIGINAL source, whatever the input format.

Fixtures cover CRLF line ends, a UTF-8 BOM, emoji before findings, HTML entities and
Markdown emphasis inside a flagged phrase. Test rules (tests/fixtures/offsets/rules) pin the
exact source excerpts; the default rules are checked for the same invariant.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from artlint.config import Overrides
from artlint.markup import kind_for
from artlint.runner import Runner
from artlint.source import LineIndex

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "offsets"
FILES = sorted(p for p in FIXTURES.iterdir() if p.is_file())

REPEAT_MD = "how *serious* we are, how serious we are"
EXPECTED = {
    "article.md": [
        ("MT990", REPEAT_MD),
        ("BP990", "See also  Ferry timetable changes for the winter"),
        ("CN990", "U.S."),
        ("BP991", "Leave a Reply"),
    ],
    "article.html": [
        ("MT990", "how <i>serious</i> we are, how serious we are"),
        ("BP990", "See also&nbsp; Ferry timetable changes for the winter"),
        ("CN990", "U.S."),
        ("BP991", "Leave a Reply"),
    ],
    "crlf.txt": [
        ("MT990", "how serious we are, how serious we are"),
        ("BP990", "See also\u00a0 Ferry timetable changes for the winter"),
        ("CN990", "U.S."),
        ("BP991", "Leave a Reply"),
    ],
    "bom.txt": [
        ("MT990", "how serious we are, how serious we are"),
        ("BP990", "See also  Ferry timetable changes for the winter"),
        ("BP991", "Leave a Reply"),
    ],
}


def check(path: Path, overrides: Overrides) -> tuple[str, list]:
    runner = Runner(overrides)
    settings = runner.resolver.for_directory(FIXTURES)
    result = runner.check_bytes(path.read_bytes(), path.name, settings, kind_for(path))
    assert result.error is None
    return result.text, result.findings


def assert_positions(text: str, findings: list) -> None:
    lines = LineIndex(text)
    for f in findings:
        assert text[f.start : f.end] == f.excerpt
        assert lines.position(f.start) == (f.line, f.column)
        assert lines.position(f.end) == (f.end_line, f.end_column)
        for related in f.related:
            assert text[related.location.start : related.location.end] == related.excerpt


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_test_rules_flag_exact_source_text(path: Path, tmp_path: Path) -> None:
    config = tmp_path / "artlint.toml"
    config.write_text(f'select = ["BP99", "MT99", "CN99"]\nrules-dirs = ["{(FIXTURES / "rules").as_posix()}"]\n')
    text, findings = check(path, Overrides(config_file=config))
    assert [(f.code, f.excerpt) for f in findings] == EXPECTED[path.name]
    assert_positions(text, findings)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_default_rules_point_at_source_text(path: Path) -> None:
    text, findings = check(path, Overrides(isolated=True))
    assert findings, f"the default rules find the planted defects in {path.name}"
    assert_positions(text, findings)


def test_crlf_and_bom_are_kept_in_the_text() -> None:
    text, _ = check(FIXTURES / "crlf.txt", Overrides(isolated=True))
    assert "\r\n" in text
    text, _ = check(FIXTURES / "bom.txt", Overrides(isolated=True))
    assert text.startswith("Harbour")  # offsets count from after the BOM
