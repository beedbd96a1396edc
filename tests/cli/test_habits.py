"""Command-line habits of ruff users: exit and verbosity options, statistics, the fixable hint,
colour variables, completion, fixing standard input, progress, and paths that hold nothing."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from artlint.cli import app
from artlint.parallel import RunnerSpec
from artlint.parallel import run as parallel_run
from artlint.progress import FileProgress

DOUBLED = "It rose.  It fell.\n"  # a doubled space: one finding with a safe fix


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "artlint.toml").write_text('select = ["TY"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(DOUBLED, encoding="utf-8")
    (tmp_path / "clean.txt").write_text("It rose. It fell.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=input, env=env)
    return result.exit_code, result.stdout, result.stderr


def test_exit_zero_passes_findings_but_not_errors(project: Path) -> None:
    assert run("check", "a.txt")[0] == 1
    assert run("check", "a.txt", "--exit-zero")[0] == 0
    assert run("check", "a.txt", "--diff", "--exit-zero")[0] == 0
    assert run("check", "a.txt", "missing.txt", "--exit-zero")[0] == 2


def test_fixable_hint_in_the_summary(project: Path) -> None:
    _, out, _ = run("check", "a.txt")
    assert out.splitlines()[-2:] == ["Found 1 finding (1 warning) in 1 file.", "[*] 1 fixable with the `--fix` option."]
    assert "fixable" not in run("check", "clean.txt")[1]


def test_quiet_prints_only_findings_and_silent_nothing(project: Path) -> None:
    code, out, err = run("check", "a.txt", "-q")
    assert code == 1 and out.startswith("a.txt:1:9: TY") and "Found" not in out and "[*]" not in out
    code, out, err = run("check", "clean.txt", "a.txt", "--silent")
    assert (code, out, err) == (1, "", "")
    code, out, err = run("check", "a.txt", "--fix", "--quiet")
    assert (code, out, err) == (0, "", "")


def test_statistics_count_findings_per_rule(project: Path) -> None:
    (project / "b.txt").write_text(DOUBLED + "It fell.  It rose.\n", encoding="utf-8")
    code, out, _ = run("check", ".", "--statistics")
    assert code == 1
    rows = [line.split("\t") for line in out.splitlines()]
    assert len(rows) == 1 and rows[0][0] == "3" and rows[0][1].startswith("TY") and rows[0][2].startswith("[*] ")
    _, out, _ = run("check", ".", "--statistics", "--format", "json")
    assert '"count": 3' in out and '"fixable": 3' in out


def test_colour_follows_no_color_and_force_color(project: Path) -> None:
    assert "\x1b[" not in run("check", "a.txt")[1]  # not a terminal
    assert "\x1b[" in run("check", "a.txt", env={"FORCE_COLOR": "1"})[1]
    assert "\x1b[" not in run("check", "a.txt", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})[1]
    assert "\x1b[" not in run("check", "a.txt", "--color", "never", env={"FORCE_COLOR": "1"})[1]
    assert "\x1b[" in run("check", "a.txt", "--color", "always", env={"NO_COLOR": "1"})[1]


def test_shell_completion(project: Path) -> None:
    """What `artlint --install-completion` installs: the script and the completions it asks for."""
    def complete(env: dict[str, str]) -> str:
        result = CliRunner().invoke(app, [], env=env, prog_name="artlint")
        assert result.exit_code == 0
        return result.stdout

    assert "_ARTLINT_COMPLETE=complete_bash" in complete({"_ARTLINT_COMPLETE": "source_bash"})
    words = {"_ARTLINT_COMPLETE": "complete_bash", "COMP_WORDS": "artlint check --exit", "COMP_CWORD": "2"}
    assert complete(words).split() == ["--exit-zero"]
    words = {"_ARTLINT_COMPLETE": "complete_bash", "COMP_WORDS": "artlint s", "COMP_CWORD": "1"}
    assert complete(words).split() == ["schema", "stats", "server", "scan"]
    assert "--install-completion" in run("--help")[1]


COMMANDS = ["check", "rules", "explain", "init", "schema", "stats", "server", "scan", "learn", "clean"]


@pytest.mark.parametrize("name", COMMANDS)
def test_help_shows_each_command_docstring_whole(name: str) -> None:
    """No word of a command's description is lost to markup (rich reads "[name]" as a style tag)."""
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    summary = " ".join((command.help or "").split("\n\n")[0].split())
    code, out, _ = run(name, "--help", env={"COLUMNS": "400"})
    assert code == 0 and summary
    assert summary in " ".join(out.split())


def test_help_lists_every_command_and_a_typo_gets_a_suggestion(project: Path) -> None:
    """The subcommands are converted when looked up (``artlint.cli._Group``): the listing, its order
    and the suggestions for a mistyped name still see all of them."""
    code, out, _ = run("--help")
    listed = re.findall(r"^│ ([a-z]+) ", out.split("Commands")[-1], re.MULTILINE)
    assert code == 0
    assert listed == COMMANDS
    code, _, err = run("chek")
    assert code == 2 and "No such command 'chek'. Did you mean 'check'" in err


def test_fix_on_standard_input_prints_the_fixed_text(project: Path) -> None:
    code, out, err = run("check", "-", "--stdin-filename", "piped.txt", "--fix", input=DOUBLED)
    assert (code, out) == (0, "It rose. It fell.\n")
    assert "No findings in 1 file." in err
    code, out, _ = run("check", "-", "--fix", input="Nothing to fix here.\n")
    assert (code, out) == (0, "Nothing to fix here.\n")
    code, out, _ = run("check", "-", "--diff", input=DOUBLED)
    assert code == 1 and "-It rose.  It fell.\n+It rose. It fell.\n" in out
    assert run("check", "-", "a.txt", "--fix", input=DOUBLED)[0] == 2


def test_paths_that_hold_nothing_to_check_are_errors(project: Path) -> None:
    (project / "empty").mkdir()
    (project / "images").mkdir()
    (project / "images" / "logo.png").write_bytes(b"\x89PNG")
    for path, reason in (("missing", "no such file or directory"), ("empty", "no file to check"),
                         ("images", "no file to check")):
        code, out, _ = run("check", path)
        assert code == 2 and f"{path}: error: {reason}" in out, out


def test_progress_bar_appears_only_after_its_delay() -> None:
    shown = io.StringIO()
    with FileProgress(Console(file=shown, force_terminal=True, width=80), delay=0.0) as progress:
        progress(1, 3)
        progress(2, 3)
    assert "checking" in shown.getvalue() and "files" in shown.getvalue()
    quick = io.StringIO()
    with FileProgress(Console(file=quick, force_terminal=True), delay=3600.0) as progress:
        progress(1, 3)
    assert quick.getvalue() == ""


def test_run_reports_progress_per_file(project: Path) -> None:
    calls: list[tuple[int, int]] = []
    spec = RunnerSpec()
    parallel_run(spec.build(), spec, ["a.txt", "."], jobs=1, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]
