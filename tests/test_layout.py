"""The house's shape, measured from the code with `ast`: sizes, layers and no import cycle.

Every import counts, the lazy ones inside functions too. The allow-lists name what is known to be
over a limit today; they may only shrink: an entry that no longer needs its place fails the test
until it is removed.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "scorecard"
MAX_MODULE = 500  # lines
MAX_FUNCTION = 60  # lines, from the def (or its first decorator) to its last line

# Known to be too big, each to be cut down.
LONG_MODULES: set[str] = set()
LONG_FUNCTIONS: set[str] = set()

# Score, explain, build the report and the views: pure. Neither they nor anything they import,
# however deep, reads or writes a file or reaches the loader, the cache or the commands.
PURE = {
    "scorecard.score",
    "scorecard.explain",
    "scorecard.sensitivity",
    "scorecard.statuses",
    "scorecard.timeline",
    "scorecard.conditions",
    "scorecard.assessed",
    "scorecard.report",
    "scorecard.views",
    "scorecard.changes",
}
FILE_MODULES = {"os", "io", "pathlib", "shutil", "tempfile", "subprocess", "glob", "pickle", "fcntl", "mmap"}
# What loads data: no renderer imports these, directly or through another module.
LOADING = {
    "scorecard.load",
    "scorecard.loaded",
    "scorecard.files",
    "scorecard.integrity",
    "scorecard.quotes",
    "scorecard.time_checks",
    "scorecard.pipeline",
    "scorecard.yamlnodes",
    "scorecard.schema_messages",
    "scorecard.transaction",
}
# What makes results: renderers take the finished Report and import none of these themselves.
MAKING = {
    "scorecard.score",
    "scorecard.sensitivity",
    "scorecard.report",
    "scorecard.changes",
    "scorecard.jsonjobs",
}
OUTSIDE_THE_CORE = LOADING | {"scorecard.cache", "scorecard.output", "scorecard.streams", "scorecard.workers"}


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, ast.Module]:
    return {_name(p): ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))}


@cache
def lines() -> dict[str, int]:
    return {_name(p): len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.rglob("*.py")}


def _package_of(module: str) -> str:
    is_package = (PACKAGE.parent / module.replace(".", "/") / "__init__.py").exists()
    return module if is_package else module.rpartition(".")[0]


def imports(module: str) -> set[str]:
    """Every module `module` imports (top-level names of other packages, full names of ours),
    wherever the import statement stands."""
    known = modules()
    out: set[str] = set()
    for node in ast.walk(known[module]):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = _package_of(module).split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            subs = {f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known}
            out |= subs or {base}
    return {m if m.startswith("scorecard") else m.split(".")[0] for m in out}


def ours(module: str) -> set[str]:
    return {m for m in imports(module) if m in modules() and m != module}


def test_the_measures_see_the_package():
    """The checks below mean something only if they find the modules and their lazy imports."""
    assert {"scorecard.cli", "scorecard.model", "scorecard.render.pdf"} <= modules().keys()
    assert "scorecard.render.pdf" in imports("scorecard.cli.report")  # imported inside `report` only
    assert _touches_files("scorecard.load") and not _touches_files("scorecard.score")
    assert {"scorecard.load", "scorecard.yamlnodes"} <= reach("scorecard.pipeline")


def test_no_module_is_over_500_lines():
    over = {m: n for m, n in lines().items() if n > MAX_MODULE and m not in LONG_MODULES}
    assert not over, f"modules over {MAX_MODULE} lines: {over}"


def _function_lengths() -> dict[str, int]:
    out: dict[str, int] = {}
    for module, tree in modules().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                key = f"{module}:{node.name}"
                out[key] = max(out.get(key, 0), (node.end_lineno or node.lineno) - first + 1)
    return out


def test_no_function_is_over_60_lines():
    over = {f: n for f, n in _function_lengths().items() if n > MAX_FUNCTION and f not in LONG_FUNCTIONS}
    assert not over, f"functions over {MAX_FUNCTION} lines: {over}"


def test_the_allow_lists_only_shrink():
    """An entry that is no longer over its limit must leave the list, so the limit holds it from then on."""
    lengths = _function_lengths()
    stale = {m for m in LONG_MODULES if lines().get(m, 0) <= MAX_MODULE}
    stale |= {f for f in LONG_FUNCTIONS if lengths.get(f, 0) <= MAX_FUNCTION}
    assert not stale, f"within the limits now, remove from the allow-list: {sorted(stale)}"


def reach(module: str) -> set[str]:
    """Every module of ours that importing `module` may load, however deep."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        for m in ours(todo.pop()) - seen:
            seen.add(m)
            todo.append(m)
    return seen


