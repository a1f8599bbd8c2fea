# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""``export_bundle``: one case (or chosen items) out of the vault as one sealed PDF.

Order, each step a plain-English ``progress`` message for the desktop app:
1. the items are chosen (collect.py applies clause 71 before anything is read; a refused
   export stops here, before anything is written to the vault);
2. a signed checkpoint of the vault's history is taken; the bundle is sealed against it;
3. every page is planned (export_plan.py), then drawn with reportlab, in memory, one picture
   decoded at a time (export_draw.py);
4. the originals, each item's record, the checkpoint and the manifest are attached
   (export_manifest.py, pyHanko);
5. optionally encrypted (AES-256), then signed (PAdES B-B) and, with a timestamp authority,
   given a document timestamp that the manifest declares (export_seal.py, signing.py). An
   authority that is down, slow or not the one pinned costs the timestamp, never the export;
6. the finished file replaces ``out_path`` in one step, and the export is recorded in the
   vault's history (with the bundle's SHA-256) followed by a fresh checkpoint.
Nothing but the output file (and its own partial copies beside it) is ever written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import StorageError, UsageError
from ..vault.ledger import utc_now
from . import collect, export_manifest, manifest, signing
from .certificate import org_signer, vault_signer
from .export_draw import draw_bundle
from .export_plan import plan_pages
from .export_seal import SealFiles, attach, seal


@dataclass
class ExportResult:
    path: Path
    sha256: str
    signer_fingerprint: str
    signer_name: str
    items_exported: list[int]
    items_withheld: int
    pages: int
    timestamped: bool
    checkpoint_seq: int
    warnings: list[str] = field(default_factory=list)
    redacted: bool = False  # a redacted copy (redacted.py)

    def to_json(self) -> dict:
        return {"path": str(self.path), "sha256": self.sha256, "signer_fingerprint": self.signer_fingerprint,
                "signer_name": self.signer_name, "items_exported": self.items_exported,
                "items_withheld": self.items_withheld, "pages": self.pages, "timestamped": self.timestamped,
                "checkpoint_seq": self.checkpoint_seq, "warnings": list(self.warnings),
                "redacted": self.redacted}


def export_bundle(vault, case, out_path, *, recipient=None, item_ids=None, password=None,
                  timestamp=None, org_cert=None, org_cert_password=None, progress=None,
                  redacted: bool = False) -> ExportResult:
    """``timestamp``: a timestamps.TimestampAuthority (pinned: its certificates are what the
    token must chain to), or None for no independent time. ``redacted``: a redacted copy for a
    recipient who may not see what was redacted (redacted.py)."""
    say = progress or (lambda _text: None)
    out_path = _check_request(out_path, timestamp, password)
    if isinstance(case, (str, int)):
        case = vault.find_case(str(case))
    view = None
    if redacted:
        from .redacted import RedactedView
        view = vault = RedactedView(vault)
    say("Choosing the items")
    chosen = collect.choose(vault, case, list(item_ids) if item_ids else None)  # refusals: nothing signed
    material = org_signer(Path(org_cert), org_cert_password) if org_cert else vault_signer(vault)
    say("Sealing a checkpoint of the vault's history")
    check = vault.checkpoint()
    sel = collect.select(vault, case, list(item_ids) if item_ids else None, check.seq, chosen)
    warnings: list[str] = []
    if view is not None:
        say("Making the redacted renderings")
        warnings += view.prepare(sel)
        case = view.case_shown(case)

    say("Planning the pages")
    layout = plan_pages(vault, sel)
    contents = export_manifest.describe(sel, layout.items)
    if view is not None:
        contents.attachments = view.mark_attachments(contents.attachments)
    warnings += export_manifest.size_warnings(sel)
    owner, public_der = vault.owner(), vault.public_key_der()
    checkpoint_doc = export_manifest.checkpoint_document(check, public_der)
    contents.attachments.append(manifest.describe(checkpoint_doc, name=manifest.CHECKPOINT_NAME, role="checkpoint",
                                                  item=None, media_type="application/json"))
    facts = export_manifest.ManifestFacts(utc_now(), vault.vault_id.hex(), case, owner, recipient, contents, sel,
                                          check.seq, material, public_der, view)
    info = _cover_facts(case, owner, recipient, facts.created_at, layout, sel, material, check)
    doc = {"case": case.name, "total": layout.total, "owner": owner}
    if view is not None:
        from .redacted import stamped_canvas
        doc["canvas"] = stamped_canvas(view.stamp())

    files = SealFiles.beside(out_path)
    try:
        draw_bundle(files.drawn, doc, layout, info, sel.custody, vault, contents.names, say)
        say("Attaching the original files")
        attach(files, export_manifest.attachment_data(vault, sel, contents.attachments, checkpoint_doc, say,
                                                      layout.items), contents.page_af, private=password is not None)
        sealed = seal(files, facts.document, contents.page_af, material, password=password, timestamp=timestamp,
                      say=say)
        warnings += sealed.warnings
        os.replace(files.signed, out_path)
    except OSError as exc:
        raise StorageError(f"The bundle could not be saved to {out_path} ({exc.strerror}). "
                           "Nothing was exported.") from exc
    finally:
        files.remove()

    digest = signing.file_sha256(out_path)
    say("Recording the export in the vault's history")
    vault.record_export(case_id=case.id, items=[i.id for i in sel.items], recipient=recipient,
                        bundle_sha256=digest, checkpoint_seq=check.seq, withheld=sel.withheld,
                        signer_fingerprint=material.fingerprint, redacted=view is not None)
    return ExportResult(out_path, digest, material.fingerprint, material.name, [i.id for i in sel.items],
                        sel.withheld, layout.total, sealed.stamped, check.seq, warnings, view is not None)


def _check_request(out_path, timestamp, password) -> Path:
    """Refuse, before anything is read or written, what cannot make a bundle."""
    out_path = Path(out_path)
    if out_path.is_dir():
        raise UsageError(f"{out_path} is a folder; give a file name ending in .pdf.")
    if not out_path.parent.is_dir():
        raise UsageError(f"There is no folder {out_path.parent} to save the bundle in.")
    if timestamp is not None:
        signing.check_timestamp_url(timestamp.url or "")
    if password is not None and not password:
        raise UsageError("The bundle password is empty. Give a password, or leave the bundle unencrypted.")
    return out_path


def _cover_facts(case, owner: dict, recipient, created_at: str, layout, sel, material, check) -> dict:
    """What the cover, the check page and the IT appendix say about the bundle."""
    return {"case": case.name, "owner_name": owner.get("name"), "owner_role": owner.get("role"),
            "recipient": recipient, "created_at": created_at, "count": len(layout.items),
            "withheld": sel.withheld, "withdrawn": sel.withdrawn, "signer_name": material.name,
            "signer_fingerprint": material.fingerprint, "checkpoint_seq": check.seq,
            "checkpoint_at": check.at, "checkpoint_head": check.head, "appendix_page": layout.total}
