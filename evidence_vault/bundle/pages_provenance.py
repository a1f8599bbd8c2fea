# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Where an imported item came from, drawn at the top of its page in an investigation bundle.

Why: the recipient of a senior leader's bundle must see, on each item's own page, that it was
reported by someone else and sealed by them first: the sender (name and role in their
bundle's certificate), their short code, when their bundle was sealed, its SHA-256 and the
item's number in it. The staff bundle itself is attached unchanged, so its own seal can be
checked (in a redacted copy it is left out, and its page says so). At most ``HEIGHT`` points, reserved when the page is planned (pages_items.py).
"""

from __future__ import annotations

from .layout import PageWriter
from .timefmt import local_text

HEIGHT = 72.0
SIZE = 9.0


def lines(item) -> list[str]:
    """The provenance in words, or [] for the leader's own item."""
    src = item.info.get("source") or item.info.get("received_bundle")
    if not isinstance(src, dict):
        return []
    who = (src.get("from_name") or "an unnamed sender") + (f", {src['from_role']}" if src.get("from_role") else "")
    sealed = local_text(src.get("sealed_at"), seconds=False) if src.get("sealed_at") else "time not known"
    if "item_number" in src:
        first = f"Reported by {who}: item {src['item_number']} of their bundle, sealed {sealed}."
    elif item.info.get("redacted_copy"):  # never attached to a redacted copy (bundle/redacted.py)
        first = (f"NOT IN THIS REDACTED COPY: the bundle {who} sent ({src.get('items', 0)} item(s), sealed "
                 f"{sealed}). It is their sealed original and cannot be redacted; the police copy (an "
                 "ordinary, unredacted export) carries it unchanged.")
    else:
        first = (f"The bundle {who} sent, kept unchanged and still sealed ({src.get('items', 0)} item(s), "
                 f"sealed {sealed}); check it on its own with verify-bundle after pdfdetach.")
    return [first, f"Their code: {src.get('code')}.  Their bundle's SHA-256: {src.get('bundle_sha256')}"]


def draw(pw: PageWriter, item) -> None:
    said = lines(item)
    if not said:
        return
    pw.para(said[0], SIZE, font="bold", max_lines=3)
    pw.para(said[1], SIZE - 1, font="mono", max_lines=2)
    pw.rule()
