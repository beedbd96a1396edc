"""Super-linear hot spots, counted rather than timed: work per long unpunctuated block, per
first block of separators and per suppression stays proportional to the input
(``bench/hostile.py`` prints the times)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from artlint import suppress
from artlint.checks.consistency import event_days, figures
from artlint.config import Overrides
from artlint.markup.document import Directive, DirectiveKind
from artlint.model import Family, Finding, Location, Severity
from artlint.runner import Runner
from artlint.suppress import IgnoreRange
from artlint.text import analysis

WORDS = ["council", "Monday", "Tuesday", "12", "million", "percent", "the", "said", "3.5", "1,000", "Friday", "votes"]


def _counting(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[int]:
    calls = [0]
    real = getattr(module, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_cn_rules_do_per_sentence_work_once_per_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    random.seed(7)
    text = " ".join(random.choice(WORDS) for _ in range(3_000)) + "\n"  # one sentence, hundreds of days and figures
    names = _counting(monkeypatch, event_days, "_names_in")
    entities = _counting(monkeypatch, figures, "_entities")
    Runner(Overrides(isolated=True, select=["CN"])).check_text(text)
    assert names[0] <= 1 and entities[0] <= 1  # were once per weekday and once per figure (hundreds)


def test_bp012_counts_the_title_words_once(monkeypatch: pytest.MonkeyPatch) -> None:
    tokenised = _counting(monkeypatch, analysis, "words")
    counted = _counting(monkeypatch, analysis, "word_count")
    findings = Runner(Overrides(isolated=True, select=["BP012"])).check_text("| " * 20_000 + "\n\nThe council met.\n")
    assert findings == []
    assert tokenised[0] + counted[0] <= 2  # was twice per separator: 40,000 scans of the block


def _finding(start: int, code: str) -> Finding:
    return Finding(code, "x", Family.TRANSLATION, Severity.WARNING, "m", "p", Location(start, start + 1, 1, 1, 1, 2), "x")


def _directive(index: int, codes: tuple[str, ...]) -> Directive:
    return Directive(DirectiveKind.DISABLE, codes, index, index + 1)


CODES = st.sampled_from(["MT001", "MT002", "BP012", "TY001"])
PREFIXES = st.lists(st.sampled_from(["MT", "MT001", "BP", "TY001", "M"]), max_size=2).map(tuple)


@settings(max_examples=200, deadline=None)
@given(findings=st.lists(st.tuples(st.integers(0, 30), CODES), max_size=30),
       ranges=st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), PREFIXES), max_size=10))
def test_suppression_sweep_drops_what_testing_every_range_drops(findings: list[tuple[int, str]],
                                                                 ranges: list[tuple[int, int, tuple[str, ...]]]) -> None:
    found = [_finding(start, code) for start, code in findings]
    spans = [IgnoreRange(start, end, codes, _directive(i, codes)) for i, (start, end, codes) in enumerate(ranges)]

    def covers(r: IgnoreRange, f: Finding) -> bool:
        return r.start <= f.start < r.end and (not r.codes or any(f.code.startswith(c) for c in r.codes))

    naive = [f for f in found if not any(covers(r, f) for r in spans)]
    naive_used = {r.directive for r in spans if any(covers(r, f) for f in found)}
    assert suppress.apply(found, spans) == (naive, naive_used)


def test_many_findings_and_directives_are_swept_once(tmp_path: Path) -> None:
    found = [_finding(i, "MT001") for i in range(50_000)]
    spans = [IgnoreRange(i, i + 1, ("BP",), _directive(i, ("BP",))) for i in range(0, 100_000, 2)]  # each pair: 2.5 billion tests
    kept, used = suppress.apply(found, spans)
    assert len(kept) == 50_000 and not used
