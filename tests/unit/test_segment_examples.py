"""The sentence splitter (pure Python, alike on every platform) draws the boundaries blingfire
drew where artlint used it: abbreviations, initials, decimals and quotations stay inside a
sentence. ``python -m bench segmentation`` measures the agreement on the corpora."""

from __future__ import annotations

import ctypes
import importlib.util
import sys

import pytest
from conftest import SEEDS

from artlint import segment
from artlint.config import Overrides
from artlint.runner import Runner


@pytest.mark.parametrize(
    ("text", "spans"),
    [("Mr. Smith met Dr. Jones in the U.S. on Monday. They talked.", ["Mr. Smith met Dr. Jones in the U.S. on Monday.", "They talked."]),
     ('He said "stop." Then he left. It cost $2.5bn. Why?" she asked.', ['He said "stop."', "Then he left.", 'It cost $2.5bn.', 'Why?"', "she asked."]),
     ("J. K. Rowling wrote it. the end. Fine", ["J. K. Rowling wrote it. the end.", "Fine"]),
     ("No sentence end here: a heading, a menu\nor a caption", ["No sentence end here: a heading, a menu\nor a caption"])],
)
def test_the_splitter_splits_as_blingfire(text: str, spans: list[str]) -> None:
    assert [text[a:b] for a, b in segment.split_sentences(text)] == spans
    if importlib.util.find_spec("blingfire") is not None:  # the test extra installs it where it has wheels
        from blingfire import text_to_sentences_and_offsets

        assert [text[a:b].strip() for a, b in text_to_sentences_and_offsets(text)[1]] == spans


def test_a_platform_without_native_libraries_finds_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on ARM or Apple Silicon, where blingfire has no library: no ctypes library loads and
    blingfire cannot be imported; the seeds' findings are those found here."""
    seeds = sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".md"))

    def run() -> list[list[tuple[str, int, int, str]]]:
        runner = Runner(Overrides(isolated=True))
        return [[(f.code, f.start, f.end, f.message) for f in runner.check_bytes(
            path.read_bytes(), path.name, runner.resolver.for_directory(SEEDS), "text").findings] for path in seeds]

    here = run()

    def no_library(*args: object, **kwargs: object) -> None:
        raise OSError("no library for this machine")

    monkeypatch.setattr(ctypes.cdll, "LoadLibrary", no_library)
    monkeypatch.setattr(ctypes, "CDLL", no_library)
    monkeypatch.setitem(sys.modules, "blingfire", None)
    assert any(here)
    assert run() == here
