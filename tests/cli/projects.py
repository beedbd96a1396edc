"""A small project for the fix and language-server tests: an article and the test rules.

The rules in ``tests/data/fix-rules`` (BP950 delete a 'See also' block, TY950 collapse a
doubled space, MT950 drop a repeated phrase: safe; CN950 'U.S.' to 'US': unsafe) make
these tests independent of the built-in rules.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from conftest import SEEDS

FIX_RULES = Path(__file__).resolve().parents[1] / "data" / "fix-rules"
CODES = ("BP950", "TY950", "MT950", "CN950")
SEED = SEEDS / "000_86da29c17ddbe20d.txt"


def make_project(root: Path, *, select: Sequence[str] = CODES) -> Path:
    """Write ``artlint.toml`` selecting ``select`` from the test rules into ``root``; return ``root``."""
    config = f"select = {json.dumps(list(select))}\nrules-dirs = [{json.dumps(FIX_RULES.as_posix())}]\n"
    (root / "artlint.toml").write_text(config, encoding="utf-8")
    return root


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
