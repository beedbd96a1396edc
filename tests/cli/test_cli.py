"""The command line, run in-process with typer's CliRunner on small projects made by the tests."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import SEEDS
from typer.testing import CliRunner

from artlint.cli import app

SEED = SEEDS / "000_86da29c17ddbe20d.txt"

RULE = """
code = "BP950"
name = "house-promo"
family = "boilerplate"
kind = "phrase"
severity = "warning"
message = "House promotion left in the article"
why = "The CMS appends it."
fires = ["⟦Subscribe to the Bugle⟧"]
silent = ["He did not subscribe to the Bugle's views."]
[params]
phrases = ["Subscribe to the Bugle"]
anchor = "block"
span = "block"
fix = "delete-block"
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "BP950-house-promo.toml").write_text(RULE, encoding="utf-8")
    (tmp_path / "artlint.toml").write_text('select = ["BP950"]\nrules-dirs = ["style"]\n', encoding="utf-8")
    (tmp_path / "story.txt").write_text("The council met on Monday.\n\nSubscribe to the Bugle\n", encoding="utf-8")
    (tmp_path / "clean.txt").write_text("The council met on Monday.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str, input: bytes | str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_text_report_and_exit_status(project: Path) -> None:
    code, out, _ = run("check", "story.txt")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "story.txt:3:1: BP950 [warning] House promotion left in the article"
    assert lines[1:3] == ["  Subscribe to the Bugle", "  " + "^" * len("Subscribe to the Bugle")]
    assert lines[-2:] == ["Found 1 finding (1 warning) in 1 file.", "[*] 1 fixable with the `--fix` option."]


def test_clean_file_exits_zero(project: Path) -> None:
    code, out, _ = run("check", "clean.txt")
    assert (code, out.strip()) == (0, "No findings in 1 file.")


def test_directory_walk_and_json(project: Path) -> None:
    code, out, _ = run("check", ".", "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert [(f["path"], f["code"], f["start"], f["end"], f["line"]) for f in report["findings"]] == [
        ("story.txt", "BP950", 28, 50, 3)
    ]


def test_fail_on_error_lets_warnings_pass(project: Path) -> None:
    assert run("check", "story.txt", "--fail-on", "error")[0] == 0


def test_cli_ignore_overrides_config(project: Path) -> None:
    assert run("check", "story.txt", "--ignore", "BP950")[0] == 0


def test_stdin_with_filename(project: Path) -> None:
    code, out, _ = run("check", "-", "--stdin-filename", "piped.txt", input="Subscribe to the Bugle\n")
    assert code == 1 and out.startswith("piped.txt:1:1: BP950")


def test_markdown_directive_suppresses(project: Path) -> None:
    (project / "story.md").write_text("<!-- artlint-disable BP950 -->\n\nSubscribe to the Bugle\n", encoding="utf-8")
    assert run("check", "story.md")[0] == 0


def test_output_file(project: Path) -> None:
    code, out, _ = run("check", "story.txt", "--format", "sarif", "--output", "report.sarif")
    assert code == 1 and out == ""
    sarif = json.loads((project / "report.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"][0]["ruleId"] == "BP950"


def test_baseline_hides_known_findings(project: Path) -> None:
    assert run("check", "story.txt", "--write-baseline", "base.json")[0] == 0
    assert run("check", "story.txt", "--baseline", "base.json")[0] == 0
    with open(project / "story.txt", "a", encoding="utf-8") as handle:
        handle.write("\nSubscribe to the Bugle\n")
    code, out, _ = run("check", "story.txt", "--baseline", "base.json")
    assert code == 1 and out.count("BP950") == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("latin1.txt", "caf\u00e9 cr\u00e8me".encode("latin-1"), "not valid UTF-8 (byte 0xe9 at offset 3, line 1)"),
        ("missing.txt", None, "no such file or directory"),
    ],
)
def test_bad_input_is_a_clear_error_and_other_files_are_checked(project: Path, name: str, content: bytes | None, message: str) -> None:
    if content is not None:
        (project / name).write_bytes(content)
    code, out, _ = run("check", name, "story.txt")
    assert code == 2
    assert f"{name}: error: {message}" in out
    assert "story.txt:3:1: BP950" in out


def test_empty_file_has_no_findings(project: Path) -> None:
    (project / "empty.txt").write_bytes(b"")
    assert run("check", "empty.txt") == (0, "No findings in 1 file.\n", "")


def test_oversized_file_is_refused(project: Path) -> None:
    (project / "artlint.toml").write_text('select = ["BP950"]\nrules-dirs = ["style"]\nmax-file-size = 1\n', encoding="utf-8")
    (project / "huge.txt").write_bytes(b"word " * 400_000)
    code, out, _ = run("check", "huge.txt")
    assert code == 2 and "file too large (2.0 MB > max-file-size 1 MB)" in out


def test_unreadable_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def deny(path: str, *args: int) -> int:
        if str(path).endswith("story.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args)

    monkeypatch.setattr(os, "open", deny)  # chmod 0 does not stop root, who runs CI
    code, out, _ = run("check", "story.txt")
    assert code == 2 and "story.txt: error: cannot read file: Permission denied" in out


def test_directory_symlink_loop_terminates(project: Path) -> None:
    (project / "sub").mkdir()
    (project / "sub" / "loop").symlink_to(project, target_is_directory=True)
    code, out, _ = run("check", ".", "--format", "json")
    assert code == 1 and len(json.loads(out)["findings"]) == 1


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ('rules-dirs = ["style"]\n[rules.BP950]\nspan = 3\n', "artlint.toml: rules.BP950.span: expected a string"),
        ('select = ["BP950"]\n', "artlint.toml: select[0]: unknown rule code or prefix 'BP950'"),
        ('rules-dirs = ["nowhere"]\n', "artlint.toml: rules-dirs[0]:"),
        ("select = \"BP\"\n", "artlint.toml: select: expected a list of strings"),
        ("select = [\n", "artlint.toml: invalid TOML"),
    ],
)
def test_config_error_names_file_and_key(project: Path, config: str, expected: str) -> None:
    (project / "artlint.toml").write_text(config, encoding="utf-8")
    code, out, err = run("check", "story.txt")
    assert code == 2 and out == ""
    assert err.startswith("artlint: error: ") and expected in err
    assert "Traceback" not in err


