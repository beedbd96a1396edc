"""Value types shared by every stage: severities, families, spans, fixes and findings.

Offsets are 0-based, half-open code-point offsets into the decoded source text (the file's
text after decoding, without a byte-order mark). Lines and columns are 1-based and counted in
code points; reporters that need UTF-16 columns (SARIF, LSP) get them from ``LineIndex``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Return the severity named ``value`` (case-insensitive); raise ``ValueError``."""
        try:
            return cls[value.strip().upper()]
        except KeyError:
            allowed = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {value!r} (expected one of: {allowed})") from None

    @property
    def label(self) -> str:
        """Lower-case name used in configuration and reports."""
        return self.name.lower()


class Family(enum.Enum):
    """Rule families; the value is the code prefix."""

    BOILERPLATE = "BP"
    TRANSLATION = "MT"
    TYPOGRAPHY = "TY"
    CONSISTENCY = "CN"
    GRAMMAR = "GR"
    READABILITY = "RD"
    ARTLINT = "AL"

    @classmethod
    def parse(cls, value: str) -> Family:
        """Return the family named ``value`` (``"boilerplate"``) or with prefix ``value``."""
        key = value.strip()
        for fam in cls:
            if key.upper() in (fam.name, fam.value):
                return fam
        allowed = ", ".join(f.label for f in cls)
        raise ValueError(f"unknown family {value!r} (expected one of: {allowed})")

    @property
    def label(self) -> str:
        """Lower-case name used in configuration and reports."""
        return self.name.lower()


class Applicability(enum.Enum):
    """Whether a fix may be applied without review (``safe``) or only on request."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``[start, end)`` with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of non-overlapping edits that together repair one finding."""

    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    description: str = ""


@dataclass(frozen=True, slots=True)
class Location:
    """A span in the source: ``[start, end)`` and the 1-based line/column of each end.

    ``end_line``/``end_column`` are the position of ``end`` itself, so they are exclusive.
    """

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


class Related(NamedTuple):
    """Another place in the same file that explains a finding (e.g. the majority spelling)."""

    location: Location
    message: str
    excerpt: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported problem, positioned in the original source.

    ``excerpt`` is exactly ``source[start:end]``.
    """

    code: str
    name: str
    family: Family
    severity: Severity
    message: str
    path: str
    location: Location
    excerpt: str
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    fingerprint: str = field(default="", compare=False)

    @property
    def start(self) -> int:
        return self.location.start

    @property
    def end(self) -> int:
        return self.location.end

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def column(self) -> int:
        return self.location.column

    @property
    def end_line(self) -> int:
        return self.location.end_line

    @property
    def end_column(self) -> int:
        return self.location.end_column

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order findings by path, position, then code and message."""
        return (self.path, self.start, self.end, self.code, self.message)


@dataclass(slots=True)
class FileResult:
    """The outcome for one input: its findings, or the error that stopped it.

    ``text`` is the decoded source (reporters use it for source lines and UTF-16 columns);
    it is empty when the file could not be read.
    """

    path: str
    findings: list[Finding] = field(default_factory=list)
    text: str = ""
    error: str | None = None
    kind: str = "text"


@dataclass(slots=True)
class RunResult:
    """Everything a reporter renders for one run."""

    files: list[FileResult]
    rules: dict[str, RuleInfo]
    version: str
    elapsed: float = 0.0

    @property
    def findings(self) -> list[Finding]:
        """All findings of all files, in file order."""
        return [f for result in self.files for f in result.findings]


class RuleInfo(NamedTuple):
    """Rule metadata reporters may show (SARIF ``rules``, help links)."""

    code: str
    name: str
    family: Family
    severity: Severity
    summary: str
    url: str
    why: str = ""
    page: Callable[[], str] | None = None
    """Renders the rule's page in Markdown (what ``docs/rules/CODE.md`` holds) when a report shows it
    (SARIF): rendering the page of every rule cost each run about 25 M instructions."""

    @property
    def help(self) -> str:
        """The rule's page in Markdown; empty when there is none."""
        return self.page() if self.page is not None else ""
