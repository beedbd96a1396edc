"""Metrics that ``threshold`` rules compare with limits: name, label, measure, format."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from artlint.readability import textstat
from artlint.segment import split_sentences, word_count

READING_WORDS_PER_MINUTE = 238
"""Silent reading of non-fiction by adults (Brysbaert 2019, a meta-analysis of 190 studies)."""


class Metric(NamedTuple):
    """A named measure of a text."""

    label: str
    measure: Callable[[str], float]
    decimals: int = 0

    def format(self, value: float) -> str:
        """``value`` as shown in messages."""
        return f"{value:.{self.decimals}f}"


def _words(text: str) -> float:
    return float(word_count(text))


def _textstat(function: str) -> Callable[[str], float]:
    """A textstat formula, imported on first use (see ``artlint.readability``)."""

    def measure(text: str) -> float:
        return float(getattr(textstat(), function)(text))

    return measure


def _reading_minutes(text: str) -> float:
    return _words(text) / READING_WORDS_PER_MINUTE


METRICS: dict[str, Metric] = {
    "words": Metric("words", _words),
    "characters": Metric("characters", lambda text: float(len(text))),
    "sentences": Metric("sentences", lambda text: float(len(split_sentences(text)))),
    "flesch-reading-ease": Metric("Flesch reading ease", _textstat("flesch_reading_ease"), 1),
    "flesch-kincaid-grade": Metric("Flesch-Kincaid grade", _textstat("flesch_kincaid_grade"), 1),
    "gunning-fog": Metric("Gunning fog index", _textstat("gunning_fog"), 1),
    "smog-index": Metric("SMOG index", _textstat("smog_index"), 1),
    "dale-chall": Metric("Dale-Chall score", _textstat("dale_chall_readability_score"), 1),
    "reading-time": Metric("reading time (minutes)", _reading_minutes, 1),
}
