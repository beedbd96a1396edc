"""Configuration: discovery, strict validation and rule selection, through one ``Resolver``.

A configuration is an ``artlint.toml`` (top-level keys) or the ``[tool.artlint]`` table of a
``pyproject.toml``. A checked file uses the nearest one found walking up from its directory
(``artlint.toml`` first within a directory); ``--config`` replaces discovery, ``--isolated``
ignores configuration files, and command-line overrides apply last.

Rule selection follows ruff: within one layer (the file, then the command line) the most
specific matching entry decides (``ALL`` < ``BP`` < ``BP0`` < ``BP001``) and ignore wins a
tie; a layer with ``select`` replaces the rules selected before it.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple, NoReturn

from artlint import RAW_URL
from artlint.errors import ConfigError, InputError
from artlint.model import Severity
from artlint.source import read_toml

CONFIG_NAME = "artlint.toml"
PYPROJECT_NAME = "pyproject.toml"
PYPROJECT_PREFIX = "tool.artlint."
CLI_SOURCE = "command line"
SELECTOR_PATTERN = re.compile(r"^(ALL|[A-Z]{2}\d{0,3})$")
CODE_PATTERN = re.compile(r"^[A-Z]{2}\d{3}$")
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")
DEFAULT_MAX_FILE_SIZE_MB = 10
DEFAULT_MAX_FINDINGS_PER_RULE = 500
BYTES_PER_MB = 1_000_000
GRAMMAR_BACKENDS = ("off", "embedded", "languagetool")
VCS_DIRS = frozenset({"CVS", "_darcs"})  # the others (.git, .hg, .svn, .bzr) are hidden names
SEVERITIES = tuple(s.label for s in sorted(Severity, reverse=True))
TRUST_ENV = "ARTLINT_TRUST_CONFIG"
LANGUAGETOOL_PATH_ENV = "ARTLINT_LANGUAGETOOL_PATH"
LANGUAGETOOL_SERVER_ENV = "ARTLINT_LANGUAGETOOL_SERVER"
TRUSTED_KEYS = {"languagetool-path": ("--languagetool-path", LANGUAGETOOL_PATH_ENV),
                "languagetool-server": ("--languagetool-server", LANGUAGETOOL_SERVER_ENV)}
"""``[grammar]`` keys that name a program to run or a server that receives the text: taken from a
configuration file only with ``--trust-config`` (or ``ARTLINT_TRUST_CONFIG=1``), since in CI a pull
request writes the repository's files; else from the option or environment variable given."""
TRUSTED_PARAMS = {("CN030", "model"): "a model folder to load (loading its files can run code)"}
"""Rule parameters that name something artlint loads: taken from a configuration file only with
``--trust-config`` (or ``ARTLINT_TRUST_CONFIG=1``), like ``TRUSTED_KEYS``; else ignored."""


class Key(NamedTuple):
    """One configuration key: its name, the JSON Schema of its value and what it does.

    ``SETTINGS`` and ``GRAMMAR_SETTINGS`` are the one list of keys: the parser accepts exactly
    these, and ``json_schema`` (the schema editors validate and complete with) is made from them.
    """

    name: str
    schema: Mapping[str, Any]
    help: str


