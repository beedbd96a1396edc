"""Regular expressions, compiled once per process."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, AnyStr

if TYPE_CHECKING:
    import regex

__all__ = ["compile_pattern", "compile_re"]


@cache
def compile_pattern(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, once per process (rule validation and set-up ask twice)."""
    import regex

    return regex.compile(pattern, flags)


def compile_re(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``."""
    return re.compile(pattern, flags)
