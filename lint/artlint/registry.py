"""The rule registry: built-in Python rules, built-in and user TOML rules, and plugins.

Codes are unique and never reused; a renamed or merged rule keeps working through
``REDIRECTS`` (old code -> new code).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from artlint.checks import CODE_RULES
from artlint.errors import RuleDefinitionError
from artlint.kinds import load_rule_file
from artlint.kinds.base import DeclarativeRule
from artlint.lexicon import Lexicons, builtin_rules_dir
from artlint.model import Family, Severity
from artlint.rule import CODE_PATTERN, NAME_PATTERN, Rule, RuleSpec, Scope

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

ENTRY_POINT_GROUP = "artlint.rules"
REDIRECTS: dict[str, str] = {}


def _internal(code: str, name: str, severity: Severity, summary: str, why: str, *, enabled: bool = True) -> RuleSpec:
    """The spec of an internal AL code: reported by the engine about a file, never run as a rule."""
    return RuleSpec(code=code, name=name, family=Family.ARTLINT, severity=severity, scope=Scope.DOCUMENT,
                    summary=summary, why=why, fires=(), silent=(), kind="internal", enabled=enabled)


INTERNAL: tuple[RuleSpec, ...] = (
    _internal(
        "AL900", "rule-crashed", Severity.ERROR,
        "A rule raised an error on this file; its other findings for the file are lost",
        "artlint keeps going when one rule fails, and says so instead of passing silently.",
    ),
    _internal(
        "AL901", "rule-timeout", Severity.ERROR,
        "A rule's pattern ran past its time budget on this file",
        "A user pattern with nested quantifiers can backtrack for hours; artlint cuts it off and names it.",
    ),
    _internal(
        "AL902", "encoding-guessed", Severity.WARNING,
        "HTML that is not valid UTF-8 and declares no usable charset was read with a guessed encoding",
        "Such a page is read as UTF-8 where it is valid and as windows-1252 byte by byte where it is not "
        "(legacy Western pages, pasted Latin-1 bytes), rather than refused; the guess may be wrong, so artlint "
        "says so and leaves the file unfixed.",
    ),
    _internal(
        "AL910", "malformed-suppression", Severity.WARNING,
        "A comment that starts like a suppression directive is not one, so it silences nothing",
        "A misspelt `artlint-disabel` or a word in place of codes would otherwise be ignored in silence, "
        "and the findings it was meant to silence would come back with no word why.",
    ),
    _internal(
        "AL911", "unknown-code-in-suppression", Severity.WARNING,
        "A suppression directive names a code or prefix that matches no rule",
        "A mistyped code (BP10 for BP010) silences nothing; a retired one no longer does what it did.",
    ),
    _internal(
        "AL912", "unused-suppression", Severity.WARNING,
        "A suppression directive silences no finding (off by default, like ruff's RUF100)",
        "Once the text or the rules change, a suppression may outlive its finding; left in place it would "
        "silence the next, unrelated finding on that line. Select AL912 to find them.",
        enabled=False,
    ),
)


class Registry:
    """Every known rule, by code, and how to build it."""

    def __init__(self, rules_dirs: Sequence[Path] = (), *, plugins: bool = True) -> None:
        self.rules_dirs = tuple(rules_dirs)
        self.specs: dict[str, RuleSpec] = {}
        self._factories: dict[str, type[Rule]] = {}
        for spec in INTERNAL:
            self.specs[spec.code] = spec
        for cls in CODE_RULES:
            self._add(_python_spec(cls), cls)
        for path in _rule_files(builtin_rules_dir()):
            self._add(*load_rule_file(path, builtin=True))
        for directory in self.rules_dirs:  # a user's rules have no page in artlint's documentation
            for path in _rule_files(directory):
                spec, factory = load_rule_file(path)
                self._add(replace(spec, documented=False), factory)
        if plugins:
            for cls in _plugin_rules():
                self._add(replace(_python_spec(cls), documented=False), cls)

    def _add(self, spec: RuleSpec, factory: type[Rule]) -> None:
        if spec.code in self.specs:
            raise RuleDefinitionError(
                f"{spec.origin}: code {spec.code} is already used by {self.specs[spec.code].origin}"
            )
        if spec.code in REDIRECTS:
            raise RuleDefinitionError(f"{spec.origin}: code {spec.code} was retired; it redirects to {REDIRECTS[spec.code]}")
        self.specs[spec.code] = spec
        self._factories[spec.code] = factory

    @property
    def codes(self) -> list[str]:
        """Codes of every rule, sorted."""
        return sorted(self.specs)

    def resolve_code(self, code: str) -> str:
        """The current code for ``code`` (following redirects)."""
        return REDIRECTS.get(code, code)

    def create(self, code: str, params: Mapping[str, Any] | None = None) -> Rule:
        """An instance of rule ``code`` with parameter overrides."""
        return self._factories[code](self.specs[code], params)

    def runnable(self) -> Iterable[RuleSpec]:
        """Specs of rules that can run (not the internal AL codes)."""
        return (spec for spec in self.specs.values() if spec.code in self._factories)

    def validate_params(self, code: str, params: Mapping[str, Any]) -> list[str]:
        """Problems with user parameter overrides for ``code``, as ``"param: problem"``."""
        factory = self._factories.get(code)
        if factory is None:
            return [f"{code}: rule has no parameters"] if params else []
        defaults = self.specs[code].params
        if issubclass(factory, DeclarativeRule):
            problems = [f"{key}: {problem}" for key, problem in factory.validate_params(params)]
            problems = problems or [f"{key}: {problem}" for key, problem in factory.check_required({**defaults, **params})]
        else:
            problems = [f"{key}: {problem}" for key, value in params.items()
                        if (problem := _param_problem(defaults, key, value))]
        problems += [f"{key}: {problem}" for key, value in params.items()
                     if not problems and (problem := self._lexicon_problem(defaults.get(key), value))]
        if problems:
            return problems
        try:  # values of the right type can still be wrong (a regular expression that does not compile)
            self.create(code, params).setup(Lexicons(self.rules_dirs))
        except Exception as exc:  # noqa: BLE001 - whatever a rule's setup raises, the config is to blame
            return [f"{code}: invalid parameters: {exc}"]
        return []

    def _lexicon_problem(self, default: Any, value: Any) -> str | None:
        """Why ``value`` cannot replace ``default`` when that names a lexicon (or a list of them)."""
        names = [default] if isinstance(default, str) else default if isinstance(default, list) else []
        if not names or not all(isinstance(n, str) and self._is_lexicon(n) for n in names):
            return None
        missing = [v for v in ([value] if isinstance(value, str) else value) if not self._is_lexicon(v)]
        return f"no lexicon named {missing[0]!r} in the rules' lexicons folders" if missing else None

    def _is_lexicon(self, name: str) -> bool:
        try:
            Lexicons(self.rules_dirs).path(name)
        except (RuleDefinitionError, OSError, ValueError):
            return False
        return True


def _param_problem(defaults: Mapping[str, Any], key: str, value: Any) -> str | None:
    """Why ``value`` cannot be the value of a Python rule's parameter ``key``, or None."""
    if key not in defaults:
        return f"unknown parameter (allowed: {', '.join(sorted(defaults)) or 'none'})"
    default = defaults[key]
    if not _same_type(default, value):
        return f"expected {type(default).__name__}, got {type(value).__name__}"
    if isinstance(default, list) and default and not all(_same_type(default[0], item) for item in value):
        return f"expected a list of {type(default[0]).__name__}"
    return None


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def _rule_files(directory: Path) -> list[Path]:
    """TOML rule files under ``directory`` (lexicons excluded), in a stable order."""
    if not directory.is_dir():
        raise RuleDefinitionError(f"{directory}: rules directory does not exist")
    return sorted(p for p in directory.rglob("*.toml") if "lexicons" not in p.relative_to(directory).parts)


