# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The operations a user performs on an open vault: cases, evidence, reading, lists.

The rest come from its mixins: corrections.py (finding cases, withdraw, amend), quarantine.py
(clause 71: quarantine, release, police references, destroy), audit.py (viewings, extract,
flags) and received.py (bundles from other people); core.py opens, seals and appends events.

Each public method is one user action and appends exactly one ledger event in the same
transaction as its change (core.py explains why). Methods that could show or send evidence
bytes check the item's state first: a quarantined or destroyed item is never decrypted.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import replace
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path

from ..errors import DuplicateFileError, IntegrityError, NotFoundError, QuarantinedError, UsageError
from ..picture_time import taken_at_info
from ..times import format_local
from .files import storage_error
from .audit import AuditMixin
from .corrections import CorrectionsMixin
from .quarantine import QuarantineMixin
from .received import ReceivedMixin
from .hash_lists import HashLists
from .history import history_of
from .kinds import normalise_kind
from .logins import BrowserLogins
from .platform_reports import PlatformReports
from .wordings import SUMMARY_LIMIT, sender_amendments
from .models import MAIN_ROLE, Artefact, ArtefactSource, Case, Item
from .core import VaultCore

READ_CHUNK = 1 << 20
SIGNING_CERT = "signing_cert"  # the meta row holding the bundle certificate (docs/vault-format.md)


def _file_chunks(handle) -> Iterator[bytes]:
    while piece := handle.read(READ_CHUNK):
        yield piece


