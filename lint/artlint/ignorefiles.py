"""``.gitignore`` and ``.ignore`` files, honoured by directory walks as git and ripgrep do.

Each folder's files apply to the paths below it (``.ignore`` after ``.gitignore``, so it can
re-include what git ignores); a deeper folder's verdict wins over a shallower one's. The files
of the folders above the walk's root count up to the root of its git work tree. Patterns are
matched by ``pathspec`` with git's own semantics. An ignore file that cannot be read, is not a
regular file or is larger than ``MAX_IGNORE_FILE_BYTES`` counts as absent.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from artlint.errors import InputError
from artlint.source import read_input

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

IGNORE_FILES = (".gitignore", ".ignore")
MAX_IGNORE_FILE_BYTES = 10_000_000
"""A larger ignore file, or one that is not a regular file, is not read (as if it were absent)."""


class IgnoreFiles:
    """The ignore files met on a walk: per folder, its combined spec and whether it is the root
    of a git work tree, read once."""

    def __init__(self) -> None:
        self._folders: dict[Path, tuple[GitIgnoreSpec | None, bool]] = {}

    def ignored(self, path: Path, *, is_dir: bool) -> bool:
        """Whether the deepest folder above ``path`` (an absolute path) with an opinion ignores it."""
        for folder in path.parents:
            spec, top = self._folder(folder)
            if spec is not None:
                relative = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
                verdict = spec.check_file(relative).include
                if verdict is not None:
                    return verdict
            if top:
                break
        return False

    def _folder(self, folder: Path) -> tuple[GitIgnoreSpec | None, bool]:
        known = self._folders.get(folder)
        if known is None:
            lines: list[str] = []
            for name in IGNORE_FILES:
                try:  # a regular file only: a FIFO would block, a link to a device never end
                    data = read_input(folder / name, MAX_IGNORE_FILE_BYTES)
                except (OSError, InputError):
                    continue
                lines += data.decode("utf-8", "replace").splitlines()
            spec = _spec(lines) if lines else None
            known = self._folders[folder] = (spec, (folder / ".git").exists())
        return known


def _spec(lines: list[str]) -> GitIgnoreSpec:
    """The spec of an ignore file's ``lines``; ``pathspec`` (with its matching back ends, a
    tenth of a one-file check's start-up) is imported by the first walk that meets one."""
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(lines)
