"""MT006: a bracket opened and never closed, or closed and never opened, in a paragraph."""

from __future__ import annotations

import re
from collections.abc import Iterator

from artlint.markup.document import Block
from artlint.model import Family, Severity
from artlint.rule import Context, Report, Rule, Scope

_BRACKETS = re.compile(r"[()\[\]{}]")
_PAIRS = {")": "(", "]": "[", "}": "{"}
_LIST_MARKER = re.compile(r"(?:^|[\s:;,.])(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{2,4})$")
_EMOTICON = re.compile(r"[:;=]-?$")


class UnbalancedBrackets(Rule):
    """A bracket is opened and never closed, or closed and never opened"""

    code = "MT006"
    needs = _BRACKETS.pattern
    name = "unbalanced-brackets"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    scope = Scope.BLOCK
    why = (
        "A lone bracket is left where machine translation or an editing pass dropped its partner, "
        "and the reader cannot tell where the aside ends. List markers (\"1)\", \"b)\") and "
        "emoticons are not brackets."
    )
    fires = (
        "The agency ⟦(⟧which is based in Geneva said the talks failed.",
        "The strike on Sunday⟦]⟧ was very bad.",
        "Sales rose (see ⟦[⟧chart) sharply.",
    )
    silent = (
        "The agency (based in Geneva) said [on Sunday] the talks failed.",
        "The plan has two parts: 1) cut taxes and 2) raise spending.",
        "Thanks :) see you (soon).",
        "See https://en.example.org/wiki/Foo_(bar) for more.",
    )

    def check(self, unit: Block, ctx: Context) -> Iterator[Report]:
        text = unit.text
        protected = ctx.analysis.protected(text)
        stack: list[int] = []
        open_count = dict.fromkeys(_PAIRS.values(), 0)
        for match in _BRACKETS.finditer(text):
            i, char = match.start(), match.group()
            if protected.covers(i) or _EMOTICON.search(text, max(0, i - 2), i):
                continue
            if char not in _PAIRS:
                stack.append(i)
                open_count[char] += 1
                continue
            if open_count[_PAIRS[char]]:
                depth = next(d for d in range(len(stack) - 1, -1, -1) if text[stack[d]] == _PAIRS[char])
                for opener in stack[depth:]:
                    open_count[text[opener]] -= 1
                yield from (self._unclosed(ctx, unit, opener) for opener in stack[depth + 1 :])
                del stack[depth:]
            elif not (char == ")" and _LIST_MARKER.search(text, max(0, i - 5), i)):
                yield ctx.report(unit.start + i, unit.start + i + 1,
                                 f"This '{char}' closes a bracket that was never opened; add the opening "
                                 f"'{_PAIRS[char]}' where the aside starts, or remove this one")
        yield from (self._unclosed(ctx, unit, opener) for opener in stack)

    @staticmethod
    def _unclosed(ctx: Context, unit: Block, opener: int) -> Report:
        return ctx.report(unit.start + opener, unit.start + opener + 1,
                          f"This '{unit.text[opener]}' is never closed; close the aside where it ends, "
                          "or remove the bracket")
