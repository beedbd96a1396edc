"""``artlint scan``: JSON Lines in and out, bad lines, standard input, jobs, streaming."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from artlint.cli import app
from artlint.config import Overrides
from artlint.parallel import RunnerSpec
from artlint.scan import CHUNK_LINES, read_chunks

ARTICLES = [
    {"id": "a1", "text": "The council met on Monday.\n", "format": "text"},
    {"id": 2, "text": "Officials said the the plan was ready.\n"},
    {"id": "h3", "text": "<html><body><p>It it rained.</p></body></html>", "format": "html"},
]


def jsonl(records: list[Any]) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def scan(*args: str, input: str | None = None) -> tuple[int, list[dict[str, Any]], str]:
    result = CliRunner().invoke(app, ["scan", *args, "--isolated", "--no-cache"], input=input)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    return result.exit_code, rows, result.stderr


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "corpus.jsonl"
    path.write_text(jsonl(ARTICLES), encoding="utf-8")
    return path


def test_findings_carry_the_article_id_and_exact_spans(corpus: Path) -> None:
    code, rows, err = scan(str(corpus), "--jobs", "1")
    assert code == 1
    assert [(r["id"], r["code"], r["start"], r["end"], r["excerpt"]) for r in rows] == [
        (2, "MT001", 15, 22, "the the"),
        ("h3", "MT001", 15, 20, "It it"),
    ]
    assert "path" not in rows[0]
    assert rows[0]["fix"]["edits"] == [{"start": 18, "end": 22, "replacement": ""}]
    assert err.strip().startswith("Scanned 3 articles in ")
    assert err.strip().endswith(": 2 findings (2 warnings).")


def test_forced_progress_bar_leaves_the_output_alone(corpus: Path) -> None:
    assert scan(str(corpus), "--jobs", "1", "--progress")[:2] == scan(str(corpus), "--jobs", "1")[:2]


def test_output_file(corpus: Path, tmp_path: Path) -> None:
    code, rows, _ = scan(str(corpus), "--jobs", "1", "--output", "found.jsonl")
    assert (code, rows) == (1, [])
    lines = (tmp_path / "found.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [2, "h3"]


def test_bad_lines_are_reported_with_their_line_number_and_the_rest_is_checked(corpus: Path) -> None:
    records: list[Any] = [
        "{not json",
        ["a list"],
        {"id": "no-text"},
        {"id": "pdf", "text": "x", "format": "pdf"},
        "",
        {"text": "No id here here.\n"},
        {"id": "nul", "text": "a\u0000b"},
    ]
    code, rows, err = scan("-", "--jobs", "1", input=jsonl(records))
    assert code == 2
    assert [(r["id"], r.get("input_line"), r.get("error", r.get("code"))) for r in rows] == [
        (None, 1, "invalid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
        (None, 2, "expected a JSON object, got list"),
        ("no-text", 3, 'missing "text" (a string)'),
        ("pdf", 4, "unknown format 'pdf' (expected one of: text, markdown, html)"),
        (6, None, "MT001"),
        ("nul", 7, "binary file (contains NUL bytes); artlint checks text, Markdown and HTML"),
    ]
    messages = [line for line in err.splitlines() if line.startswith("artlint: ")]
    assert [m.split(":")[1:3] for m in messages] == [[" -", " line 1"], [" -", " line 2"], [" -", " line 3"],
                                                    [" -", " line 4"], [" -", " line 7"]]
    assert err.strip().splitlines()[-1].endswith(": 1 finding (1 warning); 5 bad lines.")


def test_standard_input_and_two_jobs_match_one_job(corpus: Path) -> None:
    many = [dict(a, id=f"{n}-{a['id']}") for n in range(CHUNK_LINES) for a in ARTICLES]
    text = jsonl(many)
    code_one, one, _ = scan("-", "--jobs", "1", input=text)
    code_two, two, err = scan("-", "--jobs", "2", input=text)
    assert (code_one, code_two) == (1, 1)
    assert two == one
    assert len(one) == 2 * CHUNK_LINES
    assert [r["id"] for r in one[:4]] == ["0-2", "0-h3", "1-2", "1-h3"]
    assert f"Scanned {3 * CHUNK_LINES} articles" in err


def test_clean_corpus_exits_zero_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, rows, err = scan("-", "--jobs", "1", input=jsonl([ARTICLES[0]]))
    assert (code, rows) == (0, [])
    assert err.strip().endswith(": 0 findings.")


def test_select_and_configuration_apply(corpus: Path, tmp_path: Path) -> None:
    (tmp_path / "artlint.toml").write_text('ignore = ["MT001"]\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["scan", str(corpus), "--jobs", "1", "--no-cache"])
    assert (result.exit_code, result.stdout) == (0, "")


def test_missing_corpus_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = scan("absent.jsonl", "--jobs", "1")
    assert code == 2
    assert err.strip() == "artlint: error: cannot read absent.jsonl: No such file or directory"


def test_scan_uses_the_cache(corpus: Path, tmp_path: Path) -> None:
    args = ["scan", str(corpus), "--jobs", "1", "--isolated", "--cache-dir", "c"]
    first = CliRunner().invoke(app, args)
    assert len(list((tmp_path / "c").glob("v1/*/*.json"))) == 3
    assert CliRunner().invoke(app, args).stdout == first.stdout


class Lines:
    """A stream of ``count`` JSON lines that fails if read past ``limit`` lines."""

    def __init__(self, count: int, limit: int) -> None:
        self.count, self.limit, self.read = count, limit, 0

    def readline(self, size: int = -1) -> bytes:
        if self.read == self.count:
            return b""
        self.read += 1
        assert self.read <= self.limit, "read the whole stream up front"
        return json.dumps({"id": self.read - 1, "text": "x"}).encode() + b"\n"


def test_chunks_are_read_lazily_and_numbered() -> None:
    stream = Lines(count=10 * CHUNK_LINES, limit=CHUNK_LINES)
    first = next(read_chunks(stream, RunnerSpec(Overrides(isolated=True))))  # type: ignore[arg-type]
    assert [n for n, _ in first.lines] == list(range(1, CHUNK_LINES + 1))
    assert first.position == sum(len(raw) for _, raw in first.lines)
    assert stream.read == CHUNK_LINES
