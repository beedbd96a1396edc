"""The language server (``artlint server``): findings as diagnostics, fixes as code actions.

Speaks the Language Server Protocol over stdio through pygls. Text, Markdown and HTML
documents (by language id, else by extension) are checked when opened, changed (after a
short pause in typing) and saved, with the configuration that applies to the file on disk
(the nearest ``artlint.toml`` or ``pyproject.toml``, as ``artlint check`` finds it).
Checks run one at a time on a worker thread, so the server answers other messages while a
large document is checked; a newer version, or closing the document, supersedes a check
not yet published: a check not yet started is dropped, and one already running stops at
its next rule or block (``Cancelled``), so the worker goes on to the next document at once
(diagnostics of an old version are never published). ``$/cancelRequest`` cancels a pending
code-action request the same way (its reply is the RequestCancelled error). A request whose
parameters do not fit the method gets a JSON-RPC error reply (InvalidParams), as does a
request after ``shutdown`` (InvalidRequest). A message over ``MAX_MESSAGE_BYTES`` is skipped
unread at the transport (``lspinput``); a request among them gets an InvalidRequest reply, and
a ``didOpen`` or ``didChange`` among them (a document's text the server never got) leaves no
stale diagnostics: the document's are replaced by one saying it is too large to check, and the
user is told (``window/showMessage``). When the message's first bytes do not name the document,
the diagnostics of every open document are cleared, as any of them may be stale.
Positions use the encoding negotiated at initialization (UTF-16 unless the client prefers
another). A rule that crashes becomes an AL900 diagnostic (the engine catches it); any
other error while checking a document is logged and shown, and the server goes on.
Configuration and rule files are re-read when the client reports that one changed or
one is saved in the editor.
"""

from __future__ import annotations

import asyncio
import json
import logging
import queue
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams, JsonRpcInvalidRequest, JsonRpcParseError
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from artlint import __version__
from artlint.engine import Token
from artlint.errors import ArtlintError, Cancelled, InputError
from artlint.fix import fix_text, wanted
from artlint.lspinput import TOO_LARGE, CappedInput
from artlint.markup import EXTENSIONS, kind_for
from artlint.model import Applicability, Finding, Severity
from artlint.registry import registry_for
from artlint.runner import Runner
from artlint.source import LineIndex, SourceText

SOURCE = "artlint"
MAX_DOCUMENT_CHARACTERS = 2_000_000
"""A larger open document is not checked (it would hold the server for minutes); a diagnostic says so."""
MAX_MESSAGE_BYTES = 4 * MAX_DOCUMENT_CHARACTERS + 1_000_000
"""A larger message is skipped unread (``lspinput``): room for a document at the cap in UTF-8 and its JSON."""
CHANGE_DELAY = 0.3
"""Seconds without a change before a changed document is checked again."""
LANGUAGE_KINDS = {"plaintext": "text", "text": "text", "markdown": "markdown", "html": "html"}
FIX_ALL_KIND = f"{lsp.CodeActionKind.SourceFixAll.value}.artlint"
SEVERITIES = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
INVALID_REQUEST = "not a JSON-RPC 2.0 request: it needs jsonrpc \"2.0\", a string method and an integer or string id"
WATCHED = "**/*.toml"
"""Configuration files and user rule files are TOML."""

log = logging.getLogger(__name__)
T = TypeVar("T")


Job = Callable[[Token], T]
"""Work for the worker thread; it is given the token that says when its future was cancelled."""


class Worker:
    """One daemon thread running jobs in order, off the event loop.

    A job whose future was cancelled before it started is skipped; one running when its future
    is cancelled sees its token set (it may stop early, by raising ``Cancelled``); one still
    running when the server exits is abandoned with the thread.
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[tuple[Job[Any], asyncio.Future[Any], threading.Event]] = queue.SimpleQueue()
        threading.Thread(target=self._run, name="artlint-check", daemon=True).start()

    def submit(self, job: Job[T]) -> asyncio.Future[T]:
        """Queue ``job``; its result (or exception) arrives in the returned future, on the running loop.
        Cancelling the future sets the job's token."""
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        stop = threading.Event()
        future.add_done_callback(lambda _: stop.set())
        self._jobs.put((job, future, stop))
        return future

    def _run(self) -> None:
        while True:
            job, future, stop = self._jobs.get()
            if stop.is_set():
                continue
            loop = future.get_loop()
            try:
                result = job(stop.is_set)
            except Exception as exc:  # noqa: BLE001 - delivered to whoever awaits the future
                loop.call_soon_threadsafe(_settle, future, None, exc)
            else:
                loop.call_soon_threadsafe(_settle, future, result, None)


