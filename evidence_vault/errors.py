# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The one exception tree of Evidence Vault.

Every error the library raises on purpose is an ``EvidenceVaultError``; its ``str()`` is a
sentence that can be shown to a frightened, non-technical user as it is, and never contains a
passphrase, a key or evidence content. Errors of the libraries underneath (Playwright, SQLite,
pyHanko, the OS) are mapped into this tree at the boundary that calls them, ``raise … from exc``.
Anything that is not an ``EvidenceVaultError`` is a bug and must surface.

Each class carries the CLI exit code it maps to (see docs/cli.md)::

    EvidenceVaultError                  4  operational failure (base)
    ├── UsageError                      2  bad usage or bad input
    │   ├── InvalidURLError             2  a URL we refuse to open (javascript:, file:, malformed…)
    │   ├── NotFoundError               2  no such item / case
    │   ├── DuplicateFileError          2  that file is already in the vault (add it again on purpose)
    │   ├── BlocklistFormatError        2  a hash list file that does not parse
    │   ├── BundlePasswordError         2  an encrypted bundle, and no or the wrong password
    │   └── EmailFormatError            2  an email file whose structure is broken
    ├── VaultError                      4  something about the vault itself
    │   ├── VaultNotFoundError          2  the folder is empty or not a vault
    │   ├── WrongPassphraseError        2  the passphrase or recovery key does not unlock it
    │   ├── UnsupportedVersionError     2  made by a newer Evidence Vault
    │   ├── VaultLockedError            4  another process has it open
    │   ├── StorageError                4  disk full, permission denied, I/O error
    │   └── IntegrityError              1  tampering or corruption detected
    ├── CaptureError                    4  a capture could not be made
    │   ├── BrowserNotFoundError        4  no Chromium/Chrome/Edge to drive
    │   ├── NavigationError             4  unreachable host, refused, TLS failure, redirect loop
    │   ├── PageChangedError            4  the page navigated away mid-capture
    │   └── ErrorPageNotKept            5  the page was an error, a login/consent wall or "not available"
    ├── BundleWriteError                4  pyHanko could not write or sign an evidence bundle
    ├── BundleRefusedError              1  a received bundle failed its check: not imported
    └── SafeguardingBlock               3  clause 71: refused, nothing written
        ├── UncheckableBlock            3  could not be checked (a capture leaves that picture out)
        └── QuarantinedError            3  the item is quarantined and cannot be shown or sent
"""

from __future__ import annotations


class EvidenceVaultError(Exception):
    """Base of every error raised on purpose; ``str()`` is safe to show a user."""

    exit_code = 4


class UsageError(EvidenceVaultError):
    """The request itself is wrong: a bad argument, a missing file, an unknown id."""

    exit_code = 2


class InvalidURLError(UsageError):
    """A URL that Evidence Vault will not open (scheme not http/https, or malformed)."""


class NotFoundError(UsageError):
    """No item, case or list with that name or number exists in this vault."""


class DuplicateFileError(UsageError):
    """A file with the same fingerprint is already in the vault; ``existing`` names the items.

    Nothing was added. Adding it again is allowed, but only on purpose (``again=True``).
    """

    def __init__(self, message: str, existing: list[int] | None = None) -> None:
        super().__init__(message)
        self.existing = list(existing or [])


class BlocklistFormatError(UsageError):
    """A hash list file that does not parse; nothing from it was loaded."""


class BundlePasswordError(UsageError):
    """The evidence bundle is encrypted and no password, or the wrong one, was given."""


class BundleWriteError(EvidenceVaultError):
    """The evidence bundle could not be written or signed (pyHanko's error, mapped); nothing saved."""


class EmailFormatError(UsageError):
    """An email file (.eml or .msg) that cannot be read safely; nothing from it was stored."""


class VaultError(EvidenceVaultError):
    """Something about the vault folder or its files."""


class VaultNotFoundError(VaultError):
    """The folder is missing, empty, or holds something that is not a vault."""

    exit_code = 2


class WrongPassphraseError(VaultError):
    """The passphrase (or recovery key) does not unlock this vault. Nothing was changed."""

    exit_code = 2


class UnsupportedVersionError(VaultError):
    """The vault was made by a newer version of Evidence Vault than this one."""

    exit_code = 2


class VaultLockedError(VaultError):
    """Another Evidence Vault window or command has this vault open."""


class StorageError(VaultError):
    """The operating system refused a read or write: disk full, permissions, I/O error."""


class IntegrityError(VaultError):
    """The vault's contents do not match its ledger: tampering or corruption.

    ``problems`` lists every specific finding (which event, which blob, what is wrong).
    """

    exit_code = 1

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])


class BundleRefusedError(EvidenceVaultError):
    """A bundle someone sent does not pass ``verify-bundle``'s checks, so it was not imported
    (nothing was written). ``problems`` are the check's lines, in plain words."""

    exit_code = 1

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])


class CaptureError(EvidenceVaultError):
    """A web page could not be captured; nothing was stored."""


class BrowserNotFoundError(CaptureError):
    """No browser Evidence Vault can drive is installed."""


class NavigationError(CaptureError):
    """The page could not be loaded: unreachable, refused, certificate error, redirect loop."""


class PageChangedError(CaptureError):
    """The page navigated to another address during the capture, so it was refused."""


class ErrorPageNotKept(CaptureError):
    """The capture was not the page (an HTTP error, a login or consent wall, a "content not
    available" page) and keeping such pages was not asked for, so nothing was stored.
    ``problem`` is the page_problems.PageProblem found."""

    exit_code = 5

    def __init__(self, message: str, problem=None) -> None:
        super().__init__(message)
        self.problem = problem


class SafeguardingBlock(EvidenceVaultError):
    """Clause 71 refusal: a flagged or listed image; nothing was written, shown or sent."""

    exit_code = 3


class UncheckableBlock(SafeguardingBlock):
    """Clause 71, failing closed: something could not be checked (not: something matched).

    The capture engine keeps such a picture out of the page (never drawn, not in the
    archive) and lists it as a capture warning instead of refusing the whole page; a file
    given to Evidence Vault, a finished artefact or a frame that cannot be read is refused.
    """


class QuarantinedError(SafeguardingBlock):
    """The item is quarantined: it is never decrypted for display, copy or export."""
