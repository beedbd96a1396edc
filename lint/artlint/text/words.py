"""Word helpers shared by the contradiction rules: stems and content words (words: ``text.tokens``).

Rules compare what two sentences say through their *content words* (not in the
``function-words`` lexicon), reduced to a crude stem so that "killed"/"kill" and
"meeting"/"meet" meet in one index key.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import suppress
from functools import lru_cache

from artlint.lexicon import Lexicons
from artlint.markup.document import Block
from artlint.readability import cmudict_file, cmudict_text
from artlint.storage import content_name, private_folder, user_cache_dir, write_atomic
from artlint.text.spans import Protected
from artlint.text.tokens import Word

__all__ = ["Dictionary", "content_stems", "in_protected", "is_function", "known_words", "stem", "stopwords"]

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


class Dictionary:
    """A set of words kept as one string: the words sorted, one a line, and where each group of
    words that share their first ``KEY`` characters starts and ends. ``word in dictionary``
    searches the word's group for the word between line breaks: groups by three characters hold
    220 bytes on average and 11 KB at most (by two, 1.9 and 34 KB: three times the instructions
    per word looked up, for 5 ms less to read the 4,800 groups).

    Making a ``frozenset`` of the dictionary's 126,000 words cost 40 ms of every run (a tenth of
    a one-article check), which looks up a few hundred words.
    """

    __slots__ = ("_groups", "_text")
    KEY = 3

    def __init__(self, text: str, groups: Mapping[str, tuple[int, int]]) -> None:
        self._text = text
        self._groups = groups

    @classmethod
    def of(cls, words: Iterable[str]) -> Dictionary:
        """The dictionary of ``words`` (none may hold a line break)."""
        parts = ["\n"]
        groups: dict[str, tuple[int, int]] = {}
        offset = 0  # of the line break before the current word
        for word in sorted(set(words)):
            key = word[: cls.KEY]
            start = groups[key][0] if key in groups else offset
            offset += len(word) + 1
            groups[key] = (start, offset + 1)
            parts.append(word + "\n")
        return cls("".join(parts), groups)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or "\n" in word:
            return False
        group = self._groups.get(word[: self.KEY])
        return group is not None and self._text.find(f"\n{word}\n", *group) >= 0

    def dump(self) -> str:
        """The dictionary as text (``load`` reads it): its groups on the first line, then its words."""
        return " ".join(f"{key} {start} {end}" for key, (start, end) in self._groups.items()) + self._text

    @classmethod
    def load(cls, text: str) -> Dictionary | None:
        """The dictionary ``dump`` wrote, or None when ``text`` is not one. The index is read by
        ``join``, ``map`` and ``zip`` without a Python step per group: a loop over its 4,800 groups
        cost 34 M instructions, a thirtieth of a one-article check."""
        index, newline, words = text.partition("\n")
        fields = index.split(" ")
        numbers = fields[1::3] + fields[2::3]
        digits = "".join(numbers)
        if not newline or len(fields) % 3 or "" in numbers or not (digits.isascii() and digits.isdigit()):
            return None
        bounds = list(map(int, numbers))
        return cls(newline + words, dict(zip(fields[::3], zip(bounds[: len(bounds) // 2], bounds[len(bounds) // 2 :]))))


@lru_cache(maxsize=1)
def known_words() -> Dictionary:
    """Lower-case words and names of the CMU pronouncing dictionary (read on first use).

    Finding them in the dictionary (3.6 MB of words and their phones) cost about 300 M
    instructions, a third of a one-article check; the first process writes them (1 MB, as
    ``Dictionary.dump`` does) to a file in the user's cache, named after the dictionary file's
    size and CRC-32 (``storage.content_name``: installs of the same dictionary share it), and
    later ones read it. The file starts with the CRC-32 of the rest: a
    damaged file is found and written again, so it can only cost time
    (tests/unit/test_user_cache.py flips its bytes); a cache folder others may write is not used
    (``storage.private_folder``).
    """
    source = cmudict_file()
    if source is None:
        return Dictionary.of(_ENTRY.findall("\n" + cmudict_text()))
    folder = user_cache_dir()
    path = folder / f"cmudict-words-{Dictionary.KEY}-{content_name(source)}.txt"
    try:
        header, _, body = path.read_bytes().partition(b"\n")
        if header == b"%08x" % zlib.crc32(body) and (found := Dictionary.load(body.decode("utf-8"))) is not None:
            return found
    except (OSError, UnicodeDecodeError):
        pass
    dictionary = Dictionary.of(_ENTRY.findall("\n" + cmudict_text()))
    if private_folder(folder):
        body = dictionary.dump().encode("utf-8")
        with suppress(OSError):
            write_atomic(path, b"%08x\n" % zlib.crc32(body) + body)
    return dictionary
