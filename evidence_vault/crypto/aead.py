# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Authenticated encryption of database fields and of blob files.

Fields (URLs, titles, notes, case names) are small: each is sealed whole with AES-256-GCM
under a random nonce, with associated data naming the vault, the table, the row and the
column, so a sealed value copied into another row or another vault fails to open.

Blobs (screenshots, archives, imported files) can be large, so they are sealed as a stream
of 64 KiB chunks in the manner of the age format: a random 256-bit key per blob (kept sealed
in the database, so destroying that one value crypto-shreds the blob and every copy of it),
and a nonce per chunk made of an 11-byte big-endian counter and a last-chunk flag. Truncating, extending, reordering or swapping chunks all fail
authentication; the associated data binds every chunk to the vault id and the artefact id.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .keys import NONCE_BYTES, hkdf

FIELD_INFO = b"evidence-vault/1 fields"
BLOB_MAGIC = b"EVB1"
CHUNK = 64 * 1024
TAG = 16
SEALED_CHUNK = CHUNK + TAG


class DecryptionFailed(Exception):
    """Internal: a sealed value or blob did not authenticate. Callers map it to IntegrityError."""


class FieldCipher:
    """Seals and opens small values stored in database columns."""

    def __init__(self, data_key: bytes, vault_id: bytes) -> None:
        self._aead = AESGCM(hkdf(data_key, FIELD_INFO))
        self._vault_id = vault_id

    def _aad(self, table: str, row: str, column: str) -> bytes:
        return b"\x00".join(
            [self._vault_id, table.encode(), str(row).encode(), column.encode()]
        )

    def seal(self, plaintext: bytes, *, table: str, row: str, column: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, plaintext, self._aad(table, row, column))

    def open(self, sealed: bytes, *, table: str, row: str, column: str) -> bytes:
        if not isinstance(sealed, (bytes, bytearray)) or len(sealed) < NONCE_BYTES + TAG:
            raise DecryptionFailed("sealed value is too short")
        try:
            return self._aead.decrypt(
                bytes(sealed[:NONCE_BYTES]), bytes(sealed[NONCE_BYTES:]),
                self._aad(table, row, column),
            )
        except InvalidTag as exc:
            raise DecryptionFailed("sealed value does not authenticate") from exc


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class BlobCipher:
    """Seals a byte stream into the EVB1 blob format and opens it again, chunk by chunk."""

    def __init__(self, blob_key: bytes, vault_id: bytes, artefact_id: bytes) -> None:
        self._aead = AESGCM(blob_key)
        self._aad = vault_id + artefact_id

    def seal_stream(self, chunks: Iterable[bytes], out: BinaryIO) -> tuple[str, int]:
        """Encrypt ``chunks`` (any sizes) into ``out``; return (sha256 hex, size) of plaintext."""
        aead, aad = self._aead, self._aad
        digest, size, counter = hashlib.sha256(), 0, 0
        out.write(BLOB_MAGIC)
        pending = bytearray()
        for piece in chunks:
            digest.update(piece)
            size += len(piece)
            pending += piece
            while len(pending) > CHUNK:  # keep one chunk back: only the final one is "last"
                out.write(aead.encrypt(_nonce(counter, False), bytes(pending[:CHUNK]), aad))
                del pending[:CHUNK]
                counter += 1
        out.write(aead.encrypt(_nonce(counter, True), bytes(pending), aad))
        return digest.hexdigest(), size

    def open_stream(self, src: BinaryIO) -> Iterator[bytes]:
        """Yield plaintext chunks; raise DecryptionFailed on any tampering or truncation."""
        if src.read(len(BLOB_MAGIC)) != BLOB_MAGIC:
            raise DecryptionFailed("blob does not start with EVB1")
        aead, aad = self._aead, self._aad
        counter = 0
        current = src.read(SEALED_CHUNK)
        while True:
            following = src.read(SEALED_CHUNK) if len(current) == SEALED_CHUNK else b""
            last = not following
            if len(current) < TAG:
                raise DecryptionFailed("blob is truncated")
            try:
                plain = aead.decrypt(_nonce(counter, last), current, aad)
            except InvalidTag as exc:
                raise DecryptionFailed(f"chunk {counter} does not authenticate") from exc
            if last and not plain and counter > 0:
                # Only an empty file has an empty final chunk, as in age.
                raise DecryptionFailed("blob ends with an empty chunk")
            yield plain
            if last:
                return
            counter += 1
            current = following
