# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""EVB1 blobs, sealed fields and key handling, checked against docs/vault-format.md.

The expected ciphertexts are rebuilt here from the spec with bare AES-GCM, so a change to the
construction (nonce layout, associated data, chunk size) fails even if seal and open still agree.
"""

from __future__ import annotations

import hashlib
import io
import os

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from evidence_vault.crypto.aead import BlobCipher, DecryptionFailed, FieldCipher
from evidence_vault.crypto.keys import (
    ARGON2_CAP, ARGON2_FLOOR, KdfParams, new_recovery_key, normalise_recovery_key, recovery_kek,
)
from evidence_vault.errors import WrongPassphraseError

from .helpers import flip_byte

CHUNK = 65536
SEALED = CHUNK + 16
KEY = bytes(range(32))
VAULT_ID = bytes.fromhex("00112233445566778899aabbccddeeff")
ARTEFACT_ID = bytes.fromhex("f0e1d2c3b4a5968778695a4b3c2d1e0f")


def spec_blob(plaintext: bytes, key: bytes = KEY, aad: bytes = VAULT_ID + ARTEFACT_ID) -> bytes:
    """EVB1 as docs/vault-format.md "Blobs" specifies it, written independently of the code."""
    pieces = [plaintext[i:i + CHUNK] for i in range(0, len(plaintext), CHUNK)] or [b""]
    out = [b"EVB1"]
    for i, piece in enumerate(pieces):
        flag = b"\x01" if i == len(pieces) - 1 else b"\x00"
        out.append(AESGCM(key).encrypt(i.to_bytes(11, "big") + flag, piece, aad))
    return b"".join(out)


def seal(plaintext: bytes, pieces: int | None = None, artefact_id: bytes = ARTEFACT_ID) -> bytes:
    cipher = BlobCipher(KEY, VAULT_ID, artefact_id)
    step = pieces or max(1, len(plaintext))
    chunks = [plaintext[i:i + step] for i in range(0, len(plaintext), step)] or [b""]
    out = io.BytesIO()
    digest, size = cipher.seal_stream(chunks, out)
    assert (digest, size) == (hashlib.sha256(plaintext).hexdigest(), len(plaintext))
    return out.getvalue()


def open_blob(sealed: bytes, *, key: bytes = KEY, vault_id: bytes = VAULT_ID,
              artefact_id: bytes = ARTEFACT_ID) -> bytes:
    return b"".join(BlobCipher(key, vault_id, artefact_id).open_stream(io.BytesIO(sealed)))


@pytest.mark.parametrize("size", [0, 1, 65535, 65536, 65537, 3 * 65536])
@pytest.mark.parametrize("piece", [None, 1000, 65536, 70001])
def test_blob_round_trip_matches_the_spec(size, piece):
    plaintext = os.urandom(size)
    sealed = seal(plaintext, piece)
    assert sealed == spec_blob(plaintext)  # same bytes however the caller sliced the input
    chunks = max(1, -(-size // CHUNK))
    assert len(sealed) == 4 + size + 16 * chunks
    assert open_blob(sealed) == plaintext


def test_blob_ciphertext_does_not_contain_the_plaintext():
    plaintext = b"ZQXJ secret evidence text " * 5000
    assert b"ZQXJ" not in seal(plaintext)


# Three full chunks: the final one is a full 65,536 bytes carrying the last-chunk flag.
THREE = os.urandom(3 * CHUNK)
TWO_AND_A_HALF = os.urandom(2 * CHUNK + CHUNK // 2)


@pytest.mark.parametrize("offset, message", [
    (0, "blob does not start with EVB1"),
    (3, "blob does not start with EVB1"),
    (4, "chunk 0 does not authenticate"),               # first ciphertext byte
    (4 + SEALED - 1, "chunk 0 does not authenticate"),  # chunk 0's tag
    (4 + SEALED + 100, "chunk 1 does not authenticate"),
    (4 + 3 * SEALED - 1, "chunk 2 does not authenticate"),  # the final tag
])
def test_blob_flipped_byte(offset, message):
    with pytest.raises(DecryptionFailed, match=message):
        open_blob(flip_byte(seal(THREE), offset))


def test_blob_remove_last_chunk():
    # Chunk 1 now comes last but was sealed without the last-chunk flag.
    with pytest.raises(DecryptionFailed, match="chunk 1 does not authenticate"):
        open_blob(seal(THREE)[: 4 + 2 * SEALED])


@pytest.mark.parametrize("plaintext, cut, message", [
    (THREE, 4 + 2 * SEALED + 1000, "chunk 2 does not authenticate"),
    (THREE, 4 + SEALED + 7, "blob is truncated"),       # 7 bytes cannot even hold a tag
    (TWO_AND_A_HALF, 4 + 2 * SEALED + 100, "chunk 2 does not authenticate"),
    (THREE, 4 + 2 * SEALED + 10, "blob is truncated"),
    (THREE, 4, "blob is truncated"),
    (THREE, 2, "blob does not start with EVB1"),
])
def test_blob_cut_mid_chunk(plaintext, cut, message):
    with pytest.raises(DecryptionFailed, match=message):
        open_blob(seal(plaintext)[:cut])


def test_blob_extended_by_a_chunk():
    sealed = seal(THREE)
    extra = AESGCM(KEY).encrypt((3).to_bytes(11, "big") + b"\x01", b"more", VAULT_ID + ARTEFACT_ID)
    # Even a correctly sealed extra chunk fails: chunk 2 was sealed as the last one.
    with pytest.raises(DecryptionFailed, match="chunk 2 does not authenticate"):
        open_blob(sealed + extra)
    with pytest.raises(DecryptionFailed, match="chunk 2 does not authenticate"):
        open_blob(sealed + sealed[4 + 2 * SEALED:])  # the final chunk repeated


@pytest.mark.parametrize("plaintext, last", [(THREE, 2), (TWO_AND_A_HALF, 2)])
def test_blob_trailing_bytes(plaintext, last):
    with pytest.raises(DecryptionFailed, match=f"chunk {last} does not authenticate"):
        open_blob(seal(plaintext) + b"\x00")


def test_blob_two_chunks_swapped():
    sealed = seal(THREE)
    c0, c1, c2 = (sealed[4 + i * SEALED: 4 + (i + 1) * SEALED] for i in range(3))
    with pytest.raises(DecryptionFailed, match="chunk 0 does not authenticate"):
        open_blob(b"EVB1" + c1 + c0 + c2)
    with pytest.raises(DecryptionFailed, match="chunk 1 does not authenticate"):
        open_blob(b"EVB1" + c0 + c2 + c1)


def test_blob_final_empty_chunk_is_refused():
    # Only an empty file may end with an empty chunk; a key holder's re-chunking is refused.
    crafted = (b"EVB1"
               + AESGCM(KEY).encrypt(bytes(11) + b"\x00", b"x" * CHUNK, VAULT_ID + ARTEFACT_ID)
               + AESGCM(KEY).encrypt((1).to_bytes(11, "big") + b"\x01", b"", VAULT_ID + ARTEFACT_ID))
    with pytest.raises(DecryptionFailed, match="blob ends with an empty chunk"):
        open_blob(crafted)


@pytest.mark.parametrize("what", ["artefact id", "vault id", "key"])
def test_blob_bound_to_artefact_vault_and_key(what):
    sealed = seal(b"evidence")
    other = {"artefact id": {"artefact_id": flip_byte(ARTEFACT_ID, 15)},
             "vault id": {"vault_id": flip_byte(VAULT_ID, 0)},
             "key": {"key": flip_byte(KEY, 31)}}[what]
    with pytest.raises(DecryptionFailed, match="chunk 0 does not authenticate"):
        open_blob(sealed, **other)


# -- sealed fields ------------------------------------------------------------------------
def test_field_matches_the_spec_and_round_trips():
    fields = FieldCipher(KEY, VAULT_ID)
    sealed = fields.seal(b"Ms Smith", table="cases", row="1", column="name")
    subkey = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                  info=b"evidence-vault/1 fields").derive(KEY)
    aad = VAULT_ID + b"\x00cases\x001\x00name"
    assert AESGCM(subkey).decrypt(sealed[:12], sealed[12:], aad) == b"Ms Smith"
    assert fields.open(sealed, table="cases", row="1", column="name") == b"Ms Smith"
    assert fields.seal(b"Ms Smith", table="cases", row="1", column="name") != sealed  # fresh nonce


@pytest.mark.parametrize("where", [
    {"table": "items", "row": "1", "column": "name"},
    {"table": "cases", "row": "2", "column": "name"},
    {"table": "cases", "row": "1", "column": "info"},
])
def test_field_bound_to_table_row_column(where):
    fields = FieldCipher(KEY, VAULT_ID)
    sealed = fields.seal(b"Ms Smith", table="cases", row="1", column="name")
    with pytest.raises(DecryptionFailed, match="does not authenticate"):
        fields.open(sealed, **where)


def test_field_bound_to_vault_and_refuses_damage():
    sealed = FieldCipher(KEY, VAULT_ID).seal(b"x", table="t", row="1", column="c")
    where = {"table": "t", "row": "1", "column": "c"}
    with pytest.raises(DecryptionFailed, match="does not authenticate"):
        FieldCipher(KEY, flip_byte(VAULT_ID, 0)).open(sealed, **where)
    for offset in (0, 11, 12, len(sealed) - 1):
        with pytest.raises(DecryptionFailed, match="does not authenticate"):
            FieldCipher(KEY, VAULT_ID).open(flip_byte(sealed, offset), **where)
    for bad in (sealed[:27], b"", "a text value", None, 5):
        with pytest.raises(DecryptionFailed, match="too short"):
            FieldCipher(KEY, VAULT_ID).open(bad, **where)


# -- keys ---------------------------------------------------------------------------------
def kdf_json(**changes) -> dict:
    obj = {"alg": "argon2id", "salt": "AAAAAAAAAAAAAAAAAAAAAA==", **ARGON2_FLOOR}
    obj.update(changes)
    return obj


def test_kdf_params_accept_floor_and_cap():
    assert KdfParams.from_json(kdf_json()).memory_kib == 65536
    assert KdfParams.from_json(kdf_json(**ARGON2_CAP)).lanes == 16
    assert KdfParams.fresh().to_json()["memory_kib"] == ARGON2_FLOOR["memory_kib"]  # never weaker


@pytest.mark.parametrize("changes, message", [
    ({"memory_kib": 65535}, "memory_kib=65535 is outside the accepted range 65536..262144"),
    ({"memory_kib": 262145}, "memory_kib=262145 is outside"),
    ({"iterations": 2}, "iterations=2 is outside the accepted range 3..7"),
    ({"iterations": 8}, "iterations=8 is outside"),
    ({"lanes": 3}, "lanes=3 is outside the accepted range 4..16"),
    ({"lanes": 17}, "lanes=17 is outside"),
    ({"lanes": True}, "lanes is not an integer"),
    ({"iterations": "3"}, "iterations is not an integer"),
    ({"alg": "scrypt"}, "not argon2id"),
    ({"salt": "AAAAAAAAAAAAAAAAAAAAAA"}, "salt is not valid base64"),
    ({"salt": "AAAAAAAAAAAAAAAAAAAAAB=="}, "salt is not canonical base64"),
    ({"salt": "AAAAAAAAAAAAAAAAAAAA"}, "salt has 15 bytes, expected 16"),
])
def test_kdf_params_outside_bounds_are_refused(changes, message):
    with pytest.raises(ValueError, match=message):
        KdfParams.from_json(kdf_json(**changes))


@pytest.mark.parametrize("value", ["argon2id", ["argon2id"], None, 3])
def test_kdf_params_not_an_object_is_a_value_error(value):
    with pytest.raises(ValueError, match="kdf is not an object"):
        KdfParams.from_json(value)


def test_recovery_key_shape_and_normalisation():
    key = new_recovery_key()
    groups = key.split("-")
    assert len(groups) == 8 and all(len(g) == 5 for g in groups)
    assert not set(key) & set("01IO")
    typed = "  " + " ".join(groups).lower() + "\n"
    assert normalise_recovery_key(typed) == key.replace("-", "")
    salt = os.urandom(16)
    assert recovery_kek(typed, salt) == recovery_kek(key, salt)


@pytest.mark.parametrize("typed", ["", "ABCDE", "O" * 40, "I" * 40, "A" * 39, "A" * 41, "A" * 39 + "!"])
def test_recovery_key_malformed_is_refused(typed):
    with pytest.raises(WrongPassphraseError, match="That is not a recovery key"):
        normalise_recovery_key(typed)
