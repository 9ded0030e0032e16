"""The import contract: flows -> warehouse -> schemas <- cleaners. Nothing imports upward, and no package's modules
import each other in a circle. Read from the code's own import statements (every one, also those inside functions)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.paths import ROOT

PACKAGES = ("flows", "warehouse", "cleaners", "schemas")
ALLOWED = {  # what each package may import from the others
    "flows": {"warehouse", "cleaners", "schemas"},
    "warehouse": {"schemas"},
    "cleaners": {"schemas"},
    "schemas": set(),
}
FORBIDDEN_THIRD_PARTY = {  # what the pure layers must not use
    "cleaners": {"prefect", "duckdb", "prefect_dask", "distributed"},
    "schemas": {"prefect", "duckdb"},
    "warehouse": {"prefect"},
}


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            found[name] = path
    return found


def imports_of(path: Path, runtime_only: bool = False) -> set[str]:
    """Every module an import statement names; ``runtime_only`` leaves out those under ``if TYPE_CHECKING:``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if runtime_only:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
                node.body = []
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def upward_imports() -> list[str]:
    wrong = []
    for name, path in modules().items():
        package = name.split(".")[0]
        for imported in imports_of(path):
            top = imported.split(".")[0]
            if top in PACKAGES and top != package and top not in ALLOWED[package]:
                wrong.append(f"{name} imports {imported}")
            if top in FORBIDDEN_THIRD_PARTY.get(package, ()):
                wrong.append(f"{name} imports {imported}")
    return wrong


def import_cycles() -> list[list[str]]:
    known = modules()
    graph = {
        name: sorted(m for m in imports_of(path, runtime_only=True) if m in known and m != name)
        for name, path in known.items()
    }
    cycles, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for nxt in graph[node]:
            if state.get(nxt) == "open":
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = "done"

    for start in graph:
        if start not in state:
            visit(start, [start])
    return cycles


def test_no_package_imports_upward() -> None:
    assert upward_imports() == []


def test_no_modules_import_each_other_in_a_circle() -> None:
    assert import_cycles() == []


@pytest.mark.parametrize("package", PACKAGES)
def test_each_package_names_its_entry_point(package: str) -> None:
    assert ast.get_docstring(ast.parse((ROOT / package / "__init__.py").read_text(encoding="utf-8")))


def test_the_contract_check_catches_an_upward_import() -> None:
    rogue = ROOT / "cleaners" / "_contract_probe.py"
    rogue.write_text("from warehouse import Warehouse\n", encoding="utf-8")
    try:
        assert "cleaners._contract_probe imports warehouse" in upward_imports()
    finally:
        rogue.unlink()


def test_the_contract_check_catches_a_circle() -> None:
    first, second = ROOT / "schemas" / "_probe_a.py", ROOT / "schemas" / "_probe_b.py"
    first.write_text("import schemas._probe_b\n", encoding="utf-8")
    second.write_text("from schemas._probe_a import x\n", encoding="utf-8")
    try:
        assert ["schemas._probe_a", "schemas._probe_b", "schemas._probe_a"] in import_cycles()
    finally:
        first.unlink()
        second.unlink()
