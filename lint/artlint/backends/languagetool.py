"""The LanguageTool back end, through language-tool-python, on a server the user provides.

Either ``grammar.languagetool-server`` (a URL: a local or company server) or
``grammar.languagetool-path`` (an unpacked LanguageTool folder, or a folder of its Maven jars
as ``scripts/languagetool.sh fetch`` makes; artlint starts its HTTP server with the ``java`` on
PATH, once per process, on a free port of 127.0.0.1, and stops it at exit). artlint never
downloads LanguageTool: language-tool-python only talks to the server as a client. Every
problem (no Java, no installation, no answer) is a one-line ``GrammarUnavailable`` naming the
setting, raised within the connect timeout.

Which LanguageTool rules and categories run, and the artlint category of each, are data in
``rules/lexicons/grammar-languagetool.toml``; a disabled id with ``*`` is a pattern, applied
to the matches the server returns.

A document goes to the server in as few requests as its size allows: blocks are joined with
blank lines into texts of at most ``max-characters``, split at paragraph boundaries (and a
longer paragraph at sentence boundaries). LanguageTool counts offsets in UTF-16 code units;
they are mapped back to code points, so spans stay exact after emoji.
"""

from __future__ import annotations

import atexit
import bisect
import fnmatch
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import requests

from artlint.backends import GrammarUnavailable, Issue
from artlint.config import GrammarSettings
from artlint.model import Edit
from artlint.segment import split_sentences

SEPARATOR = "\n\n"
JARS = ("languagetool-server.jar", "languagetool.jar")
MAVEN_JAR = "languagetool-server-*.jar"


class Utf16:
    """Converts between code-point and UTF-16 offsets of one text."""

    def __init__(self, text: str) -> None:
        wide = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._wide = wide
        self._wide16 = [cp + n for n, cp in enumerate(wide)]

    def to_utf16(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._wide, offset)

    def to_code_points(self, offset: int) -> int:
        return offset - bisect.bisect_left(self._wide16, offset)