def _array(items: Mapping[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": dict(items)}


_STRING = {"type": "string"}
_SELECTOR = {"type": "string", "pattern": SELECTOR_PATTERN.pattern}
_CODE = {"type": "string", "pattern": CODE_PATTERN.pattern}
_SEVERITY = {"type": "string", "enum": list(SEVERITIES)}
_GLOB = {"type": "string", "minLength": 1}
_FILE = {"type": "string", "pattern": "\\S"}

GRAMMAR_SETTINGS = (
    Key("backend", {"type": "string", "enum": list(GRAMMAR_BACKENDS), "default": "off"}, "Grammar back end."),
    Key("languagetool-path", _STRING,
        "An unpacked LanguageTool that artlint starts (relative to this file); read only with --trust-config."),
    Key("languagetool-server", {"type": "string", "format": "uri"},
        "URL of a LanguageTool server; read only with --trust-config."),
    Key("language", {"type": "string", "default": "en"}, "en (any English), en-US, en-GB, ...: the dictionary."),
)
SETTINGS = (
    Key("select", _array(_SELECTOR), "Rules to run, replacing the default set: codes (BP001), prefixes (BP, MT00) or ALL."),
    Key("ignore", _array(_SELECTOR), "Rules not to run: codes or prefixes."),
    Key("extend-select", _array(_SELECTOR), "Rules to run on top of the selected ones."),
    Key("extend-ignore", _array(_SELECTOR), "Rules not to run, on top of ignore."),
    Key("per-file-ignores", {"type": "object", "additionalProperties": _array(_SELECTOR)},
        "Rules ignored in the files matching a glob (the key)."),
    Key("severity", {"type": "object", "propertyNames": _CODE, "additionalProperties": _SEVERITY},
        "Severity of a rule's findings: error, warning or info."),
    Key("rules", {"type": "object", "propertyNames": _CODE, "additionalProperties": {"type": "object"}},
        "Parameters of a rule, one table per code (artlint explain CODE lists them)."),
    Key("rules-dirs", _array(_STRING), "Folders of your own TOML rules, relative to this file."),
    Key("fail-on", {**_SEVERITY, "default": "warning"}, "Lowest severity that makes the run exit with status 1."),
    Key("include", {**_array(_GLOB), "default": list(DEFAULT_INCLUDE)}, "Files checked when walking directories (globs)."),
    Key("exclude", _array(_GLOB), "Files and folders skipped (globs), replacing the default (none)."),
    Key("extend-exclude", _array(_GLOB), "Files and folders skipped (globs), on top of exclude."),
    Key("force-exclude", {"type": "boolean", "default": False},
        "Apply exclude to files named on the command line too (as pre-commit names them)."),
    Key("respect-gitignore", {"type": "boolean", "default": True},
        "Skip what .gitignore and .ignore files ignore when walking directories."),
    Key("max-file-size", {"type": "integer", "minimum": 1, "default": DEFAULT_MAX_FILE_SIZE_MB},
        "Larger files (in megabytes) are refused."),
    Key("max-findings-per-rule", {"type": "integer", "minimum": 1, "default": DEFAULT_MAX_FINDINGS_PER_RULE},
        "Findings one rule reports in one file; the rest merge into the last, which counts them."),
    Key("grammar", {"type": "object", "properties": {k.name: {**k.schema, "description": k.help} for k in GRAMMAR_SETTINGS},
                    "additionalProperties": False}, "Grammar and spelling checking (the GR rules)."),
    Key("baseline", _FILE, "File of accepted findings that are not reported (relative to this file)."),
    Key("preview", {"type": "boolean", "default": False},
        "Also run the rules of the preview tier (not yet precise enough on real text to be on by default)."),
    Key("templates", _FILE, "Site templates learned by `artlint learn` (BP040), relative to this file."),
)
TOP_KEYS = tuple(key.name for key in SETTINGS)
GRAMMAR_KEYS = tuple(key.name for key in GRAMMAR_SETTINGS)
SCHEMA_PATH = Path(__file__).with_name("artlint.schema.json")
"""The schema as shipped in the package (``artlint schema`` writes it; a test keeps it current)."""
SCHEMA_URL = f"{RAW_URL}/lint/artlint/artlint.schema.json"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of an ``artlint.toml`` (and of ``[tool.artlint]`` in a ``pyproject.toml``)."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_URL,
        "title": "artlint configuration",
        "description": "artlint.toml, or [tool.artlint] in pyproject.toml: see `artlint init`.",
        "type": "object",
        "properties": {key.name: {**key.schema, "description": key.help} for key in SETTINGS},
        "additionalProperties": False,
    }
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
MAX_CONFIG_BYTES = 1_000_000
"""A configuration file, rule file or TOML lexicon larger than this is refused."""
MAX_GLOB_LENGTH = 1_000
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")

ParamValidator = Callable[[str, Mapping[str, Any]], list[str]]
"""Checks a rule's parameter table; returns problems, each ``"param: problem"`` where possible."""
Catalog = Callable[[tuple[Path, ...]], tuple[Collection[str], ParamValidator]]
"""Known codes and the parameter validator of the rules with these user ``rules-dirs``."""


class Overrides(NamedTuple):
    """What the command line passes; ``None`` leaves the configuration's value."""

    select: list[str] | None = None
    ignore: list[str] | None = None
    extend_select: list[str] | None = None
    extend_ignore: list[str] | None = None
    fail_on: str | None = None
    config_file: Path | None = None
    isolated: bool = False
    grammar_backend: str | None = None
    languagetool_server: str | None = None
    languagetool_path: Path | None = None
    trust_config: bool = False
    force_exclude: bool = False
    follow_links: bool = False
    preview: bool | None = None
    templates: Path | None = None


class Selection(NamedTuple):
    """One layer of rule selection lists (the command line's, in ``Settings.cli``)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()


class GrammarSettings(NamedTuple):
    """Settings of the grammar back end (the ``[grammar]`` table)."""

    backend: str = "off"
    languagetool_path: Path | None = None
    languagetool_server: str | None = None
    language: str = "en"


@dataclass(frozen=True)
class Settings:
    """One resolved configuration: a file's values (or the defaults) with overrides applied.

    ``select``/``ignore``/``extend_select``/``extend_ignore`` are the file's lists and ``cli``
    the command line's, if it gave any; ``is_enabled`` combines them. ``preview`` turns on the
    rules of the preview tier (a preview rule also runs when selected by its exact code). Paths are absolute;
    globs are relative to ``root``. ``max_file_size`` is in bytes.
    """

    source: Path | None
    root: Path
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))
    rule_params: Mapping[str, Mapping[str, Any]] = field(default_factory=lambda: MappingProxyType({}))
    rules_dirs: tuple[Path, ...] = ()
    fail_on: Severity = Severity.WARNING
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    respect_gitignore: bool = True
    max_file_size: int = DEFAULT_MAX_FILE_SIZE_MB * BYTES_PER_MB
    max_findings_per_rule: int = DEFAULT_MAX_FINDINGS_PER_RULE
    grammar: GrammarSettings = field(default_factory=GrammarSettings)
    baseline: Path | None = None
    preview: bool = False
    templates: Path | None = None
    cli: Selection | None = None
    _decisions: dict[tuple[str, bool], tuple[bool, int]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _ignored_by_path: dict[str, frozenset[str]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def is_enabled(self, code: str, default_enabled: bool, path: Path | None = None, *, preview: bool = False) -> bool:
        """Whether rule ``code`` runs (for ``path``, when per-file ignores should apply).

        A per-file ignore disables the rule unless the entry that selected it is more specific.
        A ``preview`` rule runs only with preview on or when an entry names its exact code.
        """
        enabled, specificity = self._decide(code, default_enabled)
        if preview and not self.preview and specificity < len(code):
            return False
        if enabled and path is not None and self.per_file_ignores:
            ignored = _specificity(code, self._ignored_for(path))
            enabled = ignored < 0 or ignored < specificity
        return enabled

    def is_named(self, code: str) -> bool:
        """Whether a ``select`` entry (a code, a prefix or ALL), not the default, turns ``code`` on."""
        enabled, specificity = self._decide(code, False)
        return enabled and specificity >= 0

    def _decide(self, code: str, default_enabled: bool) -> tuple[bool, int]:
        """(enabled, specificity of the deciding entry; -1 for none), per-file ignores aside."""
        state = self._decisions.get((code, default_enabled))
        if state is None:
            state = (default_enabled, -1)
            for layer in self._layers:
                state = layer.decide(code, state)
            self._decisions[code, default_enabled] = state
        return state

    def is_excluded(self, path: Path) -> bool:
        """Whether ``path`` or a directory above it (up to ``root``) is hidden, VCS or excluded."""
        parts = self._parts(path)
        for depth in range(1, len(parts) + 1):
            name = parts[depth - 1]
            if name.startswith(".") or name in VCS_DIRS:
                return True
            if self._exclude.fullmatch("/".join(parts[:depth])):
                return True
        return False

    def is_included(self, path: Path) -> bool:
        """Whether ``path`` matches an ``include`` glob."""
        return self._include.fullmatch("/".join(self._parts(path)))

    @cached_property
    def _layers(self) -> tuple[_Layer, ...]:
        file_ignores = self.ignore + self.extend_ignore
        layers = [_Layer.of(self.select, self.extend_select, file_ignores)]
        if self.cli is not None:
            # As in ruff, `select = []` with ignores passes the ignores on to the next layer.
            carried = file_ignores if self.select == () and not self.extend_select else ()
            cli = self.cli
            layers.append(_Layer.of(cli.select, cli.extend_select, cli.ignore + cli.extend_ignore + carried))
        return tuple(layers)

    @cached_property
    def _include(self) -> PathMatcher:
        return PathMatcher(self.include)

    @cached_property
    def _exclude(self) -> PathMatcher:
        return PathMatcher(self.exclude)

    @cached_property
    def _per_file(self) -> tuple[tuple[PathMatcher, tuple[str, ...]], ...]:
        return tuple((PathMatcher((glob,)), codes) for glob, codes in self.per_file_ignores)

    def _ignored_for(self, path: Path) -> frozenset[str]:
        key = os.fspath(path)
        ignored = self._ignored_by_path.get(key)
        if ignored is None:
            relative = "/".join(self._parts(path))
            ignored = frozenset(c for regex, codes in self._per_file if regex.fullmatch(relative) for c in codes)
            self._ignored_by_path[key] = ignored
        return ignored

    def _parts(self, path: Path) -> tuple[str, ...]:
        """``path`` relative to ``root`` as parts; just its name when it lies outside ``root``."""
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(self.root).parts
        except ValueError:
            return (absolute.name,)


class _Layer(NamedTuple):
    """Selection entries of one layer, as sets of prefixes."""

    selected: frozenset[str]
    ignored: frozenset[str]
    replaces: bool

    @classmethod
    def of(cls, select: tuple[str, ...] | None, extend_select: Iterable[str], ignore: Iterable[str]) -> _Layer:
        return cls(frozenset((*(select or ()), *extend_select)), frozenset(ignore), select is not None)

    def decide(self, code: str, state: tuple[bool, int]) -> tuple[bool, int]:
        """The new (enabled, specificity of the deciding entry; -1 for none) for ``code``."""
        selected = _specificity(code, self.selected)
        ignored = _specificity(code, self.ignored)
        if ignored >= 0 and ignored >= selected:
            return False, ignored
        if selected >= 0:
            return True, selected
        return (False, -1) if self.replaces else state


def _specificity(code: str, prefixes: frozenset[str]) -> int:
    """Length of the longest entry of ``prefixes`` matching ``code`` (ALL is 0; -1 for none)."""
    best = 0 if "ALL" in prefixes else -1
    for length in range(2, len(code) + 1):
        if code[:length] in prefixes:
            best = length
    return best


class PathMatcher:
    """'/'-joined relative paths matched by any of some globs, in time linear in the path.

    Globs come from configuration a pull request may control: translated to a backtracking
    regex, ``*a*a*a*a*a*b`` or a repeated ``**/`` takes exponential time on a long name or a
    deep path. RE2 (Google's automaton-based engine) matches the same regex without
    backtracking. A name that is not valid UTF-8 is matched with U+FFFD for each invalid byte.
    """

    def __init__(self, globs: Iterable[str]) -> None:
        regexes = [_glob_regex(glob) for glob in globs]
        self._regex = _re2("|".join(f"(?:{r})" for r in regexes) if regexes else r"[^\s\S]")

    def fullmatch(self, path: str) -> bool:
        """Whether a glob matches all of ``path``."""
        return self._regex.fullmatch(_ESCAPED_BYTE.sub("\ufffd", path)) is not None


def _re2(pattern: str) -> Any:
    """``pattern`` compiled by RE2, without RE2's logging of errors; raise ``ValueError``."""
    import re2

    options = re2.Options()
    options.log_errors = False
    try:
        return re2.compile(pattern, options)
    except re2.error as error:
        raise ValueError(error.args[0].decode() if isinstance(error.args[0], bytes) else str(error)) from None


def glob_problem(glob: str) -> str | None:
    """Why ``glob`` cannot be used (too long, an invalid class), or ``None``."""
    if len(glob) > MAX_GLOB_LENGTH:
        return f"glob longer than {MAX_GLOB_LENGTH:,} characters"
    try:
        _re2(_glob_regex(glob))
    except ValueError as error:
        return f"invalid glob: {error}"
    return None


@cache
def _glob_regex(glob: str) -> str:
    """Translate a glob: ``*``, ``?`` and ``[...]`` stay in one path segment, a ``**`` segment
    spans any number of them, and a glob with no ``/`` before its end matches at any depth."""
    anchored = "/" in glob.rstrip("/")
    segments = glob.removeprefix("./").strip("/").split("/")
    if not anchored:
        segments.insert(0, "**")
    last = len(segments) - 1
    out: list[str] = []
    for index, segment in enumerate(segments):
        if segment == "**":
            out.append(".*" if index == last else "(?:[^/]+/)*")
        else:
            out.append(_segment_regex(segment) + ("" if index == last else "/"))
    return "".join(out)


def _segment_regex(segment: str) -> str:
    out: list[str] = []
    i, n = 0, len(segment)
    while i < n:
        char = segment[i]
        i += 1
        if char == "*":
            while i < n and segment[i] == "*":
                i += 1
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[" and (end := _class_end(segment, i)) >= 0:
            body = segment[i:end]
            negate = body.startswith("!")
            chars = "".join(c if c == "-" else re.escape(c) for c in (body[1:] if negate else body))
            out.append(f"[^/{chars}]" if negate else f"[{chars}]")
            i = end + 1
        else:
            out.append(re.escape(char))
    return "".join(out)


def _class_end(segment: str, start: int) -> int:
    """Index of the ``]`` closing a class opened before ``start``, or -1."""
    i = start + (segment[start:start + 1] == "!")
    i += segment[i:i + 1] == "]"
    return segment.find("]", i)


def load_file(path: Path) -> dict[str, Any]:
    """The raw artlint table of ``path``: an ``artlint.toml``'s top level, or a ``pyproject.toml``'s
    ``[tool.artlint]`` (empty when it has none). Raise ``ConfigError`` when it cannot be read."""
    table = _artlint_table(path)
    return {} if table is None else table


def _artlint_table(path: Path) -> dict[str, Any] | None:
    data = _read_toml(path)
    if path.name != PYPROJECT_NAME:
        return data
    tool = data.get("tool")
    if not isinstance(tool, dict) or "artlint" not in tool:
        return None
    table = tool["artlint"]
    if not isinstance(table, dict):
        raise ConfigError(str(path), "tool.artlint", f"expected a table, got {_kind(table)}")
    return table


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return read_toml(path, MAX_CONFIG_BYTES)
    except OSError as error:
        raise ConfigError(str(path), "", f"cannot read file: {error.strerror or error}") from None
    except (InputError, ValueError) as error:
        raise ConfigError(str(path), "", str(error)) from None


def _kind(value: object) -> str:
    """TOML name of a value's type, with an article."""
    names = {bool: "a boolean", int: "an integer", float: "a float", str: "a string", list: "an array", dict: "a table"}
    return names.get(type(value), "a date or time")


def _backend_problem(backend: str) -> str | None:
    """Why ``backend`` is not a grammar back end, or ``None``."""
    if backend in GRAMMAR_BACKENDS:
        return None
    return f"unknown backend {backend!r} (expected one of: {', '.join(GRAMMAR_BACKENDS)})"


def _key(parent: str, name: str) -> str:
    """Dotted key ``parent.name``, quoting ``name`` when it is not a bare TOML key."""
    part = name if _BARE_KEY.match(name) else '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{parent}.{part}" if parent else part


class _Codes(NamedTuple):
    """Known rule codes and their prefixes.

    With no known codes, or ``open`` (a configuration with ``rules-dirs``, whose user rules
    add codes), every well-formed code is accepted.
    """

    codes: frozenset[str]
    prefixes: frozenset[str]
    open: bool = False

    @classmethod
    def of(cls, known: Collection[str]) -> _Codes:
        codes = frozenset(known)
        return cls(codes, frozenset(code[:n] for code in codes for n in range(2, len(code) + 1)))

    def selector_problem(self, value: str) -> str | None:
        """Why ``value`` is not a usable code or prefix, or ``None``."""
        if not SELECTOR_PATTERN.match(value):
            return f"invalid rule code or prefix {value!r} (expected ALL, a family such as BP, or a code such as BP001)"
        if self.prefixes and not self.open and value != "ALL" and value not in self.prefixes:
            return f"unknown rule code or prefix {value!r}"
        return None

    def code_problem(self, value: str) -> str | None:
        """Why ``value`` is not a usable full rule code, or ``None``."""
        if not CODE_PATTERN.match(value):
            return f"invalid rule code {value!r} (expected a code such as BP001)"
        if self.codes and not self.open and value not in self.codes:
            return f"unknown rule code {value!r}"
        return None

    def validates_params(self, code: str) -> bool:
        """Whether the parameter validator knows ``code`` (user rules are checked when loaded)."""
        return not self.open or code in self.codes


class _Parser:
    """Validates one configuration table; every error names the file and the dotted key."""

    def __init__(self, path: Path, codes: _Codes, validate_params: ParamValidator | None,
                 catalog: Catalog | None = None) -> None:
        self.path = path
        self.catalog = catalog
        self.root = path.parent
        self.prefix = PYPROJECT_PREFIX if path.name == PYPROJECT_NAME else ""
        self.codes = codes
        self.validate_params = validate_params

    def fail(self, key: str, problem: str) -> NoReturn:
        raise ConfigError(str(self.path), self.prefix + key, problem)

    def settings(self, raw: Mapping[str, Any]) -> Settings:
        """Validate ``raw`` (the artlint table) into ``Settings``."""
        self.check_keys("", raw, TOP_KEYS)
        rules_dirs = self.rules_dirs(raw.get("rules-dirs", []))
        if rules_dirs and self.catalog is not None:
            known, self.validate_params = self.catalog(rules_dirs)
            self.codes = _Codes.of(known)
        elif rules_dirs:
            self.codes = self.codes._replace(open=True)
        select = self.selectors("select", raw["select"]) if "select" in raw else None
        size = raw.get("max-file-size", DEFAULT_MAX_FILE_SIZE_MB)
        if type(size) is not int or size <= 0:
            got = repr(size) if type(size) is int else _kind(size)
            self.fail("max-file-size", f"expected a positive integer (megabytes), got {got}")
        per_rule = raw.get("max-findings-per-rule", DEFAULT_MAX_FINDINGS_PER_RULE)
        if type(per_rule) is not int or per_rule <= 0:
            got = repr(per_rule) if type(per_rule) is int else _kind(per_rule)
            self.fail("max-findings-per-rule", f"expected a positive integer, got {got}")
        baseline = raw.get("baseline")
        preview = raw.get("preview", False)
        if not isinstance(preview, bool):
            self.fail("preview", f"expected true or false, got {_kind(preview)}")
        templates = raw.get("templates")
        return Settings(
            source=self.path,
            root=self.root,
            select=select,
            ignore=self.selectors("ignore", raw.get("ignore", [])),
            extend_select=self.selectors("extend-select", raw.get("extend-select", [])),
            extend_ignore=self.selectors("extend-ignore", raw.get("extend-ignore", [])),
            per_file_ignores=self.per_file_ignores(raw.get("per-file-ignores", {})),
            severity=self.severities(raw.get("severity", {})),
            rule_params=self.rule_params(raw.get("rules", {})),
            rules_dirs=rules_dirs,
            fail_on=self.severity("fail-on", raw.get("fail-on", "warning")),
            include=self.globs("include", raw.get("include", list(DEFAULT_INCLUDE))),
            exclude=self.globs("exclude", raw.get("exclude", [])) + self.globs("extend-exclude", raw.get("extend-exclude", [])),
            force_exclude=self.boolean("force-exclude", raw.get("force-exclude", False)),
            respect_gitignore=self.boolean("respect-gitignore", raw.get("respect-gitignore", True)),
            max_file_size=size * BYTES_PER_MB,
            max_findings_per_rule=per_rule,
            grammar=self.grammar(raw.get("grammar", {})),
            baseline=None if baseline is None else self.file("baseline", baseline),
            preview=preview,
            templates=None if templates is None else self.file("templates", templates),
        )

    def check_keys(self, key: str, table: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
        for name in table:
            if name not in allowed:
                self.fail(_key(key, name), f"unknown key (expected one of: {', '.join(sorted(allowed))})")

    def table(self, key: str, value: object) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(key, f"expected a table, got {_kind(value)}")
        return value

    def string(self, key: str, value: object) -> str:
        if not isinstance(value, str):
            self.fail(key, f"expected a string, got {_kind(value)}")
        return value

    def file(self, key: str, value: object) -> Path:
        """A file name relative to this configuration (an empty name is an error, not the folder)."""
        if not self.string(key, value).strip():
            self.fail(key, "expected a file name, got an empty string")
        return self.root / str(value)

    def boolean(self, key: str, value: object) -> bool:
        if not isinstance(value, bool):
            self.fail(key, f"expected a boolean (true or false), got {_kind(value)}")
        return value

    def strings(self, key: str, value: object) -> list[str]:
        if not isinstance(value, list):
            self.fail(key, f"expected a list of strings, got {_kind(value)}")
        for index, item in enumerate(value):
            self.string(f"{key}[{index}]", item)
        return value

    def selectors(self, key: str, value: object) -> tuple[str, ...]:
        items = self.strings(key, value)
        for index, item in enumerate(items):
            if problem := self.codes.selector_problem(item):
                self.fail(f"{key}[{index}]", problem)
        return tuple(items)

    def globs(self, key: str, value: object) -> tuple[str, ...]:
        items = self.strings(key, value)
        for index, item in enumerate(items):
            if not item.strip("/. "):
                self.fail(f"{key}[{index}]", f"expected a glob such as '*.md', got {item!r}")
            if problem := glob_problem(item):
                self.fail(f"{key}[{index}]", problem)
        return tuple(items)

    def severity(self, key: str, value: object) -> Severity:
        try:
            return Severity.parse(self.string(key, value))
        except ValueError as error:
            self.fail(key, str(error))

    def per_file_ignores(self, value: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
        entries: list[tuple[str, tuple[str, ...]]] = []
        for glob, codes in self.table("per-file-ignores", value).items():
            key = _key("per-file-ignores", glob)
            if not glob.strip("/. "):
                self.fail(key, "expected a glob such as 'archive/**' as the key")
            if problem := glob_problem(glob):
                self.fail(key, problem)
            entries.append((glob, self.selectors(key, codes)))
        return tuple(entries)

    def severities(self, value: object) -> Mapping[str, Severity]:
        result: dict[str, Severity] = {}
        for code, level in self.table("severity", value).items():
            key = _key("severity", code)
            if problem := self.codes.code_problem(code):
                self.fail(key, problem)
            result[code] = self.severity(key, level)
        return MappingProxyType(result)

    def rule_params(self, value: object) -> Mapping[str, Mapping[str, Any]]:
        result: dict[str, Mapping[str, Any]] = {}
        for code, params in self.table("rules", value).items():
            key = _key("rules", code)
            if problem := self.codes.code_problem(code):
                self.fail(key, problem)
            params = self.table(key, params)
            problems: list[str] = []
            if self.validate_params is not None and self.codes.validates_params(code):
                problems = self.validate_params(code, params)
            if problems:
                name, sep, rest = problems[0].partition(": ")
                if sep and name in params:
                    self.fail(_key(key, name), rest)
                self.fail(key, rest if sep and name == code else problems[0])
            result[code] = MappingProxyType(dict(params))
        return MappingProxyType(result)

    def rules_dirs(self, value: object) -> tuple[Path, ...]:
        dirs: list[Path] = []
        for index, item in enumerate(self.strings("rules-dirs", value)):
            key = f"rules-dirs[{index}]"
            try:
                directory = (self.root / item).resolve(strict=True)
            except FileNotFoundError:
                self.fail(key, f"no such directory: {self.root / item}")
            except (OSError, RuntimeError) as error:
                self.fail(key, f"cannot resolve {self.root / item}: {error}")
            if not directory.is_dir():
                self.fail(key, f"not a directory: {directory}")
            dirs.append(directory)
        return tuple(dirs)

    def grammar(self, value: object) -> GrammarSettings:
        raw = self.table("grammar", value)
        self.check_keys("grammar", raw, GRAMMAR_KEYS)
        backend = self.string("grammar.backend", raw.get("backend", "off"))
        if problem := _backend_problem(backend):
            self.fail("grammar.backend", problem)
        path = raw.get("languagetool-path")
        server = raw.get("languagetool-server")
        return GrammarSettings(
            backend=backend,
            languagetool_path=None if path is None else self.file("grammar.languagetool-path", path),
            languagetool_server=None if server is None else self.string("grammar.languagetool-server", server),
            language=self.string("grammar.language", raw.get("language", "en")),
        )


class Resolver:
    """Finds, validates and caches the configuration for each directory of a run."""

    def __init__(
        self,
        overrides: Overrides,
        known_codes: Collection[str] = (),
        validate_params: ParamValidator | None = None,
        catalog: Catalog | None = None,
    ) -> None:
        """Validate the command-line ``overrides``; ``known_codes`` empty skips the unknown-code check.

        ``catalog`` gives the codes and parameter validator of a configuration's ``rules-dirs``
        (user rules); without it such a configuration accepts every well-formed code.

        Raise ``ConfigError`` for a bad override or an invalid ``--config`` file. Command-line
        codes are checked against ``known_codes`` with each configuration without ``rules-dirs``
        (user rules add codes), so an unknown one is reported when such a configuration is used.
        """
        self._overrides = overrides
        self._codes = _Codes.of(known_codes)
        self._validate_params = validate_params
        self._catalog = catalog
        self._cli_lists = {
            "--select": overrides.select,
            "--ignore": overrides.ignore,
            "--extend-select": overrides.extend_select,
            "--extend-ignore": overrides.extend_ignore,
        }
        self._check_cli_codes(self._codes._replace(open=True))
        self._cli = self._cli_selection()
        self._fail_on = self._cli_fail_on()
        self._check_cli_grammar()
        self._trust = overrides.trust_config or os.environ.get(TRUST_ENV) == "1"
        self._cwd = Path.cwd()
        self._by_dir: dict[Path, Settings] = {}
        self._default: Settings | None = None
        self._fixed: Settings | None = None
        if overrides.config_file is not None:
            if overrides.isolated:
                raise ConfigError(CLI_SOURCE, "--config", "cannot be combined with --isolated")
            path = Path(os.path.abspath(overrides.config_file))
            self._fixed = self._build(path, load_file(path))

    def for_path(self, path: Path) -> Settings:
        """The configuration for the file ``path`` (the nearest one above its directory)."""
        return self.for_directory(Path(os.path.abspath(path)).parent)

    def for_directory(self, directory: Path) -> Settings:
        """The configuration for files in ``directory``; each directory is looked at once."""
        if self._fixed is not None:
            return self._fixed
        if self._overrides.isolated:
            return self._defaults()
        current = Path(os.path.abspath(directory))
        visited: list[Path] = []
        settings = self._by_dir.get(current)
        while settings is None:
            visited.append(current)
            found = self._find(current)
            if found is not None:
                settings = self._build(*found)
            elif current.parent == current:
                settings = self._defaults()
            else:
                current = current.parent
                settings = self._by_dir.get(current)
        for seen in visited:
            self._by_dir[seen] = settings
        return settings

    @staticmethod
    def _find(directory: Path) -> tuple[Path, dict[str, Any]] | None:
        """The configuration file in ``directory`` and its table, if there is one."""
        config = directory / CONFIG_NAME
        if config.is_file():
            return config, load_file(config)
        pyproject = directory / PYPROJECT_NAME
        if pyproject.is_file() and (table := _artlint_table(pyproject)) is not None:
            return pyproject, table
        return None

    def _defaults(self) -> Settings:
        """The settings used without a configuration file (globs relative to the working directory)."""
        if self._default is None:
            self._default = self._apply(Settings(source=None, root=self._cwd))
        return self._default

    def _build(self, path: Path, raw: Mapping[str, Any]) -> Settings:
        if not self._trust:  # before the parameters are checked: checking CN030's model loads it
            raw = _distrust_params(path, raw)
        return self._apply(_Parser(path, self._codes, self._validate_params, self._catalog).settings(raw))

    def _apply(self, settings: Settings) -> Settings:
        """``settings`` with the command-line overrides on top."""
        if not settings.rules_dirs:
            self._check_cli_codes(self._codes)
        overrides = self._overrides
        grammar = settings.grammar if self._trust or settings.source is None else _distrust(settings.source, settings.grammar)
        if overrides.grammar_backend is not None:
            grammar = grammar._replace(backend=overrides.grammar_backend)
        server = overrides.languagetool_server or os.environ.get(LANGUAGETOOL_SERVER_ENV)
        if server:
            grammar = grammar._replace(languagetool_server=server)
        path = overrides.languagetool_path or os.environ.get(LANGUAGETOOL_PATH_ENV)
        if path:
            grammar = grammar._replace(languagetool_path=Path(os.path.abspath(path)))
        fail_on = settings.fail_on if self._fail_on is None else self._fail_on
        force_exclude = settings.force_exclude or overrides.force_exclude
        preview = settings.preview if overrides.preview is None else overrides.preview
        templates = settings.templates if overrides.templates is None else overrides.templates
        return replace(settings, cli=self._cli, fail_on=fail_on, grammar=grammar, force_exclude=force_exclude,
                       preview=preview, templates=templates)

    def _check_cli_codes(self, codes: _Codes) -> None:
        for option, values in self._cli_lists.items():
            for value in values or ():
                if problem := codes.selector_problem(value):
                    raise ConfigError(CLI_SOURCE, option, problem)

    def _cli_selection(self) -> Selection | None:
        o = self._overrides
        if all(values is None for values in self._cli_lists.values()):
            return None
        return Selection(
            select=None if o.select is None else tuple(o.select),
            ignore=tuple(o.ignore or ()),
            extend_select=tuple(o.extend_select or ()),
            extend_ignore=tuple(o.extend_ignore or ()),
        )

    def _cli_fail_on(self) -> Severity | None:
        if self._overrides.fail_on is None:
            return None
        try:
            return Severity.parse(self._overrides.fail_on)
        except ValueError as error:
            raise ConfigError(CLI_SOURCE, "--fail-on", str(error)) from None

    def _check_cli_grammar(self) -> None:
        backend = self._overrides.grammar_backend
        if backend is not None and (problem := _backend_problem(backend)):
            raise ConfigError(CLI_SOURCE, "--grammar", problem)


_DISTRUSTED: set[tuple[str, str]] = set()


def _distrust(source: Path, grammar: GrammarSettings) -> GrammarSettings:
    """``grammar`` without the ``TRUSTED_KEYS`` a configuration file set, each said once on stderr."""
    prefix = PYPROJECT_PREFIX if source.name == PYPROJECT_NAME else ""
    given = {"languagetool-path": grammar.languagetool_path, "languagetool-server": grammar.languagetool_server}
    for name, (option, env) in TRUSTED_KEYS.items():
        if given[name] is None or (str(source), name) in _DISTRUSTED:
            continue
        _DISTRUSTED.add((str(source), name))
        sys.stderr.write(
            f"artlint: warning: {source}: {prefix}grammar.{name} ignored: a project configuration may not name a "
            f"program to run or a server that receives the text; use {option} or {env}, or trust this "
            f"file with --trust-config or {TRUST_ENV}=1\n")
    return grammar._replace(languagetool_path=None, languagetool_server=None)


def _distrust_params(source: Path, raw: Mapping[str, Any]) -> Mapping[str, Any]:
    """The configuration table ``raw`` without the ``TRUSTED_PARAMS`` it sets, each said once on stderr."""
    prefix = PYPROJECT_PREFIX if source.name == PYPROJECT_NAME else ""
    rules = raw.get("rules")
    for (code, name), what in TRUSTED_PARAMS.items():
        if not isinstance(rules, dict) or not isinstance(rules.get(code), dict) or name not in rules[code]:
            continue
        rules = {**rules, code: {k: v for k, v in rules[code].items() if k != name}}
        raw = {**raw, "rules": rules}
        if (str(source), f"rules.{code}.{name}") not in _DISTRUSTED:
            _DISTRUSTED.add((str(source), f"rules.{code}.{name}"))
            sys.stderr.write(
                f"artlint: warning: {source}: {prefix}rules.{code}.{name} ignored: a project configuration may not "
                f"name {what}; trust this file with --trust-config or {TRUST_ENV}=1\n")
    return raw


STARTER_CONFIG = f"""\
#:schema {SCHEMA_URL}
# artlint configuration. Every setting is optional: each commented-out line shows the
# default, or an example where there is no default. Remove the "# " to use it.
# In a pyproject.toml, put the same settings under [tool.artlint].

# Rule selection: rule codes (BP001), prefixes (BP, MT00) or ALL. Without select the
# rules that are on by default run; select replaces that set. The most specific
# entry decides, and ignore wins a tie.
# select = ["BP", "MT", "TY"]
# extend-select = []
# ignore = []
# extend-ignore = []

# Exit with status 1 only for findings at or above this severity: error, warning, info.
# fail-on = "warning"

# Also run the rules of the preview tier (not yet precise enough to be on by default).
# preview = false

# Files checked when walking directories, and files skipped; hidden and VCS folders are
# always skipped. Globs are relative to this file; a glob without a slash matches a name
# at any depth, and ** matches any number of folders.
# include = ["*.txt", "*.md", "*.markdown", "*.html", "*.htm"]
# exclude = []
# extend-exclude = []
# What .gitignore and .ignore files ignore is skipped too.
# respect-gitignore = true
# Apply exclude to files named on the command line too (as pre-commit names them).
# force-exclude = false

# Larger files (in megabytes) are refused.
# max-file-size = 10
# Findings one rule reports in one file; the rest merge into the last, which counts them.
# max-findings-per-rule = 500

# Folders of your own TOML rules, relative to this file.
# rules-dirs = []

# File of accepted findings that are not reported (write it with --write-baseline).
# baseline = "artlint-baseline.json"

# Site templates learned from your archive (artlint learn archive/ -o site-templates.json);
# BP040 flags the lines of each article that its site's template put there.
# templates = "site-templates.json"

# Rules ignored in the files matching a glob.
# [per-file-ignores]
# "archive/**" = ["BP"]

# Severity of a rule's findings: error, warning or info.
# [severity]
# BP001 = "error"

# Parameters of a rule, one table per rule code (artlint explain CODE lists them).
# [rules.BP001]

# Grammar checking: backend is off, embedded or languagetool. The LanguageTool folder or
# server is read from here only with --trust-config (a pull request can write this file);
# else give --languagetool-path / --languagetool-server or ARTLINT_LANGUAGETOOL_PATH / _SERVER.
# [grammar]
# backend = "off"
# language = "en"  # any English; "en-US" or "en-GB" holds spelling to one variety
# languagetool-path = "/opt/languagetool"
# languagetool-server = "http://localhost:8081"
"""
"""Commented starter ``artlint.toml`` written by ``artlint init``."""
