# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The watchdog that makes "never a hang" true even against a page that wedges the browser.

Playwright has no timeout on ``evaluate`` or CDP calls, and a page running an endless
script blocks them all. The only sure way out is to end the browser process; Playwright
then fails the pending call, the capture reports it, and the worker starts a new browser
for the next capture. The process is found among this process's descendants with psutil
(``_processes``), so this works on Windows and macOS as well as Linux.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from . import _processes
from ._guard import Gate
from ._types import CaptureOptions


class Watchdog:
    """Kills this run's browser if a capture outlives its hard limit.

    Time spent inside the Inspector does not count: a slow safeguarding check is not a
    wedged page.
    """

    def __init__(self, seconds: float, session_dir: Path, gate: Gate | None) -> None:
        self.fired = False
        self._limit = seconds
        self._gate = gate
        self._session_dir = session_dir
        self._started = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="evidence-vault-watchdog", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.5):
            spent = time.monotonic() - self._started
            if self._gate is not None:
                spent -= self._gate.inspector_s
            if spent > self._limit:
                self.fired = True
                _processes.kill_browser(self._session_dir)
                return

    def cancel(self) -> None:
        self._stop.set()


def hard_limit_s(options: CaptureOptions) -> float:
    bands = options.max_height_px / 8000 + 1
    return 2 * options.timeout_s + options.lazy_scroll_budget_s + 10 + 2 * bands
