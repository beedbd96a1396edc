"""Output formats: each renders a whole ``RunResult`` to a string.

Reporters know nothing about rules' internals or files on disk: everything they show comes
from the ``RunResult`` (findings, each file's decoded text, rule metadata). Formats are
documented in ``docs/output-formats.md``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Protocol

from artlint.model import RunResult


class Renderer(Protocol):
    def __call__(self, run: RunResult, *, color: bool = False) -> str: ...


_MODULES: dict[str, str] = {
    "text": "text",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "html": "html",
    "rdjson": "rdjson",
    "gitlab": "gitlab",
    "concise": "concise",
}
"""Format name -> module of this package with its ``render``, imported only when used."""

FORMATS: tuple[str, ...] = tuple(_MODULES)
"""Names accepted by ``render``; the first is the default."""


def render(fmt: str, run: RunResult, *, color: bool = False) -> str:
    """Render ``run`` in format ``fmt``; ``color`` (ANSI) only affects ``text``.

    Raises ``ValueError`` for an unknown format. The result ends with a newline unless empty.
    """
    try:
        module = _MODULES[fmt]
    except KeyError:
        raise ValueError(f"unknown output format {fmt!r} (expected one of: {', '.join(FORMATS)})") from None
    renderer: Renderer = import_module(f"{__name__}.{module}").render
    return renderer(run, color=color)
