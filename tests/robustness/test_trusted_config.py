"""A configuration file in the checked repository (which a pull request writes in CI) cannot make
artlint run a program, load a model or send the text to a server: the LanguageTool folder and
server and CN030's model folder it names are used only with ``--trust-config``; else they are
ignored with one warning naming the file and the key.

The back end and the model loader are replaced by recorders, so no Java starts, no model is
loaded and nothing is sent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from artlint import backends
from artlint.backends import GrammarUnavailable, languagetool
from artlint.checks.consistency import nli
from artlint.cli import app
from artlint.config import GrammarSettings

HOSTILE = '[grammar]\nbackend = "languagetool"\nlanguagetool-path = "evil-lt"\nlanguagetool-server = "http://collector.invalid"\n'


@pytest.fixture
def given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[GrammarSettings]:
    """The grammar settings each LanguageTool back end is built with, in a fresh project."""
    seen: list[GrammarSettings] = []

    class Recorder:
        def __init__(self, settings: GrammarSettings, *_: object) -> None:
            seen.append(settings)
            raise GrammarUnavailable("recorded")

    monkeypatch.setattr(languagetool, "LanguageToolBackend", Recorder)
    monkeypatch.setattr(backends, "_CHECKERS", {})
    for name in ("ARTLINT_TRUST_CONFIG", "ARTLINT_LANGUAGETOOL_PATH", "ARTLINT_LANGUAGETOOL_SERVER"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "story.txt").write_text("The council met on Monday.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return seen


def check(*options: str) -> str:
    result = CliRunner().invoke(app, ["check", "--select", "GR", "--no-cache", "--jobs", "1", *options, "story.txt"])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.stderr


@pytest.mark.parametrize(("name", "text", "prefix"), [
    ("artlint.toml", HOSTILE, ""),
    ("pyproject.toml", "[tool.artlint.grammar]\n" + HOSTILE.split("\n", 1)[1], "tool.artlint."),
])
def test_a_project_config_cannot_name_languagetool(given: list[GrammarSettings], name: str, text: str, prefix: str) -> None:
    Path(name).write_text(text, encoding="utf-8")
    stderr = check()
    assert given and all(s.languagetool_path is None and s.languagetool_server is None for s in given)
    for key in ("languagetool-path", "languagetool-server"):
        warning = f"{Path(name).absolute()}: {prefix}grammar.{key} ignored"
        assert stderr.count(warning) == 1, stderr
    assert "--trust-config" in stderr


def test_the_user_names_languagetool_by_option_or_environment(given: list[GrammarSettings],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    Path("artlint.toml").write_text(HOSTILE, encoding="utf-8")
    check("--languagetool-path", "mine")
    assert given[-1].languagetool_path == Path("mine").absolute() and given[-1].languagetool_server is None
    monkeypatch.setenv("ARTLINT_LANGUAGETOOL_SERVER", "http://127.0.0.1:8081")
    check()
    assert given[-1].languagetool_server == "http://127.0.0.1:8081" and given[-1].languagetool_path is None


@pytest.mark.parametrize("trust", ["option", "environment"])
def test_trusting_the_config_is_explicit(given: list[GrammarSettings], monkeypatch: pytest.MonkeyPatch, trust: str) -> None:
    Path("artlint.toml").write_text(HOSTILE, encoding="utf-8")
    if trust == "environment":
        monkeypatch.setenv("ARTLINT_TRUST_CONFIG", "1")
    stderr = check(*(["--trust-config"] if trust == "option" else []))
    assert given[-1].languagetool_path == Path("evil-lt").absolute()
    assert given[-1].languagetool_server == "http://collector.invalid"
    assert "ignored" not in stderr


@pytest.fixture
def loaded(given: list[GrammarSettings], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The model folders CN030 is asked to load, in a fresh project."""
    folders: list[str] = []

    class Scorer:
        def contradiction(self, pairs: object) -> list[float]:
            return []

    def record(path: str, where: str, parameter: str = "model") -> Scorer:
        folders.append(path)
        return Scorer()

    monkeypatch.setattr(nli, "load_scorer", record)
    return folders


@pytest.mark.parametrize(("name", "text", "prefix"), [
    ("artlint.toml", '[rules.CN030]\nmodel = "evil-model"\nthreshold = 0.5\n', ""),
    ("pyproject.toml", '[tool.artlint.rules.CN030]\nmodel = "evil-model"\n', "tool.artlint."),
])
def test_a_project_config_cannot_name_a_model_to_load(loaded: list[str], name: str, text: str, prefix: str) -> None:
    Path(name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--select", "CN030", "--preview", "--no-cache", "--jobs", "1", "story.txt"])
    assert result.exit_code == 0, result.output
    assert loaded == []
    assert result.stderr.count(f"{Path(name).absolute()}: {prefix}rules.CN030.model ignored") == 1, result.stderr
    assert "--trust-config" in result.stderr


def test_trusting_the_config_loads_its_model(loaded: list[str]) -> None:
    Path("artlint.toml").write_text('[rules.CN030]\nmodel = "evil-model"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--select", "CN030", "--preview", "--no-cache", "--jobs", "1",
                                      "--trust-config", "story.txt"])
    assert result.exit_code == 0, result.output
    assert set(loaded) == {"evil-model"} and "ignored" not in result.stderr  # checked, then used
