"""A run over files: discovery, reading, configuration per file, and one engine per config.

Errors in one input (unreadable, binary, too large, undecodable) become that file's error;
the other files are still checked.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from artlint import __version__
from artlint.checks.grammar.base import bind_grammar
from artlint.config import Overrides, ParamValidator, Resolver, Settings
from artlint.engine import ActiveRule, Engine
from artlint.errors import ArtlintError, InputError
from artlint.lexicon import Lexicons
from artlint.markup import KINDS, kind_for, parse
from artlint.model import FileResult, Finding, RuleInfo, RunResult
from artlint.registry import Registry, registry_for
from artlint.sitetemplates import load_templates, site_of
from artlint.source import SourceText, decode

SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", ".bzr", "_darcs", "CVS", "node_modules", "__pycache__"})
STDIN = "-"


@dataclass(frozen=True, slots=True)
class Input:
    """A file to check, or a problem found while collecting files."""

    path: Path
    error: str | None = None


def collect(paths: Sequence[str], resolver: Resolver) -> Iterator[Input]:
    """Files named or found under directories (recursively, hidden and VCS folders skipped).

    Explicitly named files are always checked; files found in directories must match the
    ``include`` globs and not the ``exclude`` globs of their configuration. Symbolic links to
    directories are not followed, so a link loop cannot trap the walk.
    """
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from _walk(path, resolver)
        elif path.exists():
            yield Input(path)
        else:
            yield Input(path, "no such file or directory")


def _walk(root: Path, resolver: Resolver) -> Iterator[Input]:
    found: list[Path] = []
    for directory, subdirs, files in os.walk(root, followlinks=False, onerror=None):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        for file_name in files:
            if file_name.startswith("."):
                continue
            path = Path(directory) / file_name
            settings = resolver.for_path(path)
            if settings.is_included(path) and not settings.is_excluded(path):
                found.append(path)
    yield from (Input(p) for p in sorted(found))


def _catalog(rules_dirs: tuple[Path, ...]) -> tuple[list[str], ParamValidator]:
    registry = registry_for(rules_dirs)
    return registry.codes, registry.validate_params


class Runner:
    """Checks inputs with the configuration that applies to each."""

    def __init__(self, overrides: Overrides | None = None, *, kind: str | None = None) -> None:
        if kind is not None and kind not in KINDS:
            raise ArtlintError(f"unknown input format {kind!r} (expected one of: {', '.join(KINDS)})")
        self.overrides = overrides or Overrides()
        self.kind = kind
        base = registry_for(())
        self.resolver = Resolver(self.overrides, known_codes=base.codes, validate_params=base.validate_params,
                                 catalog=_catalog)
        self._engines: dict[int, tuple[Settings, Engine, Registry]] = {}

    def engine(self, settings: Settings) -> tuple[Engine, Registry]:
        """The engine for a configuration, built once."""
        cached = self._engines.get(id(settings))
        if cached is None:
            registry = registry_for(settings.rules_dirs)
            active = [
                ActiveRule(registry.create(spec.code, settings.rule_params.get(spec.code)),
                           settings.severity.get(spec.code, spec.severity))
                for spec in registry.runnable()
                if settings.is_enabled(spec.code, spec.enabled)
            ]
            lexicons = Lexicons(settings.rules_dirs)
            bind_grammar([a.rule for a in active], settings.grammar, lexicons)
            templates = load_templates(settings.templates) if settings.templates is not None else None
            engine = Engine(active, lexicons, registry.specs, templates)
            cached = self._engines[id(settings)] = (settings, engine, registry)
        return cached[1], cached[2]

    def check_text(self, text: str, *, kind: str = "text", path: str = "<text>", settings: Settings | None = None) -> list[Finding]:
        """Findings for in-memory text; offsets index ``text`` exactly as given.

        Byte-order marks belong to files (``check_bytes`` drops them when decoding); here a
        leading U+FEFF is a character of the text like any other.
        """
        settings = settings or self.resolver.for_directory(Path.cwd())
        engine, _ = self.engine(settings)
        document = parse(SourceText(text), kind)
        return engine.lint(document, path, enabled=self._enabled(engine, settings, None))

    def check_bytes(self, data: bytes, display: str, settings: Settings, kind: str, site: str | None = None) -> FileResult:
        """Check one input's bytes (of ``site``: see ``check_source``)."""
        try:
            source = decode(data, markup=kind)
        except InputError as exc:
            return FileResult(display, error=str(exc), kind=kind)
        return FileResult(display, self.check_source(source, display, settings, kind, site), source.text, kind=kind)

    def check_source(self, source: SourceText, display: str, settings: Settings, kind: str,
                     site: str | None = None) -> list[Finding]:
        """Findings for decoded text shown as ``display`` (also used to re-check fixed text), of
        ``site`` (None: the folder ``display`` is in)."""
        engine, _ = self.engine(settings)
        document = parse(source, kind)
        return engine.lint(document, display, enabled=self._enabled(engine, settings, Path(display)),
                           site=site_of(path=Path(display)) if site is None else site)

    def stored(self, item: Input) -> FileResult | None:
        """A result kept from an earlier run for ``item``; a plain runner keeps none (see ``CachedRunner``)."""
        return None

    def check_file(self, item: Input) -> FileResult:
        """Check one file from disk."""
        display = str(item.path)
        if item.error:
            return FileResult(display, error=item.error)
        try:
            settings = self.resolver.for_path(item.path)
            kind = self.kind or kind_for(item.path)
            size = item.path.stat().st_size
            if size > settings.max_file_size:
                limit = settings.max_file_size // 1_000_000
                return FileResult(display, kind=kind, error=(
                    f"file too large ({size / 1e6:.1f} MB > max-file-size {limit} MB); "
                    "raise max-file-size in the configuration to check it"))
            data = item.path.read_bytes()
        except OSError as exc:
            return FileResult(display, error=f"cannot read file: {exc.strerror or exc}")
        return self.check_bytes(data, display, settings, kind)

    def check_stdin(self, display: str | None) -> FileResult:
        """Check standard input; ``display`` (``--stdin-filename``) picks config and format."""
        path = Path(display) if display else Path.cwd() / STDIN
        settings = self.resolver.for_path(path)
        kind = self.kind or (kind_for(path) if display else "text")
        return self.check_bytes(sys.stdin.buffer.read(), display or STDIN, settings, kind)

    def run(self, paths: Sequence[str], *, stdin_filename: str | None = None) -> RunResult:
        """Check every input; ``-`` reads standard input."""
        started = time.perf_counter()
        results: list[FileResult] = []
        for name in paths:
            if name == STDIN:
                results.append(self.check_stdin(stdin_filename))
            else:
                results.extend(self.check_file(item) for item in collect([name], self.resolver))
        return RunResult(results, self.rule_infos(), __version__, time.perf_counter() - started)

    def rule_infos(self) -> dict[str, RuleInfo]:
        """Metadata of every rule known to this run's registries."""
        infos: dict[str, RuleInfo] = {}
        for _, _, registry in self._engines.values():
            for spec in registry.specs.values():
                infos[spec.code] = RuleInfo(spec.code, spec.name, spec.family, spec.severity, spec.summary, spec.url)
        return infos

    @staticmethod
    def _enabled(engine: Engine, settings: Settings, path: Path | None) -> list[str] | None:
        if path is None or not settings.per_file_ignores:
            return None
        return [a.spec.code for a in engine.rules if settings.is_enabled(a.spec.code, a.spec.enabled, path)]
