"""The language server's input, capped before a message is read: what pygls reads instead of stdin.

pygls reads a message's whole body (``Content-Length`` bytes) and parses it before any handler
sees it, so a size check in a handler comes after the memory is spent. ``CappedInput`` reads
the frames itself and hands pygls only bodies of at most ``limit`` bytes. A larger body is
skipped in bounded chunks, never held, and replaced by a small ``TOO_LARGE`` message that keeps
what the body's first bytes show of its id, its method and the document it is about
(``params.textDocument.uri``), so the server can reply to a request with an error and tell the
user about a document it could not read. Header lines are bounded too.
"""

import io
import json
import logging
import re
from typing import Any, BinaryIO, NamedTuple

TOO_LARGE = "$/artlint/messageTooLarge"
"""Method of the message that stands for a dropped one; its params are ``{"bytes", "method", "uri"}``
(the last two None when the first bytes do not show them). A client sending it gets the same treatment."""
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
        shown = read_head(head)
        log.warning("dropped a message of %d bytes unread (the limit is %d)%s", length, self._limit,
                    "" if shown.id is None else f"; request {shown.id!r} gets an error")
        message: dict[str, object] = {"jsonrpc": "2.0", "method": TOO_LARGE,
                                      "params": {"bytes": length, "method": shown.method, "uri": shown.uri}}
        return json.dumps(message if shown.id is None else {**message, "id": shown.id}).encode()

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


class Head(NamedTuple):
    """What the first bytes of a JSON-RPC message show: its top-level ``id`` and ``method``, and
    ``params.textDocument.uri``; None for each they do not show."""

    id: int | str | None
    method: str | None
    uri: str | None


_WANTED: dict[tuple[tuple[str | None, ...], str], str] = {((), "id"): "id", ((), "method"): "method", (("params", "textDocument"), "uri"): "uri"}


def read_head(head: bytes) -> Head:
    """What ``head``, the first bytes of a JSON object, shows (``Head``): read token by token,
    keeping the keys of the objects it is in; a token that may go on past ``head`` is not read."""
    found: dict[str, Any] = {}
    keys: list[str | None] = []  # the key of each open object or array (None: the top one, an array item)
    key: str | None = None  # the key a ":" was last read after
    previous, position = b"", 0
    while (match := _TOKEN.match(head, position)) and match.end() < len(head):
        token, position = match.group(1), match.end()
        if token in (b"{", b"["):
            if not keys and token != b"{":
                break
            keys.append(key if previous == b":" else None)
        elif token in (b"}", b"]"):
            keys.pop()
            if not keys:
                break
        elif token == b":":
            key = _string(previous)
        elif previous == b":" and key is not None and (name := _WANTED.get((tuple(keys[1:]), key))):
            found.setdefault(name, _scalar(token))
        previous = token
    msg_id, method, uri = found.get("id"), found.get("method"), found.get("uri")
    return Head(msg_id if type(msg_id) in (int, str) else None, method if isinstance(method, str) else None,
                uri if isinstance(uri, str) else None)


def _string(token: bytes) -> str | None:
    value = _scalar(token) if token.startswith(b'"') else None
    return value if isinstance(value, str) else None


def _scalar(token: bytes) -> object:
    """The JSON value of one token (None for one that is not a whole value)."""
    try:
        return json.loads(token)
    except ValueError:
        return None
