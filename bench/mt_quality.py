"""Translation and typography benchmark: score artlint's MT and TY rules in-process.

    cd /work/main && .venv/bin/python -m bench.mt_quality --corpora ../shared/corpora \
        [--families MT,TY] [--skip-news] [--skip-mt] [--flags-out FILE]

Figures, with the definitions of the corpus scorers (imported from ``<corpora>/scoring``):

- mt-fluency (``mt_score.py``): span precision of the findings on MT segments against annotated
  Fluency/Style spans (all, and "local" findings of at most 30 characters), against any span,
  and false flags per 1,000 words on MT ``no_error`` segments and on human references; overall
  and per rule code. Every finding of a default-enabled rule counts, as with the command line.
- clean-news (``news_flags.py``): findings at warning level or above per 1,000 words of
  ``clean-news/dev``, overall and per rule code; every one is presumed false.

Every default-enabled rule of the chosen families in the registry is measured, so rules added
later are included. The last line printed is one JSON object with all figures.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from artlint.engine import ActiveRule, Engine
from artlint.lexicon import Lexicons
from artlint.markup import parse
from artlint.model import Finding, Severity
from artlint.registry import registry_for
from artlint.source import SourceText


def load_mt_scorer(corpora: Path) -> ModuleType:
    """The corpus scorer module ``scoring/mt_score.py``."""
    path = corpora / "scoring" / "mt_score.py"
    spec = importlib.util.spec_from_file_location("mt_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["mt_score"] = module  # its dataclass-like NamedTuple needs the module registered
    spec.loader.exec_module(module)
    return module


def family_engine(prefixes: Sequence[str]) -> Engine:
    """An engine running every default-enabled rule whose code starts with one of ``prefixes``."""
    registry = registry_for(())
    specs = sorted((s for s in registry.runnable() if s.enabled and s.code.startswith(tuple(prefixes))),
                   key=lambda s: s.code)
    rules = [ActiveRule(registry.create(s.code), s.severity) for s in specs]
    return Engine(rules, Lexicons(), registry.specs)


def lint_text(engine: Engine, text: str) -> list[Finding]:
    """Findings on ``text`` read as plain text, as ``artlint check -`` reads standard input."""
    return engine.lint(parse(SourceText(text), "text"), "<stdin>")


def mt_figures(scorer: ModuleType, engine: Engine, split: Path, flags_out: Path | None) -> dict[str, Any]:
    """mt_score's figures overall and for each rule code alone."""
    segments = [json.loads(line) for line in split.read_text(encoding="utf-8").splitlines() if line.strip()]
    flags = [[scorer.Flag(f.start, f.end, f.code, f.message) for f in lint_text(engine, s["text"])] for s in segments]
    if flags_out:
        with flags_out.open("w", encoding="utf-8") as out:
            for seg, found in zip(segments, flags):
                if found:
                    out.write(json.dumps({"id": seg["id"], "text": seg["text"], "errors": seg["errors"],
                                          "flags": [list(f) for f in found]}, ensure_ascii=False) + "\n")
    overall = scorer.score(segments, flags)
    overall.pop("by_kind", None)
    by_code: dict[str, dict[str, Any]] = {}
    for code in sorted({f.kind for found in flags for f in found}):
        figures = scorer.score(segments, [[f for f in found if f.kind == code] for found in flags])
        by_code[code] = {key: figures[key] for key in (
            "mt_flags", "span_precision_fluency_style", "span_precision_fluency_style_local", "local_flags",
            "span_precision_any", "false_flags_per_1k_words_no_error", "false_flags_per_1k_words_human")}
    return {"overall": overall, "by_code": by_code}


def news_figures(engine: Engine, folder: Path) -> dict[str, Any]:
    """Findings at warning level or above per 1,000 words (words as ``news_flags.py`` counts them)."""
    paths = sorted(folder.rglob("*.txt"))
    words = 0
    per_code: Counter[str] = Counter()
    flagged = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        words += len(text.split())
        found = [f for f in lint_text(engine, text) if f.severity >= Severity.WARNING]
        per_code.update(f.code for f in found)
        flagged += bool(found)
    total = sum(per_code.values())

    def per_1k(n: int) -> float:
        return round(1000 * n / words, 3) if words else 0.0

    return {
        "articles": len(paths), "words": words, "findings": total, "per_1k_words": per_1k(total),
        "articles_flagged": round(flagged / len(paths), 4) if paths else None,
        "by_code": {code: {"findings": n, "per_1k_words": per_1k(n)} for code, n in sorted(per_code.items())},
    }


def print_mt(result: dict[str, Any]) -> None:
    o = result["overall"]
    print(f"mt-fluency: {o['mt_flags']} flags on {o['mt_segments']} MT segments; span precision fluency/style "
          f"{o['span_precision_fluency_style']} (local {o['span_precision_fluency_style_local']}, "
          f"{o['local_flags']} local), any {o['span_precision_any']}; false flags /1k words: no_error "
          f"{o['false_flags_per_1k_words_no_error']}, human {o['false_flags_per_1k_words_human']}")
    print("  code    flags  fs-prec  local  any-prec  no_error/1kw  human/1kw")
    for code, k in result["by_code"].items():
        print(f"  {code}  {k['mt_flags']:6d}  {k['span_precision_fluency_style']!s:>7}  "
              f"{k['span_precision_fluency_style_local']!s:>5}  {k['span_precision_any']!s:>8}  "
              f"{k['false_flags_per_1k_words_no_error']!s:>12}  {k['false_flags_per_1k_words_human']!s:>9}")


def print_news(result: dict[str, Any]) -> None:
    print(f"clean-news: {result['findings']} findings (warning+) in {result['articles']} articles, "
          f"{result['words']} words: {result['per_1k_words']} per 1k words, "
          f"{result['articles_flagged']} of articles flagged")
    for code, k in result["by_code"].items():
        print(f"  {code}  {k['findings']:6d}  {k['per_1k_words']:.3f} per 1k words")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, required=True, help="the shared corpora folder")
    parser.add_argument("--families", default="MT,TY", help="comma-separated code prefixes (default MT,TY)")
    parser.add_argument("--skip-mt", action="store_true", help="do not score mt-fluency")
    parser.add_argument("--skip-news", action="store_true", help="do not score clean-news")
    parser.add_argument("--flags-out", type=Path, help="write the flagged mt-fluency segments here (JSON lines)")
    args = parser.parse_args(argv)
    engine = family_engine([p.strip().upper() for p in args.families.split(",") if p.strip()])
    result: dict[str, Any] = {"families": args.families, "codes": [a.spec.code for a in engine.rules]}
    started = time.perf_counter()
    if not args.skip_mt:
        scorer = load_mt_scorer(args.corpora)
        result["mt_fluency"] = mt_figures(scorer, engine, args.corpora / "mt-fluency" / "dev.jsonl", args.flags_out)
        print_mt(result["mt_fluency"])
    if not args.skip_news:
        result["clean_news"] = news_figures(engine, args.corpora / "clean-news" / "dev")
        print_news(result["clean_news"])
    result["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
