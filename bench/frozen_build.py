# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""How long build.spec takes to build and how big the folder is, and where the size goes.

    .venv/bin/python bench/frozen_build.py

Builds into a temporary folder (never the checkout) with the pinned PyInstaller, the same
command tests/packaging/test_frozen_build.py runs. The baseline for the size is Playwright's
driver, which any build that drives a browser through Playwright must carry: the ratio says
how much the rest (Python, Qt, our libraries) adds on top of it. Writes its section of
bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _results import private_config, replace_section

REPO = Path(__file__).resolve().parents[1]


def size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def mb(n: int) -> str:
    return f"{n / 1e6:.0f} MB"


def main() -> None:
    private_config()  # the vaults made here stay out of the user's settings
    argparse.ArgumentParser(description=__doc__).parse_args()
    with tempfile.TemporaryDirectory(prefix="ev-frozen-bench-") as tmp:
        out = Path(tmp)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                        "--distpath", str(out / "dist"), "--workpath", str(out / "work"),
                        str(REPO / "build.spec")], cwd=out, check=True)
        took = time.perf_counter() - start
        folder = out / "dist" / "evidence-vault"
        internal = folder / "_internal"
        total = size(folder)
        parts = {
            "Playwright driver": size(internal / "playwright" / "driver"),
            "Qt (PySide6)": size(internal / "PySide6") if (internal / "PySide6").exists() else 0,
            "numpy + numpy.libs": size(internal / "numpy") + size(internal / "numpy.libs"),
            "Pillow": size(internal / "PIL") + size(internal / "pillow.libs"),
        }
        programs = sorted(p.name for p in folder.iterdir() if p.is_file())
    rest = total - sum(parts.values())
    driver = parts["Playwright driver"]
    lines = [
        f"Command: `.venv/bin/python bench/frozen_build.py` ({datetime.date.today()}, 2 cores shared)",
        "",
        f"- build time (fresh work folder, PyInstaller's binary cache warm): {took:.0f} s",
        f"- folder size: {mb(total)} ({', '.join(programs)})",
        *[f"  - {name}: {mb(n)}" for name, n in parts.items()],
        f"  - everything else (Python, system libraries, cryptography, our code): {mb(rest)}",
        f"- size against the Playwright driver alone (the floor): ratio **{total / driver:.2f}**",
    ]
    replace_section("## Desktop build (PyInstaller)", lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
