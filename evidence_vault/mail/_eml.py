# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Reading an .eml file (RFC 5322 / MIME) with the standard library's ``email`` package.

Why strict about structure when the standard library is lenient: every attachment and inline
picture must pass the clause-71 guard before anything is written. If the MIME structure is
broken (a multipart with no boundary, parts that never start or never end, an attachment whose
base64 does not decode cleanly), a mail program may show the reader a part that this parser
did not see, so it could not have been checked. Such a file is refused with a clear
``EmailFormatError`` (fail closed); the file itself is left as it was.
"""

from __future__ import annotations

import binascii
import email.errors
import email.policy
import mimetypes
import re
from email.message import EmailMessage
from email.parser import BytesParser

from ..errors import EmailFormatError
from ._model import SUMMARY_HEADERS, ParsedEmail, Part

#: Defects after which some part of the email may not have been seen, so not checked.
_STRUCTURE_DEFECTS = (
    email.errors.NoBoundaryInMultipartDefect,
    email.errors.StartBoundaryNotFoundDefect,
    email.errors.CloseBoundaryNotFoundDefect,
    email.errors.MultipartInvariantViolationDefect,
    email.errors.MultipartConversionError,
)
_DECODING_DEFECTS = (
    email.errors.InvalidBase64CharactersDefect,
    email.errors.InvalidBase64PaddingDefect,
    email.errors.InvalidBase64LengthDefect,
)
#: Without one of these, the file is not taken for an email at all.
_EMAIL_HEADERS = ("from", "to", "date", "subject", "message-id", "received", "mime-version")

_BROKEN = ("The email file {name} is damaged: {what}. A mail program might show parts of it "
           "that Evidence Vault cannot see, so they could not be checked, and nothing from it "
           "has been saved. The file itself is unchanged: keep it, and ask IT support to save "
           "the email again from the mailbox (as .eml or .msg).")


def _text_of(part: EmailMessage, notes: list[str]) -> str:
    try:
        return part.get_content()
    except (LookupError, UnicodeError):  # an unknown or lying charset: keep what can be read
        notes.append(f"a {part.get_content_type()} part names a character set that could not be "
                     "used; it was read as UTF-8 with unreadable bytes replaced")
        return (part.get_payload(decode=True) or b"").decode("utf-8", errors="replace")


#: Longest header value kept in the summary (the original file keeps every byte of it).
SHOWN_HEADER_CHARS = 10_000
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_BETWEEN_WORDS = re.compile(r"(?<=\?=)[ \t\r\n]+(?==\?)")


def _raw_headers(message: EmailMessage, name: str) -> list[str]:
    """The values of header ``name`` as written (the policy's parser is never run on them)."""
    return [str(v) for k, v in message.raw_items() if k.lower() == name.lower()]


def _header(message: EmailMessage, name: str) -> str | None:
    """A header's value as a person reads it (RFC 2047 words decoded), in time linear in its
    length: the standard library's parser and ``decode_header`` take minutes over a header of
    a few megabytes (CPython gh-136063), so they are not used here. Cut past
    ``SHOWN_HEADER_CHARS``, saying so."""
    raw = _raw_headers(message, name)
    if not raw:
        return None
    value = " ".join(_decode_words(raw[0]).split())
    if len(value) > SHOWN_HEADER_CHARS:
        value = (value[:SHOWN_HEADER_CHARS] + f"\u2026 (cut: {len(value):,} characters in all; "
                 "the original file keeps all of it)")
    return value


def _decode_words(raw: str) -> str:
    def word(found: re.Match) -> str:
        charset = found.group(1).split("*", 1)[0]
        text = found.group(3).encode("ascii", "replace")
        try:
            data = (binascii.a2b_qp(text.replace(b"_", b" "), header=True) if found.group(2) in "qQ"
                    else binascii.a2b_base64(text + b"=" * (-len(text) % 4), strict_mode=False))
            return data.decode(charset, errors="replace")
        except (LookupError, binascii.Error, ValueError):
            return found.group(0)
    return _ENCODED_WORD.sub(word, _BETWEEN_WORDS.sub("", raw))


def _part_name(part: EmailMessage, number: int) -> str:
    try:
        name = part.get_filename()
    except (ValueError, IndexError, TypeError):
        name = None
    if name:
        return name.replace("/", "_").replace("\\", "_")
    ext = mimetypes.guess_extension(part.get_content_type()) or ".bin"
    return f"part-{number}{ext}"


def parse_eml(data: bytes, *, name: str) -> ParsedEmail:
    """Read ``data`` (the bytes of the file called ``name``) or raise ``EmailFormatError``."""
    message = BytesParser(policy=email.policy.default).parsebytes(data)
    present = {name.lower() for name in message.keys()}
    if not present.intersection(_EMAIL_HEADERS):
        raise EmailFormatError(
            f"{name} does not look like an email file: it has none of the lines an email starts "
            "with (From, To, Date, Subject). Nothing was saved. If it is another kind of file, "
            "add it with 'evidence-vault add-file --case CASE FILE'.")
    notes: list[str] = []
    for part in message.walk():
        for defect in part.defects:
            if isinstance(defect, _STRUCTURE_DEFECTS):
                raise EmailFormatError(_BROKEN.format(
                    name=name, what="its parts are not separated the way the email standard (MIME) requires"))
    try:
        text_part = message.get_body(preferencelist=("plain",))
        html_part = message.get_body(preferencelist=("html",))
    except (KeyError, ValueError, TypeError) as exc:
        raise EmailFormatError(_BROKEN.format(name=name, what="its body could not be found")) from exc
    html = _text_of(html_part, notes) if html_part is not None else None
    shown = (html or "").lower()
    parts: list[Part] = []
    number = 0
    for part in message.walk():
        if part.is_multipart() or part is text_part or part is html_part:
            continue
        number += 1
        payload = part.get_payload(decode=True)
        if any(isinstance(d, _DECODING_DEFECTS) for d in part.defects):
            raise EmailFormatError(_BROKEN.format(
                name=name, what=f"the attached {_part_name(part, number)} is not encoded correctly"))
        if not isinstance(payload, bytes):  # message/rfc822 wrappers: their parts come next
            continue
        disposition = (part.get_content_disposition() or "").lower()
        content_id = (_header(part, "Content-ID") or "").strip("<>") or None
        referenced = content_id is not None and f"cid:{content_id.lower()}" in shown
        parts.append(Part(
            filename=_part_name(part, number), content_type=part.get_content_type(), data=payload,
            inline=disposition == "inline" or referenced, content_id=content_id,
        ))
    headers = {h: v for h in SUMMARY_HEADERS if (v := _header(message, h)) is not None}
    received = tuple(" ".join(r.split())[:SHOWN_HEADER_CHARS] for r in _raw_headers(message, "Received"))
    return ParsedEmail(
        source="eml", headers=headers, received=received,
        text_body=_text_of(text_part, notes) if text_part is not None else None,
        html_body=html,
        parts=tuple(parts), notes=tuple(notes),
    )
