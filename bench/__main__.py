"""Benchmarks: ``python -m bench <command> [options]`` (scripts that print figures, not tests).

Commands: quality (every family on every corpus, with the peers), precision (each default
rule's precision on real text, flags on clean news), bounds (time, memory and report size on
hostile input and on clean news), speed (start-up,
throughput, memory, growth), scale (results cache, --jobs, a local Dask cluster),
and the per-family scripts it runs: boilerplate, mt_quality,
contradiction, grammar, realworld, templates (learned site templates: quality and memory),
segmentation (the sentence splitter against blingfire); hostile (inputs that used to take super-linear time).
"""

from __future__ import annotations

import importlib
import sys

COMMANDS = {
    "quality": "bench.quality",
    "speed": "bench.speed",
    "scale": "bench.scale",
    "boilerplate": "bench.boilerplate",
    "mt": "bench.mt_quality",
    "contradiction": "bench.contradiction",
    "grammar": "bench.grammar",
    "realworld": "bench.realworld",
    "hostile": "bench.hostile",
    "precision": "bench.precision",
    "bounds": "bench.bounds",
    "templates": "bench.templates",
    "segmentation": "bench.segmentation",
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help") or argv[0] not in COMMANDS:
        print(__doc__)
        print("usage: python -m bench {" + ",".join(COMMANDS) + "} [options]")
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    module = importlib.import_module(COMMANDS[argv[0]])
    result: int = module.main(argv[1:])
    return result


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
