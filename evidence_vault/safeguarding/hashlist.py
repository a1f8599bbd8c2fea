# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The hash list type and its canonical stored form (``HashList.to_bytes``/``from_bytes``).

Why this module exists: one list type with its own encoder and decoder in one place (reading
the files an organisation is given is :mod:`.blocklist`'s job). The vault keeps each loaded list (encrypted) so the guard works
offline and a record can say which list was in force. The form is compact (raw digests, not
hex), versioned, and canonical: the same list always gives the same bytes, so its SHA-256
identifies it. It is specified here, age-style, with a literal example first::

    evidence-vault/hashlist/v1\\n        magic and version line
    00 06 "Police"                       name: u16 big-endian length, UTF-8
    <32 bytes>                           SHA-256 of the file the list was read from
    00 00 00 02 <2 x 16 bytes>           md5: u32 big-endian count, digests
    00 00 00 00                          sha1: none
    00 00 00 01 <32 bytes>               sha256
    00 00 00 00                          pdq
                                         (nothing after)

Rules a reader MUST enforce (``load`` does): the magic line exactly (a later version line is
``UnsupportedVersionError``); each count is checked against the bytes left *before* anything is
sliced; digests of each type strictly ascending (sorted, no duplicates); at least one digest;
a valid name; no trailing bytes. Anything else is ``IntegrityError``: these bytes come out of
the vault after authenticated decryption, so a bad form means damage or a bug, not user input.
"""

from __future__ import annotations

import operator
import re
import struct
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from ..errors import IntegrityError, UnsupportedVersionError

#: Hash types a list may hold, in the canonical order, with the digest size of each in bytes.
HASH_TYPES: Mapping[str, int] = MappingProxyType({"md5": 16, "sha1": 20, "sha256": 32, "pdq": 32})

_NAME_MAX = 100


@dataclass(frozen=True, eq=True)
class HashList:
    """One organisation's list, loaded in full.

    ``entries`` maps each type in :data:`HASH_TYPES` to the set of its digests (raw bytes).
    ``source_sha256`` is the SHA-256 of the file it was read from, so a record can say which
    version of a list was in force. Construct with :func:`parse_hash_list`,
    :func:`load_hash_list` or :meth:`from_bytes`.
    """

    name: str
    entries: Mapping[str, frozenset[bytes]] = field(repr=False)
    source_sha256: str = field(repr=False)

    def __post_init__(self) -> None:
        check_name(self.name)
        if set(self.entries) != set(HASH_TYPES):
            raise ValueError("entries must have exactly the keys md5, sha1, sha256, pdq")
        for kind, digests in self.entries.items():
            if not set(map(len, digests)) <= {HASH_TYPES[kind]}:  # C-speed over 100k digests
                raise ValueError(f"a {kind} digest has the wrong length")
        if not re.fullmatch(r"[0-9a-f]{64}", self.source_sha256):
            raise ValueError("source_sha256 must be 64 lower-case hex digits")
        object.__setattr__(self, "entries", MappingProxyType(dict(self.entries)))

    @property
    def counts(self) -> dict[str, int]:
        """How many distinct hashes of each type the list holds."""
        return {kind: len(self.entries[kind]) for kind in HASH_TYPES}

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def describe(self) -> str:
        """One line for people: the list's name and what it holds, e.g. ``Police (12 MD5, 3 PDQ)``."""
        parts = [f"{n:,} {LABELS[k]}" for k, n in self.counts.items() if n]
        return f"{self.name} ({', '.join(parts)})"

    def to_bytes(self) -> bytes:
        """Canonical versioned serialisation (the form above)."""
        return dump(self)

    @classmethod
    def from_bytes(cls, data: bytes) -> "HashList":
        """Read what :meth:`to_bytes` wrote; refuses anything non-canonical."""
        return load(data)


LABELS = {"md5": "MD5", "sha1": "SHA-1", "sha256": "SHA-256", "pdq": "PDQ"}


def check_name(name: str) -> None:
    if not isinstance(name, str) or not name.strip():
        raise ValueError("it is empty")
    if len(name) > _NAME_MAX:
        raise ValueError(f"it is longer than {_NAME_MAX} characters")
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise ValueError("it contains control characters")


MAGIC = b"evidence-vault/hashlist/v1\n"
_MAGIC_PREFIX = b"evidence-vault/hashlist/v"


def dump(hash_list: HashList) -> bytes:
    """The canonical bytes of ``hash_list``."""
    name = hash_list.name.encode("utf-8")
    parts = [MAGIC, struct.pack(">H", len(name)), name, bytes.fromhex(hash_list.source_sha256)]
    for kind in HASH_TYPES:
        digests = sorted(hash_list.entries[kind])
        parts.append(struct.pack(">I", len(digests)))
        parts.extend(digests)
    return b"".join(parts)


def load(data: bytes) -> HashList:
    """Read :func:`dump` output, refusing anything that is not exactly canonical."""
    view = memoryview(data)
    if not data.startswith(MAGIC):
        if data.startswith(_MAGIC_PREFIX):
            raise UnsupportedVersionError(
                "This hash list was stored by a newer version of Evidence Vault. "
                "Please update Evidence Vault to use it."
            )
        raise _damaged("it does not start with the hash list header")
    pos = len(MAGIC)
    (name_len,) = _unpack(">H", view, pos)
    pos += 2
    name_bytes = _take(view, pos, name_len)
    pos += name_len
    source = _take(view, pos, 32)
    pos += 32
    try:
        name = name_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _damaged("its name is not UTF-8") from exc
    entries: dict[str, frozenset[bytes]] = {}
    for kind, size in HASH_TYPES.items():
        (count,) = _unpack(">I", view, pos)
        pos += 4
        block = _take(view, pos, count * size)
        pos += count * size
        digests = [block[i : i + size] for i in range(0, len(block), size)]
        if not all(map(operator.lt, digests, digests[1:])):  # strictly ascending, at C speed
            raise _damaged(f"its {kind} hashes are not in canonical order")
        entries[kind] = frozenset(digests)
    if pos != len(data):
        raise _damaged("there are bytes after its end")
    if not any(entries.values()):
        raise _damaged("it holds no hashes")
    try:
        return HashList(name=name, entries=entries, source_sha256=source.hex())
    except ValueError as exc:
        raise _damaged(f"its name is not valid ({exc})") from exc


def _unpack(fmt: str, view: memoryview, pos: int) -> tuple[int, ...]:
    size = struct.calcsize(fmt)
    return struct.unpack(fmt, _take(view, pos, size))


def _take(view: memoryview, pos: int, length: int) -> bytes:
    if length > len(view) - pos:
        raise _damaged("it is shorter than its header says")
    return bytes(view[pos : pos + length])


def _damaged(why: str) -> IntegrityError:
    return IntegrityError(
        "A stored hash list is damaged and could not be used.", problems=[f"hash list: {why}"]
    )
