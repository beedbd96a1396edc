"""Kind ``pattern``: regular expressions, run with a time budget so no pattern can hang a run.

Patterns use the ``regex`` module (Perl/PCRE syntax, Unicode classes). A named group
``span`` narrows the reported span to that group.

Long word alternations are data: ``lists = { month = "month-names" }`` makes ``\\L<month>``
match any phrase of that lexicon (``regex``'s named lists). ``regex`` compiles a named list as
it does the alternation, at some 20 µs a letter (BP010's dates in five languages took 20 ms of
every start-up), so a block is first searched with each list replaced by a run of the
characters its phrases are made of (``_loosen``), which matches wherever the list could: the
patterns with their lists compile only when a block passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from artlint.errors import RuleDefinitionError, RuleTimeout
from artlint.kinds.base import NEEDS, DeclarativeRule, Param, needs_of, needs_problem
from artlint.lexicon import Lexicons
from artlint.model import Fix
from artlint.patterns import Lists, compile_pattern
from artlint.rule import Context, Report, Scope
from artlint.units import Unit, deletion_fix
from artlint.userregex import MAX_SIZE, Budget, complexity_problem

if TYPE_CHECKING:
    import regex


class PatternRule(DeclarativeRule):
    """Reports matches of any of ``patterns`` not fully matched by an exception."""

    default_scope = Scope.BLOCK
    scopes = (Scope.BLOCK, Scope.SENTENCE)
    schema: ClassVar[Mapping[str, Param]] = {
        "patterns": Param((list,), []),
        "exceptions": Param((list,), [], help="Patterns that, matching a whole match, cancel it."),
        "lists": Param((dict,), {}, help="Named lists: `{ month = \"month-names\" }` makes `\\\\L<month>` in a "
                       "pattern match any phrase of the .txt lexicon month-names (in any case if ignore-case)."),
        "ignore-case": Param((bool,), False),
        "span": Param((str,), "match", ("match", "block")),
        "fix": Param((str,), "none", ("none", "delete-block", "delete-match", "replace")),
        "replacement": Param((str,), "", help="With fix = replace: template, \\g<1> for groups."),
        "fix-safety": Param((str,), "unsafe", ("safe", "unsafe")),
        "timeout-ms": Param((int,), 250, help="Time budget per unit; past it the run names this rule.", minimum=1),
        "run-timeout-ms": Param((int,), 20_000, help="Time budget of all units of one document.", minimum=1),
        "needs": NEEDS,
    }

    @classmethod
    def check_required(cls, params: Mapping[str, Any]) -> list[tuple[str, str]]:
        if not params.get("patterns"):
            return [("patterns", "required, a non-empty list of regular expressions")]
        if problems := needs_problem(params):
            return problems
        lists = params.get("lists", {})
        for name, lexicon in lists.items():
            if not name.isidentifier() or not isinstance(lexicon, str):
                return [("lists", f"{name!r}: expected a name (letters, digits, '_') and a lexicon name")]
        placeholders = tuple((name, ("x",)) for name in sorted(lists))  # the lexicons are read at set-up
        for key in ("patterns", "exceptions"):
            for i, pattern in enumerate(params.get(key, [])):
                try:
                    _compile(pattern, bool(params.get("ignore-case", False)), placeholders)
                except InvalidPattern as exc:
                    return [(f"{key}[{i}]", f"invalid regular expression: {exc}")]
        return []

    def setup(self, lexicons: Lexicons) -> None:
        self.needs = needs_of(self.params)
        self._budget = Budget(self.params["timeout-ms"] / 1000, self.params["run-timeout-ms"] / 1000, self._explain)
        self._lists: Lists = tuple((name, tuple(lexicons.phrases(lexicon)))
                                   for name, lexicon in sorted(self.params["lists"].items()))
        if sum(len(entry) for _, entries in self._lists for entry in entries) > MAX_SIZE:
            raise RuleDefinitionError(f"{self.spec.origin}: the named lists hold more than {MAX_SIZE:,} characters; "
                                      "a phrase rule matches long lists")

    # The patterns compile when first needed: the gates (the patterns with their named lists
    # loosened) on the first unit the rule's character gate lets through, the patterns on the
    # first unit a gate matches. Most runs never need most of them, and compiling all of them cost every run
    # 100 M instructions or more.

    @cached_property
    def _patterns(self) -> list[regex.Pattern[str]]:
        return self._compiled("patterns")

    @cached_property
    def _exceptions(self) -> list[regex.Pattern[str]]:
        return self._compiled("exceptions")

    @cached_property
    def _gates(self) -> list[regex.Pattern[str]]:
        """The patterns with their named lists loosened (``_loosen``); none for a single pattern
        without lists, which would be its own gate. Searched one by one: joined in one
        alternation, a pattern that opens with a lookbehind made every other one be tried at
        every position too (MT044, BP014: twice to five times the time)."""
        lists = dict(self._lists)
        loosened = [_loosen(p, lists) for p in self.params["patterns"]]
        if loosened == self.params["patterns"] and len(loosened) == 1:
            return []
        try:
            return [_compile(p, self.params["ignore-case"]) for p in loosened]
        except InvalidPattern:
            return []

    def _compiled(self, key: str) -> list[regex.Pattern[str]]:
        try:
            return [_compile(p, self.params["ignore-case"], self._lists) for p in self.params[key]]
        except InvalidPattern as exc:
            raise RuleDefinitionError(f"{self.spec.origin}: invalid regular expression: {exc}") from None

    def check(self, unit: Unit, ctx: Context) -> Iterator[Report]:
        text = unit.text
        self._length = len(text)
        self._budget.begin(ctx.document)
        if not self._may_match(text):
            return
        for pattern in self._patterns:
            for match in self._budget.finditer(pattern, text):
                whole = match.group()
                if any(self._budget.fullmatch(e, whole) for e in self._exceptions):
                    continue
                start, end = match.span("span") if "span" in pattern.groupindex else match.span()
                if self.params["span"] == "block":
                    start, end = 0, len(text)
                fix: Fix | None
                if self.params["fix"] == "replace":
                    fix = ctx.replace(unit.start + match.start(), unit.start + match.end(),
                                      match.expand(self.params["replacement"]),
                                      safe=self.params["fix-safety"] == "safe")
                else:
                    fix = deletion_fix(ctx, unit, self.params["fix"], self.params["fix-safety"], *match.span())
                yield ctx.report(unit.start + start, unit.start + end, self.message(match=whole), fix=fix)

    def _may_match(self, text: str) -> bool:
        """Whether one of the patterns may match ``text``: one timed search of the gates, each
        with the time budget of a call (each timed search costs several microseconds more than
        the search itself, which on a short block is most of the work), or True when it cannot tell."""
        gates = self._gates
        if not gates:
            return True
        try:
            return bool(self._budget.run(lambda timeout: any(g.search(text, timeout=timeout) for g in gates)))
        except RuleTimeout:  # the patterns one by one, each with its own budget, will tell
            return True

    def _explain(self, budget: str) -> str:
        if budget == "run":
            return (f"rule {self.spec.code} ({self.spec.origin}): its patterns ran past their time budget of "
                    f"{self.params['run-timeout-ms']} ms for one document; simplify them or raise run-timeout-ms")
        return (f"rule {self.spec.code} ({self.spec.origin}): a pattern ran past its time budget of "
                f"{self.params['timeout-ms']} ms on a {self._length}-character {self.spec.scope.value}; "
                "simplify the pattern (nested quantifiers backtrack catastrophically) or raise timeout-ms")


class InvalidPattern(Exception):
    """A pattern ``regex`` cannot compile, or too complex to try."""


def _compile(pattern: str, ignore_case: bool, lists: Lists = ()) -> regex.Pattern[str]:
    """``pattern`` compiled as rules run it (validation compiles the same way, so the second
    compile is a dictionary look-up), once measured (``userregex.complexity_problem``).
    ``regex`` is imported here, by the first rule whose patterns a text needs."""
    import regex

    if problem := complexity_problem(pattern):
        raise InvalidPattern(problem)
    try:
        return compile_pattern(pattern, (regex.IGNORECASE if ignore_case else 0) | regex.VERSION1, lists)
    except (regex.error, RecursionError) as exc:
        raise InvalidPattern(exc) from None


_NAMED_LIST = r"(?s)\\(?:L<(\w+)>|.)"  # compiled by the first rule gate made (``re`` keeps it)
"""An escape: a named list's ``\\L<name>``, or any other (so ``\\\\L<x>`` is no list)."""


def _loosen(pattern: str, lists: Mapping[str, Sequence[str]]) -> str:
    """``pattern`` with each named list of ``lists`` replaced by a run of the characters its
    entries are made of (``_run_of``): it matches wherever ``pattern`` does, and compiles fast."""
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        return _run_of(lists[name]) if name in lists else match.group()

    return re.sub(_NAMED_LIST, replace, pattern)


def _run_of(entries: Sequence[str]) -> str:
    """A pattern matching every text that one of ``entries`` matches, in any case.

    A letter matches only letters in any case, so the run holds letters, marks (a mark folds
    to a letter) and the entries' other characters in each case; a text is never longer than
    the entry's full case folding ("ß" matches "ss")."""
    import regex

    if not entries:
        return "(?!)"
    others = {variant for entry in entries for char in entry if not char.isalpha()
              for variant in (char, char.lower(), char.upper(), char.casefold()) if len(variant) == 1}
    longest = max(max(len(entry), len(entry.casefold())) for entry in entries)

    # (?-i:): the class holds every case already; compiled case-insensitively it took ten times longer
    return f"(?-i:[\\p{{L}}\\p{{M}}{''.join(regex.escape(c) for c in sorted(others))}]{{1,{longest}}})"
