"""What start-up does not do: modules and patterns of rare paths load when a run takes that path,
typer converts only the command a run invokes, and no ``typing.NamedTuple`` field annotation is a
string (Python 3.11 compiles each one)."""

import importlib
import json
import pkgutil
import subprocess
import sys
import typing
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import artlint
from artlint import cli

ROOT = Path(__file__).resolve().parents[2]

# What a plain-text check reported as JSON never needs (warm cache): written files, unpacked
# archives, the stdlib TOML parser (tomli reads artlint's TOML), %% directive lines, the text reporter.
RARE = ("tempfile", "zipfile", "tomllib", "artlint.markup.directives", "artlint.reporters.text")

CHECK = f"""
import json, sys
from pathlib import Path
from artlint.config import Overrides
from artlint.reporters import render
from artlint.runner import Runner
runner = Runner(Overrides(isolated=True))
settings = runner.resolver.for_directory(Path.cwd())
result = runner.check_bytes(sys.argv[1].encode(), "a.txt", settings, "text")
print(json.dumps({{"findings": len(result.findings), "loaded": [m for m in {RARE!r} + ("regex",) if m in sys.modules]}}))
"""


def _check_in_new_process(text: str = "The council met on Monday.\n\nIt voted  to close the road (for now).\n") -> dict[str, typing.Any]:
    done = subprocess.run([sys.executable, "-c", CHECK, text], capture_output=True, text=True, check=True, cwd=ROOT)
    return dict(json.loads(done.stdout))


def test_a_plain_text_check_loads_no_module_of_a_rare_path() -> None:
    _check_in_new_process()  # the first run may fill the user cache (words, the langid model)
    second = _check_in_new_process()
    assert second["findings"] >= 1  # TY doubled space: the check did run its rules
    assert second["loaded"] in ([], ["regex"])  # TY015's pattern (a bracket) needs regex


def test_a_check_of_latin_text_that_no_regex_pattern_needs_does_not_import_regex() -> None:
    """TY010, TY003 and CN050 run their patterns with ``re`` on such text (``patterns.UnicodePattern``)."""
    done = _check_in_new_process("Señor Muñoz met the council.Then it voted to close the road, said Ana's aide.\n")
    assert done["findings"] >= 1  # TY003: no space after the full stop
    assert done["loaded"] == []
    assert "regex" in _check_in_new_process("The council met in Łódź.Then it voted.\n")["loaded"]  # Latin Extended-A


def _named_tuples() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(artlint.__path__, "artlint."):
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional extra that is not installed (the language server)
            continue
        found += [value for value in vars(module).values() if isinstance(value, type)
                  and issubclass(value, tuple) and value.__module__ == info.name and hasattr(value, "_fields")
                  and "__annotations__" in vars(value)]
    return found


def test_named_tuple_fields_are_annotated_with_types_not_strings() -> None:
    """A module that defines a NamedTuple has no ``from __future__ import annotations``: with it,
    each field's annotation is a string that typing compiles when the class is made."""
    classes = _named_tuples()
    assert len(classes) >= 20
    stringly = [f"{cls.__module__}.{cls.__qualname__}.{name}" for cls in classes
                for name, annotation in vars(cls)["__annotations__"].items() if isinstance(annotation, str)]
    assert stringly == []


def test_a_check_converts_only_the_check_command(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """typer reads a command's signature to make its click command (about 0.4 M instructions an
    option): a run converts the command it invokes, not the other nine."""
    converted: list[str | None] = []
    convert = typer.main.get_command

    def spy(app: typer.Typer) -> typing.Any:
        command = convert(app)
        converted.append(command.name)
        return command

    monkeypatch.setattr(typer.main, "get_command", spy)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("It rose.  It fell.\n", encoding="utf-8")
    result = CliRunner().invoke(cli.app, ["check", "a.txt", "--isolated", "--no-cache", "--format", "json"])
    assert result.exit_code == 1  # the doubled space
    assert converted == ["check"]
