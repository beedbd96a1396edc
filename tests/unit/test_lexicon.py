"""Phrase matching: whole words, longest matches, and scans shared by a lexicon set's matchers."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from artlint.lexicon import Lexicons, Match, PhraseMatcher

WORDS = ["see", "also", "See Also", "leave", "a", "reply", "ab", "b", "Ä", "straße", "İstanbul", "x-y"]
phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)
entries = st.lists(st.tuples(phrases, st.integers(0, 3)), min_size=1, max_size=6)
texts = st.lists(st.sampled_from([*WORDS, " ", ", ", "-", "\n", "z", "SEE"]), max_size=30).map("".join)


def every_way(matcher: PhraseMatcher, text: str) -> list[list[Match]]:
    return [list(matcher.find(text, whole_words=w, longest=lg)) for w in (True, False) for lg in (True, False)]


@given(st.lists(st.tuples(entries, st.booleans()), min_size=1, max_size=4), st.lists(texts, min_size=1, max_size=3))
def test_matchers_sharing_scans_find_what_each_finds_alone(members: list[tuple[Any, bool]], documents: list[str]) -> None:
    lexicons = Lexicons()
    shared = [lexicons.new_matcher(e, ignore_case=case) for e, case in members]
    alone = [PhraseMatcher(e, ignore_case=case) for e, case in members]
    for text in documents:  # the first document scans alone, the next ones through the shared automaton
        lexicons.start_document()
        for ours, theirs in zip(shared, alone, strict=True):
            assert every_way(ours, text) == every_way(theirs, text)


def test_a_matcher_made_during_a_document_scans_alone_there_and_shares_from_the_next() -> None:
    lexicons = Lexicons()
    early = lexicons.new_matcher([("leave a reply", "early")])
    lexicons.start_document()
    text = "Leave a reply. See also: leave a reply"
    assert [m.value for m in early.find(text)] == ["early", "early"]
    late = lexicons.new_matcher([("see also", "late"), ("leave a", "late")])  # joins mid-document
    assert [(m.start, m.end) for m in late.find(text)] == [(0, 7), (15, 23), (25, 32)]
    lexicons.start_document()
    assert [(m.start, m.end, m.value) for m in late.find(text)] == [(0, 7, "late"), (15, 23, "late"), (25, 32, "late")]
    assert [(m.start, m.end, m.value) for m in early.find(text)] == [(0, 13, "early"), (25, 38, "early")]


def test_one_key_in_two_matchers_keeps_each_matchers_value_and_a_repeated_key_its_last() -> None:
    lexicons = Lexicons()
    first = lexicons.new_matcher([("ceasefire", 1), ("Ceasefire", 2)])
    second = lexicons.new_matcher([("ceasefire", "other")])
    lexicons.start_document()
    lexicons.start_document()
    assert [m.value for m in first.find("A CEASEFIRE held.")] == [2]
    assert [m.value for m in second.find("A CEASEFIRE held.")] == ["other"]
    assert [(m.phrase, m.value) for m in first.find("ceasefire")] == [("Ceasefire", 2)]
