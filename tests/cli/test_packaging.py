"""The wheel carries the engine, the rule definitions and the data files, and works alone."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from artlint.registry import registry_for

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("artlint-*.whl")
    return built


def test_wheel_contains_rules_and_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    rule_files = sorted(p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*") if p.is_file())
    assert rule_files, "the checkout has rule definitions"
    assert {f"artlint/_rules/{name}" for name in rule_files} <= names
    assert {"artlint/py.typed", "artlint/reporters/artlint-report.schema.json", "artlint/cli.py",
            "artlint/artlint.schema.json"} <= names


def test_registry_loads_from_the_unpacked_wheel(wheel: Path, tmp_path: Path) -> None:
    zipfile.ZipFile(wheel).extractall(tmp_path)
    script = (
        "import json, artlint.lexicon as l, artlint.registry as r;"
        "print(json.dumps([str(l.builtin_rules_dir()), r.Registry().codes]))"
    )
    out = subprocess.run([sys.executable, "-c", script], env={"PYTHONPATH": str(tmp_path)}, capture_output=True,
                         text=True, check=True, timeout=120)
    rules_dir, codes = json.loads(out.stdout)
    assert Path(rules_dir) == tmp_path / "artlint" / "_rules"
    assert codes == registry_for(()).codes
