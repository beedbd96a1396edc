"""``patterns.LazyPattern``: a ``regex`` pattern compiled when first searched."""

from __future__ import annotations

from artlint.patterns import LazyPattern, compile_pattern


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
