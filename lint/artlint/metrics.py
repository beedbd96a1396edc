"""Metrics that ``threshold`` rules compare with limits: name, label, measure, format."""

from collections.abc import Callable
from typing import NamedTuple

from artlint.readability import Readability

READING_WORDS_PER_MINUTE = 238
"""Silent reading of non-fiction by adults (Brysbaert 2019, a meta-analysis of 190 studies)."""


class Metric(NamedTuple):
    """A named measure of a text (its words and sentences: ``Readability``)."""

    label: str
    measure: Callable[[Readability], float]
    decimals: int = 0

    def format(self, value: float) -> str:
        """``value`` as shown in messages."""
        return f"{value:.{self.decimals}f}"


METRICS: dict[str, Metric] = {
    "words": Metric("words", lambda r: float(len(r.words))),
    "characters": Metric("characters", lambda r: float(len(r.text))),
    "sentences": Metric("sentences", lambda r: float(r.sentences)),
    "flesch-reading-ease": Metric("Flesch reading ease", Readability.flesch_reading_ease, 1),
    "flesch-kincaid-grade": Metric("Flesch-Kincaid grade", Readability.flesch_kincaid_grade, 1),
    "gunning-fog": Metric("Gunning fog index", Readability.gunning_fog, 1),
    "smog-index": Metric("SMOG index", Readability.smog_index, 1),
    "dale-chall": Metric("Dale-Chall score", Readability.dale_chall, 1),
    "reading-time": Metric("reading time (minutes)", lambda r: len(r.words) / READING_WORDS_PER_MINUTE, 1),
}
