"""What a rule is: its metadata (``RuleSpec``), its code (``Rule.check``) and its context.

A rule reads plain-text offsets of a ``Document`` and reports through ``Context.report``; it
never sees paths, output formats or source positions. The engine maps what it reports.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from artlint import DOCS_URL
from artlint.model import Applicability, Edit, Family, Fix, Severity

if TYPE_CHECKING:
    from artlint.lexicon import Lexicons
    from artlint.markup.document import Document
    from artlint.sitetemplates import TemplateModel
    from artlint.text.analysis import Analysis

CODE_PATTERN = re.compile(r"^(BP|MT|TY|CN|GR|RD|AL)\d{3}$")
NAME_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SPAN_MARK = re.compile("⟦(.*?)⟧", re.DOTALL)


class Scope(enum.Enum):
    """The unit a rule's ``check`` is called with."""

    DOCUMENT = "document"
    BLOCK = "block"
    SENTENCE = "sentence"


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """Everything known about a rule without running it (what ``artlint rules`` lists)."""

    code: str
    name: str
    family: Family
    severity: Severity
    scope: Scope
    summary: str
    why: str
    fires: tuple[str, ...]
    silent: tuple[str, ...]
    enabled: bool = True
    preview: bool = False
    fixable: bool = False
    kind: str = "python"
    origin: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    example_kind: str = "text"
    documented: bool = True
    """Whether the rule has a page in artlint's documentation (built-in rules, not a user's)."""

    @property
    def url(self) -> str:
        """The rule's page in the repository's documentation; empty for a user's rule."""
        return rule_url(self.code) if self.documented else ""


def rule_url(code: str) -> str:
    """The page of rule ``code`` in the generated reference (``docs/rules/CODE.md``)."""
    return f"{DOCS_URL}/rules/{code}.md"


@dataclass(frozen=True, slots=True)
class SourceEdit(Edit):
    """An edit in source offsets, not plain ones: a deletion that takes the markup of the
    element it removes with it (``units.block_deletion``). The engine does not map it."""


class Report(NamedTuple):
    """What a rule reports, in plain-text offsets of the document."""

    start: int
    end: int
    message: str
    fix: Fix | None = None
    related: tuple[tuple[int, int, str], ...] = ()


class Context:
    """Given to ``Rule.check``: the document, its ``analysis`` (sentences, words, protected
    spans, phrase matches: ``text.analysis``), lexicons, and ``report``; ``site`` is the site
    the document belongs to and ``templates`` what was learned of the sites' templates (None
    without a template file)."""

    def __init__(self, document: Document, analysis: Analysis, lexicons: Lexicons, *, site: str = "",
                 templates: TemplateModel | None = None) -> None:
        self.document = document
        self.analysis = analysis
        self.lexicons = lexicons
        self.site = site
        self.templates = templates

    def report(
        self,
        start: int,
        end: int,
        message: str,
        *,
        fix: Fix | None = None,
        related: Iterable[tuple[int, int, str]] = (),
    ) -> Report:
        """A finding on ``plain[start:end]``; ``related`` are (start, end, note) spans."""
        return Report(start, end, message, fix, tuple(related))

    @staticmethod
    def replace(start: int, end: int, text: str, *, safe: bool = True, description: str = "") -> Fix:
        """A one-edit fix replacing ``plain[start:end]`` with ``text``."""
        applicability = Applicability.SAFE if safe else Applicability.UNSAFE
        return Fix((Edit(start, end, text),), applicability, description)


class Rule:
    """Base class of every rule.

    Python rules set the class attributes below and implement ``check``; declarative kinds
    (``artlint.kinds``) build the spec from a TOML file. ``preview = True`` puts a rule in the
    preview tier: not yet precise enough on real text, it runs only with ``--preview`` (or
    ``preview = true`` in the configuration) or when selected by its exact code. The first docstring line is the
    summary; ``why``, ``fires`` and ``silent`` are the rest of the documentation. In
    ``fires`` examples, ``⟦…⟧`` marks the exact span the rule must report.
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    family: ClassVar[Family]
    severity: ClassVar[Severity] = Severity.WARNING
    scope: ClassVar[Scope] = Scope.BLOCK
    why: ClassVar[str] = ""
    fires: ClassVar[tuple[str, ...]] = ()
    silent: ClassVar[tuple[str, ...]] = ()
    enabled: ClassVar[bool] = True
    preview: ClassVar[bool] = False
    fixable: ClassVar[bool] = False
    defaults: ClassVar[Mapping[str, Any]] = {}
    example_kind: ClassVar[str] = "text"
    needs: str | tuple[str, ...] = ""
    """A regular-expression character class (``[,;]``, ``\\d``), or several, such that every block
    and sentence the rule reports in holds a character of it (of each); the engine gives
    ``check`` no other unit, so a rule that can say what it looks for costs nothing on the blocks
    without it."""

    def __init__(self, spec: RuleSpec | None = None, params: Mapping[str, Any] | None = None) -> None:
        self.spec = spec or self.class_spec()
        merged = dict(self.spec.params)
        merged.update(params or {})
        self.params: dict[str, Any] = merged

    @classmethod
    def class_spec(cls) -> RuleSpec:
        """The spec of a Python rule, read from its class attributes and docstring."""
        summary = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
        return RuleSpec(
            code=cls.code,
            name=cls.name,
            family=cls.family,
            severity=cls.severity,
            scope=cls.scope,
            summary=summary,
            why=cls.why,
            fires=cls.fires,
            silent=cls.silent,
            enabled=cls.enabled,
            preview=cls.preview,
            fixable=cls.fixable,
            kind="python",
            origin=f"{cls.__module__}.{cls.__qualname__}",
            params=dict(cls.defaults),
            example_kind=cls.example_kind,
        )

    def setup(self, lexicons: Lexicons) -> None:
        """Prepare state from ``self.params`` and ``lexicons`` (compile patterns, load word lists,
        make phrase matchers) once, before the first document. Optional."""

    def check(self, unit: Any, ctx: Context) -> Iterator[Report]:
        """Yield reports for one unit: a ``Document``, ``Block`` or ``Sentence`` per ``scope``."""
        raise NotImplementedError

    def finish(self, ctx: Context) -> Iterator[Report]:
        """Called once per document after every unit; for rules that compare across units."""
        return iter(())


def example_span(example: str) -> tuple[str, list[tuple[int, int]]]:
    """Strip ``⟦…⟧`` marks from a ``fires`` example; return the text and the marked spans."""
    spans: list[tuple[int, int]] = []
    parts: list[str] = []
    pos = 0
    length = 0
    for match in SPAN_MARK.finditer(example):
        before = example[pos : match.start()]
        parts.append(before)
        length += len(before)
        inner = match.group(1)
        spans.append((length, length + len(inner)))
        parts.append(inner)
        length += len(inner)
        pos = match.end()
    parts.append(example[pos:])
    return "".join(parts), spans
