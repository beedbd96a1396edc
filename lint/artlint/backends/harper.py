"""The embedded back end: Harper (harper-py), an offline English grammar checker with no server.

The ``harper`` module is imported and its ``Linter`` (about a second to build its dictionary)
created on the first check, once per process. Which Harper rules run, and the artlint
category of each Harper lint kind, are data in ``rules/lexicons/grammar-harper.toml``.

Spelling is where Harper is noisy on news (32 flags per 1,000 words of edited news, nearly
all names), so a spelling lint is kept only when it looks like a misspelt common word: see
``HarperBackend._misspelt``. With ``language = "en"`` (any English) the British dictionary
runs, which also accepts "-ize" spellings, and the American forms listed in
``rules/lexicons/spelling-us-uk.txt`` are accepted too. Article lints ("a"/"an") are dropped
where spelling cannot tell the sound ("an MEP", "an honour").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import cache
from importlib.util import find_spec
from typing import Any

from artlint.backends import GrammarUnavailable, Issue
from artlint.errors import MissingExtra
from artlint.model import Edit
from artlint.readability import pronunciations

_JOINERS = "-‐‑'’&/_"
_LAST_WORD = re.compile(r"(\w+)\W*\s+$")
_NEXT_WORD = re.compile(r"\s+['‘\"“]?(\w+)")
_REMOVE, _INSERT_AFTER = 1, 2  # harper.SuggestionKind values


class HarperBackend:
    """Harper with artlint's rule selection and spelling filter."""

    def __init__(self, language: str, categories: Collection[str], table: Mapping[str, Any],
                 dialect_pairs: Iterable[tuple[str, str]]) -> None:
        if find_spec("harper") is None:
            raise GrammarUnavailable(f'grammar.backend: {MissingExtra("the embedded back end", "harper-py", "grammar")}')
        dialects: Mapping[str, str] = table["dialects"]
        if language not in dialects:
            raise GrammarUnavailable(
                f"grammar.language: the embedded back end checks {', '.join(dialects)}, not {language!r}")
        self.dialect = dialects[language]
        self.categories = frozenset(categories)
        self.kinds: Mapping[str, str] = table["kinds"]
        self.disabled = frozenset(table["disabled"])
        self.spelling_rules = frozenset(table["spelling"]["rules"])
        self.min_word = int(table["spelling"]["min-word"])
        self.article_rules = frozenset(table["articles"]["rules"])
        accepted = {word.lower() for word in table["spelling"]["accept"]}
        if language in table["spelling"]["any-dialect"]:
            accepted.update(form for pair in dialect_pairs for form in pair)
        self.accepted = frozenset(accepted)
        self.misspellings = frozenset(table["spelling"]["misspellings"])
        self.prefixes = tuple(table["spelling"]["prefixes"])
        self.min_stem = int(table["spelling"]["min-stem"])
        self.min_part = int(table["spelling"]["min-part"])
        self._linter: Any = None

    def linter(self) -> Any:
        """The Harper linter, built on first use with artlint's rule selection."""
        if self._linter is None:
            off = self.disabled | (self.spelling_rules if "spelling" not in self.categories else frozenset())
            self._linter = _linter(self.dialect, off)
        return self._linter

    def check(self, texts: Sequence[str]) -> list[list[Issue]]:
        linter = self.linter()
        return [self._issues(linter, text) if text.strip() else [] for text in texts]

    def _issues(self, linter: Any, text: str) -> list[Issue]:
        found: list[Issue] = []
        for rule, lints in linter.organized_lints(text, language="plaintext").items():
            for lint in lints:
                category = self.kinds.get(lint.lint_kind, "")
                start, end = lint.span.start, lint.span.end
                if category not in self.categories or not self.keep(text, rule, start, end):
                    continue
                edits = tuple(_edit(s, start, end) for s in lint.suggestions)
                found.append(Issue(start, end, category, f"harper:{rule}", lint.message, edits))
        return found

    def keep(self, text: str, rule: str, start: int, end: int) -> bool:
        """Whether the lint of ``rule`` on ``text[start:end]`` survives artlint's filters."""
        if rule in self.spelling_rules:
            return self._misspelt(text, start, end)
        if rule in self.article_rules:
            following = _words_after(text, end)
            return not following or not (following[0] in "hH" or following.isupper() or len(following) == 1)
        return True

    def _misspelt(self, text: str, start: int, end: int) -> bool:
        """Whether a word Harper's dictionary lacks looks like a misspelt common word.

        Not: short, capitalised, glued to a hyphen, apostrophe or digit, accepted, a particle
        between two capitalised words ("van der Walt", "Lula da Silva"), in CMUdict (134,000
        English words and names, many of them missing from Harper's dictionary) unless listed
        as one of the misspellings CMUdict carries, a prefix and a CMUdict word ("uncosted",
        "supervolcano"), or a closed compound of two words Harper knows ("playmaker").
        """
        word = text[start:end]
        if len(word) < self.min_word or not word.isalpha() or not word.islower() or word in self.accepted:
            return False
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if any(ch in _JOINERS or ch.isdigit() or ch.isalpha() for ch in (before, after)):
            return False
        previous, following = _word_before(text, start), _words_after(text, end)
        if previous[:1].isupper() and following[:1].isupper():
            return False
        if word in self.misspellings:
            return True
        known = pronunciations()
        if word in known or any(word.startswith(prefix) and len(word) - len(prefix) >= self.min_stem
                                and word[len(prefix):] in known for prefix in self.prefixes):
            return False
        return not self._compound(word)

    def _compound(self, word: str) -> bool:
        """Whether ``word`` is two words Harper knows written as one ("playmaker", "matchday").

        Every split's parts are checked in one call to Harper, unmerged with other lints.
        """
        splits = [(word[:i], word[i:]) for i in range(self.min_part, len(word) - self.min_part + 1)]
        if not splits:
            return False
        parts = sorted({part for pair in splits for part in pair})
        lints = self.linter().organized_lints(" ".join(parts), language="plaintext", dedup=False)
        unknown = {lint.problem_text for rule in self.spelling_rules for lint in lints.get(rule, [])}
        return any(head not in unknown and tail not in unknown for head, tail in splits)


@cache
def _linter(dialect: str, off: frozenset[str]) -> Any:
    """A Harper linter for ``dialect`` with the rules ``off`` turned off, one per process."""
    import harper

    linter = harper.Linter(harper.Dialect[dialect.upper()])
    config = linter.get_default_lint_config()
    linter.set_lint_config({name: on and name not in off for name, on in config.items()})
    return linter


def _word_before(text: str, start: int) -> str:
    """The word that ends just before ``start`` (after spaces), or ''."""
    match = _LAST_WORD.search(text, 0, start)
    return match.group(1) if match else ""


def _words_after(text: str, end: int) -> str:
    """The word that starts just after ``end`` (after spaces and an opening quote), or ''."""
    match = _NEXT_WORD.match(text, end)
    return match.group(1) if match else ""


def _edit(suggestion: Any, start: int, end: int) -> Edit:
    """A Harper suggestion as an edit: replace, remove, or insert after the span."""
    kind = int(suggestion.kind)
    if kind == _REMOVE:
        return Edit(start, end, "")
    if kind == _INSERT_AFTER:
        return Edit(end, end, suggestion.replacement_text)
    return Edit(start, end, suggestion.replacement_text)
