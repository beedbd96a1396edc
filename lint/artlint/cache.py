"""A cache of per-input findings, so that re-checking unchanged text costs a hash and a read.

An entry's key is the SHA-256 of the input's bytes together with its input kind, the rules
that run on it (their codes, severities and parameters, after per-file ignores), the grammar
settings, and a fingerprint of the rule set: the artlint version, the files of the ``artlint``
package and of the built-in and user rule folders (each file's path, size and modification
time, as make and mypy judge change: reading them all would cost every run 20 ms), and the
installed rule plugins.
Anything that can change a finding changes the key, so entries are never invalidated, only
left behind (``artlint clean`` removes them).

Entries are JSON files under ``<cache dir>/v1/<2 hex>/<key>.json``, written to a temporary
file and renamed into place, so concurrent runs never see a partial entry. Results that include
an artlint error (a crashed or timed-out rule) are not stored.

An entry is a hint, never the truth (a CI cache restore, a shared runner or another user may
have written it): it is used only when it is well-formed and consistent with the text it
describes (``consistent_findings``: field types, offsets within the text, excerpts equal to the
text they point at, lines and columns right, codes and names of rules that ran); anything
else (unreadable, not JSON, nested too deep, too large, another key) is a miss and the file is
checked again. A cache folder that others may write (owned by another user, or writable by
all) is not used at all (``storage.private_folder``). ``--fix`` never reads the cache: its
edits always come from a fresh check of the text on disk.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from artlint import __version__
from artlint.config import Overrides, Settings
from artlint.errors import ArtlintError, InputError
from artlint.lexicon import builtin_rules_dir
from artlint.markup import kind_for
from artlint.model import Applicability, Edit, Family, FileResult, Finding, Fix, Location, Related, Severity
from artlint.registry import plugin_entry_points
from artlint.reporters.json_report import finding_json
from artlint.runner import Input, Runner
from artlint.sites import site_of
from artlint.source import LineIndex, decode, read_input, read_json
from artlint.storage import private_folder, write_atomic

MAX_ENTRY_BYTES = 64_000_000
"""An entry larger than this is neither written nor read."""
CACHE_DIR_NAME = ".artlint_cache"
CACHE_DIR_ENV = "ARTLINT_CACHE_DIR"
FORMAT = "v1"
TAG_NAME = "CACHEDIR.TAG"
TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by artlint; see https://bford.info/cachedir/\n"
)


def default_cache_dir(settings: Settings) -> Path:
    """``.artlint_cache`` next to the configuration file, or in the working directory."""
    base = settings.source.parent if settings.source is not None else Path.cwd()
    return base / CACHE_DIR_NAME


@lru_cache(maxsize=16)
def rules_fingerprint(rules_dirs: tuple[Path, ...]) -> bytes:
    """Digest of everything besides configuration that decides findings (see the module doc)."""
    digest = hashlib.sha256(f"artlint {__version__}\0".encode())
    for root in (Path(__file__).parent, builtin_rules_dir(), *rules_dirs):
        for name, stat in _file_stats(root):
            digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    for entry in sorted(plugin_entry_points(), key=lambda e: e.value):
        dist = entry.dist
        digest.update(f"{entry.value}\0{dist.version if dist else ''}\0".encode())
    return digest.digest()


def _file_stats(root: Path) -> list[tuple[str, os.stat_result]]:
    """Every file under ``root`` (``__pycache__`` left out) by relative path, sorted, with its stat."""
    found: list[tuple[str, os.stat_result]] = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [d for d in subfolders if d != "__pycache__"]
        for name in names:
            path = os.path.join(folder, name)
            found.append((os.path.relpath(path, root), os.stat(path)))
    return sorted(found, key=lambda item: item[0])


class ResultCache:
    """Findings stored by key in a cache folder; safe under concurrent runs."""

    def __init__(self, directory: Path, *, read: bool = True) -> None:
        self.directory = directory
        self.root = directory / FORMAT
        self.read = read
        self.hits = 0
        self.misses = 0
        self._writable = True
        self._tagged = False
        self._trusted: bool | None = None

    def get(self, key: str, path: str, text: str, rules: Mapping[str, str]) -> list[Finding] | None:
        """The findings stored under ``key`` for ``text``, shown as file ``path``; ``None`` on a
        miss. ``rules`` maps the codes of the rules that ran to their names."""
        findings = self._load(key, path, text, rules) if self.read and self.trusted() else None
        if findings is None:
            self.misses += 1
        else:
            self.hits += 1
        return findings

    def _load(self, key: str, path: str, text: str, rules: Mapping[str, str]) -> list[Finding] | None:
        try:  # a regular file only: restored caches can hold FIFOs and links to devices
            record = read_json(self._entry(key), MAX_ENTRY_BYTES)
        except (OSError, ValueError, InputError):
            return None
        if not isinstance(record, dict) or record.get("key") != key or not isinstance(record.get("findings"), list):
            return None
        return consistent_findings(record["findings"], path, text, rules)

    def trusted(self) -> bool:
        """Whether the cache folder is this user's alone (see ``storage.private_folder``)."""
        if self._trusted is None:
            self._trusted = private_folder(self.directory)
        return self._trusted

    def put(self, key: str, findings: Sequence[Finding]) -> None:
        """Store ``findings`` under ``key``; a cache that cannot be written, or that others may
        write, is skipped."""
        if not self._writable or not self.trusted():
            return
        records = [finding_record(f) for f in findings]
        payload = json.dumps({"key": key, "findings": records}, ensure_ascii=False).encode()
        if len(payload) > MAX_ENTRY_BYTES:
            return
        try:
            if not self._tagged:
                for name, text in ((TAG_NAME, TAG), (".gitignore", "# created by artlint\n*\n")):
                    if not (self.directory / name).exists():
                        write_atomic(self.directory / name, text.encode())
                self._tagged = True
            entry = self._entry(key)
            entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_atomic(entry, payload)
        except OSError:
            self._writable = False

    def _entry(self, key: str) -> Path:
        return self.root / key[:2] / f"{key[2:]}.json"


