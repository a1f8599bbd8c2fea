# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Hash lists: reading the files an organisation is given, and storing them compactly.

Why this module exists: a school receives lists of hashes of known indecent images of children
from a police force or a hash-sharing body, in whatever shape that body exports. A list that is
half read would give false confidence, so a file either loads completely or not at all: the
first problem found is reported with its line number (``BlocklistFormatError("line 17: ...")``)
and nothing from that file is kept. The accepted formats are specified, with examples, in
docs/blocklists.md; in short:

* CSV whose first line (after comments) is a header naming a ``type`` and a ``hash`` column,
  in any order, other columns ignored (``type,hash,label``).
* Plain text, one hash per line: ``md5:HEX``/``sha1:HEX``/``sha256:HEX``/``pdq:HEX``, or bare
  hex, typed by its length (32 = MD5, 40 = SHA-1). A bare 64-digit line could be SHA-256 or
  PDQ, and guessing wrong would silently check nothing, so it is refused unless the file says
  which with a ``# type: sha256`` or ``# type: pdq`` line before its first hash.

Hex is case-insensitive, ``#`` starts a comment line, blank lines, a UTF-8 byte order mark and
CRLF line ends are tolerated, duplicates are fine. A file with no hash at all is refused: a
loaded list must mean some coverage.

The list type itself, with the canonical form the vault stores (``HashList.to_bytes()``),
is in :mod:`.hashlist`.
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

from ..errors import BlocklistFormatError, StorageError
from .hashlist import HASH_TYPES, LABELS, HashList, check_name

__all__ = ["HASH_TYPES", "HashList", "MAX_LIST_FILE_BYTES", "load_hash_list", "parse_hash_list"]

#: Other spellings of the type names seen in exports.
_TYPE_ALIASES = {"sha-1": "sha1", "sha-256": "sha256"}

#: Refuse list files larger than this before reading them (a list of ten million SHA-256
#: hashes is about 650 MB of text; anything bigger is not a hash list).
MAX_LIST_FILE_BYTES = 1 << 30

_HEX = re.compile(r"[0-9a-fA-F]+")
_TYPE_DECLARATION = re.compile(r"#\s*type\s*:\s*(\S+)\s*$", re.IGNORECASE)


_ARTICLES = {"md5": "an", "sha1": "a", "sha256": "a", "pdq": "a"}


def load_hash_list(path: Path, *, name: str | None = None) -> HashList:
    """Read and parse a list file; ``name`` defaults to the file name without its extension."""
    try:
        size = path.stat().st_size
        if size > MAX_LIST_FILE_BYTES:
            raise BlocklistFormatError(
                f"{path.name} is too large ({size:,} bytes) to be a hash list."
            )
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise BlocklistFormatError(f"There is no file called {path.name} there.") from exc
    except OSError as exc:
        raise StorageError(f"{path.name} could not be read: {exc.strerror or exc}.") from exc
    return parse_hash_list(data, name=name if name is not None else path.stem)


def parse_hash_list(data: bytes, *, name: str) -> HashList:
    """Parse the bytes of a list file (see the module docstring for the formats).

    Raises ``BlocklistFormatError`` naming the first bad line; nothing is loaded from a file
    with any bad line.
    """
    try:
        check_name(name)
    except ValueError as exc:
        raise BlocklistFormatError(f"That name cannot be used for a hash list: {exc}.") from exc
    if len(data) > MAX_LIST_FILE_BYTES:
        raise BlocklistFormatError("This file is too large to be a hash list.")
    source_sha256 = hashlib.sha256(data).hexdigest()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    # Hash and type fields must be ASCII anyway; decoding leniently keeps a stray accented
    # character in an ignored label column from refusing the whole list.
    lines = data.decode("utf-8", errors="replace").split("\n")
    found: dict[str, set[bytes]] = {kind: set() for kind in HASH_TYPES}
    first = _first_content_line(lines)
    if first is not None and "," in lines[first]:
        _parse_csv(lines, first, found)
    else:
        _parse_plain(lines, found)
    if not any(found.values()):
        raise BlocklistFormatError("The file has no hashes in it, so it was not loaded.")
    return HashList(
        name=name,
        entries={kind: frozenset(found[kind]) for kind in HASH_TYPES},
        source_sha256=source_sha256,
    )


