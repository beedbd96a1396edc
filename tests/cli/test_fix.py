"""Fixes: choosing and applying edits, the re-lint loop, and ``check --fix/--diff`` writing files."""

from __future__ import annotations

import codecs
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from projects import SEED, make_project, seed_text
from typer.testing import CliRunner

import artlint.writer
from artlint.cli import app
from artlint.config import Overrides
from artlint.fix import MAX_PASSES, Linter, apply_edits, compatible, fix_text
from artlint.model import Applicability, Edit, Family, Finding, Fix, Location, Severity
from artlint.runner import Runner
from artlint.source import SourceText
from artlint.writer import StaleFileError, Stamp, replace_if_unchanged

REPEAT = "how serious we are, how serious we are"


def safe_fixed(text: str) -> str:
    """The seed as the safe test fixes leave it: 'See also' blocks gone, repetition dropped."""
    blocks = [b for b in text.split("\n\n") if not b.startswith("See also")]
    return "\n\n".join(blocks).replace(REPEAT, "how serious we are")


def fix(*edits: tuple[int, int, str], safe: bool = True) -> Fix:
    return Fix(tuple(Edit(*e) for e in edits), Applicability.SAFE if safe else Applicability.UNSAFE)


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_project(tmp_path)
    (tmp_path / "article.txt").write_text(seed_text(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- pure functions ---------------------------------------------------------------------


def test_apply_edits_from_the_end_and_keeps_crlf() -> None:
    text = "one  two\r\nthree"
    edits = [Edit(3, 5, " "), Edit(0, 0, "zero\n"), Edit(8, 8, "!")]
    assert apply_edits(text, edits, newline="\r\n") == "zero\r\none two!\r\nthree"


@pytest.mark.parametrize("edits", [[Edit(0, 4, ""), Edit(3, 5, "")], [Edit(2, 2, "a"), Edit(2, 2, "b")]])
def test_apply_edits_refuses_overlapping_or_ambiguous_edits(edits: list[Edit]) -> None:
    with pytest.raises(ValueError, match="overlap or start at the same offset"):
        apply_edits("abcdefgh", edits)


def test_compatible_defers_overlaps_keeps_adjacent_and_drops_duplicates() -> None:
    block = fix((10, 40, ""))
    inside = fix((20, 22, " "))
    adjacent = fix((40, 44, "US"))
    duplicate = fix((10, 40, ""))
    pair = fix((0, 2, "x"), (21, 23, "y"))  # its second edit overlaps the block: all or nothing
    assert compatible([inside, adjacent, block, duplicate]) == [block, adjacent]
    assert compatible([inside, adjacent, block, duplicate, pair]) == [pair, adjacent]


def finding(edit: tuple[int, int, str]) -> Finding:
    return Finding(
        "TY999", "test", Family.TYPOGRAPHY, Severity.INFO, "m", "t.txt", Location(0, 0, 1, 1, 1, 1), "", fix(edit)
    )


def test_fix_text_stops_when_fixes_undo_each_other() -> None:
    flip = {"a": "b", "b": "a"}

    def lint(text: str) -> list[Finding]:
        return [finding((0, 1, flip[text]))]

    outcome = fix_text("a", lint("a"), lint)
    assert (outcome.text, outcome.applied, outcome.passes) == ("b", 1, 1)


def test_fix_text_stops_after_max_passes() -> None:
    def lint(text: str) -> list[Finding]:
        return [finding((len(text), len(text), "x"))]

    outcome = fix_text("", lint(""), lint)
    assert (outcome.text, outcome.passes) == ("x" * MAX_PASSES, MAX_PASSES)


# --- the loop with real rules -----------------------------------------------------------


def linter(runner: Runner, display: str) -> Linter:
    settings = runner.resolver.for_directory(Path.cwd())
    return lambda text: runner.check_source(SourceText(text), display, settings, "text")


def test_overlapping_fixes_converge_in_passes(project: Path) -> None:
    lint = linter(Runner(), "article.txt")
    text = seed_text()
    findings = lint(text)
    assert Counter(f.code for f in findings) == {"BP950": 2, "TY950": 2, "CN950": 2, "MT950": 1}
    outcome = fix_text(text, findings, lint)
    # Pass 1 deletes both blocks (the doubled spaces inside them wait) and drops the repetition;
    # pass 2 finds nothing safe left: the doubled spaces went with their blocks.
    assert (outcome.applied, outcome.passes) == (3, 1)
    assert outcome.text == safe_fixed(text)
    assert [(f.code, f.line, f.column) for f in outcome.findings] == [("CN950", 39, 1), ("CN950", 39, 64)]


@pytest.mark.parametrize("unsafe", [False, True])
def test_fixing_the_seed_with_every_rule_adds_no_finding_and_is_idempotent(unsafe: bool) -> None:
    lint = linter(Runner(Overrides(isolated=True)), "seed.txt")
    text = SEED.read_text(encoding="utf-8")
    before = lint(text)
    outcome = fix_text(text, before, lint, unsafe=unsafe)
    assert outcome.applied > 0 and outcome.text != text
    after = Counter(f.code for f in outcome.findings)
    assert not after - Counter(f.code for f in before), "a fix introduced findings"
    again = fix_text(outcome.text, outcome.findings, lint, unsafe=unsafe)
    assert (again.text, again.applied) == (outcome.text, 0)


# --- writing files ----------------------------------------------------------------------


def test_fix_writes_the_file_and_reports_what_remains(project: Path) -> None:
    code, out, err = run("check", "article.txt", "--fix")
    assert code == 1
    assert (project / "article.txt").read_text(encoding="utf-8") == safe_fixed(seed_text())
    assert [line[:30] for line in out.splitlines() if "CN950" in line] == [
        "article.txt:39:1: CN950 [warni",
        "article.txt:39:64: CN950 [warn",
    ]
    assert "Fixed 3 findings in 1 file." in err


def test_unsafe_fixes_apply_only_on_request(project: Path) -> None:
    code, out, err = run("check", "article.txt", "--fix", "--unsafe-fixes")
    fixed = (project / "article.txt").read_text(encoding="utf-8")
    assert (code, out.strip()) == (0, "No findings in 1 file.")
    assert fixed == safe_fixed(seed_text()).replace("U.S.", "US")
    assert "Fixed 5 findings in 1 file." in err


def test_unsafe_fixes_need_fix_or_diff(project: Path) -> None:
    code, _, err = run("check", "article.txt", "--unsafe-fixes")
    assert code == 2 and "--unsafe-fixes applies only with --fix or --diff" in err


def test_diff_shows_the_change_and_writes_nothing(project: Path) -> None:
    before = Stamp.of(project / "article.txt")
    code, out, err = run("check", "article.txt", "--diff")
    assert code == 1
    assert Stamp.of(project / "article.txt") == before
    assert out.startswith("--- a/article.txt\n+++ b/article.txt\n@@ -20,8 +20,6 @@\n")
    assert "\n-See also\u00a0 Biden will make a rare visit to the southern border on the same day as Trump\n" in out
    assert (
        f"\n-“We're going to be serious about freedom of navigation or not. The rest of the world is looking at {REPEAT}.\n"
        in out
    )
    assert "Would fix 3 findings in 1 file." in err


def test_diff_of_a_clean_file_is_empty_and_exits_zero(project: Path) -> None:
    (project / "clean.txt").write_text("The council met on Monday.\n", encoding="utf-8")
    assert run("check", "clean.txt", "--diff")[:2] == (0, "")


def test_files_without_fixes_are_never_touched(project: Path) -> None:
    (project / "clean.txt").write_text("The council met on Monday.\n", encoding="utf-8")
    (project / "unsafe.txt").write_text("U.S. officials met on Monday.\n", encoding="utf-8")
    stamps = {name: Stamp.of(project / name) for name in ("clean.txt", "unsafe.txt")}
    code, _, err = run("check", "clean.txt", "unsafe.txt", "--fix")
    assert code == 1 and "Fixed 0 findings in 0 files." in err
    assert {name: Stamp.of(project / name) for name in stamps} == stamps
    assert sorted(p.name for p in project.iterdir()) == ["article.txt", "artlint.toml", "clean.txt", "unsafe.txt"]


def test_fix_keeps_encoding_bom_and_crlf(project: Path) -> None:
    text = "Officials met.\r\n\r\nSee also  the budget story\r\n\r\nIt rose.  It fell 🚀.\r\n"
    path = project / "wire.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    code, _, _ = run("check", "wire.txt", "--fix")
    data = path.read_bytes()
    assert code == 0
    assert data.startswith(codecs.BOM_UTF16_LE)
    assert data[2:].decode("utf-16-le") == "Officials met.\r\n\r\nIt rose. It fell 🚀.\r\n"


@pytest.mark.parametrize(
    ("body", "fixed"),
    [
        (b"Caf\xe9 talk: how serious we are, how serious we are.", b"Caf\xe9 talk: how serious we are."),
        (b"Caf\xe9 \x81: how serious we are, how serious we are.", None),  # 0x81 is no windows-1252 character
    ],
)
def test_fix_keeps_a_declared_charset_or_refuses(project: Path, body: bytes, fixed: bytes | None) -> None:
    page = b'<html><head><meta charset="windows-1252"></head><body><p>%s</p></body></html>\n'
    path = project / "page.html"
    path.write_bytes(page % body)
    code, out, _ = run("check", "page.html", "--fix")
    if fixed is not None:
        assert (code, path.read_bytes()) == (0, page % fixed)
    else:
        assert code == 2 and path.read_bytes() == page % body
        assert "page.html: error: not valid cp1252 as its <meta> tag declares (byte 0x81 at offset" in out


def test_fix_writes_through_a_symbolic_link_and_keeps_permissions(project: Path) -> None:
    (project / "article.txt").chmod(0o640)
    (project / "link.txt").symlink_to("article.txt")
    assert run("check", "link.txt", "--fix")[0] == 1
    assert (project / "link.txt").is_symlink()
    assert (project / "article.txt").read_text(encoding="utf-8") == safe_fixed(seed_text())
    assert (project / "article.txt").stat().st_mode & 0o777 == 0o640


def test_read_only_file_is_not_replaced(project: Path) -> None:
    (project / "article.txt").chmod(0o444)
    code, out, _ = run("check", "article.txt", "--fix")
    assert code == 2
    assert "article.txt: error: cannot write the fixed file: the file is read-only" in out
    assert (project / "article.txt").read_text(encoding="utf-8") == seed_text()


def test_a_file_modified_while_artlint_runs_is_not_overwritten(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fix_text = artlint.writer.fix_text
    edited = "The editor saved a new version meanwhile.\n"

    def fix_while_the_editor_saves(*args, **kwargs):  # type: ignore[no-untyped-def]
        (project / "article.txt").write_text(edited, encoding="utf-8")
        return real_fix_text(*args, **kwargs)

    monkeypatch.setattr(artlint.writer, "fix_text", fix_while_the_editor_saves)
    code, out, _ = run("check", "article.txt", "--fix")
    assert code == 2
    assert "article.txt: error: changed on disk while artlint was running; not fixed" in out
    assert (project / "article.txt").read_text(encoding="utf-8") == edited
    assert [p.name for p in project.iterdir() if p.name.endswith(".artlint-tmp")] == []


def test_replace_if_unchanged_checks_the_version_it_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    stamp = Stamp.of(path)
    path.write_bytes(b"new")
    os.utime(path, ns=(stamp.mtime_ns, stamp.mtime_ns))  # same size and time: only the bytes differ
    with pytest.raises(StaleFileError):
        replace_if_unchanged(path, b"fixed", expected=b"old", stamp=stamp)
    assert path.read_bytes() == b"new"
    replace_if_unchanged(path, b"fixed", expected=b"new", stamp=Stamp.of(path))
    assert path.read_bytes() == b"fixed"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_standard_input_is_fixed_to_standard_output(project: Path) -> None:
    code, out, err = run("check", "-", "--stdin-filename", "piped.txt", "--fix", input="It rose.  It fell.\n")
    assert (code, out) == (0, "It rose. It fell.\n") and "Fixed 1 finding in 1 file." in err


def test_summary_line(project: Path) -> None:
    code, _, err = run("check", "article.txt", "--fix", "--summary", "--format", "json")
    assert code == 1
    last = err.strip().splitlines()[-1]
    assert re.fullmatch(r"artlint: 1 file, 2 findings \(consistency 2; warning 2\), 3 fixed, \d+\.\d\d s", last), last