class Vault(CorrectionsMixin, QuarantineMixin, AuditMixin, ReceivedMixin, VaultCore):
    """An open, unlocked vault. Use ``Vault.create`` or ``Vault.open``; close when done."""

    # -- owner and passphrase --------------------------------------------------------
    def owner(self) -> dict:
        row = self.database.query("SELECT value FROM meta WHERE key='owner'")
        return self._open_json(row[0][0], "meta", "owner") if row else {}

    def change_passphrase(self, new_passphrase: str, *, recovery_key: str | None = None) -> None:
        """A new passphrase and a new data key (rotate.py): an old header opens nothing current.

        ``recovery_key`` is needed only for a format 1 vault (it is then upgraded)."""
        from .rotate import change_passphrase
        change_passphrase(self, new_passphrase, recovery_key=recovery_key)

    # -- cases -----------------------------------------------------------------------
    def add_case(self, name: str) -> Case:
        name = " ".join(name.split())
        if not name:
            raise UsageError("A case needs a name, for example 'Comments about Ms Smith, May 2026'.")
        lookup = self.case_lookup(name)
        if self.database.query("SELECT 1 FROM cases WHERE lookup=?", (lookup,)):
            raise UsageError(f"There is already a case called '{name}'.")
        with self.database.transaction("creating the case") as tx:
            case_id = tx.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM cases").fetchone()[0]
            self._append(tx, "case_created", {"case_id": case_id, "name": name})
            tx.execute("INSERT INTO cases (id, lookup, name) VALUES (?,?,?)",
                       (case_id, lookup, self._seal(name.encode(), "cases", case_id, "name")))
        return Case(case_id, name)

    def cases(self) -> list[Case]:
        rows = self.database.query("SELECT id, name FROM cases ORDER BY id")
        return [Case(r[0], self._open(r[1], "cases", r[0], "name").decode()) for r in rows]

    def case(self, name: str) -> Case:
        """The case by name or number (corrections.py: ``find_case``)."""
        return self.find_case(name)

    # -- adding evidence -------------------------------------------------------------
    def add_file(self, case: Case, path: Path, *, guard, note: str | None = None,
                 happened=None) -> Item:
        """Import a file. ``guard`` (the clause-71 check) sees the whole file before any write.

        ``happened`` (when.Happened): when what the file shows happened, as the person said
        or confirmed it; stored as the item's ``occurred_at`` with its source (when.py).

        ``guard`` has no default so that skipping the check is never an accident: front ends
        go through ``workflows.add_file``; only tests of the vault itself
        pass ``guard=None``.
        """
        path = Path(path)
        if not path.is_file():
            raise UsageError(f"There is no file at {path}.")
        try:
            if guard is not None:
                data = path.read_bytes()
                guard.inspect(kind="file", url=path.name, body=data, content_type=None)
                chunks: object = [data]
                handle = None
            else:
                handle = open(path, "rb")
                chunks = _file_chunks(handle)
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            info = {"filename": path.name, "media_type": media_type, "note": note,
                    **(happened.info() if happened is not None else {})}
            if guard is not None:  # the bytes checked are the bytes read for the picture's own time
                info.update(taken_at_info(data))
            try:
                item_id = self._store_item(case.id, "file", info, [
                    ArtefactSource("original", path.name, media_type, chunks)])
            finally:
                if handle is not None:
                    handle.close()
        except OSError as exc:
            raise storage_error(exc, "importing the file") from exc
        return self.item(item_id)

    def add_incident(self, case: Case, *, kind: str, text: str, occurred_at: str,
                     time_unknown: bool = False) -> Item:
        """Clause 70 incident-log entry: what happened, and when it happened (not when logged).

        ``kind`` may be any natural spelling (kinds.py); ``occurred_at`` is UTC ISO, or a bare
        date with ``time_unknown`` (times.ParsedTime.stored gives either).
        """
        kind = normalise_kind(kind)
        if not text.strip():
            raise UsageError("The entry is empty: write what happened.")
        summary = text.strip().splitlines()[0][:SUMMARY_LIMIT]
        info = {"incident_kind": kind, "occurred_at": occurred_at, "summary": summary}
        if time_unknown:
            info["time_unknown"] = True
        item_id = self._store_item(case.id, "incident", info, [
            ArtefactSource("entry", "entry.txt", "text/plain; charset=utf-8", [text.encode("utf-8")])])
        return self.item(item_id)

    def add_capture(self, case: Case, *, info: dict, artefacts: list[ArtefactSource]) -> Item:
        """Store a web capture whose artefacts are already in memory (capture engine output)."""
        item_id = self._store_item(case.id, "web_capture", info, artefacts)
        return self.item(item_id)

    def add_email(self, case: Case, *, info: dict, artefacts: list[ArtefactSource]) -> Item:
        """Store an email whose parts already passed the clause-71 guard (mail/intake.py)."""
        item_id = self._store_item(case.id, "email", info, artefacts)
        return self.item(item_id)

    def record_email_check(self, item_id: int, *, dkim: dict) -> None:
        """A later DKIM check of an email item: a new event; the item itself never changes."""
        item = self.item(item_id)
        if item.kind != "email":
            raise UsageError(f"Item {item_id} is not an email.")
        with self.database.transaction("recording the email check") as tx:
            self._append(tx, "email_rechecked", {"item_id": item.id, "dkim": dkim})

    # -- reading ---------------------------------------------------------------------
    def items(self, case: Case | None = None) -> list[Item]:
        sql = ("SELECT i.id, i.case_id, i.kind, i.state, i.info, c.name FROM items i "
               "JOIN cases c ON c.id = i.case_id")
        params: tuple = ()
        if case is not None:
            sql, params = sql + " WHERE i.case_id = ?", (case.id,)
        rows = self.database.query(sql + " ORDER BY i.id", params)
        main = {(r[0], r[1]): r[2] for r in self.database.query("SELECT item_id, role, sha256 FROM artefacts")}
        names: dict[int, str] = {}
        out = []
        states = self.ledger_states()
        history = history_of(self)
        for item_id, case_id, kind, state, info, case_name in rows:
            state = states.get(item_id, "quarantined")  # the ledger decides, not the clear column
            if case_id not in names:
                names[case_id] = self._open(case_name, "cases", case_id, "name").decode()
            data = self._open_json(info, "items", item_id, "info")
            h = history.item(item_id)
            out.append(Item(item_id, case_id, names[case_id], kind, state, data["created_at"], data,
                            (), main.get((item_id, MAIN_ROLE.get(kind))), h.withdrawn,
                            sender_amendments(data) + tuple(h.amendments)))
        return out

    def _with_history(self, item: Item, history=None) -> Item:
        """The item with its withdrawal and amendments from the ledger (history.py)."""
        h = (history or history_of(self)).item(item.id)
        # an imported item: the sender's corrections first (wordings.py), then this vault's
        return replace(item, withdrawn=h.withdrawn, amendments=sender_amendments(item.info) + tuple(h.amendments))

    def wordings(self, item_id: int):
        """What the item's text says now and every earlier wording, with when and by whom
        (wordings.py). A bundle page, ``show`` and the app's details all print this."""
        from .wordings import wordings_of
        return wordings_of(self, self.item(item_id))

    def item(self, item_id: int) -> Item:
        rows = self.database.query(
            "SELECT i.id, i.case_id, i.kind, i.state, i.info, c.name FROM items i "
            "JOIN cases c ON c.id = i.case_id WHERE i.id = ?", (int(item_id),))
        if not rows:
            raise NotFoundError(f"There is no item {item_id} in this vault. 'evidence-vault list' shows them.")
        item_id, case_id, kind, state, info, case_name = rows[0]
        state = self.ledger_states().get(item_id, "quarantined")  # the ledger decides
        data = self._open_json(info, "items", item_id, "info")
        artefacts = []
        for a_id, role, sha, size, a_info in self.database.query(
            "SELECT id, role, sha256, size, info FROM artefacts WHERE item_id=? ORDER BY rowid", (item_id,)
        ):
            meta = self._open_json(a_info, "artefacts", a_id, "info")
            artefacts.append(Artefact(a_id, role, meta["filename"], meta["media_type"], sha, size))
        main = next((a.sha256 for a in artefacts if a.role == MAIN_ROLE.get(kind)), None)
        return self._with_history(Item(
            item_id, case_id, self._open(case_name, "cases", case_id, "name").decode(),
            kind, state, data["created_at"], data, tuple(artefacts), main))

    def _refuse_unless_active(self, item: Item) -> None:
        if item.state != "active" and item.state != "destroyed":
            raise QuarantinedError(
                f"Item {item.id} is quarantined because it may show a child. It cannot be opened, "
                "copied or exported. Only the police can advise what happens to it next."
            )
        if item.state == "destroyed":
            raise NotFoundError(f"Item {item.id} was destroyed on police advice and no longer exists.")

    def read_artefact(self, item_id: int, role: str) -> bytes:
        """Decrypted bytes of one artefact; refused for quarantined or destroyed items."""
        item = self.item(item_id)
        self._refuse_unless_active(item)
        artefact = next((a for a in item.artefacts if a.role == role), None)
        if artefact is None:
            raise NotFoundError(f"Item {item_id} has no {role}.")
        return b"".join(self.iter_artefact_unchecked(artefact.id))

    def events(self) -> list:
        """The decrypted ledger, oldest first: (seq, hash, Event)."""
        from .ledger import Event
        rows = self.database.query("SELECT seq, hash, body FROM events ORDER BY seq")
        out = []
        for seq, digest, body in rows:
            try:
                out.append((seq, digest, Event.decode(self._open(body, "events", seq, "body"))))
            except ValueError as exc:
                raise IntegrityError(
                    f"Event {seq} of the vault's log is malformed, so the log cannot be shown. "
                    "Run 'evidence-vault verify' for details.", [f"event {seq}: malformed ({exc})"],
                ) from None
        return out

    def record_export(self, *, case_id: int, items: list[int], recipient: str | None, bundle_sha256: str,
                      checkpoint_seq: int, withheld: int, signer_fingerprint: str, redacted: bool = False) -> None:
        """The export is itself history: which items went to whom, and the bundle's SHA-256.

        A checkpoint follows, so the export event is pinned by a signature too (bundle/export.py)."""
        with self.database.transaction("recording the export") as tx:
            self._append(tx, "export_made", {
                "case_id": case_id, "items": list(items), "recipient": recipient,
                "bundle_sha256": bundle_sha256, "checkpoint_seq": checkpoint_seq, "withheld": withheld,
                "signer_certificate_sha256": signer_fingerprint, **({"redacted": True} if redacted else {})})
        self.checkpoint()

    # -- hash lists, browser logins, the bundle certificate (stored sealed) --------------
    @cached_property
    def hash_lists(self) -> HashLists:
        """The safeguarding hash lists (hash_lists.py): ``add``, ``all``, ``names``, ``remove``."""
        return HashLists(self)

    @cached_property
    def logins(self) -> BrowserLogins:
        """The evidence browser's logins (logins.py): ``save``, ``saved``, ``forget``."""
        return BrowserLogins(self)

    @cached_property
    def platform_reports(self) -> PlatformReports:
        """Reports to the platform and their replies (platform_reports.py): ``record``, ``add_reply``, ``all``."""
        return PlatformReports(self)

    def signing_certificate(self) -> bytes | None:
        """The X.509 certificate (DER) bundles are signed with, for the vault's signing key;
        None until the first export makes it (bundle/certificate.py)."""
        row = self.database.query("SELECT value FROM meta WHERE key=?", (SIGNING_CERT,))
        return self._open(row[0][0], "meta", SIGNING_CERT) if row else None

    def keep_signing_certificate(self, cert_der: bytes) -> None:
        """Keep the bundle certificate, once: every bundle then carries the same fingerprint. The
        ledger records its SHA-256 (``signing_certificate_made``), so verify sees it replaced or
        deleted."""
        if self.signing_certificate() is not None:
            raise UsageError("This vault already has its bundle certificate; it is never replaced.")
        with self.database.transaction("keeping the bundle certificate") as tx:
            self._append(tx, "signing_certificate_made", {"sha256": hashlib.sha256(cert_der).hexdigest()})
            tx.execute("INSERT INTO meta (key, value) VALUES (?, ?)",
                       (SIGNING_CERT, self._seal(cert_der, "meta", SIGNING_CERT)))

    # -- the same file twice -----------------------------------------------------------
    def items_holding(self, sha256: str) -> list[Item]:
        """Items holding a file with exactly these bytes (same SHA-256), oldest first."""
        rows = self.database.query("SELECT DISTINCT item_id FROM artefacts WHERE sha256=? ORDER BY item_id",
                                (sha256,))
        return [self.item(r[0]) for r in rows]

    def refuse_duplicate(self, name: str, sha256: str) -> None:
        """Raise ``DuplicateFileError`` naming the item(s) that already hold these bytes, if any:
        the one rule every intake follows (files, emails), so a file is added twice only on purpose."""
        existing = self.items_holding(sha256)
        if not existing:
            return
        first = existing[0]
        state = "" if first.state == "active" and not first.withdrawn else \
            f", {'withdrawn' if first.withdrawn else first.state}"
        more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        raise DuplicateFileError(
            f"{name} is already in the vault as item {first.id}{more}, in case '{first.case}', added "
            f"{format_local(first.created_at)}{state}. Nothing was added. Add it again only if you "
            "mean to.", [i.id for i in existing])

    # -- integrity -------------------------------------------------------------------
    def verify(self, *, external_checkpoints=()):
        """Recompute the chain, check signatures, tables and every blob (verify.py)."""
        from .verify import verify_vault
        return verify_vault(self, list(external_checkpoints))
