"""Reading a file's bytes into text, and converting offsets to lines and columns.

Decoding never guesses silently: a BOM (UTF-8, UTF-16) decides; HTML may declare its charset
in a ``<meta>`` tag; everything else must be valid UTF-8. Binary data is refused. The one guess:
HTML that is not valid UTF-8 and declares no charset it can be read in is read as UTF-8 with
each invalid byte taken as windows-1252 (legacy Western pages, or UTF-8 pages with pasted
Latin-1 bytes), and ``SourceText.guessed`` lists those characters so that the guess is reported.
"""

from __future__ import annotations

import bisect
import codecs
import json
import os
import re
import stat
from array import array
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import tomli

from artlint.errors import InputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Patterns of rare inputs (HTML in another charset, bytes that are not UTF-8) stay source text
# until such an input comes: ``re`` compiles them then, and keeps them.
_META_CHARSET = rb"""(?i)<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
_CHARSET_CODEC = r"(?:cp|iso8859|iso2022|koi8|mac|euc|gb|big5|shift_jis|utf[-_](?:16|32)|tis|hz|johab)"
"""Python codecs that are character sets: a page may declare those, not a codec such as base64,
rot13 or unicode_escape, which does not turn bytes into text or reads escapes as characters."""
_BINARY_SNIFF = 8192
READ_BLOCK = 1 << 20
"""Bytes read at a time by ``read_limited``."""
_ESCAPED_BYTE = "[\udc80-\udcff]"  # an invalid byte under the "surrogateescape" handler
# windows-1252 for each byte; its five unassigned bytes become the C1 controls of the same number
_WINDOWS_1252 = [bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(256)]


class SourceText(NamedTuple):
    """A decoded file: ``text`` has no BOM; ``encoding``/``bom`` allow writing it back as read.

    ``guessed`` holds the offsets in ``text`` of characters whose bytes were not valid in any
    known encoding and were read as windows-1252 (empty when nothing was guessed).
    """

    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    guessed: tuple[int, ...] = ()

    @property
    def newline(self) -> str:
        """The file's dominant line ending (``\\r\\n`` or ``\\n``)."""
        crlf = self.text.count("\r\n")
        return "\r\n" if crlf and crlf * 2 >= self.text.count("\n") else "\n"

    def encode(self, text: str) -> bytes:
        """Encode ``text`` the way this source was stored (same encoding and BOM)."""
        return self.bom + text.encode(self.encoding)


