# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Bug reports: when Evidence Vault's own code fails, the details go to a file, not the screen.

Errors the program expects (a wrong passphrase, a full disk) are ``EvidenceVaultError``s with a
message for the user. Anything else is a bug, and the person who meets it is rarely the person
who can fix it: the traceback would frighten them and could not be copied out of a closed
window. So it is written to a file of its own in the user's log folder
(``paths.default_log_dir``), and the front end (the CLI's exit 70, the app's crash dialog)
says in plain words what happened and where that file is, to send with a report.

The file holds the program's version, the platform, where it happened (e.g. "evidence-vault
capture") and the traceback: no arguments, no input, no local variables, so no passphrase,
key or typed text. An exception's own message may still name what was being worked on
(a file name, a web address); the file is readable by its owner only, and its first lines
say so. Only the newest ``KEEP`` reports are kept.
"""

from __future__ import annotations

import os
import platform
import traceback
from datetime import datetime, timezone
from pathlib import Path

from . import _version
from .paths import default_log_dir

PREFIX = "bug-"
SUFFIX = ".txt"
KEEP = 20  # bug reports kept in the log folder; older ones are removed when a new one is written


def write_bug_report(exc: BaseException, *, where: str, log_dir: Path | None = None) -> Path:
    """Write ``exc`` and its traceback to a new file in ``log_dir`` (default: the user's log
    folder) and return the file's path; ``where`` says what was running ("evidence-vault list",
    "the desktop app"). Raises ``OSError`` if the file cannot be written: the caller then
    says so instead of naming a file that does not exist."""
    folder = Path(log_dir) if log_dir is not None else default_log_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    now = datetime.now(timezone.utc)
    text = "".join([
        f"Evidence Vault {_version.__version__}: a bug report\n",
        f"When: {now.isoformat(timespec='seconds').replace('+00:00', 'Z')}\n",
        f"Where: {where}\n",
        f"Python {platform.python_version()} on {platform.platform()}\n",
        "\nThis file holds no passphrase or key. Its last lines may name the file or web address\n"
        "being worked on: read it before you send it.\n\n",
        *traceback.format_exception(exc),
    ])
    stamp = now.strftime("%Y%m%d-%H%M%S-%f")  # names sort oldest first, which is what is pruned
    for n in range(100):  # never overwrite: a name already taken gets a number
        path = folder / f"{PREFIX}{stamp}-{os.getpid()}{f'-{n}' if n else ''}{SUFFIX}"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as out:
            out.write(text)
        _remove_old_reports(folder, keep=path)
        return path
    raise FileExistsError(f"no free bug report name in {folder}")


def _remove_old_reports(folder: Path, *, keep: Path) -> None:
    reports = sorted(p for p in folder.iterdir()
                     if p.name.startswith(PREFIX) and p.name.endswith(SUFFIX) and p.is_file() and not p.is_symlink())
    for old in [p for p in reports if p != keep][:max(0, len(reports) - KEEP)]:
        try:
            old.unlink()
        except OSError:  # another program's lock or permission: an old report stays, no harm done
            pass
