# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Write one benchmark's section into bench/RESULTS.md, replacing the earlier run's section.

Shared by every script in bench/ so that each owns its sections and never clobbers another's;
also the pieces every run needs around that: a private config folder and a fresh work folder.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def replace_section(heading: str, lines: list[str], path: Path = RESULTS) -> None:
    """Put ``heading`` followed by ``lines`` in place of the section with that heading."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    section = heading + "\n\n" + "\n".join(lines).strip("\n") + "\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section + "\n", text, count=1).rstrip("\n") + "\n"
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def publish(heading: str, lines: list[str]) -> None:
    """Write the run's section into RESULTS.md and print it, so the person who ran it sees it."""
    replace_section(heading, lines)
    print("\n".join(lines))


def work_dir(name: str) -> Path:
    """bench/work/``name``, emptied of an earlier run's files: where a run writes its vault and
    inputs (the caller removes it when done)."""
    folder = RESULTS.parent / "work" / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def private_config() -> Path:
    """Give this bench run (and the commands it starts) a config folder of its own, removed at
    exit: the vaults a bench makes must not land in the user's list of known vaults or leave
    rollback witnesses behind (a new-user trial found both). Call before any vault is made."""
    folder = Path(tempfile.mkdtemp(prefix="ev-bench-config-"))
    os.environ["EVIDENCE_VAULT_CONFIG_DIR"] = str(folder)
    atexit.register(shutil.rmtree, folder, True)
    return folder
