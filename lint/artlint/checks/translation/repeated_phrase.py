"""MT002: a phrase written twice in a row ("how serious we are, how serious we are")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from artlint.checks.translation.repeats import AdjacentRepeatRule


class RepeatedPhrase(AdjacentRepeatRule):
    """A phrase is written twice in a row ("how serious we are, how serious we are")"""

    code = "MT002"
    name = "repeated-phrase"
    what = "The phrase"
    why = (
        "Machine translation and text spinners sometimes emit a phrase twice, with a space or a "
        "comma between the copies. The second copy is dropped by the fix. Repeated names and titles "
        "(\"New York, New York\") are left alone."
    )
    fires = (
        "The world is looking at ⟦how serious we are, how serious we are⟧.",
        "Talks will resume ⟦next week next week⟧ in Geneva.",
    )
    silent = (
        "They sang New York, New York at the end.",
        "We are, we said, ready.",
        "It went on and on and on.",
    )
    defaults: ClassVar[Mapping[str, Any]] = {"exceptions": "repetition-exceptions", "max-words": 8}
    min_words = 2
    comma = True
