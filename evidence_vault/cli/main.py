# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""``evidence-vault`` — the command line over the library (docs/cli.md documents every command).

Each command is a few lines that call the library. This module owns the edge: it turns an
``EvidenceVaultError`` into one clear line on stderr and its exit code (0 ok, 1 integrity
failure, 2 bad usage or input, 3 refused by the safeguarding block, 4 operational failure).
Anything else is a bug (exit 70): its traceback goes to a file in the user's log folder
(bug_reports.py), and one paragraph says what that means for the vault and where the file is;
``--debug`` prints the traceback too.
"""

from __future__ import annotations

import argparse
import atexit
import importlib
import os
import sys
import traceback

from .. import _version
from ..bug_reports import write_bug_report
from ..errors import EvidenceVaultError
from ..paths import default_vault_dir
from . import early
from .quiet import quiet_third_party_warnings

EXIT_BUG = 70  # EX_SOFTWARE: not one of the documented codes, so scripts see it is a bug

# Each module adds its sub-commands with register(subparsers); order is the help order. They
# are imported by build_parser, after ``early`` has started a capture's browser.
COMMAND_MODULES = ["commands_vault", "commands_records", "commands_capture", "commands_safeguarding",
                   "commands_email", "commands_bundle", "commands_leader", "commands_recapture", "commands_redact",
                   "commands_platform"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse exits 2 too; keep one line and a pointer to help
        self.print_usage(sys.stderr)
        print(f"evidence-vault: {message}\nRun 'evidence-vault --help' for the commands.", file=sys.stderr)
        raise SystemExit(2)


def build_parser(extra_commands=()) -> argparse.ArgumentParser:
    """The parser; ``extra_commands`` are more ``register(subparsers)`` functions, so a front
    end installed beside the library (the desktop app's ``gui``) can add a command without
    the library importing it."""
    parser = _Parser(
        prog="evidence-vault",
        description="Keep evidence of online abuse safe: capture, store encrypted, verify, hand over.",
    )
    parser.add_argument("--version", action="version", version=f"evidence-vault {_version.__version__}")
    parser.add_argument("--vault", metavar="DIR",
                        help="vault folder (default: $EVIDENCE_VAULT_DIR or your user data folder)")
    parser.add_argument("--passphrase-file", metavar="FILE",
                        help="read the passphrase from FILE (else $EVIDENCE_VAULT_PASSPHRASE, else a prompt)")
    parser.add_argument("--debug", action="store_true", help="show technical details of errors and other libraries' warnings")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f".{name}", __package__).register(sub)
    for register in extra_commands:
        register(sub)
    return parser


def main(argv: list[str] | None = None, *, extra_commands=()) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    early.start_for(argv)
    try:
        return _main(argv, extra_commands)
    finally:
        early.close_unused()


def _main(argv: list[str], extra_commands) -> int:
    parser = build_parser(extra_commands)
    args = parser.parse_args(argv)
    quiet_third_party_warnings(debug=args.debug)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    args.vault = os.path.expanduser(args.vault) if args.vault else str(default_vault_dir())
    try:
        return int(args.func(args) or 0)
    except EvidenceVaultError as exc:
        print(f"evidence-vault: {exc}", file=sys.stderr)
        problems = getattr(exc, "problems", None)
        if problems and not getattr(args, "json", False):
            for line in problems:
                print(f"  - {line}", file=sys.stderr)
        if args.debug:
            traceback.print_exc()
        return exc.exit_code
    except KeyboardInterrupt:
        print("evidence-vault: stopped. Nothing half-saved was kept.", file=sys.stderr)
        return 130
    except EOFError:  # Ctrl+D (or the end of piped input) at a question: the person stopped
        print("\nevidence-vault: stopped: the question was not answered (the input ended). "
              "Nothing was changed.", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - a bug in Evidence Vault: surface it, never swallow it
        print(bug_message(exc, f"evidence-vault {args.command}"), file=sys.stderr)
        if args.debug:
            traceback.print_exc()
        return EXIT_BUG


def bug_message(exc: BaseException, where: str) -> str:
    """What a person reads after a bug: the command stopped; what it had saved is kept whole (each
    save is one transaction), and where the details are, to send with a report.

    Never "your vault is unchanged": the bug may come after a save (a capture is sealed before
    its report is printed)."""
    said = ("evidence-vault: something went wrong inside Evidence Vault (a bug), and the command "
            "stopped. Anything it had already saved is kept and complete (each save is all or "
            "nothing); 'evidence-vault list' shows what is in the vault.")
    try:
        report = write_bug_report(exc, where=where)
    except OSError as err:
        return (f"{said} The details could not be written to a file ({err.strerror or err}); run the "
                "same command again with --debug to see them, and send them with your report.")
    return f"{said} The details are in {report} - please send that file with your report."


def exit_now(code: int):
    """End the process once a command is done, without the interpreter's teardown.

    Why: after a capture, tearing down the ~700 modules it imported (numpy, Playwright, Pillow,
    sqlite-utils …) and collecting their objects took 0.15-0.2 s, about 6% of the whole
    command (bench/shot_scraper_bench.py). By the time a command returns, everything it wrote
    is closed (the vault, the browser and its temporary folder); this runs the atexit handlers,
    flushes the standard streams, and ends the process with the command's exit code.
    """
    try:
        atexit._run_exitfuncs()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed or broken pipe: nothing more can be said
                pass
        os._exit(code)


def run() -> None:
    exit_now(main())


if __name__ == "__main__":  # pragma: no cover
    run()

