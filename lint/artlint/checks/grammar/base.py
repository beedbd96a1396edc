"""What every grammar rule shares: one back end per run, one category per rule.

A run's ``Runner`` calls ``bind_grammar`` with its ``[grammar]`` settings: with ``backend =
"off"`` grammar rules report nothing, otherwise they share one checker (``artlint.backends``),
so the back end checks each document once whichever GR rules are selected. A rule used
outside a runner (tests, benchmarks) checks with the embedded back end and default settings.
Issues inside URLs and e-mail addresses are dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from artlint.backends import Checker, Issue, checker_for
from artlint.config import GrammarSettings
from artlint.lexicon import Lexicons
from artlint.markup.document import Document
from artlint.model import Applicability, Family, Fix
from artlint.rule import Context, Report, Rule, Scope

UNBOUND = GrammarSettings(backend="embedded")
"""Settings of a grammar rule that no runner configured."""


class GrammarRule(Rule):
    """Reports the back end's issues of one category (``category``) with its suggestions as fixes."""

    family = Family.GRAMMAR
    scope = Scope.DOCUMENT
    fixable = True
    category: ClassVar[str] = ""
    bound = False
    """Whether ``bind_grammar`` gave the rule its ``checker`` (else the first document does)."""
    checker: Checker | None = None

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        if not self.bound:
            bind_grammar([self], UNBOUND, ctx.lexicons)
        if self.checker is None:
            return
        protected = ctx.analysis.protected(unit.plain)
        for issue in self.checker.issues(unit):
            if issue.category == self.category and not protected.covers(issue.start, issue.end):
                yield ctx.report(issue.start, issue.end, _message(issue), fix=_fix(issue))


def bind_grammar(rules: Iterable[Rule], settings: GrammarSettings, lexicons: Lexicons) -> None:
    """Give the grammar rules among ``rules`` the checker for ``settings`` (none when it is off).

    Raise ``GrammarUnavailable`` when the back end cannot run.
    """
    grammar = [rule for rule in rules if isinstance(rule, GrammarRule)]
    checker = None
    if grammar and settings.backend != "off":
        checker = checker_for(settings, {rule.category for rule in grammar}, lexicons)
    for rule in grammar:
        rule.checker, rule.bound = checker, True


def _message(issue: Issue) -> str:
    """The back end's message, its suggestions, and which of its rules spoke."""
    alternatives = list(dict.fromkeys(f"'{e.replacement}'" for e in issue.suggestions[:3] if e.replacement))
    advice = f" Suggestion: {' or '.join(alternatives)}." if alternatives else ""
    return f"{issue.message.rstrip()}{advice} ({issue.rule})"


def _fix(issue: Issue) -> Fix | None:
    if not issue.suggestions:
        return None
    edit = issue.suggestions[0]
    description = f"Replace with '{edit.replacement}'" if edit.replacement else "Remove the text"
    return Fix((edit,), Applicability.UNSAFE, description)
