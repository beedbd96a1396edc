"""One line per finding, ruff's ``--output-format concise``: ``path:line:col: CODE message``.

::

    news/launch.md:3:18: TY001 Straight apostrophe; this article uses ’
    news/broken.html: error: not valid UTF-8 ...

    Found 1 finding (1 info) in 2 files; 1 file was not checked.
"""

from __future__ import annotations

from artlint.model import RunResult
from artlint.reporters.summary import Counts
from artlint.reporters.text import Style, one_line


def render(run: RunResult, *, color: bool = False) -> str:
    """Each file error and each finding on one line, then the summary line."""
    style = Style(color)
    lines: list[str] = []
    for result in run.files:
        if result.error is not None:
            lines.append(f"{style.bold(result.path + ':')} {style.paint('error:', '1;31')} {one_line(result.error)}")
        for finding in result.findings:
            where = style.bold(f"{finding.path}:{finding.line}:{finding.column}:")
            code = style.severity(finding.severity, finding.code, bold=True)
            lines.append(f"{where} {code} {one_line(finding.message)}")
    if lines:
        lines.append("")
    lines.append(style.bold(Counts.of(run).sentence()))
    return "\n".join(lines) + "\n"
