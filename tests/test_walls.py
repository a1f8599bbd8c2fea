# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The walls inside the library, beside the one that keeps Qt out of it (test_public_api.py).

- Nothing outside ``evidence_vault/vault/`` touches the vault's internals: its sealing
  (``._seal``, ``._open`` and their JSON forms), its event primitive (``._append``), its
  database (``.database``), SQL text, or SQLite itself. The vault has a method for each thing a
  caller needs, so the format's rules (every change one event, in the same transaction) live
  in one package and a change of schema cannot break a caller silently.
- The library's import graph has no cycle, counting imports inside functions: a cycle is how
  one module comes to reach into another's private helpers.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = ROOT / "evidence_vault"
VAULT = LIBRARY / "vault"

INTERNALS = {"_seal", "_seal_json", "_open", "_open_json", "_append", "database"}
SQL = re.compile(r"\b(SELECT\b[\s\S]+\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
                 r"CREATE\s+(TABLE|INDEX|TRIGGER|VIEW)|DROP\s+(TABLE|INDEX|TRIGGER|VIEW)|PRAGMA\s+\w+)\b")
DATABASES = {"sqlite3", "sqlite_utils"}

# Files other engineers are rewriting while this test was written; each line names what is
# still there and the issue that will remove it. Delete the line when that lands: the test
# then holds the file to the rule. (Empty is the goal.)
KNOWN_EXCEPTIONS: dict[str, str] = {}


def _python_files(*folders: Path):
    for folder in folders:
        yield from sorted(folder.rglob("*.py"))


def _own_names(tree: ast.AST) -> set[str]:
    """Methods a file defines itself: a window class's own ``self._open(...)`` is not the vault's."""
    return {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}


def _strings(node: ast.AST):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        yield "".join(v.value if isinstance(v, ast.Constant) else " x " for v in node.values)


def internals_used(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = _own_names(tree)
    found = []
    skip = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in INTERNALS:
            mine = isinstance(node.value, ast.Name) and node.value.id == "self" and node.attr in own
            if not mine:
                found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for name in names:
                if name.split(".")[0] in DATABASES and getattr(node, "level", 0) == 0:
                    found.append(f"line {node.lineno}: imports {name}")
        elif id(node) not in skip:
            for text in _strings(node):
                if SQL.search(text):
                    found.append(f"line {node.lineno}: SQL {text.strip()[:50]!r}")
    return found


def test_nothing_outside_the_vault_touches_its_internals():
    offenders = {}
    for path in _python_files(LIBRARY, ROOT / "ui"):
        if VAULT in path.parents:
            continue
        name = path.relative_to(ROOT).as_posix()
        found = internals_used(path)
        if found and name not in KNOWN_EXCEPTIONS:
            offenders[name] = found
    assert not offenders, ("Use (or add) a Vault method instead of reaching into the vault: "
                           f"{offenders}")


def test_the_known_exceptions_are_still_exceptions():
    """An exception whose file is clean now is removed from the list, so it cannot return."""
    for name in KNOWN_EXCEPTIONS:
        assert internals_used(ROOT / name), f"{name} no longer touches the vault's internals: drop it"


def test_the_check_sees_what_it_is_for(tmp_path):
    """The rule catches each way in (a check that cannot fail is a defect)."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import sqlite3\n"
        "def f(vault, self):\n"
        "    vault._open(b'', 'meta', 'owner')\n"
        "    vault.database.query('SELECT value FROM meta WHERE key=?', ('x',))\n"
        "    self._seal(b'')\n"
        "    table = 'meta'\n"
        "    vault.fields.seal(f'INSERT INTO {table} (key) VALUES (1)')\n"
        "    return 'Select the case from the list'\n", encoding="utf-8")
    found = sorted(internals_used(sample), key=lambda f: int(f.split(":")[0].split()[1]))
    assert [f.split(":")[0] for f in found] == ["line 1", "line 3", "line 4", "line 4", "line 5", "line 7"], found
    own = tmp_path / "own.py"
    own.write_text("class Window:\n    def _open(self, dialog):\n        return dialog\n"
                   "    def show(self):\n        return self._open(None)\n", encoding="utf-8")
    assert internals_used(own) == []


# -- no import cycle --------------------------------------------------------------------------------

def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, known: set[str]) -> set[str]:
    """Every module of ours ``path`` imports, at the top or inside a function."""
    here = _module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            module = node.module or ""
            if node.level:
                module = f"{base}.{module}" if module else base
            targets = [module] + [f"{module}.{a.name}" for a in node.names]
        for target in targets:
            while target and target not in known:  # "pkg.mod.name" -> the module "pkg.mod"
                target = target.rpartition(".")[0]
            if target and target != here and not here.startswith(target + "."):
                out.add(target)  # a module's own packages are imported before it: no edge
    return out


def _import_graph() -> dict[str, set[str]]:
    paths = list(_python_files(LIBRARY))
    known = {_module_name(p) for p in paths}
    return {_module_name(p): _imports(p, known) for p in paths}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_library_has_no_import_cycle():
    assert _cycles(_import_graph()) == []


def test_the_cycle_check_sees_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
