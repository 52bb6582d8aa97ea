"""What `src` imports: no private name of another package (asyncio, telegram, anything not
ours), and no circle of imports between our own modules."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import neighborshare

SRC = Path(neighborshare.__file__).parent
OURS = "neighborshare"

# The one private name the standard library's own documentation tells users to set: the
# Logging HOWTO's "Optimization" section (no caller lookup per record).
DOCUMENTED = {"neighborshare.observability.logging: logging._srcfile"}


def modules() -> dict[str, Path]:
    """Every module of `src` by dotted name (a package by its own name)."""
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = (OURS, *path.relative_to(SRC).with_suffix("").parts)
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    assert {"neighborshare.container", "neighborshare.entrypoints.bot.loops"} <= set(found)
    return found


def _private(name: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in name.split("."))


def absolute(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    """The module a ``from ... import`` names, relative ones resolved against ``module``."""
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    base = base[: len(base) - node.level + (1 if is_package else 0)]
    return ".".join([*base, node.module] if node.module else base)


def private_uses(module: str, source: str, is_package: bool = False) -> Iterator[str]:
    """Each private name ``source`` takes from a package not ours, as ``module: statement``."""
    foreign: set[str] = set()  # local names bound to something imported from elsewhere
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] != OURS:
                    foreign.add(alias.asname or alias.name.split(".")[0])
                    if _private(alias.name):
                        yield f"{module}: import {alias.name}"
        elif isinstance(node, ast.ImportFrom):
            source_module = absolute(module, node, is_package)
            if source_module.split(".")[0] in (OURS, "__future__"):
                continue
            names = ", ".join(alias.name for alias in node.names)
            if _private(source_module) or any(_private(a.name) for a in node.names):
                yield f"{module}: from {source_module} import {names}"
            foreign |= {alias.asname or alias.name for alias in node.names}
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Attribute) and _private(node.attr)
                and isinstance(node.value, ast.Name) and node.value.id in foreign):
            yield f"{module}: {node.value.id}.{node.attr}"


def imports_of(module: str, source: str, known: set[str], is_package: bool = False) -> set[str]:
    """The modules of ours that ``source`` imports, anywhere in it (in a function, or only
    for type checking, too): ``from a import b`` is a.b when that is a module, else a."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = absolute(module, node, is_package)
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return {name for name in found if name in known and name != module}


def cycles(graph: dict[str, set[str]]) -> set[tuple[str, ...]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: set[tuple[str, ...]] = set()

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.add(tuple(sorted(group)))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_src_takes_no_private_name_from_another_package() -> None:
    found = {
        use
        for name, path in modules().items()
        for use in private_uses(name, path.read_text(), path.name == "__init__.py")
    }
    assert found - DOCUMENTED == set()


def test_src_has_no_circle_of_imports() -> None:
    known = modules()
    graph = {
        name: imports_of(name, path.read_text(), set(known), path.name == "__init__.py")
        for name, path in known.items()
    }
    assert cycles(graph) == set()


def test_the_private_check_catches_every_way_in() -> None:
    source = (
        "import asyncio\nimport telegram._utils.types\nfrom telegram._bot import Bot\n"
        "from telegram.ext import _application, Application\nfrom huey import api as h\n"
        "from neighborshare.entrypoints import _home\nfrom . import _ours\n"
        "asyncio._set_running_loop(None)\nh._private\nasyncio.get_running_loop()\n"
        "x = object()\nx._mine\nApplication.__name__\n"
    )
    assert sorted(private_uses("neighborshare.m", source)) == [
        "neighborshare.m: asyncio._set_running_loop",
        "neighborshare.m: from telegram._bot import Bot",
        "neighborshare.m: from telegram.ext import _application, Application",
        "neighborshare.m: h._private",
        "neighborshare.m: import telegram._utils.types",
    ]


def test_the_cycle_check_finds_a_circle_through_a_lazy_import() -> None:
    known = {"neighborshare.a", "neighborshare.b", "neighborshare.c", "neighborshare.pkg"}
    sources = {
        "neighborshare.a": "from neighborshare import b\n",
        "neighborshare.b": "def later():\n    from neighborshare.c import thing\n",
        "neighborshare.c": "from .a import x\nimport neighborshare.pkg\n",
        "neighborshare.pkg": "import os\n",
    }
    graph = {name: imports_of(name, text, known) for name, text in sources.items()}
    assert graph["neighborshare.a"] == {"neighborshare.b"}
    assert cycles(graph) == {("neighborshare.a", "neighborshare.b", "neighborshare.c")}
