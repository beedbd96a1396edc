"""Declarative rules: a TOML file picks one kind from a closed set and supplies its data.

Common keys of every rule file::

    code, name, family, kind, severity, scope, enabled, preview, message, summary, why,
    fires, silent, [params]

``preview = true`` puts the rule in the preview tier (see ``Rule``).

``params`` are the kind's parameters; users override them per rule in their configuration
(``[rules.CODE]``). An unknown kind, key or parameter is an error that names the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from artlint.errors import InputError, RuleDefinitionError
from artlint.kinds.base import DeclarativeRule
from artlint.kinds.consistency import ConsistencyRule
from artlint.kinds.pattern import PatternRule
from artlint.kinds.phrase import PhraseRule
from artlint.kinds.substitution import SubstitutionRule
from artlint.kinds.threshold import ThresholdRule
from artlint.model import Family, Severity
from artlint.rule import CODE_PATTERN, NAME_PATTERN, RuleSpec, Scope
from artlint.source import read_toml

MAX_RULE_BYTES = 1_000_000
"""A rule file larger than this is refused."""

KINDS: dict[str, type[DeclarativeRule]] = {
    "phrase": PhraseRule,
    "pattern": PatternRule,
    "substitution": SubstitutionRule,
    "consistency": ConsistencyRule,
    "threshold": ThresholdRule,
}

_COMMON_KEYS = {
    "code", "name", "family", "kind", "severity", "scope", "enabled", "preview", "message", "summary",
    "why", "fires", "silent", "params", "example-kind",
}  # fmt: skip


def load_rule_file(path: Path, *, builtin: bool = False) -> tuple[RuleSpec, type[DeclarativeRule]]:
    """Read and validate one rule file; return its spec and implementing kind.

    A ``builtin`` rule's parameters are checked for their types only: what the full check adds
    (its regular expressions compile) is checked for every built-in rule by the test suite,
    and compiling them all cost every run about 200 M instructions (a rule compiles its
    patterns when it first runs)."""
    try:
        data = read_toml(path, MAX_RULE_BYTES)
    except (OSError, InputError) as exc:
        raise RuleDefinitionError(f"{path}: cannot read rule file: {exc}") from None
    except ValueError as exc:
        raise RuleDefinitionError(f"{path}: {exc}") from None
    return parse_rule(data, str(path), builtin=builtin)


def parse_rule(data: Mapping[str, Any], origin: str, *, builtin: bool = False) -> tuple[RuleSpec, type[DeclarativeRule]]:
    """Validate a rule table; ``origin`` names it in errors; ``builtin`` as ``load_rule_file``."""

    def fail(key: str, problem: str) -> RuleDefinitionError:
        return RuleDefinitionError(f"{origin}: {key}: {problem}")

    unknown = sorted(set(data) - _COMMON_KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown key (allowed: {', '.join(sorted(_COMMON_KEYS))})")
    for key in ("code", "name", "family", "kind", "message", "why"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise fail(key, "required, a non-empty string")
    code, name, kind_name = data["code"], data["name"], data["kind"]
    if not CODE_PATTERN.match(code):
        raise fail("code", f"{code!r} is not a family prefix (BP, MT, TY, CN, GR, RD) and 3 digits")
    if not NAME_PATTERN.match(name):
        raise fail("name", f"{name!r} is not kebab-case")
    kind = KINDS.get(kind_name)
    if kind is None:
        raise fail("kind", f"unknown kind {kind_name!r} (allowed: {', '.join(KINDS)})")
    try:
        family = Family.parse(data["family"])
        severity = Severity.parse(data.get("severity", "warning"))
        scope = Scope(data.get("scope", kind.default_scope.value))
    except ValueError as exc:
        raise fail("family/severity/scope", str(exc)) from None
    if family.value != code[:2]:
        raise fail("code", f"{code} does not start with the prefix of family {family.label} ({family.value})")
    if scope not in kind.scopes:
        raise fail("scope", f"kind {kind_name} supports scopes: {', '.join(s.value for s in kind.scopes)}")
    examples: dict[str, tuple[str, ...]] = {}
    for key in ("fires", "silent"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or not value:
            raise fail(key, "required, a non-empty list of example strings")
        examples[key] = tuple(value)
    params = data.get("params", {})
    if not isinstance(params, dict):
        raise fail("params", "expected a table")
    problems = kind.validate_params(params, partial=builtin)
    if problems:
        raise fail(f"params.{problems[0][0]}", problems[0][1])
    enabled, preview = data.get("enabled", True), data.get("preview", False)
    for key, flag in (("enabled", enabled), ("preview", preview)):
        if not isinstance(flag, bool):
            raise fail(key, "expected true or false")
    spec = RuleSpec(
        code=code,
        name=name,
        family=family,
        severity=severity,
        scope=scope,
        summary=str(data.get("summary") or data["message"]),
        why=data["why"].strip(),
        fires=examples["fires"],
        silent=examples["silent"],
        enabled=enabled,
        preview=preview,
        fixable=kind.is_fixable(params),
        kind=kind_name,
        origin=origin,
        params={**kind.param_defaults(), **params, "message": data["message"]},
        example_kind=str(data.get("example-kind", "text")),
    )
    return spec, kind
