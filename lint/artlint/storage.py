"""Where artlint keeps files of its own: atomic writes, and the user's cache folder."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomic(path: Path, data: bytes, *, mode: int | None = None,
                 before_replace: Callable[[], None] | None = None) -> None:
    """Write ``data`` to a temporary file beside ``path``, flushed to disk, then rename it over
    ``path``: readers see the old file or the new one, never a part, even after a crash.

    ``mode`` sets the new file's permission bits; ``before_replace`` runs just before the
    rename and may raise to cancel it (the temporary file is removed).
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".artlint-tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        if before_replace is not None:
            before_replace()
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def user_cache_dir() -> Path:
    """artlint's folder in the user's cache: under ``$XDG_CACHE_HOME`` where it is set, else
    the platform's cache folder (``~/.cache`` on Linux)."""
    if os.environ.get("XDG_CACHE_HOME"):
        base = Path(os.environ["XDG_CACHE_HOME"])
    elif sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path.home() / ".cache"
    return base / "artlint"