def test_unknown_format_is_a_usage_error(project: Path) -> None:
    code, _, err = run("check", "story.txt", "--format", "yaml")
    assert code == 2 and "unknown format 'yaml'" in err


def test_rules_lists_user_rules_and_explain(project: Path) -> None:
    code, out, _ = run("rules", "--config", "artlint.toml")
    assert code == 0
    assert any(line.split()[:4] == ["BP950", "house-promo", "boilerplate", "warning"] for line in out.splitlines())
    code, out, _ = run("explain", "BP950", "--config", "artlint.toml")
    assert code == 0 and "Why: The CMS appends it." in out and "'Subscribe to the Bugle'" in out


def test_explain_unknown_code(project: Path) -> None:
    code, _, err = run("explain", "ZZ999")
    assert code == 2 and "unknown rule 'ZZ999'" in err


def test_init_writes_a_valid_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init")[0] == 0
    assert (tmp_path / "artlint.toml").exists()
    assert run("init")[0] == 2
    (tmp_path / "a.txt").write_text("The council met on Monday and approved the budget.\n", encoding="utf-8")
    assert run("check", "a.txt") == (0, "No findings in 1 file.\n", "")


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("artlint ")


def test_seed_json_offsets_match_source() -> None:
    code, out, _ = run("check", str(SEED), "--format", "json", "--isolated")
    assert code == 1
    text = SEED.read_text(encoding="utf-8")
    findings = json.loads(out)["findings"]
    assert findings
    for f in findings:
        assert text[f["start"] : f["end"]] == f["excerpt"]


def test_seed_json_and_sarif_reports_are_valid() -> None:
    import jsonschema

    from artlint.reporters.json_report import SCHEMA_PATH

    data = Path(__file__).resolve().parents[1] / "data"
    code, out, _ = run("check", str(SEED), "--format", "json", "--isolated")
    report = json.loads(out)
    jsonschema.validate(report, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    code_sarif, out_sarif, _ = run("check", str(SEED), "--format", "sarif", "--isolated")
    sarif = json.loads(out_sarif)
    schema = json.loads((data / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)
    assert (code, code_sarif) == (1, 1)
    assert len(sarif["runs"][0]["results"]) == len(report["findings"]) >= 15


def test_preview_tier(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("The talks opened on Tuesday 3 January 2005 in Geneva.\n", encoding="utf-8")
    assert run("check", "a.txt", "--format", "concise") == (0, "No findings in 1 file.\n", "")
    code, out, _ = run("check", "a.txt", "--format", "concise", "--preview")
    assert code == 1 and out.startswith("a.txt:1:21: CN020 ")
    assert run("check", "a.txt", "--format", "concise", "--select", "CN020")[0] == 1
    (tmp_path / "artlint.toml").write_text("preview = true\n", encoding="utf-8")
    assert run("check", "a.txt", "--format", "concise")[0] == 1
    assert run("check", "a.txt", "--format", "concise", "--no-preview")[0] == 0
    rows = {line.split()[0]: line.split() for line in run("rules")[1].splitlines()}
    assert rows["CODE"][4] == "TIER" and rows["CN020"][4] == "preview" and rows["MT005"][4] == "on"
    assert rows["RD001"][3:5] == ["info", "off"]
    assert "preview tier: runs with --preview" in run("explain", "CN020")[1]


def test_grammar_rules_without_a_back_end_say_so_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("The council met on Monday.\n", encoding="utf-8")
    code, _, err = run("check", "a.txt", "b.txt", "--select", "GR001,GR002")
    assert code == 0
    assert err == ("artlint: note: no grammar back end, so GR001, GR002 find nothing (use --grammar embedded, "
                   "or set backend in the [grammar] table of the configuration)\n")
    assert run("check", "a.txt")[2] == ""


def test_clean_user_cache_removes_only_artlints_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "cache" / "artlint"
    (folder / "langid-1-0a0b0c0d").mkdir(parents=True)
    (folder / "langid-1-0a0b0c0d" / "model.npy").write_bytes(b"\0" * 64)
    (tmp_path / "cache" / "other-tool").mkdir()
    code, _, err = run("clean", "--user-cache")
    assert (code, err.strip()) == (0, f"Removed {folder}")
    assert not folder.exists() and (tmp_path / "cache" / "other-tool").is_dir()
    assert run("clean", "--user-cache")[:3:2] == (0, f"No user cache at {folder}\n")


def test_clean_user_cache_leaves_a_link_and_its_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (tmp_path / "precious").mkdir()
    (tmp_path / "precious" / "notes.txt").write_text("keep", encoding="utf-8")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "artlint").symlink_to(tmp_path / "precious", target_is_directory=True)
    code, _, err = run("clean", "--user-cache")
    assert code == 2 and "not a folder artlint made" in err
    assert (tmp_path / "precious" / "notes.txt").read_text(encoding="utf-8") == "keep"
