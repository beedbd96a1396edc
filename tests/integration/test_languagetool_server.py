"""The LanguageTool back end against a real LanguageTool server (127.0.0.1 only).

``.ci/run`` starts one with ``scripts/languagetool.sh`` and sets ``ARTLINT_TEST_LANGUAGETOOL``
(its URL) and ``ARTLINT_TEST_LANGUAGETOOL_JARS`` (the folder of its jars); without them these
tests are skipped, with the reason. Every GR finding is compared with a direct request to the
same server: the source text under the finding must be exactly the text LanguageTool flagged
(LanguageTool counts UTF-16 code units, artlint code points).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
import requests

from artlint.backends import checker_for
from artlint.backends.languagetool import SEPARATOR, LanguageToolBackend, utf16_length
from artlint.config import GrammarSettings, Overrides
from artlint.lexicon import Lexicons
from artlint.markup import parse
from artlint.model import Finding
from artlint.runner import Runner
from artlint.source import SourceText

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_86da29c17ddbe20d.txt"
RULE = re.compile(r"\(languagetool:([\w.-]+)\)$")
LANGUAGE = "en-US"  # LanguageTool's "en" has no spell checker; en-US flags more, so more spans are compared


def _missing() -> str:
    tools = [name for name in ("java", "mvn") if shutil.which(name) is None]
    here = f"{' and '.join(tools)} not installed here" if tools else "Java and Maven are installed here"
    return f"(.ci/run starts one with scripts/languagetool.sh where Java and Maven are installed; {here})"


@pytest.fixture(scope="module")
def url() -> str:
    value = os.environ.get("ARTLINT_TEST_LANGUAGETOOL")
    if not value:
        pytest.skip(f"no LanguageTool server: ARTLINT_TEST_LANGUAGETOOL is not set {_missing()}")
    return value.rstrip("/")


@pytest.fixture(scope="module")
def jars() -> Path:
    value = os.environ.get("ARTLINT_TEST_LANGUAGETOOL_JARS")
    if not value:
        pytest.skip(f"no LanguageTool jars: ARTLINT_TEST_LANGUAGETOOL_JARS is not set {_missing()}")
    return Path(value)


class Relay(ThreadingHTTPServer):
    """Forwards requests to a LanguageTool server and records the texts sent to /v2/check."""

    daemon_threads = True

    def __init__(self, target: str) -> None:
        super().__init__(("127.0.0.1", 0), _RelayHandler)
        self.target = target
        self.checked: list[str] = []
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def stop(self) -> None:
        """Stop answering: later connections are refused, as when the server process ends."""
        self.shutdown()
        self.server_close()


class _RelayHandler(BaseHTTPRequestHandler):
    server: Relay

    def do_GET(self) -> None:
        self._send(requests.get(self.server.target + self.path, timeout=60))

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path.startswith("/v2/check"):
            self.server.checked.append(parse_qs(body.decode("utf-8"))["text"][0])
        headers = {"Content-Type": self.headers.get("Content-Type", "application/x-www-form-urlencoded")}
        self._send(requests.post(self.server.target + self.path, data=body, headers=headers, timeout=60))

    def _send(self, response: requests.Response) -> None:
        self.send_response(response.status_code)
        self.send_header("Content-Type", response.headers.get("Content-Type", "application/json"))
        self.send_header("Content-Length", str(len(response.content)))
        self.end_headers()
        self.wfile.write(response.content)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


@pytest.fixture
def relay(url: str) -> Iterator[Relay]:
    server = Relay(url)
    yield server
    if server.socket.fileno() != -1:
        server.stop()


def runner_for(url: str) -> Runner:
    return Runner(Overrides(isolated=True, grammar_backend="languagetool", languagetool_server=url,
                            extend_select=["GR"]))


def check(text: str, url: str, kind: str = "text", max_findings_per_rule: int | None = None) -> list[Finding]:
    runner = runner_for(url)
    settings = runner.resolver.for_directory(Path.cwd())
    settings = replace(settings, grammar=settings.grammar._replace(language=LANGUAGE))
    if max_findings_per_rule is not None:
        settings = replace(settings, max_findings_per_rule=max_findings_per_rule)
    return runner.check_text(text, kind=kind, settings=settings)


def backend(url: str) -> LanguageToolBackend:
    """The back end artlint uses for ``url`` with every GR category selected."""
    settings = GrammarSettings("languagetool", None, url, LANGUAGE)
    found = checker_for(settings, {"spelling", "grammar", "word-choice", "punctuation", "capitalization", "style"},
                        Lexicons()).backend
    assert isinstance(found, LanguageToolBackend)
    return found


def flagged(url: str, text: str) -> Counter[tuple[str, str]]:
    """(rule, flagged text) of each match of a direct request, with artlint's rule selection."""
    checker = backend(url)
    tool = checker.tool
    data = {"language": LANGUAGE, "text": text, "disabledRules": ",".join(sorted(tool.disabled_rules))}
    if tool.disabled_categories:
        data["disabledCategories"] = ",".join(sorted(tool.disabled_categories))
    response = requests.post(url + "/v2/check", data=data, timeout=60)
    response.raise_for_status()
    units = text.encode("utf-16-le")
    return Counter(
        (m["rule"]["id"], units[2 * m["offset"] : 2 * (m["offset"] + m["length"])].decode("utf-16-le"))
        for m in response.json()["matches"] if not (checker.ignored and checker.ignored.match(m["rule"]["id"])))


