# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Access audit: who looked at an item, who copied it out, and what was flagged.

Why: evidence is handled by several people over months, and the history must answer "who
looked at this, when" and "where are the unencrypted copies". So:

- :meth:`AuditMixin.read_for_display` is the one call the app uses to show a picture; it
  records an ``item_viewed`` event, coalesced to one per item each time the vault is unlocked
  (a person scrolling back and forth is one viewing, not fifty).
- :meth:`extract` records an ``item_extracted`` event with the folder and file names,
  never overwrites a file unless asked, and :meth:`extractions` lists them, so quarantining an
  item that was extracted before can say where those copies went.
- :meth:`flags` lists the text-only records of things not captured (self-flags, refusals),
  which :meth:`record_self_flag` and :meth:`record_refusal` write.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import UsageError
from .files import storage_error
from .history import FlagRecord, history_of


class AuditMixin:
    """``Vault`` methods: ``read_for_display``, ``extract``, ``extractions``, ``flags`` and their
    records, ``item_history``."""

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

    # -- recording what was not captured -------------------------------------------------
    def record_refusal(self, *, url: str, reason: str, matched_list: str | None,
                       case_id: int | None = None) -> None:
        """Text-only record that a capture was refused by the safeguarding block."""
        with self.database.transaction("recording the refusal") as tx:
            self._append(tx, "capture_refused", {"url": url, "reason": reason, "matched_list": matched_list,
                                                 **({"case_id": case_id} if case_id is not None else {})})

    def record_self_flag(self, *, url: str | None, case_id: int | None = None) -> None:
        """The user said "this may show a child": record the address and time, nothing else."""
        with self.database.transaction("recording your report") as tx:
            self._append(tx, "self_flagged", {"url": url, **({"case_id": case_id} if case_id is not None else {})})

    # -- extracting ------------------------------------------------------------------------
    def extract(self, item_id: int, out_dir: Path, *, force: bool = False) -> list[Path]:
        """Write an item's original artefacts, decrypted, bit for bit, plus its record as JSON.

        This is the user's deliberate choice (e.g. a police USB stick); refused for quarantine.
        Evidence files are named ``item<N>-<name>`` and the record ``item<N>.record.json``: no
        evidence name can produce the record's name, so neither overwrites the other.
        Existing files are never replaced unless ``force``; the extraction is recorded in the
        history (folder and file names), since these copies are not encrypted.
        """
        item = self.item(item_id)
        self._refuse_unless_active(item)
        out_dir = Path(out_dir)
        targets: list[Path] = []
        for n, artefact in enumerate(item.artefacts):
            name = Path(artefact.filename).name or f"file{n}"
            target = out_dir / f"item{item.id}-{name}"
            targets.append(out_dir / f"item{item.id}-{n}-{name}" if target in targets else target)
        record = out_dir / f"item{item.id}.record.json"
        self._refuse_overwrite([*targets, record], force)
        written: list[Path] = []
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            for artefact, target in zip(item.artefacts, targets):
                written.append(target)
                with open(target, "wb") as out:
                    for piece in self.iter_artefact_unchecked(artefact.id):
                        out.write(piece)
            written.append(record)
            record.write_text(json.dumps(item.to_json(), indent=2, ensure_ascii=False), encoding="utf-8")
        except BaseException as exc:
            # Never leave a half-decrypted copy behind that could pass for the evidence.
            for path in written:
                path.unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise storage_error(exc, "writing the extracted files") from exc
            raise
        self._record_extraction(item.id, out_dir, written)
        return written

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
