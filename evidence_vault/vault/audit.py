# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Access audit: who looked at an item, who copied it out, and what was flagged.

Why: evidence is handled by several people over months, and the history must answer "who
looked at this, when" and "where are the unencrypted copies". So:

- :meth:`AuditMixin.read_for_display` is the one call the app uses to show a picture; it
  records an ``item_viewed`` event, coalesced to one per item each time the vault is unlocked
  (a person scrolling back and forth is one viewing, not fifty).
- ``extract`` (vault.py) records an ``item_extracted`` event with the folder and file names,
  never overwrites a file unless asked, and :meth:`extractions` lists them, so quarantining an
  item that was extracted before can say where those copies went.
- :meth:`flags` lists the text-only records of things not captured (self-flags, refusals).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from .history import FlagRecord, history_of


class AuditMixin:
    """``Vault`` methods: ``read_for_display``, ``extractions``, ``flags``, ``item_history``."""

    def read_for_display(self, item_id: int, role: str = "screenshot") -> bytes:
        """Decrypted bytes to show a person, recorded as a viewing (once per item per unlock).

        Refused for quarantined or destroyed items exactly as ``read_artefact`` is.
        """
        data = self.read_artefact(item_id, role)
        viewed = self.__dict__.setdefault("_viewed_this_unlock", set())
        if int(item_id) not in viewed:
            with self.database.transaction("recording that the item was viewed") as tx:
                self._append(tx, "item_viewed", {"item_id": int(item_id), "role": role})
            viewed.add(int(item_id))
        return data

    def item_history(self, item_id: int):
        """Withdrawal, amendments, police references, quarantine, extractions, viewings."""
        return history_of(self).item(item_id)

    def extractions(self, item_id: int) -> list[dict]:
        """Each time the item was extracted: ``{"at", "folder", "files"}``, oldest first."""
        return list(history_of(self).item(item_id).extractions)

    def flags(self, case=None) -> list[FlagRecord]:
        """Self-flags and refused captures; with ``case``, only those recorded in that case."""
        found = history_of(self).flags
        return [f for f in found if case is None or f.case_id == case.id]

    # -- used by extract ---------------------------------------------------------------------
    @staticmethod
    def _refuse_overwrite(targets: list[Path], force: bool) -> None:
        existing = [t for t in targets if t.exists() or t.is_symlink()]
        if existing and not force:
            names = ", ".join(t.name for t in existing[:5]) + (" …" if len(existing) > 5 else "")
            raise UsageError(f"{existing[0].parent} already holds {names}. Nothing was written. "
                             "Choose an empty folder, or allow replacing them (--force).")

    def _record_extraction(self, item_id: int, out_dir: Path, written: list[Path]) -> None:
        with self.database.transaction("recording the extraction") as tx:
            self._append(tx, "item_extracted", {
                "item_id": int(item_id), "folder": str(Path(out_dir).resolve()),
                "files": [p.name for p in written]})
