"""Structure a newcomer can change safely: no import cycle inside ``parley.exports`` (imports in
function bodies count: a lazy cycle is still a cycle), and no module imports another's private
names."""

from __future__ import annotations

import ast
from pathlib import Path

EXPORTS = Path(__file__).resolve().parent.parent / "parley" / "exports"


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every ``from parley.exports... import`` in the file, at any depth."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("parley.exports"):
            if node.module == "parley.exports":
                out.extend((f"parley.exports.{a.name}", []) for a in node.names)
            else:
                out.append((node.module, [a.name for a in node.names]))
    return out


def test_exports_has_no_import_cycle() -> None:
    graph = {f"parley.exports.{p.stem}": {m for m, _ in _imports(p)} for p in EXPORTS.glob("*.py")}

    def visit(mod: str, path: tuple[str, ...]) -> None:
        assert mod not in path, " -> ".join((*path, mod))
        for dep in graph.get(mod, ()):
            visit(dep, (*path, mod))

    for mod in graph:
        visit(mod, ())


def test_no_private_names_across_modules() -> None:
    for p in EXPORTS.glob("*.py"):
        for mod, names in _imports(p):
            private = [n for n in names if n.startswith("_")]
            assert not private, f"{p.name} imports {private} from {mod}"
