"""Fuzzing the markup-to-offset mapping: a bounded hypothesis session, and its kept corpus replayed.

Inputs that once broke a run are kept in ``corpus/<kind>.jsonl`` (one ``{"note", "text"}`` a
line, JSON so that lone surrogates survive); add the next one there when this test finds it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile import KINDS, MARKUP, documents
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from offset_invariants import offset_violations

EXAMPLES = 400
CORPUS = Path(__file__).parent / "corpus"


def corpus(kind: str) -> list[str]:
    lines = (CORPUS / f"{kind}.jsonl").read_text(encoding="ascii").splitlines()
    return [json.loads(line)["text"] for line in lines]


@pytest.mark.parametrize(("kind", "text"), [
    pytest.param(kind, text, id=f"{kind}-{n}") for kind in KINDS for n, text in enumerate(corpus(kind))
])
def test_corpus_maps_offsets(kind: str, text: str) -> None:
    assert offset_violations(text, kind) == []


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=st.one_of(documents("markup"), st.lists(st.sampled_from(MARKUP), max_size=60).map("".join)))
def test_generated_markup_maps_offsets(kind: str, text: str) -> None:
    assert offset_violations(text, kind) == []


@pytest.mark.parametrize(("kind", "source", "word", "mapped"), [
    ("markdown", "word[a](http://x.y) end", "worda", "word[a"),
    ("html", "<p>The</b>The end</p>", "TheThe", "The</b>The"),
    ("html", "<p>caf&eacute; end</p>", "café", "caf&eacute;"),
])
def test_a_word_split_by_markup_maps_to_its_whole_source(kind: str, source: str, word: str, mapped: str) -> None:
    from artlint.markup import parse
    from artlint.source import SourceText

    document = parse(SourceText(source), kind)
    start = document.plain.index(word)
    begin, end = document.offsets.span(start, start + len(word))
    assert source[begin:end] == mapped