def decode(data: bytes, *, markup: str = "text") -> SourceText:
    """Decode file bytes; raise ``InputError`` for binary data or undecodable text (HTML: see ``guessed``)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return SourceText(data[len(bom) :].decode(encoding), encoding, bom)
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid {encoding} after its byte-order mark (byte {exc.start + len(bom)})") from None
    if b"\x00" in data[:_BINARY_SNIFF]:
        raise InputError("binary file (contains NUL bytes); artlint checks text, Markdown and HTML")
    try:
        return SourceText(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        if markup != "html":
            raise _undecodable(data, exc, "UTF-8") from None
        declared = _declared_charset(data)
        if not declared:
            return _guess_windows_1252(data)
    try:
        return SourceText(data.decode(declared), declared)
    except UnicodeDecodeError as exc:
        raise _undecodable(data, exc, f"{declared} as its <meta> tag declares") from None


def _guess_windows_1252(data: bytes) -> SourceText:
    """``data`` read as UTF-8 where it is valid and as windows-1252, byte by byte, where it is not."""
    escaped = data.decode("utf-8", "surrogateescape")
    guessed = tuple(m.start() for m in re.finditer(_ESCAPED_BYTE, escaped))
    text = re.sub(_ESCAPED_BYTE, lambda m: _WINDOWS_1252[ord(m.group()) - 0xDC00], escaped)
    return SourceText(text, guessed=guessed)


def _undecodable(data: bytes, exc: UnicodeDecodeError, encoding: str) -> InputError:
    """The error for ``data`` that is not valid ``encoding`` where ``exc`` says."""
    line = data.count(b"\n", 0, exc.start) + 1
    return InputError(
        f"not valid {encoding} (byte 0x{data[exc.start]:02x} at offset {exc.start}, line {line}); "
        "convert the file to UTF-8"
    )


def _declared_charset(data: bytes) -> str | None:
    """Return the Python codec of a non-UTF-8 ``<meta charset>``, as browsers read it."""
    match = re.search(_META_CHARSET, data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    if name in ("iso-8859-1", "latin-1", "latin1", "ascii", "us-ascii"):
        name = "windows-1252"
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return None if codec == "utf-8" or not re.match(_CHARSET_CODEC, codec) else codec


def read_input(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (a link's target); raise ``InputError`` for
    anything else (a FIFO, a device, a socket: reading one could block or never end) and for
    more than ``limit`` bytes, counted while reading (a size on disk can be wrong), and
    ``OSError`` when it cannot be read."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise InputError(_special(path))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    with open(os.open(path, flags), "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):  # replaced since it was looked at
            raise InputError(_special(path))
        if info.st_size > limit:
            raise InputError(too_large(info.st_size, limit))
        data = read_limited(stream, limit)
    if len(data) > limit:
        raise InputError(too_large(None, limit))
    return data


def read_limited(stream: BinaryIO, limit: int) -> bytes:
    """The bytes of ``stream``, but no more than ``limit + 1`` (so that one more than ``limit``
    tells it was longer), read a block at a time: ``read(limit + 1)`` would allocate the whole
    ``limit`` up front (a configured ``max-file-size`` of terabytes: out of memory on any file)."""
    data = bytearray()
    while len(data) <= limit and (block := stream.read(min(READ_BLOCK, limit + 1 - len(data)))):
        data += block
    return bytes(data)


def _special(path: Path) -> str:
    mode = os.stat(path).st_mode
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))
    kind = next((name for test, name in kinds if test(mode)), "a special file")
    return f"not a regular file ({kind}); artlint reads only regular files"


def too_large(size: int | None, limit: int) -> str:
    """The error for an input of ``size`` bytes (``None``: unknown, more than ``limit``)."""
    found = f"{size / 1e6:.1f} MB" if size is not None else "more"
    return (f"file too large ({found} > max-file-size {limit / 1e6:g} MB); "
            "raise max-file-size in the configuration to check it")


def read_toml(path: Path, limit: int) -> dict[str, Any]:
    """The TOML document of the regular file ``path`` (``source.read_input``: at most ``limit``
    bytes); raise ``ValueError`` naming the problem when it is not valid TOML (or nests deeper
    than the parser can follow), ``InputError`` or ``OSError`` when it cannot be read."""
    data = read_input(path, limit)
    try:
        return tomli.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError("invalid TOML: not UTF-8 text") from None
    except tomli.TOMLDecodeError as error:
        raise ValueError(f"invalid TOML: {error}") from None
    except RecursionError:
        raise ValueError("invalid TOML: arrays or tables nested too deeply") from None


def read_json(path: Path, limit: int) -> Any:
    """The JSON document of the regular file ``path`` (``read_input``: at most ``limit`` bytes);
    raise ``ValueError`` naming the problem when it is not valid JSON (or nests deeper than the
    parser can follow), ``InputError`` or ``OSError`` when it cannot be read."""
    data = read_input(path, limit)
    try:
        return json.loads(data)
    except RecursionError:
        raise ValueError("arrays or objects nested too deeply") from None


_LINE_BREAK = re.compile(r"\r\n|\n|\r")


def line_starts(text: str, breaks: re.Pattern[str] = _LINE_BREAK) -> array[int]:
    """The offset where each line of ``text`` starts, lines ending at each match of ``breaks``:
    8 bytes a line in an array (a list of ints holds about 36)."""
    starts = array("q", [0])
    starts.extend(m.end() for m in breaks.finditer(text))
    return starts


class LineIndex:
    """Offset to (line, column) conversion for one text, in O(log lines) per lookup."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts = line_starts(text)

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_of(self, offset: int) -> int:
        """1-based line containing ``offset``."""
        return bisect.bisect_right(self._starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``, column in code points."""
        line = self.line_of(offset)
        return line, offset - self._starts[line - 1] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[line - 1]

    def line_text(self, line: int) -> str:
        """The text of 1-based ``line`` without its line break."""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self._text)
        return self._text[start:end].rstrip("\r\n")

    def utf16_column(self, offset: int) -> int:
        """0-based UTF-16 code-unit column of ``offset`` (what LSP and SARIF count)."""
        line = self.line_of(offset)
        prefix = self._text[self._starts[line - 1] : offset]
        return len(prefix) + sum(1 for ch in prefix if ord(ch) > 0xFFFF)
