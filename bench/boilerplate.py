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

``--fit`` refits the weights of the plain-text classifier (BP100) on the tuning .txt pages and writes
them to ``rules/lexicons/boilerplate-classifier.toml``: one L2-regularised logistic regression
for the blocks its context pass keeps and one for those it rejects, on the blocks holding a
located snippet (template-phrase blocks aside, which the BP0xx rules report). It also prints a
cross-validated estimate (folds by page), the figure to expect on pages the weights never saw.
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

from artlint.checks.boilerplate.signals import SIGNALS
from artlint.checks.boilerplate.template_block import LinearModel, TemplateBlock
from artlint.engine import ActiveRule, Engine
from artlint.errors import InputError
from artlint.lexicon import Lexicons, builtin_rules_dir
from artlint.markup import parse
from artlint.model import Family
from artlint.registry import registry_for
from artlint.source import decode
from bench.common import add_corpora_argument, load_scoring_module

QUICK_EVERY = 4  # --quick scores every 4th page
L2 = 10.0  # regularisation of the fitted weights (on standardised signals)
FOLDS = 5  # cross-validation folds, by page
MODEL = builtin_rules_dir() / "lexicons" / "boilerplate-classifier.toml"


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
    """A block holding a located snippet: its page, the context pass's decision, signals and label."""

    page: int
    templated: bool
    kept: bool
    signals: tuple[float, ...]
    boilerplate: bool


def training_examples(scorer: ModuleType, split: Path) -> list[Example]:
    """The snippet blocks of every .txt page, as the classifier sees them."""
    rule = TemplateBlock()
    rule.setup(Lexicons())
    examples: list[Example] = []
    for page, rec in enumerate(records(split, quick=False, part="tune")):
        path, text = scorer.read_input(str(split), rec["id"], "txt")
        document = parse(decode(Path(path).read_bytes()), "text")
        analysis = rule.analyse(document.blocks, rule.templated(document.blocks))
        starts = [b.start for b in document.blocks]
        ntext, pos = scorer.norm_with_map(text)
        for side in ("with", "without"):
            for snippet in rec[side]:
                located = scorer.locate(ntext, pos, snippet)
                if located:
                    i = max(0, bisect.bisect_right(starts, located[0][0]) - 1)
                    examples.append(
                        Example(page, analysis.templated[i], analysis.kept[i], analysis.signals[i], side == "without")
                    )
    return examples


def fit_model(examples: Sequence[Example]) -> dict[bool, list[float]]:
    """Weights for kept and for rejected blocks (template-phrase blocks left out: BP0xx rules report them)."""
    fitted = {}
    for kept in (True, False):
        chosen = [e for e in examples if e.kept is kept and not e.templated]
        fitted[kept] = fit_logistic([e.signals for e in chosen], [int(e.boilerplate) for e in chosen], L2)
    return fitted


def cross_validate(examples: Sequence[Example], threshold: float) -> dict[str, float]:
    """Snippet-level figures of BP100 plus the phrase lexicons, each page scored by weights fitted
    without it (FOLDS folds by page); the pattern rules are left out."""
    tp = fp = fn = 0
    for fold in range(FOLDS):
        fitted = fit_model([e for e in examples if e.page % FOLDS != fold])
        model = LinearModel(tuple(fitted[True]), tuple(fitted[False]))
        for e in (e for e in examples if e.page % FOLDS == fold):
            flagged = e.templated or model.probability(e.signals, e.kept) >= threshold
            tp += flagged and e.boilerplate
            fp += flagged and not e.boilerplate
            fn += not flagged and e.boilerplate
    return {"precision": tp / (tp + fp), "recall": tp / (tp + fn), "f1": 2 * tp / (2 * tp + fp + fn)}


def fit_logistic(rows: Sequence[Sequence[float]], labels: Sequence[int], l2: float) -> list[float]:
    """Bias and weights of an L2-regularised logistic regression (Newton's method), on the raw signals."""
    d = len(rows[0])
    mean = [sum(r[j] for r in rows) / len(rows) for j in range(d)]
    scale = [math.sqrt(sum((r[j] - mean[j]) ** 2 for r in rows) / len(rows)) or 1.0 for j in range(d)]
    xs = [[1.0, *((r[j] - mean[j]) / scale[j] for j in range(d))] for r in rows]
    w = [0.0] * (d + 1)
    for _ in range(30):
        grad = [l2 * w[j] if j else 0.0 for j in range(d + 1)]
        hess = [[l2 if i == j and i else 0.0 for j in range(d + 1)] for i in range(d + 1)]
        for x, y in zip(xs, labels):
            p = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, sum(a * b for a, b in zip(w, x))))))
            r = p * (1.0 - p)
            for i in range(d + 1):
                grad[i] += (p - y) * x[i]
                row, rx = hess[i], r * x[i]
                for j in range(i, d + 1):
                    row[j] += rx * x[j]
        for i in range(d + 1):
            for j in range(i):
                hess[i][j] = hess[j][i]
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-6:
            break
    weights = [w[j + 1] / scale[j] for j in range(d)]
    return [w[0] - sum(weights[j] * mean[j] for j in range(d)), *weights]


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Solve ``matrix @ x = vector`` (Gaussian elimination with partial pivoting)."""
    n = len(vector)
    a = [row[:] + [vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(col + 1, n):
            factor = a[r][col] / a[col][col]
            for c in range(col, n + 1):
                a[r][c] -= factor * a[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (a[r][n] - sum(a[r][c] * x[c] for c in range(r + 1, n))) / a[r][r]
    return x


def write_model(path: Path, fitted: dict[bool, list[float]], counts: dict[bool, int]) -> None:
    lines = [
        "# Weights of the plain-text boilerplate classifier (BP100): a logistic score per block,",
        "# one set for the blocks its context pass keeps and one for those it rejects. Fitted by",
        "# `python -m bench.boilerplate --fit` on the tune part of the boilerplate dev corpus (the",
        "# check third, set aside by a hash of the page ids, is never fitted on; L2-regularised",
        f"# logistic regression, lambda {L2} on standardised signals; {counts[True]} kept and {counts[False]}",
        "# rejected snippet blocks). The signals are those of artlint/checks/boilerplate/signals.py.",
    ]
    for kept, part in ((True, "kept"), (False, "rejected")):
        lines += ["", f"[{part}]", f"bias = {fitted[kept][0]:.4f}"]
        lines += [
            f"{name} = {weight:.4f}  # {meaning}" for (name, meaning), weight in zip(SIGNALS.items(), fitted[kept][1:])
        ]
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
        counts = {kept: sum(1 for e in examples if e.kept is kept and not e.templated) for kept in (True, False)}
        write_model(MODEL, fit_model(examples), counts)
        cv = cross_validate(examples, TemplateBlock.defaults["threshold"])
        print(
            f"wrote {MODEL}; {FOLDS}-fold cross-validated (by page) BP100 + phrase lexicons on .txt snippet blocks: "
            f"P={cv['precision']:.4f} R={cv['recall']:.4f} F1={cv['f1']:.4f}"
        )
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
