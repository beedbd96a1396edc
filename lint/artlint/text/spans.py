"""Protected spans, shared by every rule family: URLs, e-mail addresses and domain names.

Rules never report inside a URL or an e-mail address; ``Protected`` finds those spans of a text
(once per document and text: ``Analysis.protected``) and answers "is this offset inside one?" by
binary search.
"""

from __future__ import annotations

import bisect
import re

PROTECTED = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>\"“”]+"  # URLs
    r"|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"  # e-mail addresses
    r"|\b[\w\-]+(?:\.[\w\-]+)*\.(?:com|org|net|gov|edu|io|co|uk|de|fr|info)(?:/[^\s<>\"“”]*)?",  # bare domains
    re.IGNORECASE,
)


# Every URL, e-mail address or domain name that ``PROTECTED`` finds contains one of these; a
# text without any (most prose) is not searched with the costlier pattern.
_WEB_HINT = re.compile(r"@|://|www\.|\.(?:com|org|net|gov|edu|io|co|uk|de|fr|info)", re.IGNORECASE)


class Protected:
    """The URL and e-mail spans of ``text`` (relative offsets)."""

    def __init__(self, text: str) -> None:
        found = PROTECTED.finditer(text) if _WEB_HINT.search(text) else ()
        spans = [(m.start(), m.end()) for m in found]
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def __bool__(self) -> bool:
        """Whether the text has any protected span."""
        return bool(self._starts)

    def covers(self, start: int, end: int | None = None) -> bool:
        """Whether ``[start, end)`` (or the character at ``start``) touches a protected span."""
        end = start + 1 if end is None else end
        i = bisect.bisect_right(self._starts, end - 1) - 1
        return i >= 0 and self._ends[i] > start


def blank_protected(text: str) -> str:
    """``text`` with its URLs and e-mail addresses replaced by spaces (offsets unchanged)."""
    if not _WEB_HINT.search(text):
        return text
    return PROTECTED.sub(lambda m: " " * len(m.group()), text)