def _settle(future: asyncio.Future[Any], result: Any, error: Exception | None) -> None:
    if future.done():  # cancelled while it ran: superseded
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


class Protocol(LanguageServerProtocol):
    """pygls's protocol, replying with a JSON-RPC error where it would drop a request in silence."""

    def structure_message(self, data: dict[str, Any]) -> Any:
        if "jsonrpc" in data and "method" in data and "params" not in data:
            data = {**data, "params": None}  # optional in JSON-RPC: an unknown method is then MethodNotFound
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "method" in data and "id" in data:  # a request: the client waits for a reply
                method, msg_id = data["method"], data["id"]
                if _is_id(msg_id) and isinstance(method, str):
                    cause = f": {exc.__cause__}" if exc.__cause__ else ""
                    self.reply_error(msg_id, JsonRpcInvalidParams(f"invalid params for {method}{cause}"))
                else:
                    self.reply_error(None, JsonRpcInvalidRequest(INVALID_REQUEST))
            raise

    def handle_message(self, message: Any) -> None:
        if getattr(message, "jsonrpc", None) != self.VERSION:  # not a JSON-RPC 2.0 message
            if isinstance(message, dict):
                has_id, msg_id = "id" in message, message.get("id")
            else:  # an invalid JSON-RPC version, or not an object at all (a batch, a string)
                has_id, msg_id = hasattr(message, "id") or not hasattr(message, "jsonrpc"), getattr(message, "id", None)
            if has_id:  # a notification gets no reply
                self.reply_error(msg_id if _is_id(msg_id) else None, JsonRpcInvalidRequest(INVALID_REQUEST))
            return
        method = getattr(message, "method", None)
        if method == TOO_LARGE and hasattr(message, "id"):  # stands for a request skipped unread
            self.reply_error(message.id, JsonRpcInvalidRequest(f"message over {MAX_MESSAGE_BYTES:,} bytes, dropped unread"))
            return
        if method == lsp.CANCEL_REQUEST and not _is_id(getattr(getattr(message, "params", None), "id", None)):
            log.warning("ignoring %s without a request id", method)  # a notification: no reply
            return
        if method is not None and hasattr(message, "id"):  # a request
            if not isinstance(method, str):
                self.reply_error(message.id, JsonRpcInvalidRequest(INVALID_REQUEST))
                return
            if self._shutdown and method != lsp.EXIT:
                self.reply_error(message.id, JsonRpcInvalidRequest(f"{method} after shutdown"))
                return
        super().handle_message(message)

    def reply_error(self, msg_id: int | str | None, error: JsonRpcException) -> None:
        """Send an error response (``msg_id`` None: the request's id could not be read)."""
        self._send_data({"jsonrpc": self.VERSION, "id": msg_id, "error": {"code": error.code, "message": error.message}})


def _is_id(value: object) -> bool:
    return type(value) in (int, str)


class Positions:
    """LSP positions of code-point offsets in one text, in the negotiated encoding."""

    def __init__(self, text: str, encoding: str) -> None:
        self.text = text
        self.index = LineIndex(text)
        self.encoding = encoding

    def position(self, offset: int) -> lsp.Position:
        line = self.index.line_of(offset)
        prefix = self.text[self.index.line_start(line) : offset]
        if self.encoding == lsp.PositionEncodingKind.Utf8:
            units = len(prefix.encode("utf-8", "surrogatepass"))
        elif self.encoding == lsp.PositionEncodingKind.Utf32:
            units = len(prefix)
        else:
            units = self.index.utf16_column(offset)
        return lsp.Position(line=line - 1, character=units)

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(start=self.position(start), end=self.position(end))


@dataclass(frozen=True, slots=True)
class Checked:
    """The last check of a document: its version and text, findings and diagnostics, and
    the message to show if checking failed."""

    version: int | None
    text: str
    findings: list[Finding]
    diagnostics: list[lsp.Diagnostic]
    positions: Positions
    failure: str | None = None


