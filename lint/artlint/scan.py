"""``artlint scan``: check a corpus of articles in JSON Lines, streaming in and out.

Each input line is one article, ``{"id": ..., "text": ..., "format": "html"}`` (``format`` is
``text``, ``markdown`` or ``html``, default ``text`` or ``--input-format``; ``id`` defaults to
the line number). Each output line is one finding: ``{"id": ..., <the fields of a finding in
the json report, without "path">}``; a line that is not such an article gives
``{"id": ..., "input_line": N, "error": "..."}`` and the scan goes on.

Lines are read in chunks and checked by ``ordered_map`` (in-process, by a process pool, or
on a Dask cluster); at most a few chunks per worker are in memory at once.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Self

from artlint.cache import finding_record
from artlint.config import Settings
from artlint.errors import ArtlintError
from artlint.markup import KINDS
from artlint.model import Severity
from artlint.parallel import IN_FLIGHT_PER_WORKER, RunnerSpec, Submitter, connect, ordered_map, pool_map, runner_for
from artlint.reporters.summary import plural
from artlint.runner import STDIN, Runner
from artlint.sites import site_of
from artlint.source import too_large

CHUNK_LINES = 64
CHUNK_BYTES = 1_000_000
MAX_ID_CHARACTERS = 10_000
"""A longer string id is an error row: it is repeated on every finding row of its article."""
MAX_LINE_BYTES = 64_000_000
"""A longer input line is skipped unread with an error row (an article's text is also held to
``max-file-size`` once decoded)."""
TOO_LONG = b""
"""What ``read_chunks`` passes for a line over ``MAX_LINE_BYTES`` (a blank line is never passed)."""


@dataclass(frozen=True)
class ScanChunk:
    """Consecutive input lines as ``(line number, bytes)``; ``position`` is the byte offset after them."""

    spec: RunnerSpec
    lines: list[tuple[int, bytes]]
    position: int


@dataclass
class ChunkResult:
    """Output lines of a chunk, and what the summary counts."""

    output: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    articles: int = 0
    by_severity: Counter[Severity] = field(default_factory=Counter)
    position: int = 0


def scan_spec(spec: RunnerSpec, runner: Runner) -> RunnerSpec:
    """``spec`` with the configuration found from the working directory named explicitly,
    so that workers on other machines or in other folders use the same one."""
    if spec.overrides.config_file is not None or spec.overrides.isolated:
        return spec
    source = runner.resolver.for_directory(Path.cwd()).source
    overrides = spec.overrides._replace(config_file=source) if source else spec.overrides._replace(isolated=True)
    return spec._replace(overrides=overrides)


def read_chunks(stream: IO[bytes], spec: RunnerSpec) -> Iterator[ScanChunk]:
    """Non-blank lines of ``stream`` in chunks of at most ``CHUNK_LINES`` lines or about ``CHUNK_BYTES``."""
    lines: list[tuple[int, bytes]] = []
    size = position = 0
    for number, raw in enumerate(iter(lambda: stream.readline(MAX_LINE_BYTES + 1), b""), start=1):
        position += len(raw)
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            position += _skip_line(stream)
            lines.append((number, TOO_LONG))
        elif raw.strip():
            lines.append((number, raw))
            size += len(raw)
        if len(lines) >= CHUNK_LINES or size >= CHUNK_BYTES:
            yield ScanChunk(spec, lines, position)
            lines, size = [], 0
    if lines:
        yield ScanChunk(spec, lines, position)


def _skip_line(stream: IO[bytes]) -> int:
    """Read ``stream`` to the end of the current line, a block at a time; the bytes skipped."""
    skipped = 0
    while block := stream.readline(1 << 20):
        skipped += len(block)
        if block.endswith(b"\n"):
            break
    return skipped


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def check_chunk(chunk: ScanChunk) -> ChunkResult:
    """Check every article of ``chunk`` with this worker's runner for its spec."""
    runner = runner_for(chunk.spec)
    settings = runner.resolver.for_directory(Path.cwd())
    result = ChunkResult(position=chunk.position)
    for number, raw in chunk.lines:
        try:
            if raw is TOO_LONG:
                raise ValueError(f"line longer than {MAX_LINE_BYTES // 1_000_000} MB")
            record = json.loads(raw, parse_constant=_no_constant)
        except ValueError as exc:  # also invalid UTF-8, and numbers too long to convert
            rows = [_error_row(None, f"invalid JSON: {exc}")]
        except RecursionError:
            rows = [_error_row(None, "invalid JSON: nested too deeply")]
        else:
            rows = article_rows(runner, settings, record, default_id=number)
        if rows and "error" in rows[0]:
            rows[0]["input_line"] = number
            result.problems.append(f"line {number}: {rows[0]['error']}")
        else:
            result.articles += 1
            result.by_severity.update(Severity[row["severity"].upper()] for row in rows)
        result.output.extend(json.dumps(row, ensure_ascii=False) for row in rows)
    return result


