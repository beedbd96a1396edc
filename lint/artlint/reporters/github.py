"""The ``github`` format: GitHub Actions workflow commands that annotate the changed files.

::

    ::warning file=news/a.md,line=2,col=24,endLine=2,endColumn=26,title=TY002 space-before-comma::Space before a comma

Values are escaped as the Actions toolkit does: ``%``, CR and LF in the message; also ``:``
and ``,`` in properties. Columns are code points, as in ``Location``.
"""

from __future__ import annotations

from collections.abc import Mapping

from artlint.model import RunResult, Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(run: RunResult, *, color: bool = False) -> str:
    """One workflow command per finding and per file error (``color`` is ignored)."""
    lines: list[str] = []
    for file in run.files:
        if file.error is not None:
            lines.append(command("error", {"file": file.path, "title": "artlint"}, file.error))
        for f in file.findings:
            properties = {
                "file": f.path,
                "line": f.line,
                "col": f.column,
                "endLine": f.end_line,
                "endColumn": f.end_column,
                "title": f"{f.code} {f.name}",
            }
            lines.append(command(COMMANDS[f.severity], properties, f.message))
    return "".join(line + "\n" for line in lines)


def command(name: str, properties: Mapping[str, object], message: str) -> str:
    """``::name key=value,...::message`` with properties and message escaped."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, CR, LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as a message, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
