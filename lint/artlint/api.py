"""The Python API: check text or files the way the command line does."""

from __future__ import annotations

from pathlib import Path

from artlint.config import Overrides
from artlint.errors import InputError
from artlint.model import Finding
from artlint.runner import Runner


def _runner(config: str | Path | None, isolated: bool) -> Runner:
    return Runner(Overrides(config_file=Path(config) if config else None, isolated=isolated and not config))


def check_text(text: str, *, kind: str = "text", config: str | Path | None = None) -> list[Finding]:
    """Findings for ``text`` (``kind``: ``"text"``, ``"markdown"`` or ``"html"``).

    ``config`` is a path to an ``artlint.toml`` or ``pyproject.toml``; without it the
    defaults apply (no configuration file is searched for).
    """
    return _runner(config, isolated=True).check_text(text, kind=kind)


def check_path(path: str | Path, *, config: str | Path | None = None) -> list[Finding]:
    """Findings for one file, with the configuration nearest to it (or ``config``).

    Raises ``InputError`` when the file cannot be read or decoded.
    """
    runner = _runner(config, isolated=False)
    results = runner.run([str(path)])
    errors = [r.error for r in results.files if r.error]
    if errors:
        raise InputError(f"{path}: {errors[0]}")
    return results.findings
