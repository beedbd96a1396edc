"""Grammar benchmark: the grammar back ends side by side, their noise on clean news and their cost.

    cd /work/main && .venv/bin/python -m bench.grammar --corpora ../shared/corpora \
        [--every N] [--language en] [--details FILE] [--backend embedded,languagetool]
        [--languagetool-path "$(scripts/languagetool.sh fetch)" | --languagetool-server URL]

Runs the grammar (GR) rules that are on by default, in-process, as ``artlint check --grammar
BACKEND`` would, for each back end: on every article of ``clean-news/dev`` (edited BBC news,
where every flag is presumed false) and on the real-world corpus's controls (professionally
edited articles, ``kind = "control"``). Prints the start-up cost (import and first use of the
back end; a LanguageTool server's start included), CPU time per 1,000 words (a LanguageTool
server's included when this process started it from ``--languagetool-path``), the server's
memory, findings per 1,000 words by code and by back-end rule, and the share of articles
flagged. Words are whitespace-separated tokens, as in ``corpora/scoring/news_flags.py``. The
last line is one JSON object: the first back end's figures, and every back end's under
``backends``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

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


def controls(corpora: Path) -> list[Path]:
    """The real-world corpus's controls: professionally edited articles (``kind = "control"``)."""
    dev = corpora / "realworld" / "dev"
    sources = json.loads((dev / "sources.json").read_text(encoding="utf-8"))
    return [dev / "docs" / f"{key}.txt" for key, source in sorted(sources.items()) if source["kind"] == "control"]


class Server:
    """CPU time and memory of the LanguageTool server this process started (Linux ``/proc``), if any."""

    def __init__(self, started: bool) -> None:
        self.pid = next((pid for pid in _children() if _status(pid).get("Name") == "java"), None) if started else None

    def cpu(self) -> float:
        """Seconds of CPU the server has used so far (0 when there is no server to read)."""
        if self.pid is None:
            return 0.0
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def memory_mb(self) -> dict[str, float] | None:
        """Its resident memory now and at its peak, in MB."""
        if self.pid is None:
            return None
        status = _status(self.pid)
        return {key: round(int(status[field].split()[0]) / 1024, 1) for key, field in (("rss_mb", "VmRSS"), ("peak_rss_mb", "VmHWM"))}


