"""Where artlint keeps files of its own: atomic writes, and the user's cache folder."""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
import time
import zlib
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

SETTLED_NS = 2_000_000_000
"""How long before a check a file must have last changed for what was read from it to be
recorded against its ``stamp``: timestamps are coarse on some file systems, so a write in the
same clock tick as the file's last change could otherwise go unseen."""
CONTENT_NAMES = "content-names.json"
"""The user-cache file recording ``content_name``'s answers against the files' stamps."""
MAX_CONTENT_NAMES = 64
"""How many files ``CONTENT_NAMES`` remembers (the most recently named)."""


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


def remove_user_cache() -> Path | None:
    """Remove artlint's user cache folder: the folder removed, or None when there is none.

    Everything there is made again when a run needs it, so removing it is always safe; it is
    how the copies left by earlier versions (named after file times) are reclaimed. Raise
    ``OSError`` when the path is a link or a file, which artlint never makes, so that nothing
    it points at is touched.
    """
    folder = user_cache_dir()
    if not os.path.lexists(folder):
        return None
    if folder.is_symlink() or not folder.is_dir():
        raise NotADirectoryError(f"{folder} is not a folder artlint made; not removing it")
    shutil.rmtree(folder)
    return folder


def stamp(path: Path) -> list[int]:
    """What changes when the file at ``path`` is written: size, inode, modification and change
    time (anything that writes to a file changes its change time, which no program can set back)."""
    info = path.stat()
    return [info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns]


def settled(stamped: list[int]) -> bool:
    """Whether the file ``stamped`` was last changed at least ``SETTLED_NS`` ago."""
    return stamped[3] < time.time_ns() - SETTLED_NS


def crc32_of(path: Path) -> int:
    """The CRC-32 of the file at ``path``, read in chunks of 1 MB."""
    crc = 0
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def content_name(path: Path) -> str:
    """``{size}-{crc32:08x}`` of the file at ``path``, to name what artlint derives from it in
    the user cache: every copy of the same bytes (each install of the same package) shares one
    name, where a name with the file's time gave every virtual environment and every CI cache
    restore another copy.

    The CRC-32 costs about 4 M instructions per MB, so ``CONTENT_NAMES`` records it against the
    file's ``stamp`` once the file has ``settled``, and it is read from there while the stamp is
    the same. A damaged record gives a name no file has, so the derived file is made again.
    """
    current = stamp(path)
    folder = user_cache_dir()
    private = private_folder(folder)
    names: object = {}
    if private:
        with suppress(OSError, ValueError, RecursionError):
            names = json.loads((folder / CONTENT_NAMES).read_bytes()[:100_000])
    if not isinstance(names, dict):
        names = {}
    key = os.fspath(path)
    known = names.get(key)
    if isinstance(known, list) and len(known) == 5 and known[:4] == current and isinstance(known[4], int):
        return f"{current[0]}-{known[4]:08x}"
    crc = crc32_of(path)
    if private and settled(current):
        names.pop(key, None)
        names[key] = [*current, crc]
        with suppress(OSError):
            write_atomic(folder / CONTENT_NAMES, json.dumps(dict(list(names.items())[-MAX_CONTENT_NAMES:])).encode())
    return f"{current[0]}-{crc:08x}"
