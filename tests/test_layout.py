"""The code's layout, read from the source with `ast`: no import cycle, no module over 400 lines,
no function over 60 lines without a reason, no import hidden inside a function, and the ontology
standing on its own."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("kg", "explorer", "ontology")
MAX_LINES = 400
MAX_FUNCTION_LINES = 60
# Functions allowed to be longer, each with its reason.
LONG_FUNCTIONS = {
    ("kg.curation.scaffold", "_examples"): "the example statements of a new curation file: text, not logic",
}
# Imports a function may make: the query worker enters its network namespace before it loads the
# engine; importing nanopub turns off rdflib's literal normalisation for the whole process.
LATE_IMPORTS = {("kg.sparql.worker", "kg.sparql.evaluate"), ("kg.publish.bundle", "nanopub.trustyuri.rdf")}


def _name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {_name(p): p for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))}


def _imported(module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The project modules an import statement loads, submodules named in `from X import y` included."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    base = node.module or ""
    if node.level:
        package = module.split(".") if modules()[module].name == "__init__.py" else module.split(".")[:-1]
        base = ".".join(package[:len(package) - node.level + 1] + ([base] if base else []))
    return [f"{base}.{a.name}" if f"{base}.{a.name}" in modules() else base for a in node.names]


def _package_inits(module: str, target: str) -> list[str]:
    """Loading `a.b.c` from outside `a.b` runs `a.b`'s __init__ first: an edge as real as the import."""
    parts = target.split(".")
    return [p for p in (".".join(parts[:i]) for i in range(1, len(parts)))
            if p in modules() and not (module + ".").startswith(p + ".")]


@cache
def imports() -> dict[str, set[str]]:
    graph = {}
    for module, path in modules().items():
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for target in _imported(module, node):
                    edges.update(t for t in [target, *_package_inits(module, target)] if t in modules())
        graph[module] = edges - {module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle():
    assert "kg.sparql.runner" in imports()["kg.explore.base"]  # the graph is read, not empty
    assert cycles(imports()) == []


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_over_400_lines(package):
    sizes = {m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in modules().items()
             if m.split(".")[0] == package}
    assert sizes and {m: n for m, n in sizes.items() if n > MAX_LINES} == {}


def test_no_function_over_60_lines_without_a_reason():
    long = {}
    for module, path in [*modules().items(), ("app", ROOT / "app.py")]:
        for fn in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                long[(module, fn.name)] = fn.end_lineno - fn.lineno + 1
    assert long[("kg.curation.sources", "read_source")] > 10  # the functions are measured
    assert {k: n for k, n in long.items() if n > MAX_FUNCTION_LINES and k not in LONG_FUNCTIONS} == {}


def test_no_import_inside_a_function():
    late = set()
    for module, path in modules().items():
        for fn in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                for node in ast.walk(fn):
                    if isinstance(node, ast.Import | ast.ImportFrom):
                        late.update((module, t) for t in _imported(module, node))
    assert late - LATE_IMPORTS == set()


def test_ontology_imports_nothing_from_kg():
    from_kg = {m: sorted(t for t in edges if t.split(".")[0] == "kg")
               for m, edges in imports().items() if m.split(".")[0] == "ontology"}
    assert {m: t for m, t in from_kg.items() if t} == {}
