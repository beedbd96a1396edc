"""Hostile configuration: wrong types, huge lists, unknown codes and bad rule parameters end the
run with exit status 2 and one line naming the file and the key, never with a traceback.

(``tests/cli/test_cli.py`` and ``tests/unit/test_config.py`` cover missing rules folders, symbolic
link loops and the top-level keys one by one; this generates whole files and rule parameters.)
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from artlint.cli import app
from artlint.config import TOP_KEYS

SCALARS = st.one_of(st.booleans(), st.integers(-2**63, 2**63 - 1), st.floats(allow_nan=True), st.text(max_size=20),
                    st.sampled_from(["BP", "ALL", "XX999", "error", "*.md", "", "/", "..", "nowhere", "MT001"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.sampled_from(["MT001", "BP", "x", ""]), inner, max_size=3)),
                      max_leaves=8)


def toml_value(value: object) -> str:
    """``value`` as a TOML inline value (JSON scalars are TOML, but for floats and tables)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    return json.dumps(value)


def check(project: Path, config: str) -> tuple[int, str]:
    (project / "artlint.toml").write_text(config, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "story.txt"])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "story.txt").write_text("The the council met on Monday.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.dictionaries(st.sampled_from([*TOP_KEYS, "unknown-key"]), VALUES, min_size=1, max_size=3))
def test_any_generated_config_is_accepted_or_named(project: Path, table: dict[str, object]) -> None:
    code, err = check(project, "".join(f"{json.dumps(k)} = {toml_value(v)}\n" for k, v in table.items()))
    assert code in (0, 1, 2)
    if code == 2:
        assert err.startswith("artlint: error: ") and "artlint.toml: " in err and err.count("\n") == 1, err


@pytest.mark.parametrize(("params", "key"), [
    ('[rules.MT001]\nexceptions = "no-such-lexicon"\n', "rules.MT001.exceptions: no lexicon named 'no-such-lexicon'"),
    ('[rules.CN001]\nlexicon = "' + "a" * 400 + '"\n', "rules.CN001.lexicon: no lexicon named"),
    ('[rules.CN021]\nignore-events = [1, 2]\n', "rules.CN021.ignore-events: expected a list of str"),
    ('[rules.MT025]\npatterns = ["("]\n', "rules.MT025: invalid parameters:"),
    ('[rules.MT029]\ntimeout-ms = 0\n', "rules.MT029.timeout-ms: expected at least 1, got 0"),
    ('select = [' + ", ".join(['"MT001"'] * 50_000) + ']\n[rules.MT001]\nmax-words = "many"\n', "rules.MT001.max-words:"),
])
def test_bad_rule_parameters_name_the_file_and_key(project: Path, params: str, key: str) -> None:
    code, err = check(project, params)
    assert code == 2 and f"artlint.toml: {key}" in err, err


@pytest.mark.parametrize("content", [None, "not json", '{"version": 9}'])
def test_a_configured_baseline_that_cannot_be_used_names_the_file_and_key(project: Path, content: str | None) -> None:
    if content is not None:
        (project / "accepted.json").write_text(content, encoding="utf-8")
    code, err = check(project, 'baseline = "accepted.json"\n')
    assert code == 2 and "artlint.toml: baseline: " in err and "accepted.json" in err and err.count("\n") == 1, err


def test_unexpected_errors_are_one_line_without_traceback_unless_debugging(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("The council met.\n", encoding="utf-8")
    script = ("import sys, artlint.runner as r\n"
              "r.Runner.check_file = lambda *a: 1 / 0\n"
              "sys.argv = ['artlint', 'check', '--isolated', '--no-cache', '--jobs', '1', 'story.txt']\n"
              "from artlint.cli import main\nmain()\n")
    for debug, traceback in (("0", False), ("1", True)):
        env = {**os.environ, "PYTHONPATH": str(ROOT / "lint"), "ARTLINT_DEBUG": debug}
        done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
                              check=False)
        assert done.returncode == 2
        assert done.stderr.endswith("artlint: internal error: ZeroDivisionError: division by zero "
                                    "(set ARTLINT_DEBUG=1 for the traceback)\n")
        assert ("Traceback" in done.stderr) is traceback