def _children() -> list[int]:
    own = os.getpid()
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1]) == own:
                found.append(int(proc.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def _status(pid: int) -> dict[str, str]:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return dict(line.split(":\t", 1) for line in lines if ":\t" in line)


def measure(engine: Engine, paths: Sequence[Path], server: Server, out: TextIO | None) -> dict[str, Any]:
    """Findings and cost of ``engine``'s grammar rules on ``paths``; ``out`` receives every finding."""
    texts = [p.read_text(encoding="utf-8") for p in paths]
    words = sum(len(t.split()) for t in texts)
    by_code: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    flagged = 0
    started, cpu, server_cpu = time.perf_counter(), time.process_time(), server.cpu()
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
    wall, cpu, server_cpu = time.perf_counter() - started, time.process_time() - cpu, server.cpu() - server_cpu
    total = sum(by_code.values())

    def per_1k(n: float) -> float:
        return round(1000 * n / words, 3) if words else 0.0

    return {
        "articles": len(texts), "words": words, "cpu_s": round(cpu, 2), "server_cpu_s": round(server_cpu, 2),
        "wall_s": round(wall, 2),
        "cpu_ms_per_1k_words": round(1000 * (cpu + server_cpu) / words * 1000, 1) if words else 0.0,
        "findings": total, "findings_per_1k_words": per_1k(total),
        "articles_flagged": round(flagged / len(texts), 4) if texts else 0.0,
        "by_code": {code: {"findings": n, "per_1k_words": per_1k(n)} for code, n in sorted(by_code.items())},
        "top_rules": [{"rule": r, "findings": n, "per_1k_words": per_1k(n)} for r, n in by_rule.most_common(15)],
    }


def run(corpora: Path, settings: GrammarSettings, every: int, details: Path | None = None) -> dict[str, Any]:
    """Figures of the grammar rules of ``settings`` on ``clean-news/dev`` (every ``every``-th
    article) and on the real-world controls, with start-up, CPU (a LanguageTool server's
    included when this process started it) and the server's memory.

    ``details`` receives one JSON line per finding (path, code, excerpt, message).
    """
    news = sorted((corpora / "clean-news" / "dev").rglob("*.txt"))[::every]
    engine, setup = grammar_engine(settings)
    server = Server(started=settings.languagetool_path is not None)
    started, cpu = time.perf_counter(), time.process_time()
    engine.lint(parse(SourceText("Warm up the back end."), "text"), "<start-up>")
    startup = setup + time.perf_counter() - started
    startup_cpu = time.process_time() - cpu + server.cpu()  # the server's since it started
    out = details.open("w", encoding="utf-8") if details else None
    try:
        res = measure(engine, news, server, out)
        res["controls"] = measure(engine, controls(corpora), server, out)
    finally:
        if out:
            out.close()
    return {"backend": settings.backend, "language": settings.language, "startup_s": round(startup, 3),
            "startup_cpu_s": round(startup_cpu, 3), "server_memory": server.memory_mb(), **res}


def report(res: dict[str, Any]) -> None:
    """Print one back end's figures."""
    controls = res["controls"]
    print(f"grammar back end {res['backend']} ({res['language']}): {res['articles']} clean-news articles, "
          f"{res['words']} words; {controls['articles']} real-world controls, {controls['words']} words")
    print(f"  start-up: {res['startup_s']:.2f} s wall ({res['startup_cpu_s']:.2f} s CPU), once per process")
    server = f" ({res['server_cpu_s']:.1f} s of it in the LanguageTool server)" if res["server_cpu_s"] else ""
    print(f"  cost: {res['cpu_ms_per_1k_words']:.0f} ms CPU per 1,000 words{server}; {res['wall_s']:.1f} s wall")
    if res["server_memory"]:
        print(f"  server memory: {res['server_memory']['rss_mb']:.0f} MB resident at the end, "
              f"{res['server_memory']['peak_rss_mb']:.0f} MB at its peak")
    for name, figures in (("clean-news", res), ("controls", controls)):
        print(f"  {name}: {figures['findings']} findings, {figures['findings_per_1k_words']} per 1,000 words; "
              f"{figures['articles_flagged']:.1%} of articles flagged")
        for code, counts in figures["by_code"].items():
            print(f"    {code}  {counts['findings']:5d}  {counts['per_1k_words']:6.3f} per 1k words")
    print("  most frequent back-end rules on clean-news:")
    for row in res["top_rules"]:
        print(f"    {row['per_1k_words']:6.3f}  {row['findings']:5d}  {row['rule']}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, required=True, help="The shared corpora folder.")
    parser.add_argument("--backend", default="embedded",
                        help="Back ends to compare, comma-separated: embedded, languagetool (default: embedded).")
    parser.add_argument("--language", default=GrammarSettings().language)
    parser.add_argument("--languagetool-server", default=None, help="A running LanguageTool server's URL.")
    parser.add_argument("--languagetool-path", type=Path, default=None,
                        help='LanguageTool\'s jars, e.g. "$(scripts/languagetool.sh fetch)": this process starts the '
                             "server, so its CPU and memory are measured too.")
    parser.add_argument("--every", type=int, default=1, help="Check every N-th clean-news article (quicker).")
    parser.add_argument("--details", type=Path, default=None, help="Write every finding to this JSON-lines file.")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    for backend in args.backend.split(","):
        if backend == "languagetool" and not (args.languagetool_server or args.languagetool_path):
            parser.error('languagetool needs --languagetool-path "$(scripts/languagetool.sh fetch)" or --languagetool-server')
        lt = backend == "languagetool"
        settings = GrammarSettings(backend=backend, language=args.language,
                                   languagetool_server=args.languagetool_server if lt else None,
                                   languagetool_path=args.languagetool_path if lt else None)
        details = args.details
        if details and "," in args.backend:
            details = details.with_suffix(f".{backend}{details.suffix}")
        results[backend] = run(args.corpora, settings, max(1, args.every), details)
        report(results[backend])
    print(json.dumps({**next(iter(results.values())), "backends": results}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
