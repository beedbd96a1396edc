"""The language server end to end: pygls's client drives ``artlint server`` over stdio.

Every wait is bounded, so a server that stops answering fails the test instead of hanging it.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import install_plugin
from lsprotocol import types as lsp
from projects import make_project, seed_text
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

from artlint.lsp import Positions

pytestmark = pytest.mark.slow

LINT_DIR = Path(__file__).resolve().parents[2] / "lint"
TIMEOUT = 30.0
ROCKET = "# Launch\n\nThe 🚀 rose.  It fell.\n"
CRASH_PLUGIN = '''
from artlint.model import Family
from artlint.rule import Rule, Scope


class AlwaysCrashes(Rule):
    """Raises on every document."""

    code = "AL950"
    name = "always-crashes"
    family = Family.ARTLINT
    scope = Scope.DOCUMENT

    def check(self, unit, ctx):
        raise RuntimeError("boom")
'''


class Session:
    """A client connected to a server process, collecting published diagnostics."""

    def __init__(self, client: LanguageClient, root: Path) -> None:
        self.client = client
        self.root = root
        self.published: asyncio.Queue[lsp.PublishDiagnosticsParams] = asyncio.Queue()
        self.registrations: list[lsp.Registration] = []
        self.versions: dict[str, int] = {}

    def uri(self, name: str) -> str:
        uri = from_fs_path(str(self.root / name))
        assert uri is not None
        return uri

    async def diagnostics(self, uri: str) -> list[lsp.Diagnostic]:
        """The next diagnostics published for ``uri``."""
        while True:
            params = await asyncio.wait_for(self.published.get(), TIMEOUT)
            if params.uri == uri:
                return list(params.diagnostics)

    async def open(self, name: str, text: str, language: str = "plaintext") -> list[lsp.Diagnostic]:
        uri = self.uri(name)
        self.versions[uri] = 1
        self.client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri=uri, language_id=language, version=1, text=text))
        )
        return await self.diagnostics(uri)

    async def change(self, uri: str, text: str) -> list[lsp.Diagnostic]:
        self.versions[uri] += 1
        document = lsp.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri])
        change = lsp.TextDocumentContentChangeWholeDocument(text=text)
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(document, [change]))
        return await self.diagnostics(uri)

    async def actions(
        self, uri: str, diagnostic: lsp.Diagnostic, only: list[str] | None = None
    ) -> list[lsp.CodeAction]:
        params = lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=lsp.CodeActionContext(diagnostics=[diagnostic], only=only),
        )
        result = await asyncio.wait_for(self.client.text_document_code_action_async(params), TIMEOUT)
        return [a for a in result or [] if isinstance(a, lsp.CodeAction)]


@asynccontextmanager
async def server(root: Path, *, python_path: tuple[Path, ...] = ()) -> AsyncIterator[Session]:
    """A started, initialized server for the workspace ``root``; shut down cleanly on exit."""
    client = LanguageClient("artlint-tests", "1")
    session = Session(client, root)

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: lsp.PublishDiagnosticsParams) -> None:
        session.published.put_nowait(params)

    @client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register(params: lsp.RegistrationParams) -> None:
        session.registrations.extend(params.registrations)

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(str(p) for p in (*python_path, LINT_DIR)))
    await client.start_io(sys.executable, "-m", "artlint.cli", "server", cwd=str(root), env=env)
    capabilities = lsp.ClientCapabilities(
        workspace=lsp.WorkspaceClientCapabilities(
            did_change_watched_files=lsp.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)
        ),
    )
    params = lsp.InitializeParams(capabilities=capabilities, root_uri=session.uri(""), process_id=os.getpid())
    try:
        result = await asyncio.wait_for(client.initialize_async(params), TIMEOUT)
        assert result.server_info is not None and result.server_info.name == "artlint"
        client.initialized(lsp.InitializedParams())
        yield session
        await asyncio.wait_for(client.shutdown_async(None), TIMEOUT)
        client.exit(None)
        process = client._server
        assert process is not None
        assert await asyncio.wait_for(process.wait(), TIMEOUT) == 0
    finally:
        if client._server is not None and client._server.returncode is None:
            client._server.kill()
        await asyncio.wait_for(client.stop(), TIMEOUT)


def run_session(test: Callable[[], Any]) -> None:
    asyncio.run(asyncio.wait_for(test(), 4 * TIMEOUT))


def span(diagnostic: lsp.Diagnostic) -> tuple[Any, ...]:
    r = diagnostic.range
    return diagnostic.code, r.start.line, r.start.character, r.end.line, r.end.character


def apply(text: str, edits: list[lsp.TextEdit]) -> str:
    """``text`` with LSP edits applied (UTF-16 positions; the test texts are BMP-only)."""
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start = starts[edit.range.start.line] + edit.range.start.character
        end = starts[edit.range.end.line] + edit.range.end.character
        text = text[:start] + edit.new_text + text[end:]
    return text


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def test_diagnostics_code_action_and_update_on_the_seed(workspace: Path) -> None:
    text = seed_text()

    async def scenario() -> None:
        async with server(workspace) as session:
            diagnostics = await session.open("article.txt", text)
            assert [r.method for r in session.registrations] == [lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES]
            assert [span(d) for d in diagnostics] == [
                ("BP950", 22, 0, 22, 86),
                ("TY950", 22, 8, 22, 10),
                ("BP950", 40, 0, 40, 71),
                ("TY950", 40, 8, 40, 10),
                ("CN950", 42, 0, 42, 4),
                ("CN950", 42, 63, 42, 67),
                ("MT950", 46, 99, 46, 137),
            ]
            first = diagnostics[0]
            assert first.source == "artlint"
            assert first.severity == lsp.DiagnosticSeverity.Warning
            assert diagnostics[1].severity == lsp.DiagnosticSeverity.Information
            assert first.message == "Related-article link left in the text ('See also'); remove the block"
            assert first.code_description is None  # a user's rule: no page in artlint's documentation

            uri = session.uri("article.txt")
            actions = await session.actions(uri, first, only=[lsp.CodeActionKind.QuickFix])
            assert [(a.title, a.is_preferred) for a in actions] == [
                ("Remove the block (BP950)", True),
                ("Fix (TY950)", True),
            ]
            assert actions[0].edit is not None and actions[0].edit.changes is not None
            edits = actions[0].edit.changes[uri]
            assert [
                (e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character, e.new_text)
                for e in edits
            ] == [(22, 0, 24, 0, "")]

            text_after = apply(text, edits)
            updated = await session.change(uri, text_after)
            assert [span(d) for d in updated] == [
                ("BP950", 38, 0, 38, 71),
                ("TY950", 38, 8, 38, 10),
                ("CN950", 40, 0, 40, 4),
                ("CN950", 40, 63, 40, 67),
                ("MT950", 44, 99, 44, 137),
            ]

            unsafe = await session.actions(uri, updated[2])
            assert [(a.title, a.is_preferred, a.kind) for a in unsafe] == [
                ("Fix (CN950) [unsafe]", False, lsp.CodeActionKind.QuickFix),
                ("artlint: apply 2 safe fixes", None, "source.fixAll.artlint"),
            ]
            fix_all = unsafe[1].edit
            assert fix_all is not None and fix_all.changes is not None
            fixed = apply(text_after, fix_all.changes[uri])
            assert "See also" not in fixed and "how serious we are, how serious we are" not in fixed
            assert [span(d) for d in await session.change(uri, fixed)] == [
                ("CN950", 38, 0, 38, 4),
                ("CN950", 38, 63, 38, 67),
            ]

            save = lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
            session.client.text_document_did_save(save)
            assert [span(d) for d in await session.diagnostics(uri)] == [
                ("CN950", 38, 0, 38, 4),
                ("CN950", 38, 63, 38, 67),
            ]

            rocket = await session.open("rocket.md", ROCKET, language="markdown")
            assert [span(d) for d in rocket] == [("TY950", 2, 12, 2, 14)]  # UTF-16: the emoji counts 2

    run_session(scenario)


@pytest.mark.parametrize(
    ("encoding", "columns"),
    [
        (lsp.PositionEncodingKind.Utf16, (12, 14)),
        (lsp.PositionEncodingKind.Utf8, (14, 16)),
        (lsp.PositionEncodingKind.Utf32, (11, 13)),
    ],
)
def test_positions_count_in_the_negotiated_encoding(encoding: str, columns: tuple[int, int]) -> None:
    text = ROCKET.replace("\n", "\r\n")
    start = text.index("  ")
    assert Positions(text, encoding).range(start, start + 2) == lsp.Range(
        start=lsp.Position(line=2, character=columns[0]), end=lsp.Position(line=2, character=columns[1])
    )


def test_configuration_changes_and_crashing_rules_do_not_stop_the_server(workspace: Path) -> None:
    plugins = workspace / "plugins"
    install_plugin(plugins, "crashplugin", "AlwaysCrashes", CRASH_PLUGIN)
    make_project(workspace, select=("BP950", "AL950"))

    async def scenario() -> None:
        async with server(workspace, python_path=(plugins,)) as session:
            diagnostics = await session.open("story.txt", "Officials met.\n\nSee also  the budget story\n")
            assert [span(d) for d in diagnostics] == [("AL900", 0, 0, 0, 0), ("BP950", 2, 0, 2, 26)]
            assert diagnostics[0].message.startswith("rule AL950 (always-crashes) crashed: RuntimeError: boom")

            make_project(workspace, select=("TY950",))
            change = lsp.FileEvent(uri=session.uri("artlint.toml"), type=lsp.FileChangeType.Changed)
            session.client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[change]))
            assert [span(d) for d in await session.diagnostics(session.uri("story.txt"))] == [("TY950", 2, 8, 2, 10)]

            (workspace / "artlint.toml").write_text('select = ["NOPE"]\n')
            session.client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[change]))
            broken = await session.diagnostics(session.uri("story.txt"))
            assert len(broken) == 1 and broken[0].message.startswith("artlint could not check this file: ")
            assert "artlint.toml: select[0]" in broken[0].message

    run_session(scenario)


def test_closing_cancels_a_pending_check_and_large_documents_are_refused(workspace: Path) -> None:
    async def scenario() -> None:
        async with server(workspace) as session:
            uri = session.uri("story.txt")
            await session.open("story.txt", "The the council met.\n")
            session.versions[uri] += 1
            change = lsp.TextDocumentContentChangeWholeDocument(text="The the the council met met.\n")
            document = lsp.VersionedTextDocumentIdentifier(uri=uri, version=session.versions[uri])
            session.client.text_document_did_change(lsp.DidChangeTextDocumentParams(document, [change]))
            session.client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri=uri)))
            assert await session.diagnostics(uri) == []  # cleared on close
            await asyncio.sleep(1.0)  # past the change delay: the check it scheduled must not run
            assert session.published.empty()  # it used to publish the closed file's diagnostics, never cleared
            huge = await session.open("huge.txt", "The the council met.\n" * 100_000)
            (refused,) = huge
            assert refused.message.startswith("artlint could not check this file: the document is larger than 2,000,000")

    run_session(scenario)
