"""A run over files: discovery, reading, configuration per file, and one engine per config.

Errors in one input (unreadable, binary, too large, undecodable, not a regular file, a folder
that cannot be listed) become that input's error; the other files are still checked.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import NamedTuple

from artlint import __version__
from artlint.checks.grammar.base import bind_grammar
from artlint.config import Overrides, ParamValidator, Resolver, Settings
from artlint.engine import ActiveRule, Engine, Token
from artlint.errors import ArtlintError, InputError
from artlint.ignorefiles import IgnoreFiles
from artlint.lexicon import Lexicons
from artlint.markup import KINDS, kind_for, parse
from artlint.model import Family, FileResult, Finding, RuleInfo, RunResult
from artlint.registry import Registry, registry_for
from artlint.ruledocs import rule_page
from artlint.sites import site_of
from artlint.source import SourceText, decode, read_input, read_limited, too_large

SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", ".bzr", "_darcs", "CVS", "node_modules", "__pycache__"})
STDIN = "-"
NO_FILES = "no file to check in this directory (see include and exclude in the configuration)"


class Input(NamedTuple):
    """A file to check, or a problem found while collecting files."""

    path: Path
    error: str | None = None


OUTSIDE = "symbolic link to a file outside {root}; not followed (--follow-links follows it)"


def collect(paths: Sequence[str], resolver: Resolver, *, follow_links: bool = False) -> Iterator[Input]:
    """Files named or found under directories (recursively, hidden and VCS folders skipped).

    Explicitly named files are always checked; files found in directories must match the
    ``include`` globs and not the ``exclude`` globs of their configuration; a directory with no
    such file is an error (``NO_FILES``). ``force-exclude`` (``--force-exclude``) applies
    ``exclude`` to named files too, as pre-commit names them. Walks skip what ``.gitignore``
    and ``.ignore`` files ignore, unless ``respect-gitignore`` is off. Symbolic links to
    directories are not followed, so a link loop cannot trap the walk; symbolic links to files
    outside the directory are reported, not followed, unless ``follow_links``. A folder that
    cannot be listed is reported as an input with an error.
    """
    for name in paths:
        path = Path(name)
        try:
            is_dir = stat.S_ISDIR(os.stat(path).st_mode)
        except FileNotFoundError:
            yield Input(path, "no such file or directory")
            continue
        except OSError as exc:
            yield Input(path, f"cannot read: {exc.strerror or exc}")
            continue
        if is_dir:
            found = list(_walk(path, resolver, follow_links))
            yield from found or [Input(path, NO_FILES)]
        else:
            settings = resolver.for_path(path)
            if not (settings.force_exclude and settings.is_excluded(path)):
                yield Input(path)


def _walk(root: Path, resolver: Resolver, follow_links: bool) -> Iterator[Input]:
    found: list[Input] = []
    real_root = os.path.realpath(root)
    ignores = IgnoreFiles() if resolver.for_directory(root).respect_gitignore else None

    def ignored(path: Path, is_dir: bool) -> bool:
        return ignores is not None and ignores.ignored(Path(os.path.abspath(path)), is_dir=is_dir)

    def unreadable(exc: OSError) -> None:
        found.append(Input(Path(exc.filename or root), f"cannot read folder: {exc.strerror or exc}"))

    for directory, subdirs, files in os.walk(root, followlinks=False, onerror=unreadable):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith(".") and d not in SKIPPED_DIRS
                            and not ignored(Path(directory) / d, True))
        for file_name in files:
            path = Path(directory) / file_name
            if file_name.startswith(".") or ignored(path, False):
                continue
            settings = resolver.for_path(path)
            if settings.is_included(path) and not settings.is_excluded(path):
                outside = not follow_links and path.is_symlink() and not _inside(os.path.realpath(path), real_root)
                found.append(Input(path, OUTSIDE.format(root=root) if outside else None))
    yield from sorted(found, key=lambda item: item.path)


def _inside(path: str, root: str) -> bool:
    return os.path.commonpath([path, root]) == root


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
                if settings.is_enabled(spec.code, spec.enabled, preview=spec.preview)
            ]
            lexicons = Lexicons(settings.rules_dirs)
            bind_grammar([a.rule for a in active], settings.grammar, lexicons)
            unused = settings.is_enabled("AL912", registry.specs["AL912"].enabled)
            templates = None
            if settings.templates is not None:  # sitetemplates (hashlib, json, its patterns) only then
                from artlint.sitetemplates import load_templates

                templates = load_templates(settings.templates)
            engine = Engine(active, lexicons, registry.specs, unused_suppressions=unused, templates=templates,
                            max_per_document=settings.max_findings_per_rule)
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
                     site: str | None = None, cancelled: Token | None = None) -> list[Finding]:
        """Findings for decoded text shown as ``display`` (also used to re-check fixed text), of
        ``site`` (None: the folder ``display`` is in); ``cancelled`` stops the check (see ``Engine.lint``)."""
        engine, _ = self.engine(settings)
        document = parse(source, kind)
        return engine.lint(document, display, enabled=self._enabled(engine, settings, Path(display)),
                           site=site_of(path=Path(display)) if site is None else site, cancelled=cancelled)

    def stored(self, item: Input) -> FileResult | None:
        """A result kept from an earlier run for ``item``; a plain runner keeps none (see ``CachedRunner``)."""
        return None

    def check_file(self, item: Input) -> FileResult:
        """Check one file from disk."""
        display = str(item.path)
        if item.error:
            return FileResult(display, error=item.error)
        kind = self.kind or kind_for(item.path)
        try:
            settings = self.resolver.for_path(item.path)
            data = read_input(item.path, settings.max_file_size)
        except InputError as exc:
            return FileResult(display, kind=kind, error=str(exc))
        except OSError as exc:
            return FileResult(display, error=f"cannot read file: {exc.strerror or exc}")
        return self.check_bytes(data, display, settings, kind)

    def check_stdin(self, display: str | None) -> FileResult:
        """Check standard input; ``display`` (``--stdin-filename``) picks config and format."""
        path = Path(display) if display else Path.cwd() / STDIN
        settings = self.resolver.for_path(path)
        kind = self.kind or (kind_for(path) if display else "text")
        data = read_limited(sys.stdin.buffer, settings.max_file_size)
        if len(data) > settings.max_file_size:
            return FileResult(display or STDIN, kind=kind, error=too_large(None, settings.max_file_size))
        return self.check_bytes(data, display or STDIN, settings, kind)

    def run(self, paths: Sequence[str], *, stdin_filename: str | None = None) -> RunResult:
        """Check every input; ``-`` reads standard input."""
        started = time.perf_counter()
        results: list[FileResult] = []
        for name in paths:
            if name == STDIN:
                results.append(self.check_stdin(stdin_filename))
            else:
                results.extend(self.check_file(item) for item in collect([name], self.resolver,
                                                                        follow_links=self.overrides.follow_links))
        return RunResult(results, self.rule_infos(), __version__, time.perf_counter() - started)

    def notices(self, settings: Settings) -> list[str]:
        """What the rules ``settings`` select by name cannot do, said once per run (not per file)."""
        if settings.grammar.backend != "off":
            return []
        registry = registry_for(settings.rules_dirs)
        grammar = [spec.code for spec in registry.runnable() if spec.family is Family.GRAMMAR
                   and settings.is_named(spec.code) and settings.is_enabled(spec.code, spec.enabled, preview=spec.preview)]
        if not grammar:
            return []
        verb = "finds" if len(grammar) == 1 else "find"
        advice = "use --grammar embedded, or set backend in the [grammar] table of the configuration"
        return [f"no grammar back end, so {', '.join(grammar)} {verb} nothing ({advice})"]

    def rule_infos(self) -> dict[str, RuleInfo]:
        """Metadata of every rule known to this run's registries."""
        infos: dict[str, RuleInfo] = {}
        for _, _, registry in self._engines.values():
            for spec in registry.specs.values():
                infos[spec.code] = RuleInfo(spec.code, spec.name, spec.family, spec.severity, spec.summary, spec.url,
                                            spec.why, partial(rule_page, spec))
        return infos

    @staticmethod
    def _enabled(engine: Engine, settings: Settings, path: Path | None) -> list[str] | None:
        if path is None or not settings.per_file_ignores:
            return None
        return [a.spec.code for a in engine.rules if settings.is_enabled(a.spec.code, a.spec.enabled, path, preview=a.spec.preview)]
