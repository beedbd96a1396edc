"""One line per finding, ruff's ``--output-format concise``: ``path:line:col: CODE message``.

::

    news/launch.md:3:18: TY001 Straight apostrophe; this article uses ’
    news/broken.html: error: not valid UTF-8 ...

    Found 1 finding (1 info) in 2 files; 1 file was not checked.
"""

from __future__ import annotations

from artlint.model import Finding, RunResult
from artlint.reporters.locations import FileView
from artlint.reporters.text import Style, one_line, report


def render(run: RunResult, *, color: bool = False) -> str:
    """Each file error and each finding on one line, then the summary line."""
    return report(run, Style(color), concise_line)


def concise_line(view: FileView, finding: Finding, style: Style) -> list[str]:
    """``path:line:col: CODE message``."""
    where = style.bold(f"{one_line(finding.path)}:{finding.line}:{finding.column}:")
    code = style.severity(finding.severity, finding.code, bold=True)
    return [f"{where} {code} {one_line(finding.message)}"]
