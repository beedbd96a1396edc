"""Phrase matching: whole words, longest matches, and one automaton shared by a lexicon set's matchers."""

from __future__ import annotations

from pathlib import Path

import pytest

from artlint.errors import RuleDefinitionError
from artlint.lexicon import Lexicons, PhraseMatcher


def test_a_matcher_made_after_the_automaton_was_built_is_found_too() -> None:
    lexicons = Lexicons()
    early = lexicons.new_matcher([("leave a reply", "early")])
    lexicons.build()
    text = "Leave a reply. See also: leave a reply"
    assert [m.value for m in early.find(text)] == ["early", "early"]
    late = lexicons.new_matcher([("see also", "late"), ("leave a", "late")])
    assert [(m.start, m.end, m.value) for m in late.find(text)] == [(0, 7, "late"), (15, 23, "late"), (25, 32, "late")]
    assert [(m.start, m.end, m.value) for m in early.find(text)] == [(0, 13, "early"), (25, 38, "early")]


def test_whole_words_and_longest_matches() -> None:
    matcher = PhraseMatcher([("see", 1), ("see also", 2), ("b", 3)])
    text = "See also: seeb, b-b"
    assert [(m.start, m.end, m.value) for m in matcher.find(text)] == [(0, 8, 2), (16, 17, 3), (18, 19, 3)]
    assert [(m.start, m.end) for m in matcher.find(text, longest=False)] == [(0, 3), (0, 8), (16, 17), (18, 19)]
    assert [(m.start, m.end) for m in matcher.find(text, whole_words=False)] == [(0, 8), (10, 13), (13, 14), (16, 17), (18, 19)]


def test_one_key_in_two_matchers_keeps_each_matchers_value_and_a_repeated_key_its_last() -> None:
    lexicons = Lexicons()
    first = lexicons.new_matcher([("ceasefire", 1), ("Ceasefire", 2)])
    second = lexicons.new_matcher([("ceasefire", "other")])
    assert [m.value for m in first.find("A CEASEFIRE held.")] == [2]
    assert [m.value for m in second.find("A CEASEFIRE held.")] == ["other"]
    assert [(m.phrase, m.value) for m in first.find("ceasefire")] == [("Ceasefire", 2)]


def test_a_json_lexicon_is_a_table_and_must_be_an_object(tmp_path: Path) -> None:
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "weights.json").write_text('{"base": 0.5, "tree": []}', encoding="utf-8")
    (tmp_path / "lexicons" / "listed.json").write_text("[1, 2]", encoding="utf-8")
    lexicons = Lexicons([tmp_path])
    assert lexicons.table("weights") == {"base": 0.5, "tree": []}
    with pytest.raises(RuleDefinitionError, match="not an object"):
        lexicons.table("listed")
