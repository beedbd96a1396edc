"""The default, human-readable format; its first line per finding is what editors parse.

::

    news/launch.md:3:18: TY001 [info] Straight apostrophe; this article uses ’
      Officials said it's a great day.
                       ^
      = note: news/launch.md:1:9: curly apostrophe used here
    news/broken.html: error: not valid UTF-8 ...

    Found 1 finding (1 info) in 2 files; 1 file was not checked.

Columns are code points, as in ``Location``. A long line is shown as a window around the span,
as compilers do: up to ``CONTEXT`` characters on each side and at most ``MAX_SPAN`` of the span,
with ``…`` where the line was cut, so a report grows with its findings, not with its paragraphs.
The caret line keeps the source line's tabs and
counts wide (East Asian, emoji) characters as two cells, so the carets sit under the span in
a terminal. Control characters in the source, in messages and in file names are shown as
visible stand-ins, so neither article text nor a file's name can break the line structure or
send escape sequences to the terminal (or workflow commands to a CI log).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from artlint.model import Finding, Location, RunResult, Severity
from artlint.reporters.locations import FileView
from artlint.reporters.summary import Counts, fixable_hint

INDENT = "  "
CONTEXT = 40
MAX_SPAN = 80
ELLIPSIS = "…"
_SEVERITY_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


@dataclass(frozen=True, slots=True)
class Style:
    """ANSI styling that is a no-op unless ``color`` is set."""

    color: bool = False

    def paint(self, text: str, sgr: str) -> str:
        """``text`` wrapped in the SGR sequence ``sgr`` (e.g. ``"1;31"``)."""
        return f"\x1b[{sgr}m{text}\x1b[0m" if self.color and text else text

    def bold(self, text: str) -> str:
        return self.paint(text, "1")

    def severity(self, severity: Severity, text: str, *, bold: bool = False) -> str:
        sgr = _SEVERITY_COLOURS[severity]
        return self.paint(text, f"1;{sgr}" if bold else sgr)


PLAIN = Style()


FindingLines = Callable[[FileView, Finding, Style], list[str]]
"""The lines a report shows for one finding."""


def render(run: RunResult, *, color: bool = False) -> str:
    """Every finding with its source line and notes, file errors, then the summary lines."""
    return report(run, Style(color), finding_lines)


def report(run: RunResult, style: Style, lines_of: FindingLines) -> str:
    """File errors and ``lines_of`` each finding, file by file, then a summary line and, when
    some findings have fixes, how many ``--fix`` would apply (as ruff says it)."""
    lines = findings_lines(run, style, lines_of)
    if lines:
        lines.append("")
    lines.append(style.bold(Counts.of(run).sentence()))
    lines.extend(fixable_hint(run))
    return "\n".join(lines) + "\n"


def findings_lines(run: RunResult, style: Style, lines_of: FindingLines) -> list[str]:
    """The findings and file errors of ``report`` without the summary (``--quiet``)."""
    lines: list[str] = []
    for result in run.files:
        if result.error is not None:
            lines.append(f"{style.bold(one_line(result.path) + ':')} {style.paint('error:', '1;31')} {one_line(result.error)}")
        view = FileView.of(result)
        for finding in result.findings:
            lines.extend(lines_of(view, finding, style))
    return lines


def finding_lines(view: FileView, finding: Finding, style: Style = PLAIN) -> list[str]:
    """The headline, the marked source line and the related notes of one finding."""
    lines = [headline(finding, style), *snippet(view, finding.location, finding.severity, style)]
    for related in finding.related:
        where = f"{one_line(finding.path)}:{related.location.line}:{related.location.column}:"
        lines.append(f"{INDENT}{style.paint('= note:', '1;36')} {where} {one_line(related.message)}")
    return lines


def headline(finding: Finding, style: Style = PLAIN) -> str:
    """``path:line:col: CODE [severity] message`` on one line."""
    where = style.bold(f"{one_line(finding.path)}:{finding.line}:{finding.column}:")
    code = style.severity(finding.severity, finding.code, bold=True)
    label = style.severity(finding.severity, f"[{finding.severity.label}]")
    return f"{where} {code} {label} {one_line(finding.message)}"


def snippet(view: FileView, location: Location, severity: Severity, style: Style = PLAIN) -> list[str]:
    """A window of the span's first source line and a caret line under the span (clipped to
    that line and to ``MAX_SPAN`` characters)."""
    line = view.line_text(location.line)
    if line is None:
        return []
    first = location.column - 1
    last = location.end_column - 1 if location.end_line == location.line else len(line)
    last = min(last, first + MAX_SPAN)
    low, high = max(0, first - CONTEXT), min(len(line), max(last, first + 1) + CONTEXT)
    shown: list[str] = [ELLIPSIS] if low else []
    padding: list[str] = [" "] if low else []
    width = 0
    for i, ch in enumerate(line[low:high], start=low):
        text, cells = _cell(ch)
        shown.append(text)
        if i < first:
            padding.append(text if ch == "\t" else " " * cells)
        elif i < last:
            width += cells
    if high < len(line):
        shown.append(ELLIPSIS)
    carets = style.severity(severity, "^" * max(width, 1))
    return [f"{INDENT}{''.join(shown)}", f"{INDENT}{''.join(padding)}{carets}"]


def one_line(text: str) -> str:
    """``text`` with line breaks and other control characters made visible."""
    return "".join(_visible(ch) for ch in text)


def _cell(ch: str) -> tuple[str, int]:
    """How ``ch`` is shown in a source line, and how many terminal cells it takes."""
    shown = _visible(ch)
    if shown != ch:
        return shown, 1
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return ch, 0
    return ch, 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _visible(ch: str) -> str:
    """A printable stand-in for a control or line-separator character; tabs are kept."""
    code = ord(ch)
    if ch == "\t" or 0x20 <= code < 0x7F or (code > 0x9F and ch not in "\u2028\u2029"):
        return ch
    if code < 0x20:
        return chr(0x2400 + code)  # Control Pictures: ␊ for LF, ␛ for ESC
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"
