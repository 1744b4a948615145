"""The import graph: the stages import only downwards, and no module imports itself back.

The pipeline is readable from the folders only while this holds: ``core`` is
imported by everyone and imports nobody, ``cli`` imports everyone.  Imports
inside functions count too: a lazy import upwards is still a dependency
upwards.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "glossary_build"

LAYERS = (
    "core", "store", "sources", "parse", "graph", "checks", "edit", "render", "export", "build", "report", "serve",
    "lsp", "cli",
)
"""The stages, lowest first; a module may import from its own stage and the ones before it."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, modules: Collection[str]) -> Iterator[str]:
    """The glossary_build modules that ``path`` imports: ``from a.b import c`` imports the
    submodule ``a.b.c`` if there is one, else (a name in) ``a.b``."""
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("glossary_build"):
            assert node.level == 0, f"{path}: relative import"
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                yield submodule if submodule in modules else node.module
        elif isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.startswith("glossary_build"))


def import_graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {
        name: {target for target in imported(path, modules) if target in modules and target != name}
        for name, path in modules.items()
    }


def stage(module: str) -> int | None:
    """The index of the module's stage in :data:`LAYERS`; None for the package root."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return None if len(parts) == 1 else len(LAYERS)
    return LAYERS.index(parts[1])


def test_every_module_belongs_to_a_stage() -> None:
    for name in import_graph():
        parts = name.split(".")
        assert len(parts) == 1 or parts[1] in LAYERS or parts[1] == "__main__", name


def test_stages_import_only_downwards() -> None:
    upward = []
    for name, targets in import_graph().items():
        for target in targets:
            if target == "glossary_build":  # the root holds only __version__
                continue
            own, theirs = stage(name), stage(target)
            if own is not None and theirs is not None and theirs > own:
                upward.append(f"{name} -> {target}")
    assert upward == []


def test_no_import_cycles() -> None:
    graph = import_graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target):], target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []
