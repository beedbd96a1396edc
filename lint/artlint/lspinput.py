"""The language server's input, capped before a message is read: what pygls reads instead of stdin.

pygls reads a message's whole body (``Content-Length`` bytes) and parses it before any handler
sees it, so a size check in a handler comes after the memory is spent. ``CappedInput`` reads
the frames itself and hands pygls only bodies of at most ``limit`` bytes. A larger body is
skipped in bounded chunks, never held, and replaced by a small ``TOO_LARGE`` message that keeps
the id when the body's first bytes show it, so the server can reply to a request with an error
(and log a notification). Header lines are bounded too.
"""

from __future__ import annotations

import io
import json
import logging
import re
from typing import BinaryIO

TOO_LARGE = "$/artlint/messageTooLarge"
"""Method of the message that stands for a dropped one (a client sending it gets the same error)."""
HEADER_LINE_BYTES = 8_192
CHUNK_BYTES = 1 << 16
HEAD_BYTES = 4_096
"""The first bytes of a dropped body kept to look for its top-level id."""
_DIGITS = 15
_TOKEN = re.compile(rb'\s*("(?:[^"\\]|\\.)*"|[\[\]{},:]|[^\s\[\]{},:"]+)')

log = logging.getLogger(__name__)


class CappedInput:
    """A binary stream of JSON-RPC frames (``readline`` and ``read``, as pygls uses stdin) in which
    no body is over ``limit`` bytes."""

    def __init__(self, stream: BinaryIO, limit: int) -> None:
        self._stream = stream
        self._limit = limit
        self._frame = io.BytesIO()
        self._left = 0

    def readline(self, size: int = -1) -> bytes:
        line = self._current().readline(size)
        self._left -= len(line)
        return line

    def read(self, size: int = -1) -> bytes:
        data = self._current().read(size)
        self._left -= len(data)
        return data

    def _current(self) -> io.BytesIO:
        """The frame being read, the next one once it is used up (empty at the end of input)."""
        if self._left <= 0:
            body = self._next_body()
            frame = b"" if body is None else b"Content-Length: %d\r\n\r\n%b" % (len(body), body)
            self._frame, self._left = io.BytesIO(frame), len(frame)
        return self._frame

    def _next_body(self) -> bytes | None:
        """The next body, a ``TOO_LARGE`` message in place of one over the limit; None at the end."""
        length = self._headers()
        if length is None:
            return None
        if length <= self._limit:
            body = self._stream.read(length)
            return body if len(body) == length else None
        head = self._stream.read(min(length, HEAD_BYTES))
        if not self._skip(length - len(head)):
            return None
        msg_id = known_id(head)
        log.warning("dropped a message of %d bytes unread (the limit is %d)%s", length, self._limit,
                    "" if msg_id is None else f"; request {msg_id!r} gets an error")
        message: dict[str, object] = {"jsonrpc": "2.0", "method": TOO_LARGE, "params": None}
        return json.dumps(message if msg_id is None else {**message, "id": msg_id}).encode()

    def _headers(self) -> int | None:
        """The Content-Length of the next frame's headers (frames without one are skipped); None at the end."""
        length = None
        while line := self._stream.readline(HEADER_LINE_BYTES):
            if not line.endswith(b"\n"):  # an overlong line: skipped to its end
                while (rest := self._stream.readline(HEADER_LINE_BYTES)) and not rest.endswith(b"\n"):
                    pass
                continue
            name, _, value = line.partition(b":")
            value = value.strip()
            if name.strip().lower() == b"content-length" and value.isdigit() and len(value) <= _DIGITS:
                length = int(value)
            elif not line.strip() and length is not None:
                return length
        return None

    def _skip(self, count: int) -> bool:
        """Read and forget ``count`` bytes in bounded chunks; False when the input ends first."""
        while count > 0:
            chunk = self._stream.read(min(count, CHUNK_BYTES))
            if not chunk:
                return False
            count -= len(chunk)
        return True


def known_id(head: bytes) -> int | str | None:
    """The top-level ``"id"`` of the JSON object whose first bytes are ``head``, if they show it."""
    depth, previous, position = 0, (b"", b""), 0
    while (match := _TOKEN.match(head, position)) and match.end() < len(head):
        token, position = match.group(1), match.end()
        if depth == 1 and previous == (b'"id"', b":"):
            try:
                value = json.loads(token)
            except ValueError:  # an object or array: not an id
                return None
            return value if isinstance(value, (int, str)) and not isinstance(value, bool) else None
        if token in (b"{", b"["):
            if depth == 0 and token != b"{":
                return None
            depth += 1
        elif token in (b"}", b"]"):
            depth -= 1
        elif depth == 1:
            previous = (previous[1], token)
    return None