def _first_content_line(lines: list[str]) -> int | None:
    for index, raw in enumerate(lines):
        text = raw.strip()
        if text and not text.startswith("#"):
            return index
    return None


def _parse_csv(lines: list[str], header_index: int, found: dict[str, set[bytes]]) -> None:
    header = [cell.strip().lower() for cell in _csv_cells(lines[header_index], header_index)]
    if "type" not in header or "hash" not in header:
        raise BlocklistFormatError(
            f"line {header_index + 1}: a CSV hash list must start with a header line naming "
            "a 'type' and a 'hash' column, such as: type,hash"
        )
    type_col, hash_col = header.index("type"), header.index("hash")
    for index in range(header_index + 1, len(lines)):
        text = lines[index].strip()
        if not text or text.startswith("#"):
            continue
        cells = _csv_cells(lines[index], index)
        if len(cells) <= max(type_col, hash_col):
            raise BlocklistFormatError(
                f"line {index + 1}: expected at least {max(type_col, hash_col) + 1} columns, "
                f"found {len(cells)}."
            )
        kind = _hash_type(cells[type_col], index)
        _add(found, kind, cells[hash_col].strip(), index)


def _csv_cells(line: str, index: int) -> list[str]:
    line = line.rstrip("\r")
    if '"' not in line:
        return line.split(",")  # the common case, ten times faster than the csv module
    try:
        return next(csv.reader([line], strict=True))
    except (csv.Error, StopIteration) as exc:
        raise BlocklistFormatError(f"line {index + 1}: this CSV line does not parse.") from exc


def _parse_plain(lines: list[str], found: dict[str, set[bytes]]) -> None:
    declared: str | None = None
    seen_hash = False
    for index, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            continue
        if text.startswith("#"):
            match = _TYPE_DECLARATION.fullmatch(text)
            if match:
                if seen_hash or declared is not None:
                    raise BlocklistFormatError(
                        f"line {index + 1}: a '# type:' line may appear once, before the "
                        "first hash."
                    )
                declared = _hash_type(match.group(1), index)
            continue
        seen_hash = True
        kind, _, value = text.rpartition(":")
        if kind:
            _add(found, _hash_type(kind, index), value.strip(), index)
        elif declared is not None:
            _add(found, declared, text, index)
        else:
            _add(found, _type_from_length(text, index), text, index)


def _type_from_length(value: str, index: int) -> str:
    if not _HEX.fullmatch(value):
        raise BlocklistFormatError(f"line {index + 1}: this is not a hexadecimal hash.")
    if len(value) == 32:
        return "md5"
    if len(value) == 40:
        return "sha1"
    if len(value) == 64:
        raise BlocklistFormatError(
            f"line {index + 1}: a 64-digit hash could be SHA-256 or PDQ. Write it as "
            "'sha256:...' or 'pdq:...', or put '# type: sha256' or '# type: pdq' at the top "
            "of the file."
        )
    raise BlocklistFormatError(
        f"line {index + 1}: a hash of {len(value)} hex digits is not MD5 (32), SHA-1 (40), "
        "SHA-256 or PDQ (64)."
    )


def _hash_type(text: str, index: int) -> str:
    kind = text.strip().lower()
    kind = _TYPE_ALIASES.get(kind, kind)
    if kind not in HASH_TYPES:
        raise BlocklistFormatError(
            f"line {index + 1}: unknown hash type {text.strip()[:20]!r}; the types are "
            "md5, sha1, sha256 and pdq."
        )
    return kind


def _add(found: dict[str, set[bytes]], kind: str, value: str, index: int) -> None:
    digits = HASH_TYPES[kind] * 2
    if len(value) != digits or not _HEX.fullmatch(value):
        raise BlocklistFormatError(
            f"line {index + 1}: {_ARTICLES[kind]} {LABELS[kind]} hash is {digits} hexadecimal "
            "digits."
        )
    found[kind].add(bytes.fromhex(value))
