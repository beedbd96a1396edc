"""Configuration discovery, validation, selection precedence, globs and caching."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from artlint import config
from artlint.config import (
    DEFAULT_INCLUDE,
    STARTER_CONFIG,
    GrammarSettings,
    Overrides,
    Resolver,
    Settings,
    load_file,
)
from artlint.errors import ConfigError
from artlint.model import Severity

KNOWN = ("BP001", "BP002", "BP010", "MT001", "MT002", "TY001", "GR001")
ALLOWED_TOP = (
    "baseline, exclude, extend-exclude, extend-ignore, extend-select, fail-on, force-exclude, grammar, ignore, "
    "include, max-file-size, max-findings-per-rule, per-file-ignores, preview, respect-gitignore, rules, rules-dirs, select, "
    "severity, templates"
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def settings_for(tmp_path: Path, text: str, **kwargs: Any) -> Settings:
    """Settings of an artlint.toml holding ``text`` (Resolver keyword arguments in ``kwargs``)."""
    write(tmp_path / "artlint.toml", text)
    overrides = kwargs.pop("overrides", Overrides())
    return Resolver(overrides, **kwargs).for_path(tmp_path / "a.txt")


def error_for(tmp_path: Path, text: str, name: str = "artlint.toml", **kwargs: Any) -> str:
    """The ConfigError message for a configuration file ``name`` holding ``text``."""
    write(tmp_path / name, text)
    with pytest.raises(ConfigError) as info:
        Resolver(Overrides(), **kwargs).for_path(tmp_path / "a.txt")
    return str(info.value)


# Discovery


def test_nearest_config_wins(tmp_path: Path) -> None:
    top = write(tmp_path / "artlint.toml", 'fail-on = "error"\n')
    sub = write(tmp_path / "sub" / "artlint.toml", 'fail-on = "info"\n')
    resolver = Resolver(Overrides())
    deep = resolver.for_path(tmp_path / "sub" / "deep" / "a.txt")
    assert (deep.source, deep.root, deep.fail_on) == (sub, tmp_path / "sub", Severity.INFO)
    upper = resolver.for_path(tmp_path / "other" / "b.txt")
    assert (upper.source, upper.root, upper.fail_on) == (top, tmp_path, Severity.ERROR)


def test_artlint_toml_beats_pyproject_in_same_directory(tmp_path: Path) -> None:
    config_file = write(tmp_path / "artlint.toml", 'fail-on = "info"\n')
    write(tmp_path / "pyproject.toml", '[tool.artlint]\nfail-on = "error"\n')
    settings = Resolver(Overrides()).for_path(tmp_path / "a.txt")
    assert (settings.source, settings.fail_on) == (config_file, Severity.INFO)


def test_pyproject_without_artlint_table_is_skipped(tmp_path: Path) -> None:
    top = write(tmp_path / "artlint.toml", 'fail-on = "error"\n')
    write(tmp_path / "pkg" / "pyproject.toml", '[project]\nname = "x"\n')
    settings = Resolver(Overrides()).for_path(tmp_path / "pkg" / "a.txt")
    assert (settings.source, settings.fail_on) == (top, Severity.ERROR)


def test_pyproject_with_artlint_table_is_used(tmp_path: Path) -> None:
    write(tmp_path / "artlint.toml", 'fail-on = "error"\n')
    pyproject = write(tmp_path / "pkg" / "pyproject.toml", '[project]\nname = "x"\n\n[tool.artlint]\n')
    settings = Resolver(Overrides()).for_path(tmp_path / "pkg" / "a.txt")
    assert (settings.source, settings.root, settings.fail_on) == (pyproject, tmp_path / "pkg", Severity.WARNING)


def test_config_option_overrides_discovery(tmp_path: Path) -> None:
    write(tmp_path / "project" / "artlint.toml", 'fail-on = "error"\n')
    chosen = write(tmp_path / "ci" / "lint.toml", 'fail-on = "info"\nexclude = ["drafts"]\n')
    resolver = Resolver(Overrides(config_file=chosen))
    settings = resolver.for_path(tmp_path / "project" / "a.txt")
    assert (settings.source, settings.root, settings.fail_on) == (chosen, tmp_path / "ci", Severity.INFO)
    assert resolver.for_directory(tmp_path) is settings


def test_isolated_ignores_config_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "artlint.toml", 'fail-on = "error"\n')
    settings = Resolver(Overrides(isolated=True)).for_path(tmp_path / "a.txt")
    assert settings.source is None
    assert settings.root == tmp_path
    assert settings.fail_on is Severity.WARNING


def test_isolated_with_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        Resolver(Overrides(config_file=tmp_path / "x.toml", isolated=True))
    assert str(info.value) == "command line: --config: cannot be combined with --isolated"


def test_missing_config_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    with pytest.raises(ConfigError) as info:
        Resolver(Overrides(config_file=missing))
    assert str(info.value) == f"{missing}: cannot read file: No such file or directory"


def test_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Resolver(Overrides(isolated=True)).for_directory(tmp_path)
    assert settings.select is None
    assert (settings.ignore, settings.extend_select, settings.extend_ignore) == ((), (), ())
    assert settings.per_file_ignores == ()
    assert dict(settings.severity) == {} and dict(settings.rule_params) == {}
    assert settings.include == DEFAULT_INCLUDE == ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")
    assert settings.exclude == ()
    assert settings.max_file_size == 10_000_000
    assert settings.grammar == GrammarSettings("off", None, None, "en")
    assert (settings.rules_dirs, settings.baseline, settings.cli) == ((), None, None)


def test_values_are_resolved_against_the_config_directory(tmp_path: Path) -> None:
    (tmp_path / "my-rules").mkdir()
    settings = settings_for(
        tmp_path,
        'rules-dirs = ["my-rules"]\nbaseline = "base.json"\nmax-file-size = 2\n'
        '[severity]\nBP001 = "ERROR"\n[rules.BP001]\nmax = 3\nwords = ["a"]\n'
        '[grammar]\nbackend = "languagetool"\nlanguagetool-path = "lt"\nlanguage = "en-GB"\n',
        overrides=Overrides(trust_config=True),
    )
    assert settings.rules_dirs == ((tmp_path / "my-rules").resolve(),)
    assert settings.baseline == tmp_path / "base.json"
    assert settings.max_file_size == 2_000_000
    assert dict(settings.severity) == {"BP001": Severity.ERROR}
    assert {k: dict(v) for k, v in settings.rule_params.items()} == {"BP001": {"max": 3, "words": ["a"]}}
    assert settings.grammar == GrammarSettings("languagetool", tmp_path / "lt", None, "en-GB")


def test_load_file(tmp_path: Path) -> None:
    assert load_file(write(tmp_path / "artlint.toml", 'select = ["BP"]\n')) == {"select": ["BP"]}
    assert load_file(write(tmp_path / "a" / "pyproject.toml", "[tool.artlint]\nignore = []\n")) == {"ignore": []}
    assert load_file(write(tmp_path / "b" / "pyproject.toml", "[tool.black]\n")) == {}


# Validation messages


def test_invalid_toml(tmp_path: Path) -> None:
    message = error_for(tmp_path, 'select = ["BP"]\nfail-on error\n')
    assert message == (
        f"{tmp_path / 'artlint.toml'}: invalid TOML: Expected '=' after a key in a key/value pair (at line 2, column 9)"
    )


def test_invalid_toml_in_pyproject(tmp_path: Path) -> None:
    message = error_for(tmp_path, "[tool.artlint\n", name="pyproject.toml")
    assert message.startswith(f"{tmp_path / 'pyproject.toml'}: invalid TOML: ")
    assert "(at line 1, column 14)" in message


def test_unknown_top_level_key(tmp_path: Path) -> None:
    message = error_for(tmp_path, "colour = true\n")
    assert message == f"{tmp_path / 'artlint.toml'}: colour: unknown key (expected one of: {ALLOWED_TOP})"


def test_unknown_nested_key(tmp_path: Path) -> None:
    message = error_for(tmp_path, '[grammar]\nfoo = "x"\n')
    assert message == (
        f"{tmp_path / 'artlint.toml'}: grammar.foo: unknown key "
        "(expected one of: backend, language, languagetool-path, languagetool-server)"
    )


def test_pyproject_keys_are_named_under_tool_artlint(tmp_path: Path) -> None:
    message = error_for(tmp_path, "[tool.artlint]\nselct = []\n", name="pyproject.toml")
    assert message == f"{tmp_path / 'pyproject.toml'}: tool.artlint.selct: unknown key (expected one of: {ALLOWED_TOP})"


def test_pyproject_artlint_not_a_table(tmp_path: Path) -> None:
    message = error_for(tmp_path, "[tool]\nartlint = 3\n", name="pyproject.toml")
    assert message == f"{tmp_path / 'pyproject.toml'}: tool.artlint: expected a table, got an integer"


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ('select = "BP"', "select", "expected a list of strings, got a string"),
        ('baseline = ""', "baseline", "expected a file name, got an empty string"),
        ('templates = " "', "templates", "expected a file name, got an empty string"),
        ('ignore = ["BP", 3]', "ignore[1]", "expected a string, got an integer"),
        ('extend-select = ["bp001"]', "extend-select[0]",
         "invalid rule code or prefix 'bp001' (expected ALL, a family such as BP, or a code such as BP001)"),
        ('extend-ignore = ["BP0001"]', "extend-ignore[0]",
         "invalid rule code or prefix 'BP0001' (expected ALL, a family such as BP, or a code such as BP001)"),
        ('select = ["BP", "XY"]', "select[1]", "unknown rule code or prefix 'XY'"),
        ('select = ["BP02"]', "select[0]", "unknown rule code or prefix 'BP02'"),
        ('fail-on = "fatal"', "fail-on", "unknown severity 'fatal' (expected one of: info, warning, error)"),
        ("fail-on = 2", "fail-on", "expected a string, got an integer"),
        ('include = "*.md"', "include", "expected a list of strings, got a string"),
        ('exclude = [""]', "exclude[0]", "expected a glob such as '*.md', got ''"),
        ("max-file-size = 0", "max-file-size", "expected a positive integer (megabytes), got 0"),
        ('max-file-size = "10"', "max-file-size", "expected a positive integer (megabytes), got a string"),
        ("max-file-size = true", "max-file-size", "expected a positive integer (megabytes), got a boolean"),
        ("baseline = 1", "baseline", "expected a string, got an integer"),
        ("grammar = 3", "grammar", "expected a table, got an integer"),
        ('[grammar]\nbackend = "cloud"', "grammar.backend",
         "unknown backend 'cloud' (expected one of: off, embedded, languagetool)"),
        ("[grammar]\nlanguage = 5", "grammar.language", "expected a string, got an integer"),
        ("[grammar]\nlanguagetool-server = []", "grammar.languagetool-server", "expected a string, got an array"),
        ('severity = "error"', "severity", "expected a table, got a string"),
        ('[severity]\nBP001 = "fatal"', "severity.BP001",
         "unknown severity 'fatal' (expected one of: info, warning, error)"),
        ('[severity]\nBP1 = "error"', "severity.BP1", "invalid rule code 'BP1' (expected a code such as BP001)"),
        ('[severity]\nBP999 = "error"', "severity.BP999", "unknown rule code 'BP999'"),
        ("[rules]\nBP001 = 3", "rules.BP001", "expected a table, got an integer"),
        ("[rules.BP]\nmax = 3", "rules.BP", "invalid rule code 'BP' (expected a code such as BP001)"),
        ('per-file-ignores = ["BP"]', "per-file-ignores", "expected a table, got an array"),
        ('[per-file-ignores]\n"docs/*.md" = "BP"', 'per-file-ignores."docs/*.md"',
         "expected a list of strings, got a string"),
        ('[per-file-ignores]\n"docs/*.md" = ["ZZ"]', 'per-file-ignores."docs/*.md"[0]',
         "unknown rule code or prefix 'ZZ'"),
        ('[per-file-ignores]\n"" = ["BP"]', 'per-file-ignores.""', "expected a glob such as 'archive/**' as the key"),
    ],
)
def test_validation_messages(tmp_path: Path, text: str, key: str, problem: str) -> None:
    message = error_for(tmp_path, text + "\n", known_codes=KNOWN)
    assert message == f"{tmp_path / 'artlint.toml'}: {key}: {problem}"


def test_unknown_codes_are_accepted_without_known_codes(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, 'select = ["XY", "QQ123"]\n[severity]\nZZ999 = "info"\n')
    assert settings.select == ("XY", "QQ123")
    assert dict(settings.severity) == {"ZZ999": Severity.INFO}


def test_known_prefixes_and_all_are_accepted(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, 'select = ["ALL", "BP", "BP0", "BP01", "BP010"]\n', known_codes=KNOWN)
    assert settings.select == ("ALL", "BP", "BP0", "BP01", "BP010")


def test_rules_dirs_accept_codes_of_user_rules(tmp_path: Path) -> None:
    (tmp_path / "my-rules").mkdir()
    settings = settings_for(
        tmp_path,
        'rules-dirs = ["my-rules"]\nselect = ["BP", "RD9"]\n[severity]\nRD901 = "error"\n[rules.RD901]\nlimit = 3\n',
        known_codes=KNOWN,
        validate_params=validate_params,
    )
    assert settings.select == ("BP", "RD9")
    assert dict(settings.severity) == {"RD901": Severity.ERROR}
    assert {k: dict(v) for k, v in settings.rule_params.items()} == {"RD901": {"limit": 3}}
    text = 'rules-dirs = ["my-rules"]\n[rules.BP001]\nlimit = 3\n'
    message = error_for(tmp_path, text, known_codes=KNOWN, validate_params=validate_params)
    assert message == f"{tmp_path / 'artlint.toml'}: rules.BP001.limit: unknown parameter (allowed: max)"


def validate_params(code: str, params: Mapping[str, Any]) -> list[str]:
    """A registry-style validator: BP001 takes an integer ``max``; TY001 takes nothing."""
    if code == "TY001":
        return [f"{code}: rule has no parameters"] if params else []
    problems = [f"{key}: unknown parameter (allowed: max)" for key in params if key != "max"]
    if "max" in params and not isinstance(params["max"], int):
        problems.append(f"max: expected int, got {type(params['max']).__name__}")
    return problems


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ('[rules.BP001]\nmax = "3"', "rules.BP001.max", "expected int, got str"),
        ("[rules.BP001]\nmax = 3\nmin = 1", "rules.BP001.min", "unknown parameter (allowed: max)"),
        ("[rules.TY001]\nx = 1", "rules.TY001", "rule has no parameters"),
    ],
)
def test_rule_parameters_are_validated_by_the_callback(tmp_path: Path, text: str, key: str, problem: str) -> None:
    message = error_for(tmp_path, text + "\n", validate_params=validate_params)
    assert message == f"{tmp_path / 'artlint.toml'}: {key}: {problem}"


def test_rules_dirs_missing_entry_is_named_by_index(tmp_path: Path) -> None:
    (tmp_path / "good").mkdir()
    message = error_for(tmp_path, 'rules-dirs = ["good", "missing"]\n')
    assert message == f"{tmp_path / 'artlint.toml'}: rules-dirs[1]: no such directory: {tmp_path / 'missing'}"


def test_rules_dirs_entry_must_be_a_directory(tmp_path: Path) -> None:
    write(tmp_path / "rules.toml", "")
    message = error_for(tmp_path, 'rules-dirs = ["rules.toml"]\n')
    assert message == f"{tmp_path / 'artlint.toml'}: rules-dirs[0]: not a directory: {tmp_path / 'rules.toml'}"


def test_rules_dirs_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    message = error_for(tmp_path, 'rules-dirs = ["a"]\n')
    assert message.startswith(f"{tmp_path / 'artlint.toml'}: rules-dirs[0]: cannot resolve {tmp_path / 'a'}: ")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (Overrides(select=["BP", "bp"]), (
            "command line: --select: invalid rule code or prefix 'bp' "
            "(expected ALL, a family such as BP, or a code such as BP001)"
        )),
        (Overrides(extend_ignore=["XY"]), "command line: --extend-ignore: unknown rule code or prefix 'XY'"),
        (Overrides(fail_on="high"),
         "command line: --fail-on: unknown severity 'high' (expected one of: info, warning, error)"),
        (Overrides(grammar_backend="cloud"),
         "command line: --grammar: unknown backend 'cloud' (expected one of: off, embedded, languagetool)"),
    ],
)
def test_command_line_validation(tmp_path: Path, overrides: Overrides, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        Resolver(overrides._replace(isolated=True), known_codes=KNOWN).for_directory(tmp_path)
    assert str(info.value) == message


def test_command_line_codes_of_user_rules_need_rules_dirs(tmp_path: Path) -> None:
    (tmp_path / "my-rules").mkdir()
    write(tmp_path / "artlint.toml", 'rules-dirs = ["my-rules"]\n')
    write(tmp_path / "plain" / "artlint.toml", "")
    resolver = Resolver(Overrides(ignore=["RD901"]), known_codes=KNOWN)
    settings = resolver.for_path(tmp_path / "a.txt")
    assert settings.is_enabled("RD901", True) is False
    with pytest.raises(ConfigError) as info:
        resolver.for_path(tmp_path / "plain" / "a.txt")
    assert str(info.value) == "command line: --ignore: unknown rule code or prefix 'RD901'"


def test_large_lists_are_accepted(tmp_path: Path) -> None:
    known = [f"BP{n:03d}" for n in range(1000)]
    codes = ", ".join(f'"{code}"' for code in known * 50)
    settings = settings_for(tmp_path, f"ignore = [{codes}]\n", known_codes=known)
    assert len(settings.ignore) == 50_000
    assert not settings.is_enabled("BP500", True)


# Selection precedence


def selection(tmp_path: Path, text: str, overrides: Overrides | None = None) -> Settings:
    return settings_for(tmp_path, text, overrides=overrides or Overrides(), known_codes=KNOWN)


def test_default_set_without_select(tmp_path: Path) -> None:
    settings = selection(tmp_path, "")
    assert settings.is_enabled("BP001", True) is True
    assert settings.is_enabled("GR001", False) is False


def test_select_replaces_the_default_set(tmp_path: Path) -> None:
    settings = selection(tmp_path, 'select = ["GR"]\n')
    assert settings.is_enabled("GR001", False) is True
    assert settings.is_enabled("BP001", True) is False


def test_most_specific_entry_wins(tmp_path: Path) -> None:
    settings = selection(tmp_path, 'select = ["BP"]\nignore = ["BP00"]\n')
    assert [settings.is_enabled(c, True) for c in ("BP001", "BP002", "BP010")] == [False, False, True]
    settings = selection(tmp_path, 'select = ["BP001"]\nignore = ["BP"]\n')
    assert [settings.is_enabled(c, True) for c in ("BP001", "BP002")] == [True, False]


def test_ignore_wins_a_tie(tmp_path: Path) -> None:
    settings = selection(tmp_path, 'select = ["BP"]\nextend-ignore = ["BP"]\n')
    assert settings.is_enabled("BP001", True) is False


def test_all_is_the_least_specific(tmp_path: Path) -> None:
    settings = selection(tmp_path, 'select = ["ALL"]\nignore = ["MT"]\n')
    assert [settings.is_enabled(c, False) for c in ("BP001", "GR001", "MT001")] == [True, True, False]
    settings = selection(tmp_path, 'ignore = ["ALL"]\nextend-select = ["TY001"]\n')
    assert [settings.is_enabled(c, True) for c in ("BP001", "TY001")] == [False, True]
    settings = selection(tmp_path, 'select = ["ALL"]\nignore = ["ALL"]\n')
    assert settings.is_enabled("BP001", True) is False


def test_extend_select_adds_to_the_default_set(tmp_path: Path) -> None:
    settings = selection(tmp_path, 'extend-select = ["GR"]\nextend-ignore = ["MT001"]\n')
    assert settings.is_enabled("GR001", False) is True
    assert settings.is_enabled("BP001", True) is True
    assert settings.is_enabled("TY001", False) is False
    assert settings.is_enabled("MT001", True) is False


def test_per_file_ignores(tmp_path: Path) -> None:
    settings = selection(
        tmp_path,
        '[per-file-ignores]\n"archive/**" = ["BP"]\n"**/drafts/*.md" = ["TY001"]\n"notes.txt" = ["ALL"]\n',
    )
    assert settings.is_enabled("BP001", True, tmp_path / "archive" / "2020" / "a.txt") is False
    assert settings.is_enabled("BP001", True, tmp_path / "news" / "archive" / "a.txt") is True
    assert settings.is_enabled("BP001", True, tmp_path / "a.txt") is True
    assert settings.is_enabled("BP001", True) is True
    assert settings.is_enabled("TY001", True, tmp_path / "drafts" / "x.md") is False
    assert settings.is_enabled("TY001", True, tmp_path / "a" / "b" / "drafts" / "x.md") is False
    assert settings.is_enabled("TY001", True, tmp_path / "a" / "drafts" / "x.txt") is True
    assert settings.is_enabled("MT001", True, tmp_path / "deep" / "notes.txt") is False


def test_per_file_ignore_yields_to_a_more_specific_select(tmp_path: Path) -> None:
    settings = selection(tmp_path, 'select = ["BP001", "MT"]\n[per-file-ignores]\n"old/*" = ["BP", "MT"]\n')
    old = tmp_path / "old" / "a.txt"
    assert settings.is_enabled("BP001", True, old) is True
    assert settings.is_enabled("MT001", True, old) is False
    assert settings.is_enabled("MT001", True, tmp_path / "a.txt") is True


def test_cli_select_replaces_the_file_selection(tmp_path: Path) -> None:
    settings = selection(tmp_path, 'select = ["BP"]\nextend-select = ["TY"]\n', Overrides(select=["MT"]))
    assert [settings.is_enabled(c, True) for c in ("BP001", "TY001", "MT001")] == [False, False, True]


def test_cli_extend_select_and_ignore_apply_on_top(tmp_path: Path) -> None:
    settings = selection(tmp_path, 'select = ["BP"]\n', Overrides(extend_select=["MT"], ignore=["BP01"]))
    assert [settings.is_enabled(c, False) for c in ("BP001", "BP010", "MT001", "TY001")] == [True, False, True, False]


def test_cli_ignore_beats_a_more_specific_file_select(tmp_path: Path) -> None:
    settings = selection(tmp_path, 'select = ["BP001"]\n', Overrides(ignore=["BP"]))
    assert settings.is_enabled("BP001", True) is False


def test_cli_select_drops_file_ignores(tmp_path: Path) -> None:
    settings = selection(tmp_path, 'ignore = ["BP001"]\n', Overrides(select=["BP"]))
    assert [settings.is_enabled(c, True) for c in ("BP001", "BP002")] == [True, True]


def test_empty_select_carries_its_ignores_to_the_cli_layer(tmp_path: Path) -> None:
    settings = selection(tmp_path, 'select = []\nignore = ["BP001"]\n', Overrides(select=["BP"]))
    assert [settings.is_enabled(c, True) for c in ("BP001", "BP002")] == [False, True]
    settings = selection(tmp_path, 'select = []\nignore = ["BP001"]\n', Overrides(select=["BP001"]))
    assert settings.is_enabled("BP001", True) is False


def test_cli_select_keeps_per_file_ignores(tmp_path: Path) -> None:
    settings = selection(tmp_path, '[per-file-ignores]\n"old/**" = ["BP"]\n', Overrides(select=["BP", "TY001"]))
    assert settings.is_enabled("BP001", True, tmp_path / "old" / "a.txt") is False
    assert settings.is_enabled("BP001", True, tmp_path / "a.txt") is True
    assert settings.is_enabled("TY001", True, tmp_path / "old" / "a.txt") is True


def test_cli_scalar_overrides(tmp_path: Path) -> None:
    settings = selection(
        tmp_path,
        'fail-on = "error"\n[grammar]\nbackend = "embedded"\nlanguage = "en-GB"\n',
        Overrides(fail_on="info", grammar_backend="languagetool", languagetool_server="http://localhost:8081"),
    )
    assert settings.fail_on is Severity.INFO
    assert settings.grammar == GrammarSettings("languagetool", None, "http://localhost:8081", "en-GB")


# Include and exclude


def test_default_include(tmp_path: Path) -> None:
    settings = selection(tmp_path, "")
    assert [settings.is_included(tmp_path / p) for p in ("a.txt", "x/y/b.md", "c.HTM", "d.py", "e.html")] == [
        True, True, False, False, True,
    ]


def test_exclude_globs_and_hidden_folders(tmp_path: Path) -> None:
    settings = selection(tmp_path, 'exclude = ["drafts", "archive/**/old-*.txt", "/build/", "./news/old"]\n')
    excluded = {
        "drafts": True,
        "drafts/a.md": True,
        "news/drafts/a.md": True,
        "archive/old-1.txt": True,
        "archive/2020/05/old-1.txt": True,
        "archive/new-1.txt": False,
        "build/x.md": True,
        "src/build/x.md": False,
        ".git/x.md": True,
        "a/.cache/x.md": True,
        "CVS/x.md": True,
        ".hidden.md": True,
        "news/a.md": False,
        "news/old/a.md": True,
        "x/news/old/a.md": False,
    }
    assert {p: settings.is_excluded(tmp_path / p) for p in excluded} == excluded
    assert settings.is_excluded(tmp_path) is False


def test_glob_character_classes(tmp_path: Path) -> None:
    settings = selection(tmp_path, 'include = ["[!_]*.md", "ch?.txt", "[a-c]/*.txt", "a[]]b.txt"]\n')
    matches = {"x.md": True, "_x.md": False, "ch1.txt": True, "ch12.txt": False,
               "b/x.txt": True, "d/x.txt": False, "b/c/x.txt": False, "a]b.txt": True}
    assert {p: settings.is_included(tmp_path / p) for p in matches} == matches


def test_paths_outside_the_root_match_by_name(tmp_path: Path) -> None:
    settings = selection(tmp_path / "project", 'exclude = ["skip.md", "docs/*.md"]\n')
    assert settings.is_excluded(tmp_path / "elsewhere" / "skip.md") is True
    assert settings.is_excluded(tmp_path / "elsewhere" / "docs" / "a.md") is False
    assert settings.is_included(tmp_path / "elsewhere" / "a.md") is True


# Starter configuration


def test_starter_config_loads_cleanly(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, STARTER_CONFIG, known_codes=KNOWN, validate_params=validate_params)
    assert settings.source == tmp_path / "artlint.toml"
    assert (settings.select, settings.include, settings.fail_on) == (None, DEFAULT_INCLUDE, Severity.WARNING)


def test_starter_config_uncommented_validates_with_the_defaults(tmp_path: Path) -> None:
    setting = re.compile(r"^# (\[[\w.-]+\]|[\w\"*/.-]+ = .*)$", re.MULTILINE)
    uncommented = setting.sub(r"\1", STARTER_CONFIG)
    shown = {m.group(1).split(" = ")[0].strip("[]") for m in setting.finditer(STARTER_CONFIG)}
    assert {*config.TOP_KEYS, *config.GRAMMAR_KEYS, "rules.BP001"} - {"rules"} <= shown
    settings = settings_for(tmp_path, uncommented, known_codes=KNOWN)
    assert settings.include == DEFAULT_INCLUDE
    assert (settings.exclude, settings.rules_dirs, settings.fail_on) == ((), (), Severity.WARNING)
    assert settings.max_file_size == 10_000_000
    assert (settings.grammar.backend, settings.grammar.language) == ("off", "en")
    assert settings.per_file_ignores == (("archive/**", ("BP",)),)
    assert dict(settings.rule_params) == {"BP001": {}}


# Caching


def test_each_config_file_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: Counter[Path] = Counter()
    real_read = config._read_toml

    def counting_read(path: Path) -> dict[str, Any]:
        reads[path] += 1
        return real_read(path)

    monkeypatch.setattr(config, "_read_toml", counting_read)
    top = write(tmp_path / "artlint.toml", 'fail-on = "error"\n')
    plain = write(tmp_path / "pkg" / "pyproject.toml", "[project]\n")
    nested = write(tmp_path / "pkg" / "sub" / "artlint.toml", 'fail-on = "info"\n')
    resolver = Resolver(Overrides())
    dirs = [tmp_path, tmp_path / "a", tmp_path / "a" / "b", tmp_path / "pkg", tmp_path / "pkg" / "sub" / "c"]
    results = [resolver.for_path(d / f"f{n}.txt") for n in range(200) for d in dirs]
    assert reads == {top: 1, plain: 1, nested: 1}
    assert len({id(s) for s in results}) == 2


# Preview tier


def test_preview_rules_run_only_with_preview_or_their_exact_code(tmp_path: Path) -> None:
    settings = selection(tmp_path, "")
    assert settings.preview is False
    assert settings.is_enabled("MT002", True, preview=True) is False
    assert settings.is_enabled("MT001", True, preview=False) is True
    assert selection(tmp_path, "preview = true\n").is_enabled("MT002", True, preview=True) is True
    # a prefix does not bring in a preview rule; its exact code does
    assert selection(tmp_path, 'select = ["MT"]\n').is_enabled("MT002", True, preview=True) is False
    assert selection(tmp_path, 'select = ["MT002"]\n').is_enabled("MT002", True, preview=True) is True
    # preview does not turn on a rule that is off by default, nor one that is ignored
    assert selection(tmp_path, "preview = true\n").is_enabled("BP010", False, preview=True) is False
    assert selection(tmp_path, 'preview = true\nignore = ["MT002"]\n').is_enabled("MT002", True, preview=True) is False


def test_command_line_preview_overrides_the_file(tmp_path: Path) -> None:
    on = settings_for(tmp_path, "preview = false\n", overrides=Overrides(preview=True))
    off = settings_for(tmp_path, "preview = true\n", overrides=Overrides(preview=False))
    assert (on.preview, off.preview) == (True, False)
    assert settings_for(tmp_path, "preview = true\n").preview is True


def test_preview_must_be_a_boolean(tmp_path: Path) -> None:
    message = error_for(tmp_path, 'preview = "yes"\n')
    assert message == f"{tmp_path / 'artlint.toml'}: preview: expected true or false, got a string"


def test_is_named_tells_a_selection_from_the_default(tmp_path: Path) -> None:
    assert selection(tmp_path, "").is_named("GR001") is False
    assert selection(tmp_path, 'extend-select = ["GR"]\n').is_named("GR001") is True
    assert selection(tmp_path, 'select = ["ALL"]\nignore = ["GR001"]\n').is_named("GR001") is False
