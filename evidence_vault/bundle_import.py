# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Importing a bundle someone sent into a case, as evidence (``workflows.import_bundle``).

Why a module of its own: a senior leader builds the school's investigation from the bundles
staff send. Each bundle is checked exactly as ``verify-bundle`` checks it (bundle/received.py)
and refused, with nothing written, if it fails. A bundle is a container, so before anything is
written the clause-71 guard walks the whole file (the walker opens the PDF, its pages and
every attached file) and then every original inside it (an encrypted bundle is opaque to the
walker, its decrypted parts are not); a listed picture refuses the whole import, recorded as
text only. Then, in one step (vault/received.py), the bundle is kept bit for bit as the sealed
original (a ``file`` item marked ``received_bundle``) and each item inside becomes an item of
the case with its own kind and a ``source``: from whom, their code, when it was sealed, the
bundle's SHA-256 and the item's number in it. The sender's corrections of an item's text come
with it (``source.amendments``, from the item's sealed record in the bundle): the leader reads
the corrected wording, marked as corrected and credited to the sender (vault/wordings.py), and
cannot correct it in the sender's name (``Vault.amend`` refuses an imported item). ``expect``
is the sender's code read out by phone: a bundle sealed by anyone else is refused (exit 1).
The same bundle twice is refused, naming the earlier import (``DuplicateFileError``, exit 2).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import DuplicateFileError, SafeguardingBlock
from .safeguarding.actions import record_refusal
from .safeguarding.refusals import where_inside
from .safeguarding.vault_guard import guard_for_vault
from .times import format_local
from .vault import ArtefactSource, Case, Item, Vault


@dataclass
class ImportedBundle:
    bundle_item: Item         # the sealed original, kept bit for bit
    items: list[Item]         # one per item inside, in the bundle's order
    provenance: dict

    def to_json(self) -> dict:
        return {"bundle_item": self.bundle_item.id, "items": [i.id for i in self.items],
                "source": dict(self.provenance)}


def earlier_import(vault: Vault, sha256: str) -> Item | None:
    """The item keeping this very bundle (same SHA-256) from an earlier import, if any."""
    for item in vault.items_holding(sha256):
        if item.info.get("received_bundle"):
            return item
    return None


def import_bundle(vault: Vault, case: Case, path, *, password: str | None = None,
                  trusted_timestamps=None, expect: str | None = None) -> ImportedBundle:
    """Check, guard and import the bundle at ``path`` into ``case`` (see the module's doc)."""
    from .bundle.received import read_received  # pyHanko is slow to import: only when importing

    path = Path(path)
    received = read_received(path, password=password, trusted_timestamps=trusted_timestamps, expect=expect)
    guard = guard_for_vault(vault)
    try:
        guard.inspect(kind="file", url=path.name, body=received.data, content_type="application/pdf")
        for item in received.items:
            for part in item.parts:
                guard.inspect(kind="file", url=f"{path.name}, item {item.number}: {part.filename}",
                              body=part.data, content_type=part.media_type)
    except SafeguardingBlock as block:
        record_refusal(vault, block, url=where_inside(block, path.name), case=case)
        raise
    earlier = earlier_import(vault, received.sha256)
    if earlier is not None:
        raise DuplicateFileError(
            f"This bundle ({path.name}) was already imported on {format_local(earlier.created_at)}, as item "
            f"{earlier.id} in case '{earlier.case}', with its {earlier.info['received_bundle'].get('items', 0)} "
            "item(s). Nothing was added.", [earlier.id])
    source = received.provenance
    entries: list[tuple[str, dict, list[ArtefactSource]]] = [(
        "file",
        {"filename": path.name, "media_type": "application/pdf", "note": None,
         "received_bundle": {**source, "items": len(received.items)}},
        [ArtefactSource("original", path.name, "application/pdf", [received.data])])]
    for item in received.items:
        info = dict(item.info)
        earlier_source = info.pop("source", None)
        if isinstance(earlier_source, dict):  # its corrections are in the record's amendments already
            earlier_source = {k: v for k, v in earlier_source.items() if k != "amendments"}
        info.pop("received_bundle", None)
        info["source"] = {**source, "item_number": item.number, "added_by_sender_at": item.created_at,
                          **({"withdrawn_by_sender": item.withdrawn} if item.withdrawn else {}),
                          **({"amendments": item.amendments} if item.amendments else {}),
                          **({"earlier_source": earlier_source} if earlier_source else {})}
        entries.append((item.kind, info, [ArtefactSource(p.role, p.filename, p.media_type, [p.data])
                                          for p in item.parts]))
    stored = vault.add_received(case, entries)
    return ImportedBundle(stored[0], stored[1:], source)


def received_from(item: Item) -> str | None:
    """"From Sarah Smith's bundle (sealed Fri 4 Dec 2026, 16:30 GMT)", for an imported item."""
    source = item.info.get("source")
    if not isinstance(source, dict):
        return None
    sealed = format_local(source["sealed_at"]) if source.get("sealed_at") else "time not known"
    return f"From {source.get('from_name') or 'an unnamed sender'}'s bundle (sealed {sealed})"


def source_lines(item: Item) -> list[str]:
    """What ``show`` prints about where an item came from: the sender, their code, the bundle."""
    source = item.info.get("source") or item.info.get("received_bundle")
    if not isinstance(source, dict):
        return []
    sealed = format_local(source["sealed_at"]) if source.get("sealed_at") else "time not known"
    who = source.get("from_name") or "an unnamed sender"
    role = f", {source['from_role']}" if source.get("from_role") else ""
    if "item_number" in source:
        first = f"  from: {who}{role}; item {source['item_number']} of their bundle (sealed {sealed})"
    else:
        first = (f"  a bundle received from {who}{role}, kept as sealed (sealed {sealed}), "
                 f"holding {source.get('items', 0)} item(s)")
    return [first, f"  sender's code: {source.get('code')} (sealing time from {source.get('sealed_at_from')})",
            f"  bundle SHA-256: {source.get('bundle_sha256')}"]


def looks_like_bundle(path) -> str:
    """What a PDF someone chose or dropped is, so the app can offer "add it as a bundle you
    received" instead of keeping it as an opaque file: ``"bundle"`` when it carries an
    Evidence Vault manifest, ``"locked"`` when it is an encrypted PDF (only its password can
    tell; a sealed bundle may have one), ``""`` otherwise. Reads the file's structure only and
    checks nothing: ``import_bundle`` checks the seal before anything is kept."""
    import json

    from .bundle import manifest as mf
    from .bundle.limits import DEFAULT_LIMITS, LimitExceeded
    from .bundle.pdf_files import list_attached, read_small
    from .bundle.pdf_open import open_pdf
    from .bundle.verify import BundleReport
    from .errors import BundlePasswordError

    path = Path(path)
    if path.suffix.lower() != ".pdf" or not path.is_file():
        return ""
    report = BundleReport()
    try:
        opened = open_pdf(path, None, report, BundlePasswordError, DEFAULT_LIMITS)
    except BundlePasswordError:
        return "locked"
    if opened is None:  # not a PDF, or one that cannot be read: an ordinary file
        return ""
    try:
        files = list_attached(opened.reader, report, DEFAULT_LIMITS)
        if mf.MANIFEST_NAME not in files:
            return ""
        man = json.loads(read_small(opened.reader, files[mf.MANIFEST_NAME], DEFAULT_LIMITS.max_manifest_bytes))
        return "bundle" if isinstance(man, dict) and man.get("format") == mf.FORMAT_NAME else ""
    except (LimitExceeded, ValueError, KeyError):
        return ""
    finally:
        opened.close()


__all__ = ["import_bundle", "looks_like_bundle", "earlier_import", "received_from", "source_lines", "ImportedBundle"]