def clean(directory: Path) -> bool:
    """Remove the cache folder ``directory``; False when there is none.

    Raise ``ArtlintError`` when ``directory`` exists but is not an artlint cache, so that a
    mistyped ``--cache-dir`` never deletes anything else.
    """
    if not directory.exists():
        return False
    tag = directory / TAG_NAME
    try:
        ours = read_input(tag, len(TAG.encode())).decode("utf-8") == TAG
    except (OSError, InputError, UnicodeDecodeError):
        ours = False
    if not ours:
        raise ArtlintError(f"{directory} is not an artlint cache folder (no artlint {TAG_NAME}); not removing it")
    shutil.rmtree(directory)
    return True


class CachedRunner(Runner):
    """A ``Runner`` that answers from a ``ResultCache`` when it can and fills it otherwise."""

    def __init__(self, overrides: Overrides | None = None, *, kind: str | None = None, cache: ResultCache) -> None:
        super().__init__(overrides, kind=kind)
        self.cache = cache
        self._prefixes: dict[int, bytes] = {}

    def check_bytes(self, data: bytes, display: str, settings: Settings, kind: str, site: str | None = None) -> FileResult:
        """Check one input's bytes, or return its stored findings."""
        key = self.key(data, display, settings, kind, site)
        stored = self._stored(key, data, display, settings, kind)
        if stored is not None:
            return stored
        result = super().check_bytes(data, display, settings, kind, site)
        if result.error is None and not any(f.family is Family.ARTLINT for f in result.findings):
            self.cache.put(key, result.findings)
        return result

    def stored(self, item: Input) -> FileResult | None:
        """The stored result of file ``item``, or ``None`` when it has to be checked."""
        if item.error or not self.cache.read:
            return None
        settings = self.resolver.for_path(item.path)
        try:
            data = read_input(item.path, settings.max_file_size)
        except (InputError, OSError):
            return None
        kind = self.kind or kind_for(item.path)
        display = str(item.path)
        return self._stored(self.key(data, display, settings, kind), data, display, settings, kind)

    def _stored(self, key: str, data: bytes, display: str, settings: Settings, kind: str) -> FileResult | None:
        if not self.cache.read:
            return None
        try:
            text = decode(data, markup=kind).text
        except InputError:
            return None
        engine, _ = self.engine(settings)
        rules = {a.spec.code: a.spec.name for a in engine.rules}
        findings = self.cache.get(key, display, text, rules)
        if findings is None:
            return None
        return FileResult(display, findings, text, kind=kind)

    def key(self, data: bytes, display: str, settings: Settings, kind: str, site: str | None = None) -> str:
        """The cache key of ``data`` checked as ``display`` with ``settings`` as ``kind`` (of ``site``,
        which counts only with learned site templates)."""
        engine, _ = self.engine(settings)
        prefix = self._prefixes.get(id(settings))
        if prefix is None:
            rules = [(a.spec.code, a.severity.label, a.rule.params) for a in engine.rules]
            templates = engine.templates.digest() if engine.templates is not None else None
            described = json.dumps([rules, settings.grammar._asdict(), engine.unused_suppressions, templates],
                                   sort_keys=True, default=repr)
            prefix = rules_fingerprint(settings.rules_dirs) + hashlib.sha256(described.encode()).digest()
            self._prefixes[id(settings)] = prefix
        enabled = self._enabled(engine, settings, Path(display))
        digest = hashlib.sha256(prefix)
        digest.update(f"{kind}\0{','.join(enabled) if enabled is not None else '*'}\0".encode())
        if engine.templates is not None:
            where = site_of(path=Path(display)) if site is None else site
            digest.update(f"site\0{where}\0".encode("utf-8", "surrogatepass"))
        digest.update(data)
        return digest.hexdigest()


