# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The library's public surface is exactly what __all__ says, and the core never imports Qt."""

import ast
from pathlib import Path

import evidence_vault

ROOT = Path(__file__).resolve().parents[1]


def test_all_names_exist_and_are_unique():
    assert len(set(evidence_vault.__all__)) == len(evidence_vault.__all__)
    for name in evidence_vault.__all__:
        assert hasattr(evidence_vault, name), name


def test_every_error_is_in_the_tree_and_exported():
    from evidence_vault import errors

    classes = [v for v in vars(errors).values() if isinstance(v, type) and issubclass(v, Exception)]
    for cls in classes:
        assert issubclass(cls, errors.EvidenceVaultError)
        assert cls.__name__ in evidence_vault.__all__, f"{cls.__name__} is not exported"
        assert cls.__name__ in errors.__doc__, f"{cls.__name__} is missing from the tree drawing"
        assert cls.exit_code in (1, 2, 3, 4, 5)  # docs/cli.md "Exit codes"


def test_core_never_imports_qt_or_ui():
    for path in (ROOT / "evidence_vault").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                assert top not in ("PySide6", "PyQt5", "PyQt6", "ui"), f"{path} imports {name}"
