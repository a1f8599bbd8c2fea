# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The encrypted, hash-chained vault (format: docs/vault-format.md)."""

from .checkpoints import Checkpoint
from .models import (
    INCIDENT_KINDS, ITEM_KINDS, Artefact, ArtefactSource, Case, Item, PageRecord, VerifyReport,
    can_hold_picture, capture_address,
)
from .vault import Vault

__all__ = [
    "INCIDENT_KINDS", "ITEM_KINDS", "Artefact", "ArtefactSource", "Case", "Checkpoint", "Item",
    "PageRecord", "Vault", "VerifyReport", "can_hold_picture", "capture_address",
]
