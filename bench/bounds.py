"""Bounded work and output on hostile and on ordinary input.

    python -m bench bounds [--corpora ../shared/corpora]

Runs ``artlint check`` (as a user would, in a subprocess, preview rules on) on a 100 KB file
of 50,000 lone quotation marks and 50,000 lone brackets, and prints its wall time, the peak
memory of the process, its findings and the size of its text report; then the size of the
text and concise reports of ``check`` on clean-news dev with the default rules; then
(``many_blocks``) files of 100,000 tiny blocks, where the work per block and rule, not the text,
used to be the cost: one quotation mark, one word or one bracket per line (text), and 100,000
short paragraphs in Markdown and in HTML. The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import REPO, add_corpora_argument


def run_check(args: list[str]) -> dict[str, Any]:
    """Wall time, peak memory (of the largest child so far), exit status and stdout size of one check."""
    env = dict(os.environ, PYTHONPATH=str(REPO / "lint"))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "artlint.cli", "check", "--no-cache", "--isolated", *args],
                          capture_output=True, env=env, check=False)
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    last = done.stdout.decode("utf-8", "replace").rstrip("\n").rpartition("\n")[2]
    return {"seconds": round(seconds, 2), "peak_mb": round(peak_kb / 1024, 1), "status": done.returncode,
            "report_bytes": len(done.stdout), "summary": last}


BLOCKS = 100_000
SHAPES = {
    "quote-lines.txt": '"\n' * BLOCKS,
    "word-lines.txt": "word\n" * BLOCKS,
    "bracket-lines.txt": "(\n" * BLOCKS,
    "paragraphs.md": "A short paragraph.\n\n" * BLOCKS,
    "paragraphs.html": "<html><body>\n" + "<p>A short paragraph.</p>\n" * BLOCKS + "</body></html>\n",
}
"""Files of many tiny blocks, by name (the extension picks the input format)."""


def many_blocks(folder: Path) -> dict[str, dict[str, Any]]:
    """``check`` (default rules) on each of ``SHAPES``, written into ``folder``."""
    figures = {}
    for name, text in SHAPES.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        figures[name] = {"bytes": len(text.encode("utf-8")), **run_check([str(path)])}
    return figures


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_corpora_argument(parser)
    args = parser.parse_args(argv)
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        marks = Path(tmp) / "lone-marks.txt"
        marks.write_text('"(' * 50_000, encoding="utf-8")
        figures["lone_marks"] = run_check([str(marks), "--preview"])
        figures["many_blocks"] = many_blocks(Path(tmp))
    news = args.corpora / "clean-news" / "dev"
    figures["clean_news_text"] = run_check([str(news)])
    figures["clean_news_concise"] = run_check([str(news), "--format", "concise"])
    lone = figures["lone_marks"]
    print(f"lone marks (100 KB, --preview): {lone['seconds']} s, peak {lone['peak_mb']} MB, "
          f"report {lone['report_bytes']:,} bytes; {lone['summary']}")
    for name in ("clean_news_text", "clean_news_concise"):
        row = figures[name]
        print(f"{name}: report {row['report_bytes']:,} bytes, {row['seconds']} s; {row['summary']}")
    for name, row in figures["many_blocks"].items():
        print(f"{name} ({row['bytes']:,} bytes, {BLOCKS:,} blocks): {row['seconds']} s; {row['summary']}")
    print(json.dumps(figures))
    return 0
