"""A real LSP client for the tests: pygls' ``LanguageClient`` driving ``glossary-build lsp``
over stdio, as an editor would, wrapped so that tests can be written without ``async``.

Positions are converted here independently of the server's code: a test that
puts an emoji before a link checks the server's conversion, not its own.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

ROOT = Path(__file__).resolve().parent.parent.parent
TIMEOUT = 60.0
T = TypeVar("T")


def capabilities(encodings: Iterable[str] = ("utf-16",), resolve: bool = False) -> types.ClientCapabilities:
    """What an editor like VS Code (UTF-16) or Neovim (UTF-8 first) says it can do."""
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=list(encodings)),
        text_document=types.TextDocumentClientCapabilities(
            synchronization=types.TextDocumentSyncClientCapabilities(did_save=True),
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(related_information=True, version_support=True),
            completion=types.CompletionClientCapabilities(
                completion_item=types.ClientCompletionItemOptions(
                    documentation_format=[types.MarkupKind.Markdown],
                    resolve_support=types.ClientCompletionItemResolveOptions(properties=["documentation"]) if resolve else None,
                ),
            ),
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
            rename=types.RenameClientCapabilities(prepare_support=True),
            document_symbol=types.DocumentSymbolClientCapabilities(hierarchical_document_symbol_support=True),
            code_action=types.CodeActionClientCapabilities(
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    code_action_kind=types.ClientCodeActionKindOptions(value_set=[types.CodeActionKind.QuickFix])
                ),
            ),
        ),
        workspace=types.WorkspaceClientCapabilities(
            workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True),
            symbol=types.WorkspaceSymbolClientCapabilities(),
        ),
    )


class Editor:
    """One server process and the client talking to it; documents are opened and edited with
    their whole text (the client sends incremental changes, as editors do)."""

    def __init__(
        self, root: Path, *, encodings: Iterable[str] = ("utf-16",), options: dict[str, Any] | None = None,
        resolve: bool = False,
    ) -> None:
        self.root = root
        self.loop = asyncio.new_event_loop()
        self.client = LanguageClient("glossary-build-tests", "1")
        self.diagnostics: dict[str, list[types.Diagnostic]] = {}
        self.versions_published: dict[str, int | None] = {}
        self.messages: list[str] = []
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            self.diagnostics[params.uri] = list(params.diagnostics)
            self.versions_published[params.uri] = params.version

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def shown(params: types.ShowMessageParams) -> None:
            self.messages.append(params.message)

        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.run(self.client.start_io(sys.executable, "-m", "glossary_build", "lsp", cwd=str(root), env=env))
        self.result = self.run(self.client.initialize_async(types.InitializeParams(
            process_id=os.getpid(),
            root_uri=from_fs_path(str(root)),
            workspace_folders=[types.WorkspaceFolder(uri=from_fs_path(str(root)) or "", name=root.name)],
            capabilities=capabilities(encodings, resolve),
            initialization_options=options,
        )))
        self.encoding = str(self.result.capabilities.position_encoding or "utf-16")
        self.client.initialized(types.InitializedParams())
        self.sync()

    def run(self, work: Awaitable[T]) -> T:
        return self.loop.run_until_complete(asyncio.wait_for(work, TIMEOUT))

    def sync(self) -> None:
        """Wait until the server has handled everything sent so far (a request is answered
        after the notifications it sent before)."""
        self.run(self.client.workspace_symbol_async(types.WorkspaceSymbolParams(query="\u0000")))

    def close(self) -> None:
        try:
            self.run(self.client.shutdown_async(None))
            self.client.exit(None)
            self.run(self.client.stop())
        finally:
            self.loop.close()

    # -- documents ------------------------------------------------------------------------

    def uri(self, path: str) -> str:
        return from_fs_path(str(self.root / path)) or path

    def open(self, path: str, text: str | None = None) -> str:
        uri = self.uri(path)
        text = (self.root / path).read_text("utf-8") if text is None else text
        self.texts[uri], self.versions[uri] = text, 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        ))
        self.sync()
        return uri

    def change(self, path: str, text: str) -> None:
        """Replace the document's text: sent as one incremental change of the differing middle."""
        uri = self.uri(path)
        old = self.texts[uri]
        start = 0
        while start < min(len(old), len(text)) and old[start] == text[start]:
            start += 1
        end = 0
        while end < min(len(old), len(text)) - start and old[len(old) - 1 - end] == text[len(text) - 1 - end]:
            end += 1
        change = types.TextDocumentContentChangePartial(
            range=types.Range(start=self.position_at(old, start), end=self.position_at(old, len(old) - end)),
            text=text[start : len(text) - end],
        )
        self.versions[uri] += 1
        self.texts[uri] = text
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[change],
        ))
        self.sync()

    def close_document(self, path: str) -> None:
        uri = self.uri(path)
        self.client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
        self.texts.pop(uri, None)
        self.sync()

    # -- positions --------------------------------------------------------------------------

    def units(self, text: str) -> int:
        if self.encoding == "utf-8":
            return len(text.encode("utf-8"))
        if self.encoding == "utf-32":
            return len(text)
        return len(text.encode("utf-16-le")) // 2

    def position_at(self, text: str, offset: int) -> types.Position:
        before = text[:offset]
        line = before.count("\n")
        return types.Position(line=line, character=self.units(before[before.rfind("\n") + 1 :]))

    def find(self, path: str, needle: str, after: int = 0, occurrence: int = 0) -> types.Position:
        """The position ``after`` characters into the ``occurrence``-th ``needle`` of the document."""
        text = self.texts.get(self.uri(path)) or (self.root / path).read_text("utf-8")
        offset = -1
        for _ in range(occurrence + 1):
            offset = text.index(needle, offset + 1)
        return self.position_at(text, offset + after)

    def offset(self, text: str, position: types.Position) -> int:
        lines = text.split("\n")
        start = sum(len(line) + 1 for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        index = 0
        while index < len(line) and self.units(line[: index + 1]) <= position.character:
            index += 1
        return start + index

    def apply(self, text: str, edits: Iterable[types.TextEdit]) -> str:
        """``text`` with ``edits`` applied (all positions refer to the original text)."""
        placed = sorted(((self.offset(text, e.range.start), self.offset(text, e.range.end), e.new_text) for e in edits), reverse=True)
        for start, end, new in placed:
            text = text[:start] + new + text[end:]
        return text

    def apply_to_disk(self, edit: types.WorkspaceEdit) -> None:
        """Write a workspace edit to the files (what an editor does with a rename, then saves)."""
        by_uri: dict[str, list[types.TextEdit]] = {}
        for change in edit.document_changes or []:
            assert isinstance(change, types.TextDocumentEdit)
            by_uri.setdefault(change.text_document.uri, []).extend(e for e in change.edits if isinstance(e, types.TextEdit))
        for uri, found in (edit.changes or {}).items():
            by_uri.setdefault(uri, []).extend(found)
        for uri, found in by_uri.items():
            path = Path(uri.removeprefix("file://"))
            from urllib.parse import unquote

            path = Path(unquote(str(path)))
            path.write_text(self.apply(path.read_text("utf-8"), found), "utf-8")

    def text_of(self, path: str) -> str:
        return self.texts.get(self.uri(path)) or (self.root / path).read_text("utf-8")

    # -- requests ---------------------------------------------------------------------------

    def request(self, call: Callable[[Any], Awaitable[T]], params: Any) -> T:
        self.flush_sleep()
        return self.run(call(params))

    def flush_sleep(self) -> None:
        self.loop.run_until_complete(asyncio.sleep(0))


def check_json(root: Path) -> list[dict[str, Any]]:
    """``glossary-build check --format json``'s diagnostics for the glossary in ``root``."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "glossary_build", "check", "--format", "json", "--no-cache"],
        cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return list(json.loads(done.stdout)["diagnostics"])


SCENARIO = Path(__file__).resolve().parent / "scenario"


def copy_sample(target: Path) -> Path:
    """The project's sample glossary (``entries/``, ``glossary.yml``) in ``target``."""
    shutil.copytree(ROOT / "entries", target / "entries")
    shutil.copy(ROOT / "glossary.yml", target / "glossary.yml")
    return target


def copy_scenario(target: Path) -> Path:
    """The scenario glossary of this folder in ``target``."""
    shutil.copytree(SCENARIO, target, dirs_exist_ok=True)
    return target
