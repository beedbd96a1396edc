"""Words: artlint's one tokeniser, which every rule, the readability figures and ``artlint stats`` count by.

A word is a run of letters and digits, joined through an inner apostrophe, hyphen, full stop or
underscore ("don't", "e-mail", "COVID-19", "U.S", "2.5", "snake_case") and, between digits, a
comma ("1,200"). A currency sign or a quotation mark is not part of a word ("$5bn" is "5bn"); a final
full stop is not either, since it may end the sentence ("U.S." is "U.S"). A URL, an e-mail
address or a domain name (``text.spans.web_address``, without the punctuation after it) is one
word, whatever its slashes and dots.
"""

import re
from typing import NamedTuple

from artlint.text.spans import Protected, url_end

WORD = re.compile(r"[^\W_]++(?:(?:['’.\-_]|,(?<=\d,)(?=\d))[^\W_]++)*+")
r"""A word outside web addresses (use ``words``, ``word_texts`` or ``word_count``, which see those).

The quantifiers are possessive (``++``, ``*+``): a run of letters and digits is always followed by
a character that is neither, so giving some back could never make another match, and the engine
need not keep the places to go back to; and a comma is looked for before the digit before it. The
words are those of ``[^\W_]+(?:(?:['’.\-_]|(?<=\d),(?=\d))[^\W_]+)*`` (tests/unit/test_tokens.py),
for a fifth fewer instructions per pass.
"""


class Word(NamedTuple):
    """A word at ``text[start:end]`` (plus the offset given); ``lower`` is its lower-cased text."""

    start: int
    end: int
    text: str
    lower: str


def words(text: str, offset: int = 0, protected: Protected | None = None) -> list[Word]:
    """The words of ``text``, ``offset`` added to every position; ``protected`` is the text's
    web addresses when the caller has them (``Analysis.protected``)."""
    make = tuple.__new__  # skips NamedTuple's Python-level __new__
    found = [make(Word, (offset + m.start(), offset + m.end(), w := m.group(), w.lower())) for m in WORD.finditer(text)]
    if protected is None:
        protected = Protected(text)
    if not protected:
        return found
    out: list[Word] = []
    i = 0
    for start, end in protected.spans():
        end = url_end(text, start, end)
        if out and offset + start < out[-1].end:  # inside the address before, stretched over it
            continue
        while i < len(found) and found[i].end - offset <= start:
            out.append(found[i])
            i += 1
        first = i
        while i < len(found) and found[i].start - offset < end:
            i += 1
        if first < i:  # the words inside the address become one, stretched to the words it cuts
            start = min(start, found[first].start - offset)
            end = max(end, found[i - 1].end - offset)
        address = text[start:end]
        out.append(make(Word, (offset + start, offset + end, address, address.lower())))
    out.extend(found[i:])
    return out


def word_texts(text: str) -> list[str]:
    """The words of ``text`` without their positions (cheaper than ``words`` for prose)."""
    if not (protected := Protected(text)):
        return WORD.findall(text)
    return [w.text for w in words(text, 0, protected)]


def word_count(text: str) -> int:
    """The number of words in ``text``."""
    return len(word_texts(text))
