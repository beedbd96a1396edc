"""How often artlint's sentence splitter draws the boundaries of blingfire (its splitter until
its 99 MB of x86-64-only libraries went; installed by the test extra where it has wheels), and
how fast artlint's is.

    python -m bench segmentation [--corpora ../shared/corpora]

Over the blocks of clean-news dev and the realworld dev documents: blocks split alike,
boundaries both draw, boundaries only one draws; MB/s of artlint's splitter (process time).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable

from artlint import segment
from artlint.markup import parse
from artlint.source import SourceText
from bench.common import add_corpora_argument

Spans = list[tuple[int, int]]


def _timed(split: Callable[[str], Spans], blocks: list[str]) -> tuple[list[Spans], float]:
    started = time.process_time()
    spans = [split(text) for text in blocks]
    return spans, time.process_time() - started


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench segmentation")
    add_corpora_argument(parser)
    args = parser.parse_args(argv)
    files = sorted((args.corpora / "clean-news" / "dev").glob("*/*.txt"))
    files += sorted((args.corpora / "realworld" / "dev" / "docs").glob("*.txt"))
    blocks = [b.text for f in files for b in parse(SourceText(f.read_text(encoding="utf-8")), "text").blocks]
    try:
        from blingfire import text_to_sentences_and_offsets
    except ImportError:
        print("blingfire is not installed here (pip install blingfire, x86-64): nothing to compare with")
        return 1
    reference = [segment.trimmed(text, text_to_sentences_and_offsets(text)[1]) if text.strip() else [] for text in blocks]
    fallback, fallback_s = _timed(segment.split_sentences, blocks)
    both = only_blingfire = only_fallback = 0
    for ref, got in zip(reference, fallback, strict=True):
        ends_ref, ends_got = {e for _, e in ref[:-1]}, {e for _, e in got[:-1]}
        both += len(ends_ref & ends_got)
        only_blingfire += len(ends_ref - ends_got)
        only_fallback += len(ends_got - ends_ref)
    megabytes = sum(map(len, blocks)) / 1e6
    figures = {
        "files": len(files), "blocks": len(blocks),
        "blocks_alike": sum(r == g for r, g in zip(reference, fallback, strict=True)),
        "boundaries_both": both, "boundaries_only_blingfire": only_blingfire, "boundaries_only_fallback": only_fallback,
        "artlint_mb_per_s": round(megabytes / fallback_s, 2),
    }
    for name, value in figures.items():
        print(f"{name:<28} {value}")
    print(json.dumps(figures))
    return 0
