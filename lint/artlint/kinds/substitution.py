"""Kind ``substitution``: a wrong or discouraged form and the form to use instead."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

from artlint.kinds.base import NEEDS, DeclarativeRule, Param, needs_of, needs_problem
from artlint.lexicon import Lexicons
from artlint.rule import Context, Report, Scope
from artlint.units import Unit


def match_case(replacement: str, original: str) -> str:
    """Give ``replacement`` the capitalisation of ``original``'s first letter."""
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class SubstitutionRule(DeclarativeRule):
    """Reports each key of ``swap`` (or of a TOML lexicon's ``swap`` table) with its replacement."""

    default_scope = Scope.BLOCK
    scopes = (Scope.BLOCK, Scope.SENTENCE)
    schema: ClassVar[Mapping[str, Param]] = {
        "swap": Param((dict,), {}, help="Table: form to flag -> suggested form."),
        "lexicon": Param((str,), "", help="Name of a .toml lexicon with a [swap] table."),
        "ignore-case": Param((bool,), True),
        "fix-safety": Param((str,), "unsafe", ("safe", "unsafe")),
        "needs": NEEDS,
    }

    @classmethod
    def check_required(cls, params: Mapping[str, Any]) -> list[tuple[str, str]]:
        if not params.get("swap") and not params.get("lexicon"):
            return [("swap", "give a `swap` table or a `lexicon`")]
        if not all(isinstance(v, str) for v in params.get("swap", {}).values()):
            return [("swap", "expected a table of strings")]
        return needs_problem(params)

    def setup(self, lexicons: Lexicons) -> None:
        super().setup(lexicons)
        self.needs = needs_of(self.params)

    @classmethod
    def is_fixable(cls, params: Mapping[str, Any]) -> bool:
        return True

    def entries(self, lexicons: Lexicons) -> Iterable[tuple[str, Any]]:
        swap = dict(self.params["swap"])
        if self.params["lexicon"]:
            swap.update(lexicons.table(self.params["lexicon"]).get("swap", {}))
        return swap.items()

    def check(self, unit: Unit, ctx: Context) -> Iterator[Report]:
        for match in ctx.analysis.matches(self.matcher, unit.text):
            found = unit.text[match.start : match.end]
            suggestion = match_case(str(match.value), found)
            start, end = unit.start + match.start, unit.start + match.end
            fix = ctx.replace(start, end, suggestion, safe=self.params["fix-safety"] == "safe",
                              description=f"Replace with '{suggestion}'")
            yield ctx.report(start, end, self.message(match=found, suggestion=suggestion), fix=fix)
