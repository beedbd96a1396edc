"""The optional semantic back end of CN030: a local natural-language-inference model.

A scorer answers one question for sentence pairs: how likely the second contradicts the first.
``load_scorer`` reads a Hugging Face sequence-classification model from a local folder (never
downloading anything); it needs the optional packages ``transformers`` and ``torch``. Anything
with a ``contradiction`` method of the same shape can stand in for it (tests use a fake).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from artlint.errors import ConfigError


class ContradictionScorer(Protocol):
    """Scores (premise, hypothesis) pairs: the probability that the hypothesis contradicts the premise."""

    def contradiction(self, pairs: Sequence[tuple[str, str]]) -> list[float]: ...


class TransformersScorer:
    """An NLI cross-encoder (e.g. a DeBERTa or RoBERTa MNLI model) read from a local folder."""

    def __init__(self, path: Path, batch_size: int = 16) -> None:
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        self._torch: Any = torch
        self._tokenizer: Any = AutoTokenizer.from_pretrained(path, local_files_only=True)
        self._model: Any = AutoModelForSequenceClassification.from_pretrained(path, local_files_only=True).eval()
        labels = {str(v).lower(): int(k) for k, v in self._model.config.id2label.items()}
        index = next((i for label, i in labels.items() if label.startswith("contradict")), None)
        if index is None:
            raise ValueError(f"no 'contradiction' label among {sorted(labels)}")
        self._index = index
        self._batch_size = batch_size

    def contradiction(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        scores: list[float] = []
        for offset in range(0, len(pairs), self._batch_size):
            batch = pairs[offset : offset + self._batch_size]
            encoded = self._tokenizer([p for p, _ in batch], [h for _, h in batch], truncation=True, padding=True,
                                      return_tensors="pt")
            with self._torch.no_grad():
                logits = self._model(**encoded).logits
            scores.extend(float(p) for p in self._torch.softmax(logits, dim=-1)[:, self._index])
        return scores


def load_scorer(path: str, where: str, parameter: str = "model") -> ContradictionScorer:
    """The scorer in the local folder ``path``; a clear ``ConfigError`` naming ``where`` and
    ``parameter`` when it is missing, not a model, or its packages are not installed."""
    folder = Path(path).expanduser()
    if not folder.exists():
        raise ConfigError(where, parameter, f"no model at {folder} (give the folder of a local NLI model; nothing is downloaded)")
    if not (folder / "config.json").is_file():
        raise ConfigError(where, parameter, f"{folder} is not a model folder: it has no config.json")
    try:
        return TransformersScorer(folder)
    except ImportError as exc:
        raise ConfigError(where, parameter, f"the NLI back end needs the packages transformers and torch ({exc.name} is not installed)") from None
    except (OSError, ValueError) as exc:
        raise ConfigError(where, parameter, f"cannot load the model in {folder}: {exc}") from None
