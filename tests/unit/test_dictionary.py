"""``text.words.Dictionary``: a word set kept as one sorted string, searched by groups."""

from __future__ import annotations

import random

from artlint.readability import cmudict_text
from artlint.text.words import _ENTRY, Dictionary, known_words

WORDS = ["a", "ab", "abc", "abd", "b", "x-ray", "'bout", "zz", "zzz", "é", "éa"]


def test_a_dictionary_holds_exactly_its_words() -> None:
    dictionary = Dictionary.of(WORDS)
    assert all(word in dictionary for word in WORDS)
    for word in ["", "c", "ab\nabc", "abcd", "abe", "zzzz", "A", "x", "é\n", "'b", 3]:
        assert word not in dictionary


def test_a_dump_loads_as_the_same_dictionary_and_other_text_does_not() -> None:
    loaded = Dictionary.load(Dictionary.of(WORDS).dump())
    assert loaded is not None and all(word in loaded for word in WORDS) and "c" not in loaded
    for text in ["", "a\nb", "a 0\na\n", "a x 3\na\n", "a 0 ²\na\n", "a -1 3\na\n"]:
        assert Dictionary.load(text) is None
    damaged = Dictionary.load("a 0 99999 b 5 2\na\nb\n")  # spans out of range find nothing, and do not fail
    assert damaged is not None and "b" not in damaged


def test_the_cmu_dictionary_answers_as_the_set_of_its_words() -> None:
    words = frozenset(_ENTRY.findall("\n" + cmudict_text()))
    known = known_words()
    assert all(word in known for word in words)
    rng = random.Random(7)
    sample = rng.sample(sorted(words), 5000)
    others = [w + end for w in sample for end in ("s", "q", "ing")] + [w[:-1] for w in sample]
    assert [w in known for w in others] == [w in words for w in others]
