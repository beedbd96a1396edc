"""``artlint stats``: the readability figures of each file, as a table or as JSON.

The figures are the ones the readability (RD) rules compare with their limits: the document
formulas of ``artlint.metrics.METRICS`` on the article's prose, and the word counts of its
longest sentence and paragraph, so an editor can see why a rule fired.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from artlint.config import Overrides
from artlint.errors import InputError
from artlint.markup import kind_for, parse
from artlint.markup.document import Document
from artlint.metrics import METRICS
from artlint.readability import Readability
from artlint.text.analysis import Analysis

DOCUMENT_METRICS = ("flesch-reading-ease", "flesch-kincaid-grade", "gunning-fog", "smog-index", "dale-chall",
                    "reading-time")

COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("words", "words", 0),
    ("sentences", "sents", 0),
    ("paragraphs", "paras", 0),
    ("words-per-sentence", "w/sent", 1),
    ("longest-sentence", "max-sent", 0),
    ("longest-paragraph", "max-para", 0),
    ("flesch-reading-ease", "flesch", 1),
    ("flesch-kincaid-grade", "fk-grade", 1),
    ("gunning-fog", "fog", 1),
    ("smog-index", "smog", 1),
    ("dale-chall", "dale-chall", 1),
    ("reading-time", "minutes", 1),
)
"""(key, table header, decimals) of every figure, in table order."""


@dataclass(frozen=True, slots=True)
class FileStats:
    """The figures of one file, or why it could not be read."""

    path: str
    values: dict[str, float] = field(default_factory=dict)
    error: str | None = None


def document_stats(document: Document) -> dict[str, float]:
    """Every figure of ``COLUMNS`` for a parsed document (0 for a document without prose).

    The formulas read ``document.plain``, as the RD threshold rules of document scope do.
    """
    analysis = Analysis(document)
    sentences = [float(analysis.count_words(sentence.text)) for sentence in analysis.sentences]
    paragraphs = [float(analysis.count_words(block.text)) for block in document.blocks]
    words = float(analysis.word_count)
    values = {
        "words": words,
        "sentences": float(len(sentences)),
        "paragraphs": float(len(paragraphs)),
        "words-per-sentence": words / len(sentences) if sentences else 0.0,
        "longest-sentence": max(sentences, default=0.0),
        "longest-paragraph": max(paragraphs, default=0.0),
    }
    figures = Readability.of(document, analysis)
    for key in DOCUMENT_METRICS:
        values[key] = METRICS[key].measure(figures) if document.blocks else 0.0
    return values


def file_stats(paths: Sequence[str], kind: str | None = None) -> list[FileStats]:
    """Figures of each file named or found under the directories in ``paths``."""
    from artlint.runner import Runner, collect
    from artlint.source import decode, read_input

    resolver = Runner(Overrides()).resolver
    out: list[FileStats] = []
    for item in collect(paths, resolver):
        if item.error:
            out.append(FileStats(str(item.path), error=item.error))
            continue
        markup = kind or kind_for(item.path)
        try:
            data = read_input(item.path, resolver.for_path(item.path).max_file_size)
            document = parse(decode(data, markup=markup), markup)
        except OSError as exc:
            out.append(FileStats(str(item.path), error=f"cannot read file: {exc.strerror or exc}"))
            continue
        except InputError as exc:
            out.append(FileStats(str(item.path), error=str(exc)))
            continue
        out.append(FileStats(str(item.path), document_stats(document)))
    return out


def render_table(stats: Sequence[FileStats]) -> str:
    """One row per file, one column per figure."""
    headers = ["file", *(header for _, header, _ in COLUMNS)]
    rows = [headers]
    for item in stats:
        if item.error:
            rows.append([item.path, f"error: {item.error}"])
        else:
            rows.append([item.path, *(f"{item.values[key]:.{decimals}f}" for key, _, decimals in COLUMNS)])
    widths = [max(len(row[i]) for row in rows if i < len(row) and len(row) == len(headers)) for i in range(len(headers))]
    lines = []
    for row in rows:
        if len(row) != len(headers):
            lines.append(f"{row[0].ljust(widths[0])}  {row[1]}")
            continue
        cells = [row[0].ljust(widths[0]), *(cell.rjust(width) for cell, width in zip(row[1:], widths[1:]))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def render_json(stats: Sequence[FileStats]) -> str:
    """A JSON list: ``{"path", "error"}`` or ``{"path", <figure>: value, ...}`` per file."""
    records = [{"path": s.path, "error": s.error} if s.error else {"path": s.path, **{k: round(v, 3) for k, v in s.values.items()}}
               for s in stats]
    return json.dumps(records, indent=2, ensure_ascii=False)


RENDERERS = {"table": render_table, "json": render_json}
"""Output formats of ``artlint stats``."""


def write_stats(paths: Sequence[str], output_format: str, kind: str | None) -> tuple[str, bool]:
    """The report for ``paths`` and whether any file could not be read."""
    stats = file_stats(paths, kind)
    return RENDERERS[output_format](stats), any(s.error for s in stats)

