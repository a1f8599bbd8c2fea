# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

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
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .._faults import crash_point
from ..crypto.aead import BlobCipher
from ..errors import IntegrityError
from . import safefs
from .files import fsync_dir, storage_error

BLOBS_DIR = "blobs"
TMP_DIR = ".tmp"


BLOB_NAME = re.compile(r"[0-9a-f]{32}")


def is_blob_name(value: object) -> bool:
    """A blob's name is 32 lowercase hex digits; anything else (a path above all) is refused."""
    return isinstance(value, str) and BLOB_NAME.fullmatch(value) is not None


class BlobStore:
    """Blob files under ``blobs/``, every one opened with safefs (no link is ever followed)."""

    def __init__(self, folder: Path, vault_id: bytes) -> None:
        self.folder = folder
        self.root = folder / BLOBS_DIR
        self.tmp = self.root / TMP_DIR
        self._vault_id = vault_id

    def create_dirs(self) -> None:
        self.tmp.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.root, 0o700)

    def path(self, artefact_id: str) -> Path:
        return self.root / artefact_id[:2] / artefact_id

    @staticmethod
    def rel(artefact_id: str) -> str:
        """The blob's path relative to the vault folder (checked to be a blob name)."""
        if not is_blob_name(artefact_id):
            raise ValueError("not a blob name")
        return f"{BLOBS_DIR}/{artefact_id[:2]}/{artefact_id}"

    def _ensure_dir(self, parts: tuple[str, ...]) -> None:
        with safefs.folder_fd(self.folder, parts[:-1]) as parent:
            try:
                os.mkdir(parts[-1], 0o700, dir_fd=parent)
            except FileExistsError:
                pass  # opening it with safefs below refuses a link or a file

    def write(self, artefact_id: str, blob_key: bytes, chunks: Iterable[bytes]) -> tuple[str, int]:
        """Seal ``chunks`` into the blob for ``artefact_id``; return plaintext (sha256, size)."""
        cipher = BlobCipher(blob_key, self._vault_id, bytes.fromhex(artefact_id))
        tmp_rel = f"{BLOBS_DIR}/{TMP_DIR}/{artefact_id}"
        sub = artefact_id[:2]
        try:
            self._ensure_dir((BLOBS_DIR, TMP_DIR))
            safefs.unlink(self.folder, tmp_rel)
            fd = safefs.open_file(self.folder, tmp_rel, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
            with os.fdopen(fd, "wb") as out:
                digest, size = cipher.seal_stream(chunks, out)
                crash_point("blob_sealed_tmp")
                out.flush()
                os.fsync(out.fileno())
            self._ensure_dir((BLOBS_DIR, sub))
            with safefs.folder_fd(self.folder, (BLOBS_DIR, TMP_DIR)) as src, \
                    safefs.folder_fd(self.folder, (BLOBS_DIR, sub)) as dst:
                os.replace(artefact_id, artefact_id, src_dir_fd=src, dst_dir_fd=dst)
                if os.name == "posix":
                    os.fsync(dst)
        except safefs.NotARegularFile as exc:
            safefs.unlink(self.folder, tmp_rel)
            raise IntegrityError(
                f"The vault folder has been changed: {exc.rel} is {exc.what}, so the evidence "
                "was not saved. Keep a copy of the folder and ask for help.", [f"file {exc}"],
            ) from None
        except OSError as exc:
            safefs.unlink(self.folder, tmp_rel)
            raise storage_error(exc, "saving the evidence") from exc
        return digest, size

    def open(self, artefact_id: str, flags: int = os.O_RDONLY) -> int:
        """A descriptor of the blob file; FileNotFoundError, or NotARegularFile for a planted
        link, folder or pipe."""
        return safefs.open_file(self.folder, self.rel(artefact_id), flags)

    def read(self, artefact_id: str, blob_key: bytes) -> Iterator[bytes]:
        """Plaintext chunks; raises FileNotFoundError, NotARegularFile or DecryptionFailed."""
        cipher = BlobCipher(blob_key, self._vault_id, bytes.fromhex(artefact_id))
        with os.fdopen(self.open(artefact_id), "rb") as src:
            yield from cipher.open_stream(src)

    def shred(self, artefact_id: str) -> None:
        """Overwrite then delete a blob; its key is destroyed in the database by the caller.

        A link, folder or pipe where the blob should be is removed (the link itself), never
        written through."""
        rel = self.rel(artefact_id)
        try:
            try:
                fd = self.open(artefact_id, os.O_RDWR)
            except safefs.NotARegularFile:
                safefs.unlink(self.folder, rel)
                return
            with os.fdopen(fd, "r+b") as handle:
                size = os.fstat(fd).st_size
                handle.write(os.urandom(min(size, 1 << 20)))
                remaining = size - min(size, 1 << 20)
                while remaining > 0:
                    step = min(remaining, 1 << 20)
                    handle.write(b"\0" * step)
                    remaining -= step
                handle.flush()
                os.fsync(handle.fileno())
            safefs.unlink(self.folder, rel)
            fsync_dir(self.path(artefact_id).parent)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise storage_error(exc, "destroying the item") from exc

    def discard(self, artefact_id: str) -> None:
        """Remove what an interrupted write left (temp or final file), if anything."""
        if not is_blob_name(artefact_id):
            return  # never a path: pending_blobs holds names only (verify reports others)
        safefs.unlink(self.folder, f"{BLOBS_DIR}/{TMP_DIR}/{artefact_id}")
        safefs.unlink(self.folder, self.rel(artefact_id))

    def clear_tmp(self) -> None:
        """Remove files and links left in ``blobs/.tmp`` (a link to a folder is removed itself,
        and nothing inside what it points to is touched); folders there are left alone."""
        for name, kind in safefs.entries(self.folder, f"{BLOBS_DIR}/{TMP_DIR}"):
            if kind != "a folder":
                safefs.unlink(self.folder, f"{BLOBS_DIR}/{TMP_DIR}/{name}")

    def all_ids(self) -> set[str]:
        return {name for name, _kind in self.all_entries()}

    def all_entries(self) -> list[tuple[str, str]]:
        """(name, kind) of everything in the blob sub-folders (``.tmp`` excluded), no link followed."""
        found = []
        for sub, kind in safefs.entries(self.folder, BLOBS_DIR):
            if sub == TMP_DIR or kind != "a folder":
                continue
            found.extend(safefs.entries(self.folder, f"{BLOBS_DIR}/{sub}"))
        return found
