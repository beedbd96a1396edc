"""BP040: a line that the site's template puts into many of its articles (learned).

The rule reads what ``artlint learn`` (or ``check --learn`` / ``scan --learn``) learned of
the site the article belongs to (``sitetemplates``); without a template file, or for a site
it does not know, it finds nothing, so an article checked alone is never flagged.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

import tomli

from artlint.lexicon import builtin_rules_dir
from artlint.markup.document import Document
from artlint.model import Applicability, Edit, Family, Fix
from artlint.rule import Context, Report, Rule, Scope

if TYPE_CHECKING:  # imported when a run has learned templates (most checks have none)
    from artlint.sitetemplates import TemplateLine, Thresholds


def _defaults() -> dict[str, Any]:
    path = builtin_rules_dir() / "lexicons" / "site-templates.toml"
    return tomli.loads(path.read_text(encoding="utf-8"))


class SiteTemplate(Rule):
    """A line that recurs across the site's articles: its page template (learned from the site)"""

    code = "BP040"
    name = "site-template"
    family = Family.BOILERPLATE
    scope = Scope.DOCUMENT
    fixable = True
    why = (
        "A site's template puts the same lines into its articles: a promo headline, a "
        '"Source: <address>" line, a byline, a comment policy, a reader poll. No phrase list '
        "knows them, but the site's own articles do: `artlint learn` counts in how many of a "
        "site's articles each line occurs, exactly or with only numbers, dates, addresses and "
        "names changed, and this rule flags such lines with the number of articles that share "
        "them. Shared text that belongs to the articles stays silent: a shape shared by a few "
        "articles counts only at the top or bottom of the article (outside its prose) or in a "
        "list of lines of one shape, a paragraph of prose needs many articles, a line without "
        "a letter (a bare dash, a number; a date does count) never counts, and a headline counts only word for word. Deleting the line is "
        "a safe fix when it recurs word for word in many articles (strong-articles and "
        "strong-share); a line that only matches with names or numbers changed (a byline, a "
        "credit, a caption) may be article text, so deleting it is unsafe. The examples are "
        "checked with a template file learned from four articles of the site."
    )
    fires = (
        ("Council approves the budget\n⟦Read our newsletter every Friday at example.org⟧\n"
        "The council approved the budget on Monday after a long debate about roads and schools.\n"),
    )
    silent = (
        ("Council approves the budget\nThe council approved the budget on Monday after a long debate about roads and taxes.\n"
        "North district\nThe mayor said the roads in the north would be repaired before the winter.\n"),
    )
    example_site: ClassVar[tuple[str, ...]] = tuple(
        f"Story {n} of the week\nRead our newsletter every Friday at example.org\n"
        f"The town spent {n} days on the plan, which covers new roads and two schools.\n"
        + ("North district\n" if n < 2 else "")
        + f"Officials said work on the {n} sites would start in spring and end within the year.\n"
        for n in range(4)
    )
    """Other articles of the examples' site: the examples are checked with what was learned of them."""
    defaults: ClassVar[Mapping[str, Any]] = _defaults()

    @cached_property
    def thresholds(self) -> Thresholds:
        from artlint.sitetemplates import Thresholds

        return Thresholds.of(self.params)

    def check(self, unit: Document, ctx: Context) -> Iterator[Report]:
        if ctx.templates is None:
            return
        for line in ctx.templates.find(ctx.site, unit.plain, self.thresholds):
            yield ctx.report(line.start, line.end, _message(line), fix=self._fix(unit.plain, line))

    def _fix(self, plain: str, line: TemplateLine) -> Fix:
        start, end = line.start, line.end
        whole = plain.rfind("\n", 0, start) + 1 == start or start == 0
        if whole:  # the line and its line break
            end = plain.find("\n", end) + 1 or len(plain)
        else:  # a label glued to the text after it, and the spaces between
            end += len(plain[end:]) - len(plain[end:].lstrip(" \t"))
        safe = not line.varies and line.articles >= self.thresholds.strong(line.total)
        applicability = Applicability.SAFE if safe else Applicability.UNSAFE
        return Fix((Edit(start, end, ""),), applicability, "Remove the site's template line")


def _message(line: TemplateLine) -> str:
    how = "with names, numbers or dates changed " if line.varies else ""
    return (f"Site template: this line recurs {how}in {line.articles} of the site's {line.total} articles; "
            "remove it")
