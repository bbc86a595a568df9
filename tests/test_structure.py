"""Structure rules of issue 12: an acyclic import graph and size limits for modules, functions, classes.

The graph counts every import a module can ever run: module level, inside functions (lazy imports for
optional dependencies) and under ``if TYPE_CHECKING:``, since all of them state a dependency direction.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "summarizer"

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80
MAX_CLASS_LINES = 250


def module_files(root: Path) -> dict[str, Path]:
    """Dotted module name -> file; package ``a.b`` is ``a/b/__init__.py``."""
    modules = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _base_package(name: str, path: Path, level: int) -> str:
    """The package a relative import of ``level`` dots in module ``name`` starts from."""
    parts = name.split(".")
    if path.name != "__init__.py":
        parts.pop()  # a plain module's package is its parent; a package's is itself
    return ".".join(parts[: len(parts) - (level - 1)])


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Every module of the package that ``name`` imports anywhere in its source.

    Importing ``a.b.c`` also runs ``a/__init__`` and ``a/b/__init__``, except the packages the importer
    itself lies in (they are already being imported). ``from pkg import x`` depends on ``pkg/__init__``
    whatever ``x`` is, since Python looks ``x`` up in the package's namespace first, and on ``pkg.x``
    too when that is a submodule. So a child doing ``from . import sibling`` while the package's
    ``__init__`` imports the child is a cycle: it must import ``from .sibling import ...`` instead.
    """
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level:
                base = _base_package(name, path, node.level)
                source = f"{base}.{source}" if source else base
            found.add(source)
            found.update(f"{source}.{alias.name}" for alias in node.names)
    own_packages = _packages_above(name)
    for target in list(found):
        found.update(_packages_above(target) - own_packages)
    return {target for target in found if target in modules and target != name}


def _packages_above(name: str) -> set[str]:
    parts = name.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


def import_graph(root: Path) -> dict[str, set[str]]:
    modules = module_files(root)
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle path (first module repeated at the end) per strongly connected group of modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_cycle_in(group, graph) for group in groups]


def _cycle_in(group: set[str], graph: dict[str, set[str]]) -> list[str]:
    """A shortest cycle through the group's first module (breadth-first inside the group)."""
    start = min(group)
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in sorted(graph[node] & group):
                if target == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [start, *reversed(path[:-1]), start] if node != start else [start, start]
                if target not in previous:
                    previous[target] = node
                    following.append(target)
        frontier = following
    raise AssertionError(f"no cycle in strongly connected group {sorted(group)}")


