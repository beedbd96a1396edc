"""Precision of the default rules on real text, and how often they fire on clean news.

    python -m bench precision [--corpora ../shared/corpora] [--preview] [--select CODES]

Real-world documents: runs ``corpora/realworld/scoring/score.py`` (artlint's JSON, default rules)
and, per code, counts findings on an annotated defect of the rule's family (true), on a defect
of another family (other), and on nothing or on a silent item (false). Precision is the share
of findings on a real defect, (true + other) / all: an editor acts on those; the strict figure,
true / (true + false), leaves the other-family ones out. A default rule needs 0.8.
Clean news (``corpora/clean-news/dev``, where a finding is presumed false): flags per article by
code, the share of articles that exit 0 with the default settings, and the size of the text
report. Prints the tables, then one JSON line.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.common import REPO, add_corpora_argument, print_table


def realworld(corpora: Path, extra: list[str]) -> dict[str, dict[str, int]]:
    """Per code: {"true", "other", "false", "control_false"} on the real-world dev documents."""
    scorer = corpora / "realworld" / "scoring" / "score.py"
    command = f"{sys.executable} -m artlint.cli check --format json --no-cache --isolated {' '.join(extra)}"
    env = dict(os.environ, PYTHONPATH=str(REPO / "lint"))
    with tempfile.TemporaryDirectory() as tmp:
        details = Path(tmp) / "details.json"
        subprocess.run([sys.executable, str(scorer), "--docs", str(corpora / "realworld" / "dev" / "docs"),
                        "--artlint-cmd", command, "--details", str(details)],
                       check=True, env=env, stdout=subprocess.DEVNULL)
        data = json.loads(details.read_text(encoding="utf-8"))
    sources = json.loads((corpora / "realworld" / "dev" / "sources.json").read_text(encoding="utf-8"))
    counts: dict[str, dict[str, int]] = collections.defaultdict(lambda: dict.fromkeys(("true", "other", "false", "control_false"), 0))
    for doc, findings in next(iter(data.values())).items():
        for finding in findings:
            verdict = finding["verdict"]
            row = counts[finding["code"]]
            if verdict == "true":
                row["true"] += 1
            elif verdict == "other_family":
                row["other"] += 1
            else:
                row["false"] += 1
                row["control_false"] += sources[doc]["kind"] == "control"
    return counts


def real_control_words(corpora: Path) -> int:
    """Words in the real-world control documents (as the scorer counts them)."""
    sources = json.loads((corpora / "realworld" / "dev" / "sources.json").read_text(encoding="utf-8"))
    docs = corpora / "realworld" / "dev" / "docs"
    return sum(len((docs / f"{doc}.txt").read_text(encoding="utf-8").split())
               for doc, entry in sources.items() if entry.get("kind") == "control" and (docs / f"{doc}.txt").exists())


def clean_news(corpora: Path, preview: bool, select: list[str] | None) -> dict[str, Any]:
    """Findings by code, articles with a failing finding, and the text report's size on clean-news dev."""
    from artlint.config import Overrides
    from artlint.model import RunResult
    from artlint.reporters import render
    from artlint.runner import Runner

    runner = Runner(Overrides(isolated=True, preview=preview, select=select))
    settings = runner.resolver.for_directory(Path.cwd())
    paths = sorted((corpora / "clean-news" / "dev").rglob("*.txt"))
    results = [runner.check_bytes(p.read_bytes(), str(p), settings, "text") for p in paths]
    run = RunResult(results, runner.rule_infos(), "bench")
    by_code = collections.Counter(f.code for f in run.findings)
    failing = sum(any(f.severity >= settings.fail_on for f in r.findings) for r in results)
    return {
        "articles": len(results),
        "exit_0_share": round(1 - failing / len(results), 3),
        "flags_per_article": {code: round(n / len(results), 3) for code, n in sorted(by_code.items())},
        "flags": dict(sorted(by_code.items())),
        "text_report_bytes": len(render("text", run).encode("utf-8")),
        "concise_report_bytes": len(render("concise", run).encode("utf-8")),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_corpora_argument(parser)
    parser.add_argument("--preview", action="store_true", help="measure with the preview rules on")
    parser.add_argument("--select", help="comma-separated codes or prefixes instead of the default rules")
    args = parser.parse_args(argv)
    select = args.select.split(",") if args.select else None
    extra = (["--preview"] if args.preview else []) + ([f"--select={args.select}"] if select else [])
    real = realworld(args.corpora, extra)
    news = clean_news(args.corpora, args.preview, select)
    codes = sorted(set(real) | set(news["flags"]))
    rows = []
    precision: dict[str, float | None] = {}
    for code in codes:
        row = real.get(code, {"true": 0, "other": 0, "false": 0, "control_false": 0})
        total, judged = row["true"] + row["other"] + row["false"], row["true"] + row["false"]
        precision[code] = round((row["true"] + row["other"]) / total, 3) if total else None
        strict = f"{row['true'] / judged:.2f}" if judged else "-"
        rows.append((code, str(row["true"]), str(row["other"]), str(row["false"]), str(row["control_false"]),
                     "-" if precision[code] is None else f"{precision[code]:.2f}", strict,
                     str(news["flags"].get(code, 0)), f"{news['flags_per_article'].get(code, 0):.3f}"))
    print_table(("code", "true", "other family", "false", "on controls", "precision", "strict",
                 "clean-news flags", "per article"), rows)
    control_words = real_control_words(args.corpora)
    control_false = sum(row["control_false"] for row in real.values())
    print(f"\ncontrols: {control_false} false findings, {1000 * control_false / control_words:.2f} per 1,000 words")
    print(f"clean-news dev: {news['articles']} articles, {news['exit_0_share']:.1%} exit 0; "
          f"text report {news['text_report_bytes']:,} bytes, concise {news['concise_report_bytes']:,} bytes")
    print(json.dumps({"precision": precision, "realworld": real, "clean_news": news}))
    return 0
