"""Regular expressions from configuration and rule files, which in CI a pull request controls.

Compiling one can cost without bound (nested counted repeats such as ``(?:(?:a{100}){100}){100}``
are expanded until memory runs out; deep nesting overflows the compiler's recursion), so a
pattern is measured before it is compiled (``complexity_problem``). Running one can backtrack
for ever (``^(a|a)*$``), so every call gets a time budget, and so does each document as a whole
(``Budget``): many calls each just under the per-call budget cannot add up to minutes, while an
archive of many documents still gets the same time for each.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from artlint.errors import RuleTimeout

MAX_LENGTH = 10_000
"""Characters in one pattern."""
MAX_DEPTH = 40
"""Nested groups and classes in one pattern."""
MAX_SIZE = 20_000
"""Atoms a pattern stands for once counted repeats are expanded (``a{1000}`` is 1,000)."""


def complexity_problem(pattern: str) -> str | None:
    """Why ``pattern`` is too long, too deep or expands too far to be compiled, or ``None``.

    Conservative: alternatives add up, and an unbounded ``{m,}`` counts as ``m + 1``.
    """
    if len(pattern) > MAX_LENGTH:
        return f"pattern longer than {MAX_LENGTH:,} characters"
    sizes: list[int] = [0]  # the size so far of each open group
    last = 0  # the size of the atom a quantifier would repeat
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\":
            i += 2
            if pattern[i - 1:i] in ("p", "P", "N") and pattern[i:i + 1] == "{":
                i = _after(pattern, i, "}")
            last = 1
        elif char == "[":
            i, last = _class_end(pattern, i), 1
        elif char == "(":
            sizes.append(0)
            if len(sizes) > MAX_DEPTH:
                return f"groups nested deeper than {MAX_DEPTH}"
            i, last = i + 1, 0
            continue
        elif char == ")" and len(sizes) > 1:
            last = sizes.pop()
            i += 1
        elif char == "{" and (count := _repeat(pattern, i)) is not None:
            times, i = count
            sizes[-1] += last * (times - 1)
            last *= times
            if sizes[-1] > MAX_SIZE:
                break
            continue
        else:
            i, last = i + 1, 1
        sizes[-1] += last
        if sizes[-1] > MAX_SIZE:
            break
    if max(sizes) > MAX_SIZE:
        return f"counted repeats expand the pattern past {MAX_SIZE:,} atoms"
    return None


def _after(pattern: str, start: int, closing: str) -> int:
    end = pattern.find(closing, start)
    return len(pattern) if end < 0 else end + 1


def _class_end(pattern: str, start: int) -> int:
    """The index after the character class opened at ``start`` (nested classes included)."""
    depth, i = 0, start
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]" and i > start + 1:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return i


def _repeat(pattern: str, start: int) -> tuple[int, int] | None:
    """The largest count of the ``{m}``, ``{m,}`` or ``{m,n}`` at ``start`` and the index after it."""
    end = pattern.find("}", start)
    if end < 0:
        return None
    low, _, high = pattern[start + 1:end].partition(",")
    if not low.strip().isdigit() and not high.strip().isdigit():
        return None
    bound = int(high) if high.strip().isdigit() else int(low or 0) + 1
    return max(bound, 1), end + 1


class Budget:
    """Time for one rule's user patterns: ``per_call`` seconds for each search, and ``per_document``
    seconds for all of them on one document (``begin``); past either, ``RuleTimeout`` with ``explain``
    (``"call"`` or ``"run"``: the rule's run over the document)."""

    def __init__(self, per_call: float, per_document: float, explain: Callable[[str], str]) -> None:
        self.per_call, self.per_document, self.left, self.explain = per_call, per_document, per_document, explain
        self._document: object = None

    def begin(self, document: object) -> None:
        """Give ``document`` the whole per-document time, unless it is the document being checked."""
        if document is not self._document:
            self._document, self.left = document, self.per_document

    def finditer(self, pattern: Any, text: str) -> Iterator[Any]:
        """``pattern.finditer(text)`` within the budget (a ``regex`` pattern)."""
        return iter(self.run(lambda timeout: list(pattern.finditer(text, timeout=timeout))))

    def bind(self, pattern: Any) -> Budgeted:
        """``pattern`` with a ``finditer`` that runs within this budget."""
        return Budgeted(self, pattern)

    def fullmatch(self, pattern: Any, text: str) -> bool:
        """Whether ``pattern`` matches all of ``text``, within the budget."""
        return bool(self.run(lambda timeout: pattern.fullmatch(text, timeout=timeout)))

    def run(self, call: Callable[[float], Any]) -> Any:
        """``call(timeout)`` with the time left; ``call`` raises ``TimeoutError`` past it."""
        if self.left <= 0:
            raise RuleTimeout(self.explain("run"))
        started = time.perf_counter()
        try:
            return call(min(self.per_call, self.left))
        except TimeoutError:
            raise RuleTimeout(self.explain("run" if self.left < self.per_call else "call")) from None
        finally:
            self.left -= time.perf_counter() - started


class Budgeted:
    """A pattern whose ``finditer`` runs within a ``Budget``."""

    def __init__(self, budget: Budget, pattern: Any) -> None:
        self.budget, self.pattern = budget, pattern

    def finditer(self, text: str) -> Iterator[Any]:
        return self.budget.finditer(self.pattern, text)

    def search(self, text: str) -> Any:
        return self.budget.run(lambda timeout: self.pattern.search(text, timeout=timeout))