class ArtlintServer(LanguageServer):
    """Checks open documents and keeps their last results for code actions."""

    def __init__(self) -> None:
        super().__init__(SOURCE, __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full,
                         protocol_cls=Protocol)
        self.protocol: Protocol
        self._runner: Runner | None = None
        self.checked: dict[str, Checked] = {}
        self._waiting: dict[str, asyncio.TimerHandle] = {}
        self._pending: dict[str, asyncio.Future[Checked]] = {}
        self._worker: Worker | None = None

    def report_server_error(self, error: Exception, source: Any) -> None:
        """Log errors the client was already answered about; show others to the user (pygls's default)."""
        if isinstance(error, json.JSONDecodeError):
            self.protocol.reply_error(None, JsonRpcParseError(str(error)))
        if isinstance(error, (JsonRpcException, json.JSONDecodeError)):
            log.warning("%s", error)
        else:
            super().report_server_error(error, source)

    @property
    def worker(self) -> Worker:
        """The thread that runs checks, started on first use (within the event loop)."""
        if self._worker is None:
            self._worker = Worker()
        return self._worker

    @property
    def runner(self) -> Runner:
        """The runner, built on first use and after every configuration change (used on the worker only)."""
        if self._runner is None:
            self._runner = Runner()
        return self._runner

    def reload(self) -> None:
        """Forget configurations and user rules, then check every open document again."""
        self.worker.submit(lambda _: self._forget())  # on the worker, so no check runs half with the old runner
        for uri in list(self.checked):
            self.check(uri)

    def _forget(self) -> None:
        registry_for.cache_clear()
        self._runner = None

    def schedule(self, uri: str) -> None:
        """Check ``uri`` once the user has paused typing."""
        self.cancel(uri)
        self._waiting[uri] = asyncio.get_running_loop().call_later(CHANGE_DELAY, self.check, uri)

    def cancel(self, uri: str) -> None:
        """Drop the check of ``uri`` that is waiting or not yet published."""
        if (waiting := self._waiting.pop(uri, None)) is not None:
            waiting.cancel()
        if (pending := self._pending.pop(uri, None)) is not None:
            pending.cancel()

    def check(self, uri: str) -> asyncio.Future[Checked] | None:
        """Check the current text of an open document on the worker, then publish its diagnostics.

        Supersedes an earlier check of ``uri`` not yet published. Returns the future of the
        check (cancelled if a newer one supersedes it), or None if artlint skips the document.
        """
        self.cancel(uri)
        document = self.workspace.get_text_document(uri)
        kind = document_kind(uri, document.language_id)
        if kind is None:
            return None
        text, version = document.source, document.version
        encoding = str(self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16)
        future = self.worker.submit(lambda cancelled: self.diagnose(uri, text, version, kind, encoding, cancelled))
        self._pending[uri] = future
        future.add_done_callback(lambda done: self._publish(uri, done))
        return future

    def _publish(self, uri: str, done: asyncio.Future[Checked]) -> None:
        if done.cancelled() or self._pending.get(uri) is not done:
            return  # superseded by a newer version, or the document was closed
        del self._pending[uri]
        checked = done.result()
        if checked.failure is not None:
            self.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Error, checked.failure))
        self.checked[uri] = checked
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=checked.diagnostics, version=checked.version)
        )

    def dropped(self, params: object) -> None:
        """A notification skipped unread (``lspinput.TOO_LARGE``): if it may have carried a
        document's text, no diagnostics of an older text stay shown (see the module's docstring)."""
        method, uri, size = (getattr(params, name, None) for name in ("method", "uri", "bytes"))  # pygls's Object
        if method not in (None, lsp.TEXT_DOCUMENT_DID_OPEN, lsp.TEXT_DOCUMENT_DID_CHANGE):
            return  # nothing a document's diagnostics depend on (lspinput logged it)
        over = f"{size:,} bytes, over the {MAX_MESSAGE_BYTES:,} the server reads" if isinstance(size, int) else "too large"
        if isinstance(uri, str):
            message = f"artlint: {uri} is too large to check in the editor ({over}); check it with `artlint check`"
            shown = {uri: [problem_diagnostic(message)]}
        else:
            message = (f"artlint: a document change was too large to read ({over}); diagnostics are cleared "
                       "until the documents change again")
            shown = {u: [] for u in sorted({*self.checked, *self._pending, *self._waiting})}
        for known, diagnostics in shown.items():
            self.cancel(known)
            self.checked.pop(known, None)  # its findings are of a text the client no longer has
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=known, diagnostics=diagnostics))
        self.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Warning, message))

    def diagnose(self, uri: str, text: str, version: int | None, kind: str, encoding: str,
                 cancelled: Token | None = None) -> Checked:
        """Check one text (on the worker thread); raises only ``Cancelled``, once ``cancelled`` is set."""
        positions = Positions(text, encoding)
        failure = None
        try:
            if len(text) > MAX_DOCUMENT_CHARACTERS:
                raise InputError(f"the document is larger than {MAX_DOCUMENT_CHARACTERS:,} characters; "
                                 "check it with `artlint check`")
            findings = self.lint(uri, text, kind, cancelled)
            rules = self.runner.rule_infos()
            diagnostics = [
                diagnostic(uri, f, positions, rules[f.code].url if f.code in rules else None) for f in findings
            ]
        except Cancelled:
            raise
        except ArtlintError as exc:
            findings, diagnostics = [], [problem_diagnostic(f"artlint could not check this file: {exc}")]
        except Exception as exc:  # the server must outlive any bug in a check
            log.exception("checking %s failed", uri)
            findings, diagnostics, failure = [], [], f"artlint: checking failed: {exc!r}"
        return Checked(version, text, findings, diagnostics, positions, failure)

    def lint(self, uri: str, text: str, kind: str, cancelled: Token | None = None) -> list[Finding]:
        """Findings for ``text``, with the configuration of the file at ``uri``; ``cancelled`` stops the check."""
        path = document_path(uri)
        runner = self.runner
        if path is None:
            root = self.workspace.root_path
            settings = runner.resolver.for_directory(Path(root) if root else Path.cwd())
            display = uri
        else:
            settings = runner.resolver.for_path(path)
            display = str(path)
        return runner.check_source(SourceText(text), display, settings, kind, cancelled=cancelled)

    async def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        """A quick fix for each fixable finding in the range, and a fix-all source action."""
        uri = params.text_document.uri
        checked = self.checked.get(uri)
        if checked is None:
            return []
        if checked.version != self.workspace.get_text_document(uri).version:
            future = self.check(uri)  # the user typed since the last check: act on the current text
            if future is None:
                return []
            await asyncio.wait([future])
            if future.cancelled():  # typed again meanwhile
                return []
            checked = future.result()
        only = params.context.only
        actions: list[lsp.CodeAction] = []
        if _wants(only, lsp.CodeActionKind.QuickFix.value):
            for finding, shown in zip(checked.findings, checked.diagnostics):
                if finding.fix is not None and _overlaps(shown.range, params.range):
                    actions.append(quick_fix(uri, finding, shown, checked.positions))
        if _wants(only, FIX_ALL_KIND) and wanted(checked.findings, unsafe=False):
            kind = document_kind(uri, self.workspace.get_text_document(uri).language_id) or "text"
            action = await self.worker.submit(lambda cancelled: self.fix_all(uri, checked, kind, cancelled))
            if action is not None:
                actions.append(action)
        return actions

    def fix_all(self, uri: str, checked: Checked, kind: str, cancelled: Token | None = None) -> lsp.CodeAction | None:
        """Every safe fix, applied until stable, as one edit of the whole document (on the worker);
        ``cancelled`` stops it (the request was cancelled)."""
        outcome = fix_text(checked.text, checked.findings, lambda text: self.lint(uri, text, kind, cancelled))
        if outcome.text == checked.text:
            return None
        whole = checked.positions.range(0, len(checked.text))
        return lsp.CodeAction(
            title=f"artlint: apply {outcome.applied} safe fixes",
            kind=FIX_ALL_KIND,
            edit=lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(range=whole, new_text=outcome.text)]}),
        )


