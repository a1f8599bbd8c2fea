# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The clause-71 actions a person takes: load a list, record a refusal, flag, destroy.

Why this module exists: the command line and the desktop app must do exactly the same thing
when a member of staff loads a hash list, adds a file, says "this may show a child", destroys
an item on police advice, or hashes a picture to build a list, so the steps live here and each
front end only asks the questions and reports the answers.

What reaches the vault is text only: a list's name and counts, a refused file's *name*, an
address cut by :func:`~.guard.safe_url` (a ``data:`` URI is the picture itself), and a plain
reason. No hash and no pixel of a refused or flagged picture is ever handed to the vault.
:func:`hash_list_lines` is the one function here that returns hashes, and it writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import EvidenceVaultError, SafeguardingBlock, UsageError
from .blocklist import HashList
from .guard import BlockedImage, UncheckableContent, safe_url
from .hashing import ImageHashes
from .vault_guard import vault_summary

#: Recorded as the reason when a person quarantines an item without giving one.
DEFAULT_QUARANTINE_REASON = "may show a child"


# -- hash lists ---------------------------------------------------------------------------------

def add_hash_list(vault, hash_list: HashList) -> int:
    """Store a parsed list in ``vault`` (sealed) and record its name and counts; its id."""
    return vault.hash_lists.add(hash_list.name, hash_list.to_bytes(), vault_summary(hash_list))


# -- adding a file -----------------------------------------------------------------------------

def refusal_reason(block: SafeguardingBlock) -> str:
    """Why something was refused, in a few plain words fit for the event log (no hash)."""
    if isinstance(block, BlockedImage):
        subject = "it" if block.kind == "file" else "an image on the page"
        if block.match_type == "pdq":
            return f"{subject} looks like a picture on a hash list"
        return f"{subject} is exactly a file on a hash list"
    if isinstance(block, UncheckableContent):
        return f"it could not be checked: {block.reason}"
    return "refused by the safeguarding block"


def record_refusal(vault, block: SafeguardingBlock, *, url: str, case=None) -> None:
    """Write the text-only ``capture_refused`` event for ``block``.

    If the vault cannot write it, a ``SafeguardingBlock`` is still raised (nothing was
    stored either way), saying that the record is missing as well.
    """
    try:
        vault.record_refusal(url=safe_url(url), reason=refusal_reason(block),
                             matched_list=getattr(block, "list_name", None),
                             case_id=getattr(case, "id", None))
    except EvidenceVaultError as failure:
        raise SafeguardingBlock(
            f"{block} (The refusal itself could not be written in the vault's log: {failure})"
        ) from failure


# Adding a file behind the guard lives in ``evidence_vault.workflows.add_file``: the one place
# where file import, the clause-71 guard and the vault meet (as for captures).


# -- "I think this shows a child" -----------------------------------------------------------

def record_self_flag(vault, url: str | None, *, case=None) -> str | None:
    """Record that the person flagged something (the address and the time, nothing else).

    Returns the address as recorded (cut by ``safe_url``), or ``None`` when none was given.
    """
    shown = safe_url(url.strip()) if url and url.strip() else None
    vault.record_self_flag(url=shown, case_id=getattr(case, "id", None))
    return shown


# -- quarantine and destruction ---------------------------------------------------------------

def destroy_on_police_advice(vault, item_id: int, *, police_reference: str,
                             confirm: Callable[[object], bool]):
    """Destroy a quarantined item on police advice, once ``confirm(item)`` says yes.

    Everything that would make the destruction fail is checked *before* asking: the item
    exists, is quarantined, and a reference is given. Raises ``UsageError`` when the answer is
    no (nothing is destroyed). Returns the item as it was.
    """
    item = vault.item(item_id)
    if item.state != "quarantined":
        # Never steer anyone to quarantine or destroy as a way of correcting a mistake.
        fix = (" To correct an entry made by mistake, withdraw it instead (it stays in the "
               "history with your reason)." if item.state == "active" else "")
        raise UsageError(f"Only an item locked away under the safeguarding policy can be destroyed, "
                         f"on police advice; item {item.id} is {item.state}.{fix}")
    if not police_reference.strip():
        raise UsageError("Destroying evidence needs the police reference under which you were advised to.")
    vault.check_police_reference(item.id, police_reference)
    if not confirm(item):
        raise UsageError(f"Not confirmed, so nothing was destroyed. Item {item.id} is still quarantined.")
    vault.destroy(item.id, police_reference=police_reference)
    return item


# -- building a list from a picture ---------------------------------------------------------

def pdq_problem(hashes: ImageHashes) -> str | None:
    """Why the PDQ hash of a picture cannot go on a list, in plain words; ``None`` if it can."""
    if hashes.pdq is None:
        return (f"it could not be computed ({hashes.failure})" if hashes.failure else
                "it could not be computed: this file is not a picture Evidence Vault can read "
                "(PNG, JPEG, GIF, WebP, BMP, TIFF, ICO or AVIF)")
    if not hashes.candidates[0].reliable:
        return (f"its quality is {hashes.pdq_quality} of 100, below 50: the picture has too "
                "little detail for a similarity hash to mean anything")
    return None


def hash_list_lines(hashes: ImageHashes) -> list[str]:
    """The hashes of one file as lines of a plain-text hash list (docs/blocklists.md).

    ``md5:HEX``, ``sha1:HEX``, ``sha256:HEX`` and, when it is usable, ``pdq:HEX``, so the
    lines can be pasted into a list file as they are. Anything else is a ``#`` comment: the
    PDQ quality, or why no PDQ line is given (an unusable PDQ hash is shown commented out, so
    it cannot slip into a list unnoticed).
    """
    lines = [f"md5:{hashes.md5}", f"sha1:{hashes.sha1}", f"sha256:{hashes.sha256}"]
    problem = pdq_problem(hashes)
    if hashes.pdq is None:
        lines.append(f"# pdq: {problem}. Only exact copies of this file would be recognised.")
    elif problem is not None:
        lines.append(f"# pdq:{hashes.pdq}")
        lines.append(f"# The PDQ hash above is left out: {problem}. "
                     "Only exact copies of this file would be recognised.")
    else:
        lines.append(f"pdq:{hashes.pdq}")
        lines.append(f"# pdq quality {hashes.pdq_quality} of 100")
    return lines
