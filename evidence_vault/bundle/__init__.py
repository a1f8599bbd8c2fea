# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Sealed evidence bundles: one signed PDF per case, and a verifier that needs only the file.

Format: docs/bundle-format.md. For recipients: docs/for-recipients.md.
"""

from .export import ExportResult, export_bundle
from .verify import BundlePasswordError, BundleReport, verify_bundle

__all__ = ["export_bundle", "verify_bundle", "ExportResult", "BundleReport", "BundlePasswordError"]
