"""How artlint scales: results cache, worker processes, and a Dask cluster on this machine.

    python -m bench.scale [--corpora ../shared/corpora] [--limit N] [--no-dask]

On the clean-news dev articles (or the first ``--limit``), measures:

- ``artlint check DIR``: cold vs warm results cache (``-j 2``), and ``--jobs 1`` vs ``--jobs 2``
  without cache, each one process (start-up included), wall time and CPU time;
- ``artlint scan`` of the same articles as JSON Lines on a ``LocalCluster`` of 1 and 2
  worker processes (one thread each), after a warm-up: articles/s and the workers' CPU
  seconds per article, the figure to size a cluster with.

Prints a table, then one JSON line with every figure. Wall times depend on what else runs
on the machine; CPU times much less.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import add_corpora_argument, print_table

ARTLINT = [sys.executable, "-m", "artlint.cli"]
ARTICLES_PER_DAY = 1_000_000
SECONDS_PER_DAY = 86_400
WARM_UP_ARTICLES = 8
WARM_TRIES = 3


def run_timed(command: list[str]) -> dict[str, float]:
    """Wall and CPU seconds (the process and the workers it waited for) of one process, and
    the 1-minute load average before it (other work on the machine slows the wall time)."""
    load = os.getloadavg()[0]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed with status {os.waitstatus_to_exitcode(status)}")
    return {"wall_s": time.perf_counter() - started, "cpu_s": usage.ru_utime + usage.ru_stime, "load": load}


def check_runs(folder: Path, cache: Path) -> dict[str, dict[str, float]]:
    """``artlint check`` over ``folder``: no cache with 1 and 2 jobs; cold and warm cache with 2.

    A warm run that still writes entries met a changed rule set (someone edited artlint or
    its rules since the cold run); it is run again, up to ``WARM_TRIES`` times.
    """
    check = ARTLINT + ["check", str(folder), "--isolated", "--format", "json", "--output", os.devnull]
    cached = check + ["--jobs", "2", "--cache-dir", str(cache)]
    runs = {
        "jobs_1": run_timed(check + ["--jobs", "1", "--no-cache"]),
        "jobs_2": run_timed(check + ["--jobs", "2", "--no-cache"]),
        "cache_cold": run_timed(cached),
    }
    for attempt in range(1, WARM_TRIES + 1):
        entries = sum(1 for _ in cache.rglob("*.json"))
        runs["cache_warm"] = run_timed(cached)
        runs["cache_warm"]["attempt"] = attempt
        if sum(1 for _ in cache.rglob("*.json")) == entries:
            break
    return runs


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def cluster_run(corpus: Path, warm_up: Path, workers: int) -> dict[str, float]:
    """Scan ``corpus`` on a local cluster of ``workers`` processes after a warm-up scan."""
    from distributed import Client, LocalCluster

    from artlint.config import Overrides
    from artlint.parallel import RunnerSpec
    from artlint.scan import scan_corpus

    spec = RunnerSpec(Overrides(isolated=True))
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, worker_dashboard_address=None) as cluster, Client(cluster) as client:
        address = cluster.scheduler_address
        scan_corpus(str(warm_up), spec, io.StringIO(), jobs=1, scheduler=address, warn=lambda _: None)
        cpu_before = sum(client.run(_cpu_seconds).values())
        load = os.getloadavg()[0]
        started = time.perf_counter()
        totals = scan_corpus(str(corpus), spec, io.StringIO(), jobs=1, scheduler=address, warn=lambda _: None)
        wall = time.perf_counter() - started
        cpu = sum(client.run(_cpu_seconds).values()) - cpu_before
    return {"workers": workers, "wall_s": wall, "articles_per_s": totals.articles / wall,
            "worker_cpu_s_per_article": cpu / totals.articles, "findings": totals.findings, "load": load}


def sizing(cpu_per_article: float) -> dict[str, float]:
    """Worker cores (one single-threaded worker each) that check ``ARTICLES_PER_DAY`` at the measured cost."""
    rate = ARTICLES_PER_DAY / SECONDS_PER_DAY
    return {"articles_per_s_needed": rate, "core_hours_per_day": ARTICLES_PER_DAY * cpu_per_article / 3600,
            "cores_at_full_load": rate * cpu_per_article, "cores_with_2x_headroom": 2 * rate * cpu_per_article}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.splitlines()[0])
    add_corpora_argument(parser)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (default: all)")
    parser.add_argument("--no-dask", action="store_true", help="skip the LocalCluster runs")
    args = parser.parse_args(argv)
    news = args.corpora / "clean-news" / "dev"
    files = sorted(news.rglob("*.txt"))[: args.limit or None]
    if not files:
        parser.error(f"no articles under {news}")
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in files)
    figures: dict[str, Any] = {"cores": os.cpu_count(), "articles": len(files), "words": words}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        for path in files:  # links, so that --limit picks a subset without copying text
            link = folder / path.relative_to(news)
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(path.resolve())
        figures["check"] = check_runs(folder, Path(tmp) / "cache")
        if not args.no_dask:
            corpus, warm_up = Path(tmp) / "corpus.jsonl", Path(tmp) / "warm-up.jsonl"
            lines = [json.dumps({"id": str(p.relative_to(news)), "text": p.read_text(encoding="utf-8")}) + "\n"
                     for p in files]
            corpus.write_text("".join(lines), encoding="utf-8")
            warm_up.write_text("".join(lines[:WARM_UP_ARTICLES]), encoding="utf-8")
            figures["cluster"] = [cluster_run(corpus, warm_up, n) for n in (1, 2)]

    check = figures["check"]
    figures["jobs_speedup"] = check["jobs_1"]["wall_s"] / check["jobs_2"]["wall_s"]
    figures["jobs_cpu_overhead"] = check["jobs_2"]["cpu_s"] / check["jobs_1"]["cpu_s"] - 1
    figures["cache_speedup"] = check["cache_cold"]["wall_s"] / check["cache_warm"]["wall_s"]
    n = len(files)
    rows = [("cores", str(figures["cores"])), ("articles", f"{n} ({words} words)")]
    labels = {"jobs_1": "check --jobs 1 --no-cache", "jobs_2": "check --jobs 2 --no-cache",
              "cache_cold": "check --jobs 2, cold cache", "cache_warm": "check --jobs 2, warm cache"}
    for key, label in labels.items():
        run = check[key]
        rows.append((label, (f"{run['wall_s']:.2f} s wall, {run['cpu_s']:.2f} s CPU, {n / run['wall_s']:.1f} articles/s, "
                            f"load {run['load']:.1f}")))
    rows.append(("speed-up --jobs 2 / --jobs 1", (f"{figures['jobs_speedup']:.2f}x wall, "
                 f"{figures['jobs_cpu_overhead']:+.1%} CPU")))
    rows.append(("speed-up warm / cold cache", f"{figures['cache_speedup']:.1f}x"))
    for run in figures.get("cluster", []):
        rows.append((f"LocalCluster, {run['workers']} worker(s)",
                     (f"{run['articles_per_s']:.1f} articles/s, {run['worker_cpu_s_per_article'] * 1000:.1f} ms CPU/article, "
                     f"load {run['load']:.1f}")))
    if "cluster" in figures:
        one, two = figures["cluster"]
        figures["cluster_speedup"] = two["articles_per_s"] / one["articles_per_s"]
        figures["sizing"] = need = sizing(max(one["worker_cpu_s_per_article"], two["worker_cpu_s_per_article"]))
        rows.append(("cluster speed-up 2 / 1 workers", f"{figures['cluster_speedup']:.2f}x"))
        rows.append((f"{ARTICLES_PER_DAY:,} articles/day", (
            f"{need['articles_per_s_needed']:.1f} articles/s, {need['core_hours_per_day']:.1f} core-hours, "
            f"{need['cores_with_2x_headroom']:.1f} worker cores with 2x headroom")))
    print_table(("measure", "value"), rows)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
