# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the guard says when it refuses: a listed picture, or something it could not check.

Why a module of its own: the walker (walker.py) and the guard (guard.py) both raise these, and
front ends catch them. Their messages are written for a frightened person: plain words, no
hashes, no technical detail (that is kept on attributes); for ``kind="file"`` they speak of
the file given, not of a page. ``as_record()`` gives what may be written in the event log.
"""

from __future__ import annotations

from ..errors import SafeguardingBlock, UncheckableBlock
from .matcher import Match

_ADVICE = (
    "Please do not look at the page again or try to save it another way. Tell your "
    "designated safeguarding lead, and contact the police: the safeguarding advice in "
    "Evidence Vault says how."
)
_FILE_ADVICE = (
    "Please do not open the file again, and do not copy, send, show or delete it. Tell your "
    "designated safeguarding lead, and contact the police: the safeguarding advice in "
    "Evidence Vault says how."
)


def safe_url(url: str) -> str:
    """The address as it may be shown and recorded: a ``data:`` URI is cut to its type (its
    payload *is* the picture), and anything is cut to 2,000 characters."""
    if url[:5].lower() == "data:":
        media_type = url[5:].split(",", 1)[0].split(";", 1)[0] or "unknown type"
        return f"data:{media_type[:100]} (picture embedded in the page)"
    clean = "".join(c for c in url if c.isprintable())
    return clean if len(clean) <= 2000 else clean[:2000] + "\u2026"


class BlockedImage(SafeguardingBlock):
    """Something on the page is on a hash list; the capture was refused and nothing written."""

    def __init__(self, *, match: Match, kind: str, url: str, embedded: bool = False) -> None:
        #: Where inside the file it was found, outermost first (names of attachments, members).
        self.inside: list[str] = []
        self.list_name = match.list_name
        self.match_type = match.match_type
        self.distance = match.distance
        self.kind = kind
        self.url = safe_url(url)
        self.embedded = embedded
        if kind == "file":  # a file given to Evidence Vault, not part of a page
            opening = "Evidence Vault has not added this file because it matches"
            nothing, advice = "Nothing from it has been saved.", _FILE_ADVICE
        else:
            opening = "Evidence Vault has stopped this capture because something on the page matches"
            nothing, advice = "Nothing from this page has been saved.", _ADVICE
        super().__init__(
            f"{opening} the hash list \u201c{match.list_name}\u201d: a list of known images "
            "that must not be saved, sent or shown (school policy, clause 71). "
            f"{nothing} {advice} You have done the right thing by stopping here."
        )

    def as_record(self) -> dict[str, object]:
        """What may be written in the vault's event log about this refusal (no hash, no pixel)."""
        return {
            "event": "safeguarding-block",
            "list": self.list_name,
            "type": self.match_type,
            "distance": self.distance,
            "kind": self.kind,
            "url": self.url,
        }


class UncheckableContent(UncheckableBlock):
    """Something on the page could not be checked, so the capture was refused (fail closed).

    ``reason`` is a plain phrase ("the picture is damaged or incomplete"); ``detail`` holds
    any technical text from the capture engine, for logs, never for the message.
    """

    def __init__(self, *, kind: str, url: str, reason: str, detail: str | None = None) -> None:
        self.kind = kind
        self.url = safe_url(url)
        self.reason = reason
        #: Where inside the file it was found, outermost first (names of attachments, members).
        self.inside: list[str] = []
        self.detail = detail
        if kind == "file":
            super().__init__(
                f"Evidence Vault could not check this file ({reason}), so to be safe it has not "
                "been added and nothing from it has been saved. This does not mean the file "
                "holds anything illegal. Please do not take a screenshot of it instead: ask "
                "your designated safeguarding lead or IT support for help."
            )
            return
        super().__init__(
            f"Evidence Vault could not check part of this page ({reason}), so to be safe "
            "nothing from the page has been saved. This does not mean the page holds anything "
            "illegal. Please do not take a screenshot instead: write down the web address, "
            "the date and the time, and ask your designated safeguarding lead or IT support "
            "for help."
        )

    def as_record(self) -> dict[str, object]:
        """What may be written in the vault's event log about this refusal."""
        return {"event": "safeguarding-uncheckable", "reason": self.reason, "kind": self.kind, "url": self.url}


class LimitReached(UncheckableContent):
    """The walker reached one of its limits (walker.Limits) before it had seen everything.

    ``limit`` names which one ("depth", "parts", "expanded_bytes", "frames", "seconds",
    "header_bytes"); ``reason`` says it in plain words ("it holds files inside files more than
    32 levels deep"). Like any ``UncheckableContent`` it refuses the file (exit code 3).
    """

    def __init__(self, *, limit: str, kind: str, url: str, reason: str) -> None:
        self.limit = limit
        super().__init__(kind=kind, url=url, reason=reason)

    def as_record(self) -> dict[str, object]:
        return {**super().as_record(), "limit": self.limit}


def where_inside(block, name: str) -> str:
    """``name`` followed by where inside it the refused part was, for the event log: "chat.zip,
    inside it: photos/a.png" (the names of attachments and members only, never content)."""
    inside = [part for part in getattr(block, "inside", []) if part]
    return f"{name}, inside it: {' / '.join(inside)}" if inside else name
