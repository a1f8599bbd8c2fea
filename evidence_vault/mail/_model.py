# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What an email file holds, read into plain data that the rest of the intake passes along.

Why a record of its own: an .eml (read with the standard library) and an Outlook .msg (read
with extract-msg) differ in every detail of how they are stored, but once read they are the
same thing to keep as evidence: some headers, the route the message took, a text body, an
HTML body, and the files that came with it. One dataclass carries that through the steps
(check every part, render, describe), so neither the guard nor the vault knows which reader
was used.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

#: The headers a reader of the evidence asks about first, in the order they are shown.
SUMMARY_HEADERS = ("From", "To", "Cc", "Date", "Subject", "Message-ID")


@dataclass(frozen=True)
class Part:
    """One file that came with the email: an attachment, or a picture shown inside it."""

    filename: str
    content_type: str
    data: bytes
    inline: bool = False
    content_id: str | None = None

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def describe(self) -> dict:
        """What the metadata records about the part (never its bytes)."""
        return {"filename": self.filename, "content_type": self.content_type, "size": self.size,
                "sha256": self.sha256, "inline": self.inline, "content_id": self.content_id}


@dataclass(frozen=True)
class ParsedEmail:
    """One email as read from its file; ``source`` is "eml" or "msg"."""

    source: str
    headers: dict[str, str]          # SUMMARY_HEADERS that the file has, decoded to text
    received: tuple[str, ...]        # the Received chain, newest (top) first, as written
    text_body: str | None
    html_body: str | None            # the HTML as sent; only ever rendered to text
    parts: tuple[Part, ...] = ()
    notes: tuple[str, ...] = field(default=())  # anything odd but harmless found while reading
    nested_bodies: tuple[str, ...] = ()  # bodies of emails attached inside (.msg), to check too

    @property
    def subject(self) -> str:
        return self.headers.get("Subject", "")
