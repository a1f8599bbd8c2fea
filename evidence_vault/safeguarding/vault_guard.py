"""The guard over the hash lists kept in a vault (what the CLI's ``add-file`` asks for).

Why this module exists: the vault stores each loaded list sealed, as ``HashList.to_bytes()``
(docs/vault-format.md, table ``blocklists``), and the CLI imports ``guard_for_vault`` from here
to check a file before it is added. Keeping the glue here means the vault never needs to know
what a hash list is, and the safeguarding package never needs to know how a vault is sealed:
all it uses is ``vault.blocklists()`` -> ``[(id, name, content), ...]``.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable, Protocol

from .blocklist import HashList
from .guard import ImageGuard
from .matcher import Matcher


class HoldsBlocklists(Protocol):
    def blocklists(self) -> Iterable[tuple[int, str, bytes]]: ...


def matcher_for_vault(vault: HoldsBlocklists) -> Matcher:
    """A matcher over every list stored in ``vault``, under the names the vault gives them.

    A stored list that does not read back raises (``IntegrityError`` or
    ``UnsupportedVersionError``): a guard silently missing a list would claim coverage it
    does not have.
    """
    lists = []
    for _list_id, name, content in vault.blocklists():
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
