# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The capture command's browser, started before the rest of the command line is imported.

Why: ``evidence-vault capture URL`` spent half a second importing the vault, the mail
reader, the bundle code and the rest before it asked for the browser, which then took
another 0.9 s to start. Started first, the two overlap (bench/shot_scraper_bench.py).

Only the command word and the global ``--vault`` are read here, by a scan that knows nothing
else; the real parser then reads the whole command line as always and reports any mistake.
A browser started here that the command does not take (a usage error, a missing vault) is
closed by ``close_unused`` when the command ends.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import EvidenceVaultError

_GLOBAL_WITH_VALUE = ("--vault", "--passphrase-file")
_started = None  # (temp_root, BrowserWorker)


def start_for(argv: list[str]) -> None:
    """Start the browser now if ``argv`` is a plain ``capture URL`` command."""
    global _started
    found = _plain_capture(argv)
    if found is None:
        return
    vault, rest = found
    from ..capture import BrowserWorker, find_browser
    from ..paths import app_temp_root, default_vault_dir

    try:
        temp_root = app_temp_root(Path(os.path.expanduser(vault) if vault else str(default_vault_dir())))
        worker = BrowserWorker(browser_path=find_browser(), temp_root=temp_root)
    except (EvidenceVaultError, OSError):
        return  # the command itself finds the same problem and says it properly
    worker.start_browser(with_page=not any(a == "--device" or a.startswith("--device=") for a in rest))
    _started = (temp_root, worker)


def take(temp_root: Path):
    """The worker started for this command, if it was started for ``temp_root``; else None."""
    global _started
    if _started is None:
        return None
    (root, worker), _started = _started, None
    if root == temp_root:
        return worker
    worker.close()
    return None


def close_unused() -> None:
    """Close a browser started here that the command did not take."""
    global _started
    if _started is not None:
        _started[1].close()
        _started = None


def _plain_capture(argv: list[str]) -> tuple[str | None, list[str]] | None:
    """(the --vault given or None, the arguments after ``capture``) for a capture of an
    address; None for anything else (another command, help, a flag report)."""
    vault = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in _GLOBAL_WITH_VALUE:
            if i + 1 >= len(argv):
                return None
            if arg == "--vault":
                vault = argv[i + 1]
            i += 2
            continue
        if arg.startswith("--vault="):
            vault = arg.split("=", 1)[1]
        elif arg == "capture":
            rest = argv[i + 1:]
            if any(a in ("-h", "--help", "--flag-indecent") for a in rest):
                return None
            if not any(a.startswith(("http://", "https://")) for a in rest):
                return None
            return vault, rest
        elif not arg.startswith("-"):
            return None
        i += 1
    return None
