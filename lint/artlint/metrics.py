"""Metrics that ``threshold`` rules compare with limits: name, label, measure, format."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from artlint.segment import WORD, split_sentences


@dataclass(frozen=True, slots=True)
class Metric:
    """A named measure of a text."""

    label: str
    measure: Callable[[str], float]
    decimals: int = 0

    def format(self, value: float) -> str:
        """``value`` as shown in messages."""
        return f"{value:.{self.decimals}f}"


def _words(text: str) -> float:
    return float(sum(1 for _ in WORD.finditer(text)))


METRICS: dict[str, Metric] = {
    "words": Metric("words", _words),
    "characters": Metric("characters", lambda text: float(len(text))),
    "sentences": Metric("sentences", lambda text: float(len(split_sentences(text)))),
}
