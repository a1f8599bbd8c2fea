# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The words and times a person sees, in one place, so every screen says the same thing.

Times in the vault are UTC; people think in local time with their own zone, so everything
shown goes through :func:`local_time`, which is ``evidence_vault.times.format_local`` (one
formatting rule for the CLI and the app).
"""

from __future__ import annotations

from evidence_vault.vault import capture_address
from evidence_vault import UsageError
from evidence_vault.page_problems import problem_of
from evidence_vault.times import format_local
from evidence_vault.vault.core import check_passphrase_strength
from evidence_vault.vault.when import timeline_time
from evidence_vault.vault.wordings import current_summary

KIND_WORDS = {"web_capture": "web page", "file": "file", "incident": "incident", "email": "email",
              "flag": "note of an address and time (text only)"}
INCIDENT_WORDS = {
    "phone_call": "phone call", "email": "email", "conversation": "conversation",
    "in_person": "in person", "message": "message", "other": "other",
}
STATE_WORDS = {
    "active": "",
    "quarantined": "locked away under the safeguarding policy",
    "destroyed": "destroyed on police advice",
    "withdrawn": "withdrawn",
}
MAY_SHOW_CHILD = "This may show a child"


def local_time(value: str | None) -> str:
    """'Fri 27 Nov 2026, 21:40 GMT' for a vault time (the library's one rule, as the CLI)."""
    return format_local(value)


def when_of(item) -> str | None:
    """When it happened where anyone said, else when a page was captured, else when it was
    added: the library's one rule (vault/when.py), as ``list`` and the bundle's index use."""
    return timeline_time(item)[0]


def when_label(item) -> str:
    if item.kind == "flag":
        return "noted at"
    return {"happened": "happened at", "captured": "captured at"}.get(timeline_time(item)[1], "added at")


def when_lines(item) -> str:
    """The details pane's times: when it happened (and who or what said so), and when it was
    added where that differs; a file or email nobody dated says so."""
    lines = [f"{when_label(item).capitalize()} {local_time(when_of(item))}"]
    source = item.info.get("occurred_at_source")
    if source and item.kind != "incident":
        lines[0] += f" ({source})"
    if item.kind in ("file", "email"):
        if item.info.get("occurred_at"):
            lines.append(f"Added at {local_time(item.created_at)}")
        else:
            lines.append("When it happened was not given.")
    return "\n".join(lines)


def timeline_when(item) -> str:
    """The first line of a timeline row: the time it is ordered by, and what that time is."""
    added = timeline_time(item)[1] == "added" and item.kind in ("file", "email")
    return f"{local_time(when_of(item))}  \u00b7  {item_kind_text(item)}" + (" (added; when it happened not given)"
                                                                        if added else "")


def flag_title(flag) -> str:
    """A text-only record's line: what was noted, with the address if one was given."""
    where = flag.url or "no address given"
    if flag.type == "self_flagged":
        return f"You reported that this may show a child: {where}"
    return f"Not saved, stopped by the safeguarding check ({flag.reason}): {where}"


def item_title(item) -> str:
    """One line that says what the item is without showing anything hurtful."""
    if item.kind == "flag":
        return flag_title(item.flag)
    info = item.info
    if item.kind == "incident":
        return current_summary(item) or "incident"  # corrected, if it was
    if item.kind == "web_capture":
        title = info.get("title") or capture_address(info) or "web page"
        problem = problem_of(item)  # a page that was not the page carries its mark with its title
        return f"{problem.mark}: {title}" if problem else title
    if item.kind == "email":
        return info.get("subject") or info.get("filename") or "email"
    return info.get("filename") or "file"


BADGES = {"phone_call": "call", "email": "email", "conversation": "talk", "in_person": "in\nperson",
          "message": "message", "other": "note", "web_capture": "page", "file": "file", "flag": "text\nonly"}


def item_badge(item) -> str:
    """A word short enough for the thumbnail square of an item without a picture."""
    key = item.info.get("incident_kind") if item.kind == "incident" else item.kind
    return BADGES.get(key, "item")


def item_kind_text(item) -> str:
    kept = item.info.get("received_bundle")  # a bundle someone sent, kept as sealed (issue 22)
    if isinstance(kept, dict):
        return f"bundle received from {kept.get('from_name') or 'someone not named'}"
    if item.kind == "incident":
        said = INCIDENT_WORDS.get(item.info.get("incident_kind"), "incident")
    else:
        said = KIND_WORDS.get(item.kind, item.kind)
    source = item.info.get("source")  # an item from such a bundle: who reported it
    return f"{said}, reported by {source.get('from_name')}" if isinstance(source, dict) else said


def passphrase_hint(passphrase: str) -> tuple[int, str]:
    """A rough strength (0-3) and a kind sentence. It guides; the library enforces the minimum."""
    words = len([w for w in passphrase.replace("-", " ").split() if w])
    length = len(passphrase)
    try:
        check_passphrase_strength(passphrase)  # the vault's own rule: one rule, one wording
    except UsageError:
        return 0, "Too short: use four ordinary words, or at least 12 characters."
    if length < 14 and words < 3:
        return 1, "Could be guessed. Adding another word or two makes it much stronger."
    if length < 20 and words < 4:
        return 2, "Good. Another word would make it even harder to guess."
    return 3, "Strong, and still easy to remember."
