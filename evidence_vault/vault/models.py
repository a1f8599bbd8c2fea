# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Plain records the vault hands out: cases, items, artefacts, events, verify reports.

They carry decrypted metadata only (never evidence bytes), so a UI or the CLI can show them
without touching blobs; evidence bytes are read through ``Vault.read_artefact`` alone, which is
where quarantine is enforced.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _dict(value: object) -> dict[str, Any] | None:
    return dict(value) if isinstance(value, Mapping) else None


def _strings(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, (list, tuple)) else ()


@dataclass(frozen=True)
class PageRecord:
    """One captured page's facts, typed: what the engine found, as sealed with the item.

    Built once when a capture is sealed (``workflows.store_capture``: from the engine's
    metadata and the guard's record) and read back once per item (``from_metadata`` on the
    sealed metadata.json, or ``from_info`` on an item's record when there is none), so every
    reader (the bundle's pages, the timeline, the CLI) sees the same names. The address a page
    is known by is ``address`` here and nowhere else.

    Stored data stays as it was: metadata.json keeps the engine's keys, plus the guard's
    record under ``"guard"``. Items sealed before that kept the guard's record under
    ``"safeguarding"`` (over the engine's count); ``from_metadata`` reads both.
    """

    requested_url: str = ""
    final_url: str = ""
    title: str = ""
    http_status: int | None = None
    started_at: str | None = None   # capture_started_at (UTC, Z)
    finished_at: str | None = None  # capture_finished_at
    browser: dict[str, Any] | None = None  # {name, version, headless}
    device: str | None = None  # None: desktop
    warnings: tuple[str, ...] = ()  # the capture's notes, plain sentences for the person
    guard: dict[str, Any] | None = None  # ImageGuard.record(): lists and counts, never a hash
    # what the bundle's page of details shows besides (docs/capture.md names each)
    redirect_chain: tuple[dict[str, Any], ...] = ()
    server_ip: str | None = None
    server_port: int | None = None
    tls: dict[str, Any] | None = None
    clock_source: str | None = None
    zone: str | None = None  # the capturing computer's time zone name
    viewport: dict[str, Any] | None = None
    device_scale: float | None = None
    truncated: bool = False  # the screenshot was cut at its height limit
    timed_out: bool = False  # the page was still loading when it was taken

    @property
    def address(self) -> str:
        """The address the page is known by: where it ended up, else what was asked for."""
        return self.final_url or self.requested_url

    @classmethod
    def from_metadata(cls, meta: Mapping[str, Any], *, guard: Mapping[str, Any] | None = None) -> PageRecord:
        """From a capture's metadata (the engine's dict, or a sealed metadata.json).
        ``guard``: the guard's record when sealing; otherwise read from the metadata."""
        if guard is None:
            guard = _dict(meta.get("guard"))
            old = _dict(meta.get("safeguarding"))
            if guard is None and old is not None and "bodies_checked" in old:  # sealed before "guard"
                guard = old
        zone = meta.get("local_timezone")
        status, port, scale = meta.get("http_status"), meta.get("server_port"), meta.get("device_scale_factor")
        chain = meta.get("redirect_chain")
        return cls(
            requested_url=_text(meta.get("requested_url")), final_url=_text(meta.get("final_url")),
            title=_text(meta.get("title")),
            http_status=status if isinstance(status, int) and not isinstance(status, bool) else None,
            started_at=_text_or_none(meta.get("capture_started_at")),
            finished_at=_text_or_none(meta.get("capture_finished_at")),
            browser=_dict(meta.get("browser")), device=_text_or_none(meta.get("device")),
            warnings=_strings(meta.get("notes")), guard=dict(guard) if guard is not None else None,
            redirect_chain=tuple(dict(h) for h in chain if isinstance(h, Mapping))
            if isinstance(chain, list) else (),
            server_ip=_text_or_none(meta.get("server_ip")),
            server_port=port if isinstance(port, int) else None,
            tls=_dict(meta.get("tls")), clock_source=_text_or_none(meta.get("clock_source")),
            zone=_text_or_none(zone.get("name")) if isinstance(zone, Mapping) else None,
            viewport=_dict(meta.get("viewport")),
            device_scale=float(scale) if isinstance(scale, (int, float)) and not isinstance(scale, bool) else None,
            truncated=bool((_dict(meta.get("screenshot")) or {}).get("truncated")),
            timed_out=bool((_dict(meta.get("load")) or {}).get("timed_out")),
        )

    @classmethod
    def from_info(cls, info: Mapping[str, Any]) -> PageRecord:
        """From an item's record alone (``Item.info``: what ``info`` below wrote), for a
        capture whose metadata cannot be read: fewer facts, the same names."""
        status = info.get("http_status")
        return cls(
            requested_url=_text(info.get("requested_url")), final_url=_text(info.get("final_url")),
            title=_text(info.get("title")),
            http_status=status if isinstance(status, int) and not isinstance(status, bool) else None,
            started_at=_text_or_none(info.get("captured_at")), device=_text_or_none(info.get("device")),
            warnings=_strings(info.get("capture_notes")),
            truncated=bool(info.get("truncated")), timed_out=bool(info.get("timed_out")),
        )

    def info(self) -> dict[str, Any]:
        """The item's record of the capture (``Item.info``; its keys are the vault's format)."""
        return {
            "requested_url": self.requested_url, "final_url": self.final_url,
            "title": self.title, "http_status": self.http_status, "captured_at": self.started_at,
            "device": self.device, "truncated": self.truncated, "timed_out": self.timed_out,
            "capture_notes": list(self.warnings),
        }


def capture_address(info: Mapping[str, Any]) -> str:
    """The address a web capture is known by, from its item's record (``PageRecord.address``)."""
    return PageRecord.from_info(info).address


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
