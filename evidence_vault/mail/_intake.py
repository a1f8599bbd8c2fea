# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Keeping an email as evidence (clause 70), with the clause-71 guard in front of every part.

The steps, in this order, all in memory until the last:

1. the file is read once; its bytes are what is checked, parsed and sealed (no second read
   that could see a different file);
2. the guard sees the whole file, then every attachment and inline picture, the HTML and text
   bodies (pictures as ``data:`` URIs) and the bodies of emails attached inside it. A refusal
   stops everything: a text-only ``capture_refused`` event names the file (and the
   attachment), nothing of the email is written, and the ``SafeguardingBlock`` propagates;
3. a broken structure raises ``EmailFormatError`` before anything is written;
4. the DKIM signature is checked (.eml only; offline gives "not checked (offline)");
5. one item of kind ``email`` is sealed: the original file bit for bit, the readable
   rendering, and the metadata JSON.

``recheck_email`` repeats step 4 later on the sealed original and records the answer as a new
``email_rechecked`` event: the item and its first result are never altered.
"""

from __future__ import annotations

import email.policy
import hashlib
import re
from email.parser import BytesHeaderParser
from pathlib import Path

from ..errors import EmailFormatError, SafeguardingBlock, UsageError
from ..safeguarding.actions import record_refusal
from ..safeguarding.identify import looks_like_headers
from ..safeguarding.vault_guard import guard_for_vault
from ..vault import ArtefactSource, Case, Item, Vault
from ..vault.ledger import utc_now
from ._dkim import DkimResult, DnsLookup, check_dkim, not_possible
from ._eml import parse_eml
from ._model import ParsedEmail
from ._msg import parse_msg
from ._render import metadata, metadata_bytes, render_text

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
EMAIL_SUFFIXES = (".eml", ".msg")
MEDIA_TYPES = {"eml": "message/rfc822", "msg": "application/vnd.ms-outlook"}


def is_email_file(path: Path) -> bool:
    """Whether ``path`` is named as an email file (.eml, .msg)."""
    return Path(path).suffix.lower() in EMAIL_SUFFIXES


def is_email(path: Path) -> bool:
    """Whether ``add-file`` should hand ``path`` to the email intake: by its name, or by its
    bytes whatever it is called (an email saved as "message.txt" is still an email).

    By its bytes: an Outlook file (an OLE file with Outlook's property stream), or RFC 822
    header lines naming a sender and a date, message id, recipient or route, which is not an
    MHTML web archive (those say they were saved by a browser)."""
    path = Path(path)
    if is_email_file(path):
        return True
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 20)
    except OSError:
        return False
    if head.startswith(OLE_MAGIC):
        return _is_outlook(path)
    if not looks_like_headers(head):
        return False
    block = re.split(rb"\r?\n\r?\n", head, maxsplit=1)[0].lower()
    fields = {m.group(1) for m in re.finditer(rb"^([!-9;-~]+)[ \t]*:", block, re.M)}
    if b"snapshot-content-location" in fields or re.search(rb"^from:[ \t]*<saved by ", block, re.M):
        return False
    return b"from" in fields and bool(fields & {b"date", b"message-id", b"received", b"to"})


def _is_outlook(path: Path) -> bool:
    import olefile
    try:
        with olefile.OleFileIO(str(path)) as ole:
            return ole.exists("__properties_version1.0") and any(
                entry[0].lower().startswith("__substg1.0_") for entry in ole.listdir())
    except Exception:  # noqa: BLE001 - not a readable OLE file: not an Outlook email
        return False


def _where(block: SafeguardingBlock, name: str) -> str:
    """The refused file's name, and the attachment (inside attachment …) it was found in."""
    inside = [part for part in getattr(block, "inside", []) if part]
    return f"{name}, attachment {' / '.join(inside)}" if inside else getattr(block, "url", name)


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise UsageError(f"There is no file at {path}.")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(f"Could not read {path.name}: {exc.strerror}. Nothing was saved.") from None


def _parse(data: bytes, name: str) -> ParsedEmail:
    if data.startswith(OLE_MAGIC):
        return parse_msg(data, name=name)
    if name.lower().endswith(".msg"):
        raise EmailFormatError(f"{name} is not an Outlook email file (.msg) although its name says "
                               "so. Nothing from it has been saved; the file itself is unchanged.")
    return parse_eml(data, name=name)


#: The top header block read for an email's Date line: the hint is offered before the walker has
#: looked at the file, so it must not parse a hostile body (deep nesting, huge headers).
_HINT_HEADER_BYTES = 64 * 1024


def email_date_of(data: bytes, name: str) -> str | None:
    """The email's Date line, to offer as when it happened (file_times.py); None if unreadable.
    Only the top header block of a saved email is read (an Outlook file through its reader):
    nothing is shown, rendered or written, and nothing below the headers is parsed."""
    if data.startswith(OLE_MAGIC):
        try:
            return _parse(data, name).headers.get("Date")
        except EmailFormatError:
            return None
    head = data[:_HINT_HEADER_BYTES]
    end = min((i for i in (head.find(b"\r\n\r\n"), head.find(b"\n\n")) if i >= 0), default=-1)
    if end < 0:
        return None
    headers = BytesHeaderParser(policy=email.policy.compat32).parsebytes(head[:end] + b"\n\n")
    date = " ".join(str(headers.get("Date") or "").split())
    return date or None


def _check_everything(guard, parsed: ParsedEmail, name: str) -> None:
    for part in parsed.parts:
        guard.inspect(kind="file", url=f"{name}, attachment {part.filename}", body=part.data,
                      content_type=part.content_type)
    bodies = [("text/html", parsed.html_body), ("text/plain", parsed.text_body),
              *(("text/html", b) for b in parsed.nested_bodies)]
    for content_type, body in bodies:
        if body:
            guard.inspect(kind="file", url=f"{name}, text of the email", content_type=content_type,
                          body=body.encode("utf-8", errors="surrogateescape"))


def _refuse_duplicate(vault: Vault, name: str, data: bytes) -> None:
    vault.refuse_duplicate(name, hashlib.sha256(data).hexdigest())  # the rule files follow too


def add_email(vault: Vault, case: Case, path: Path, *, dns: DnsLookup | None = None,
              note: str | None = None, again: bool = False, happened=None) -> Item:
    """Keep the email file at ``path`` in ``case``; see the module docstring for the steps.

    ``happened`` (vault.when.Happened): when it happened, as the person said or confirmed it.

    As for files, the same file already in the vault raises ``DuplicateFileError`` naming the
    item(s), unless ``again`` (checked after the guard, so a listed file is still recorded).
    """
    path = Path(path)
    data = _read(path)
    guard = guard_for_vault(vault)
    try:
        guard.inspect(kind="file", url=path.name, body=data, content_type=None)
        if not again:
            _refuse_duplicate(vault, path.name, data)
        parsed = _parse(data, path.name)
        _check_everything(guard, parsed, path.name)
    except SafeguardingBlock as block:
        record_refusal(vault, block, url=_where(block, path.name), case=case)
        raise
    checked_at = utc_now()
    dkim = (check_dkim(data, dns=dns) if parsed.source == "eml" else
            not_possible("an Outlook .msg file does not keep the email as it was sent"))
    text = render_text(parsed, filename=path.name, original=data, dkim=dkim).encode("utf-8")
    meta = metadata_bytes(metadata(parsed, filename=path.name, original=data, dkim=dkim,
                                   checked_at=checked_at, guard_record=guard.record(), note=note))
    try:
        for body in (text, meta):  # what is made from the email is checked too, as for pages
            guard.inspect(kind="artefact", url=path.name, body=body, content_type="text/plain")
    except SafeguardingBlock as block:
        record_refusal(vault, block, url=path.name, case=case)
        raise
    media_type = MEDIA_TYPES[parsed.source]
    info = {
        "filename": path.name, "media_type": media_type, "note": note,
        "from": parsed.headers.get("From"), "subject": parsed.headers.get("Subject"),
        "sent_date": parsed.headers.get("Date"), "message_id": parsed.headers.get("Message-ID"),
        "attachments": len(parsed.parts),
        "dkim": dkim.status, "dkim_domain": dkim.domain, "dkim_checked_at": checked_at,
        **(happened.info() if happened is not None else {}),
    }
    stem = Path(path.name).stem
    return vault.add_email(case, info=info, artefacts=[
        ArtefactSource("original", path.name, media_type, [data]),
        ArtefactSource("text", f"{stem}.txt", "text/plain; charset=utf-8", [text]),
        ArtefactSource("metadata", f"{stem}.metadata.json", "application/json", [meta]),
    ])


def recheck_email(vault: Vault, item_id: int, *, dns: DnsLookup | None = None) -> DkimResult:
    """Check the DKIM signature of email item ``item_id`` again and record the answer."""
    item = vault.item(item_id)
    if item.kind != "email":
        raise UsageError(f"Item {item.id} is not an email, so there is no signature to check.")
    if item.info.get("media_type") != MEDIA_TYPES["eml"]:
        result = not_possible("an Outlook .msg file does not keep the email as it was sent")
    else:
        result = check_dkim(vault.read_artefact(item.id, "original"), dns=dns)
    vault.record_email_check(item.id, dkim={**result.to_json(), "checked_at": utc_now()})
    return result


def dkim_history(vault: Vault, item_id: int) -> list[dict]:
    """Every DKIM result recorded for the item, oldest first (the first from when it was added)."""
    item = vault.item(item_id)
    out = []
    if item.kind == "email":
        out.append({"status": item.info.get("dkim"), "domain": item.info.get("dkim_domain"),
                    "checked_at": item.info.get("dkim_checked_at"), "when": "when added"})
    for _seq, _hash, event in vault.events():
        if event.type == "email_rechecked" and event.data.get("item_id") == item.id:
            out.append({**event.data["dkim"], "when": "rechecked"})
    return out
