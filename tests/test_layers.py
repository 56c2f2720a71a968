"""The package's layering: imports point down the layers, never up, and no modules import in a cycle.

Every import counts, including those inside functions and under `TYPE_CHECKING`:
a type named from a higher layer is a dependency on it all the same.
"""

from __future__ import annotations

import ast
import re
from itertools import pairwise
from pathlib import Path

from sitekit import REPO

PACKAGE = REPO / "plugins" / "process_handbook"

#: Bottom first. A module (root module or package of `process_handbook`) may import from its
#: own package and from the layers below its own, nothing else. README's layout explains each.
LAYERS: list[set[str]] = [
    {
        "limits",
        "characters",
        "browser_libraries",
    },  # the sizes accepted; the characters refused, and how output shows them; the npm files carried
    {"paths", "suggest", "output", "background", "diagnostics", "cache"},
    {"nodes"},  # the YAML tree with positions (its Mark comes from diagnostics)
    {"model"},
    {"history", "i18n", "loading"},
    {"options"},
    {"validation", "schema"},
    {"rendering", "artifacts", "scaffold"},
    {"pipeline", "importing"},  # importing reads the BPMN vocabulary of artifacts/bpmn.py
    {"diff"},  # compares two loaded handbooks: it runs the pipeline on each revision
    {"adapters"},
]
LAYER = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}


def _modules() -> dict[str, Path]:
    """Dotted module name (without `process_handbook.`) → file; a package by its __init__."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts:
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The modules of the package that `name` imports, anywhere in its file."""
    here = ["process_handbook", *name.split(".")] if name else ["process_handbook"]
    package = here if path.name == "__init__.py" else here[:-1]
    imported: list[tuple[str, str]] = []  # (module, name imported from it or "")
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            imported += [(alias.name, "") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            imported += [(module, alias.name) for alias in node.names]
    targets: set[str] = set()
    for module, item in imported:
        if module != "process_handbook" and not module.startswith("process_handbook."):
            continue
        module = module.removeprefix("process_handbook").lstrip(".")
        candidate = f"{module}.{item}".strip(".")
        if candidate in MODULES:  # `from .. import paths`: the module itself
            targets.add(candidate)
        elif module in MODULES:
            targets.add(module)
    targets.discard(name)
    return targets


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def test_every_module_has_a_layer() -> None:
    units = {name.split(".")[0] for name in MODULES}
    assert units - set(LAYER) == set(), "add the new module to LAYERS (and to README's layout)"
    assert set(LAYER) - units == set(), "LAYERS names a module that no longer exists"


def test_imports_point_down_the_layers() -> None:
    upward = [
        f"{name} imports {target}"
        for name, targets in GRAPH.items()
        for target in sorted(targets)
        if (unit := name.split(".")[0]) != (other := target.split(".")[0])
        and LAYER[other] >= LAYER[unit]
    ]
    assert upward == []


def test_no_import_cycles() -> None:
    """Within a package too: e.g. `rendering.pages` ↔ `rendering.improvement` once was one."""
    state: dict[str, int] = {}  # 1 = on the path, 2 = done
    cycles: list[list[str]] = []

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(GRAPH[name]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    # a package's __init__ re-exporting its own modules is no cycle of the design
    real = [c for c in cycles if not _through_own_init(c)]
    assert real == []


def _through_own_init(cycle: list[str]) -> bool:
    return any(a == b.rsplit(".", 1)[0] or b == a.rsplit(".", 1)[0] for a, b in pairwise(cycle))


def test_the_core_knows_nothing_about_mkdocs() -> None:
    """Only the adapters import MkDocs; the rest is plain Python."""
    users = [
        name
        for name, path in MODULES.items()
        if not name.startswith("adapters")
        and re.search(r"^\s*(from|import) (mkdocs|properdocs)\b", path.read_text("utf-8"), re.M)
    ]
    assert users == []


def _readme_layout() -> set[str]:
    """The module paths README's layout lists under plugins/process_handbook/, by indentation."""
    text = (REPO / "README.md").read_text("utf-8")
    block = text.split("## Layout", 1)[1].split("```", 2)[1]
    listed: set[str] = set()
    stack: list[tuple[int, str]] = []
    inside = False
    for line in block.splitlines():
        if not line.strip():
            continue
        entry = line.split()[0]
        indent = len(line) - len(line.lstrip())
        if entry == "plugins/process_handbook/":
            inside, stack = True, [(indent, "")]
            continue
        if not inside:
            continue
        if indent <= stack[0][0]:
            break
        if indent > stack[-1][0] + 20:  # a continuation line of a description
            continue
        while stack and stack[-1][0] >= indent:
            stack.pop()
        for name in entry.split(","):
            path = f"{stack[-1][1]}{name}" if stack else name
            listed.add(path.rstrip("/"))
        if entry.endswith("/"):
            stack.append((indent, f"{stack[-1][1]}{entry}"))
    return listed


def test_readme_layout_lists_every_module() -> None:
    modules = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")}
    modules = {m for m in modules if not m.endswith("__init__.py")}  # a package is listed itself
    packages = {p.parent.relative_to(PACKAGE).as_posix() for p in PACKAGE.glob("*/__init__.py")}
    listed = _readme_layout()
    assert modules - listed == set(), "README's layout misses these modules"
    assert packages - listed == set(), "README's layout misses these packages"
    assert {p for p in listed if not (PACKAGE / p).exists()} == set(), "listed but not there"
