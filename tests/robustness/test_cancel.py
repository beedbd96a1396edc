"""Cancelling a running check: the engine asks its token between rules and units and stops with
``Cancelled``; the language server sets the token when a newer version or closing the document
supersedes a check, and when the client cancels a code-action request. Nothing here is timed:
the assertions are on which rules and units ran, and on the order of the server's messages."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from lspwire import Wire, code_action, did_change, did_close, did_open, is_reply, notification, published, serving

from artlint.engine import ActiveRule, Engine
from artlint.errors import Cancelled
from artlint.kinds import load_rule_file
from artlint.lexicon import Lexicons
from artlint.markup import parse
from artlint.model import Severity
from artlint.rule import Rule
from artlint.runner import Runner
from artlint.source import SourceText

BLOCKS = 50
TEXT = "".join(f"Paragraph {n} says xx here.\n\n" for n in range(BLOCKS))
REQUEST_CANCELLED = -32800


def counted_rule(directory: Path, code: str, calls: list[str]) -> Rule:
    """A pattern rule on ``xx`` whose every call on a unit is recorded in ``calls`` (as its code)."""
    path = directory / f"{code}-x.toml"
    path.write_text(f'code = "{code}"\nname = "x"\nkind = "pattern"\nfamily = "typography"\nmessage = "x"\n'
                    'why = "A test."\nfires = ["⟦xx⟧"]\nsilent = ["x"]\n[params]\npatterns = ["xx"]\n')
    spec, kind = load_rule_file(path)
    rule = kind(spec)
    check = rule.check

    def recorded(unit: object, ctx: object) -> object:
        calls.append(code)
        return check(unit, ctx)  # type: ignore[arg-type]

    rule.check = recorded  # type: ignore[method-assign,assignment]
    return rule


def test_a_token_set_inside_the_first_rule_stops_the_check_before_the_rest_runs(tmp_path: Path) -> None:
    calls: list[str] = []
    first, second = counted_rule(tmp_path, "TY961", calls), counted_rule(tmp_path, "TY962", calls)
    engine = Engine([ActiveRule(first, Severity.WARNING), ActiveRule(second, Severity.WARNING)], Lexicons(()), {})
    stop = threading.Event()

    def token() -> bool:
        if len(calls) == 3:  # the first rule has checked three of the fifty blocks
            stop.set()
        return stop.is_set()

    with pytest.raises(Cancelled):
        engine.lint(parse(SourceText(TEXT), "text"), "<test>", cancelled=token)
    assert calls == ["TY961"] * 3  # not a fourth block, and the second rule never ran
    calls.clear()
    findings = engine.lint(parse(SourceText(TEXT), "text"), "<test>", cancelled=threading.Event().is_set)
    assert len(findings) == 2 * BLOCKS and calls == ["TY961"] * BLOCKS + ["TY962"] * BLOCKS


def test_every_built_in_rule_asks_the_token() -> None:
    runner = Runner()
    settings = runner.resolver.for_directory(Path.cwd())
    asked = 0

    def after(n: int) -> bool:
        nonlocal asked
        asked += 1
        return asked > n

    text = TEXT.replace("xx", "the the") * 4
    runner.check_source(SourceText(text), "story.txt", settings, "text", cancelled=lambda: after(10**9))
    total = asked
    assert total > len(runner.engine(settings)[0].rules)  # asked per rule and per unit, not once
    for n in (0, 1, total // 2, total - 1):
        asked = 0
        with pytest.raises(Cancelled):
            runner.check_source(SourceText(text), "story.txt", settings, "text", cancelled=lambda n=n: after(n))
        assert asked == n + 1  # stopped at the first true answer


@pytest.fixture
def wire(tmp_path: Path) -> Iterator[Wire]:
    with serving(tmp_path) as server:
        yield server


BIG = "".join(f"Paragraph {n} of the council report says the budget will grow, the mayor said.\n\n"
              for n in range(20_000))
SMALL = "The the council met on Monday.\n"


@pytest.mark.slow
@pytest.mark.parametrize("supersede", ["change", "close"])
def test_a_superseded_big_check_lets_the_small_one_through(wire: Wire, supersede: str) -> None:
    big, small = wire.uri("big.txt"), wire.uri("small.txt")
    last = did_change(big, SMALL, 2) if supersede == "change" else did_close(big)
    wire.send(did_open(big, BIG), did_open(small, SMALL), last)
    seen = []
    while not (published(seen, small) and published(seen, big)):
        seen.append(wire.next())
    seen += wire.stop()
    assert [p["diagnostics"][0]["code"] for p in published(seen, small)] == ["MT001"]
    expected = [2] if supersede == "change" else [None]  # the new version, or the clearing on close
    assert [p.get("version") for p in published(seen, big)] == expected


@pytest.mark.slow
def test_a_cancelled_code_action_request_gets_request_cancelled(wire: Wire) -> None:
    big, small = wire.uri("big.txt"), wire.uri("small.txt")
    wire.send(did_open(small, SMALL))
    seen = []
    while not published(seen, small):
        seen.append(wire.next())
    # the fix-all job waits behind the big document's check; the request is cancelled meanwhile
    wire.send(did_open(big, BIG), code_action(5, small), notification("$/cancelRequest", {"id": 5}), did_close(big))
    seen = wire.until_reply(5)
    (reply,) = [m for m in seen if is_reply(m, 5)]
    assert reply["error"]["code"] == REQUEST_CANCELLED
    seen += wire.stop()
    assert [p.get("version") for p in published(seen, big)] == [None]
