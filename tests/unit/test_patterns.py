"""``patterns.LazyPattern``: a ``regex`` pattern compiled when first searched; ``UnicodePattern``."""

from __future__ import annotations

import re
import sys

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from artlint.checks.consistency import compound_variants
from artlint.checks.typography import glued_words, missing_space
from artlint.patterns import _CLASSES, _LATIN, LazyPattern, UnicodePattern, compile_pattern


def test_lazy_pattern_compiles_on_first_search_and_matches_as_compiled() -> None:
    lazy = LazyPattern(r"(?V1)[[\p{L}]--[a-z]]+")  # inline flags: a version 1 set difference
    assert "compiled" not in vars(lazy)
    assert [m.group() for m in lazy.finditer("abcÉTÉxyzΩ")] == ["ÉTÉ", "Ω"]
    assert "compiled" in vars(lazy)
    assert lazy.compiled is compile_pattern(lazy.pattern)
    assert lazy.search("abc") is None
    assert lazy.match("Éa") is not None and lazy.match("aÉ") is None
    assert lazy.fullmatch("ÉΩ") is not None and lazy.fullmatch("Éa") is None


def test_lazy_pattern_passes_search_arguments_on() -> None:
    lazy = LazyPattern(r"\d+")
    assert lazy.search("a1 b22", 3).group() == "22"  # type: ignore[union-attr]
    assert [m.group() for m in lazy.finditer("1 22 333", timeout=1.0)] == ["1", "22", "333"]


# ``UnicodePattern``: ``re`` runs a ``regex`` pattern on Latin text, with the same matches.

_UNICODE_PATTERNS = [glued_words._TOKEN.pattern, glued_words._CAMEL.pattern, missing_space._DOMAIN_TAIL.pattern,
                     missing_space._JOINED.pattern, compound_variants._WORD.format(minimum=3)]


@pytest.mark.parametrize("escape", sorted(_CLASSES))
def test_each_class_matches_in_re_what_its_escape_matches_in_regex_on_every_character_of_its_range(escape: str) -> None:
    chars = _CLASSES[escape]
    in_range = re.findall(f"[{_LATIN}]", "".join(map(chr, range(sys.maxunicode + 1))))
    assert len(in_range) > 400
    in_re, in_regex = re.compile(f"[{chars}]"), regex.compile(escape)
    assert [c for c in in_range if bool(in_re.match(c)) != bool(in_regex.match(c))] == []


_LATIN_TEXT = st.text(st.sampled_from("aZ éÉßÿµªº½²_-’'.,;:!?”…\"@#/\n3"), max_size=40)  # run by re
_TEXT = st.one_of(_LATIN_TEXT, st.text(st.sampled_from("aZ éŁłğ½_\u200d’.,;:!?”Ωжх3\u0301\x1c‿"), max_size=40))


@given(_TEXT)
def test_a_unicode_pattern_finds_what_regex_finds(text: str) -> None:
    for source in _UNICODE_PATTERNS:
        pattern, reference = UnicodePattern(source), regex.compile(source)
        assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == [(m.span(), m.groups()) for m in reference.finditer(text)]
        assert bool(pattern.match(text)) == bool(reference.match(text))
        assert bool(pattern.fullmatch(text)) == bool(reference.fullmatch(text))


def test_a_unicode_pattern_runs_in_re_unless_the_text_holds_other_characters() -> None:
    word = UnicodePattern(r"\p{Lu}\p{Ll}+")
    assert isinstance(word.search("Un Café"), re.Match)
    assert isinstance(word.search("Ein Łódź"), regex.Match)  # Latin Extended-A
    assert word.search("omega Ωμέγα").group() == "Ωμέγα"  # type: ignore[union-attr]


@pytest.mark.parametrize("source", [r"\bword", r"(?i)word", r"\p{Lo}", r"[\p{Lo}]", r"(?P<x>a)", r"\N{BULLET}"])
def test_what_re_could_read_otherwise_is_refused(source: str) -> None:
    with pytest.raises(ValueError):
        UnicodePattern(source)

