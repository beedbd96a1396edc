"""Output formats: each renders a whole ``RunResult`` to a string.

Reporters know nothing about rules' internals or files on disk: everything they show comes
from the ``RunResult`` (findings, each file's decoded text, rule metadata). Formats are
documented in ``docs/output-formats.md``.
"""

from __future__ import annotations

from typing import Protocol

from artlint.model import RunResult
from artlint.reporters import github, gitlab, html, json_report, junit, rdjson, sarif, text


class Renderer(Protocol):
    def __call__(self, run: RunResult, *, color: bool = False) -> str: ...


_RENDERERS: dict[str, Renderer] = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
    "html": html.render,
    "rdjson": rdjson.render,
    "gitlab": gitlab.render,
}

FORMATS: tuple[str, ...] = tuple(_RENDERERS)
"""Names accepted by ``render``; the first is the default."""


def render(fmt: str, run: RunResult, *, color: bool = False) -> str:
    """Render ``run`` in format ``fmt``; ``color`` (ANSI) only affects ``text``.

    Raises ``ValueError`` for an unknown format. The result ends with a newline unless empty.
    """
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown output format {fmt!r} (expected one of: {', '.join(FORMATS)})") from None
    return renderer(run, color=color)