def diagnostic(uri: str, finding: Finding, positions: Positions, url: str | None) -> lsp.Diagnostic:
    """The LSP diagnostic of a finding; ``url`` documents its rule."""
    related = [
        lsp.DiagnosticRelatedInformation(
            location=lsp.Location(uri=uri, range=positions.range(r.location.start, r.location.end)),
            message=r.message,
        )
        for r in finding.related
    ]
    return lsp.Diagnostic(
        range=positions.range(finding.start, finding.end),
        message=finding.message,
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        code_description=lsp.CodeDescription(href=url) if url else None,
        source=SOURCE,
        related_information=related or None,
        data={"fingerprint": finding.fingerprint},
    )


def quick_fix(uri: str, finding: Finding, diagnostic: lsp.Diagnostic, positions: Positions) -> lsp.CodeAction:
    """The code action applying one finding's fix."""
    assert finding.fix is not None
    safe = finding.fix.applicability is Applicability.SAFE
    title = f"{finding.fix.description or 'Fix'} ({finding.code})" + ("" if safe else " [unsafe]")
    edits = [lsp.TextEdit(range=positions.range(e.start, e.end), new_text=e.replacement) for e in finding.fix.edits]
    return lsp.CodeAction(
        title=title,
        kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=safe,
        edit=lsp.WorkspaceEdit(changes={uri: edits}),
    )


