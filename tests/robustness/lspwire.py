"""A raw JSON-RPC client for ``artlint server``: frames written byte for byte, every message read back.

Unlike pygls's client it can send what no well-behaved client sends (malformed JSON, invalid
parameters, bad ids, batches) and it records the order of everything the server writes. Every
read is bounded, so a server that stops answering fails the test instead of hanging it.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

LINT_DIR = Path(__file__).resolve().parents[2] / "lint"
TIMEOUT = 60.0
"""Seconds to wait for one message before the server counts as hung (a bound, not a measurement)."""


def frame(message: Any) -> bytes:
    """One message with its header; bytes are sent as they are (for malformed bodies)."""
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def request(msg_id: Any, method: str, params: Any = None) -> dict[str, Any]:
    message = {"jsonrpc": "2.0", "id": msg_id, "method": method}
    return message if params is None else {**message, "params": params}


def notification(method: str, params: Any) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "method": method, "params": params}


def did_open(uri: str, text: str, version: int = 1) -> dict[str, Any]:
    document = {"uri": uri, "languageId": "plaintext", "version": version, "text": text}
    return notification("textDocument/didOpen", {"textDocument": document})


def did_change(uri: str, text: str, version: int) -> dict[str, Any]:
    return notification("textDocument/didChange",
                        {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]})


def did_close(uri: str) -> dict[str, Any]:
    return notification("textDocument/didClose", {"textDocument": {"uri": uri}})


def code_action(msg_id: int, uri: str) -> dict[str, Any]:
    zero = {"line": 0, "character": 0}
    return request(msg_id, "textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": {"start": zero, "end": zero}, "context": {"diagnostics": []},
    })


class Wire:
    """A server process spoken to over stdio; what it writes is queued in order by a reader thread."""

    def __init__(self, root: Path) -> None:
        env = dict(os.environ, PYTHONPATH=str(LINT_DIR))
        self.root = root
        self.process = subprocess.Popen([sys.executable, "-m", "artlint.cli", "server"], cwd=root, env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.received: queue.Queue[dict[str, Any] | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def uri(self, name: str) -> str:
        return (self.root / name).as_uri()

    def send(self, *messages: Any) -> None:
        """Write ``messages`` in one go, so the server reads them back to back."""
        assert self.process.stdin is not None
        self.process.stdin.write(b"".join(frame(m) for m in messages))
        self.process.stdin.flush()

    def next(self) -> dict[str, Any]:
        """The next message the server wrote."""
        message = self.received.get(timeout=TIMEOUT)
        assert message is not None, "the server closed its output"
        return message

    def until_reply(self, msg_id: Any) -> list[dict[str, Any]]:
        """Messages up to and including the reply to ``msg_id``."""
        seen = [self.next()]
        while not is_reply(seen[-1], msg_id):
            seen.append(self.next())
        return seen

    def start(self) -> None:
        self.send(request(0, "initialize", {"capabilities": {}, "rootUri": self.uri(""), "processId": None}),
                  notification("initialized", {}))
        assert "capabilities" in self.until_reply(0)[-1]["result"]

    def stop(self) -> list[dict[str, Any]]:
        """Shut the server down; the messages before the reply to ``shutdown``. It must exit with 0."""
        self.send(request("bye", "shutdown"))
        seen = self.until_reply("bye")
        self.send(notification("exit", None))
        assert self.process.wait(timeout=TIMEOUT) == 0
        return seen[:-1]

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line or length is None:
                self.received.put(None)
                return
            self.received.put(json.loads(stream.read(length)))


def is_reply(message: dict[str, Any], msg_id: Any) -> bool:
    return "method" not in message and message.get("id") == msg_id and ("result" in message or "error" in message)


def published(messages: list[dict[str, Any]], uri: str | None = None) -> list[dict[str, Any]]:
    """The parameters of the diagnostics published (for ``uri``) among ``messages``."""
    return [m["params"] for m in messages
            if m.get("method") == "textDocument/publishDiagnostics" and uri in (None, m["params"]["uri"])]


@contextmanager
def serving(root: Path) -> Iterator[Wire]:
    """A started server in ``root``, killed on leaving (whatever the test left it doing)."""
    server = Wire(root)
    try:
        server.start()
        yield server
    finally:
        server.kill()
