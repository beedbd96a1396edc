"""Hostile configuration and rule files, as a pull request in CI can write them: catastrophic and
explosive regular expressions, star-heavy globs, deep TOML, special files named ``*.toml``,
greedy message templates. Each run ends quickly: checked with the other rules, or stopped with
exit status 2 and a message naming the file and the key, never "internal error"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from artlint import userregex
from artlint.errors import RuleTimeout
from artlint.userregex import Budget, complexity_problem

ARTLINT = [sys.executable, "-m", "artlint.cli"]
STORY = "The the council met on Monday.\n\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\n"


def pattern_rule(patterns: list[str], message: str = "Matched '{match}'") -> str:
    return f"""
code = "BP951"
name = "hostile-pattern"
family = "boilerplate"
kind = "pattern"
message = {json.dumps(message)}
why = "A test."
fires = ["⟦zzz⟧"]
silent = ["The council met."]
[params]
patterns = {json.dumps(patterns)}
"""


def run(project: Path, config: str = "", *args: str, rules: dict[str, str] | None = None) -> tuple[int, str, str]:
    """``artlint check`` in ``project`` with ``config`` (and rule files in ``project/rules``)."""
    (project / "story.txt").write_text(STORY)
    if rules is not None:
        (project / "rules").mkdir(exist_ok=True)
        for name, text in rules.items():
            (project / "rules" / name).write_text(text)
        config = 'rules-dirs = ["rules"]\n' + config
    (project / "artlint.toml").write_text(config)
    done = subprocess.run([*ARTLINT, "check", "story.txt", "--no-cache", "-f", "json", *args], cwd=project,
                          check=False, capture_output=True, timeout=120)
    return done.returncode, done.stdout.decode(), done.stderr.decode()


def test_a_catastrophic_placeholder_pattern_is_stopped(tmp_path: Path) -> None:
    code, out, err = run(tmp_path, '[rules.MT025]\npatterns = ["^(a|a)*$"]\n')  # used to hang
    assert code == 1, err
    (stopped,) = [f for f in json.loads(out)["findings"] if f["code"] == "AL901"]
    assert "MT025" in stopped["message"] and "time budget" in stopped["message"]


@pytest.mark.parametrize("pattern", [
    "(?:(?:(?:a{100}){100}){100}){100}",  # compiling used to exhaust memory
    "(" * 600 + "a" + ")" * 600,  # compiling used to overflow the recursion limit: "internal error"
    "x" * 20_000,
])
def test_an_explosive_pattern_is_refused_naming_file_and_key(tmp_path: Path, pattern: str) -> None:
    code, _, err = run(tmp_path, rules={"hostile.toml": pattern_rule([pattern])})
    assert code == 2
    assert "hostile.toml" in err and "patterns[0]" in err and "internal error" not in err, err


def test_explosive_placeholder_patterns_are_refused(tmp_path: Path) -> None:
    code, _, err = run(tmp_path, '[rules.MT025]\npatterns = ["(?:(?:(?:a{100}){100}){100}){100}"]\n')
    assert code == 2 and "MT025" in err and "internal error" not in err, err


@pytest.mark.parametrize("glob", ["*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", "**/" * 30 + "x*x*x*x*x*x*x*x*y"])
def test_star_heavy_globs_match_in_linear_time(tmp_path: Path, glob: str) -> None:
    deep = tmp_path / "/".join(["d"] * 40)
    deep.mkdir(parents=True)
    (deep / ("a" * 80 + ".txt")).write_text(STORY)
    (deep / ("x" * 80 + ".txt")).write_text(STORY)
    config = f"exclude = [{json.dumps(glob)}]\n[per-file-ignores]\n{json.dumps(glob)} = [\"MT\"]\n"
    code, out, err = run(tmp_path, config, ".")  # used to hang
    assert code == 1, err
    assert {Path(f["path"]).name[:1] for f in json.loads(out)["findings"]} >= {"a", "x"}


def test_a_fifo_named_toml_in_rules_dirs_is_reported_not_read(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    os.mkfifo(tmp_path / "rules" / "pipe.toml")
    code, _, err = run(tmp_path, rules={})  # used to hang at start-up
    assert code == 2 and "pipe.toml" in err and "not a regular file" in err, err


@pytest.mark.parametrize("where", ["config", "rule"])
def test_deep_or_huge_toml_is_refused_naming_the_file(tmp_path: Path, where: str) -> None:
    deep = "x = " + "[" * 5_000 + "]" * 5_000 + "\n"
    if where == "config":
        code, _, err = run(tmp_path, deep)
        assert code == 2 and "artlint.toml" in err and "nested too deeply" in err, err
        code, _, err = run(tmp_path, "# padding\n" * 200_000)
        assert code == 2 and "artlint.toml" in err and "too large" in err, err
    else:
        code, _, err = run(tmp_path, rules={"deep.toml": deep})
        assert code == 2 and "deep.toml" in err and "nested too deeply" in err, err


@pytest.mark.parametrize("message", ["{match:>2000000000}", "{match.__class__.__mro__}", "{0}", "{match!r:>99999999}",
                                     "{unknown}", "open { brace"])
def test_message_templates_fill_only_documented_fields(tmp_path: Path, message: str) -> None:
    rule = pattern_rule(["b$"], message=message)
    code, out, err = run(tmp_path, rules={"greedy.toml": rule})
    assert code == 1, err
    (finding,) = [f for f in json.loads(out)["findings"] if f["code"] == "BP951"]
    assert finding["message"] == message.replace("{{", "{")
    assert len(out) < 100_000


def test_the_run_budget_bounds_many_calls_each_under_the_call_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [0.0]
    monkeypatch.setattr(userregex.time, "perf_counter", lambda: clock[0])

    class Slow:  # every search takes 0.2 s of the fake clock, under the 0.25 s per call
        def finditer(self, text: str, timeout: float) -> list[str]:
            clock[0] += 0.2
            return []

    budget = Budget(0.25, 5.0, lambda scope: f"past the {scope} budget")
    calls = 0
    with pytest.raises(RuleTimeout, match="past the run budget"):
        for _ in range(10_000):
            list(budget.finditer(Slow(), "text"))
            calls += 1
    assert calls == 25
    document = object()
    budget.begin(document)  # each document of an archive gets the whole budget
    assert list(budget.finditer(Slow(), "text")) == []
    budget.begin(document)  # the same document again: no more time
    with pytest.raises(RuleTimeout, match="past the run budget"):
        for _ in range(30):
            list(budget.finditer(Slow(), "text"))


@pytest.mark.parametrize(("pattern", "ok"), [
    (r"\{\{\s*[\w.\-]+\s*\}\}", True), (r"a{1000}", True), (r"[\p{L}{}]{3,5}", True), (r"x{,5}", True),
    (r"(?:a{1000}){1000}", False), (r"((a{50}){50}){50}", False), ("(" * 50 + ")" * 50, False),
    (r"(?:[a{]{100}){100}", True),  # the brace inside a class is a character, so 100 x 100
    (r"(?:[a{]{100}){1000}", False),
])
def test_complexity_is_measured_before_compiling(pattern: str, ok: bool) -> None:
    assert (complexity_problem(pattern) is None) is ok