def oversized(root: Path) -> list[str]:
    """Modules, functions and classes over the issue's line limits, as ``file:line name (n lines)``."""
    problems = []
    for path in sorted(root.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        where = path.relative_to(root.parent)
        lines = len(source.splitlines())
        if lines > MAX_MODULE_LINES:
            problems.append(f"{where} ({lines} lines > {MAX_MODULE_LINES})")
        for node in ast.walk(ast.parse(source, filename=str(path))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                limit = MAX_FUNCTION_LINES
            elif isinstance(node, ast.ClassDef):
                limit = MAX_CLASS_LINES
            else:
                continue
            size = node.end_lineno - node.lineno + 1
            if size > limit:
                problems.append(f"{where}:{node.lineno} {node.name} ({size} lines > {limit})")
    return problems


def test_import_graph_has_no_cycle():
    cycles = find_cycles(import_graph(PACKAGE))
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(cycle) for cycle in cycles)


#: The package's floors, bottom first: a part (a top-level module or subpackage of summarizer) may
#: import only parts on floors below its own. A new part must be placed here.
LAYERS = (
    ("errors", "results", "settings"),
    ("text", "presets", "glossary", "aligned"),
    ("fidelity", "models", "intake", "eval"),
    ("review", "summarize"),
    ("translate",),
    ("options",),
    ("pipeline",),
    ("__init__", "batch", "web"),
    ("cli",),
    ("__main__",),
)


def upward_imports(graph: dict[str, set[str]], layers: tuple[tuple[str, ...], ...]) -> list[str]:
    """Imports from a part to a part on the same or a higher floor, and parts on no floor."""
    floor = {part: level for level, parts in enumerate(layers) for part in parts}

    def part(module: str) -> str:
        return module.split(".")[1] if "." in module else "__init__"

    problems = sorted({f"{part(m)} is on no floor of LAYERS" for m in graph if part(m) not in floor})
    for module, targets in sorted(graph.items()):
        for target in sorted(targets):
            source, dest = part(module), part(target)
            if source != dest and source in floor and dest in floor and floor[dest] >= floor[source]:
                problems.append(f"{module} imports {target} ({source} is not above {dest})")
    return problems


def test_parts_import_only_lower_floors():
    problems = upward_imports(import_graph(PACKAGE), LAYERS)
    assert not problems, "imports that go sideways or up:\n" + "\n".join(problems)


def test_floor_check_reports_upward_sideways_and_unplaced(tmp_path):
    files = {
        "low.py": "from .high import x\n",
        "side.py": "from .low import y\n",
        "high.py": "",
        "new.py": "",
    }
    graph = import_graph(_write_package(tmp_path, files))
    assert upward_imports(graph, (("low", "side"), ("high", "__init__"))) == [
        "new is on no floor of LAYERS",
        "pkg.low imports pkg.high (low is not above high)",
        "pkg.side imports pkg.low (side is not above low)",
    ]
    assert upward_imports(graph, (("high",), ("low",), ("side", "new", "__init__"))) == []


def test_sizes_within_issue_limits():
    problems = oversized(PACKAGE)
    assert not problems, "over the size limits:\n" + "\n".join(problems)


def test_graph_sees_the_whole_package():
    graph = import_graph(PACKAGE)
    assert len(graph) > 80
    # Type-only and lazy imports (relative, one and two levels up) are edges like any other.
    assert "summarizer.pipeline" in graph["summarizer.cli.options"]
    assert "summarizer.models.hf" in graph["summarizer.models"]
    assert "summarizer.text.decode" in graph["summarizer.web.inputs"]


# The checker itself, on small packages written for each case.


def _write_package(root: Path, files: dict[str, str]) -> Path:
    package = root / "pkg"
    for name, source in {"__init__.py": "", **files}.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return package


_APP_IN_SUB = {"sub/__init__.py": "from .app import run\n", "sub/app.py": "from . import helper\n"}
_TOP_AND_SUB = {
    "sub/__init__.py": "from ..top import x\n",
    "sub/leaf.py": "",
    "top.py": "from .sub import leaf\n",
}
_TYPE_ONLY = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.b import B\n"

#: Small packages and the loop each must be reported with.
CYCLES = {
    "lazy": ({"a.py": "def f():\n    from . import b\n", "b.py": "from .a import f\n"}, "pkg.a pkg.b pkg.a"),
    "type-checking": ({"a.py": _TYPE_ONLY, "b.py": "import pkg.a\n"}, "pkg.a pkg.b pkg.a"),
    "child-imports-a-name-from-its-package-init": (_APP_IN_SUB, "pkg.sub pkg.sub.app pkg.sub"),
    "child-imports-a-sibling-via-its-package-init": (
        {**_APP_IN_SUB, "sub/helper.py": ""},
        "pkg.sub pkg.sub.app pkg.sub",
    ),
    "package-init-runs-for-its-submodule": (_TOP_AND_SUB, "pkg.sub pkg.top pkg.sub"),
    "relative-two-levels": (
        {"a.py": "from .sub.deep import x\n", "sub/deep.py": "from ..a import y\n"},
        "pkg.a pkg.sub.deep pkg.a",
    ),
}


@pytest.mark.parametrize(("files", "cycle"), CYCLES.values(), ids=CYCLES.keys())
def test_cycle_finder_reports_the_loop(tmp_path, files, cycle):
    assert [" ".join(loop) for loop in find_cycles(import_graph(_write_package(tmp_path, files)))] == [cycle]


def test_children_importing_siblings_directly_make_no_cycle(tmp_path):
    files = {
        "sub/__init__.py": "from .app import run\n",
        "sub/app.py": "from .helper import x\nimport pkg.sub.other\n",
        "sub/helper.py": "",
        "sub/other.py": "import os\nfrom pkg import top\n",
        "top.py": "",
    }
    graph = import_graph(_write_package(tmp_path, files))
    assert graph["pkg.sub.app"] == {"pkg.sub.helper", "pkg.sub.other"}
    assert graph["pkg.sub.other"] == {"pkg", "pkg.top"}
    assert find_cycles(graph) == []


def test_size_check_reports_each_limit(tmp_path):
    function = "def long():\n" + "    x = 1\n" * MAX_FUNCTION_LINES
    klass = "class Big:\n" + "".join(f"    a{i} = {i}\n" for i in range(MAX_CLASS_LINES))
    package = _write_package(tmp_path, {"f.py": function, "c.py": klass, "m.py": "x = 1\n" * 401})
    problems = "\n".join(oversized(package))
    assert f"pkg/f.py:1 long ({MAX_FUNCTION_LINES + 1} lines" in problems
    assert f"pkg/c.py:1 Big ({MAX_CLASS_LINES + 1} lines" in problems
    assert "pkg/m.py (401 lines" in problems
    assert oversized(_write_package(tmp_path / "ok", {"f.py": "def short():\n    return 1\n"})) == []
