"""Word helpers shared by the contradiction rules: stems and content words (words: ``text.tokens``).

Rules compare what two sentences say through their *content words* (not in the
``function-words`` lexicon), reduced to a crude stem so that "killed"/"kill" and
"meeting"/"meet" meet in one index key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from artlint.lexicon import Lexicons
from artlint.markup.document import Block
from artlint.readability import cmudict_text
from artlint.text.spans import Protected
from artlint.text.tokens import Word

__all__ = ["content_stems", "in_protected", "is_function", "known_words", "stem", "stopwords"]

_POSSESSIVE = re.compile(r"['’]s?$")
FUNCTION_WORDS = "function-words"
# A dictionary line's word, without the "(2)" of a variant. Anchored on the line break, which the
# engine finds by a fast search ("^" under MULTILINE is tried at every character: 40% slower).
_ENTRY = re.compile(r"\n([^\s(]+)")


def in_protected(protected: Protected, block: Block, start: int, end: int) -> bool:
    """Whether plain ``[start, end)`` in ``block`` touches one of ``protected``, the block's protected spans."""
    return protected.covers(start - block.start, end - block.start)


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude stem: lower case, no possessive, plural, ``-ed``, ``-ing`` or ``-ment`` ending."""
    w = _POSSESSIVE.sub("", word.lower().replace("’", "'"))
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ment", "ing", "ed"):
        if len(w) > len(suffix) + 2 and w.endswith(suffix):
            w = w[: -len(suffix)]
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    return w.rstrip("e") or w


def stopwords(lexicons: Lexicons) -> frozenset[str]:
    """The function words (lower case), loaded once per lexicon set."""
    return lexicons.derived(FUNCTION_WORDS, lambda: frozenset(lexicons.phrases(FUNCTION_WORDS)))


def is_function(word: Word, stop: frozenset[str]) -> bool:
    """Whether ``word`` is a function word ("us" is, "US" is not)."""
    return word.lower in stop and not word.text.isupper()


def content_stems(words: Iterable[Word], stop: frozenset[str]) -> Iterator[str]:
    """Stems of the words that are neither function words nor numbers."""
    for word in words:
        if not is_function(word, stop) and not word.lower[0].isdigit() and len(word.lower) > 1:
            yield stem(word.lower)


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Lower-case words and names of the CMU pronouncing dictionary (read on first use)."""
    return frozenset(_ENTRY.findall("\n" + cmudict_text()))
