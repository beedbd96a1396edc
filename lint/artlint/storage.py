"""Where artlint keeps files of its own: atomic writes, and the user's cache folder."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path


def write_atomic(path: Path, data: bytes, *, mode: int | None = None,
                 before_replace: Callable[[str], None] | None = None) -> None:
    """Write ``data`` to a temporary file beside ``path``, flushed to disk, then rename it over
    ``path``: readers see the old file or the new one, never a part, even after a crash.

    ``mode`` sets the new file's permission bits (else 0600); ``before_replace`` is given the
    temporary file's path just before the rename and may raise to cancel it (the temporary
    file is removed).
    """
    import tempfile  # here: most runs write nothing

    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".artlint-tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        if before_replace is not None:
            before_replace(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_report(path: Path, data: bytes) -> None:
    """Write a report to ``path``: atomically (``write_atomic``, readable as a new file would be)
    when it is or will be a regular file, so that a failed write leaves no truncated report;
    directly to anything else (``/dev/stdout``, a FIFO)."""
    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        regular = True
    if not regular:
        path.write_bytes(data)
        return
    mask = os.umask(0)
    os.umask(mask)
    write_atomic(path, data, mode=0o666 & ~mask)


def private_folder(path: Path) -> bool:
    """Whether folder ``path`` may hold what artlint reads back as its own: created here (mode
    0700, with missing parents) when it does not exist, it must be a folder, not a symbolic
    link, owned by this user and not writable by everyone. A cache others can write is one they
    can use to change what artlint reports, so artlint then neither reads nor writes it."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(path)
    except OSError:
        return False
    owner = os.geteuid() if hasattr(os, "geteuid") else info.st_uid
    return stat.S_ISDIR(info.st_mode) and info.st_uid == owner and not info.st_mode & stat.S_IWOTH


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
