"""What every benchmark shares: paths, the corpora argument, the scorers, table printing."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_86da29c17ddbe20d.txt"
DEFAULT_CORPORA = REPO.parent / "shared" / "corpora"


def add_corpora_argument(parser: argparse.ArgumentParser) -> None:
    """``--corpora DIR``: the folder holding boilerplate/, clean-news/, mt-fluency/, scoring/."""
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help=f"corpora folder (default {DEFAULT_CORPORA})")


def load_scoring_module(corpora: Path, name: str) -> ModuleType:
    """A scorer from ``<corpora>/scoring/<name>.py``, so artlint and the peers are scored by the same code."""
    scoring = corpora / "scoring"
    if str(scoring) not in sys.path:
        sys.path.insert(0, str(scoring))
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, scoring / f"{name}.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer {scoring / (name + '.py')}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A plain aligned table on stdout."""
    table = [tuple(header), *(tuple(r) for r in rows)]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for index, row in enumerate(table):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
        if index == 0:
            print("  ".join("-" * width for width in widths))
