# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Before Qt starts: can the window open here? Said in words, with exit 4, never Qt's abort.

Why: when Qt cannot load its platform plugin or reach the display, it prints "Reinstalling
the application may fix this problem" and aborts the process (exit -6, SIGABRT). That advice
is wrong (the app is fine; the computer lacks a system library or a screen) and a teacher
stops there. So:

- ``window_problem()`` runs before the QApplication exists: when Qt will use its X11 (xcb)
  plugin and the plugin does not load, it names the missing libraries and the exact command
  that installs them (evidence_vault.desktop_libraries);
- ``construct_application()`` creates the QApplication with a Qt message handler in place
  for that moment only: anything Qt still finds fatal (no display to connect to, a plugin
  that loads but fails) becomes one line and exit 4 instead of the abort.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping

from evidence_vault import desktop_libraries as libs

EXIT_CANNOT_OPEN = 4  # an operational failure (docs/cli.md)


def window_problem(env: Mapping[str, str] | None = None, *, xcb: bool | None = None) -> str | None:
    """A sentence for a person when the window cannot open here; None when it can, or when
    Qt will not use the xcb plugin (offscreen, Wayland, Windows, macOS). ``xcb=True``: check
    the plugin whatever the settings say (Qt fell back to it)."""
    if not (libs.qt_will_use_xcb(env) if xcb is None else xcb):
        return None
    plugin = libs.platform_plugin("xcb")
    if plugin is None:
        return None  # a PySide6 without X11 support: Qt says so itself
    error = libs.load_error(plugin)
    if error is None:
        return None
    missing = libs.missing_libraries(plugin, env=env)
    if missing:
        return libs.describe(missing)
    return f"the window cannot open: Qt's X11 plugin does not load on this computer ({error})."


def report(problem: str) -> int:
    print(f"evidence-vault: {problem}", file=sys.stderr)
    return EXIT_CANNOT_OPEN


def _said_in_words(said: list[str], fatal: str) -> str:
    """Qt's warnings and fatal message, as one sentence without its wrong advice."""
    text = " ".join(said + [fatal]).lower()
    if "xcb" in text and sys.platform.startswith("linux"):
        problem = window_problem(xcb=True)  # Qt fell back to X11 and could not load it
        if problem:
            return problem
    display = os.environ.get("DISPLAY") or ""
    if "could not connect to display" in text:
        where = (f"there is no X11 display at DISPLAY={display} to show it on" if display
                 else "DISPLAY is not set, so there is no screen to show it on")
        return (f"the window cannot open: {where}. Start Evidence Vault from a desktop "
                "session, or set DISPLAY to the screen to use.")
    detail = next((s.strip() for s in said if s.strip()), fatal.splitlines()[0].strip() if fatal else "")
    return f"the window cannot open: Qt could not start its display connection ({detail})."


def construct_application(make: Callable[[], object]) -> object:
    """``make()`` (which creates the QApplication) with Qt's fatal errors turned into one
    line on stderr and exit 4. Qt's warnings while it starts are passed on afterwards."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    said: list[str] = []
    held: list[tuple] = []

    def handler(kind, context, message):
        if kind == QtMsgType.QtFatalMsg:
            sys.stdout.flush()
            sys.stderr.write(f"evidence-vault: {_said_in_words(said, message)}\n")
            sys.stderr.flush()
            os._exit(EXIT_CANNOT_OPEN)
        said.append(message)
        held.append((kind, context, message))

    previous = qInstallMessageHandler(handler)
    try:
        app = make()
    finally:
        qInstallMessageHandler(previous)
    for kind, context, message in held:
        if previous is not None:
            previous(kind, context, message)
        else:
            print(message, file=sys.stderr)
    return app
