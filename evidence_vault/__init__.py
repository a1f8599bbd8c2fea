# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Evidence Vault: capture, seal and hand over evidence of online abuse.

The public library surface is listed in ``__all__`` (a test keeps it honest). The vault
format is specified in docs/vault-format.md, the command line in docs/cli.md.
"""

from ._version import __version__
from .errors import (
    BlocklistFormatError, BrowserNotFoundError, CaptureError, DuplicateFileError, EmailFormatError,
    ErrorPageNotKept, EvidenceVaultError,
    IntegrityError, InvalidURLError, NavigationError, NotFoundError, PageChangedError, QuarantinedError,
    SafeguardingBlock, StorageError, UncheckableBlock, UnsupportedVersionError, UsageError,
    VaultError, VaultLockedError, VaultNotFoundError, WrongPassphraseError,
)
from .errors import BundlePasswordError, BundleRefusedError, BundleWriteError

# The vault and the paths are imported when first used (PEP 562), not with the package: the
# capture command starts its browser before the vault's imports (sqlite-utils alone is
# 0.2 s), so that the two overlap. ``from evidence_vault import Vault`` works as always.
_LAZY = {
    "default_vault_dir": ".paths",
    **{name: ".vault" for name in ("Artefact", "ArtefactSource", "Case", "Checkpoint", "Item", "Vault",
                                   "VerifyReport")},
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))

__all__ = [
    "BundlePasswordError", "BundleRefusedError", "BundleWriteError",
    "__version__",
    "Artefact", "ArtefactSource", "Case", "Checkpoint", "Item", "Vault", "VerifyReport",
    "default_vault_dir",
    "BlocklistFormatError", "BrowserNotFoundError", "CaptureError", "DuplicateFileError",
    "EmailFormatError", "ErrorPageNotKept", "EvidenceVaultError",
    "IntegrityError", "InvalidURLError", "NavigationError", "NotFoundError", "PageChangedError",
    "QuarantinedError", "SafeguardingBlock", "StorageError", "UncheckableBlock", "UnsupportedVersionError",
    "UsageError", "VaultError", "VaultLockedError", "VaultNotFoundError", "WrongPassphraseError",
]
