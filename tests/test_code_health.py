# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The linter and the type checker pass, at the versions requirements.lock pins.

They run here, inside the suite the README's test command runs (scripts/test.sh, which CI's
.ci/run calls), rather than as steps before it: a lint finding is then reported with every
other failure of the run instead of hiding them, `pytest tests/` on a developer's machine runs
them too, and a missing tool fails (never skips). Their settings are in pyproject.toml.
"""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _locked(name: str) -> str:
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line.split("==")[0].strip().lower() == name:
            return line.split("==")[1].strip()
    raise AssertionError(f"{name} is not pinned in requirements.lock")


@pytest.mark.parametrize("tool", ["ruff", "mypy"])
def test_the_tool_is_the_locked_version(tool):
    assert version(tool) == _locked(tool), f"{tool}: installed {version(tool)}, locked {_locked(tool)}"


def test_ruff_finds_nothing():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing(tmp_path):
    done = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache")], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success" in done.stdout  # the files listed in pyproject.toml were checked


def test_no_two_test_helper_modules_share_a_name():
    """pytest puts each test folder on sys.path (rootdir-relative "prepend" imports), so two helper
    modules called the same in different folders make one folder import the other's: its tests
    fail only when the whole suite runs, never alone."""
    seen: dict[str, list[str]] = {}
    for path in (ROOT / "tests").rglob("*.py"):
        if path.name.startswith("test_") or path.name in {"conftest.py", "__init__.py"}:
            continue
        seen.setdefault(path.name, []).append(path.relative_to(ROOT).as_posix())
    assert {name: paths for name, paths in seen.items() if len(paths) > 1} == {}
