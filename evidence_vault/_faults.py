# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Named crash points for the crash-safety tests (the way SQLite has test hooks).

When ``EVIDENCE_VAULT_TEST_CRASH_AT`` names a point, the process kills itself with SIGKILL
there: no cleanup, no ``finally``, exactly as a power cut or the task manager would. The
tests then reopen the vault and check that ``verify`` passes and nothing reported as saved
is missing. Unset (always, outside tests), a crash point does nothing.
"""

from __future__ import annotations

import os
import signal


def crash_point(name: str) -> None:
    if os.environ.get("EVIDENCE_VAULT_TEST_CRASH_AT") == name:
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
