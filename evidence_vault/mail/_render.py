# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The two things kept beside the original email: a readable rendering and a metadata record.

Why both: the original file is the evidence, sealed bit for bit, but a police officer or an HR
panel should not need a mail program (which would load remote pictures and tell the sender) to
read it. The rendering is plain text in a fixed order (headers, DKIM result in words, route,
attachments, what the email would have loaded from the internet, the text, the HTML as text),
ready to be drawn in a bundle. The metadata is the same facts as JSON for a program, with the
attachments' fingerprints, so each attachment can be matched to a copy found elsewhere.
"""

from __future__ import annotations

import hashlib
import json

from ._dkim import DkimResult
from ._html import html_to_text
from ._model import SUMMARY_HEADERS, ParsedEmail

METADATA_FORMAT = "evidence-vault email metadata 1"
_RULE = "-" * 72


def remote_content(parsed: ParsedEmail) -> list[str]:
    return html_to_text(parsed.html_body).remote if parsed.html_body else []


def render_text(parsed: ParsedEmail, *, filename: str, original: bytes, dkim: DkimResult) -> str:
    """The email as a person reads it, without anything loaded from the internet."""
    lines = [f"Email kept as evidence: {filename}",
             f"Original file: {len(original):,} bytes, fingerprint (SHA-256) "
             f"{hashlib.sha256(original).hexdigest()}", ""]
    for name in SUMMARY_HEADERS:
        lines.append(f"{name + ':':<12}{parsed.headers.get(name, '(not given)')}")
    lines += ["", f"Signature check when added: {dkim.in_words()}", ""]
    if parsed.received:
        lines.append("Route (Received lines, the last server first):")
        lines += [f"  {n}. {hop}" for n, hop in enumerate(parsed.received, start=1)]
    else:
        lines.append("Route: the file records no Received lines.")
    lines.append("")
    if parsed.parts:
        lines.append(f"Attachments and pictures in the email ({len(parsed.parts)}):")
        for part in parsed.parts:
            where = ", shown inside the email" if part.inline else ""
            lines.append(f"  - {part.filename} ({part.content_type}, {part.size:,} bytes{where}), "
                         f"fingerprint {part.sha256}")
    else:
        lines.append("Attachments: none.")
    rendered = html_to_text(parsed.html_body) if parsed.html_body else None
    if rendered and rendered.remote:
        lines += ["", "Pictures or other content the email would load from the internet "
                  "(none of it was loaded, so the sender was not told it was opened):"]
        lines += [f"  - {address}" for address in rendered.remote]
    for note in parsed.notes:
        lines += ["", f"Note: {note}."]
    if parsed.text_body is not None:
        lines += ["", _RULE, "Text of the email", _RULE, parsed.text_body.strip()]
    if rendered is not None:
        lines += ["", _RULE, "The email's HTML, as text (nothing loaded from the internet)", _RULE,
                  rendered.text]
    if parsed.text_body is None and rendered is None:
        lines += ["", "The email has no text."]
    return "\n".join(lines) + "\n"


def metadata(parsed: ParsedEmail, *, filename: str, original: bytes, dkim: DkimResult,
             checked_at: str, guard_record: dict, note: str | None) -> dict:
    """The facts about the email as JSON (headers, route, attachments, DKIM, guard counts)."""
    return {
        "format": METADATA_FORMAT,
        "source": parsed.source,
        "file": {"name": filename, "size": len(original),
                 "sha256": hashlib.sha256(original).hexdigest()},
        "headers": dict(parsed.headers),
        "received": list(parsed.received),
        "attachments": [part.describe() for part in parsed.parts],
        "remote_content_not_loaded": remote_content(parsed),
        "dkim": {**dkim.to_json(), "checked_at": checked_at},
        "notes": list(parsed.notes),
        "note": note,
        "safeguarding": guard_record,
    }


def metadata_bytes(record: dict) -> bytes:
    return json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False).encode("utf-8")
