"""What every declarative kind shares: typed parameters and the message template."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from string import Formatter
from typing import Any, ClassVar, NamedTuple

from artlint.lexicon import Lexicons
from artlint.rule import Rule, Scope


class Param(NamedTuple):
    """A kind's parameter: accepted types, default, allowed values if closed, least number if any."""

    types: tuple[type, ...]
    default: Any
    choices: tuple[Any, ...] = ()
    help: str = ""
    minimum: int | None = None

    def problem(self, value: Any) -> str | None:
        """Why ``value`` is not acceptable, or None."""
        if isinstance(value, bool) and bool not in self.types:
            return f"expected {self.type_name()}"
        if not isinstance(value, self.types):
            return f"expected {self.type_name()}"
        if self.choices and value not in self.choices:
            return f"expected one of: {', '.join(map(str, self.choices))}"
        if self.minimum is not None and isinstance(value, (int, float)) and value < self.minimum:
            return f"expected at least {self.minimum}, got {value}"
        if isinstance(value, list) and not all(isinstance(v, (str, list, dict)) for v in value):
            return "expected a list of strings"
        return None

    def type_name(self) -> str:
        names = {str: "a string", list: "a list", dict: "a table", bool: "true or false", int: "an integer", float: "a number"}
        return " or ".join(names.get(t, t.__name__) for t in self.types)


MESSAGE = Param((str,), "", help="Message template; {match} is the matched text.")
NEEDS = Param((str, list), "", help="A character class (`[,;]`, `\\d`), or a list of them, of which every unit "
              "the rule reports in holds a character (of each); units without are skipped.")


def needs_problem(params: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The problem with a ``needs`` parameter that is no regular expression (or list of them)."""
    needs = params.get("needs", "")
    for value in needs if isinstance(needs, list) else [needs]:
        try:
            re.compile(str(value))
        except re.error as exc:
            return [("needs", f"invalid character class: {exc}")]
    return []


def needs_of(params: Mapping[str, Any]) -> str | tuple[str, ...]:
    """A declarative rule's ``needs`` parameter as ``Rule.needs`` holds it."""
    needs = params["needs"]
    return tuple(needs) if isinstance(needs, list) else str(needs)


class DeclarativeRule(Rule):
    """A rule whose behaviour is its kind's code and whose data comes from a TOML file."""

    default_scope: ClassVar[Scope] = Scope.BLOCK
    scopes: ClassVar[tuple[Scope, ...]] = (Scope.BLOCK,)
    schema: ClassVar[Mapping[str, Param]] = {}

    @classmethod
    def param_defaults(cls) -> dict[str, Any]:
        """Default value of every parameter."""
        return {name: param.default for name, param in cls.schema.items()}

    @classmethod
    def validate_params(cls, params: Mapping[str, Any], *, partial: bool = True) -> list[tuple[str, str]]:
        """Problems with ``params`` as (key, problem); ``partial`` allows missing keys."""
        allowed = {**cls.schema, "message": MESSAGE}
        problems: list[tuple[str, str]] = []
        for key, value in params.items():
            param = allowed.get(key)
            if param is None:
                problems.append((key, f"unknown parameter (allowed: {', '.join(sorted(allowed))})"))
            elif (problem := param.problem(value)) is not None:
                problems.append((key, problem))
        if not partial:
            problems.extend(cls.check_required(params))
        return problems

    @classmethod
    def check_required(cls, params: Mapping[str, Any]) -> list[tuple[str, str]]:
        """Problems with a complete parameter table (a kind's required data)."""
        return []

    @classmethod
    def is_fixable(cls, params: Mapping[str, Any]) -> bool:
        """Whether rules of this kind with these parameters carry fixes (a ``fix`` other than "none")."""
        return str(params.get("fix", "none")) != "none"

    def setup(self, lexicons: Lexicons) -> None:
        self.matcher = lexicons.new_matcher(self.entries(lexicons), ignore_case=self.params.get("ignore-case", True))

    def entries(self, lexicons: Lexicons) -> Iterable[tuple[str, Any]]:
        """(phrase, payload) pairs for ``matcher``; kinds that match phrases define them."""
        return ()

    def message(self, **values: Any) -> str:
        """The rule's message with ``{name}`` placeholders filled in."""
        return fill_template(self.params.get("message", ""), values)


def fill_template(template: str, values: Mapping[str, Any]) -> str:
    """``template`` with each plain ``{name}`` of ``values`` replaced by its value.

    Anything else between braces (an unknown name, a format spec such as ``{match:>2000000000}``
    that would fill memory, attribute or index access, a conversion) stays as written, and so
    does a template whose braces do not pair up: a rule file cannot make a message cost more
    than its length plus the values'.
    """
    try:
        parts = list(Formatter().parse(template))
    except ValueError:
        return template
    out: list[str] = []
    for literal, field, spec, conversion in parts:
        out.append(literal)
        if field is None:
            continue
        if field in values and not spec and conversion is None:
            out.append(str(values[field]))
        else:
            out.append("{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
    return "".join(out)
