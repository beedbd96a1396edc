"""Properties of a whole run over generated hostile text, Markdown and HTML, with every default rule.

No input makes artlint raise or a rule crash; every finding quotes exactly its source span;
findings are sorted, unique and the same on a second run; fixing what was fixed changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile import KINDS, check_invariants, documents
from hypothesis import HealthCheck, given, settings

from artlint.config import Overrides
from artlint.fix import fix_text
from artlint.model import Finding
from artlint.runner import Runner

EXAMPLES = 150
CORPUS = Path(__file__).parent / "corpus"
RUNNER = Runner(Overrides(isolated=True))


def fixed_once_and_twice(text: str, kind: str) -> tuple[str, str]:
    """The run invariants on ``text`` and on its fixed text; the text fixed once and fixed again."""
    text = text.removeprefix("\ufeff")  # a leading BOM is not part of the text checked

    def lint(current: str) -> list[Finding]:
        return RUNNER.check_text(current, kind=kind)

    findings = lint(text)
    check_invariants(text, findings, lambda: lint(text))
    once = fix_text(text, findings, lint, unsafe=True)
    check_invariants(once.text, once.findings, lambda: lint(once.text))
    return once.text, fix_text(once.text, once.findings, lint, unsafe=True).text


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=documents("text"))
def test_generated_documents_keep_the_run_invariants(kind: str, data: str) -> None:
    once, twice = fixed_once_and_twice(data, kind)
    assert twice == once


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=EXAMPLES // 2, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=documents("markup"))
def test_generated_markup_keeps_the_run_invariants(kind: str, data: str) -> None:
    once, twice = fixed_once_and_twice(data, kind)
    assert twice == once


@pytest.mark.parametrize(("kind", "text"), [
    pytest.param(kind, case["text"], id=f"{kind}-{n}")
    for kind in KINDS
    for n, case in enumerate(json.loads(line) for line in (CORPUS / f"{kind}.jsonl").read_text("ascii").splitlines())
])
def test_corpus_keeps_the_run_invariants(kind: str, text: str) -> None:
    once, twice = fixed_once_and_twice(text, kind)
    assert twice == once


def test_lone_surrogates_are_checked_like_any_character() -> None:
    findings = RUNNER.check_text("The the \ud800 council said so.")
    assert [(f.code, f.start, f.end, f.excerpt) for f in findings] == [("MT001", 0, 7, "The the")]


def test_a_word_said_many_times_is_one_finding_fixed_in_one_pass() -> None:
    text = "The council council council met."
    findings = RUNNER.check_text(text)
    assert [(f.code, f.excerpt) for f in findings] == [("MT001", "council council council")]
    outcome = fix_text(text, findings, RUNNER.check_text)
    assert (outcome.text, outcome.passes) == ("The council met.", 1)


def test_in_memory_text_keeps_a_leading_feff_in_its_offsets() -> None:
    text = "\ufeff\ufeff\x1b"  # found by the property test: offsets were off by one
    findings = RUNNER.check_text(text, kind="markdown")
    assert "\x1b" in [f.excerpt for f in findings]
    assert all(text[f.start : f.end] == f.excerpt for f in findings)
