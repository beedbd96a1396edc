"""Protected spans, shared by every rule family: URLs, e-mail addresses and domain names.

Rules never report inside a URL or an e-mail address; ``Protected`` finds those spans of a text
(once per document and text: ``Analysis.protected``) and answers "is this offset inside one?" by
binary search.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

_TLDS = "com|org|net|gov|edu|info|news|io|co|uk|de|fr|es|pl|ru|it"
URL = r"(?<![\w.])(?i:https?://|ftp://|www\.)[^\s<>\"“”\ufffc]+"
"""A URL with its scheme or "www." (a pattern), up to a space, an angle bracket, a quotation mark
or the placeholder that stands for a markup element in plain text (``markup.offsets.PLACEHOLDER``)."""
_EMAIL = r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"
# A domain name ends in one of _TLDS, in lower case and ending the word: "bbc.co.uk" is one,
# a sentence end glued to a capitalised word ("time.Comments", "said.It") is not.
_DOMAIN = rf"\b[\w\-]+(?:\.[\w\-]+)*\.(?:{_TLDS})\b(?:/[^\s<>\"“”\ufffc]*)?"


@cache
def web_address() -> re.Pattern[str]:
    """The pattern of every URL, e-mail address and domain name: artlint's one web-address
    detector (protected spans, template shapes, boilerplate signals and Markdown's bare links all
    use it). Compiled when a text first passes ``_WEB_HINT`` (most prose does not)."""
    return re.compile(f"(?P<url>{URL})|(?P<email>{_EMAIL})|(?P<domain>{_DOMAIN})")


# Every web address contains one of these; a text without any (most prose) is not searched
# with the costlier pattern.
_WEB_HINT = re.compile(rf"@|://|www\.|\.(?:{_TLDS})\b", re.IGNORECASE)
_URL_TAIL = ".,;:!?'’\")]"


def has_web_address(text: str) -> bool:
    """Whether ``text`` holds a URL, an e-mail address or a domain name."""
    return bool(_WEB_HINT.search(text)) and bool(web_address().search(text))


def has_link(text: str) -> bool:
    """Whether ``text`` holds a URL or an e-mail address (a domain name alone is no link)."""
    return bool(_WEB_HINT.search(text)) and any(m.lastgroup != "domain" for m in web_address().finditer(text))


def url_end(text: str, start: int, end: int) -> int:
    """The end of the URL matched at ``text[start:end]`` without the punctuation that follows it
    in prose: a full stop, comma, quotation mark, or a closing bracket it did not open."""
    while end > start and text[end - 1] in _URL_TAIL:
        last = text[end - 1]
        if last in ")]" and text.count("(" if last == ")" else "[", start, end) >= text.count(last, start, end):
            break  # a bracket the URL opened is part of it ("/wiki/Foo_(bar)")
        end -= 1
    return end


class Protected:
    """The URL and e-mail spans of ``text`` (relative offsets)."""

    def __init__(self, text: str) -> None:
        found = web_address().finditer(text) if _WEB_HINT.search(text) else ()
        spans = [(m.start(), m.end()) for m in found]
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def __bool__(self) -> bool:
        """Whether the text has any protected span."""
        return bool(self._starts)

    def spans(self) -> list[tuple[int, int]]:
        """The protected spans, in text order."""
        return list(zip(self._starts, self._ends))

    def covers(self, start: int, end: int | None = None) -> bool:
        """Whether ``[start, end)`` (or the character at ``start``) touches a protected span."""
        end = start + 1 if end is None else end
        i = bisect.bisect_right(self._starts, end - 1) - 1
        return i >= 0 and self._ends[i] > start


def blank_protected(text: str) -> str:
    """``text`` with its URLs and e-mail addresses replaced by spaces (offsets unchanged)."""
    if not _WEB_HINT.search(text):
        return text
    return web_address().sub(lambda m: " " * len(m.group()), text)