def article_rows(runner: Runner, settings: Settings, record: object, *, default_id: Any = None) -> list[dict[str, Any]]:
    """The output rows of one article record: its findings, or one error row."""
    if not isinstance(record, Mapping):
        return [_error_row(None, f"expected a JSON object, got {type(record).__name__}")]
    article_id = record.get("id", default_id)
    text = record.get("text")
    kind = record.get("format", runner.kind or "text")
    if not (article_id is None or isinstance(article_id, str | int) and not isinstance(article_id, bool)):
        return [_error_row(None, f'"id" must be a string or an integer, got {type(article_id).__name__}')]
    if isinstance(article_id, str) and (problem := _id_problem(article_id)):
        return [_error_row(None, f'"id" {problem}')]
    if not isinstance(text, str):
        return [_error_row(article_id, 'missing "text" (a string)')]
    if not isinstance(kind, str) or kind not in KINDS:
        return [_error_row(article_id, f"unknown format {kind!r} (expected one of: {', '.join(KINDS)})")]
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return [_error_row(article_id, f"text is not valid Unicode: {exc.reason}")]
    if len(data) > settings.max_file_size:
        return [_error_row(article_id, too_large(len(data), settings.max_file_size))]
    result = runner.check_bytes(data, str(article_id), settings, kind, site_of(record))
    if result.error is not None:
        return [_error_row(article_id, result.error)]
    return [{"id": article_id, **finding_record(f)} for f in result.findings]


def _id_problem(article_id: str) -> str | None:
    """Why a string id cannot be echoed on every finding row, if it cannot."""
    if len(article_id) > MAX_ID_CHARACTERS:
        return f"is longer than {MAX_ID_CHARACTERS:,} characters"
    try:
        article_id.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate (JSON allows "\ud800"): the output could not be written
        return f"is not valid Unicode: {exc.reason}"
    return None


def _error_row(article_id: Any, message: str) -> dict[str, Any]:
    return {"id": article_id, "error": message}


def check_chunks(chunks: Iterable[ScanChunk], *, jobs: int, executor: Submitter | None = None,
                 workers: int = 1) -> Iterator[ChunkResult]:
    """Results of ``chunks`` in order: on ``executor`` (``workers`` slots), a process pool, or here."""
    if executor is not None:
        return ordered_map(executor, check_chunk, chunks, workers * IN_FLIGHT_PER_WORKER)
    if jobs > 1:
        return pool_map(jobs, check_chunk, chunks)
    return map(check_chunk, chunks)


@dataclass
class Totals:
    """What the end-of-scan summary reports."""

    articles: int = 0
    bad: int = 0
    by_severity: Counter[Severity] = field(default_factory=Counter)
    started: float = field(default_factory=time.perf_counter)

    def add(self, result: ChunkResult) -> None:
        self.articles += result.articles
        self.bad += len(result.problems)
        self.by_severity.update(result.by_severity)

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    def summary(self) -> str:
        """One line: articles, time, rate, findings by severity, bad lines."""
        elapsed = time.perf_counter() - self.started
        rate = self.articles / elapsed if elapsed > 0 else 0.0
        levels = ", ".join(plural(n, s.label) if s is not Severity.INFO else f"{n} info"
                           for s, n in sorted(self.by_severity.items(), reverse=True))
        found = plural(self.findings, "finding") + (f" ({levels})" if levels else "")
        bad = f"; {plural(self.bad, 'bad line')}" if self.bad else ""
        return f"Scanned {plural(self.articles, 'article')} in {elapsed:.1f} s ({rate:.1f} articles/s): {found}{bad}."


def scan_corpus(source: str, spec: RunnerSpec, out: IO[str], *, jobs: int, scheduler: str | None = None,
                progress: bool = False, warn: Callable[[str], None]) -> Totals:
    """Check the JSON Lines corpus ``source`` (``-``: standard input), writing rows to ``out``.

    Chunks run on the Dask cluster at ``scheduler``, else on ``jobs`` processes. Each bad line
    is also passed to ``warn``; ``progress`` shows a progress bar on standard error.
    """
    totals = Totals()
    with ExitStack() as stack:
        stream = sys.stdin.buffer if source == STDIN else stack.enter_context(_open(source))
        size = None if source == STDIN else os.fstat(stream.fileno()).st_size
        chunks = read_chunks(stream, spec)
        if scheduler is not None:
            executor, workers = stack.enter_context(connect(scheduler))
            results = check_chunks(chunks, jobs=1, executor=executor, workers=workers)
        else:
            results = check_chunks(chunks, jobs=jobs)
        bar = stack.enter_context(ProgressBar(size)) if progress else None
        for result in results:
            out.writelines(line + "\n" for line in result.output)
            totals.add(result)
            for problem in result.problems:
                (bar.print if bar else warn)(f"{source}: {problem}")
            if bar:
                bar.update(result.position, totals.articles)
    return totals


def _open(source: str) -> IO[bytes]:
    try:
        return open(source, "rb")
    except OSError as exc:
        raise ArtlintError(f"cannot read {source}: {exc.strerror or exc}") from None


class ProgressBar:
    """A progress bar on standard error: bytes read of ``total`` (unknown for a pipe), articles, rate, ETA."""

    def __init__(self, total: int | None) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("scanning"), BarColumn(), TaskProgressColumn(),
            TextColumn("{task.fields[articles]} articles, {task.fields[rate]:.1f}/s"),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=Console(stderr=True), transient=True,
        )
        self._task = self._progress.add_task("scan", total=total, articles=0, rate=0.0)

    def __enter__(self) -> Self:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def update(self, position: int, articles: int) -> None:
        elapsed = self._progress.tasks[0].elapsed or 0.0
        rate = articles / elapsed if elapsed > 0 else 0.0
        self._progress.update(self._task, completed=position, articles=articles, rate=rate)

    def print(self, message: str) -> None:
        """Print ``message`` above the bar."""
        self._progress.console.print(message, markup=False, highlight=False)
