"""Fixing checked files: re-reading them, fixing through ``fix.fix_text``, writing atomically.

A file is written only when fixes changed its text, and only if it is still exactly what
artlint read: same size, modification time, inode and bytes just before the new version
replaces it. The new bytes keep the file's encoding, byte-order mark and line endings
(``SourceText.encode``; replacements use the file's line break); they are written to a
temporary file in the same folder, flushed to disk, and renamed over the original, so a
reader sees either the old file or the new one, never half of it.
"""

from __future__ import annotations

import difflib
import errno
import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from artlint.errors import ArtlintError, InputError
from artlint.fix import fix_text, wanted
from artlint.model import FileResult, Finding, RunResult
from artlint.runner import Runner
from artlint.source import SourceText, decode, read_input
from artlint.storage import write_atomic

STALE = "changed on disk while artlint was running; not fixed"


class StaleFileError(ArtlintError):
    """The file changed on disk after artlint read it."""


@dataclass(frozen=True, slots=True)
class Stamp:
    """What identifies one version of a file on disk."""

    size: int
    mtime_ns: int
    inode: int
    mode: int
    uid: int = -1
    gid: int = -1
    links: int = 1

    @classmethod
    def of(cls, path: Path) -> Stamp:
        info = path.stat()
        return cls(info.st_size, info.st_mtime_ns, info.st_ino, info.st_mode, info.st_uid, info.st_gid, info.st_nlink)

    def same_version(self, other: Stamp) -> bool:
        return (self.size, self.mtime_ns, self.inode) == (other.size, other.mtime_ns, other.inode)


@dataclass(frozen=True, slots=True)
class FileFix:
    """What fixing did to one input: its text before and after, and how many fixes applied."""

    path: str
    original: str
    fixed: str
    applied: int
    written: bool

    def diff(self) -> str:
        """A unified diff from the original to the fixed text (``a/PATH``, ``b/PATH``)."""
        lines = difflib.unified_diff(
            self.original.splitlines(keepends=True),
            self.fixed.splitlines(keepends=True),
            f"a/{self.path}",
            f"b/{self.path}",
        )
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def read_stamped(path: Path) -> tuple[bytes, Stamp]:
    """The bytes of ``path`` and the stamp of the version read (taken before reading); only a
    regular file is read (``runner.read_input``)."""
    stamp = Stamp.of(path)
    return read_input(path, max(stamp.size, 0) + 1), stamp


def replace_if_unchanged(path: Path, data: bytes, *, expected: bytes, stamp: Stamp) -> None:
    """Replace the file at ``path`` (a link's target) with ``data`` if it is unchanged.

    ``expected`` and ``stamp`` describe the version that was read; raises ``StaleFileError``
    when the file differs from it and ``OSError`` when it cannot be written. The permission
    bits and owner of the original are kept; a read-only file is not replaced
    (``PermissionError``), nor one with other hard links, which the new file would leave
    holding the old text, nor one whose owner cannot be kept (``InputError``).
    """
    target = Path(os.path.realpath(path))
    if not stat.S_IMODE(stamp.mode) & 0o222 or not os.access(target, os.W_OK):
        raise PermissionError(errno.EACCES, "the file is read-only", str(path))
    if stamp.links > 1:
        raise InputError(f"not fixed: the file has {stamp.links} hard links, which fixing would separate "
                         "(apply the --diff output with patch instead)")

    def keep_owner_if_unchanged(temporary: str) -> None:
        _keep_owner(temporary, stamp)
        if not Stamp.of(target).same_version(stamp) or target.read_bytes() != expected:
            raise StaleFileError(STALE)

    write_atomic(target, data, mode=stat.S_IMODE(stamp.mode), before_replace=keep_owner_if_unchanged)


def _keep_owner(temporary: str, stamp: Stamp) -> None:
    """Give ``temporary`` the owner and group of the file it replaces."""
    info = os.stat(temporary)
    if (info.st_uid, info.st_gid) == (stamp.uid, stamp.gid) or stamp.uid < 0 or not hasattr(os, "chown"):
        return
    try:
        os.chown(temporary, stamp.uid, stamp.gid)
    except PermissionError:
        raise InputError("not fixed: the file belongs to another user or group, which a fixed copy "
                         "written by this user could not keep") from None


def fix_run(
    runner: Runner, run: RunResult, *, unsafe: bool, write: bool, stdin_name: str | None = None
) -> tuple[RunResult, list[FileFix]]:
    """``run`` after fixing its files; with ``write``, changed files are written back.

    ``stdin_name`` is the name standard input was checked as, if it was: it has no file
    to write, so its fixed text is only returned (``--fix -`` prints it, as ruff does).

    Each file's findings become those of its fixed text. A file that cannot be fixed safely
    (changed meanwhile, encoding would not round-trip, not writable) keeps its findings and
    gets an error. Only inputs whose text fixes changed are listed in the returned fixes.
    """
    files: list[FileResult] = []
    fixes: list[FileFix] = []
    for result in run.files:
        if result.error is not None or not wanted(result.findings, unsafe=unsafe):
            files.append(result)
            continue
        try:
            fixed, file_fix = _fix_file(runner, result, unsafe=unsafe, write=write and result.path != stdin_name)
        except (ArtlintError, OSError, ValueError) as exc:  # ValueError: a bad edit, or unencodable text
            files.append(replace(result, error=_reason(exc)))
            continue
        files.append(fixed)
        if file_fix.fixed != file_fix.original:
            fixes.append(file_fix)
    return replace(run, files=files), fixes


def _fix_file(runner: Runner, result: FileResult, *, unsafe: bool, write: bool) -> tuple[FileResult, FileFix]:
    on_disk = _read_for_writing(result) if write else None
    source = on_disk[0] if on_disk else SourceText(result.text)
    settings = runner.resolver.for_path(Path(result.path))

    def lint(text: str) -> list[Finding]:
        return runner.check_source(source._replace(text=text), result.path, settings, result.kind)

    outcome = fix_text(source.text, result.findings, lint, unsafe=unsafe, newline=source.newline)
    written = on_disk is not None and outcome.text != source.text
    if on_disk is not None and written:
        replace_if_unchanged(Path(result.path), source.encode(outcome.text), expected=on_disk[1], stamp=on_disk[2])
    fixed = replace(result, findings=outcome.findings, text=outcome.text)
    return fixed, FileFix(result.path, source.text, outcome.text, outcome.applied, written)


def _read_for_writing(result: FileResult) -> tuple[SourceText, bytes, Stamp]:
    """The file as on disk now, checked to be what was linted and to round-trip when encoded."""
    data, stamp = read_stamped(Path(result.path))
    source = decode(data, markup=result.kind)
    if source.text != result.text:
        raise StaleFileError(STALE)
    if source.guessed:
        raise InputError("not fixed: its encoding was guessed (AL902); convert the file to UTF-8 first")
    try:
        round_trips = source.encode(source.text) == data
    except UnicodeError:
        round_trips = False
    if not round_trips:
        raise InputError(f"not fixed: the file does not round-trip through {source.encoding} unchanged")
    return source, data, stamp


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return f"cannot write the fixed file: {exc.strerror or exc}"
    if isinstance(exc, UnicodeError):
        return f"not fixed: the fixed text cannot be encoded as the file was ({exc})"
    if isinstance(exc, ValueError):
        return f"not fixed: a rule produced an invalid fix ({exc})"
    return str(exc)
