"""Every rule in the registry documents itself and its examples hold.

For each rule: every ``fires`` example yields exactly the ``⟦…⟧`` spans with that code, and
every ``silent`` example yields nothing from that rule.
"""

from __future__ import annotations

import pytest
from conftest import lint_with

from artlint.registry import registry_for
from artlint.rule import RuleSpec, example_span

REGISTRY = registry_for(())
SPECS = sorted(REGISTRY.runnable(), key=lambda s: s.code)


def test_registry_is_not_empty() -> None:
    assert len(SPECS) >= 1


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.code)
def test_rule_is_documented(spec: RuleSpec) -> None:
    assert spec.summary and spec.why, f"{spec.code} lacks a summary or rationale"
    assert spec.fires and spec.silent, f"{spec.code} needs examples that fire and that stay silent"
    for example in spec.fires:
        assert example_span(example)[1], f"{spec.code}: fires example without ⟦…⟧ span: {example!r}"


@pytest.mark.parametrize(
    ("spec", "example"),
    [(s, e) for s in SPECS for e in s.fires],
    ids=lambda v: v.code if isinstance(v, RuleSpec) else v[:40],
)
def test_fires_example(spec: RuleSpec, example: str) -> None:
    text, spans = example_span(example)
    findings = lint_with(REGISTRY, [spec.code], text, spec.example_kind)
    got = [(f.start, f.end) for f in findings if f.code == spec.code]
    assert got == spans, f"{spec.code} on {text!r}: expected {[text[a:b] for a, b in spans]}, got {[text[a:b] for a, b in got]}"


@pytest.mark.parametrize(
    ("spec", "example"),
    [(s, e) for s in SPECS for e in s.silent],
    ids=lambda v: v.code if isinstance(v, RuleSpec) else v[:40],
)
def test_silent_example(spec: RuleSpec, example: str) -> None:
    findings = lint_with(REGISTRY, [spec.code], example, spec.example_kind)
    assert [f.excerpt for f in findings if f.code == spec.code] == []
