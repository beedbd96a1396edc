"""The language server (``artlint server``): findings as diagnostics, fixes as code actions.

Speaks the Language Server Protocol over stdio through pygls. Text, Markdown and HTML
documents (by language id, else by extension) are checked when opened, changed (after a
short pause in typing) and saved, with the configuration that applies to the file on disk
(the nearest ``artlint.toml`` or ``pyproject.toml``, as ``artlint check`` finds it).
Positions use the encoding negotiated at initialization (UTF-16 unless the client prefers
another). A rule that crashes becomes an AL900 diagnostic (the engine catches it); any
other error while checking a document is logged and shown, and the server goes on.
Configuration and rule files are re-read when the client reports that one changed or
one is saved in the editor.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from artlint import __version__
from artlint.errors import ArtlintError, InputError
from artlint.fix import fix_text, wanted
from artlint.markup import EXTENSIONS, kind_for
from artlint.model import Applicability, Finding, Severity
from artlint.registry import registry_for
from artlint.runner import Runner
from artlint.source import LineIndex, SourceText

SOURCE = "artlint"
MAX_DOCUMENT_CHARACTERS = 2_000_000
"""A larger open document is not checked (it would hold the server for minutes); a diagnostic says so."""
CHANGE_DELAY = 0.3
"""Seconds without a change before a changed document is checked again."""
LANGUAGE_KINDS = {"plaintext": "text", "text": "text", "markdown": "markdown", "html": "html"}
FIX_ALL_KIND = f"{lsp.CodeActionKind.SourceFixAll.value}.artlint"
SEVERITIES = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
WATCHED = "**/*.toml"
"""Configuration files and user rule files are TOML."""

log = logging.getLogger(__name__)


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
    """The last check of a document: its version and text, findings and diagnostics."""

    version: int | None
    text: str
    findings: list[Finding]
    diagnostics: list[lsp.Diagnostic]
    positions: Positions


class ArtlintServer(LanguageServer):
    """Checks open documents and keeps their last results for code actions."""

    def __init__(self) -> None:
        super().__init__(SOURCE, __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self._runner: Runner | None = None
        self.checked: dict[str, Checked] = {}
        self._pending: dict[str, asyncio.TimerHandle] = {}

    @property
    def runner(self) -> Runner:
        """The runner, built on first use and after every configuration change."""
        if self._runner is None:
            self._runner = Runner()
        return self._runner

    def reload(self) -> None:
        """Forget configurations and user rules, then check every open document again."""
        registry_for.cache_clear()
        self._runner = None
        for uri in list(self.checked):
            self.check(uri)

    def schedule(self, uri: str) -> None:
        """Check ``uri`` once the user has paused typing."""
        if (pending := self._pending.pop(uri, None)) is not None:
            pending.cancel()
        self._pending[uri] = asyncio.get_running_loop().call_later(CHANGE_DELAY, self.check, uri)

    def check(self, uri: str) -> None:
        """Check one open document and publish its diagnostics; never raises."""
        self._pending.pop(uri, None)
        document = self.workspace.get_text_document(uri)
        kind = document_kind(uri, document.language_id)
        if kind is None:
            return
        positions = Positions(document.source, str(self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16))
        try:
            if len(document.source) > MAX_DOCUMENT_CHARACTERS:
                raise InputError(f"the document is larger than {MAX_DOCUMENT_CHARACTERS:,} characters; "
                                 "check it with `artlint check`")
            findings = self.lint(uri, document.source, kind)
            rules = self.runner.rule_infos()
            diagnostics = [
                diagnostic(uri, f, positions, rules[f.code].url if f.code in rules else None) for f in findings
            ]
        except ArtlintError as exc:
            findings, diagnostics = [], [problem_diagnostic(f"artlint could not check this file: {exc}")]
        except Exception as exc:  # the server must outlive any bug in a check
            log.exception("checking %s failed", uri)
            self.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Error, f"artlint: checking failed: {exc!r}"))
            findings, diagnostics = [], []
        self.checked[uri] = Checked(document.version, document.source, findings, diagnostics, positions)
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=document.version)
        )

    def lint(self, uri: str, text: str, kind: str) -> list[Finding]:
        """Findings for ``text``, with the configuration of the file at ``uri``."""
        path = document_path(uri)
        runner = self.runner
        if path is None:
            root = self.workspace.root_path
            settings = runner.resolver.for_directory(Path(root) if root else Path.cwd())
            display = uri
        else:
            settings = runner.resolver.for_path(path)
            display = str(path)
        return runner.check_source(SourceText(text), display, settings, kind)

    def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        """A quick fix for each fixable finding in the range, and a fix-all source action."""
        uri = params.text_document.uri
        checked = self.checked.get(uri)
        if checked is None:
            return []
        if checked.version != self.workspace.get_text_document(uri).version:
            self.check(uri)  # the user typed since the last check: act on the current text
            checked = self.checked[uri]
        only = params.context.only
        actions: list[lsp.CodeAction] = []
        if _wants(only, lsp.CodeActionKind.QuickFix.value):
            for finding, shown in zip(checked.findings, checked.diagnostics):
                if finding.fix is not None and _overlaps(shown.range, params.range):
                    actions.append(quick_fix(uri, finding, shown, checked.positions))
        if _wants(only, FIX_ALL_KIND) and wanted(checked.findings, unsafe=False):
            action = self.fix_all(uri, checked)
            if action is not None:
                actions.append(action)
        return actions

    def fix_all(self, uri: str, checked: Checked) -> lsp.CodeAction | None:
        """Every safe fix, applied until stable, as one edit of the whole document."""
        kind = document_kind(uri, self.workspace.get_text_document(uri).language_id) or "text"
        outcome = fix_text(checked.text, checked.findings, lambda text: self.lint(uri, text, kind))
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
        if (pending := ls._pending.pop(uri, None)) is not None:
            pending.cancel()  # else it would publish diagnostics for a closed file, never cleared
        ls.checked.pop(uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_changed(ls: ArtlintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if any(change.uri.endswith(".toml") for change in params.changes):
            ls.reload()

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL_KIND]),
    )
    def code_action(ls: ArtlintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        try:
            return ls.code_actions(params)
        except Exception:  # a failed fix must not end the session
            log.exception("code actions for %s failed", params.text_document.uri)
            return []

    return server


def serve() -> None:
    """Run the server on stdin/stdout until the client ends the session."""
    logging.basicConfig(level=logging.WARNING, format="artlint server: %(levelname)s: %(message)s")
    create_server().start_io()