def _touches_files(module: str) -> bool:
    tree = modules()[module]
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    return bool(imports(module) & FILE_MODULES) or "open" in calls


@pytest.mark.parametrize("module", sorted(PURE))
def test_the_pure_core_reads_and_writes_no_file(module):
    """Scoring, explaining, the report and its views, and all they import: no module that touches
    files (imports os, io, pathlib … or calls open()), none of the loader, cache, output or commands."""
    deep = reach(module) | {module}
    assert not {m for m in deep if _touches_files(m)}
    assert not deep & OUTSIDE_THE_CORE
    assert not {m for m in deep if m.startswith(("scorecard.ingest", "scorecard.cli"))}


def test_the_models_import_only_plain_types():
    for module in (m for m in modules() if m.startswith("scorecard.model")):
        outside = {m for m in ours(module) if not m.startswith("scorecard.model")}
        # The status table imports nothing of the package: the override vocabulary is read from it.
        assert outside <= {"scorecard.dates", "scorecard.errors", "scorecard.statuses"}, module
        assert not imports(module) & FILE_MODULES, module


def test_renderers_load_no_data_and_make_no_results():
    for module in (m for m in modules() if m.startswith("scorecard.render")):
        assert not reach(module) & LOADING, module
        assert not ours(module) & (MAKING | {"scorecard.cli"}), module
        assert not any(m.startswith("scorecard.ingest") for m in reach(module)), module


def test_only_the_entry_points_import_the_cli():
    """The library never imports the commands: only `python -m scorecard` does."""
    outside = [m for m in modules() if not m.startswith("scorecard.cli")]
    users = {m for m in outside if any(x.startswith("scorecard.cli") for x in ours(m))}
    assert users <= {"scorecard.__main__"}, users


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph[v]:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycle():
    graph = {m: ours(m) - {"scorecard"} for m in modules() if m != "scorecard"}
    assert not _cycles(graph)


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


PUBLIC = {"weasyprint", "weasyprint.urls", "pypdf", "pypdf.generic", "pypdf.errors"}  # documented modules


def _private_reach(module: str) -> set[str]:
    """Modules of WeasyPrint or pypdf imported beyond their documented ones, and, in a module that
    handles their objects (a renderer, or one that imports either), private attributes (`x._name`)
    read from anything but `self`."""
    found: set[str] = set()
    handles = module.startswith("scorecard.render") or bool(imports(module) & {"weasyprint", "pypdf"})
    for node in ast.walk(modules()[module]):
        names = (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else []
        )
        found |= {n for n in names if n.split(".")[0] in ("weasyprint", "pypdf") and n not in PUBLIC}
        if (
            handles
            and isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
        ):
            found.add(f".{node.attr}")
    return found


def test_the_pdf_engine_reaches_private_ground_in_one_module_only():
    """WeasyPrint's and pypdf's internals are used in render/engine.py, behind its version gate and
    self-check, and nowhere else."""
    reach = {m: r for m in modules() if m != "scorecard.render.engine" and (r := _private_reach(m))}
    assert not reach, reach
    assert {"weasyprint.layout", "._root_object"} <= _private_reach("scorecard.render.engine")
