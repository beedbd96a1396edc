"""artlint: a linter for the text of news and web articles.

``check_text`` and ``check_path`` are the Python API (see ``artlint.api``); they are imported
on first use so that ``import artlint`` stays cheap.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.2.0"

REPOSITORY_URL = "https://github.com/artlint/artlint"
"""The repository: the only place its address is written (links in reports, SARIF, the editor)."""
RAW_URL = REPOSITORY_URL.replace("https://github.com/", "https://raw.githubusercontent.com/") + "/main"
"""Files of the repository's main branch, served as they are (the configuration's JSON Schema)."""
DOCS_URL = f"{REPOSITORY_URL}/blob/main/docs"
"""The documentation folder as the repository's web view renders it; rule pages are under ``rules/``."""

__all__ = ["DOCS_URL", "REPOSITORY_URL", "__version__", "check_path", "check_text"]


def __getattr__(name: str) -> Any:
    if name in ("check_text", "check_path"):
        from artlint import api

        return getattr(api, name)
    raise AttributeError(f"module 'artlint' has no attribute {name!r}")
