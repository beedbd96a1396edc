"""Positions of findings in a file's text, as the different output formats count them.

``Location`` carries 1-based lines and code-point columns. SARIF (and LSP) count columns in
UTF-16 code units, and the text format shows the source line under each finding; both need
the file's text, which ``FileView`` wraps with a lazily built ``LineIndex``.
"""

from __future__ import annotations

import bisect
import re

from artlint.model import FileResult, Location
from artlint.source import LineIndex


class FileView:
    """Read-only views of one file's text: source lines, span text and UTF-16 columns."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._index: LineIndex | None = None
        self._astral: list[int] | None = None

    @classmethod
    def of(cls, result: FileResult) -> FileView:
        """The view of a file's decoded text (empty for a file that could not be read)."""
        return cls(result.text)

    @property
    def index(self) -> LineIndex:
        """The line index, built on first use."""
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index

    def line_text(self, line: int) -> str | None:
        """The text of 1-based ``line`` without its line break; ``None`` if there is no text."""
        if not self.text or not 1 <= line <= self.index.line_count:
            return None
        return self.index.line_text(line)

    def span_text(self, start: int, end: int, fallback: str = "") -> str:
        """``text[start:end]``, or ``fallback`` when the text is unavailable."""
        return self.text[start:end] if self.text else fallback

    def utf16_columns(self, location: Location) -> tuple[int, int]:
        """1-based UTF-16 code-unit (start, end) columns of ``location``; end is exclusive.

        Without the text the code-point columns are returned (equal for BMP-only lines).
        """
        if not self.text:
            return location.column, location.end_column
        index = self.index
        return index.utf16_column(location.start) + 1, index.utf16_column(location.end) + 1

    def utf8_column(self, offset: int) -> int:
        """1-based column of ``offset`` counted in UTF-8 bytes (reviewdog's unit)."""
        start = self.index.line_start(self.index.line_of(offset))
        return len(self.text[start:offset].encode("utf-8", "surrogatepass")) + 1

    def utf16_offset(self, offset: int) -> int:
        """``offset`` (code points from the start of the text) in UTF-16 code units."""
        if self._astral is None:
            self._astral = [m.start() for m in _ASTRAL.finditer(self.text)]
        return offset + bisect.bisect_left(self._astral, offset)


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
