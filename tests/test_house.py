"""The house: stages in sub-packages, data flowing one way, dependencies declared honestly.

A static import graph of the package (imports inside functions count) has no circle, no stage
imports a later one, at most 10 modules sit at the top, and the third-party modules imported at run
time are exactly the declared dependencies.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = None

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "lawgov_report"
# The stages in the order data flows; a module may import only from its own stage or earlier ones.
ORDER = ["errors", "document", "atomic", "archive", "align", "numerals", "source", "figures", "compose", "writers", "office",
         "readers", "pipeline", "yearover", "batch", "commands", "cli", "__main__"]
FOUNDATION = 5  # the first six: shared by every stage
DIST = {"yaml": "pyyaml", "docx": "python-docx"}


def _imports():
    """(module, imported module, line) for every import in the package, inside functions too."""
    for f in PKG.rglob("*.py"):
        parts = f.relative_to(ROOT).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield module, alias.name, f, node.lineno
            elif isinstance(node, ast.ImportFrom):
                assert node.level == 0, f"{f}:{node.lineno}: use absolute imports"
                for alias in node.names:
                    yield module, f"{node.module}.{alias.name}" if node.module == "lawgov_report" else node.module, \
                        f, node.lineno


def _stage(module: str) -> int:
    parts = module.split(".")
    if len(parts) == 1:
        return ORDER.index("errors")
    return ORDER.index(parts[1])


def test_no_stage_imports_a_later_one():
    backward = [f"{f.relative_to(ROOT)}:{line}: {module} -> {target}" for module, target, f, line in _imports()
                if target.startswith("lawgov_report.") and target.split(".")[1] in ORDER
                and _stage(target) > max(_stage(module), FOUNDATION)
                and not (_stage(target) <= FOUNDATION and _stage(module) <= FOUNDATION)]
    assert not backward, "\n".join(backward)


def test_no_import_circle():
    modules = {}
    for f in PKG.rglob("*.py"):
        parts = f.relative_to(ROOT).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = f
    graph = {m: set() for m in modules}
    for module, target, _f, _line in _imports():
        while target and target not in modules:
            target = target.rpartition(".")[0]
        if target and target != module and not module.startswith(target + ".") and target != "lawgov_report":
            graph[module].add(target)
    state: dict[str, int] = {}

    def visit(node, trail):
        state[node] = 1
        for nxt in graph[node]:
            assert state.get(nxt) != 1, "import circle: " + " -> ".join(trail[trail.index(nxt):] + [nxt])
            if nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for module in graph:
        if module not in state:
            visit(module, [module])


def test_at_most_ten_modules_at_the_top():
    top = [f.name for f in PKG.glob("*.py") if f.name not in ("__init__.py", "__main__.py")]
    assert len(top) <= 10, top


def test_declared_dependencies_are_exactly_those_imported():
    if tomllib is None:
        return
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {d.split(">")[0].split("=")[0].split("[")[0].strip().lower() for d in meta["project"]["dependencies"]}
    used = set()
    for _module, target, _f, _line in _imports():
        top = target.split(".")[0]
        if top not in sys.stdlib_module_names and top not in ("lawgov_report", "__future__"):
            used.add(DIST.get(top, top).lower())
    assert used == declared, f"imported but not declared: {used - declared}; declared but unused: {declared - used}"
