"""Regular expressions compiled once per machine instead of once per run.

Both pattern engines parse a pattern in Python before their C matchers run it: compiling the
built-in rules' patterns took about 60 ms of every start-up (``regex`` for BP010's dates in
five languages above all, ``re`` for some 100 smaller ones), as much as checking an article.
So the programs compiled in one run are saved in the user's cache folder and later runs
rebuild them in well under a millisecond, the way Python keeps bytecode in ``__pycache__``:

- a compiled ``regex`` pattern pickles as its parsed program (:func:`compile_pattern`);
- a compiled ``re`` pattern is the code list that ``re``'s compiler hands to ``_sre.compile``,
  plain integers (:func:`compile_re`). It is made by the steps of ``re._compiler.compile``,
  and ``_sre`` checks a program before it accepts one; a program it refuses is compiled again.

Each file is named after the versions that wrote it. Loading one accepts no object but
``regex``'s own constructor (and in the ``re`` file, plain data only), so unpickling an altered
file cannot call anything else (the folder is the user's own, as with ``__pycache__``); a file
that cannot be read is treated as empty and replaced. Writes go to a temporary file renamed
into place, and a folder that cannot be written is skipped silently.
"""

from __future__ import annotations

import atexit
import io
import pickle
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, AnyStr, Generic, TypeVar

from artlint.storage import user_cache_dir, write_atomic

if TYPE_CHECKING:
    import regex

__all__ = ["compile_pattern", "compile_re"]

MAX_ENTRIES = 1000
"""Patterns kept in a file: this run's first, then earlier runs' (user rules come and go)."""

_Key = tuple[str | bytes, int]
_P = TypeVar("_P")


class _PatternUnpickler(pickle.Unpickler):
    """Unpickles plain data and, where allowed, ``regex``'s pattern constructor; nothing else."""

    def __init__(self, data: bytes, allowed: frozenset[tuple[str, str]]) -> None:
        super().__init__(io.BytesIO(data))
        self.allowed = allowed

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in self.allowed:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a pattern cache")


_REGEX_CONSTRUCTOR = frozenset({("regex._regex", "compile")})


def _unpickle(data: bytes, allowed: frozenset[tuple[str, str]] = frozenset()) -> Any:
    return _PatternUnpickler(data, allowed).load()


class _Store(Generic[_P]):
    """One engine's compiled patterns, by pattern and flags; its file is loaded on first use.

    ``compile`` compiles a pattern and returns it with its program (picklable plain data);
    ``rebuild`` turns a saved program back into a pattern, or None when it cannot.
    """

    def __init__(self, name: Callable[[], str], compile: Callable[[Any, int], tuple[_P, Any]],
                 rebuild: Callable[[Any], _P | None]) -> None:
        self._name, self._compile, self._rebuild = name, compile, rebuild
        self._saved: dict[_Key, Any] | None = None
        self._used: dict[_Key, Any] = {}
        self._compiled: dict[_Key, _P] = {}
        self._changed = False

    @property
    def path(self) -> Path:
        return user_cache_dir() / f"{self._name()}.pickle"

    def _load(self) -> dict[_Key, Any]:
        try:
            saved = _unpickle(self.path.read_bytes())
        except Exception:  # noqa: BLE001 - a missing, truncated or foreign file is an empty cache
            return {}
        return saved if isinstance(saved, dict) else {}

    def compile(self, pattern: str | bytes, flags: int) -> _P:
        key = (pattern, int(flags))
        if key in self._compiled:
            return self._compiled[key]
        if self._saved is None:
            self._saved = self._load()
        program = self._saved.get(key)
        try:
            compiled = None if program is None else self._rebuild(program)
        except Exception:  # noqa: BLE001 - a damaged entry is compiled again
            compiled = None
        if compiled is None:
            compiled, program = self._compile(pattern, int(flags))
            if program is not None and not self._changed:
                self._changed = True
                atexit.register(self.save)
        self._compiled[key] = compiled
        if program is not None:
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


def _regex_name() -> str:
    import regex

    return f"regex-{regex.__version__}-py{sys.version_info[0]}{sys.version_info[1]}"


def _regex_compile(pattern: str, flags: int) -> tuple[regex.Pattern[str], bytes]:
    import regex

    compiled = regex.compile(pattern, flags)
    return compiled, pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL)


def _regex_rebuild(program: bytes) -> regex.Pattern[str] | None:
    import regex

    compiled = _unpickle(program, _REGEX_CONSTRUCTOR)
    return compiled if isinstance(compiled, regex.Pattern) else None


def _re_name() -> str:
    import _sre

    return f"re-{sys.version.split()[0]}-{_sre.MAGIC}"


def _re_program(pattern: AnyStr, flags: int) -> tuple[Any, ...]:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` for ``pattern``, by its steps."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are int subclasses
    groups = parsed.state.groupdict
    names: list[str | None] = [None] * parsed.state.groups
    for name, index in groups.items():
        names[index] = name
    return (pattern, int(flags | parsed.state.flags), code, parsed.state.groups - 1, dict(groups), tuple(names))


def _re_compile(pattern: AnyStr, flags: int) -> tuple[re.Pattern[AnyStr], tuple[Any, ...] | None]:
    """``re.compile`` and the program it was built from (None, and nothing kept, on a Python
    whose ``re`` internals differ)."""
    import _sre

    try:
        program = _re_program(pattern, flags)
        compiled: re.Pattern[AnyStr] = _sre.compile(*program)
    except (ImportError, AttributeError, TypeError):
        return re.compile(pattern, flags), None
    return compiled, program


def _re_rebuild(program: tuple[Any, ...]) -> re.Pattern[Any]:
    import _sre

    compiled: re.Pattern[Any] = _sre.compile(*program)  # raises on a program it refuses
    return compiled


def _regex_store() -> _Store[regex.Pattern[str]]:
    """A store of ``regex`` patterns, empty until its file is read."""
    return _Store(_regex_name, _regex_compile, _regex_rebuild)


def _re_store() -> _Store[re.Pattern[Any]]:
    """A store of ``re`` patterns, empty until its file is read."""
    return _Store(_re_name, _re_compile, _re_rebuild)


_REGEX = _regex_store()
_RE = _re_store()


def compile_pattern(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, from the user's pattern cache when it holds it."""
    return _REGEX.compile(pattern, flags)


def compile_re(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, from the user's pattern cache when it holds it."""
    compiled: re.Pattern[AnyStr] = _RE.compile(pattern, flags)
    return compiled
