# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Finding and ending this run's browser process, on Linux, Windows and macOS alike.

Why this module exists: the watchdog must end a browser that a hostile page has wedged
(``_watchdog``), and it used to find it by reading ``/proc``, which only Linux has. psutil
gives the same view everywhere. The search is limited to this process's own descendants
(Playwright's driver and what it launched), so another Chromium on the computer, even one
started by another Evidence Vault, is never touched; the run's session folder on the
command line tells this worker's browser from another worker's in the same process.
"""

from __future__ import annotations

from pathlib import Path

import psutil


def browser_pids(session_dir: Path) -> list[int]:
    """Main browser processes (not renderers or helpers, which carry ``--type=``) that are
    descendants of this process and run with a profile inside ``session_dir``."""
    marker = str(session_dir)
    pids = []
    try:
        children = psutil.Process().children(recursive=True)
    except psutil.Error:
        return pids
    for child in children:
        try:
            args = child.cmdline()
        except psutil.Error:  # ended meanwhile, or not ours to read
            continue
        if any(marker in arg for arg in args) and not any(arg.startswith("--type=") for arg in args):
            pids.append(child.pid)
    return pids


def kill_browser(session_dir: Path) -> bool:
    """Forcefully end the browser of this run (its helpers follow). Returns whether one was found."""
    pids = browser_pids(session_dir)
    for pid in pids:
        try:
            psutil.Process(pid).kill()
        except psutil.Error:
            pass
    return bool(pids)
