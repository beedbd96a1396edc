"""Shared fixtures: linting a text with chosen rules, and the paths of the project's data."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from artlint.checks.boilerplate.site_template import SiteTemplate
from artlint.engine import ActiveRule, Engine
from artlint.lexicon import Lexicons
from artlint.markup import parse
from artlint.model import Finding
from artlint.registry import Registry, registry_for
from artlint.sitetemplates import learn
from artlint.source import SourceText

# CI explores the same generated cases on every run, so main stays green on a given commit;
# developers' runs keep exploring new ones (add what they find to tests/robustness/corpus).
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

# MT023's unpacked language model is kept in the user's cache folder
# (artlint.storage.user_cache_dir): the suite, and the artlint processes it starts, keep theirs
# in a folder of their own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="artlint-tests-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], ignore_errors=True)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


EXAMPLE_TEMPLATES = learn(("", page) for page in SiteTemplate.example_site)
"""What was learned of the site of BP040's examples (other documents have no site templates)."""


def lint_with(registry: Registry, codes: Sequence[str], text: str, kind: str = "text",
              params: dict[str, dict] | None = None) -> list[Finding]:
    """Findings of only ``codes`` on ``text``."""
    rules = [ActiveRule(registry.create(code, (params or {}).get(code)), registry.specs[code].severity) for code in codes]
    engine = Engine(rules, Lexicons(registry.rules_dirs), registry.specs, templates=EXAMPLE_TEMPLATES)
    return engine.lint(parse(SourceText(text), kind), "<test>")


@pytest.fixture(scope="session")
def registry() -> Registry:
    """The built-in registry."""
    return registry_for(())


@pytest.fixture
def lint(registry: Registry) -> Callable[..., list[Finding]]:
    """``lint(codes, text, kind="text")`` with the built-in registry."""

    def run(codes: Sequence[str], text: str, kind: str = "text", params: dict[str, dict] | None = None) -> list[Finding]:
        return lint_with(registry, codes, text, kind, params)

    return run


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite seeds/*.findings.snap from the current findings.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether golden snapshots are rewritten instead of compared."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(autouse=True)
def results_cache_elsewhere(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep ``artlint check``'s results cache out of the projects tests build and inspect."""
    monkeypatch.setenv("ARTLINT_CACHE_DIR", str(tmp_path_factory.mktemp("artlint-cache")))


def install_plugin(folder: Path, module: str, rule_class: str, source: str) -> None:
    """A fake installed distribution in ``folder`` publishing ``module.rule_class`` as an artlint rule."""
    dist = folder / f"{module}-0.1.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(f"[artlint.rules]\nrule = {module}:{rule_class}\n", encoding="utf-8")
    (folder / f"{module}.py").write_text(source, encoding="utf-8")


def files_read(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[Path]:
    """The paths given to ``owner.name`` (a function of one path) from now on; it still runs."""
    read: list[Path] = []
    original = getattr(owner, name)

    def recording(path: Path) -> object:
        read.append(path)
        return original(path)

    monkeypatch.setattr(owner, name, recording)
    return read
