"""Without blingfire's library (ARM, Apple Silicon), the pure-Python splitter stands in for it
and the rules find the same: on every rule example and on the seeds."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import SEEDS

from artlint import segment
from artlint.config import Overrides
from artlint.engine import ActiveRule, Engine
from artlint.lexicon import Lexicons
from artlint.markup import parse
from artlint.model import Family
from artlint.registry import registry_for
from artlint.rule import example_span
from artlint.runner import Runner
from artlint.source import SourceText

pytestmark = pytest.mark.skipif(segment._blingfire() is None, reason="compares with blingfire, which does not load here")

REGISTRY = registry_for(())

Findings = list[list[tuple[str, int, int, str]]]


def _without_blingfire(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a machine where blingfire's library does not load."""
    monkeypatch.setattr(segment, "_blingfire", lambda: None)


def _both_ways(monkeypatch: pytest.MonkeyPatch, run: Callable[[], Findings]) -> tuple[Findings, Findings]:
    with_library = run()
    _without_blingfire(monkeypatch)
    return with_library, run()


@pytest.mark.parametrize(
    ("text", "spans"),
    [("Mr. Smith met Dr. Jones in the U.S. on Monday. They talked.", ["Mr. Smith met Dr. Jones in the U.S. on Monday.", "They talked."]),
     ('He said "stop." Then he left. It cost $2.5bn. Why?" she asked.', ['He said "stop."', "Then he left.", 'It cost $2.5bn.', 'Why?"', "she asked."]),
     ("J. K. Rowling wrote it. the end. Fine", ["J. K. Rowling wrote it. the end.", "Fine"])],
)
def test_the_fallback_splits_as_blingfire(monkeypatch: pytest.MonkeyPatch, text: str, spans: list[str]) -> None:
    assert [text[a:b] for a, b in segment.split_sentences(text)] == spans
    _without_blingfire(monkeypatch)
    assert [text[a:b] for a, b in segment.split_sentences(text)] == spans


def test_rule_examples_give_the_same_findings_without_blingfire(monkeypatch: pytest.MonkeyPatch) -> None:
    specs = [s for s in REGISTRY.runnable() if s.family is not Family.GRAMMAR]  # their back end is slow
    engine = Engine([ActiveRule(REGISTRY.create(s.code), s.severity) for s in specs], Lexicons(), REGISTRY.specs)
    examples = [(example_span(e)[0], s.example_kind) for s in specs for e in (*s.fires, *s.silent)]

    def run() -> Findings:
        return [[(f.code, f.start, f.end, f.message) for f in engine.lint(parse(SourceText(text), kind), "<test>")]
                for text, kind in examples]

    with_library, without = _both_ways(monkeypatch, run)
    assert sum(map(len, with_library)) > len(examples)
    assert without == with_library


def test_seeds_give_the_same_findings_without_blingfire(monkeypatch: pytest.MonkeyPatch) -> None:
    seeds = sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".md", ".html"))

    def run() -> Findings:
        runner = Runner(Overrides(isolated=True))
        return [[(f.code, f.start, f.end, f.message) for f in runner.check_bytes(
            path.read_bytes(), path.name, runner.resolver.for_directory(SEEDS), "text").findings] for path in seeds]

    with_library, without = _both_ways(monkeypatch, run)
    assert any(with_library)
    assert without == with_library
