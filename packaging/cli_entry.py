# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Frozen entry of the ``evidence-vault`` command line (build.spec).

PyInstaller runs its entry as ``__main__``, where ``evidence_vault/cli/main.py``'s relative
imports would fail; this file imports the package the normal way instead. When the desktop
app is in the build, ``ui.entry`` is the command line plus ``gui`` (as the installed command
is); otherwise the library's own command line.
"""

try:
    from ui.entry import run
except ModuleNotFoundError as exc:  # a build without the desktop app
    if exc.name not in ("ui", "ui.entry"):
        raise
    from evidence_vault.cli.main import run

run()
