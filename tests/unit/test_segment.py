"""Sentence and word segmentation: abbreviations, decimals, quotations, non-ASCII offsets."""

from __future__ import annotations

import bisect

import pytest
from hypothesis import given
from hypothesis import strategies as st

from artlint.markup import parse
from artlint.segment import SENTENCE_ENDS, _blingfire, _byte_spans, char_spans, split_sentences
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
    assert [len(v) for v in seg.sentences_by_block.values()] == [2, 1]
    assert seg.word_count == 7


def test_words_keep_inner_apostrophes_hyphens_and_dots() -> None:
    assert [t.text for t in words("Biden's cease-fire, 2.5 bn", 10)] == ["Biden's", "cease-fire", "2.5", "bn"]
    assert next(iter(words("ab cd", 10))).start == 10


def _char_spans_by_bisect(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The plain way: every character's byte offset, then a binary search per offset."""
    starts, position = [], 0
    for ch in text:
        starts.append(position)
        position += len(ch.encode("utf-8"))
    starts.append(position)
    return [(bisect.bisect_right(starts, a) - 1, bisect.bisect_left(starts, b)) for a, b in spans]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1), st.data())
def test_byte_spans_map_to_the_characters_they_cover(text: str, data: st.DataObject) -> None:
    encoded = text.encode("utf-8")
    offsets = st.integers(min_value=0, max_value=len(encoded))  # inside characters too
    spans = [tuple(sorted(pair)) for pair in data.draw(st.lists(st.tuples(offsets, offsets), max_size=6))]
    assert char_spans(encoded, spans) == _char_spans_by_bisect(text, spans)


def test_offsets_inside_a_character_widen_to_it() -> None:
    text = "Zoë 😀 left. Ünï"  # ë is bytes 2-3, 😀 5-8, Ü 16-17, ï 19-20
    encoded = text.encode("utf-8")
    assert char_spans(encoded, [(3, 15), (17, 21), (6, 7)]) == [(2, 11), (12, 15), (4, 5)]


LIBRARY = _blingfire()
needs_blingfire = pytest.mark.skipif(LIBRARY is None, reason="blingfire's library does not load on this platform")


_NO_END = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=SENTENCE_ENDS),
    min_size=1, max_size=300,
)


@needs_blingfire
@given(_NO_END)
def test_blingfire_keeps_a_text_without_a_sentence_end_whole(text: str) -> None:
    """What lets ``split_sentences`` skip blingfire for such texts (headings, menus, captions)."""
    assert len(_byte_spans(text.encode("utf-8"), LIBRARY)) == 1


@needs_blingfire
@pytest.mark.parametrize("mark", list(SENTENCE_ENDS))
def test_a_sentence_end_lets_blingfire_split(mark: str) -> None:
    texts = (f"The men were here{mark} The women left early", f"the men were here {mark} the women",
             f"The men were here{mark}\nThe women left")
    assert any(len(_byte_spans(t.encode("utf-8"), LIBRARY)) == 2 for t in texts)
