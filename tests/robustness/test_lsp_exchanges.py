"""The language server under hostile exchanges, spoken to in raw JSON-RPC (see ``lspwire``).

Checks run off the event loop: requests sent after a large document are answered before its
diagnostics; a newer version or closing the document supersedes a check, so no diagnostics of
an old version or of a closed document are ever published; every request gets a reply, an
error with the JSON-RPC code when it is invalid. Nothing here is timed: the assertions are on
the order of the messages the server writes.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lspwire import Wire, code_action, did_change, did_close, did_open, notification, published, request, serving

pytestmark = pytest.mark.slow

PARSE_ERROR, INVALID_REQUEST, METHOD_NOT_FOUND, INVALID_PARAMS = -32700, -32600, -32601, -32602
SMALL = "The the council met on Monday.\n"
WORDS = ["the", "council", "met", "on", "monday", "to", "discuss", "budget", "plans", "while", "residents", "said",
         "they", "wanted", "more", "parks", "and", "schools", "in", "the", "district"]


@pytest.fixture
def wire(tmp_path: Path) -> Iterator[Wire]:
    with serving(tmp_path) as server:
        yield server


def prose(paragraphs: int, seed: int = 0) -> str:
    """Article-like paragraphs of generated sentences: slow enough to check to be overtaken."""
    rng = random.Random(seed)
    return "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "."
                       for _ in range(paragraphs)) + "\n"


def test_requests_are_answered_while_a_large_document_is_checked(wire: Wire) -> None:
    big = wire.uri("big.txt")
    wire.send(did_open(big, prose(800)), request(1, "textDocument/hover",
                                                  {"textDocument": {"uri": big}, "position": {"line": 0, "character": 0}}),
              code_action(2, big), request(3, "textDocument/codeAction", {"textDocument": {"uri": 7}}))
    seen = wire.until_reply(3)
    assert not published(seen, big)  # the three replies came first: the check did not hold the server
    assert [m.get("error", {}).get("code") for m in seen if "method" not in m] == [METHOD_NOT_FOUND, None,
                                                                                   INVALID_PARAMS]
    while not published(seen, big):
        seen.append(wire.next())
    assert [p["version"] for p in published(seen, big)] == [1]
    assert wire.stop() == []


def test_no_diagnostics_of_a_superseded_version_or_a_closed_document(wire: Wire) -> None:
    edited, closed, last = wire.uri("edited.txt"), wire.uri("closed.txt"), wire.uri("last.txt")
    wire.send(did_open(edited, prose(800, 1)), did_change(edited, prose(800, 2), 2), did_change(edited, SMALL, 3),
              did_open(closed, prose(800, 3)), did_close(closed), did_open(last, SMALL))
    seen = []
    while not (published(seen, last) and published(seen, edited)):  # checks run in order, one at a time
        seen.append(wire.next())
    seen += wire.stop()
    assert [p["version"] for p in published(seen, edited)] == [3]
    (shown,) = published(seen, edited)[0]["diagnostics"]
    assert (shown["code"], shown["range"]["end"]) == ("MT001", {"line": 0, "character": 7})
    assert published(seen, closed) == [{"uri": closed, "diagnostics": []}]  # cleared, nothing after


INVALID = [  # a message, the id its reply must carry (None: null) and the error code
    (b'{"jsonrpc": "2.0", "id": 5, "meth', None, PARSE_ERROR),
    ([request(6, "shutdown")], None, INVALID_REQUEST),  # a batch: LSP has none
    ("shutdown", None, INVALID_REQUEST),
    ({"id": 7, "method": "shutdown"}, 7, INVALID_REQUEST),  # no "jsonrpc"
    ({"jsonrpc": "1.0", "id": 8, "method": "shutdown"}, 8, INVALID_REQUEST),
    (request({"not": "an id"}, "textDocument/codeAction", {}), None, INVALID_REQUEST),
    (request(9, 42, {}), 9, INVALID_REQUEST),  # type: ignore[arg-type]
    (request(10, "textDocument/codeAction", [1, 2]), 10, INVALID_PARAMS),
    (request(11, "textDocument/codeAction"), 11, INVALID_PARAMS),
    (request(12, "textDocument/codeAction", {"textDocument": {"uri": None}, "range": 3}), 12, INVALID_PARAMS),
    (request(14, "textDocument/hover", {}), 14, INVALID_PARAMS),
    (request(15, "$/unknown"), 15, METHOD_NOT_FOUND),
]


def test_invalid_requests_get_json_rpc_errors(wire: Wire) -> None:
    for barrier, (message, reply_id, code) in enumerate(INVALID, start=100):
        wire.send(message, code_action(barrier, wire.uri("none.txt")))
        seen = wire.until_reply(barrier)
        errors = [m for m in seen if "error" in m]
        assert [(m["id"], m["error"]["code"]) for m in errors] == [(reply_id, code)], message
        assert seen[-1]["result"] == []  # and the server goes on
    assert wire.stop() == []


def test_requests_after_shutdown_are_refused_and_exit_is_clean(wire: Wire) -> None:
    wire.send(request(1, "shutdown"), code_action(2, wire.uri("a.txt")))
    seen = wire.until_reply(2)
    assert seen[0] == {"jsonrpc": "2.0", "id": 1, "result": None}
    assert seen[-1]["error"]["code"] == INVALID_REQUEST
    wire.send(notification("exit", None))
    assert wire.process.wait(timeout=60) == 0


# Generated exchanges: interleaved opens, edits and closes of a few documents, mixed with
# valid, invalid and unknown requests, malformed bodies and documents over the size cap.
TEXTS = st.sampled_from([SMALL, "", "See also  the budget story\n", "Officials met.\n\nThe the end.\n",
                         "\ud7ff caf\u00e9 \U0001f600 \u2028\n", "x" * 2_000_001])
STEPS = st.lists(st.one_of(
    st.tuples(st.just("open"), st.integers(0, 2), TEXTS),
    st.tuples(st.just("change"), st.integers(0, 2), TEXTS),
    st.tuples(st.just("close"), st.integers(0, 2), st.none()),
    st.tuples(st.just("request"), st.integers(0, 2), st.sampled_from([
        "actions", "hover", "bad-params", "no-params", "bad-id", "garbage", "no-jsonrpc"])),
), min_size=1, max_size=25)


def message_for(step: tuple[str, int, Any], uri: str, msg_id: int) -> tuple[Any, Any]:
    """A request of the kind named in ``step`` and the id its reply must carry (None: null)."""
    kind = step[2]
    messages: dict[str, tuple[Any, Any]] = {
        "actions": (code_action(msg_id, uri), msg_id),
        "hover": (request(msg_id, "textDocument/hover",
                          {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}), msg_id),
        "bad-params": (request(msg_id, "textDocument/codeAction", {"textDocument": {"uri": uri}, "range": []}), msg_id),
        "no-params": (request(msg_id, "textDocument/codeAction"), msg_id),
        "bad-id": (request([msg_id], "textDocument/codeAction", {}), None),
        "garbage": (b'{"jsonrpc": "2.0", "id": %d, ' % msg_id, None),
        "no-jsonrpc": ({"id": msg_id, "method": "shutdown"}, msg_id),
    }
    return messages[kind]


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_generated_exchanges_are_answered_and_never_stale(tmp_path: Path, steps: list[tuple[str, int, Any]]) -> None:
    wire = Wire(tmp_path)
    try:
        wire.start()
        answered, open_now, final = exchange(wire, steps)
    finally:
        wire.kill()
    barrier = [m for m in answered if m["id"] == 0]
    assert len(barrier) == 1 and isinstance(barrier[0]["result"], list), barrier  # the closing request was answered
    assert final == open_now  # every open document ends on its last version's diagnostics


def exchange(wire: Wire, steps: list[tuple[str, int, Any]]
             ) -> tuple[list[dict[str, Any]], dict[str, int], dict[str, int]]:
    """Send ``steps``, then check every reply and every publication against what was sent.

    Returns the replies, the last version of each document still open, and the version of the
    last publication of each of those documents."""
    generation = [0, 0, 0]  # each open starts a new document (a fresh URI), so a closed one never comes back
    version: dict[str, int] = {}
    texts: dict[tuple[str, int], str] = {}
    closed: set[str] = set()
    replies: dict[Any, Any] = {}  # reply id -> expected error code class (None: a result)
    null_replies = 0
    messages: list[Any] = []
    for number, step in enumerate(steps, start=1):
        action, slot, payload = step
        uri = wire.uri(f"doc{slot}-{generation[slot]}.txt")
        if action == "open" and uri not in version:
            version[uri] = 1
            texts[uri, 1] = payload
            messages.append(did_open(uri, payload))
        elif action == "change" and uri in version and uri not in closed:
            version[uri] += 1
            texts[uri, version[uri]] = payload
            messages.append(did_change(uri, payload, version[uri]))
        elif action == "close" and uri in version and uri not in closed:
            closed.add(uri)
            generation[slot] += 1
            messages.append(did_close(uri))
        elif action == "request":
            message, reply_id = message_for(step, uri, number)
            messages.append(message)
            if reply_id is None:
                null_replies += 1
            else:
                replies[reply_id] = payload
    wire.send(*messages, code_action(0, wire.uri("barrier.txt")))
    seen = wire.until_reply(0)
    open_now = {uri: v for uri, v in version.items() if uri not in closed}
    while any(not any(p["version"] == v for p in published(seen, uri)) for uri, v in open_now.items()):
        seen.append(wire.next())  # the last version of each open document is published in the end
    seen += wire.stop()

    answered = [m for m in seen if "id" in m and "method" not in m]
    assert sorted(str(m["id"]) for m in answered if m["id"] is not None) == sorted(str(i) for i in [*replies, 0])
    assert sum(m["id"] is None for m in answered) == null_replies
    for reply in answered:
        kind = replies.get(reply["id"], "null")
        expected = {"actions": None, "hover": METHOD_NOT_FOUND, "bad-params": INVALID_PARAMS,
                    "no-params": INVALID_PARAMS, "no-jsonrpc": INVALID_REQUEST, "null": None}[kind]
        if reply["id"] is None:
            assert reply["error"]["code"] in (PARSE_ERROR, INVALID_REQUEST), reply
        elif expected is None:
            assert isinstance(reply["result"], list), reply
        else:
            assert reply["error"]["code"] == expected, reply
    final: dict[str, int] = {}
    for uri in version:
        shown = published(seen, uri)
        if uri in closed:  # the clearing publication comes last: nothing from a check after the close
            assert shown[-1] == {"uri": uri, "diagnostics": []}
            shown = shown[:-1]
        versions = [p["version"] for p in shown]
        assert versions == sorted(versions) and len(set(versions)) == len(versions), versions  # never an old one
        if uri in open_now:
            final[uri] = versions[-1]
        for params in shown:
            lines = re.split(r"\r\n|\r|\n", texts[uri, params["version"]])  # LSP's line breaks
            for diagnostic in params["diagnostics"]:  # positions inside the text of that version
                assert diagnostic["range"]["end"]["line"] < len(lines), diagnostic
    return answered, open_now, final
