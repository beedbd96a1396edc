"""Hostile inputs that used to take super-linear time: seconds and peak memory of one
``artlint check`` of each, at two sizes or more, so that growth shows (``python -m bench hostile``).

- a first block of ``| `` separators (BP012 scanned the block twice per separator);
- one long unpunctuated block of weekdays and figures (CN rules did per-sentence work per
  weekday and per figure);
- memory per MB of input (``MB/MB``, the growth of the peak from the previous size; the
  issue's bound is about 100) on one word per line, as text (also under template phrases,
  which start BP100's classifier), as a Markdown list and as HTML; prose as text, Markdown
  and HTML; one character, one quotation mark or one sentence per line; a Markdown table of
  one word per cell; comma-separated lines; many small HTML elements; deep HTML nesting; as
  many wrappers, each around every block, as blocks (each wrapper was recorded on every block).

Sizes are arguments (default 20,000 and 80,000 bytes); other arguments name the cases to run
(default all), e.g. ``python -m bench hostile markdown-table 10000 100000``. Three sizes (``10000 100000 200000``)
show the slope past one-time costs: MT023's language model (about 90 MB with NumPy) loads
only when some sentence looks foreign, which the random prose does at the larger sizes, so
the prose shapes' first step holds that load, not memory per byte.

The report is written as JSON (``-o``), the format that holds the most per finding.
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
    length = 0
    while length < size:
        words.append(random.choice(WORDS))
        length += len(words[-1]) + 1
    return " ".join(words) + "\n"


def _word_lines(size: int) -> str:
    return _unpunctuated(size).replace(" ", "\n")


def _lines(text: str, words: int) -> list[str]:
    """``text``'s words, ``words`` to a line."""
    tokens = text.split()
    return [" ".join(tokens[i : i + words]) for i in range(0, len(tokens), words)]


def _paragraphs(size: int) -> list[str]:
    random.seed(2)
    paragraphs: list[str] = []
    length = 0
    while length < size:
        sentences = (" ".join(random.choice(PROSE) for _ in range(random.randint(6, 18))) for _ in range(3))
        paragraphs.append(" ".join(s.capitalize() + "." for s in sentences))
        length += len(paragraphs[-1])
    return paragraphs


PROSE = ["the", "council", "met", "on", "monday", "to", "discuss", "budget", "plans", "while", "residents", "said",
         "they", "wanted", "more", "parks", "and", "schools", "in", "district"]
CASES: dict[str, tuple[Callable[[int], str], str]] = {
    "bp012-separators": (_separators, "txt"),
    "cn-unpunctuated": (_unpunctuated, "txt"),
    "word-per-line": (_word_lines, "txt"),
    "word-per-line-md-list": (lambda n: "- " + _word_lines(n * 3 // 4).replace("\n", "\n- ").rstrip("- "), "md"),
    "template-word-per-line": (lambda n: "Skip to content\nPrivacy Policy\n" + _word_lines(n), "txt"),
    "word-per-line-html": (lambda n: f"<p>{_word_lines(n)}</p>", "html"),
    "prose-text": (lambda n: "\n\n".join(_paragraphs(n)) + "\n", "txt"),
    "prose-markdown": (lambda n: "\n\n".join(f"## {p[:30]}\n\n{p}" for p in _paragraphs(n)) + "\n", "md"),
    "prose-html": (lambda n: "".join(f"<p>{p}</p>" for p in _paragraphs(n)), "html"),
    "char-per-line": (lambda n: "x\n" * (n // 2), "txt"),
    "quote-per-line": (lambda n: '"\n' * (n // 2), "txt"),
    "sentence-per-line": (lambda n: "\n".join(s for p in _paragraphs(n) for s in p.split(". ")) + "\n", "txt"),
    "markdown-table": (lambda n: "| a | b | c | d |\n|---|---|---|---|\n" + "".join(
        "| " + " | ".join(line.split()) + " |\n" for line in _lines(_unpunctuated(n), 4)), "md"),
    "csv-lines": (lambda n: "".join(",".join(line.split()) + "\n" for line in _lines(_unpunctuated(n), 6)), "txt"),
    "html-small-elements": (lambda n: "".join(f"<span>{w}</span>" for w in _unpunctuated(n * 2 // 5).split()), "html"),
    "html-deep-nesting": (lambda n: "<div>" * 2000 + "".join(f"<p>{p}</p>" for p in _paragraphs(n)) + "</div>" * 2000,
                          "html"),
    "html-wrappers": (lambda n: "<div>" * (n // 22) + "<p>word</p>" * (n // 22) + "</div>" * (n // 22), "html"),
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
    args = argv or []
    sizes = [int(a) for a in args if a.isdigit()] or [20_000, 80_000]
    names = [a for a in args if not a.isdigit()] or list(CASES)
    unknown = sorted(set(names) - set(CASES))
    if unknown:
        raise SystemExit(f"unknown case(s): {', '.join(unknown)}; known: {', '.join(CASES)}")
    print(f"{'case':<22} {'bytes':>8} {'seconds':>8} {'peak MB':>8} {'MB/MB':>6}")
    for name in names:
        make, suffix = CASES[name]
        previous: tuple[int, float] | None = None
        for size in sizes:
            text = make(size)
            seconds, peak = measure(text, suffix)
            length = len(text.encode("utf-8"))
            growth = f"{(peak - previous[1]) / ((length - previous[0]) / 1e6):6.0f}" if previous else ""
            previous = (length, peak)
            print(f"{name:<22} {length:>8} {seconds:>8.2f} {peak:>8.0f} {growth}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
