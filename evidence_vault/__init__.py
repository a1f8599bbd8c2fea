"""Evidence Vault: capture, seal and hand over evidence of online abuse.

The public library surface is listed in ``__all__`` (a test keeps it honest). The vault
format is specified in docs/vault-format.md, the command line in docs/cli.md.
"""

from ._version import __version__
from .errors import (
    BlocklistFormatError, BrowserNotFoundError, CaptureError, DuplicateFileError, EmailFormatError,
    EvidenceVaultError,
    IntegrityError, InvalidURLError, NavigationError, NotFoundError, PageChangedError, QuarantinedError,
    SafeguardingBlock, StorageError, UncheckableBlock, UnsupportedVersionError, UsageError,
    VaultError, VaultLockedError, VaultNotFoundError, WrongPassphraseError,
)
from .errors import BundlePasswordError, BundleWriteError
from .paths import default_vault_dir
from .vault import Artefact, ArtefactSource, Case, Checkpoint, Item, Vault, VerifyReport

__all__ = [
    "BundlePasswordError", "BundleWriteError",
    "__version__",
    "Artefact", "ArtefactSource", "Case", "Checkpoint", "Item", "Vault", "VerifyReport",
    "default_vault_dir",
    "BlocklistFormatError", "BrowserNotFoundError", "CaptureError", "DuplicateFileError",
    "EmailFormatError", "EvidenceVaultError",
    "IntegrityError", "InvalidURLError", "NavigationError", "NotFoundError", "PageChangedError",
    "QuarantinedError", "SafeguardingBlock", "StorageError", "UncheckableBlock", "UnsupportedVersionError",
    "UsageError", "VaultError", "VaultLockedError", "VaultNotFoundError", "WrongPassphraseError",
]