def _python_spec(cls: type[Rule]) -> RuleSpec:
    spec = cls.class_spec()
    if not CODE_PATTERN.match(spec.code) or spec.family.value != spec.code[:2]:
        raise RuleDefinitionError(f"{spec.origin}: code {spec.code!r} must be its family prefix and 3 digits")
    if not NAME_PATTERN.match(spec.name):
        raise RuleDefinitionError(f"{spec.origin}: name {spec.name!r} is not kebab-case")
    return spec


def plugin_entry_points() -> list[EntryPoint]:
    """The installed ``artlint.rules`` entry points.

    importlib.metadata costs about 25 ms to import and scan, paid by every start-up, so it is
    asked only when a distribution on ``sys.path`` may declare the group: some ``entry_points.txt``
    names it, or a path entry is an archive this quick look cannot read.
    """
    if not _group_may_be_declared(tuple(sys.path)):
        return []
    from importlib.metadata import entry_points

    return list(entry_points(group=ENTRY_POINT_GROUP))


@lru_cache(maxsize=8)
def _group_may_be_declared(path: tuple[str, ...]) -> bool:
    header = f"[{ENTRY_POINT_GROUP}]"
    for entry in path:
        folder = Path(entry or ".")
        if folder.is_file():
            return True
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                try:
                    declared = (folder / name / "entry_points.txt").read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue
                if header in declared:
                    return True
    return False


def _plugin_rules() -> list[type[Rule]]:
    """Rule classes published by installed packages under the ``artlint.rules`` entry point."""
    found: list[type[Rule]] = []
    for entry in plugin_entry_points():
        loaded = entry.load()
        for item in loaded if isinstance(loaded, (list, tuple)) else [loaded]:
            if not (isinstance(item, type) and issubclass(item, Rule)):
                raise RuleDefinitionError(f"plugin {entry.value}: {item!r} is not an artlint Rule class")
            found.append(item)
    return found


@lru_cache(maxsize=16)
def registry_for(rules_dirs: tuple[Path, ...] = ()) -> Registry:
    """The registry for a set of user rule directories, built once per process."""
    return Registry(rules_dirs)
