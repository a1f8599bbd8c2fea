# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The guard over the hash lists kept in a vault (what the CLI's ``add-file`` asks for).

Why this module exists: the vault stores each loaded list sealed, as ``HashList.to_bytes()``
(docs/vault-format.md, table ``blocklists``), and the CLI imports ``guard_for_vault`` from here
to check a file before it is added. Keeping the glue here means the vault never needs to know
what a hash list is, and the safeguarding package never needs to know how a vault is sealed:
all it uses is ``vault.hash_lists.all()`` -> ``[(id, name, content), ...]``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
import weakref
from typing import Iterable, Protocol

from .blocklist import HashList
from .guard import ImageGuard
from .matcher import Matcher


class StoredHashLists(Protocol):
    def all(self) -> Iterable[tuple[int, str, bytes]]: ...


class HoldsBlocklists(Protocol):
    @property
    def hash_lists(self) -> StoredHashLists: ...


#: One matcher per open vault, with the lists it was built from (their ids, names and the
#: SHA-256 of their stored bytes): building it from a 100,000-entry list takes a noticeable
#: while, and a capture should not pay that each time. Weak keys: a closed, dropped vault
#: takes its matcher with it.
_MATCHERS: "weakref.WeakKeyDictionary[object, tuple[tuple, Matcher]]" = weakref.WeakKeyDictionary()
_MATCHERS_LOCK = threading.Lock()


def matcher_for_vault(vault: HoldsBlocklists) -> Matcher:
    """A matcher over every list stored in ``vault``, under the names the vault gives them.

    Built once per open vault and rebuilt only when its lists change (a list added, removed
    or replaced is seen from the lists themselves, not from a flag someone must remember).
    A stored list that does not read back raises (``IntegrityError`` or
    ``UnsupportedVersionError``): a guard silently missing a list would claim coverage it
    does not have.
    """
    stored = vault.hash_lists.all()
    key = tuple((list_id, name, hashlib.sha256(content).digest()) for list_id, name, content in stored)
    with _MATCHERS_LOCK:
        try:
            cached = _MATCHERS.get(vault)
        except TypeError:  # not weak-referenceable: build every time
            cached = None
    if cached is not None and cached[0] == key:
        return cached[1]
    matcher = _build_matcher(stored)
    with _MATCHERS_LOCK:
        try:
            _MATCHERS[vault] = (key, matcher)
        except TypeError:
            pass
    return matcher


def _build_matcher(stored: Iterable[tuple[int, str, bytes]]) -> Matcher:
    lists = []
    for _list_id, name, content in stored:
        hash_list = HashList.from_bytes(content)
        if hash_list.name != name:
            hash_list = dataclasses.replace(hash_list, name=name)
        lists.append(hash_list)
    return Matcher(lists)


def guard_for_vault(vault: HoldsBlocklists) -> ImageGuard:
    """A fresh :class:`ImageGuard` over the vault's lists (fails closed even with none)."""
    return ImageGuard(matcher_for_vault(vault))


def vault_summary(hash_list: HashList) -> dict[str, object]:
    """What the ``blocklist_added`` event records: counts per type and the file's SHA-256."""
    return {**hash_list.counts, "source_sha256": hash_list.source_sha256}