def problem_diagnostic(message: str) -> lsp.Diagnostic:
    """A diagnostic on the first character for a problem with the file as a whole."""
    start = lsp.Position(line=0, character=0)
    return lsp.Diagnostic(
        range=lsp.Range(start=start, end=start), message=message, severity=lsp.DiagnosticSeverity.Error, source=SOURCE
    )


def document_path(uri: str) -> Path | None:
    """The file system path of a ``file:`` URI; None for other schemes (unsaved buffers)."""
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return Path(path) if path else None


def document_kind(uri: str, language_id: str | None) -> str | None:
    """How to parse a document: by language id, else by extension; None if artlint skips it."""
    if language_id in LANGUAGE_KINDS:
        return LANGUAGE_KINDS[language_id]
    path = document_path(uri)
    if path is not None and path.suffix.lower() in EXTENSIONS:
        return kind_for(path)
    return None


def _wants(only: Sequence[str] | None, kind: str) -> bool:
    """Whether a request limited to the kinds ``only`` accepts actions of ``kind``."""
    return only is None or any(kind == k or kind.startswith(f"{k}.") for k in only)


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    def key(p: lsp.Position) -> tuple[int, int]:
        return p.line, p.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def create_server() -> ArtlintServer:
    """The server with its handlers registered."""
    server = ArtlintServer()

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: ArtlintServer, params: lsp.InitializedParams) -> None:
        capabilities = ls.client_capabilities.workspace
        watch = capabilities and capabilities.did_change_watched_files
        if watch and watch.dynamic_registration:
            options = lsp.DidChangeWatchedFilesRegistrationOptions(
                watchers=[lsp.FileSystemWatcher(glob_pattern=WATCHED)]
            )
            registration = lsp.Registration(
                id="artlint-config", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options
            )
            ls.client_register_capability(lsp.RegistrationParams(registrations=[registration]))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ArtlintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.check(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ArtlintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ArtlintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        if params.text_document.uri.endswith(".toml"):
            ls.reload()
        elif params.text_document.uri in ls.checked:
            ls.check(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ArtlintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.cancel(uri)  # else it would publish diagnostics for a closed file, never cleared
        ls.checked.pop(uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(TOO_LARGE)
    def too_large(ls: ArtlintServer, params: object) -> None:
        ls.dropped(params)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_changed(ls: ArtlintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if any(change.uri.endswith(".toml") for change in params.changes):
            ls.reload()

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL_KIND]),
    )
    async def code_action(ls: ArtlintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        try:
            return await ls.code_actions(params)
        except Exception:  # a failed fix must not end the session
            log.exception("code actions for %s failed", params.text_document.uri)
            return []

    return server


def serve() -> None:
    """Run the server on stdin/stdout until the client ends the session."""
    logging.basicConfig(level=logging.WARNING, format="artlint server: %(levelname)s: %(message)s")
    create_server().start_io(CappedInput(sys.stdin.buffer, MAX_MESSAGE_BYTES))  # type: ignore[arg-type]
