"""Splitting text into sentences (a document's are in ``text.analysis.Analysis``; words: ``text.tokens``).

Sentences come from blingfire's finite-state sentence breaker (it keeps "U.S.", "Dr.",
"2.5" and quotations together and runs at several MB/s). Its C library is called through
ctypes, as blingfire's own wrapper does, but without importing that wrapper: it imports numpy,
which alone cost 125 ms of every run's start-up. blingfire ships that library for x86-64 only;
where it is not installed or does not load (ARM, Apple Silicon), ``fallback_spans`` splits
instead: a pure-Python splitter that, on the 5,161 blocks of clean-news dev and the realworld
documents, draws 11,044 of blingfire's 11,055 boundaries and 12 others (99.6% of blocks split
alike) at 12 MB/s (blingfire 8.7 MB/s; ``python -m bench segmentation``). pysbd (0.09 MB/s;
9,801 agreed, 383 others) and sentencex (9,981 agreed, 718 others: it splits at abbreviations)
were measured and not taken.
"""

from __future__ import annotations

import ctypes
import importlib.util
import re
import sys
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from artlint.markup.document import Block

_LIBRARIES = {"win32": "blingfiretokdll.dll", "darwin": "libblingfiretokdll.dylib"}
_SURROGATE = re.compile("[\ud800-\udfff]")

SENTENCE_ENDS = "!.?\u01c3\u061f\u06d4\u2024\u2026\u203c\u203d\u2048\u2049\u2404\u2028\u2029\u3002\ufe52\uff01\uff0e\uff1f\uff61"
"""The characters at which blingfire ends a sentence: a text without any is one sentence, and
the call into blingfire (about 5 µs, most of a short block's segmentation) is skipped. Found by
trying every code point between two sentences; tests/unit/test_segment.py checks it over
random texts."""
_SENTENCE_END = re.compile(f"[{re.escape(SENTENCE_ENDS)}]")


@dataclass(frozen=True, slots=True, eq=False)
class Sentence:
    """One sentence: ``document.plain[start:end]`` inside block ``block``.

    Compared and hashed by identity: a document's sentences are distinct objects (a hash by
    fields went through the block's).
    """

    block: Block
    index: int
    start: int
    end: int
    text: str


@cache
def _blingfire() -> ctypes.CDLL | None:
    """blingfire's tokenizer library, loaded from the installed package once; None where it is
    not installed or its library does not load on this platform."""
    spec = importlib.util.find_spec("blingfire")
    if spec is None or not spec.submodule_search_locations:
        return None
    name = _LIBRARIES.get(sys.platform, "libblingfiretokdll.so")
    try:
        return ctypes.cdll.LoadLibrary(str(Path(spec.submodule_search_locations[0]) / name))
    except OSError:  # no library for this machine in the wheel
        return None


# A candidate end: terminal marks and closing quotes or brackets, then a space and a capital
# (after an opening quote or bracket); or "?" / "!" closed by a quote, before any space.
_CANDIDATE_END = re.compile(
    r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]*[^\W\d_a-z])|[!?][\"'”’»)\]]+(?=\s)"
)
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")  # "J", "U.S" (the last full stop excluded)
_OPENING = "\"'“‘«(["


@cache
def _abbreviations() -> frozenset[str]:
    from artlint.lexicon import builtin_rules_dir

    lines = (builtin_rules_dir() / "lexicons" / "sentence-abbreviations.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def fallback_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` without blingfire (untrimmed, relative offsets): a full stop,
    "?" or "!" before a capital ends a sentence, unless the word it ends is an abbreviation,
    an initial or a dotted form like "U.S."."""
    abbreviations = _abbreviations()
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CANDIDATE_END.finditer(text):
        end = begin = match.start()
        if text[end] == ".":
            while begin and not text[begin - 1].isspace():  # back to the word's start (a search
                begin -= 1  # for r"\S+$" would try every position from the block's start)
            before = text[begin:end].lstrip(_OPENING).lower()
            if before in abbreviations or _INITIALS.fullmatch(before):
                continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


_ROUNDED_UP_TO = 1 << 20


@lru_cache(maxsize=64)
def _buffer_types(size: int) -> tuple[type[ctypes.Array[ctypes.c_char]], type[ctypes.Array[ctypes.c_int32]]]:
    """ctypes array types of ``size`` elements; making a type costs far more than filling one."""
    return ctypes.c_char * size, ctypes.c_int32 * size


def _byte_spans(data: bytes, library: ctypes.CDLL) -> list[tuple[int, int]]:
    """blingfire's sentence spans as UTF-8 byte offsets, end exclusive."""
    # At least 2n + 1, as blingfire's wrapper sizes it; short texts round up to a power of two
    # so that a few cached array types serve every block.
    size = len(data) * 2 + 1
    if size <= _ROUNDED_UP_TO:
        size = 1 << (size - 1).bit_length()
    char_array, int_array = _buffer_types(size)
    out, starts, ends = char_array(), int_array(), int_array()
    length = library.TextToSentencesWithOffsets(data, len(data), out, starts, ends, size)
    if length <= 0 or length > size:
        return [(0, len(data))]
    count = out.value.count(b"\n") + 1
    return [(starts[i], ends[i] + 1) for i in range(count)]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (relative offsets, whitespace trimmed)."""
    if not text.strip():
        return []
    if not _SENTENCE_END.search(text):  # one sentence: headings, captions, menus
        offsets = [(0, len(text))]
    elif (library := _blingfire()) is None:
        offsets = fallback_spans(text)
    else:
        # A lone surrogate (possible in text given through the API) cannot be encoded; U+FFFD
        # stands in for it, with the same length in code points and UTF-8 bytes.
        data = _SURROGATE.sub("\ufffd", text).encode("utf-8")
        offsets = _byte_spans(data, library)
        if len(data) != len(text):  # map UTF-8 byte offsets back to code points
            offsets = char_spans(data, offsets)
    spans: list[tuple[int, int]] = []
    for start, end in offsets:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


_CONTINUATION = bytes(range(0x80, 0xC0))  # the bytes that do not start a UTF-8 character


def char_spans(data: bytes, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` of UTF-8 ``data`` in bytes, as spans in characters (a start inside a character
    becomes that character's start, an end inside one the next character's start).

    The characters before each offset are counted once, between consecutive offsets, by
    deleting continuation bytes in C: a block costs one pass, whatever its sentences.
    """
    before: dict[int, int] = {}  # byte offset -> characters that start before it
    count = previous = 0
    for point in sorted({p for span in spans for p in span}):
        count += len(data[previous:point].translate(None, _CONTINUATION))
        before[point] = count
        previous = point
    size = len(data)
    return [(before[a] - (a < size and data[a] in _CONTINUATION), before[b]) for a, b in spans]