def reported(findings: list[Finding]) -> Counter[tuple[str, str]]:
    """(rule, source text under the finding) of each GR finding."""
    found: Counter[tuple[str, str]] = Counter()
    for finding in findings:
        if finding.code.startswith("GR"):
            rule = RULE.search(finding.message)
            assert rule, finding.message
            found[rule.group(1), finding.excerpt] += 1
    return found


def request_text(text: str, kind: str) -> str:
    """The text artlint sends for a document that fits one request: its blocks, joined."""
    blocks = [block.text for block in parse(SourceText(text), kind).blocks if block.text.strip()]
    return SEPARATOR.join(blocks)


DOCUMENTS = {
    "emoji": ("text", ("The \U0001F600 team recieved teh trophy on Monday.\n"
                      "\U0001F4C8\U0001F4C8 Prices was higher than a analyst expected, she said \U0001F3C6.\n")),
    "astral": ("text", ("The \U0001D49C\U0001D4B7 committee have recieved a apple from \U00020BB7 village.\n"
                       "Its \U0001F1EC\U0001F1E7 flag were raised befor noon.\n")),
    "combining": ("text", ("The cafe\u0301 owner recieved a award. Zoe\u0308 said teh menu was new.\n"
                          "A n\u0303andu\u0301 were seen near the re\u0301sume\u0301 office, he sayed.\n")),
    "crlf": ("text", ("The mayor recieved the report.\r\nShe go to the council every monday.\r\n"
                     "\U0001F600 Teh vote is on Tuesday.\r\n")),
    "markdown": ("markdown", ("# The mayor recieved a award\n\nThe *council* have **recieved** teh report "
                             "\U0001F600 on [Monday](https://example.com/a).\n\n- a item in teh list\n"
                             "- She go home \U0001F3C6 early\n\n`teh code` is not checked.\n")),
    "html": ("html", ("<html><body><h1>The mayor recieved a award</h1><p>The <b>council</b> have recieved "
                     "teh report &amp; \U0001F600 smiled.</p><p>She go home &mdash; \U0001F4C8 early.</p>"
                     "<script>var teh = 1;</script></body></html>")),
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_span_is_the_text_languagetool_flagged(url: str, name: str) -> None:
    kind, text = DOCUMENTS[name]
    findings = check(text, url, kind)
    expected = flagged(url, request_text(text, kind))
    assert sum(expected.values()) >= 3  # the document has errors LanguageTool finds
    assert reported(findings) == expected


def test_the_sample_article(url: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    findings = check(text, url)
    expected = flagged(url, request_text(text, "text"))
    assert expected
    assert reported(findings) == expected


def test_a_document_larger_than_one_request(url: str, relay: Relay) -> None:
    lines = [f"Item {n} \U0001F600: the mayor recieved teh report on day {n}, \U0001F4C8 officials said."
             for n in range(400)]
    text = "\n".join(lines) + "\n"
    # 800 slips: over the default cap of findings per rule and document, which this test is not about
    findings = [f for f in check(text, relay.url, max_findings_per_rule=1000) if f.code == "GR001"]
    limit = int(Lexicons().table("grammar-languagetool")["request"]["max-characters"])
    assert len(relay.checked) > 1
    assert all(utf16_length(sent) <= limit for sent in relay.checked)
    starts = [sum(len(line) + 1 for line in lines[:n]) for n in range(len(lines))]
    expected = sorted(
        (start + line.index(word), start + line.index(word) + len(word), word)
        for start, line in zip(starts, lines) for word in ("recieved", "teh"))
    assert sorted((f.start, f.end, f.excerpt) for f in findings) == expected


def test_a_server_that_stops_mid_run(relay: Relay, tmp_path: Path) -> None:
    texts = {name: f"The mayor  recieved the report {name}.\n" for name in ("a", "b", "c")}
    runner = runner_for(relay.url)
    settings = runner.resolver.for_directory(tmp_path)
    settings = replace(settings, grammar=settings.grammar._replace(language=LANGUAGE))
    first = runner.check_text(texts["a"], path="a.txt", settings=settings)
    relay.stop()
    later = [runner.check_text(texts[name], path=f"{name}.txt", settings=settings) for name in ("b", "c")]
    assert {f.code for f in first} >= {"GR001", "TY001"} and "AL900" not in {f.code for f in first}
    for findings in later:
        codes = [f.code for f in findings]
        assert "TY001" in codes and not any(code.startswith("GR") for code in codes)  # the other rules ran
        errors = [f for f in findings if f.code == "AL900"]
        assert len(errors) == 1
        assert f"LanguageTool at {relay.url}/ failed to check a text (cannot connect); this file's GR findings " \
               "are missing" in errors[0].message


def _servers(jars: Path) -> set[int]:
    """Process ids of LanguageTool servers running from ``jars``."""
    found = set()
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"org.languagetool.server.HTTPServer" in command and any(str(jars).encode() in part for part in command):
            found.add(int(proc.name))
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="lists processes through /proc (Linux)")
def test_languagetool_path_at_the_fetched_jars(jars: Path, tmp_path: Path) -> None:
    folder = tmp_path / "languagetool"  # a path of this test's own, to tell its server from others
    folder.symlink_to(jars, target_is_directory=True)
    (tmp_path / "artlint.toml").write_text(
        f'select = ["GR"]\n[grammar]\nbackend = "languagetool"\nlanguage = "{LANGUAGE}"\n'
        f'languagetool-path = "{folder}"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("The \U0001F600 mayor recieved the report.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("She said *teh* vote was on Monday.\n", encoding="utf-8")
    run = subprocess.Popen([sys.executable, "-m", "artlint.cli", "check", "--trust-config", "a.txt", "b.md"], cwd=tmp_path,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    started = set()
    while run.poll() is None:  # until artlint exits (bounded by its start-up and check timeouts)
        started |= _servers(folder)
        time.sleep(0.2)
    stdout, stderr = run.communicate()
    assert run.returncode == 1, stderr
    assert [line.split(" [")[0] for line in stdout.splitlines() if ": GR" in line] == [
        "a.txt:1:13: GR001", "b.md:1:11: GR001"]
    assert len(started) == 1 and not _servers(folder)  # artlint started one server, and it is gone with it
