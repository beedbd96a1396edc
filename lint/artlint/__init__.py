"""artlint: a linter for the text of news and web articles.

``check_text`` and ``check_path`` are the Python API (see ``artlint.api``); they are imported
on first use so that ``import artlint`` stays cheap.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "check_path", "check_text"]


def __getattr__(name: str) -> Any:
    if name in ("check_text", "check_path"):
        from artlint import api

        return getattr(api, name)
    raise AttributeError(f"module 'artlint' has no attribute {name!r}")
