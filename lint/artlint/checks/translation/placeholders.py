"""MT025: a template placeholder that was never filled in ({0}, %s, {{name}})."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from artlint.errors import RuleDefinitionError
from artlint.lexicon import Lexicons
from artlint.markup.document import Block
from artlint.model import Family, Severity
from artlint.patterns import LazyPattern, compile_pattern
from artlint.rule import Context, Report, Rule, Scope
from artlint.userregex import Budget, complexity_problem

TIMEOUT = 0.25
RUN_TIMEOUT = 20.0


class Placeholder(Rule):
    """A template placeholder left in the text"""

    code = "MT025"
    name = "placeholder"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    scope = Scope.BLOCK
    defaults: ClassVar[Mapping[str, Any]] = {
        "patterns": [
            r"\{\{\s*[\w.\-]+\s*\}\}",  # {{name}} (Mustache, Jinja, Handlebars)
            r"\$\{[\w.\-]+\}",  # ${name}
            r"\{\d+\}",  # {0} (.NET, Java MessageFormat)
            r"\{[A-Za-z_][\w.]*(?::[^{}\s]*)?\}",  # {name}, {count:d} (Python format)
            r"(?<![\w%])%(?:\d+\$)?[sd@](?!\w)",  # %s, %1$s, %d, %@ (printf, iOS)
            r"(?<![\w%])%\(\w+\)[sd](?!\w)",  # %(name)s
            r"(?<![\w%])%[A-Z][A-Z_]+%(?!\w)",  # %TITLE%
            r"(?<!\w)__[A-Z][A-Z_]*[A-Z]__(?!\w)",  # __NAME__
        ],
    }
    why = (
        "Translation-management and CMS templates mark the place of a name or number with a "
        "placeholder ({0}, %s, {{name}}, ${count}); when the pipeline fails to fill it in, or the "
        "translator breaks its syntax, the reader sees the placeholder. Braces, percent signs "
        "and dollar signs are otherwise rare in news prose, and URLs are not checked."
    )
    fires = (
        "Police said ⟦{0}⟧ people were arrested.",
        "Welcome back, ⟦%s⟧! Your order ⟦{{order_id}}⟧ has shipped.",
        "The fund lost ⟦${amount}⟧ in a year.",
    )
    silent = (
        "Police said 40 people were arrested, 5% of the crowd.",
        "The set {1, 2, 3} has three members; see https://example.com/{id}.",
    )

    def setup(self, lexicons: Lexicons) -> None:
        joined = "|".join(f"(?:{p})" for p in self.params["patterns"])  # configurable: a budget for each
        if problem := complexity_problem(joined):
            raise RuleDefinitionError(f"rule {self.code}: patterns: {problem}")
        if self.params["patterns"] != self.defaults["patterns"]:  # a user's patterns compile (or fail) now
            import regex

            try:
                compile_pattern(joined)
            except (regex.error, RecursionError) as exc:
                raise RuleDefinitionError(f"rule {self.code}: patterns: invalid regular expression: {exc}") from None
        self._pattern = Budget(TIMEOUT, RUN_TIMEOUT, self._explain).bind(LazyPattern(joined))
        # each default pattern holds a brace, a per cent sign or an underscore; a user's may not
        self.needs = "[{%_]" if self.params["patterns"] == self.defaults["patterns"] else ""

    def _explain(self, budget: str) -> str:
        limit = f"{TIMEOUT * 1000:g} ms per block" if budget == "call" else f"{RUN_TIMEOUT:g} s per document"
        return f"rule {self.code}: its patterns ran past their time budget of {limit}; simplify [rules.{self.code}] patterns"

    def check(self, unit: Block, ctx: Context) -> Iterator[Report]:
        self._pattern.budget.begin(ctx.document)
        for match in ctx.analysis.prose_matches(self._pattern, unit.text):
            yield ctx.report(
                unit.start + match.start(),
                unit.start + match.end(),
                f"Unfilled template placeholder '{match.group()}'; put in the value it stands for",
            )
