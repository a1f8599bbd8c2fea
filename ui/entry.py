# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The installed ``evidence-vault`` command: the library's CLI plus ``gui`` (the desktop app).

The library never imports the UI, so the CLI offers a hook for extra commands
(``extra_commands``) and this module registers ``gui`` through it, so ``--help`` lists it.
The options after ``gui`` belong to the app (``ui.app``), so they are handed over as they
are rather than parsed by the CLI.
"""

from __future__ import annotations

import sys

from evidence_vault.cli import main as cli

_TAKES_VALUE = {"--vault", "--passphrase-file"}


def _register_gui(sub) -> None:
    p = sub.add_parser("gui", help="open the Evidence Vault window (the desktop app)")
    p.add_argument("--self-check", nargs="?", const="", metavar="DIR",
                   help="headless check that the app works (see docs/cli.md)")
    p.add_argument("--a11y-report", metavar="FILE",
                   help="with --self-check: write the accessibility report (JSON) to FILE")
    p.set_defaults(func=lambda args: _run_gui([]))


def _run_gui(argv: list[str]) -> int:
    from .app import main as app_main

    return app_main(argv)


def _split_at_gui(argv: list[str]) -> tuple[list[str], list[str]] | None:
    """(global options, app options) when the command is ``gui``; None otherwise."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "gui":
            return argv[:i], argv[i + 1:]
        if not arg.startswith("-"):
            return None
        i += 2 if arg in _TAKES_VALUE else 1
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    split = _split_at_gui(argv)
    if split is not None:
        head, tail = split
        extra: list[str] = []
        for i, arg in enumerate(head):
            if arg == "--vault" and i + 1 < len(head):
                extra = ["--vault", head[i + 1]]
            elif arg.startswith("--vault="):
                extra = ["--vault", arg.split("=", 1)[1]]
        return _run_gui(extra + tail)
    return cli.main(argv, extra_commands=[_register_gui])


def run() -> None:
    argv = sys.argv[1:]
    code = main(argv)
    if _split_at_gui(argv) is None:
        cli.exit_now(code)  # a command line command: done, skip the interpreter's teardown
    sys.exit(code)
