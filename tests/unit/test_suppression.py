"""Suppression directives: the plain-text form, and the checks of the directives themselves
(AL910 malformed, AL911 unknown code, AL912 unused when selected)."""

from __future__ import annotations

import pytest

from artlint.config import Overrides
from artlint.markup import parse
from artlint.model import Finding
from artlint.runner import Runner
from artlint.source import SourceText

DOUBLED = "It rose.  It fell."  # TY001 at 8-10


def check(text: str, kind: str = "text", *, unused: bool = False) -> list[tuple[str, int]]:
    overrides = Overrides(isolated=True, extend_select=["AL912"] if unused else None)
    findings: list[Finding] = Runner(overrides).check_text(text, kind=kind)
    return [(f.code, f.line) for f in findings]


def test_plain_text_directive_lines_suppress_and_are_not_prose() -> None:
    assert check(f"{DOUBLED}\n") == [("TY001", 1)]
    assert check(f"%% artlint-disable-next-line TY001\n{DOUBLED}\n{DOUBLED}\n") == [("TY001", 3)]
    assert check(f"%% artlint-disable TY -- quoted copy\n{DOUBLED}\n%% artlint-enable\n{DOUBLED}\n") == [("TY001", 4)]
    document = parse(SourceText(f"Intro.\n  %%  artlint-disable-next-line\n{DOUBLED}\n"), "text")
    assert [block.text for block in document.blocks] == ["Intro.", DOUBLED]
    assert len(document.directives) == 1
    assert check("%% not a directive,  just text\n") == [("TY001", 1)]  # prose like any other line


@pytest.mark.parametrize(("text", "kind"), [
    (f"<!-- artlint-disabel TY001 -->\n\n{DOUBLED}\n", "markdown"),
    ("<p><!-- artlint-disable doubled space --></p><p>It rose , then it fell.</p>", "html"),
    (f"%% artlint: disable-next-line TY001\n{DOUBLED}\n", "text"),
])
def test_malformed_directives_are_reported_and_silence_nothing(text: str, kind: str) -> None:
    codes = sorted(code for code, _ in check(text, kind))
    assert codes[0] == "AL910" and len(codes) == 2 and codes[1].startswith("TY")


def test_unknown_codes_in_directives_are_reported() -> None:
    found = Runner(Overrides(isolated=True)).check_text(f"<!-- artlint-disable-next-line TY001, XX1, BP999 -->\n{DOUBLED}\n",
                                                        kind="markdown")
    assert [(f.code, f.line, f.message) for f in found] == [
        ("AL911", 1, "XX1, BP999 in this suppression match no rule")
    ]
    assert found[0].excerpt.startswith("<!-- artlint-disable-next-line")


def test_unused_suppressions_are_reported_when_selected() -> None:
    unused = f"%% artlint-disable-next-line TY002\n{DOUBLED}\n%% artlint-disable-next-line\nFine.\n"
    assert check(unused) == [("TY001", 2)]  # off by default
    assert check(unused, unused=True) == [("AL912", 1), ("TY001", 2), ("AL912", 3)]
    used = f"%% artlint-disable-next-line TY001\n{DOUBLED}\n%% artlint-disable TY\n{DOUBLED}\n%% artlint-enable TY\n"
    assert check(used, unused=True) == []
