"""``regex`` patterns compiled once per machine instead of once per run.

The ``regex`` module parses a pattern in Python before its C engine runs it: the built-in
rules' patterns (BP010's dates in five languages above all) took about 50 ms of every
start-up to compile, as much as checking an article. A compiled ``regex`` pattern pickles
as its parsed program, so the programs compiled in one run are saved in the user's cache
folder and later runs rebuild them in well under a millisecond, the way Python keeps
bytecode in ``__pycache__``.

The file is named after the ``regex`` and Python versions that wrote it. Loading it accepts
no object but ``regex``'s own constructor, so unpickling an altered file cannot call anything
else (the folder is the user's own, as with ``__pycache__``); a file that cannot be read is
treated as empty and replaced. Writes go to a temporary file renamed into
place, and a folder that cannot be written is skipped silently.
"""

from __future__ import annotations

import atexit
import io
import pickle
import sys
from pathlib import Path
from typing import Any

import regex

from artlint.storage import user_cache_dir, write_atomic

__all__ = ["compile_pattern"]

MAX_ENTRIES = 1000
"""Patterns kept in the file: this run's first, then earlier runs' (user rules come and go)."""

_Key = tuple[str, int]


class _PatternUnpickler(pickle.Unpickler):
    """Unpickles compiled patterns and plain data, nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("regex._regex", "compile"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a pattern cache")


def _unpickle(data: bytes) -> Any:
    return _PatternUnpickler(io.BytesIO(data)).load()


class _Store:
    """The programs of compiled patterns, by pattern and flags, loaded on first use."""

    def __init__(self) -> None:
        self._saved: dict[_Key, bytes] | None = None
        self._used: dict[_Key, bytes] = {}
        self._compiled: dict[_Key, regex.Pattern[str]] = {}
        self._changed = False

    @property
    def path(self) -> Path:
        version = f"{regex.__version__}-py{sys.version_info[0]}{sys.version_info[1]}"
        return user_cache_dir() / f"regex-{version}.pickle"

    def _load(self) -> dict[_Key, bytes]:
        try:
            saved = _unpickle(self.path.read_bytes())
        except Exception:  # noqa: BLE001 - a missing, truncated or foreign file is an empty cache
            return {}
        return saved if isinstance(saved, dict) else {}

    def compile(self, pattern: str, flags: int) -> regex.Pattern[str]:
        key = (pattern, int(flags))
        if key in self._compiled:
            return self._compiled[key]
        if self._saved is None:
            self._saved = self._load()
        program = self._saved.get(key, b"")
        try:
            compiled = _unpickle(program) if program else None
        except Exception:  # noqa: BLE001 - a damaged entry is compiled again
            compiled = None
        if not isinstance(compiled, regex.Pattern):
            compiled = regex.compile(pattern, flags)
            program = pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL)
            if not self._changed:
                self._changed = True
                atexit.register(self.save)
        self._compiled[key] = compiled
        self._used[key] = program
        return compiled

    def save(self) -> None:
        """Write this run's programs (then earlier runs', up to ``MAX_ENTRIES``) if any is new."""
        if not self._changed:
            return
        entries = dict(self._used)
        for key, program in (self._saved or {}).items():
            if len(entries) >= MAX_ENTRIES:
                break
            entries.setdefault(key, program)
        path = self.path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:  # a read-only home or a full disk: later runs compile again
            return
        self._saved, self._changed = entries, False


_STORE = _Store()


def compile_pattern(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, from the user's pattern cache when it holds it."""
    return _STORE.compile(pattern, flags)
