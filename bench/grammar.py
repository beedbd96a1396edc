"""Grammar benchmark: start-up and cost of the grammar back end, and its noise on clean news.

    cd /work/main && .venv/bin/python -m bench.grammar --corpora ../shared/corpora \
        [--every N] [--language en] [--details FILE]
        [--backend embedded|languagetool --languagetool-server URL]

Runs the grammar (GR) rules that are on by default, in-process, on every article of
``clean-news/dev`` (edited BBC news, where every flag is presumed false), as ``artlint check
--grammar BACKEND`` would. Prints the start-up cost (import and first use of the back end),
the back end's CPU time per 1,000 words, findings per 1,000 words by code and by back-end
rule, and the share of articles flagged. Words are whitespace-separated tokens, as in
``corpora/scoring/news_flags.py``. The last line is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from artlint.checks.grammar.base import bind_grammar
from artlint.config import GrammarSettings
from artlint.engine import ActiveRule, Engine
from artlint.lexicon import Lexicons
from artlint.markup import parse
from artlint.model import Family
from artlint.registry import registry_for
from artlint.source import SourceText

BACKEND_RULE = re.compile(r"\(((?:harper|languagetool):[\w.-]+)\)$")


def grammar_engine(settings: GrammarSettings) -> tuple[Engine, float]:
    """An engine of the default GR rules bound to ``settings``, and the seconds its set-up took."""
    registry = registry_for(())
    specs = sorted((s for s in registry.runnable() if s.family is Family.GRAMMAR and s.enabled), key=lambda s: s.code)
    rules = [ActiveRule(registry.create(s.code), s.severity) for s in specs]
    lexicons = Lexicons()
    started = time.perf_counter()
    bind_grammar([a.rule for a in rules], settings, lexicons)
    return Engine(rules, lexicons, registry.specs), time.perf_counter() - started


def run(corpora: Path, settings: GrammarSettings, every: int, details: Path | None = None) -> dict[str, Any]:
    """Figures of the grammar rules on ``clean-news/dev`` (every ``every``-th article).

    ``details`` receives one JSON line per finding (path, code, excerpt, message).
    """
    paths = sorted((corpora / "clean-news" / "dev").rglob("*.txt"))[::every]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    words = sum(len(t.split()) for t in texts)
    engine, setup = grammar_engine(settings)
    started, cpu = time.perf_counter(), time.process_time()
    engine.lint(parse(SourceText("Warm up the back end."), "text"), "<start-up>")
    startup = setup + time.perf_counter() - started
    startup_cpu = time.process_time() - cpu
    by_code: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    flagged = 0
    out = details.open("w", encoding="utf-8") if details else None
    started, cpu = time.perf_counter(), time.process_time()
    for path, text in zip(paths, texts):
        findings = [f for f in engine.lint(parse(SourceText(text), "text"), str(path)) if not f.code.startswith("AL")]
        flagged += bool(findings)
        for finding in findings:
            by_code[finding.code] += 1
            rule = BACKEND_RULE.search(finding.message)
            by_rule[rule.group(1) if rule else finding.code] += 1
            if out:
                out.write(json.dumps({"path": str(path), "code": finding.code, "excerpt": finding.excerpt,
                                      "line": finding.line, "message": finding.message}) + "\n")
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    if out:
        out.close()
    total = sum(by_code.values())

    def per_1k(n: float) -> float:
        return round(1000 * n / words, 3) if words else 0.0

    return {
        "backend": settings.backend, "language": settings.language, "articles": len(texts), "words": words,
        "startup_s": round(startup, 3), "startup_cpu_s": round(startup_cpu, 3),
        "cpu_s": round(cpu, 2), "wall_s": round(wall, 2),
        "cpu_ms_per_1k_words": round(1000 * cpu / words * 1000, 1) if words else 0.0,
        "findings": total, "findings_per_1k_words": per_1k(total),
        "articles_flagged": round(flagged / len(texts), 4) if texts else 0.0,
        "by_code": {code: {"findings": n, "per_1k_words": per_1k(n)} for code, n in sorted(by_code.items())},
        "top_rules": [{"rule": r, "findings": n, "per_1k_words": per_1k(n)} for r, n in by_rule.most_common(15)],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, required=True, help="The shared corpora folder.")
    parser.add_argument("--backend", default="embedded", choices=("embedded", "languagetool"))
    parser.add_argument("--language", default=GrammarSettings().language)
    parser.add_argument("--languagetool-server", default=None)
    parser.add_argument("--every", type=int, default=1, help="Check every N-th article (quicker).")
    parser.add_argument("--details", type=Path, default=None, help="Write every finding to this JSON-lines file.")
    args = parser.parse_args(argv)
    settings = GrammarSettings(backend=args.backend, language=args.language, languagetool_server=args.languagetool_server)
    res = run(args.corpora, settings, max(1, args.every), args.details)
    print(f"grammar back end {res['backend']} ({res['language']}): {res['articles']} articles, {res['words']} words")
    print(f"  start-up: {res['startup_s']:.2f} s wall ({res['startup_cpu_s']:.2f} s CPU), once per process")
    print(f"  cost: {res['cpu_ms_per_1k_words']:.0f} ms CPU per 1,000 words ({res['cpu_s']:.1f} s CPU, {res['wall_s']:.1f} s wall)")
    print(f"  findings: {res['findings']}, {res['findings_per_1k_words']} per 1,000 words; "
          f"{res['articles_flagged']:.1%} of articles flagged")
    for code, figures in res["by_code"].items():
        print(f"    {code}  {figures['findings']:5d}  {figures['per_1k_words']:6.3f} per 1k words")
    print("  most frequent back-end rules:")
    for row in res["top_rules"]:
        print(f"    {row['per_1k_words']:6.3f}  {row['findings']:5d}  {row['rule']}")
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
