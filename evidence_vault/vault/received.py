# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Bundles received from other people: the sealed file and every item inside it, in one step.

Why one transaction: a senior leader importing a member of staff's bundle must end with either
the whole bundle (the sealed file and each of its items) or nothing. So every blob is written
first, then all the items, their artefacts and one ``item_added`` event each are committed in a
single transaction; a failure anywhere discards every blob written (new_items.py, the same
path a single item takes). Callers check the bundle (its seal, manifest and history) and put
every part through the clause-71 guard before calling (bundle/received.py, workflows.py).
"""

from __future__ import annotations

from .models import ArtefactSource, Case, Item
from .new_items import store_items


class ReceivedMixin:
    """``add_received``: many items into one case, all or nothing."""

    def add_received(self, case: Case, entries: list[tuple[str, dict, list[ArtefactSource]]]) -> list[Item]:
        """Store ``entries`` (kind, info, artefacts) into ``case`` as new items, in order, in one
        transaction; returns the items. Nothing is kept if any of them fails."""
        item_ids = store_items(self, case.id, [(kind, info, sources, None) for kind, info, sources in entries])
        return [self.item(i) for i in item_ids]
