"""Detection quality of every family on every corpus, with the peers scored by the same code.

    python -m bench quality [--corpora ../shared/corpora] [--quick] [--no-peers]

Runs the per-family benchmarks in-process (boilerplate on .txt and .html, MT/TY on
mt-fluency and clean-news, CN on injected contradictions, GR on clean-news, every family's
must-flag recall on the hand-annotated real-world articles), the peers
through the corpus scorers (trafilatura and jusText for boilerplate, Harper and proselint on
mt-fluency and clean-news), and the seed annotation. Prints one table, then one JSON line.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.common import SEED, add_corpora_argument, load_scoring_module, print_table

Row = tuple[str, str, str, Any, Any, Any, Any]  # family, corpus, system, P, R, F1, flags per 1k words


def last_json(main: Callable[[list[str]], int], argv: list[str]) -> dict[str, Any]:
    """Run a benchmark or scorer ``main`` quietly; its last printed line is its JSON figures."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        main(argv)
    return json.loads(buffer.getvalue().strip().splitlines()[-1])


def seed_annotation() -> dict[str, int]:
    """How many annotated defects of the seed are found (flag, stretch) or wrongly flagged (silent)."""
    from artlint.config import Overrides
    from artlint.runner import Runner

    families = {"boilerplate": "BP", "translation": "MT", "typography": "TY", "contradiction": "CN"}
    runner = Runner(Overrides(isolated=True))
    result = runner.check_bytes(SEED.read_bytes(), SEED.name, runner.resolver.for_directory(SEED.parent), "text")
    lines = result.text.splitlines(keepends=True)
    counts = {"flag": 0, "flag_found": 0, "stretch": 0, "stretch_found": 0, "silent": 0, "silent_flagged": 0}
    expected = SEED.with_suffix(".expected.toml")
    for defect in tomllib.loads(expected.read_text(encoding="utf-8"))["defect"]:
        start = sum(map(len, lines[: defect["line"] - 1])) + lines[defect["line"] - 1].find(defect["excerpt"])
        end = start + len(defect["excerpt"])
        hit = any(f.code.startswith(families[defect["family"]]) and f.start < end and start < f.end for f in result.findings)
        key = defect["must"]
        counts[key] += 1
        counts[{"flag": "flag_found", "stretch": "stretch_found", "silent": "silent_flagged"}[key]] += hit
    return counts


def ours(corpora: Path, quick: bool) -> tuple[list[Row], dict[str, Any]]:
    from bench import boilerplate, contradiction, grammar, mt_quality, realworld

    base = ["--corpora", str(corpora)]
    figures: dict[str, Any] = {}
    rows: list[Row] = []
    for kind in ("txt", "html"):
        bp = figures[f"bp_{kind}"] = last_json(boilerplate.main, [*base, "--input", kind, *(["--quick"] if quick else [])])
        rows.append(("BP", f"boilerplate .{kind}", "artlint", bp["precision"], bp["recall"], bp["f1"], "-"))
    mt = figures["mt"] = last_json(mt_quality.main, base)
    overall = mt["mt_fluency"]["overall"]
    rows.append(("MT+TY", "mt-fluency (span P)", "artlint", overall["span_precision_fluency_style"], "-", "-",
                 overall["false_flags_per_1k_words_no_error"]))
    rows.append(("MT+TY", "clean-news", "artlint", "-", "-", "-", mt["clean_news"]["per_1k_words"]))
    cn = figures["cn"] = last_json(contradiction.main, [*base, "--seed", "1"])  # whole split even when quick: ~15 s
    for kind, recall in cn["recall"].items():
        rows.append(("CN", f"injected {kind} (recall)", "artlint", "-", recall, "-", "-"))
    if cn["weekday_labelled"]["copies"]:
        rows.append(("CN", "hand-labelled weekday pairs", "artlint", "-", cn["weekday_labelled"]["found_share"]["same"], "-", "-"))
    rows.append(("CN", "clean-news (per article)", "artlint", "-", "-", "-", cn["clean_findings_per_article"]))
    gr = figures["gr"] = last_json(grammar.main, [*base, *(["--every", "10"] if quick else [])])
    rows.append(("GR", "clean-news (embedded)", "artlint", "-", "-", "-", gr["findings_per_1k_words"]))
    if (corpora / "realworld").is_dir():
        rw = figures["rw"] = realworld.figures(corpora)  # 54 documents, a few seconds even when quick
        for family, recall in rw["recall"].items():
            rows.append(("ALL", f"realworld dev {family} (must-flag recall)", "artlint", "-", recall, "-", "-"))
        rows.append(("ALL", f"realworld dev controls (silent flagged: {rw['silent_flagged']})", "artlint",
                     "-", "-", "-", rw["control_false_per_1k"]))
    return rows, figures


def peers(corpora: Path, quick: bool) -> tuple[list[Row], dict[str, Any]]:
    figures: dict[str, Any] = {}
    rows: list[Row] = []
    bp_score = load_scoring_module(corpora, "bp_score")
    limit = ["--limit", "84"] if quick else []
    for system in ("trafilatura", "justext"):
        for kind in ("txt", "html"):
            argv = [str(corpora / "boilerplate" / "dev"), "--system", system, "--input", kind, "--located-only", *limit]
            try:
                fig = figures[f"{system}_{kind}"] = last_json(bp_score.main, argv)
            except Exception as exc:  # noqa: BLE001 - a peer that is missing or fails is reported, not fatal
                rows.append(("BP", f"boilerplate .{kind}", system, f"unavailable: {exc}"[:40], "-", "-", "-"))
                continue
            headline = fig.get("located", fig)
            rows.append(("BP", f"boilerplate .{kind}", system, headline.get("precision"), headline.get("recall"),
                         headline.get("f1"), "-"))
    mt_score = load_scoring_module(corpora, "mt_score")
    sample = ["--sample", "800"] if quick else []
    for system in ("harper", "proselint"):
        try:
            fig = figures[f"{system}_mt"] = last_json(
                mt_score.main, [str(corpora / "mt-fluency" / "dev.jsonl"), "--system", system, *sample])
        except Exception as exc:  # noqa: BLE001 - as above
            rows.append(("MT+TY", "mt-fluency (span P)", system, f"unavailable: {exc}"[:40], "-", "-", "-"))
            continue
        rows.append(("MT+TY", "mt-fluency (span P)", system, fig.get("span_precision_fluency_style"), "-", "-",
                     fig.get("false_flags_per_1k_words_no_error")))
    return rows, figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench quality", description=(__doc__ or "").splitlines()[0])
    add_corpora_argument(parser)
    parser.add_argument("--quick", action="store_true", help="subsets of each corpus (a few minutes)")
    parser.add_argument("--no-peers", action="store_true", help="skip trafilatura, jusText, Harper and proselint")
    args = parser.parse_args(argv)
    rows, figures = ours(args.corpora, args.quick)
    if not args.no_peers:
        peer_rows, figures["peers"] = peers(args.corpora, args.quick)
        rows += peer_rows
    figures["seed"] = seed_annotation()

    def cell(value: Any) -> str:
        return f"{value:.3f}" if isinstance(value, float) else str(value)

    print_table(("family", "corpus", "system", "precision", "recall", "F1", "flags/1k words"),
                [tuple(cell(v) for v in row) for row in rows])
    seed = figures["seed"]
    print(f"seed annotation: flagged {seed['flag_found']}/{seed['flag']}, stretch {seed['stretch_found']}/"
          f"{seed['stretch']}, silent items flagged {seed['silent_flagged']}/{seed['silent']}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
