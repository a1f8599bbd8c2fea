"""Encrypted blob files: where screenshots, archives and imported files live.

A blob's file name is its artefact id, 16 random bytes in hex, so names say nothing about
content. A blob is sealed into ``blobs/.tmp/<id>``, fsynced, then renamed into
``blobs/<first two hex digits>/<id>`` before the database transaction that references it
commits; ids are recorded in ``pending_blobs`` first, so an interrupted write leaves an entry
that the next open removes, never an orphan that looks like tampering. Plaintext never
touches the disk: only ciphertext is written.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .._faults import crash_point
from ..crypto.aead import BlobCipher
from .files import fsync_dir, storage_error

BLOBS_DIR = "blobs"
TMP_DIR = ".tmp"


class BlobStore:
    def __init__(self, folder: Path, vault_id: bytes) -> None:
        self.root = folder / BLOBS_DIR
        self.tmp = self.root / TMP_DIR
        self._vault_id = vault_id

    def create_dirs(self) -> None:
        self.tmp.mkdir(parents=True, exist_ok=True)

    def path(self, artefact_id: str) -> Path:
        return self.root / artefact_id[:2] / artefact_id

    def write(self, artefact_id: str, blob_key: bytes, chunks: Iterable[bytes]) -> tuple[str, int]:
        """Seal ``chunks`` into the blob for ``artefact_id``; return plaintext (sha256, size)."""
        cipher = BlobCipher(blob_key, self._vault_id, bytes.fromhex(artefact_id))
        tmp = self.tmp / artefact_id
        final = self.path(artefact_id)
        try:
            self.tmp.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as out:
                digest, size = cipher.seal_stream(chunks, out)
                crash_point("blob_sealed_tmp")
                out.flush()
                os.fsync(out.fileno())
            final.parent.mkdir(exist_ok=True)
            os.replace(tmp, final)
            fsync_dir(final.parent)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise storage_error(exc, "saving the evidence") from exc
        return digest, size

    def read(self, artefact_id: str, blob_key: bytes) -> Iterator[bytes]:
        """Plaintext chunks; raises FileNotFoundError or DecryptionFailed for the caller to map."""
        cipher = BlobCipher(blob_key, self._vault_id, bytes.fromhex(artefact_id))
        with open(self.path(artefact_id), "rb") as src:
            yield from cipher.open_stream(src)

    def shred(self, artefact_id: str) -> None:
        """Overwrite then delete a blob; its key is destroyed in the database by the caller."""
        path = self.path(artefact_id)
        try:
            size = path.stat().st_size
            with open(path, "r+b") as handle:
                handle.write(os.urandom(min(size, 1 << 20)))
                remaining = size - min(size, 1 << 20)
                while remaining > 0:
                    step = min(remaining, 1 << 20)
                    handle.write(b"\0" * step)
                    remaining -= step
                handle.flush()
                os.fsync(handle.fileno())
            path.unlink()
            fsync_dir(path.parent)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise storage_error(exc, "destroying the item") from exc

    def discard(self, artefact_id: str) -> None:
        """Remove what an interrupted write left (temp or final file), if anything."""
        for path in (self.tmp / artefact_id, self.path(artefact_id)):
            path.unlink(missing_ok=True)

    def clear_tmp(self) -> None:
        if self.tmp.is_dir():
            for leftover in self.tmp.iterdir():
                leftover.unlink(missing_ok=True)

    def all_ids(self) -> set[str]:
        found: set[str] = set()
        if not self.root.is_dir():
            return found
        for sub in self.root.iterdir():
            if sub.name == TMP_DIR or not sub.is_dir():
                continue
            found.update(p.name for p in sub.iterdir())
        return found
