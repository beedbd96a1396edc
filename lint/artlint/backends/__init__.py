"""Grammar back ends: Harper (embedded, offline) and LanguageTool, behind one small interface.

A back end checks a list of texts (a document's blocks) and returns, per text, the issues it
found in offsets of that text (code points), each with an artlint grammar category. Which
back end runs, and its language, come from the ``[grammar]`` settings. ``checker_for`` builds
one checker per settings and keeps it for the process, so Harper's dictionary is built once
and a LanguageTool server is started or contacted once, however many files are checked; the
checker also keeps the last document's issues, which every grammar rule reads.
"""

from collections.abc import Collection, Sequence
from typing import NamedTuple, Protocol

from artlint.config import GrammarSettings
from artlint.errors import ArtlintError
from artlint.lexicon import Lexicons
from artlint.markup.document import Document
from artlint.model import Edit

CATEGORIES = ("spelling", "grammar", "word-choice", "punctuation", "capitalization", "style")
"""Artlint's grammar categories; each is one GR rule."""


class GrammarUnavailable(ArtlintError):
    """The configured back end cannot run; the message names the setting to fix."""


class Issue(NamedTuple):
    """A back end's finding in ``text[start:end]``; ``suggestions`` are alternative edits (same offsets)."""

    start: int
    end: int
    category: str
    rule: str
    message: str
    suggestions: tuple[Edit, ...] = ()

    def shifted(self, offset: int) -> "Issue":
        """The same issue with every offset moved by ``offset``."""
        edits = tuple(Edit(e.start + offset, e.end + offset, e.replacement) for e in self.suggestions)
        return Issue(self.start + offset, self.end + offset, self.category, self.rule, self.message, edits)


class Backend(Protocol):
    """What a grammar back end does."""

    def check(self, texts: Sequence[str]) -> list[list[Issue]]:
        """Issues of each text, in offsets of that text."""
        ...


class Checker:
    """A back end and the issues of the document it checked last, in plain offsets."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._document: Document | None = None
        self._issues: list[Issue] = []
        self._error: GrammarUnavailable | None = None

    def issues(self, document: Document) -> list[Issue]:
        """Issues of every block of ``document``, computed once per document.

        A failure is raised once per document (the first grammar rule reports it); the others
        then get no issues.
        """
        if document is not self._document:
            self._document, self._issues, self._error = document, [], None
            blocks = document.blocks
            try:
                found = self.backend.check([block.text for block in blocks])
            except GrammarUnavailable as exc:
                self._error = exc
            else:
                self._issues = [issue.shifted(block.start) for block, issues in zip(blocks, found) for issue in issues]
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        return self._issues


_CHECKERS: dict[tuple[GrammarSettings, frozenset[str], tuple[str, ...]], Checker] = {}


def checker_for(settings: GrammarSettings, categories: Collection[str], lexicons: Lexicons) -> Checker:
    """The checker for ``settings`` reporting ``categories``, built once per process.

    Raise ``GrammarUnavailable`` when the back end cannot run (not installed, no Java, server
    unreachable), with a one-line message naming the setting to fix.
    """
    key = (settings, frozenset(categories), tuple(map(str, lexicons.directories)))
    checker = _CHECKERS.get(key)
    if checker is None:
        backend: Backend
        if settings.backend == "embedded":
            from artlint.backends.harper import HarperBackend

            backend = HarperBackend(settings.language, key[1], lexicons.table("grammar-harper"),
                                    lexicons.pairs("spelling-us-uk"))
        elif settings.backend == "languagetool":
            from artlint.backends.languagetool import LanguageToolBackend

            backend = LanguageToolBackend(settings, key[1], lexicons.table("grammar-languagetool"))
        else:
            raise GrammarUnavailable(f"grammar.backend: {settings.backend!r} does not check grammar")
        checker = _CHECKERS[key] = Checker(backend)
    return checker
