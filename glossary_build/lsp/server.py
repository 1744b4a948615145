"""The language server: LSP messages in, the glossary state and its answers out.

Every handler runs on the server's one event loop, in the order the messages
came, so a request always sees the edits sent before it.  Edits are taken
when the loop is next free (a burst of keystrokes is parsed once) or when a
request needs them, whichever comes first.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from glossary_build import __version__
from glossary_build.core.config import CONFIG_FILE, ConfigError, load_config
from glossary_build.core.model import ParsedFile
from glossary_build.graph.terms import TermGraph
from glossary_build.lsp import actions, completion, navigation, rename
from glossary_build.lsp.convert import Converter
from glossary_build.lsp.positions import UTF16
from glossary_build.lsp.workspace import GlossaryState
from glossary_build.sources.inputs import BuildError

MODES = ("workspace", "open")
"""``diagnostics`` initialization option: ``workspace`` publishes every file's findings once
the glossary is loaded, ``open`` only those of opened files.  In both, a file whose findings an
edit changes is published."""


class GlossaryServer(LanguageServer):
    """The server and the glossary state it keeps between messages."""

    def __init__(self, config_path: Path | None, cwd: Path) -> None:
        super().__init__("glossary-build", __version__)
        self.config_path = config_path
        self.cwd = cwd
        self.state: GlossaryState | None = None
        self.mode = "workspace"
        self.pending: dict[str, str] = {}
        """Documents edited since their text was last taken: path -> text."""
        self.opened: dict[str, str] = {}
        """Path -> URI of the open entry files, as the client names them."""
        self.document_changes = False
        self.lazy_documentation = False
        """True when the client resolves completion items' documentation when it shows them."""

    @property
    def convert(self) -> Converter:
        """A converter for the current state and the agreed position encoding."""
        assert self.state is not None
        return Converter(self.state, str(self.workspace.position_encoding or UTF16))

    # -- state -------------------------------------------------------------------------

    def start(self, params: types.InitializeParams) -> None:
        """Find the glossary from the options, the command line or the workspace root."""
        options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        self.mode = options.get("diagnostics", "workspace") if options.get("diagnostics") in MODES else "workspace"
        self.document_changes = bool(get_capability(params.capabilities, "workspace.workspace_edit.document_changes", False))
        resolvable = get_capability(params.capabilities, "text_document.completion.completion_item.resolve_support", None)
        self.lazy_documentation = resolvable is not None and "documentation" in resolvable.properties
        root = self.cwd
        if params.workspace_folders:
            root = Path(to_fs_path(params.workspace_folders[0].uri) or root)
        elif params.root_uri:
            root = Path(to_fs_path(params.root_uri) or root)
        config_path = Path(options["config"]) if isinstance(options.get("config"), str) else self.config_path
        if config_path is None:
            config_path = _config_above(root)
        try:
            self.state = GlossaryState(load_config(config_path, cwd=root))
        except ConfigError as error:
            self.tell(f"glossary-build: {error}")

    def load(self) -> None:
        """Read the glossary; publish its findings (in ``workspace`` mode)."""
        if self.state is None:
            return
        try:
            self.state.load()
        except (BuildError, OSError) as error:
            self.tell(f"glossary-build: {error}")
            self.state = None
            return
        if self.mode == "workspace":
            self.publish(self.state.findings)

    def tell(self, message: str) -> None:
        self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))

    def edited(self, uri: str) -> None:
        """Note the new text of ``uri``; it is taken when the loop is free or a request comes."""
        path = self.path(uri)
        if path is None:
            return
        first = not self.pending
        self.opened[path] = uri
        self.pending[path] = self.workspace.get_text_document(uri).source
        if first:
            asyncio.get_running_loop().call_soon(self.flush)

    def flush(self) -> None:
        """Take the pending edits and publish what they changed."""
        if self.state is None or not self.pending:
            return
        edited, self.pending = self.pending, {}
        changed: set[str] = set()
        for path, text in edited.items():
            changed |= self.state.update(path, text)
        self.publish(changed | set(edited))

    def closed(self, uri: str) -> None:
        path = self.path(uri)
        if path is None or self.state is None:
            return
        self.flush()
        self.opened.pop(path, None)
        changed = self.state.close(path)
        self.publish(changed)
        if self.mode == "open":
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @property
    def state_graph(self) -> TermGraph:
        """The current term graph (only asked for once a document was found)."""
        assert self.state is not None
        return self.state.graph

    def path(self, uri: str) -> str | None:
        return self.convert.path(uri) if self.state is not None else None

    def publish(self, paths: Iterable[str]) -> None:
        """Send the findings of ``paths`` (an empty list where there are none now)."""
        convert = self.convert
        assert self.state is not None
        for path in sorted(paths):
            uri = self.opened.get(path) or convert.uri(path)
            version = self._version(uri) if path in self.opened else None
            diagnostics = [convert.diagnostic(d) for d in self.state.findings.get(path, ())]
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
            )

    def _version(self, uri: str) -> int | None:
        document = self.workspace.text_documents.get(unquote(uri))  # kept by the unquoted URI
        return document.version if document is not None else None

    def document(self, uri: str) -> tuple[str, ParsedFile] | None:
        """The path and parse result of ``uri``, every pending edit taken."""
        self.flush()
        path = self.path(uri)
        if path is None or self.state is None:
            return None
        parsed = self.state.files.get(path)
        return (path, parsed) if parsed is not None else None


