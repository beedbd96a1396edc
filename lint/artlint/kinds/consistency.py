"""Kind ``consistency``: one article should use one form of each variant group.

The most frequent form is the article's form; on a tie, the form listed first in its group
(the lexicon's preferred spelling). Every other form is reported with the first occurrence of
the article's form as its related span. Forms inside URLs and e-mail addresses are not counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

from artlint.kinds.base import DeclarativeRule, Param
from artlint.lexicon import Lexicons, Match
from artlint.markup.document import Document
from artlint.rule import Context, Report, Scope
from artlint.text.spans import Protected


class ConsistencyRule(DeclarativeRule):
    """Reports minority forms of each group in ``groups`` (or a TOML lexicon's ``groups``)."""

    default_scope = Scope.DOCUMENT
    scopes = (Scope.DOCUMENT,)
    schema: ClassVar[Mapping[str, Param]] = {
        "groups": Param((list,), [], help="Lists of variant forms of one term."),
        "lexicon": Param((str,), "", help="Name of a .toml lexicon with a `groups` list."),
        "ignore-case": Param((bool,), False),
        "fix-safety": Param((str,), "unsafe", ("safe", "unsafe")),
    }

    @classmethod
    def check_required(cls, params: Mapping[str, Any]) -> list[tuple[str, str]]:
        groups = params.get("groups", [])
        if not groups and not params.get("lexicon"):
            return [("groups", "give `groups` or a `lexicon`")]
        if not all(isinstance(g, list) and len(g) >= 2 and all(isinstance(v, str) for v in g) for g in groups):
            return [("groups", "expected a list of lists of at least two strings")]
        return []

    @classmethod
    def is_fixable(cls, params: Mapping[str, Any]) -> bool:
        return True

    def entries(self, lexicons: Lexicons) -> Iterable[tuple[str, Any]]:
        groups = list(self.params["groups"])
        if self.params["lexicon"]:
            groups += lexicons.table(self.params["lexicon"]).get("groups", [])
        return [(form, (i, rank)) for i, group in enumerate(groups) for rank, form in enumerate(group)]

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        by_group: dict[int, dict[str, list[Match]]] = {}
        for block in unit.blocks:
            protected: Protected | None = None
            for match in ctx.analysis.matches(self.matcher, block.text):
                protected = protected or ctx.analysis.protected(block.text)
                if protected.covers(match.start, match.end):
                    continue
                form = block.text[match.start : match.end]
                key = form.lower() if self.params["ignore-case"] else form
                by_group.setdefault(match.value[0], {}).setdefault(key, []).append(
                    Match(block.start + match.start, block.start + match.end, form, match.value)
                )
        for forms in by_group.values():
            if len(forms) < 2:
                continue
            majority = max(forms, key=lambda f: (len(forms[f]), -forms[f][0].value[1]))
            first = forms[majority][0]
            for form, matches in forms.items():
                if form == majority:
                    continue
                for match in matches:
                    yield ctx.report(
                        match.start,
                        match.end,
                        self.message(match=match.phrase, majority=first.phrase, count=len(forms[majority])),
                        fix=ctx.replace(match.start, match.end, first.phrase, safe=self.params["fix-safety"] == "safe",
                                        description=f"Use '{first.phrase}'"),
                        related=[(first.start, first.end, f"'{first.phrase}' is the form used most in this article")],
                    )
