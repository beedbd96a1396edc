"""Speed and memory of artlint, and of the tools people would use instead, on the same input.

    python -m bench speed [--corpora ../shared/corpora] [--runs 3] [--grammar off,embedded,languagetool]
                          [--no-peers] [--instructions]

Prints a table, then one JSON line with every figure. Whole-process figures (start-up, a
corpus run with its peak memory) come from subprocesses; throughput is measured in-process
over the clean-news dev split. Medians of ``--runs`` runs; the machine's core count is shown.
Wall time on a shared machine varies by tens of per cent from one hour to the next; with
``--instructions``, valgrind's instruction counts give figures that repeat exactly, for comparing
two versions of the code.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import REPO, SEED, add_corpora_argument, load_scoring_module, print_table

ARTLINT = [sys.executable, "-m", "artlint.cli"]


# The measured command runs under a fresh, small Python that reports its child's figures: a
# child forked straight from this process would count this process's memory (its peak
# resident size starts from the parent's, and the benchmark process grows large) in its own.
_MEASURE = (
    "import os, subprocess, sys, time\n"
    "started = time.perf_counter()\n"
    "child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "_, _, usage = os.wait4(child.pid, 0)\n"
    "print(time.perf_counter() - started, usage.ru_maxrss)\n"
)


# Python writes bytecode caches on a user's machine; a PYTHONDONTWRITEBYTECODE set in the
# benchmark's environment (some sandboxes set it) would make every measured start-up compile
# the modules changed since the caches were last written.
_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run_process(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MB) of one process."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], cwd=cwd, capture_output=True, text=True, check=True, env=_ENV
    )
    seconds, peak_kb = out.stdout.split()
    return float(seconds), float(peak_kb) / 1024


def median_of(runs: int, measure: Callable[[], float]) -> float:
    """Median of ``runs`` measurements."""
    return statistics.median(measure() for _ in range(runs))


def startup(runs: int) -> dict[str, float]:
    """What a pre-commit hook or an editor pays: one process checking one article."""
    check = ARTLINT + ["check", str(SEED), "--isolated", "--no-cache", "--format", "json"]
    run_process(check)  # not measured: writes the bytecode caches, as any first run does
    return {
        "check_one_article_s": median_of(runs, lambda: run_process(check)[0]),
        "version_s": median_of(runs, lambda: run_process(ARTLINT + ["--version"])[0]),
    }


# Checks the first N of the given articles after a warm-up one (rules and lexicons loaded), so
# that the difference between N and 0 is what checking N articles costs.
_CHECK_N = (
    "import sys\n"
    "from pathlib import Path\n"
    "from artlint.config import Overrides\n"
    "from artlint.runner import Runner\n"
    "runner = Runner(Overrides(isolated=True))\n"
    "settings = runner.resolver.for_directory(Path.cwd())\n"
    "texts = [Path(p).read_bytes() for p in sys.argv[2:]]\n"
    "runner.check_bytes(texts[0], 'warm-up.txt', settings, 'text')\n"
    "for i, data in enumerate(texts[1 : 1 + int(sys.argv[1])]):\n"
    "    runner.check_bytes(data, f'{i}.txt', settings, 'text')\n"
)


def callgrind(command: list[str]) -> int:
    """Instructions one process executes, counted by valgrind's callgrind (with a fixed hash
    seed: randomised string hashing changes the count from run to run)."""
    # check=False: ``artlint check`` exits 1 when it finds something
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
                         check=False, capture_output=True, text=True, env={**_ENV, "PYTHONHASHSEED": "0"}, cwd=REPO)
    for line in out.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split()[-1])
    raise RuntimeError(f"no instruction count in callgrind's output: {out.stderr[-300:]}")


def instructions(files: list[Path], every: int = 8) -> dict[str, Any]:
    """Instruction counts, repeatable where wall time on a shared machine is not: the one-article
    check and ``--version`` as processes, and checking every ``every``-th article of ``files``."""
    from shutil import which

    if which("valgrind") is None:
        return {"error": "valgrind is not installed"}
    check = ARTLINT + ["check", str(SEED), "--isolated", "--no-cache", "--format", "json"]
    run_process(check)  # writes the bytecode caches, as any first run does
    sample = [str(p) for p in files[::every]]
    count = len(sample) - 1
    corpus = [sys.executable, "-c", _CHECK_N]
    checked = callgrind([*corpus, str(count), *sample]) - callgrind([*corpus, "0", *sample])
    size = sum(Path(p).stat().st_size for p in sample[1:])
    return {"check_one_article": callgrind(check), "version": callgrind(ARTLINT + ["--version"]),
            "articles": count, "per_article": checked / count, "per_byte": checked / size}


def artlint_pass(texts: list[bytes], grammar: str) -> Callable[[], float]:
    """A function that checks ``texts`` once in this process and returns the seconds it took,
    with the default rules and ``grammar`` loaded beforehand. Raises ``ArtlintError`` for a back
    end that cannot run here, such as LanguageTool without a server."""
    from artlint.cli import collect_less
    from artlint.config import Overrides
    from artlint.runner import Runner

    collect_less()  # as the command does
    runner = Runner(Overrides(isolated=True, grammar_backend=grammar))
    settings = runner.resolver.for_directory(REPO)
    runner.check_bytes(texts[0], "warm-up.txt", settings, "text")  # load rules and lexicons once

    def one_pass() -> float:
        started = time.perf_counter()
        for i, data in enumerate(texts):
            runner.check_bytes(data, f"{i}.txt", settings, "text")
        return time.perf_counter() - started

    return one_pass


def throughput(texts: list[bytes], runs: int, grammar: str) -> dict[str, Any]:
    """In-process MB/s and articles/s over ``texts`` with the default rules and ``grammar``
    (a back end that cannot run here gives its error)."""
    from artlint.errors import ArtlintError

    try:
        one_pass = artlint_pass(texts, grammar)
    except ArtlintError as exc:
        return {"error": str(exc)}
    seconds = median_of(runs, one_pass)
    size = sum(len(t) for t in texts) / 1e6
    return {"seconds": seconds, "mb_per_s": size / seconds, "articles_per_s": len(texts) / seconds}


def corpus_command(directory: Path, jobs: int | None) -> list[str]:
    """``artlint check DIR`` over a corpus, with ``jobs`` workers (None: the default, one per core)."""
    workers = [] if jobs is None else ["--jobs", str(jobs)]
    return ARTLINT + ["check", str(directory), "--isolated", "--no-cache", *workers, "--format", "json",
                      "--output", os.devnull]


def corpus_process(directory: Path, runs: int) -> dict[str, dict[str, float]]:
    """``artlint check DIR`` over the corpus as a process, with one worker and with the default
    (one per core): wall time and peak memory (of the largest process)."""
    out = {}
    for label, jobs in (("one_worker", 1), ("default_workers", None)):
        samples = [run_process(corpus_command(directory, jobs)) for _ in range(runs)]
        out[label] = {"seconds": statistics.median(s[0] for s in samples), "peak_mb": max(s[1] for s in samples)}
    return out


def peers(corpora: Path, raw: list[bytes], runs: int) -> dict[str, Any]:
    """proselint and Harper alone on the same articles, through the scorers' own adapters.

    Each peer run is paired with two artlint runs (grammar off) just before it: one in this
    process, on one core (``ratio``), and ``artlint check`` over the corpus folder as a user runs
    it, start-up included, with its default workers, one per core (``tool_ratio``). The ratios
    are the medians of the pairs' ratios: the machine's speed drifts between measurements
    minutes apart, and a pair sees the same machine. The peers run in this process, without
    their start-up, and on one core (neither spreads work over cores)."""
    scoring = load_scoring_module(corpora, "mt_score")
    texts = [r.decode("utf-8") for r in raw]
    artlint_once = artlint_pass(raw, "off")
    tool = corpus_command(corpora / "clean-news" / "dev", None)
    out: dict[str, Any] = {}
    for name, flags in (("proselint", scoring.proselint_flags), ("harper", scoring.harper_flags)):
        try:
            flags(texts[:2])
        except Exception as exc:  # noqa: BLE001 - a peer that is not installed is reported, not fatal
            out[name] = {"error": f"{type(exc).__name__}: {exc}"[:200]}
            continue
        triples = []
        for _ in range(runs):
            ours, ours_tool = artlint_once(), run_process(tool)[0]
            started = time.perf_counter()
            flags(texts)
            triples.append((ours, ours_tool, time.perf_counter() - started))
        seconds = statistics.median(theirs for _, _, theirs in triples)
        out[name] = {"seconds": seconds, "mb_per_s": sum(map(len, raw)) / 1e6 / seconds,
                     "artlint_seconds": statistics.median(ours for ours, _, _ in triples),
                     "ratio": statistics.median(theirs / ours for ours, _, theirs in triples),
                     "artlint_tool_seconds": statistics.median(tool_s for _, tool_s, _ in triples),
                     "tool_ratio": statistics.median(theirs / tool_s for _, tool_s, theirs in triples)}
    return out


def growth(runs: int) -> list[dict[str, float]]:
    """Time and peak memory for the seed article concatenated 1x, 10x, 100x (one process each)."""
    text = SEED.read_text(encoding="utf-8")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for factor in (1, 10, 100):
            path = Path(tmp) / f"seed-x{factor}.txt"
            path.write_text("\n\n".join([text] * factor), encoding="utf-8")
            command = ARTLINT + ["check", str(path), "--isolated", "--no-cache", "--format", "json", "--output", os.devnull]
            samples = [run_process(command) for _ in range(runs)]
            seconds = statistics.median(s[0] for s in samples)
            rows.append({"factor": factor, "mb": path.stat().st_size / 1e6, "seconds": seconds,
                         "peak_mb": max(s[1] for s in samples)})
    base = rows[0]["seconds"]
    for row in rows:
        row["time_ratio"] = row["seconds"] / base
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench speed", description=__doc__.splitlines()[0])
    add_corpora_argument(parser)
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median reported)")
    parser.add_argument("--grammar", default="off,embedded,languagetool",
                        help="comma-separated grammar back ends to measure (default: all three)")
    parser.add_argument("--no-peers", action="store_true", help="skip proselint and Harper")
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions with valgrind (repeatable figures; adds a few minutes)")
    args = parser.parse_args(argv)
    news = args.corpora / "clean-news" / "dev"
    files = sorted(news.rglob("*.txt"))
    if not files:
        parser.error(f"no articles under {news}")
    raw = [p.read_bytes() for p in files]
    figures: dict[str, Any] = {"cores": os.cpu_count(), "articles": len(raw), "corpus_mb": sum(map(len, raw)) / 1e6}
    figures["startup"] = startup(args.runs)
    figures["throughput"] = {g: throughput(raw, args.runs, g) for g in args.grammar.split(",")}
    figures["process"] = corpus_process(news, args.runs)
    figures["peers"] = {} if args.no_peers else peers(args.corpora, raw, args.runs)
    figures["growth"] = growth(args.runs)
    if args.instructions:
        figures["instructions"] = instructions(files)

    rows = [
        ("cores", str(figures["cores"])),
        ("corpus", f"{figures['articles']} articles, {figures['corpus_mb']:.2f} MB"),
        ("start-up: check one article (process)", f"{figures['startup']['check_one_article_s'] * 1000:.0f} ms"),
        ("start-up: --version (process)", f"{figures['startup']['version_s'] * 1000:.0f} ms"),
    ]
    off = figures["throughput"].get("off")
    for grammar, t in figures["throughput"].items():
        if "error" in t:
            rows.append((f"throughput, grammar {grammar} (in-process)", f"unavailable: {t['error']}"[:100]))
            continue
        share = f", grammar takes {1 - off['seconds'] / t['seconds']:.0%} of the time" if off and grammar != "off" else ""
        rows.append((f"throughput, grammar {grammar} (in-process)",
                     f"{t['mb_per_s']:.2f} MB/s, {t['articles_per_s']:.0f} articles/s, {t['seconds']:.2f} s{share}"))
    size = figures["corpus_mb"]
    for label, name in (("one_worker", "1 worker"), ("default_workers", f"default: {figures['cores']} workers")):
        run = figures["process"][label]
        rows.append((f"corpus run, check DIR, {name} (process)",
                     f"{size / run['seconds']:.2f} MB/s, {run['seconds']:.2f} s, peak {run['peak_mb']:.0f} MB"))
    for name, peer in figures["peers"].items():
        if "error" in peer:
            rows.append((f"{name} alone", peer["error"]))
            continue
        rows.append((f"{name} alone (in-process, 1 core)", f"{peer['mb_per_s']:.2f} MB/s, {peer['seconds']:.2f} s"))
        rows.append((f"  artlint vs {name}, per core (paired)",
                     f"{peer['ratio']:.1f}x faster (artlint in-process {peer['artlint_seconds']:.2f} s)"))
        rows.append((f"  artlint vs {name}, as tools (paired)",
                     f"{peer['tool_ratio']:.1f}x faster (artlint check DIR {peer['artlint_tool_seconds']:.2f} s)"))
    for row in figures["growth"]:
        rows.append((f"growth x{row['factor']} ({row['mb']:.2f} MB)",
                     f"{row['seconds']:.2f} s ({row['time_ratio']:.1f}x), peak {row['peak_mb']:.0f} MB"))
    counted = figures.get("instructions")
    if counted is not None and "error" in counted:
        rows.append(("instructions (callgrind)", f"unavailable: {counted['error']}"))
    elif counted is not None:
        rows.append(("instructions: check one article (process)", f"{counted['check_one_article'] / 1e6:.0f} M"))
        rows.append(("instructions: --version (process)", f"{counted['version'] / 1e6:.0f} M"))
        rows.append((f"instructions: checking an article ({counted['articles']} articles)",
                     f"{counted['per_article'] / 1e6:.1f} M, {counted['per_byte']:,.0f} per byte"))
    print_table(("measure", "value"), rows)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
