"""Every rule in the registry documents itself and its examples hold.

For each rule: every ``fires`` example yields exactly the ``⟦…⟧`` spans with that code, and
every ``silent`` example yields nothing from that rule.
"""

from __future__ import annotations

import pytest
from conftest import lint_with

from artlint.engine import ActiveRule, Engine
from artlint.lexicon import Lexicons
from artlint.markup import parse
from artlint.model import Family
from artlint.registry import registry_for
from artlint.rule import RuleSpec, example_span
from artlint.source import SourceText

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


def test_every_example_gives_the_same_findings_later_in_a_run() -> None:
    """A run's first document scans phrases with each rule's own automaton, the later ones
    through the automaton shared by all (``PhraseScanner``): both give the same findings.
    (Grammar rules match no phrases, and their back end would take most of the time.)"""
    specs = [s for s in SPECS if s.family is not Family.GRAMMAR]
    engine = Engine([ActiveRule(REGISTRY.create(s.code), s.severity) for s in specs], Lexicons(), REGISTRY.specs)
    examples = [(example_span(e)[0], s.example_kind) for s in specs for e in (*s.fires, *s.silent)]

    def run() -> list[list[tuple[str, int, int, str]]]:
        return [[(f.code, f.start, f.end, f.message) for f in engine.lint(parse(SourceText(text), kind), "<test>")]
                for text, kind in examples]

    first = run()
    assert sum(map(len, first)) > len(examples)  # the examples do fire
    assert run() == first
