# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Cryptography for the vault, built only from the ``cryptography`` package's primitives.

Nothing here invents a primitive: Argon2id derives the key that wraps the data key, HKDF
splits the data key into purpose-bound subkeys, AES-256-GCM seals fields, blobs and wrapped
keys, and ECDSA P-256 signs checkpoints. docs/vault-format.md specifies every construction.
"""
