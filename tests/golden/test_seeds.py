"""Golden tests on the real articles in seeds/.

(a) Each ``must = "flag"`` defect of ``<id>.expected.toml`` is overlapped by a finding of its
family; no finding of a family overlaps a ``must = "silent"`` defect of that family.
(b) ``<id>.findings.snap`` pins every finding (position, code, message, excerpt) exactly;
rewrite it with ``pytest --update-golden`` and review the diff.
(c) Invariants: the excerpt is the source text at the finding's offsets; lines and columns
agree with the offsets.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from conftest import SEEDS

from artlint.config import Overrides
from artlint.model import Family, Finding
from artlint.runner import Runner

FAMILIES = {
    "boilerplate": Family.BOILERPLATE,
    "translation": Family.TRANSLATION,
    "typography": Family.TYPOGRAPHY,
    "contradiction": Family.CONSISTENCY,
}
SEED_FILES = sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".md", ".html"))


def _findings(path: Path) -> tuple[str, list[Finding]]:
    runner = Runner(Overrides(isolated=True, preview=True))  # the preview tier is pinned too
    result = runner.check_bytes(path.read_bytes(), path.name, runner.resolver.for_directory(SEEDS), "text")
    assert result.error is None
    return result.text, result.findings


def _defects(kind: str) -> list[tuple[Path, dict]]:
    out = []
    for path in SEED_FILES:
        expected = path.with_suffix(".expected.toml")
        if expected.exists():
            defects = tomllib.loads(expected.read_text(encoding="utf-8"))["defect"]
            out += [(path, d) for d in defects if d["must"] == kind]
    return out


def _span(text: str, defect: dict) -> tuple[int, int]:
    lines = text.splitlines(keepends=True)
    line_start = sum(len(line) for line in lines[: defect["line"] - 1])
    column = lines[defect["line"] - 1].find(defect["excerpt"])
    assert column >= 0, f"annotation excerpt not on line {defect['line']}: {defect['excerpt']!r}"
    return line_start + column, line_start + column + len(defect["excerpt"])


def _overlaps(finding: Finding, start: int, end: int) -> bool:
    return finding.start < end and start < finding.end


@pytest.mark.parametrize(("path", "defect"), _defects("flag"), ids=lambda v: f"{v['line']}-{v['family']}" if isinstance(v, dict) else v.stem)
def test_flagged_defect_is_found(path: Path, defect: dict) -> None:
    text, findings = _findings(path)
    start, end = _span(text, defect)
    family = FAMILIES[defect["family"]]
    hits = [f for f in findings if f.family is family and _overlaps(f, start, end)]
    assert hits, f"line {defect['line']}: no {family.label} finding on {defect['excerpt']!r}"


@pytest.mark.parametrize(("path", "defect"), _defects("silent"), ids=lambda v: f"{v['line']}-{v['family']}" if isinstance(v, dict) else v.stem)
def test_silent_defect_is_not_flagged(path: Path, defect: dict) -> None:
    text, findings = _findings(path)
    start, end = _span(text, defect)
    family = FAMILIES[defect["family"]]
    hits = [f"{f.code} {f.excerpt!r}" for f in findings if f.family is family and _overlaps(f, start, end)]
    assert hits == [], f"line {defect['line']}: false positive on {defect['excerpt']!r}"


def snapshot(findings: list[Finding]) -> str:
    """One line per finding: ``line:col start-end CODE message ⟨excerpt⟩``."""
    return "".join(
        f"{f.line}:{f.column} {f.start}-{f.end} {f.code} {f.message} ⟨{f.excerpt}⟩\n".replace("\r", "\\r") for f in findings
    )


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_snapshot(path: Path, update_golden: bool) -> None:
    _, findings = _findings(path)
    snap = path.with_suffix(".findings.snap")
    current = snapshot(findings)
    if update_golden:
        snap.write_text(current, encoding="utf-8")
    assert snap.exists(), f"no snapshot {snap.name}; run pytest --update-golden and review it"
    assert current == snap.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_offsets_point_at_excerpts(path: Path) -> None:
    text, findings = _findings(path)
    assert findings, "the seed is known to have defects"
    lines = text.splitlines(keepends=True)
    for f in findings:
        assert text[f.start : f.end] == f.excerpt
        assert sum(len(line) for line in lines[: f.line - 1]) + f.column - 1 == f.start
        assert sum(len(line) for line in lines[: f.end_line - 1]) + f.end_column - 1 == f.end