def create_server(config_path: Path | None = None, cwd: Path | None = None) -> GlossaryServer:
    """The server with every feature registered."""
    server = GlossaryServer(config_path, cwd or Path.cwd())
    _register_sync(server)
    _register_features(server)
    return server


def _register_sync(server: GlossaryServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: GlossaryServer, params: types.InitializeParams) -> None:
        ls.start(params)

    @server.feature(types.INITIALIZED)
    def initialized(ls: GlossaryServer, params: types.InitializedParams) -> None:
        ls.load()
        if get_capability(ls.client_capabilities, "workspace.did_change_watched_files.dynamic_registration", False):
            watch = types.DidChangeWatchedFilesRegistrationOptions(watchers=[types.FileSystemWatcher(glob_pattern="**/*.md")])
            ls.client_register_capability(types.RegistrationParams(registrations=[
                types.Registration(id="glossary-build-md", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=watch)
            ]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: GlossaryServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.edited(params.text_document.uri)
        ls.flush()

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: GlossaryServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.edited(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: GlossaryServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.closed(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: GlossaryServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.flush()  # the saved text is the text already taken

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: GlossaryServer, params: types.DidChangeWatchedFilesParams) -> None:
        if ls.state is None:
            return
        ls.flush()
        paths = {path for change in params.changes if (path := ls.path(change.uri)) is not None}
        ls.publish(ls.state.reload_from_disk(paths))


def _register_features(server: GlossaryServer) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=completion.TRIGGER_CHARACTERS, resolve_provider=True),
    )
    def complete(ls: GlossaryServer, params: types.CompletionParams) -> types.CompletionList | None:
        found = ls.document(params.text_document.uri)
        if found is None or ls.state is None:
            return None
        path, parsed = found
        return completion.complete(ls.state.graph, parsed, ls.convert.lines(path), params.position, lazy=ls.lazy_documentation)

    @server.feature(types.COMPLETION_ITEM_RESOLVE)
    def resolve(ls: GlossaryServer, item: types.CompletionItem) -> types.CompletionItem:
        return completion.resolve(ls.state_graph, item) if ls.state is not None else item

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: GlossaryServer, params: types.HoverParams) -> types.Hover | None:
        found = _link(ls, params.text_document.uri, params.position)
        if found is not None:
            return navigation.hover(ls.state_graph, found, ls.convert)
        document = ls.document(params.text_document.uri)
        if document is None:
            return None
        heading = navigation.heading_at(document[1], params.position.line)
        if heading is None or heading[0].id != heading[1]:
            return None
        return navigation.hover_heading(ls.state_graph, heading[0])

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: GlossaryServer, params: types.DefinitionParams) -> types.Location | None:
        found = _link(ls, params.text_document.uri, params.position)
        return navigation.definition(ls.state_graph, found, ls.convert) if found is not None else None

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def references(ls: GlossaryServer, params: types.ReferenceParams) -> list[types.Location] | None:
        ident = _ident_at(ls, params.text_document.uri, params.position)
        if ident is None:
            return None
        return navigation.references(ls.state_graph, ident, params.context.include_declaration, ls.convert)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbols(ls: GlossaryServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol] | None:
        found = ls.document(params.text_document.uri)
        return navigation.document_symbols(found[1], ls.convert) if found is not None else None

    @server.feature(types.WORKSPACE_SYMBOL)
    def workspace_symbols(ls: GlossaryServer, params: types.WorkspaceSymbolParams) -> list[types.SymbolInformation] | None:
        ls.flush()
        if ls.state is None:
            return None
        return navigation.workspace_symbols(ls.state.graph, params.query, ls.convert)

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(ls: GlossaryServer, params: types.PrepareRenameParams) -> types.PrepareRenamePlaceholder | None:
        found = _renamed(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        path, renamed = found
        return types.PrepareRenamePlaceholder(range=ls.convert.place(path, renamed.place), placeholder=renamed.ident)

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    def rename_id(ls: GlossaryServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        found = _renamed(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        try:
            edits = rename.rename_edits(ls.state_graph, found[1].ident, params.new_name, ls.convert)
        except rename.RenameError as error:
            raise JsonRpcInvalidParams(str(error)) from None
        versions = {path: v for path, uri in ls.opened.items() if (v := ls._version(uri)) is not None}
        return rename.workspace_edit(edits, ls.convert, versions, ls.document_changes)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[actions.QUICKFIX]))
    def code_action(ls: GlossaryServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        found = ls.document(params.text_document.uri)
        if found is None or ls.state is None:
            return None
        convert = ls.convert
        wanted = params.range
        near = [
            d for d in ls.state.findings.get(found[0], ())
            if (r := convert.range(d.span)).start.line <= wanted.end.line and r.end.line >= wanted.start.line
        ]
        return actions.code_actions(ls.state.graph, near, convert)


def _link(ls: GlossaryServer, uri: str, position: types.Position) -> navigation.Link | None:
    found = ls.document(uri)
    if found is None or ls.state is None:
        return None
    path, parsed = found
    column = ls.convert.lines(path).index(position)
    return navigation.link_at(ls.state.graph, parsed, position, column)


def _ident_at(ls: GlossaryServer, uri: str, position: types.Position) -> str | None:
    """The id of the heading at ``position``, else the target of the link there."""
    found = ls.document(uri)
    if found is None:
        return None
    heading = navigation.heading_at(found[1], position.line)
    if heading is not None:
        return heading[1]
    link = _link(ls, uri, position)
    if link is None:
        return None
    target = link.target
    if target is not None and target.entry_id is not None:
        return target.anchor or target.entry_id
    return link.reference.target


def _renamed(ls: GlossaryServer, uri: str, position: types.Position) -> tuple[str, rename.Renamed] | None:
    found = ls.document(uri)
    if found is None or ls.state is None:
        return None
    path, parsed = found
    lines = ls.convert.lines(path)
    renamed = rename.renamed_at(ls.state.graph, parsed, tuple(lines.lines), position, lines.index(position))
    return (path, renamed) if renamed is not None else None


def _config_above(root: Path) -> Path | None:
    """The ``glossary.yml`` of the glossary that ``root`` is inside of, when ``root`` itself is
    no glossary folder (the editor opened ``entries/`` or a subfolder)."""
    if (root / CONFIG_FILE).is_file() or (root / "entries").is_dir():
        return None
    return next((folder / CONFIG_FILE for folder in root.resolve().parents if (folder / CONFIG_FILE).is_file()), None)


def run(config_path: Path | None = None, cwd: Path | None = None) -> None:
    """Serve on stdin/stdout until the client says exit."""
    logging.basicConfig(level=logging.WARNING)
    server: Any = create_server(config_path, cwd)
    server.start_io()
