"""Sentence and word segmentation: abbreviations, decimals, quotations, non-ASCII offsets."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from artlint.markup import parse
from artlint.segment import ends_sentence, split_sentences
from artlint.source import SourceText
from artlint.text.analysis import Analysis
from artlint.text.tokens import words


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. Army paid $2.5 billion. Officials agreed.", ["The U.S. Army paid $2.5 billion.", "Officials agreed."]),
        ("Dr. Smith arrived at 5 p.m. on Monday. He left.", ["Dr. Smith arrived at 5 p.m. on Monday.", "He left."]),
        ('"It works," he said. Then it ended.', ['"It works," he said.', "Then it ended."]),
        ("He said: “We will go.” They went.", ["He said: “We will go.”", "They went."]),
        ("  Leading and trailing space.  ", ["Leading and trailing space."]),
        ("", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_offsets_are_code_points_after_non_ascii() -> None:
    text = "Zoë 😀 left early. Ünïcödé follows here."
    assert sentences(text) == ["Zoë 😀 left early.", "Ünïcödé follows here."]


def test_lone_surrogate_does_not_break_segmentation() -> None:
    text = "Broken \ud800 text here. Next sentence."
    assert sentences(text) == ["Broken \ud800 text here.", "Next sentence."]


def test_document_sentences_carry_blocks_and_absolute_offsets() -> None:
    doc = parse(SourceText("First block. Still first.\n\nSecond block here.\n"), "text")
    seg = Analysis(doc)
    assert [(s.block.index, s.text) for s in seg.sentences] == [(0, "First block."), (0, "Still first."), (1, "Second block here.")]
    assert all(doc.plain[s.start : s.end] == s.text for s in seg.sentences)
    assert [len(seg.sentences.of_block(i)) for i in range(3)] == [2, 1, 0]
    assert seg.word_count == 7


def test_words_keep_inner_apostrophes_hyphens_and_dots() -> None:
    assert [t.text for t in words("Biden's cease-fire, 2.5 bn", 10)] == ["Biden's", "cease-fire", "2.5", "bn"]
    assert next(iter(words("ab cd", 10))).start == 10


@given(st.text(alphabet=".!?…\"'”’»)] \n\tab1,:", max_size=12))
def test_ends_sentence_is_a_terminal_mark_then_closers_and_spaces(text: str) -> None:
    expected = re.search(r"[.!?…][\"'”’»)\]]*\s*$", text) is not None
    assert ends_sentence(text) is expected
