# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The encrypted, hash-chained vault (format: docs/vault-format.md)."""

from .checkpoints import Checkpoint
from .models import (
    INCIDENT_KINDS, ITEM_KINDS, Artefact, ArtefactSource, Case, Item, VerifyReport, can_hold_picture,
)
from .vault import Vault

__all__ = [
    "INCIDENT_KINDS", "ITEM_KINDS", "Artefact", "ArtefactSource", "Case", "Checkpoint", "Item",
    "Vault", "VerifyReport", "can_hold_picture",
]