def finding_record(finding: Finding) -> dict[str, Any]:
    """A finding as the cache stores it and ``scan`` writes it: the json report's fields but ``path``."""
    record = finding_json(finding)
    del record["path"]
    return record


class _Inconsistent(Exception):
    """A cache record that does not describe the text it is stored for."""


def consistent_findings(records: list[Any], path: str, text: str, rules: Mapping[str, str]) -> list[Finding] | None:
    """The findings of cache ``records`` as file ``path``, or ``None`` unless every record is
    well-formed and consistent with ``text`` and ``rules`` (code to name of each rule that ran)."""
    index = LineIndex(text)
    try:
        return [_finding(record, path, text, index, rules) for record in records]
    except _Inconsistent:
        return None


def _finding(record: object, path: str, text: str, index: LineIndex, rules: Mapping[str, str]) -> Finding:
    record = _dict(record)
    code, name = _str(record, "code"), _str(record, "name")
    if rules.get(code) != name:
        raise _Inconsistent
    location = _location(record, text, index)
    fix = record.get("fix", _Inconsistent)
    if fix is not None:
        fix = _dict(fix)
        edits = fix.get("edits")
        if not isinstance(edits, list):
            raise _Inconsistent
        fix = Fix(tuple(_edit(e, len(text)) for e in edits), _enum(Applicability, _str(fix, "applicability")),
                  _str(fix, "description"))
    related = record.get("related")
    if not isinstance(related, list):
        raise _Inconsistent
    return Finding(
        code=code,
        name=name,
        family=_enum(Family, _str(record, "family").upper(), by_name=True),
        severity=_enum(Severity, _str(record, "severity").upper(), by_name=True),
        message=_str(record, "message"),
        path=path,
        location=location,
        excerpt=_str(record, "excerpt"),
        fix=fix,
        related=tuple(Related(_location(r := _dict(item), text, index), _str(r, "message"), _str(r, "excerpt"))
                      for item in related),
        fingerprint=_str(record, "fingerprint"),
    )


def _dict(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Inconsistent
    return value


def _str(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if not isinstance(value, str):
        raise _Inconsistent
    return value


def _int(record: dict[str, Any], key: str) -> int:
    value = record.get(key)
    if type(value) is not int:  # bool is an int, and must not pass for one
        raise _Inconsistent
    return value


def _enum(cls: Any, value: str, *, by_name: bool = False) -> Any:
    try:
        return cls[value] if by_name else cls(value)
    except (KeyError, ValueError):
        raise _Inconsistent from None


def _location(record: dict[str, Any], text: str, index: LineIndex) -> Location:
    """The span of ``record``, which must lie in ``text``, with ``excerpt`` the text it covers and
    lines and columns those of its ends."""
    start, end = _int(record, "start"), _int(record, "end")
    if not 0 <= start <= end <= len(text) or record.get("excerpt") != text[start:end]:
        raise _Inconsistent
    location = Location(start, end, *index.position(start), *index.position(end))
    if (location.line, location.column, location.end_line, location.end_column) != tuple(
            _int(record, k) for k in ("line", "column", "end_line", "end_column")):
        raise _Inconsistent
    return location


def _edit(value: object, length: int) -> Edit:
    edit = _dict(value)
    start, end = _int(edit, "start"), _int(edit, "end")
    if not 0 <= start <= end <= length:
        raise _Inconsistent
    return Edit(start, end, _str(edit, "replacement"))
