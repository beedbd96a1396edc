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
file and renamed into place, so concurrent runs never see a partial entry. An entry that
cannot be read or parsed, or that holds another key, is a miss. Results that include an
artlint error (a crashed or timed-out rule) are not stored.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from artlint import __version__
from artlint.config import Overrides, Settings
from artlint.errors import ArtlintError
from artlint.lexicon import builtin_rules_dir
from artlint.markup import kind_for
from artlint.model import Applicability, Edit, Family, FileResult, Finding, Fix, Location, Related, Severity
from artlint.registry import plugin_entry_points
from artlint.reporters.json_report import finding_json
from artlint.runner import Input, Runner
from artlint.sitetemplates import site_of
from artlint.source import decode
from artlint.storage import write_atomic

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

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.root = directory / FORMAT
        self.hits = 0
        self.misses = 0
        self._writable = True
        self._tagged = False

    def get(self, key: str, path: str) -> list[Finding] | None:
        """The findings stored under ``key``, shown as file ``path``; ``None`` on a miss."""
        try:
            entry = json.loads(self._entry(key).read_bytes())
            if entry["key"] != key:
                raise ValueError("entry holds another key")
            findings = [finding_from_json(item, path) for item in entry["findings"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        return findings

    def put(self, key: str, findings: Sequence[Finding]) -> None:
        """Store ``findings`` under ``key``; a cache that cannot be written is skipped."""
        if not self._writable:
            return
        records = [finding_record(f) for f in findings]
        payload = json.dumps({"key": key, "findings": records}, ensure_ascii=False).encode()
        try:
            if not self._tagged:
                self.directory.mkdir(parents=True, exist_ok=True)
                for name, text in ((TAG_NAME, TAG), (".gitignore", "# created by artlint\n*\n")):
                    if not (self.directory / name).exists():
                        write_atomic(self.directory / name, text.encode())
                self._tagged = True
            entry = self._entry(key)
            entry.parent.mkdir(parents=True, exist_ok=True)
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
        ours = tag.read_text(encoding="utf-8") == TAG
    except (OSError, UnicodeDecodeError):
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
        stored = self._stored(key, data, display, kind)
        if stored is not None:
            return stored
        result = super().check_bytes(data, display, settings, kind, site)
        if result.error is None and not any(f.family is Family.ARTLINT for f in result.findings):
            self.cache.put(key, result.findings)
        return result

    def stored(self, item: Input) -> FileResult | None:
        """The stored result of file ``item``, or ``None`` when it has to be checked."""
        try:
            settings = self.resolver.for_path(item.path)
            if item.error or item.path.stat().st_size > settings.max_file_size:
                return None
            data = item.path.read_bytes()
        except OSError:
            return None
        kind = self.kind or kind_for(item.path)
        display = str(item.path)
        return self._stored(self.key(data, display, settings, kind), data, display, kind)

    def _stored(self, key: str, data: bytes, display: str, kind: str) -> FileResult | None:
        findings = self.cache.get(key, display)
        if findings is None:
            return None
        return FileResult(display, findings, decode(data, markup=kind).text, kind=kind)

    def key(self, data: bytes, display: str, settings: Settings, kind: str, site: str | None = None) -> str:
        """The cache key of ``data`` checked as ``display`` with ``settings`` as ``kind`` (of ``site``,
        which counts only with learned site templates)."""
        engine, _ = self.engine(settings)
        prefix = self._prefixes.get(id(settings))
        if prefix is None:
            rules = [(a.spec.code, a.severity.label, a.rule.params) for a in engine.rules]
            templates = engine.templates.digest() if engine.templates is not None else None
            described = json.dumps([rules, asdict(settings.grammar), templates], sort_keys=True, default=repr)
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


def finding_from_json(record: dict[str, Any], path: str) -> Finding:
    """The finding of a ``finding_record``, as file ``path``."""
    fix = record["fix"]
    return Finding(
        code=record["code"],
        name=record["name"],
        family=Family[record["family"].upper()],
        severity=Severity[record["severity"].upper()],
        message=record["message"],
        path=path,
        location=_location(record),
        excerpt=record["excerpt"],
        fix=None if fix is None else Fix(
            tuple(Edit(e["start"], e["end"], e["replacement"]) for e in fix["edits"]),
            Applicability(fix["applicability"]),
            fix["description"],
        ),
        related=tuple(Related(_location(r), r["message"], r["excerpt"]) for r in record["related"]),
        fingerprint=record["fingerprint"],
    )


def _location(record: dict[str, Any]) -> Location:
    return Location(record["start"], record["end"], record["line"], record["column"],
                    record["end_line"], record["end_column"])
