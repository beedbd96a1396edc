"""Memory per line of input, measured with tracemalloc rather than timed: the word memos of a
document's analysis stay within a budget, and checking one word per line needs no more than the
issue's bound of about 100 bytes per byte of input past the first lines (``python -m bench
hostile`` prints the peak resident memory per MB)."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

import pytest

from artlint.config import Overrides
from artlint.markup import parse
from artlint.runner import Runner
from artlint.source import SourceText
from artlint.text import analysis
from artlint.text.analysis import Analysis
from artlint.text.tokens import words

WORDS = ["council", "Monday", "Tuesday", "12", "million", "percent", "the", "said", "3.5", "1,000", "Friday", "votes"]


def _word_lines(lines: int) -> str:
    return "".join(f"{WORDS[i * 7 % len(WORDS)]}\n" for i in range(lines))


def test_the_word_memos_keep_at_most_their_budget_and_answer_alike_past_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis, "WORDS_KEPT", 100)
    document = parse(SourceText(_word_lines(300) + "The council met on Monday and voted.\n"), "text")
    seen = Analysis(document)
    kept = [s for s in seen.sentences if seen.words(s) is seen.words(s)]
    assert 40 <= len(kept) <= 50  # one word and one list a sentence: was every one of the 301
    assert kept == seen.sentences[: len(kept)]
    assert all(seen.words(s) == words(s.text, s.start) for s in seen.sentences)
    texts = [b.text + " again" for b in document.blocks]
    assert all(seen.text_words(t) is not seen.text_words(t) for t in texts)  # the budget is shared, and spent
    assert [len(seen.text_words(t)) for t in texts[:2]] == [2, 2]


def _peak(runner: Runner, text: str) -> int:
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        runner.check_text(text)
        return tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()


def test_checking_one_word_per_line_needs_at_most_100_bytes_per_byte(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis, "WORDS_KEPT", 500)  # full below the smaller size, as 10,000 is below 10 MB
    runner = Runner(Overrides(isolated=True))
    small, large = _word_lines(2_000), _word_lines(4_000)
    runner.check_text(small)  # rules and lexicons loaded before measuring
    growth = (_peak(runner, large) - _peak(runner, small)) / (len(large) - len(small))
    assert growth <= 100  # was 158: every sentence's words kept, a set per line in BP020


@pytest.mark.parametrize("line", ["x\n", '"\n'])
def test_checking_one_character_per_line_needs_at_most_120_bytes_per_byte(line: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis, "WORDS_KEPT", 500)  # full below the smaller size, as 10,000 is below 10 MB
    runner = Runner(Overrides(isolated=True))
    small, large = line * 4_000, line * 8_000
    runner.check_text(small)  # rules and lexicons loaded before measuring
    growth = (_peak(runner, large) - _peak(runner, small)) / (len(large) - len(small))
    assert growth <= 120  # was 153 and 156: a Sentence object a line, and every block's end kept as an int


def _parse_peak(text: str) -> int:
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        parse(SourceText(text), "markdown")
        return tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    "make",
    [
        lambda lines: "".join(f"- {WORDS[i * 7 % len(WORDS)]}\n" for i in range(lines)),
        lambda lines: "| a | b |\n|---|---|\n" + "".join(f"| {WORDS[i % 12]} | {WORDS[i * 7 % 12]} |\n" for i in range(lines)),
    ],
    ids=["list", "table"],
)
def test_parsing_markdown_keeps_no_token_per_line(make: Callable[[int], str]) -> None:
    small, large = make(2_000), make(4_000)
    parse(SourceText(small), "markdown")  # the parser's rules compiled before measuring
    growth = (_parse_peak(large) - _parse_peak(small)) / (len(large) - len(small))
    assert growth <= 120  # was 225 for the list, 157 for the table: markdown-it's whole token list was kept
