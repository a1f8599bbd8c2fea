# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Reading an Outlook .msg file with extract-msg (the one module that imports it).

Why a module of its own: extract-msg is licensed GPL-3.0, unlike the rest of Evidence Vault's
dependencies. Keeping every use of it here means replacing it (python-oxmsg is MIT-licensed,
for example) touches this file alone.

An Outlook file is not the message as it travelled: Outlook keeps the fields it parsed (and,
sometimes, the transport headers), not the bytes that were signed, so DKIM cannot be checked
on it. What is here is read fail-closed like an .eml: an attachment of a kind extract-msg
cannot open (broken, signed, unsupported) refuses the file, since it could not be checked.
"""

from __future__ import annotations

import mimetypes

from ..errors import EmailFormatError
from ._model import SUMMARY_HEADERS, ParsedEmail, Part

#: An email attached inside an email inside an email ... is refused past this depth.
MAX_NESTING = 4


def _load(data: bytes, name: str):
    import extract_msg
    from extract_msg.exceptions import ExMsgBaseException
    try:
        return extract_msg.openMsg(data, delayAttachments=False)
    except (ExMsgBaseException, OSError, ValueError, KeyError) as exc:
        raise EmailFormatError(
            f"{name} could not be read as an Outlook email (.msg): the file is damaged or is "
            "not an Outlook email. Nothing from it has been saved; the file itself is unchanged."
        ) from exc


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def _collect(message, name: str, parts: list[Part], bodies: list[str], depth: int) -> None:
    """Attachments of ``message`` (and of emails attached to it) into ``parts``."""
    from extract_msg.enums import AttachmentType
    if depth > MAX_NESTING:
        raise EmailFormatError(f"{name} holds emails attached inside each other too deeply to "
                               "check. Nothing from it has been saved.")
    for number, attachment in enumerate(message.attachments, start=1):
        filename = (attachment.longFilename or attachment.shortFilename or f"attachment-{number}")
        filename = filename.replace("/", "_").replace("\\", "_")
        kind = attachment.type
        if kind == AttachmentType.MSG:  # an email attached to the email: its files count too
            inner = attachment.data
            html = _text(getattr(inner, "htmlBody", None))
            if html:
                bodies.append(html)
            if inner.body:
                bodies.append(str(inner.body))
            _collect(inner, name, parts, bodies, depth + 1)
            continue
        if kind != AttachmentType.DATA or not isinstance(attachment.data, bytes):
            raise EmailFormatError(
                f"The attachment {filename} in {name} is of a kind Evidence Vault cannot open "
                "(it may be signed, encrypted or damaged), so it could not be checked and nothing "
                "from the email has been saved. The file itself is unchanged.")
        content_type = (attachment.mimetype or mimetypes.guess_type(filename)[0]
                        or "application/octet-stream")
        content_id = attachment.contentId
        parts.append(Part(filename=filename, content_type=content_type, data=attachment.data,
                          inline=bool(attachment.hidden or content_id), content_id=content_id or None))


def parse_msg(data: bytes, *, name: str) -> ParsedEmail:
    """Read the bytes of the Outlook file ``name`` or raise ``EmailFormatError``."""
    message = _load(data, name)
    try:
        values = {
            "From": _text(message.sender), "To": _text(message.to), "Cc": _text(message.cc),
            "Date": message.date.strftime("%a, %d %b %Y %H:%M:%S %z") if message.date else None,
            "Subject": _text(message.subject), "Message-ID": _text(message.messageId),
        }
        headers = {h: " ".join(values[h].split()) for h in SUMMARY_HEADERS if values.get(h)}
        transport = message.header
        received = tuple(" ".join(str(r).split()) for r in (transport.get_all("Received") or ()))
        parts: list[Part] = []
        inner_bodies: list[str] = []
        _collect(message, name, parts, inner_bodies, 0)
        notes = ["read from an Outlook .msg file: the message as it travelled is not kept in "
                 "this format, so its DKIM signature cannot be checked"]
        if inner_bodies:
            notes.append(f"{len(inner_bodies)} body text(s) of emails attached inside it were checked too")
        return ParsedEmail(
            source="msg", headers=headers, received=received,
            text_body=_text(message.body), html_body=_text(message.htmlBody),
            parts=tuple(parts), notes=tuple(notes), nested_bodies=tuple(inner_bodies),
        )
    finally:
        message.close()
