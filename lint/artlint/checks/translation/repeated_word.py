"""MT001: a word written twice in a row ("the the")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from artlint.checks.translation.repeats import AdjacentRepeatRule


class RepeatedWord(AdjacentRepeatRule):
    """A word is written twice in a row ("the the")"""

    code = "MT001"
    name = "repeated-word"
    what = "The word"
    comma = True
    min_comma_letters = 6
    why = (
        "A doubled word is a typing slip or a machine-translation retry that nobody read back. "
        "Doublings that are good English or rhetoric (\"had had\", \"that that\", \"very very\") are "
        "listed in rules/lexicons/repetition-exceptions.txt; names such as \"Duran Duran\" are left alone "
        "(an acronym typed twice, \"NATO NATO\", is not). A word of six letters or more listed twice "
        "(\"permits, permits, and licences\") is a doubling too; shorter ones (\"no, no\") and "
        "appositions (\"ordinary people, people with faces\") are rhetoric."
    )
    fires = (
        "The minister said ⟦the the⟧ budget would pass.",
        "Prices rose ⟦in in⟧ March and fell ⟦in in⟧ April.",
        "Firms must show ⟦permits, permits⟧, and licences; ⟦NATO NATO⟧ said so.",
    )
    silent = (
        "She had had enough of the talks.",
        "He said that that was the end of it.",
        "It was a very, very long night in Bora Bora.",
        "The band Duran Duran played. No, no, it was never, never over.",
        "We need ordinary people, people with real faces.",
        "Proud of of our team today.\nWhat a win. pic.twitter.com/abc123\n\n— Jo Bloggs (@jobloggs) May 2, 2021",
        "See https://example.com/the/the for details.",
    )
    defaults: ClassVar[Mapping[str, Any]] = {"exceptions": "repetition-exceptions"}
