"""Real-world recall: the realworld corpus's own scorer on artlint's findings, in-process.

    python -m bench.realworld [--corpora ../shared/corpora]

Lints every document of ``<corpora>/realworld/dev/docs`` with the default rules (as
``artlint check`` does from an empty folder) and scores the findings with
``realworld/scoring/score.py``'s matching and summary (imported, not copied), so the figures
are the ones that scorer prints for ``--run-artlint``. The last line printed is one JSON object:
must-flag recall per family (same-family rule), silent items flagged, false findings per
1,000 words on the controls.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from bench.common import add_corpora_argument


def load_scorer(corpora: Path) -> ModuleType:
    """The realworld scorer module ``realworld/scoring/score.py``."""
    path = corpora / "realworld" / "scoring" / "score.py"
    spec = importlib.util.spec_from_file_location("realworld_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["realworld_score"] = module
    spec.loader.exec_module(module)
    return module


def findings_of(docs: dict[str, Any], tool_family: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Each document's findings in the shape the scorer reads from ``artlint check --format json``."""
    from artlint.config import Overrides
    from artlint.runner import Runner

    runner = Runner(Overrides(isolated=True))
    out: dict[str, list[dict[str, Any]]] = {}
    for doc, info in docs.items():
        path = Path(info["path"])
        result = runner.check_bytes(path.read_bytes(), path.name, runner.resolver.for_directory(path.parent), "text")
        out[doc] = [
            {"code": f.code, "name": f.name, "family": tool_family.get(f.family.label, f.family.label),
             "span": (f.start, f.end), "line": f.location.line, "excerpt": f.excerpt, "message": f.message,
             "related": [(r.location.start, r.location.end) for r in f.related]}
            for f in result.findings
        ]
    return out


def figures(corpora: Path) -> dict[str, Any]:
    """The scorer's headline figures for artlint's default rules on the dev split."""
    scorer = load_scorer(corpora)
    split = corpora / "realworld" / "dev"
    docs = scorer.load_docs(split / "docs", split / "sources.json")
    found = findings_of(docs, scorer.TOOL_FAMILY)
    rows = scorer.summarize(docs, found, scorer.match(docs, found))
    head = scorer.headline(rows)
    recall = {family: round(hit / total, 3) if total else None
              for family, (hit, total) in head["must_flag_recall_by_family"].items()}
    hit, total = head["must_flag_recall"]
    return {
        "recall": {"all": round(hit / total, 3), **recall},
        "counts": head["must_flag_recall_by_family"],
        "silent_flagged": head["silent_flagged"][0],
        "control_false_per_1k": head["control_false_per_1k"],
        "control_false_per_1k_without_readability": head["control_false_per_1k_without_readability"],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.realworld", description=(__doc__ or "").splitlines()[0])
    add_corpora_argument(parser)
    args = parser.parse_args(argv)
    result = figures(args.corpora)
    for family, (hit, total) in result["counts"].items():
        print(f"{family:14} must-flag recall {hit}/{total}")
    print(f"silent items flagged {result['silent_flagged']}; control false findings "
          f"{result['control_false_per_1k']} per 1k words")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
