"""The detection-quality gate: every family stays at or past the floors in bench/floors.toml.

Runs the quick benchmark (``python -m bench quality --quick --no-peers``) in-process on the
dev corpora in ``../shared/corpora`` (or ``$ARTLINT_CORPORA``); skipped, with the reason,
when they are absent. Select it alone with ``pytest -m quality``.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SHARED

FLOORS = tomllib.loads((ROOT / "bench" / "floors.toml").read_text(encoding="utf-8"))
CORPORA = Path(os.environ.get("ARTLINT_CORPORA", SHARED / "corpora"))
FAMILY_PREFIXES = {"BP": "bp_", "MT": "mt.", "CN": "cn.", "GR": "gr.", "seed": "seed.", "realworld": "rw."}


def figure(figures: dict[str, Any], path: str) -> float:
    """The figure at dotted ``path`` of the benchmark's JSON."""
    value: Any = figures
    for key in path.split("."):
        value = value[key]
    return float(value)


@pytest.fixture(scope="module")
def figures() -> dict[str, Any]:
    if not (CORPORA / "clean-news").is_dir():
        pytest.skip(f"quality gate: no corpora at {CORPORA} (set ARTLINT_CORPORA to the folder with clean-news/)")
    from bench.quality import ours, seed_annotation

    _, found = ours(CORPORA, quick=True)
    found["seed"] = seed_annotation()
    return found


def test_every_family_has_a_floor() -> None:
    paths = [*FLOORS["min"], *FLOORS["max"]]
    for family, prefix in FAMILY_PREFIXES.items():
        assert any(p.startswith(prefix) for p in paths), f"bench/floors.toml has no floor for {family}"


@pytest.mark.quality
@pytest.mark.parametrize(("path", "floor"), sorted(FLOORS["min"].items()))
def test_at_or_above_floor(figures: dict[str, Any], path: str, floor: float) -> None:
    value = figure(figures, path)
    assert value >= floor, f"{path} fell to {value:.3f}, below its floor {floor} in bench/floors.toml"


@pytest.mark.quality
@pytest.mark.parametrize(("path", "ceiling"), sorted(FLOORS["max"].items()))
def test_at_or_below_ceiling(figures: dict[str, Any], path: str, ceiling: float) -> None:
    value = figure(figures, path)
    assert value <= ceiling, f"{path} rose to {value:.3f}, above its limit {ceiling} in bench/floors.toml"
