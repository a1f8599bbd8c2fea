# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""An item's wordings: what it says now, and every earlier wording, with when and by whom.

Why this exists: a teacher corrects "18 November" to "19 November" with "Add a correction",
and the head teacher, HR or the police must then read the corrected text *and* see that it
was corrected, from what, when and by whom, wherever the text appears: ``show``, ``list``,
the app's details and (printed by the bundle) the item page of an evidence bundle. Nothing
is replaced silently and nothing is hidden.

What "the text" of an item is: an incident's entry (the words the person logged), or the
note of a page, a file or an email. The first wording is the one the item was added with,
written by the vault's owner at the time the item was added. Each ``item_amended`` event
(corrections.py) is a new whole wording of that text, which replaces the one before it;
the ledger keeps them all, so this is a view of the ledger, not a second copy of it.

An item imported from someone's bundle (``import-bundle``) is their words, not the vault
owner's: its first wording was written by the sender (``source.from_name``) when they added
it (``source.added_by_sender_at``), and their corrections come with it, sealed in their bundle
(``source.amendments``, :func:`sender_amendments`). ``Item.amendments`` holds the sender's
corrections first, then any made in this vault, so every reader of ``amendments`` (show, list,
the timeline, the finder, redaction) sees the corrected text. ``Vault.amend`` refuses an
imported item: the leader adds a note of their own instead of rewriting a sender's words.

For the bundle (and any other printer of an item): call :func:`wordings_of` (or
``Vault.wordings``) and print ``current.text``, then each of ``earlier`` with
``written_at``/``written_by`` and ``replaced_at``/``replaced_by``; :meth:`Wordings.lines`
gives the same in the words ``show`` uses. Times are UTC ISO as stored (``times.format_local``
turns them into local time).
"""

from __future__ import annotations

from dataclasses import dataclass

from .history import history_of
from .when import first_added_at, first_source

#: How much of an incident's first line its record keeps as ``summary`` (Vault.add_incident).
SUMMARY_LIMIT = 80

#: What the first wording of an item without a note is shown as.
NO_NOTE = "(no note was written)"
#: Shown instead of an incident's first wording when it cannot be read (locked away, destroyed).
NOT_READABLE = "(not shown: the item is locked away or destroyed)"


@dataclass(frozen=True)
class Wording:
    """One wording of an item's text. ``text`` is None only when it cannot be read."""

    text: str | None
    written_at: str              # UTC ISO: when these words were written
    written_by: str | None       # who wrote them (the vault owner's name)
    replaced_at: str | None = None   # when a correction replaced them (None: the current one)
    replaced_by: str | None = None
    original: bool = False       # the wording the item was added with

    def shown(self) -> str:
        if self.text is None:
            return NOT_READABLE
        return self.text if self.text.strip() else NO_NOTE

    def to_json(self) -> dict:
        return {"text": self.text, "written_at": self.written_at, "written_by": self.written_by,
                "replaced_at": self.replaced_at, "replaced_by": self.replaced_by,
                "original": self.original}


@dataclass(frozen=True)
class Wordings:
    """The current wording of an item's text and every earlier one, oldest first."""

    item_id: int
    subject: str                     # "entry" (an incident's words) or "note"
    current: Wording
    earlier: tuple[Wording, ...] = ()

    @property
    def corrected(self) -> bool:
        return bool(self.earlier)

    def to_json(self) -> dict:
        return {"subject": self.subject, "corrected": self.corrected,
                "current": self.current.to_json(), "earlier": [w.to_json() for w in self.earlier]}

    def lines(self, *, fmt=None) -> list[str]:
        """The history in words, as ``show`` prints it (``fmt`` formats a stored time)."""
        if fmt is None:
            from ..times import format_local as fmt
        if not self.corrected:
            return []
        what = "entry" if self.subject == "entry" else "note"
        out = [f"Corrected {len(self.earlier)} time{'s' if len(self.earlier) != 1 else ''}; the "
               f"{what} now reads as above. Earlier wordings, oldest first:"]
        for n, w in enumerate(self.earlier, 1):
            by = f" by {w.written_by}" if w.written_by else ""
            replaced = f" by {w.replaced_by}" if w.replaced_by else ""
            origin = "the original, " if w.original else ""
            out.append(f"{n}. ({origin}written {fmt(w.written_at)}{by}; replaced "
                       f"{fmt(w.replaced_at)}{replaced}):")
            out.extend(f"   {line}" for line in (w.shown().splitlines() or [""]))
        return out


def sender_amendments(info: dict) -> tuple[dict, ...]:
    """The corrections the sender of an imported item made before sealing it, oldest first."""
    source = info.get("source") if isinstance(info, dict) else None
    if not isinstance(source, dict) or not isinstance(source.get("amendments"), list):
        return ()
    who = source.get("from_name")
    return tuple({"at": a.get("at"), "note": a.get("note"), "by": a.get("by") or who, "from_sender": True}
                 for a in source["amendments"] if isinstance(a, dict))


def subject_of(item) -> str:
    return "entry" if item.kind == "incident" else "note"


def current_text(item) -> str | None:
    """The item's text as it reads now, from its record alone (no evidence file is read).

    For an incident never corrected this is None: its words are in its entry file (read it
    with ``read_artefact(item.id, "entry")`` or use :func:`wordings_of`).
    """
    if item.amendments:
        return item.amendments[-1].get("note") or ""
    if item.kind == "incident":
        return None
    return item.info.get("note") or ""


def current_summary(item, limit: int = SUMMARY_LIMIT) -> str:
    """One line of what the item says now: an incident's first line, corrected if it was,
    shortened at a word with "…" when there is more (a line cut mid-word reads as if that
    were what was said)."""
    if item.kind == "incident" and not item.amendments:
        stored = item.info.get("summary", "")  # the first line, cut at SUMMARY_LIMIT when stored
        return one_line(stored, limit, cut=len(stored) >= SUMMARY_LIMIT)
    return one_line(current_text(item) or "", limit)


def one_line(text: str, limit: int, *, cut: bool = False) -> str:
    """The first line of ``text`` in at most ``limit`` characters; one that is longer (or was
    ``cut`` already) ends at a word boundary with "…"."""
    lines = text.strip().splitlines()
    line = lines[0].strip() if lines else ""
    if len(line) <= limit and not cut:
        return line
    head = line[:limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip(" ,;:.-") + "\u2026"


def _original_text(vault, item) -> str | None:
    if item.kind != "incident":
        return item.info.get("note") or ""
    if item.state != "active":
        return None
    return vault.read_artefact(item.id, "entry").decode("utf-8", "replace")


def wordings_of(vault, item) -> Wordings:
    """Every wording of ``item``'s text (see the module docstring), from the ledger."""
    owner = (vault.owner() or {}).get("name")
    amendments = list(item.amendments or (sender_amendments(item.info) + tuple(history_of(vault).item(item.id).amendments)))
    source = first_source(item)  # the sender's words (relayed: the first sender's), written when they added it
    written_at, owner = first_added_at(item), (source.get("from_name") if source else owner)
    versions = [Wording(_original_text(vault, item), written_at, owner, original=True)]
    for change in amendments:
        previous = versions[-1]
        versions[-1] = Wording(previous.text, previous.written_at, previous.written_by,
                               change.get("at"), change.get("by"), previous.original)
        versions.append(Wording(change.get("note") or "", change.get("at"), change.get("by")))
    return Wordings(item.id, subject_of(item), versions[-1], tuple(versions[:-1]))
