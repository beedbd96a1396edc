"""Checking many inputs in parallel processes, with results in input order.

Each worker process builds one ``Runner`` (rules, lexicons and configuration loaded once)
the first time it gets work, then checks chunks of inputs. ``ordered_map`` keeps a bounded
number of chunks in flight and yields their results in submission order, so output is
deterministic and memory stays bounded; it works with any executor whose ``submit`` returns
a future, a ``concurrent.futures`` pool or a ``dask.distributed.Client``.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar

from artlint import __version__
from artlint.config import Overrides
from artlint.errors import ArtlintError
from artlint.model import FileResult, RuleInfo, RunResult
from artlint.runner import STDIN, Input, Runner, collect

if TYPE_CHECKING:  # the pool machinery is imported only when a run uses workers
    from concurrent.futures import Future, ProcessPoolExecutor

FILES_PER_WORKER = 8
"""A worker costs about as much to start as checking a few files: fewer files per worker run serially."""
MAX_CHUNK = 16
CHUNKS_PER_WORKER = 8
IN_FLIGHT_PER_WORKER = 2

T = TypeVar("T")
R = TypeVar("R")


class Submitter(Protocol):
    """What ``ordered_map`` needs of an executor."""

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Any: ...


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class RunnerSpec(NamedTuple):
    """How to build a ``Runner`` in another process: command-line overrides, input format, cache
    (``cache_read`` False: results are stored but never read, as ``--fix`` needs)."""

    overrides: Overrides = Overrides()
    kind: str | None = None
    cache_dir: Path | None = None
    cache_read: bool = True

    def build(self) -> Runner:
        if self.cache_dir is None:
            return Runner(self.overrides, kind=self.kind)
        from artlint.cache import CachedRunner, ResultCache  # only runs that use the cache pay for it

        return CachedRunner(self.overrides, kind=self.kind, cache=ResultCache(self.cache_dir, read=self.cache_read))


_local = threading.local()


def runner_for(spec: RunnerSpec) -> Runner:
    """This thread's runner for ``spec``, built on first use (one per worker process or thread)."""
    runners: dict[str, Runner] = _local.__dict__.setdefault("runners", {})
    key = repr(spec)  # Overrides holds lists, so the spec itself is not hashable
    runner = runners.get(key)
    if runner is None:
        runner = runners[key] = spec.build()
    return runner


def ordered_map(executor: Submitter, fn: Callable[[T], R], items: Iterable[T], window: int) -> Iterator[R]:
    """``fn`` over ``items`` on ``executor``, at most ``window`` pending, results in order."""
    pending: deque[Future[R]] = deque()
    for item in items:
        pending.append(executor.submit(fn, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` consecutive items (the last may be shorter)."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes: forked where that is safe (Linux, no other thread), as
    they then start with artlint already imported; else started from a fork server or afresh."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and threading.active_count() == 1:
        method = "fork"
    else:
        method = "forkserver" if "forkserver" in methods else "spawn"
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method))


def pool_map(workers: int, fn: Callable[[T], R], chunks: Iterable[T]) -> Iterator[R]:
    """``ordered_map`` on a process pool that is shut down when the iteration ends."""
    from concurrent.futures.process import BrokenProcessPool

    pool = process_pool(workers)
    try:
        yield from ordered_map(pool, fn, chunks, workers * IN_FLIGHT_PER_WORKER)
    except BrokenProcessPool as exc:
        raise ArtlintError(f"a worker process died ({exc}); run with --jobs 1 to see the cause") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class _FileChunk(NamedTuple):
    """Files one worker checks in one task, with the spec its runner is built from."""

    spec: RunnerSpec
    inputs: list[Input]


def _check_chunk(chunk: _FileChunk) -> tuple[list[FileResult], dict[str, RuleInfo]]:
    runner = runner_for(chunk.spec)
    return [runner.check_file(item) for item in chunk.inputs], runner.rule_infos()


def _pooled(workers: int, spec: RunnerSpec, files: list[Input], rules: dict[str, RuleInfo]) -> Iterator[FileResult]:
    """Results of ``files`` checked by ``workers`` processes, in order; rule metadata goes to ``rules``."""
    size = max(1, min(MAX_CHUNK, len(files) // (workers * CHUNKS_PER_WORKER)))
    for results, infos in pool_map(workers, _check_chunk, (_FileChunk(spec, c) for c in chunked(files, size))):
        rules.update(infos)
        yield from results


def run(runner: Runner, spec: RunnerSpec, paths: Sequence[str], *, jobs: int,
        stdin_filename: str | None = None, progress: Callable[[int, int], None] | None = None) -> RunResult:
    """What ``runner.run(paths)`` returns, with files checked by up to ``jobs`` processes.

    ``runner`` collects the files, answers what its cache holds and checks standard input;
    workers, built from ``spec``, check the rest. Too few files to pay for workers are
    checked in-process. ``progress(done, total)`` is called as files are done.
    """
    started = time.perf_counter()
    groups = [None if name == STDIN else list(collect([name], runner.resolver, follow_links=runner.overrides.follow_links))
              for name in paths]
    files = [item for group in groups if group for item in group]
    stored = [runner.stored(item) for item in files]
    todo = [item for item, result in zip(files, stored) if result is None]
    workers = max(1, min(jobs, len(todo) // FILES_PER_WORKER))
    rules: dict[str, RuleInfo] = {}
    checked = _pooled(workers, spec, todo, rules) if workers > 1 else (runner.check_file(item) for item in todo)
    results = iter([result if result is not None else next(checked) for result in stored])
    ordered: list[FileResult] = []
    total = len(files) + sum(group is None for group in groups)
    for group in groups:
        batch: Iterable[FileResult] = [runner.check_stdin(stdin_filename)] if group is None else (next(results) for _ in group)
        for result in batch:
            ordered.append(result)
            if progress is not None:
                progress(len(ordered), total)
    rules.update(runner.rule_infos())
    return RunResult(ordered, rules, __version__, time.perf_counter() - started)


CONNECT_TIMEOUT_S = 10
"""How long ``connect`` waits for a Dask scheduler."""


class _ClientSubmitter:
    """``Client.submit`` as ``ordered_map`` uses it: every task is new (``pure=False``)."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)


@contextmanager
def connect(address: str) -> Iterator[tuple[Submitter, int]]:
    """A submitter for the cluster at ``address`` and its number of worker threads."""
    try:
        import distributed
    except ImportError:
        raise ArtlintError("--scheduler needs Dask: pip install 'artlint[dask]'") from None
    client_class: Any = distributed.Client  # untyped
    try:
        client = client_class(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ArtlintError(f"cannot connect to the Dask scheduler at {address}: {exc}") from None
    with client:
        yield _ClientSubmitter(client), max(1, sum(client.nthreads().values()))
