"""The one word tokeniser (``text.tokens``): numbers, abbreviations, web addresses, contractions."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from artlint.text.tokens import word_count, word_texts, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It sold 1,200 tickets and 3,450,000 more.", ["It", "sold", "1,200", "tickets", "and", "3,450,000", "more"]),
        ("COVID-19 cases rose.", ["COVID-19", "cases", "rose"]),
        ("a $5bn deal, £3.5m or €20", ["a", "5bn", "deal", "3.5m", "or", "20"]),
        ("The U.S. and the U.K. agreed.", ["The", "U.S", "and", "the", "U.K", "agreed"]),
        ("Send an e-mail to a well-known firm.", ["Send", "an", "e-mail", "to", "a", "well-known", "firm"]),
        ("I don't know; she won’t say.", ["I", "don't", "know", "she", "won’t", "say"]),
        ("He said “stop” — then 'go'–now", ["He", "said", "stop", "then", "go", "now"]),
        ("a list,no space", ["a", "list", "no", "space"]),  # a comma joins digits only
        ("at 10:30 on 3/4", ["at", "10", "30", "on", "3", "4"]),
        ("the players' union--today", ["the", "players", "union", "today"]),
        ("set max_len, not _len_ or 2020s", ["set", "max_len", "not", "len", "or", "2020s"]),
    ],
)
def test_words_and_numbers(text: str, expected: list[str]) -> None:
    assert word_texts(text) == expected
    assert [w.text for w in words(text)] == expected
    assert word_count(text) == len(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("See https://www.example.org/a-b/c?x=1&y=2. Then stop.",
         ["See", "https://www.example.org/a-b/c?x=1&y=2", "Then", "stop"]),
        ("Write to jane.doe+news@mail.example.com, please.", ["Write", "to", "jane.doe+news@mail.example.com", "please"]),
        ("Read it on example.co.uk/path today", ["Read", "it", "on", "example.co.uk/path", "today"]),
        ("(www.example.com)", ["www.example.com"]),
    ],
)
def test_web_addresses_are_one_word_without_the_punctuation_after_them(text: str, expected: list[str]) -> None:
    found = words(text, 100)
    assert [w.text for w in found] == expected == word_texts(text)
    assert all(text[w.start - 100 : w.end - 100] == w.text and w.lower == w.text.lower() for w in found)


@given(st.text(alphabet=st.sampled_from("ab1,.-'@/: \u00e9\u2019wx"), max_size=60))
def test_words_are_ordered_disjoint_spans_of_the_text(text: str) -> None:
    found = words(text, 7)
    assert all(text[w.start - 7 : w.end - 7] == w.text for w in found)
    assert all(a.end <= b.start for a, b in pairwise(found))
    assert word_texts(text) == [w.text for w in found]
