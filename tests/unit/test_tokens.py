"""The one word tokeniser (``text.tokens``): numbers, abbreviations, web addresses, contractions."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from artlint.text.tokens import WORD, word_count, word_texts, words


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


# The tokeniser's pattern before its quantifiers were made possessive: the words must not change.
_PLAIN_WORD = re.compile(r"[^\W_]+(?:(?:['’.\-_]|(?<=\d),(?=\d))[^\W_]+)*")


@given(st.text(alphabet=st.sampled_from("aZ19_,.-'’ \u00e9\u0660\u00b2$\n"), max_size=80))
def test_word_pattern_finds_what_the_plain_pattern_finds(text: str) -> None:
    assert [m.span() for m in WORD.finditer(text)] == [m.span() for m in _PLAIN_WORD.finditer(text)]


@given(st.lists(st.sampled_from([
    "The", "U.S.", "1,200", "3,450,000", "COVID-19", "don't", "won’t", "e-mail", "max_len", "_x_", "$5bn",
    "£3.5m", "2.5", "10:30", "a,b", "1,a", "a,1", "1,,2", "1.,2", "--", "’s", "Müller", "naïve", "٣,٤",
    "x²", "...", ",", "'", "-", " ", "  ", "\n", "(", ")", "“", "”", "https://example.org/a-b.", "jane@example.com",
]), max_size=40))
def test_word_pattern_on_real_looking_text(pieces: list[str]) -> None:
    for joined in ("".join(pieces), " ".join(pieces)):
        assert WORD.findall(joined) == _PLAIN_WORD.findall(joined)


def test_a_url_stops_at_the_placeholder_of_a_markup_element() -> None:
    # plain text of "<a href=...>](http://x.y)</a><code>": the element's placeholder is not part of the URL
    assert word_texts("see ](http://x.y)\ufffc now") == ["see", "http://x.y", "now"]
    assert word_texts("at bbc.co.uk/news\ufffc") == ["at", "bbc.co.uk/news"]
