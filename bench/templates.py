"""Learned site templates (BP040): quality on the site-feeds corpus, memory on a large feed.

    PYTHONPATH=lint python -m bench templates [--articles 100000] [--corpora DIR] [--skip-quality]

1. Quality: ``artlint scan feeds.jsonl --learn --select BP040`` on ``<corpora>/site-feeds``,
   scored by the corpus's ``score_templates.py`` (recall of template lines, precision on
   recurring lines, lines annotated as legitimate text that were flagged), beside the
   corpus's naive recurrence baseline (a line in 3 or more articles of its site) and the
   same at 2 articles.
2. Memory: a made-up feed of ``--articles`` articles of four sites (12 lines each: a headline,
   a byline, a promo line, a source line, prose that no other article shares, a footer) is
   learned (``artlint learn``) and checked (``artlint scan --templates --select BP040``), each
   in its own process; prints each one's wall time and peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import add_corpora_argument, print_table
from bench.speed import ARTLINT, run_process

SITES = ("one.example", "two.example", "three.example", "four.example")
VOCABULARY = ["council", "vote", "budget", "river", "bridge", "school", "harbour", "clinic", "market", "tunnel", "ferry", "museum", "road", "tax", "farm", "mill", "port", "hall", "lane", "yard", "minister", "court", "police", "storm", "winter", "summer", "trade", "price", "bank", "fund", "report", "village", "city", "region", "plan", "project", "worker", "union", "strike", "hospital", "doctor", "nurse", "patient"]
FIRST = ["Ann", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal", "Ida", "Jo", "Kit", "Lou", "Max", "Ned", "Oda", "Pia"]
LAST = ["Lee", "Ma", "Dunn", "Fox", "Ruiz", "Kim", "Hart", "Ng", "Cole", "Diaz", "Park", "Shaw"]


def article(rng: random.Random, n: int) -> dict[str, str]:
    """One made-up article: four template lines (two with names or numbers changed) and prose."""
    site = SITES[n % len(SITES)]

    def sentence() -> str:
        words = rng.choices(VOCABULARY, k=rng.randint(14, 26))
        return " ".join(words).capitalize() + "."

    lines = [
        " ".join(rng.choices(VOCABULARY, k=7)).title(),
        f"By {rng.choice(FIRST)} {rng.choice(LAST)}",
        f"Subscribe to the {site} morning letter: it is free",
        *(sentence() for _ in range(rng.randint(6, 9))),
        f"Source: https://{site}/story/{n}",
        f"Copyright {site}. All rights reserved.",
    ]
    return {"id": f"{site}/{n}", "site": site, "text": "\n".join(lines) + "\n"}


def write_feed(path: Path, articles: int) -> int:
    """Write the made-up feed; its size in bytes."""
    rng = random.Random(20)
    with path.open("w", encoding="utf-8") as out:
        for n in range(articles):
            out.write(json.dumps(article(rng, n)) + "\n")
    return path.stat().st_size


def memory(articles: int) -> None:
    with tempfile.TemporaryDirectory(prefix="artlint-bench-templates-") as folder:
        feed, templates, findings = Path(folder) / "feed.jsonl", Path(folder) / "t.json", Path(folder) / "f.jsonl"
        size = write_feed(feed, articles)
        learn = run_process([*ARTLINT, "learn", str(feed), "-o", str(templates), "--isolated"])
        scan = run_process([*ARTLINT, "scan", str(feed), "--templates", str(templates), "--select", "BP040",
                            "--isolated", "--no-cache", "--jobs", "1", "-o", str(findings)])
        lines = sum(1 for _ in findings.open(encoding="utf-8"))
        print(f"\nMemory: a made-up feed of {articles:,} articles of {len(SITES)} sites ({size / 1e6:.0f} MB)")
        print_table(("step", "wall", "peak RSS"), [
            ("artlint learn (one process)", f"{learn[0]:.1f} s", f"{learn[1]:.0f} MB"),
            ("artlint scan --templates --select BP040 --jobs 1", f"{scan[0]:.1f} s", f"{scan[1]:.0f} MB"),
        ])
        print(f"template file: {templates.stat().st_size / 1e3:.1f} kB; BP040 findings: {lines:,} "
              f"({lines / articles:.2f} an article; 4 template lines in each article)")


def quality(corpora: Path) -> None:
    folder = corpora / "site-feeds"
    scorer = folder / "score_templates.py"
    with tempfile.TemporaryDirectory(prefix="artlint-bench-templates-") as tmp:
        ours, naive3, naive2 = (Path(tmp) / name for name in ("bp040.jsonl", "naive3.jsonl", "naive2.jsonl"))
        subprocess.run([*ARTLINT, "scan", str(folder / "feeds.jsonl"), "--learn", "--select", "BP040", "--isolated",
                        "--no-cache", "-o", str(ours)], check=False, capture_output=True)
        for path, n in ((naive3, 3), (naive2, 2)):
            path.write_text(subprocess.run([sys.executable, str(scorer), "--baseline", str(n)], check=True,
                                           capture_output=True, text=True).stdout, encoding="utf-8")
        rows = []
        for label, path in (("BP040 (scan --learn)", ours), ("naive: line in >= 3 articles", naive3),
                            ("naive: line in >= 2 articles", naive2)):
            out = subprocess.run([sys.executable, str(scorer), str(path), "--json"], check=True, capture_output=True,
                                 text=True).stdout
            s = json.loads(out)["overall"]
            rows.append((label, f"{s['true_occ_hit']}/{s['true_occ']} ({s['recall']:.3f})",
                         f"{s['true_hits']}/{s['on_recurring']} ({s['precision']:.3f})",
                         f"{s['false_occ_hit']}/{s['false_occ']}", f"{s['true_items_found']}/{s['true_items']}",
                         f"{s['singles_hit']}/{s['singles']}", str(s["unannotated"])))
    print(f"Quality on {folder} (score_templates.py)")
    print_table(("run", "recall (template lines)", "precision", "legit lines hit", "items found", "singles",
                 "unannotated"), rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_corpora_argument(parser)
    parser.add_argument("--articles", type=int, default=100_000, help="articles in the made-up feed (default 100,000)")
    parser.add_argument("--skip-quality", action="store_true", help="only the memory figure")
    args = parser.parse_args(argv)
    if not args.skip_quality:
        quality(args.corpora)
    memory(args.articles)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
