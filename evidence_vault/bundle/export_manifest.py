# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What a bundle carries besides its pages, and the manifest that lists it: each item's
attached files (names safe for ``pdfdetach -saveall``), its record, the note as typed, the
checkpoint document, and the manifest itself (manifest.py holds the format; this module fills
it in for one export). The originals are read here, through the vault's guarded read path,
and checked against their records as they are attached."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .. import _version
from ..errors import IntegrityError
from ..vault import checkpoints as cp
from . import manifest, nested
from .item_words import TYPED_ROLE, typed_name
from .pdf_files import SAFE_NAME

#: pyHanko (and so some recipients' tools) refuses to unpack one attached file larger than this
TOOL_STREAM_LIMIT = 256 << 20


@dataclass
class Contents:
    """The attachments of one export, as the pages and the manifest name them."""

    names: dict[tuple[int, str], str]  # (item id, role) -> attachment name
    attachments: list[manifest.Attachment]
    page_af: dict[str, int]  # attachment name -> the page (0-based) it is tied to
    items: list[dict]  # the manifest's item entries


def describe(sel, plans) -> Contents:
    """Name and describe every file an export attaches, item by item (nothing is read)."""
    out = Contents({}, [], {}, [])
    for p in plans:
        _describe_item(out, sel, p)
    out.page_af[manifest.CHECKPOINT_NAME] = 1
    out.page_af[manifest.MANIFEST_NAME] = 1
    return out


def _describe_item(out: Contents, sel, p) -> None:
    item, names, page_af = p.item, out.names, out.page_af
    for a in item.artefacts:
        name = manifest.attachment_name(item.id, a.role, a.filename)
        if not SAFE_NAME.fullmatch(name):  # pdfdetach -saveall writes these names: never a path
            raise AssertionError(f"unsafe attachment name {name!r}")
        if name in page_af:
            raise IntegrityError(f"Item {item.id} has two files called {name}.", [f"item {item.id}: duplicate role"])
        names[(item.id, a.role)] = name
        page_af[name] = p.first_page - 1
        out.attachments.append(manifest.Attachment(name, a.role, item.id, a.media_type, a.sha256, a.size,
                                                   a.filename if item.kind == "file" else None))
    typed = p.words.typed_text if p.words is not None else None
    if typed is not None:  # the note as typed, where the pages cannot show all of it
        names[(item.id, TYPED_ROLE)] = typed_name(item.id)
        page_af[typed_name(item.id)] = p.first_page - 1
        out.attachments.append(manifest.describe(typed, name=typed_name(item.id), role=TYPED_ROLE, item=item.id,
                                                 media_type="text/plain; charset=utf-8"))
    rname = manifest.record_name(item.id)
    page_af[rname] = p.first_page - 1
    out.attachments.append(manifest.describe(record_bytes(item), name=rname, role="record", item=item.id,
                                             media_type="application/json"))
    out.items.append({"id": item.id, "number": p.number, "kind": item.kind, "created_at": item.created_at,
                      "first_page": p.first_page, "sha256": item.main_sha256,
                      "attachments": [names[(item.id, a.role)] for a in item.artefacts]
                      + ([typed_name(item.id)] if typed is not None else []) + [rname],
                      "events": [e.seq for e in sel.custody if item.id in e.item_ids],
                      **nested.manifest_fields(item, names)})


def record_bytes(item) -> bytes:
    return (json.dumps(item.to_json(), indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def checkpoint_document(check, public_der: bytes) -> bytes:
    """The checkpoint the bundle is sealed against, with the vault's public key."""
    return manifest.encode({
        "format": manifest.FORMAT_NAME, "version": manifest.FORMAT_VERSION,
        "checkpoint": check.to_json(),
        "public_key": base64.b64encode(public_der).decode("ascii"),
        "public_key_sha256": cp.fingerprint(public_der),
    })


@dataclass
class ManifestFacts:
    """Everything the manifest says that does not change between sealing attempts."""

    created_at: str
    vault_id: str
    case: object
    owner: dict
    recipient: str | None
    contents: Contents
    sel: object  # collect.select's selection
    checkpoint_seq: int
    material: object  # certificate.SignerMaterial
    public_der: bytes
    view: object | None = None  # a redacted copy's view (redacted.py), which annotates it

    def document(self, declared) -> bytes:
        """The manifest, declaring the timestamp authority ``declared`` (or none)."""
        sel, material = self.sel, self.material
        built = manifest.build(
            created_at=self.created_at, app_version=_version.__version__, vault_id=self.vault_id,
            case=self.case, owner=self.owner, recipient=self.recipient, items=self.contents.items,
            withheld=sel.withheld, withdrawn=sel.withdrawn, attachments=self.contents.attachments,
            custody=sel.custody, hashes=sel.hashes, checkpoint_seq=self.checkpoint_seq,
            signer={"certificate_sha256": material.fingerprint, "name": material.name,
                    "vault_key": material.is_vault_key,
                    "vault_public_key_sha256": cp.fingerprint(self.public_der)},
            timestamp=declared.to_json() if declared else None)
        return manifest.encode(self.view.annotate(built) if self.view is not None else built)


def size_warnings(sel) -> list[str]:
    out = []
    for item in sel.items:
        for a in item.artefacts:
            if a.size > TOOL_STREAM_LIMIT:
                out.append(f"Item {item.id}'s {a.role} file is {a.size / (1 << 20):,.0f} MB. Evidence Vault's check "
                           "reads it, but some PDF tools refuse an attached file over 256 MB: if the recipient "
                           "uses another tool, send that file separately as well.")
    return out


def attachment_data(vault, sel, atts, checkpoint_doc: bytes, say: Callable[[str], None],
                    plans=()) -> Iterator[tuple[manifest.Attachment, bytes]]:
    """Yield (Attachment, bytes), reading each original through the vault's guarded read path."""
    by_name = {a.name: a for a in atts}
    typed = {p.item.id: p.words.typed_text for p in plans if p.words is not None and p.words.typed_text is not None}
    # metadata.json was decrypted once by the plan: attached from there (checked below as any file)
    read = {(p.item.id, "metadata"): p.metadata_bytes for p in plans if p.metadata_bytes is not None}
    for n, item in enumerate(sel.items, 1):
        say(f"Attaching the files of item {n} of {len(sel.items)}")
        for a in item.artefacts:
            data = read.pop((item.id, a.role), None)
            if data is None:
                data = vault.read_artefact(item.id, a.role)  # refuses quarantined items
            att = by_name[manifest.attachment_name(item.id, a.role, a.filename)]
            if len(data) != att.size or manifest.describe(data, name="", role="", item=None,
                                                          media_type="").sha256 != att.sha256:
                raise IntegrityError(f"The stored file of item {item.id} ({a.role}) does not match its record; "
                                     "no bundle was made. Run 'evidence-vault verify'.",
                                     [f"item {item.id}: {a.role} hash differs"])
            yield att, data
        if item.id in typed:
            yield by_name[typed_name(item.id)], typed[item.id]
        yield by_name[manifest.record_name(item.id)], record_bytes(item)
    yield by_name[manifest.CHECKPOINT_NAME], checkpoint_doc
