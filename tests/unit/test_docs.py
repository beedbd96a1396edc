"""Documentation generated from the registry stays current, and the contributor guide's example runs."""

from __future__ import annotations

from typing import Any

from conftest import ROOT

from artlint.engine import ActiveRule, Engine
from artlint.lexicon import Lexicons
from artlint.markup import parse
from artlint.registry import registry_for
from artlint.rule import example_span
from artlint.ruledocs import rules_markdown
from artlint.source import SourceText


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


def test_the_python_rule_of_the_contributor_guide_runs_as_written() -> None:
    guide = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    code = guide.split("## Adding a Python rule", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, Any] = {"__name__": "comma_end"}
    exec(compile(code, "comma_end.py", "exec"), namespace)  # noqa: S102 - the guide's own example
    rule = namespace["CommaEnd"]()
    engine = Engine([ActiveRule(rule, rule.spec.severity)], Lexicons(), registry_for(()).specs)
    fires, spans = example_span(rule.spec.fires[0])
    found = engine.lint(parse(SourceText(fires), "text"), "<guide>")
    assert [(f.code, f.location.start, f.location.end) for f in found] == [("MT098", *span) for span in spans]
    assert engine.lint(parse(SourceText(rule.spec.silent[0]), "text"), "<guide>") == []
