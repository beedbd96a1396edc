"""The language server's size cap applies at the transport: a message over ``MAX_MESSAGE_BYTES``
is skipped in bounded reads, never handed to pygls whole; a request among them gets an error
reply, a document's text among them leaves no stale diagnostics and the user is told, and the
server goes on serving."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from lspwire import code_action, did_change, did_open, frame, published, request, serving

from artlint.lsp import MAX_MESSAGE_BYTES
from artlint.lspinput import CHUNK_BYTES, TOO_LARGE, CappedInput, Head, read_head

INVALID_REQUEST = -32600
LIMIT = 100


class Recording(io.BytesIO):
    """A stream that records the largest read asked of it."""

    largest = 0

    def read(self, size: int | None = -1) -> bytes:
        self.largest = max(self.largest, size if size is not None and size >= 0 else 1 << 60)
        return super().read(size)


def messages(data: bytes, limit: int = LIMIT) -> tuple[list[Any], Recording]:
    """The bodies pygls would parse from ``data`` (read its way: header lines, then the body)."""
    stream = Recording(data)
    capped, found = CappedInput(stream, limit), []  # type: ignore[arg-type]
    while True:
        length = None
        while (line := capped.readline()) not in (b"\r\n", b""):
            length = int(line.split(b":")[1])
        if not line:
            return found, stream
        assert length is not None
        found.append(json.loads(capped.read(length)))


def test_small_messages_pass_and_a_large_one_is_skipped_in_bounded_reads() -> None:
    small = {"jsonrpc": "2.0", "method": "initialized", "params": {}}
    large = request(7, "textDocument/codeAction", {"text": "x" * (CHUNK_BYTES * 4)})
    found, stream = messages(frame(small) + b"Content-Type: x\r\n" + frame(large) + frame(small))
    dropped = {"bytes": len(json.dumps(large).encode()), "method": "textDocument/codeAction", "uri": None}
    assert found == [small, {"jsonrpc": "2.0", "method": TOO_LARGE, "params": dropped, "id": 7}, small]
    assert stream.largest <= CHUNK_BYTES  # the large body was never asked for whole


def test_framing_faults_are_skipped_without_holding_them() -> None:
    small = {"jsonrpc": "2.0", "method": "initialized", "params": {}}
    junk = b"X-Junk: " + b"y" * (CHUNK_BYTES * 2) + b"\r\n"  # an overlong header line
    found, stream = messages(junk + frame(small) + b"\r\n" + b"Content-Length: 99999999999999999999\r\n" + frame(small))
    assert found == [small, small] and stream.largest <= CHUNK_BYTES
    assert messages(frame(small)[:-3])[0] == []  # the input ends inside a body: the end, not a partial message


@pytest.mark.parametrize(("head", "expected"), [
    (b'{"jsonrpc": "2.0", "id": "a\\"b", "method": "x", "params": {"text": "', 'a"b'),
    (b'{"params": {"id": 3, "text": "', None),  # not the top-level id
    (b'{"method": "id", "x": [1, {"id": 2}], "id": -4, "params": "', -4),
    (b'{"id": true, "params": "', None),
    (b'{"id": {"a": 1}, "params": "', None),
    (b'[{"id": 1}, "', None),
    (b'{"jsonrpc": "2.0", "id": 12', None),  # may go on past the first bytes
])
def test_the_id_of_a_dropped_message_when_its_first_bytes_show_it(head: bytes, expected: object) -> None:
    assert read_head(head).id == expected


@pytest.mark.parametrize(("head", "expected"), [
    ((b'{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///a.md", '
      b'"version": 3}, "contentChanges": [{"text": "'), Head(None, "textDocument/didChange", "file:///a.md")),
    (b'{"params": {"textDocument": {"text": "{\\"uri\\": \\"file:///no\\"}", "version": 2, "', Head(None, None, None)),
    (b'{"method": "x", "params": {"uri": "file:///no", "textDocument": [{"uri": "file:///no"}], "', Head(None, "x", None)),
    (b'{"params": {"textDocument": {"uri": "file:///cut', Head(None, None, None)),  # may go on past the first bytes
    (b'{"method": 5, "params": {"textDocument": {"uri": 7, "', Head(None, None, None)),
])
def test_the_method_and_document_of_a_dropped_message(head: bytes, expected: Head) -> None:
    assert read_head(head) == expected


def huge_text() -> str:
    return "word " * (MAX_MESSAGE_BYTES // 5 + 1)


@pytest.mark.slow
def test_a_huge_document_is_dropped_and_the_server_goes_on(tmp_path: Path) -> None:
    with serving(tmp_path) as wire:
        huge, small = wire.uri("huge.txt"), wire.uri("small.txt")
        wire.send(did_open(huge, huge_text()), request(5, "textDocument/codeAction", {"padding": huge_text()}),
                  did_open(small, "The the council met on Monday.\n"), code_action(6, small))
        seen = wire.until_reply(6)
        assert [(m["id"], m.get("error", {}).get("code")) for m in seen if "method" not in m] == [
            (5, INVALID_REQUEST), (6, None)]
        while not published(seen, small):
            seen.append(wire.next())
        assert published(seen, small)[0]["diagnostics"]  # a normal document is still checked
        seen += wire.stop()
        assert [[d["message"] for d in p["diagnostics"]] for p in published(seen, huge)] == [
            [m["message"] for m in shown(seen, "window/showMessage")]]  # said once, as too large to check
        assert "too large to check" in published(seen, huge)[0]["diagnostics"][0]["message"]


def shown(seen: list[dict[str, Any]], method: str) -> list[dict[str, Any]]:
    return [m["params"] for m in seen if m.get("method") == method]


@pytest.mark.slow
@pytest.mark.parametrize("uri_first", [True, False])
def test_a_dropped_change_leaves_no_stale_diagnostics(tmp_path: Path, uri_first: bool) -> None:
    with serving(tmp_path) as wire:
        story, other = wire.uri("story.txt"), wire.uri("other.txt")
        wire.send(did_open(story, "The the council met on Monday.\n"), did_open(other, "The the vote was close.\n"))
        seen = [wire.next()]
        while not (published(seen, story) and published(seen, other)):
            seen.append(wire.next())
        assert published(seen, story)[-1]["diagnostics"] and published(seen, other)[-1]["diagnostics"]
        change = did_change(story, huge_text(), 2)
        if not uri_first:  # as a client with unordered keys may write it: the text before the document
            change["params"] = {"contentChanges": change["params"]["contentChanges"], "textDocument": {"uri": story}}
        wire.send(change, code_action(9, story))
        seen = wire.until_reply(9)
        assert seen[-1]["result"] in ([], None)  # no fix computed on the text the client no longer has
        messages = shown(seen, "window/showMessage")
        assert len(messages) == 1 and "too large" in messages[0]["message"]
        if uri_first:
            assert [d["message"] for d in published(seen, story)[-1]["diagnostics"]] == [messages[0]["message"]]
            assert not published(seen, other)  # another document's diagnostics stay
        else:  # the document cannot be told: none of the open documents keeps diagnostics
            assert published(seen, story)[-1]["diagnostics"] == published(seen, other)[-1]["diagnostics"] == []
        wire.send(did_change(story, "The the council met again.\n", 3))  # a text it can read: checked again
        seen = [wire.next()]
        while not published(seen, story):
            seen.append(wire.next())
        assert published(seen, story)[-1]["diagnostics"][0]["message"] != messages[0]["message"]
