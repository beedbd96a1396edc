"""The LanguageTool back end against a local stand-in server (127.0.0.1) with recorded responses.

No LanguageTool and no network: ``fake_languagetool`` answers /v2/languages and /v2/check
with what a real LanguageTool answered to these texts (``tests/data/languagetool.json``,
recorded by ``scripts/record_languagetool.py``), and language-tool-python's download is made
to fail, so a test that tried to download LanguageTool would fail. The same back end against a
real server: ``tests/integration/test_languagetool_server.py``.
"""

from __future__ import annotations

import socket
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_languagetool import FakeLanguageTool
from typer.testing import CliRunner

from artlint.backends import GrammarUnavailable, checker_for
from artlint.backends.languagetool import LanguageToolBackend, Utf16, base_url, class_path
from artlint.cli import app
from artlint.config import GrammarSettings, Overrides
from artlint.lexicon import Lexicons
from artlint.runner import Runner

P1 = "The council met on Monday."
P2 = "The mayor recieved the report."
P3 = "She said it was a good day \U0001F600 for teh town."
DOCUMENT = f"{P1}\n\n{P2}\n\n{P3}"
EMOJI = "Prices \U0001F600\U0001F4C8 rose and he go home, and the \U0001F3C6 team recieved the cup."


@pytest.fixture(autouse=True)
def no_download(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to download LanguageTool fails the test."""
    from language_tool_python import download_lt

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("artlint tried to download LanguageTool")

    for name in ("ReleaseLocalLanguageTool", "SnapshotLocalLanguageTool"):
        monkeypatch.setattr(getattr(download_lt, name), "download", refuse)
    monkeypatch.setattr(download_lt, "download_lt", refuse, raising=False)


@pytest.fixture
def server() -> Iterator[FakeLanguageTool]:
    fake = FakeLanguageTool().start()
    yield fake
    fake.shutdown()
    fake.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def check(text: str, url: str, language: str = "en-US", **overrides: Any) -> list[Any]:
    runner = Runner(Overrides(isolated=True, grammar_backend="languagetool", languagetool_server=url, **overrides))
    settings = runner.resolver.for_directory(Path.cwd())
    return runner.check_text(text, settings=_with_language(settings, language))


def _with_language(settings: Any, language: str) -> Any:
    from dataclasses import replace

    return replace(settings, grammar=settings.grammar._replace(language=language))


def test_offsets_after_emoji_are_code_points(server: FakeLanguageTool) -> None:
    findings = [f for f in check(EMOJI, server.url) if f.code.startswith("GR")]
    assert [(f.code, f.start, f.end, f.excerpt) for f in findings] == [
        ("GR002", 22, 24, "go"),
        ("GR001", 46, 54, "recieved"),
    ]
    assert findings[1].fix is not None and findings[1].fix.edits[0].replacement == "received"
    assert findings[1].message == (
        "Possible spelling mistake found. Suggestion: 'received' or 'relieved'. (languagetool:MORFOLOGIK_RULE_EN_US)")


def test_rules_disabled_by_pattern_are_dropped(server: FakeLanguageTool) -> None:
    text = "The anti-virus firm recieved a award."  # LanguageTool also flags 'anti-virus' (EN_COMPOUNDS_ANTI_VIRUS)
    findings = [(f.code, f.excerpt) for f in check(text, server.url) if f.code.startswith("GR")]
    assert findings == [("GR001", "recieved"), ("GR002", "a")]


def test_one_request_per_document_mapped_to_each_paragraph(server: FakeLanguageTool) -> None:
    findings = [f for f in check(DOCUMENT, server.url) if f.code.startswith("GR")]
    assert server.checked == [DOCUMENT]
    assert [(f.code, f.excerpt, f.line, f.column) for f in findings] == [
        ("GR001", "recieved", 3, 11),
        ("GR001", "teh", 5, 34),
    ]


def test_large_documents_are_split_at_paragraph_boundaries(server: FakeLanguageTool) -> None:
    table = {**Lexicons().table("grammar-languagetool")}
    table["request"] = {**table["request"], "max-characters": len(P1) + len(P2) + 4}
    backend = LanguageToolBackend(GrammarSettings("languagetool", None, server.url, "en-US"), {"spelling"}, table)
    issues = backend.check([P1, P2, P3])
    assert server.checked == [P1 + "\n\n" + P2, P3]
    assert [[(i.start, i.end, i.rule) for i in found] for found in issues] == [
        [],
        [(10, 18, "languagetool:MORFOLOGIK_RULE_EN_US")],
        [(33, 36, "languagetool:MORFOLOGIK_RULE_EN_US")],
    ]


def test_a_paragraph_over_the_limit_is_cut_at_sentence_ends(server: FakeLanguageTool) -> None:
    table = {**Lexicons().table("grammar-languagetool")}
    table["request"] = {**table["request"], "max-characters": 40}
    backend = LanguageToolBackend(GrammarSettings("languagetool", None, server.url, "en-US"), {"spelling"}, table)
    backend.check(["One short sentence here. Another one follows it. And a third."])
    assert server.checked == ["One short sentence here.", " Another one follows it. And a third."]


def test_the_server_is_contacted_once_per_process(server: FakeLanguageTool) -> None:
    settings = GrammarSettings("languagetool", None, server.url, "en-GB")
    assert checker_for(settings, {"spelling"}, Lexicons()) is checker_for(settings, {"spelling"}, Lexicons())
    assert server.languages_requests == 2  # artlint's probe, then language-tool-python's client
    check(P1, server.url, "en-GB")
    contacted = server.languages_requests
    check(P2, server.url, "en-GB")
    check(P3, server.url, "en-GB")
    assert server.languages_requests == contacted
    assert server.checked == [P1, P2, P3]


def test_unreachable_server_is_a_one_line_error_within_seconds(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    started = time.monotonic()
    with pytest.raises(GrammarUnavailable) as error:
        check(P1, url)
    assert time.monotonic() - started < 5
    assert str(error.value) == (
        f"grammar.languagetool-server: no LanguageTool server at {url}/ (cannot connect); start it or fix the setting")


def test_silent_server_times_out(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)  # accepts connections, never answers
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        started = time.monotonic()
        with pytest.raises(GrammarUnavailable, match=r"no answer within 3 s"):
            check(P2, url)
        assert time.monotonic() - started < 8


def test_cli_reports_an_unreachable_server_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(P2 + "\n", encoding="utf-8")
    url = f"http://127.0.0.1:{closed_port()}"
    result = CliRunner().invoke(app, ["check", "--isolated", "--grammar", "languagetool", "--languagetool-server", url, "a.txt"])
    assert result.exit_code == 2
    assert result.stderr == f"artlint: error: grammar.languagetool-server: no LanguageTool server at {url}/ (cannot connect); start it or fix the setting\n"


def test_cli_checks_with_a_languagetool_server(server: FakeLanguageTool, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "artlint.toml").write_text('select = ["GR"]\n[grammar]\nlanguage = "en-US"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(DOCUMENT + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--grammar", "languagetool", "--languagetool-server", server.url, "a.txt"])
    assert result.exit_code == 1
    assert [line.split(" [")[0] for line in result.stdout.splitlines() if line.startswith("a.txt:")] == [
        "a.txt:3:11: GR001", "a.txt:5:34: GR001"]


def test_a_server_that_stops_answers_one_error_per_file(server: FakeLanguageTool) -> None:
    assert "GR001" in {f.code for f in check(P3, server.url)}
    server.shutdown()
    server.server_close()
    findings = check(DOCUMENT, server.url)
    errors = [f for f in findings if f.code == "AL900"]
    assert len(errors) == 1 and not any(f.code.startswith("GR") for f in findings)
    assert f"LanguageTool at {server.url}/ failed to check a text (cannot connect)" in errors[0].message


def test_no_server_and_no_path_names_both_settings() -> None:
    with pytest.raises(GrammarUnavailable, match=r"needs a server URL \(--languagetool-server .* or an unpacked LanguageTool folder \(--languagetool-path"):
        checker_for(GrammarSettings("languagetool", None, None, "en"), {"spelling"}, Lexicons())


def test_path_without_languagetool_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GrammarUnavailable, match=r"^grammar.languagetool-path: .* has no languagetool-server.jar"):
        checker_for(GrammarSettings("languagetool", tmp_path, None, "en"), {"spelling"}, Lexicons())


def test_missing_java_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "languagetool-server.jar").write_bytes(b"")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(GrammarUnavailable, match=r"^grammar.languagetool-path: LanguageTool needs Java"):
        checker_for(GrammarSettings("languagetool", tmp_path, None, "en-GB"), {"spelling"}, Lexicons())


def test_a_folder_of_maven_jars_is_a_class_path(tmp_path: Path) -> None:
    assert class_path(tmp_path) is None
    (tmp_path / "languagetool-server-6.8.jar").write_bytes(b"")
    assert class_path(tmp_path) == str(tmp_path / "*")
    (tmp_path / "languagetool-server.jar").write_bytes(b"")
    assert class_path(tmp_path) == str(tmp_path / "languagetool-server.jar")


@pytest.mark.slow
def test_a_local_installation_is_started_once_and_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install = tmp_path / "LanguageTool"
    install.mkdir()
    (install / "languagetool-server.jar").write_bytes(b"")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    java = bin_dir / "java"  # runs the stand-in server with the arguments given to Java
    java.write_text(f"#!/bin/sh\nexec {sys.executable} {Path(__file__).with_name('fake_languagetool.py')} \"$@\"\n")
    java.chmod(java.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(bin_dir))
    settings = GrammarSettings("languagetool", install, None, "en-US")
    checker = checker_for(settings, {"spelling", "grammar"}, Lexicons())
    issues = checker.backend.check([EMOJI])
    assert [(i.start, i.end, i.category) for i in issues[0]] == [(22, 24, "grammar"), (46, 54, "spelling")]


@pytest.mark.parametrize(
    ("url", "expected"),
    [("http://localhost:8081", "http://localhost:8081/"), ("localhost:8081/v2/", "http://localhost:8081/"),
     ("https://lt.example.org/api", "https://lt.example.org/api/")],
)
def test_base_url(url: str, expected: str) -> None:
    assert base_url(url) == expected


def test_utf16_offsets() -> None:
    text = "a\U0001F600b\U0001F600c"
    utf16 = Utf16(text)
    assert [utf16.to_utf16(i) for i in range(6)] == [0, 1, 3, 4, 6, 7]
    assert [utf16.to_code_points(i) for i in (0, 1, 3, 4, 6, 7)] == [0, 1, 2, 3, 4, 5]
