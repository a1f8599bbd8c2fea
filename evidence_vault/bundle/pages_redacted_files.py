# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The list of an item's files on its page in a redacted copy: which are redacted, which are not.

Why: a redacted copy once printed "Attached files, redacted: the originals are not in this
copy" over a list that held a picture with no box drawn on it, whose pixels (words included)
were the original's. The reader of a redacted copy must be told, file by file, whether it is
a redacted rendering (boxes overwritten in the pixels, or the hidden words replaced) or the
original's content unchanged, and why (no box was drawn; none of the hidden words are in it),
and which originals are left out of the copy altogether (they cannot be redacted: the page's
MHTML archive, a PDF, a staff member's own sealed bundle). What each file is comes from the
rendering (redacting.py, ``CHANGES``), kept in the item's ``redacted_copy`` details.
"""

from __future__ import annotations

from ..redacting import CHANGES
from .layout import PageWriter

STATUS_SIZE = 8.0

#: How a left-out original is named on the page.
LEFT_OUT_WORDS = {
    "mhtml": "the page's web archive (MHTML)",
    "original": "the original file",
    "screenshot": "the original screen print",
}


def _left_out(item) -> list[str]:
    copy = item.info.get("redacted_copy") or {}
    if item.info.get("received_bundle"):
        return ["the sealed bundle itself, as its sender made it (the police copy, an ordinary export, carries it)"]
    return [LEFT_OUT_WORDS.get(role, f"the {role} file") for role in copy.get("left_out") or []]


def height(item) -> float:
    """Points the list takes beyond an ordinary page's list of originals (for page planning)."""
    if not item.info.get("redacted_copy"):
        return 0.0
    return 26.0 * len(item.artefacts) + (30.0 if _left_out(item) else 0.0) + 14.0


def draw(pw: PageWriter, item, names: dict) -> None:
    """The item's files in this redacted copy, each with what it is; then what is left out."""
    copy = item.info.get("redacted_copy") or {}
    changes = copy.get("files") or {}
    if item.artefacts:
        redacted = sum(1 for a in item.artefacts if changes.get(a.role) in ("boxes", "words"))
        pw.para(f"Files in this redacted copy: {redacted} of {len(item.artefacts)} redacted (name, size, "
                "SHA-256, what each is):", 10, font="bold")
    else:
        pw.para("No file of this item is attached to this redacted copy.", 10, font="bold")
    for a in item.artefacts:
        pw.para(f"{names[(item.id, a.role)]}  ({a.size:,} bytes)", 9, indent=10)
        pw.para(a.sha256, 8, font="mono", indent=10, leading=1.1)
        said = CHANGES.get(changes.get(a.role) or "", "made for this copy from the original")
        pw.para(said[0].upper() + said[1:] + ".", STATUS_SIZE, font="bold" if said.startswith("NOT") else "regular",
                indent=10, max_lines=3)
    left = _left_out(item)
    if left:
        pw.para("Left out of this copy, because they cannot be redacted: " + "; ".join(left) + ".", 9, max_lines=3)


__all__ = ["draw", "height"]
