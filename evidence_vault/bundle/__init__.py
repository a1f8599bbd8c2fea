# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Sealed evidence bundles: one signed PDF per case, and a verifier that needs only the file.

Format: docs/bundle-format.md. For recipients: docs/for-recipients.md. The names below are
loaded on first use: pyHanko is slow to import, and the fingerprint of a vault
(``evidence_vault.fingerprints``) needs only ``certificate``.
"""

from __future__ import annotations

import importlib

_NAMES = {
    "export_bundle": ".export", "ExportResult": ".export",
    "verify_bundle": ".verify", "BundleReport": ".verify", "BundlePasswordError": ".verify",
    "VerifyLimits": ".limits", "TimestampAuthority": ".timestamps",
}

__all__ = sorted(_NAMES)


def __getattr__(name: str):
    if name in _NAMES:
        return getattr(importlib.import_module(_NAMES[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
