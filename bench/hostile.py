"""Hostile inputs that used to take super-linear time: seconds and peak memory of one
``artlint check`` of each, at two sizes, so that growth shows (``python -m bench hostile``).

- a first block of ``| `` separators (BP012 scanned the block twice per separator);
- one long unpunctuated block of weekdays and figures (CN rules did per-sentence work per
  weekday and per figure);
- one word per line, as text and as HTML (memory per MB of input).
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

WORDS = ["council", "Monday", "Tuesday", "12", "million", "percent", "the", "said", "3.5", "1,000", "Friday", "votes"]


def _separators(size: int) -> str:
    return "| " * (size // 2) + "\n\nThe council met.\n"


def _unpunctuated(size: int) -> str:
    random.seed(1)
    words: list[str] = []
    while sum(map(len, words)) + len(words) < size:
        words.append(random.choice(WORDS))
    return " ".join(words) + "\n"


def _word_lines(size: int) -> str:
    return _unpunctuated(size).replace(" ", "\n")


CASES: dict[str, tuple[Callable[[int], str], str]] = {
    "bp012-separators": (_separators, "txt"),
    "cn-unpunctuated": (_unpunctuated, "txt"),
    "word-per-line": (_word_lines, "txt"),
}


def measure(text: str, suffix: str) -> tuple[float, float]:
    """Seconds and peak resident megabytes of checking ``text`` in a fresh process."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input.{suffix}"
        path.write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "artlint.cli", "check", str(path), "--isolated", "--no-cache",
                   "-f", "json", "-o", str(Path(folder) / "out.json")]
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _PEAK, *command], check=True, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
    return elapsed, int(done.stdout) / 1024


_PEAK = """import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=False)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"""
"""Runs a command and prints its peak resident kilobytes (a process of its own per measurement)."""


def main(argv: list[str] | None = None) -> int:
    sizes = [int(a) for a in (argv or [])] or [20_000, 80_000]
    print(f"{'case':<20} {'bytes':>8} {'seconds':>8} {'peak MB':>8}")
    for name, (make, suffix) in CASES.items():
        for size in sizes:
            seconds, peak = measure(make(size), suffix)
            print(f"{name:<20} {size:>8} {seconds:>8.2f} {peak:>8.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
