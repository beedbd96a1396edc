"""The progress bar of a long ``artlint check`` on a terminal (rich, on standard error).

It appears only once a run has taken ``DELAY`` seconds, so a quick run prints nothing but its
report, and it is removed when the run ends.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

DELAY = 1.0
"""Seconds a run takes before its progress bar appears."""


class FileProgress:
    """Files checked of a run's total; call it after each file, use it as a context manager."""

    def __init__(self, console: Console | None = None, *, delay: float = DELAY,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._console = console
        self._delay = delay
        self._clock = clock
        self._started = clock()
        self._bar: Progress | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def __call__(self, done: int, total: int) -> None:
        """``done`` of ``total`` files are checked."""
        if self._bar is None:
            if self._clock() - self._started < self._delay or done >= total:
                return
            self._bar = self._start(total)
        self._bar.update(self._bar.task_ids[0], completed=done, total=total)

    def _start(self, total: int) -> Progress:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        bar = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TextColumn("files, ETA"),
                       TimeRemainingColumn(), console=self._console or Console(stderr=True), transient=True)
        bar.add_task("check", total=total)
        bar.start()
        return bar
