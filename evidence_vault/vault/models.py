# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Plain records the vault hands out: cases, items, artefacts, events, verify reports.

They carry decrypted metadata only (never evidence bytes), so a UI or the CLI can show them
without touching blobs; evidence bytes are read through ``Vault.read_artefact`` alone, which is
where quarantine is enforced.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

ITEM_KINDS = ("web_capture", "file", "incident", "email")
INCIDENT_KINDS = ("phone_call", "email", "conversation", "in_person", "message", "other")
ITEM_STATES = ("active", "quarantined", "destroyed")
MAIN_ROLE = {"web_capture": "screenshot", "file": "original", "incident": "entry", "email": "original"}


def can_hold_picture(item: "Item") -> bool:
    """Whether an item can hold a picture, so "this may show a child" (clause 71) applies to it.

    A page, a file (whatever its name says, its bytes could be a picture) and an email (its
    attachments) can; an incident is only the words a person typed, so it cannot, and locking
    it away is never offered: a mistaken one is withdrawn instead."""
    return bool(item.kind != "incident")


@dataclass(frozen=True)
class Case:
    id: int
    name: str


@dataclass(frozen=True)
class Artefact:
    id: str
    role: str
    filename: str
    media_type: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Item:
    id: int
    case_id: int
    case: str
    kind: str
    state: str
    created_at: str
    info: dict[str, Any]
    artefacts: tuple[Artefact, ...] = ()
    main_sha256: str | None = None
    withdrawn: dict[str, Any] | None = None       # {"at", "reason", "by"} when withdrawn (corrections.py)
    amendments: tuple[dict[str, Any], ...] = ()   # [{"at", "note", "by"}], oldest first

    def to_json(self, *, with_artefacts: bool = True) -> dict[str, Any]:
        out = {
            "id": self.id,
            "kind": self.kind,
            "case": self.case,
            "state": self.state,
            "created_at": self.created_at,
            "sha256": self.main_sha256,
            "info": self.info,
            "withdrawn": self.withdrawn,
            "amendments": list(self.amendments),
        }
        if with_artefacts:
            out["artefacts"] = [asdict(a) for a in self.artefacts]
        return out


@dataclass(frozen=True)
class ArtefactSource:
    """What a caller hands the vault to store: bytes now, or chunks read from a file."""

    role: str
    filename: str
    media_type: str
    chunks: Iterable[bytes]


@dataclass
class VerifyReport:
    events: int = 0
    checkpoints: int = 0
    blobs: int = 0
    bytes: int = 0
    head: str | None = None
    last_checkpoint_seq: int | None = None
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    handed_out: list[dict[str, Any]] = field(default_factory=list)  # checkpoints recorded in the ledger

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "events": self.events,
            "checkpoints": self.checkpoints,
            "last_checkpoint_seq": self.last_checkpoint_seq,
            "blobs": self.blobs,
            "bytes": self.bytes,
            "head": self.head,
            "problems": list(self.problems),
            "warnings": list(self.warnings),
            "checkpoints_handed_out": list(self.handed_out),
        }
