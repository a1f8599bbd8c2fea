# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Where the CLI gets passphrases from: a terminal prompt, a file, or the environment.

Never echoed, never logged, never put in an exception message. For scripts and tests the
passphrase comes from ``--passphrase-file FILE`` or ``$EVIDENCE_VAULT_PASSPHRASE`` (restic's
convention); a new passphrase (init, passwd) from ``--new-passphrase-file`` or
``$EVIDENCE_VAULT_NEW_PASSPHRASE``, else a prompt asked twice.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from ..errors import UsageError


def _read_file(path: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"Could not read the passphrase file {path}: {exc.strerror}.") from None
    return text.rstrip("\r\n")


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def current_passphrase(args) -> str:
    if getattr(args, "passphrase_file", None):
        return _read_file(args.passphrase_file)
    if os.environ.get("EVIDENCE_VAULT_PASSPHRASE"):
        return os.environ["EVIDENCE_VAULT_PASSPHRASE"]
    if _interactive():
        return getpass.getpass("Vault passphrase: ")
    raise UsageError(
        "The vault needs its passphrase. Run this in a terminal to be asked for it, or give "
        "--passphrase-file FILE or set EVIDENCE_VAULT_PASSPHRASE."
    )


def new_passphrase(args) -> str:
    if getattr(args, "new_passphrase_file", None):
        return _read_file(args.new_passphrase_file)
    if os.environ.get("EVIDENCE_VAULT_NEW_PASSPHRASE"):
        return os.environ["EVIDENCE_VAULT_NEW_PASSPHRASE"]
    if _interactive():
        first = getpass.getpass("Choose a passphrase: ")
        if getpass.getpass("Type it again: ") != first:
            raise UsageError("The two passphrases were different. Nothing was changed; try again.")
        return first
    raise UsageError(
        "A new passphrase is needed. Run this in a terminal to be asked for it, or give "
        "--new-passphrase-file FILE or set EVIDENCE_VAULT_NEW_PASSPHRASE."
    )


def recovery_key(args) -> str:
    if getattr(args, "recovery_key_file", None):
        return _read_file(args.recovery_key_file)
    if _interactive():
        return getpass.getpass("Recovery key (8 groups of 5): ")
    raise UsageError("Give the recovery key with --recovery-key-file FILE, or run this in a terminal.")