class LanguageToolBackend:
    """Checks blocks with a LanguageTool server, batching each document's blocks."""

    def __init__(self, settings: GrammarSettings, categories: Collection[str], table: Mapping[str, Any]) -> None:
        languages: Mapping[str, str] = table["languages"]
        self.language = languages.get(settings.language, settings.language)
        self.categories = frozenset(categories)
        self.category_of: Mapping[str, str] = table["categories"]
        request = table["request"]
        self.max_chars = int(request["max-characters"])
        self.timeout = float(request["connect-timeout"])
        self.check_timeout = float(request["check-timeout"])
        if settings.languagetool_server:
            url, setting = settings.languagetool_server, "grammar.languagetool-server"
        elif settings.languagetool_path:
            url, setting = start_server(settings.languagetool_path, float(request["startup-timeout"])), \
                "grammar.languagetool-path"
        else:
            raise GrammarUnavailable(
                'grammar.backend: "languagetool" needs a server URL (--languagetool-server or '
                "ARTLINT_LANGUAGETOOL_SERVER) or an unpacked LanguageTool folder (--languagetool-path or "
                "ARTLINT_LANGUAGETOOL_PATH); a configuration file may set them only with --trust-config; "
                "artlint never downloads LanguageTool")
        self.url = base_url(url)
        self.tool = connect(self.url, self.language, setting, self.timeout, self.check_timeout)
        disabled: Collection[str] = table["disabled"]
        self.tool.disabled_rules = {rule for rule in disabled if "*" not in rule}
        patterns = [fnmatch.translate(rule) for rule in disabled if "*" in rule]
        self.ignored = re.compile("|".join(patterns)) if patterns else None
        self.tool.disabled_categories = set(table["disabled-categories"]) | {
            c for c, mine in self.category_of.items() if mine not in self.categories}

    def check(self, texts: Sequence[str]) -> list[list[Issue]]:
        found: list[list[Issue]] = [[] for _ in texts]
        for pieces in self._requests(texts):
            request = SEPARATOR.join(texts[index][start:end] for index, start, end in pieces)
            starts, at = [], 0
            for _, start, end in pieces:
                starts.append(at)
                at += end - start + len(SEPARATOR)
            utf16 = Utf16(request)
            for match in self._matches(request):
                if self.ignored and self.ignored.match(match.rule_id):
                    continue
                begin = match.offset
                finish = utf16.to_code_points(utf16.to_utf16(begin) + match.error_length)
                piece = bisect.bisect_right(starts, begin) - 1
                index, piece_start, _ = pieces[piece]
                shift = piece_start - starts[piece]
                found[index].append(self._issue(match, begin, finish).shifted(shift))
        return found

    def _matches(self, text: str) -> list[Any]:
        from language_tool_python.exceptions import LanguageToolError

        try:
            return list(self.tool.check(text))
        except LanguageToolError as exc:
            cause = exc.__cause__
            reason = _failure(cause, self.check_timeout) if isinstance(cause, requests.RequestException) else \
                (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise GrammarUnavailable(
                f"LanguageTool at {self.url} failed to check a text ({reason}); this file's GR findings "
                "are missing") from None

    def _issue(self, match: Any, start: int, end: int) -> Issue:
        category = self.category_of.get(match.category, "grammar")
        edits = tuple(Edit(start, end, value) for value in match.replacements[:3])
        return Issue(start, end, category, f"languagetool:{match.rule_id}", match.message, edits)

    def _requests(self, texts: Sequence[str]) -> Iterator[list[tuple[int, int, int]]]:
        """Pieces (text index, start, end) grouped into requests of at most ``max_chars`` UTF-16 units."""
        batch: list[tuple[int, int, int]] = []
        size = 0
        for piece in self._pieces(texts):
            length = utf16_length(texts[piece[0]][piece[1] : piece[2]]) + len(SEPARATOR)
            if batch and size + length > self.max_chars:
                yield batch
                batch, size = [], 0
            batch.append(piece)
            size += length
        if batch:
            yield batch

    def _pieces(self, texts: Sequence[str]) -> Iterator[tuple[int, int, int]]:
        """Each non-blank text whole, or cut at sentence ends (else anywhere) when too long."""
        limit = self.max_chars - len(SEPARATOR)
        for index, text in enumerate(texts):
            start = 0
            while text.strip() and start < len(text):
                end = _cut(text, start, limit)
                yield index, start, end
                start = end


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece starting at ``start`` ends: the text's end if within ``limit``, else the
    last sentence end before the limit, else the limit itself."""
    window = text[start : start + limit]
    if start + limit >= len(text):
        return len(text)
    ends = [end for _, end in split_sentences(window)[:-1]]
    return start + (ends[-1] if ends else limit)


def utf16_length(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, as LanguageTool counts it."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def base_url(url: str) -> str:
    """The server's base URL with a trailing slash (an explicit ``/v2`` removed)."""
    url = url.strip().rstrip("/")
    url = url.removesuffix("/v2")
    if "://" not in url:
        url = "http://" + url
    return url + "/"


def probe(url: str, setting: str, timeout: float) -> None:
    """Check that a LanguageTool server answers ``/v2/languages`` at ``url`` within ``timeout``."""
    try:
        response = requests.get(url + "v2/languages", timeout=(timeout, timeout))
        response.raise_for_status()
        response.json()
    except (requests.RequestException, ValueError) as exc:
        raise GrammarUnavailable(
            f"{setting}: no LanguageTool server at {url} ({_failure(exc, timeout)}); start it or fix the setting") from None


def _failure(exc: BaseException, timeout: float) -> str:
    """Why a request to LanguageTool failed, in a few words."""
    if isinstance(exc, requests.Timeout):
        return f"no answer within {timeout:g} s"
    if isinstance(exc, requests.ConnectionError):
        return "cannot connect"
    if isinstance(exc, requests.HTTPError):
        return f"HTTP {exc.response.status_code}" if exc.response is not None else "HTTP error"
    return "the answer is not LanguageTool's"


def connect(url: str, language: str, setting: str, timeout: float, check_timeout: float) -> Any:
    """A language-tool-python client for the server at ``url`` (never a local download)."""
    probe(url, setting, timeout)
    from language_tool_python import LanguageTool

    class Client(LanguageTool):
        _TIMEOUT = check_timeout  # type: ignore[assignment]  # one bound for every request

    try:
        return Client(language, remote_server=url)
    except ValueError:
        raise GrammarUnavailable(f"grammar.language: the LanguageTool server at {url} does not check {language!r}") from None


def start_server(folder: Path, startup_timeout: float) -> str:
    """Start LanguageTool's HTTP server from ``folder`` on a free local port; return its URL."""
    classpath = class_path(folder)
    if classpath is None:
        raise GrammarUnavailable(
            f"grammar.languagetool-path: {folder} has no {' or '.join(JARS)} nor {MAVEN_JAR}; point it at an "
            "unpacked LanguageTool folder (artlint never downloads LanguageTool)")
    java = shutil.which("java")
    if java is None:
        raise GrammarUnavailable(
            "grammar.languagetool-path: LanguageTool needs Java 17 or later and no `java` is on PATH; "
            "install Java or use grammar.languagetool-server")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [java, "-cp", classpath, "org.languagetool.server.HTTPServer", "--port", str(port)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    atexit.register(_stop, process)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + startup_timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise GrammarUnavailable(
                f"grammar.languagetool-path: the LanguageTool server in {folder} exited with status "
                f"{process.returncode}; run `java -cp '{classpath}' org.languagetool.server.HTTPServer` to see why")
        try:
            probe(url, "grammar.languagetool-path", 1.0)
            return url
        except GrammarUnavailable:
            time.sleep(0.2)
    _stop(process)
    raise GrammarUnavailable(
        f"grammar.languagetool-path: the LanguageTool server in {folder} did not answer within {startup_timeout:g} s")


def class_path(folder: Path) -> str | None:
    """Java's class path for the LanguageTool in ``folder``: the server jar of an unpacked
    release (its manifest names the other jars), or every jar of a folder of LanguageTool's
    Maven jars; None when ``folder`` holds neither."""
    jar = next((folder / name for name in JARS if (folder / name).is_file()), None)
    if jar is not None:
        return str(jar)
    return str(folder / "*") if any(folder.glob(MAVEN_JAR)) else None


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
