"""Documentation generated from the registry stays current."""

from __future__ import annotations

from conftest import ROOT

from artlint.registry import registry_for
from artlint.ruledocs import rules_markdown


def test_rule_reference_is_current() -> None:
    specs = sorted(registry_for(()).runnable(), key=lambda s: s.code)
    expected = rules_markdown(specs)
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == expected, "docs/rules.md is stale: run `artlint rules --format markdown > docs/rules.md`"


def test_every_rule_code_is_unique_and_in_its_family() -> None:
    specs = list(registry_for(()).runnable())
    assert len({s.code for s in specs}) == len(specs)
    assert len({s.name for s in specs}) == len(specs)
    for spec in specs:
        assert spec.code.startswith(spec.family.value)
