"""Boilerplate benchmark: score artlint's BP rules in-process the way ``bp_score.py`` does.

    cd /work/main && .venv/bin/python -m bench.boilerplate --corpora ../shared/corpora \
        [--input html|txt] [--part all|tune|check] [--quick] [--clean-news] [--details FILE] [--fit]

Snippet normalisation, location and overlap come from the corpus scorer
(``<corpora>/scoring/bp_score.py``), so the figures are those of
``bp_score.py --system artlint --located-only`` without one process per page. Pages are decoded
and parsed as the command line does; a page artlint cannot read counts as having no findings.
``--clean-news`` also counts BP findings on the clean professional articles of clean-news/dev.
On HTML a second line, ``rendered``, scores each snippet at its first occurrence in the page's
rendered text instead (where there is one): the scorer's first occurrence is often a ``<meta>``
tag, JSON-LD or an attribute, which a reader never sees and artlint does not check.

``--part check`` scores only the third of the pages set aside by a hash of their ids (never tuned
on), ``--part tune`` the other two thirds.

``--fit`` refits the plain-text classifier (BP100) on the tuning .txt pages and writes it to
``rules/lexicons/boilerplate-classifier.json``: a boosted ensemble of small regression trees
(numpy, at fit time only) on the blocks holding a located snippet (template-phrase blocks aside,
which the BP0xx rules report). It also prints a cross-validated estimate (folds by page, over
several assignments of pages to folds), the figure to expect on pages the trees never saw, at
BP100's threshold and at a few others (the threshold is chosen by that figure).
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import math
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import numpy as np

from artlint.checks.boilerplate.signals import SIGNALS
from artlint.checks.boilerplate.template_block import TemplateBlock, TreeModel
from artlint.engine import ActiveRule, Engine
from artlint.errors import InputError
from artlint.lexicon import Lexicons, builtin_rules_dir
from artlint.markup import parse
from artlint.model import Family
from artlint.registry import registry_for
from artlint.source import decode
from bench.common import add_corpora_argument, load_scoring_module

QUICK_EVERY = 4  # --quick scores every 4th page
TREES = 100  # the fitted ensemble: number of trees,
DEPTH = 2  # depth of each tree,
RATE = 0.1  # the factor on each tree's values,
LEAF_L2 = 1.0  # L2 regularisation of a leaf's value,
MIN_HESSIAN = 3.0  # and the least hessian (about p(1-p) summed over blocks) a leaf must hold
FOLDS = 5  # cross-validation folds, by page,
REPEATS = 3  # each with this many assignments of pages to folds (by a hash of the page and the repeat)
CV_THRESHOLDS = (0.35, 0.4, 0.45, 0.5, 0.55)  # --fit also prints the cross-validated F1 at these thresholds
MODEL = builtin_rules_dir() / "lexicons" / "boilerplate-classifier.json"


def boilerplate_engine() -> Engine:
    """An engine running every enabled boilerplate rule with its defaults."""
    registry = registry_for(())
    specs = sorted(
        (s for s in registry.runnable() if s.family is Family.BOILERPLATE and s.enabled), key=lambda s: s.code
    )
    return Engine([ActiveRule(registry.create(s.code), s.severity) for s in specs], Lexicons(), registry.specs)


class Page(NamedTuple):
    """What artlint makes of one page: its findings, why it could not be read, its text blocks."""

    findings: list[tuple[int, int, str]]  # (start, end, code)
    error: str | None
    blocks: list[tuple[int, int]]  # source spans of the text blocks (an HTML page's rendered text)


def findings_for(engine: Engine, path: Path, kind: str) -> Page:
    """The findings on one file and the source spans of its blocks, or the reason it could not be read."""
    markup = "html" if kind == "html" else "text"
    try:
        document = parse(decode(path.read_bytes(), markup=markup), markup)
    except InputError as exc:
        return Page([], str(exc), [])
    found = [(f.start, f.end, f.code) for f in engine.lint(document, str(path))]
    return Page(found, None, [document.offsets.span(b.start, b.end) for b in document.blocks])


def in_check_part(page_id: str) -> bool:
    """Whether a page belongs to the check third: set aside by a hash of its id, never tuned on."""
    return int(hashlib.sha1(f"check:{page_id}".encode()).hexdigest(), 16) % 3 == 0


def records(split: Path, quick: bool, part: str = "all") -> list[dict[str, Any]]:
    """The labelled pages of ``split``: all, or the ``tune`` or ``check`` part (``in_check_part``)."""
    rows = [json.loads(line) for line in (split / "labels.jsonl").read_text(encoding="utf-8").splitlines() if line]
    if part != "all":
        rows = [row for row in rows if in_check_part(row["id"]) is (part == "check")]
    return rows[::QUICK_EVERY] if quick else rows


def score(
    scorer: ModuleType, split: Path, kind: str, quick: bool, details: Path | None, part: str = "all"
) -> dict[str, Any]:
    """Counts overall, per language and per rule code (flagged snippets)."""
    engine = boilerplate_engine()
    overall = scorer.Counts()
    rendered = scorer.Counts()  # each snippet at its first occurrence in a text block (see ``rendered_span``)
    by_lang: defaultdict[str, Any] = defaultdict(scorer.Counts)
    by_code: Counter[tuple[str, str]] = Counter()
    # Snippets whose first occurrence lies in no text block (an HTML page's <meta> or JSON-LD, an
    # attribute, a comment): a finding on text covers them only when a template region spans them.
    outside: Counter[tuple[str, bool]] = Counter()
    failed: list[tuple[str, str]] = []
    skipped = 0
    pages = records(split, quick, part)
    out = details.open("w", encoding="utf-8") if details else None
    for rec in pages:
        path, text = scorer.read_input(str(split), rec["id"], kind)
        found, error, blocks = findings_for(engine, Path(path), kind)
        if error:
            failed.append((rec["id"], error))
        ntext, pos = scorer.norm_with_map(text)
        for side in ("with", "without"):
            for snippet in rec[side]:
                located = scorer.locate(ntext, pos, snippet)
                if not located:
                    skipped += 1
                    continue
                codes = sorted({c for s, e, c in found if scorer.overlaps(located[0], [(s, e)])})
                if not scorer.overlaps(located[0], blocks):
                    outside[(side, bool(codes))] += 1
                shown = rendered_span(scorer, ntext, pos, snippet, blocks) or located[0]
                rendered.add(side, any(scorer.overlaps(shown, [(s, e)]) for s, e, _ in found))
                overall.add(side, bool(codes))
                by_lang[rec["lang"]].add(side, bool(codes))
                by_code.update((code, side) for code in codes)
                if out:
                    out.write(
                        json.dumps(
                            {
                                "id": rec["id"],
                                "kind": side,
                                "snippet": snippet,
                                "flagged": bool(codes),
                                "codes": codes,
                                "location": located[0],
                            },
                            ensure_ascii=False,
                        )
                        + "\n"
                    )
    if out:
        out.close()
    languages = sorted(by_lang.items(), key=lambda kv: -kv[1].figures()["snippets"])
    return {
        "pages": len(pages),
        "skipped": skipped,
        "failed": failed,
        "overall": overall.figures(),
        "rendered": rendered.figures(),
        "languages": {lang: counts.figures() for lang, counts in languages},
        "codes": by_code,
        "outside_text": {f"{side}_{'flagged' if flagged else 'unflagged'}": n for (side, flagged), n in outside.items()},
    }


def rendered_span(
    scorer: ModuleType, ntext: str, pos: Sequence[int], snippet: str, blocks: Sequence[tuple[int, int]]
) -> tuple[int, int] | None:
    """The first occurrence of ``snippet`` that lies in a text block (what a reader of the page sees),
    or None. The corpus scorer takes the first occurrence in the file, which on an HTML page is often
    in a ``<meta>`` tag, JSON-LD or an attribute ahead of the rendered text; artlint checks rendered
    text only, so this second figure says how it does on the text a reader sees."""
    for span in scorer.locate(ntext, pos, snippet, all_occurrences=True):
        if scorer.overlaps(span, blocks):
            return span  # type: ignore[no-any-return]
    return None


def clean_news(corpora: Path) -> tuple[int, Counter[str]]:
    """The number of clean-news dev articles and the BP findings on them per code."""
    engine = boilerplate_engine()
    paths = sorted((corpora / "clean-news" / "dev").glob("*/*.txt"))
    codes: Counter[str] = Counter()
    for path in paths:
        codes.update(code for _, _, code in findings_for(engine, path, "txt").findings)
    return len(paths), codes


@dataclass(frozen=True, slots=True)
class Example:
    """A block holding a located snippet: its page, whether it is a template phrase, its signals and label."""

    page: int
    templated: bool
    signals: tuple[float, ...]
    boilerplate: bool


def training_examples(scorer: ModuleType, split: Path) -> list[Example]:
    """The snippet blocks of every tuning .txt page, as the classifier sees them."""
    rule = TemplateBlock()
    rule.setup(Lexicons())
    examples: list[Example] = []
    for page, rec in enumerate(records(split, quick=False, part="tune")):
        path, text = scorer.read_input(str(split), rec["id"], "txt")
        document = parse(decode(Path(path).read_bytes()), "text")
        analysis = rule.analyse(document.blocks, rule.templated(document.blocks))
        signals = list(analysis.signals)
        starts = [b.start for b in document.blocks]
        ntext, pos = scorer.norm_with_map(text)
        for side in ("with", "without"):
            for snippet in rec[side]:
                located = scorer.locate(ntext, pos, snippet)
                if located:
                    i = max(0, bisect.bisect_right(starts, located[0][0]) - 1)
                    examples.append(Example(page, analysis.templated[i], signals[i], side == "without"))
    return examples


def fit_model(examples: Sequence[Example]) -> dict[str, Any]:
    """The tree ensemble (as the table ``TreeModel.from_table`` reads) fitted on the blocks
    that are no template phrase (the BP0xx rules report those)."""
    chosen = [e for e in examples if not e.templated]
    return fit_trees(np.array([e.signals for e in chosen]), np.array([float(e.boilerplate) for e in chosen]))


def cross_validate(examples: Sequence[Example], thresholds: Sequence[float]) -> dict[float, dict[str, float]]:
    """Snippet-level figures of BP100 plus the phrase lexicons at each of ``thresholds``, each page
    scored by trees fitted without it (FOLDS folds by page, summed over REPEATS assignments of pages
    to folds: one assignment of 234 pages moves F1 by about 0.01); the pattern rules are left out."""
    counts = {threshold: [0, 0, 0] for threshold in thresholds}  # tp, fp, fn
    for repeat in range(REPEATS):
        fold_of = {page: _fold(repeat, page) for page in {e.page for e in examples}}
        for fold in range(FOLDS):
            model = TreeModel.from_table(fit_model([e for e in examples if fold_of[e.page] != fold]))
            for e in (e for e in examples if fold_of[e.page] == fold):
                p = model.probability(e.signals)
                for threshold, count in counts.items():
                    flagged = e.templated or p >= threshold
                    count[0] += flagged and e.boilerplate
                    count[1] += flagged and not e.boilerplate
                    count[2] += not flagged and e.boilerplate
    return {
        threshold: {"precision": tp / (tp + fp), "recall": tp / (tp + fn), "f1": 2 * tp / (2 * tp + fp + fn)}
        for threshold, (tp, fp, fn) in counts.items()
    }


def _fold(repeat: int, page: int) -> int:
    return int(hashlib.sha1(f"{repeat}:{page}".encode()).hexdigest(), 16) % FOLDS


def fit_trees(x: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    """Gradient boosting of regression trees on the logistic loss (Newton steps, L2 on leaf
    values; Friedman 2001, Chen and Guestrin 2016): ``TREES`` trees of depth ``DEPTH``, each
    scaled by ``RATE``. Every node keeps its value, so a finding can say which splits raised it."""
    prior = min(max(float(y.mean()), 1e-6), 1 - 1e-6)
    base = math.log(prior / (1 - prior))
    score = np.full(len(y), base)
    names = list(SIGNALS)
    trees = []
    for _ in range(TREES):
        p = 1.0 / (1.0 + np.exp(-score))
        nodes = _grow(x, y - p, p * (1 - p), np.arange(len(y)), 0)
        trees.append({
            "signal": [names[n[0]] if n[0] >= 0 else "" for n in nodes],
            "threshold": [round(n[1], 6) for n in nodes],
            "left": [n[2] for n in nodes],
            "right": [n[3] for n in nodes],
            "value": [round(RATE * n[4], 6) for n in nodes],
        })  # fmt: skip
        for row in range(len(y)):
            score[row] += trees[-1]["value"][_leaf(nodes, x[row])]
    return {"base": round(base, 6), "tree": trees}


Node = list[Any]  # [column (-1 at a leaf), threshold, left, right, value]


def _grow(x: np.ndarray, g: np.ndarray, h: np.ndarray, rows: np.ndarray, depth: int) -> list[Node]:
    """The nodes of one tree for ``rows`` (gradient ``g``, hessian ``h``), root first, children after parents."""
    total_g, total_h = float(g[rows].sum()), float(h[rows].sum())
    nodes: list[Node] = [[-1, 0.0, -1, -1, total_g / (total_h + LEAF_L2)]]
    if depth == DEPTH:
        return nodes
    best_gain, best = 0.0, None
    parent = total_g**2 / (total_h + LEAF_L2)
    for column in range(x.shape[1]):
        order = rows[np.argsort(x[rows, column], kind="stable")]
        values = x[order, column]
        cut = np.nonzero(values[:-1] < values[1:])[0]
        if not len(cut):
            continue
        left_g, left_h = np.cumsum(g[order])[cut], np.cumsum(h[order])[cut]
        right_g, right_h = total_g - left_g, total_h - left_h
        gain = left_g**2 / (left_h + LEAF_L2) + right_g**2 / (right_h + LEAF_L2) - parent
        gain[(left_h < MIN_HESSIAN) | (right_h < MIN_HESSIAN)] = -1.0
        k = int(np.argmax(gain))
        if gain[k] > best_gain:
            best_gain, best = float(gain[k]), (column, float(values[cut[k]] + values[cut[k] + 1]) / 2)
    if best is None:
        return nodes
    column, threshold = best
    left = _grow(x, g, h, rows[x[rows, column] <= threshold], depth + 1)
    right = _grow(x, g, h, rows[x[rows, column] > threshold], depth + 1)
    nodes[0][:4] = [column, threshold, 1, 1 + len(left)]
    return nodes + _shift(left, 1) + _shift(right, 1 + len(left))


def _shift(nodes: list[Node], offset: int) -> list[Node]:
    return [[c, t, l + offset if c >= 0 else -1, r + offset if c >= 0 else -1, v] for c, t, l, r, v in nodes]


def _leaf(nodes: list[Node], row: np.ndarray) -> int:
    k = 0
    while nodes[k][0] >= 0:
        k = nodes[k][2] if row[nodes[k][0]] <= nodes[k][1] else nodes[k][3]
    return k


def write_model(path: Path, model: dict[str, Any], count: int) -> None:
    about = [
        "The plain-text boilerplate classifier (BP100): a boosted ensemble of regression trees over the signals",
        "of artlint/checks/boilerplate/signals.py. A block's score is base plus the value of the leaf it reaches",
        "in every tree (an inner node sends it to left when its value of signal is at most threshold, else to",
        "right; a leaf has no signal); its probability of being template is the logistic of that score. Inner",
        "nodes keep their value too: the change from a node to its child is credited to the node's signal when",
        "a finding says what fired. Fitted by `python -m bench.boilerplate --fit` on the tune part of the",
        "boilerplate dev corpus (the check third, set aside by a hash of the page ids, is never fitted on):",
        f"gradient boosting on the logistic loss, {TREES} trees of depth {DEPTH}, rate {RATE}, leaf L2 {LEAF_L2},",
        f"at least {MIN_HESSIAN} hessian per leaf; {count} snippet blocks that are no template phrase. JSON, not",
        "TOML: it parses about 15 times faster.",
    ]
    lines = ["{", f'"about": {json.dumps(about, indent=1)},', f'"base": {model["base"]},', '"tree": [']
    lines.append(",\n".join(json.dumps(tree, separators=(",", ":")) for tree in model["tree"]))
    lines += ["]", "}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def figures_line(name: str, fig: dict[str, Any]) -> str:
    return (
        f"{name:8s} n={fig['snippets']:5d} TP={fig['tp']:4d} FP={fig['fp']:4d} FN={fig['fn']:4d} TN={fig['tn']:4d}"
        f"  P={fig['precision']:.4f} R={fig['recall']:.4f} F1={fig['f1']:.4f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    add_corpora_argument(parser)
    parser.add_argument("--input", choices=("html", "txt"), default="txt")
    parser.add_argument("--quick", action="store_true", help=f"every {QUICK_EVERY}th page only")
    parser.add_argument("--clean-news", action="store_true", help="also count BP findings on clean-news/dev")
    parser.add_argument("--details", type=Path, help="write one JSON line per located snippet here")
    parser.add_argument(
        "--part", choices=("all", "tune", "check"), default="all",
        help="all pages, or the tuning two thirds or the check third (set aside by a hash of the page id)",
    )  # fmt: skip
    parser.add_argument("--fit", action="store_true", help=f"refit the BP100 weights into {MODEL}")
    args = parser.parse_args(argv)
    scorer = load_scoring_module(args.corpora, "bp_score")
    split = args.corpora / "boilerplate" / "dev"
    if args.fit:
        examples = training_examples(scorer, split)
        write_model(MODEL, fit_model(examples), sum(1 for e in examples if not e.templated))
        threshold = TemplateBlock.defaults["threshold"]
        figures = cross_validate(examples, sorted({threshold, *CV_THRESHOLDS}))
        cv = figures[threshold]
        print(
            f"wrote {MODEL}; {FOLDS}-fold cross-validated (by page, {REPEATS} fold assignments) BP100 + phrase "
            f"lexicons on .txt snippet blocks at threshold {threshold}: "
            f"P={cv['precision']:.4f} R={cv['recall']:.4f} F1={cv['f1']:.4f}"
        )
        print("cross-validated F1 by threshold: " + ", ".join(f"{t} {f['f1']:.4f}" for t, f in figures.items()))
    began = time.perf_counter()
    result = score(scorer, split, args.input, args.quick, args.details, args.part)
    print(
        f"boilerplate dev ({args.part}), input {args.input}: {result['pages']} pages, {result['skipped']} snippets not located "
        f"(skipped), {len(result['failed'])} pages unreadable, {time.perf_counter() - began:.1f} s"
    )
    print(figures_line("overall", result["overall"]))
    if args.input == "html":
        print(figures_line("rendered", result["rendered"]) + "  (each snippet where a reader sees it, if anywhere)")
    for lang, fig in result["languages"].items():
        print(figures_line(lang, fig))
    codes = result["codes"]
    outside = result["outside_text"]
    if outside:
        print(
            "located outside the text blocks (meta, scripts, attributes, comments): "
            + ", ".join(f"{key.replace('_', ' ')} {n}" for key, n in sorted(outside.items()))
        )
    print(
        "flagged snippets by code (without/with): "
        + ", ".join(f"{c} {codes[(c, 'without')]}/{codes[(c, 'with')]}" for c in sorted({c for c, _ in codes}))
    )
    summary: dict[str, Any] = {"input": args.input, "part": args.part, **result["overall"], "outside_text": outside}
    if args.input == "html":
        summary["rendered_f1"] = result["rendered"]["f1"]
    if args.clean_news:
        articles, found = clean_news(args.corpora)
        total = sum(found.values())
        summary["clean_news_per_50"] = round(50 * total / articles, 2)
        print(
            f"clean-news dev: {total} BP findings in {articles} articles ({summary['clean_news_per_50']:.2f} per 50 "
            "articles)" + (": " + ", ".join(f"{c} {n}" for c, n in found.most_common()) if found else "")
        )
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
